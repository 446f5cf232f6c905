//! Writing the output folder: the only code that writes there. `dangos build` writes
//! a staging folder beside the output folder and swaps it in whole ([`Staging`]);
//! `dangos watch` brings the output folder up to date in place ([`InPlace`]). Both
//!
//! - touch only a folder that carries dangos's marker (or an empty or missing one);
//! - never follow a link inside the output folder: a link found there is removed (the
//!   link, not what it points to) and replaced by what the build makes
//!   ([`nofollow`]), so nothing outside the output folder is written or deleted;
//! - hold the output folder's lock while they write, so two writers never mix their
//!   files, and remove what killed writers left beside it ([`lock`]).
//!
//! A build swaps its staging folder in with one atomic exchange where the system
//! offers one (Linux), so the output folder is there, whole, at every instant.

mod in_place;
mod lock;
mod nofollow;

pub use in_place::{InPlace, Updated};

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
// `dangos import` stops at its own points the same way.
use lock::OutputLock;
pub(crate) use lock::fault_point;
use nofollow::{Dir, Kind};
use rayon::prelude::*;
use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The marker file that says "dangos made this folder; it may replace it".
pub const MARKER: &str = ".dangos-output";

const MARKER_TEXT: &str = "This folder is made by `dangos build` and is replaced by every build.\nDo not keep anything here that is not made by dangos.\n";

/// Checks that `output` may be written and replaced: it is not the site root, not
/// inside or around `content/`, `themes/` or `static/`, and, if it already has
/// files, it has the marker.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(output);
    let shown = out.display().to_string();
    let refuse = |why: String| {
        Err(Diagnostic::new(Code::Output, format!("refusing to use {shown} as the output folder: {why}"))
            .help("set `output` in site.toml (or pass --output) to a folder only dangos writes to, such as public"))
    };
    if out.parent().is_none() {
        return refuse("it is the top of the file system".into());
    }
    if root.starts_with(&out) {
        return refuse("it holds the site itself".into());
    }
    for protected in ["content", "themes", "static", crate::config::CONFIG_FILE] {
        let p = root.join(protected);
        if out.starts_with(&p) || p.starts_with(&out) {
            return refuse(format!("it is, or is inside, {protected}"));
        }
    }
    if out.is_file() {
        return refuse("it is a file".into());
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse(format!(
                "it already has files, and no {MARKER} marker to say dangos made it, so dangos will not replace it"
            ));
        }
    }
    Ok(())
}

/// Writes `files` into a new staging folder and swaps it in for `output`.
pub fn write_site(
    root: &Path,
    output: &Path,
    files: &[(PathBuf, Vec<u8>)],
) -> Result<(), Diagnostic> {
    let staging = Staging::begin(root, output)?;
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.write(rel, bytes))?;
    staging.commit()
}

/// A new output folder being written beside the real one, swapped in by
/// [`Staging::commit`] once every file is there. Dropped without a commit (a page
/// failed to render, the disk is full), it is deleted and the output folder is
/// untouched. Files may be written from many threads at once. The output folder's
/// lock is held from [`Staging::begin`] to the end, so a second build waits.
pub struct Staging {
    /// The folder being written.
    dir: PathBuf,
    /// The output folder it replaces.
    out: PathBuf,
    /// The output folder's lock.
    _lock: OutputLock,
    committed: bool,
}

fn io_fail(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Output,
        format!("cannot {what} {}: {e}", path.display()),
    )
}

/// Refuses a path that is not plain names under the output folder (`..`, `/x`).
fn check_rel(rel: &Path) -> Result<(), Diagnostic> {
    // One walk through the names: a rebuild checks every file of the site, and
    // comparing whole paths walks them again.
    let (mut names, mut marker) = (0, false);
    let plain = rel.components().all(|c| match c {
        Component::Normal(name) => {
            names += 1;
            marker = names == 1 && name == MARKER;
            true
        }
        _ => false,
    });
    if !plain || names == 0 || names == 1 && marker {
        return Err(Diagnostic::new(
            Code::Output,
            format!(
                "refusing to write {} outside the output folder",
                rel.display()
            ),
        ));
    }
    Ok(())
}

impl Staging {
    /// Checks that `output` may be replaced (see [`check_output_dir`]), takes its
    /// lock (waiting for another build), removes what killed builds left beside it,
    /// and makes an empty, marked staging folder.
    pub fn begin(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        check_output_dir(root, output)?;
        let out = absolute(output);
        let (parent, name) = lock::split(&out);
        fs::create_dir_all(parent).map_err(|e| io_fail("create", parent, e))?;
        let held = OutputLock::take(&out)?;
        lock::remove_leftovers(&held, &out);
        let staging = lock::staging_name(&name);
        let dir = parent.join(&staging);
        let beside = Dir::open(parent).map_err(|e| io_fail("open", parent, e))?;
        // A folder of this name is a leftover of an earlier process with our id.
        beside
            .remove_tree(OsStr::new(&staging))
            .map_err(|e| io_fail("remove the leftover", &dir, e))?;
        fs::create_dir(&dir).map_err(|e| io_fail("create", &dir, e))?;
        let staged = Staging {
            dir,
            out,
            _lock: held,
            committed: false,
        };
        // Marked at once, so that if this build is killed, the next one knows the
        // folder for dangos's and removes it.
        staged.write(Path::new(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(staged)
    }

    /// Writes one file, `rel` under the output folder, making its folders as needed.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        if rel != Path::new(MARKER) {
            check_rel(rel)?;
        }
        let path = self.dir.join(rel);
        match write_file(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Its folder is not made yet: the first file of a folder makes it.
                if let Some(dir) = path.parent() {
                    fs::create_dir_all(dir).map_err(|e| io_fail("create", dir, e))?;
                }
                write_file(&path, bytes).map_err(|e| io_fail("write", &path, e))
            }
            r => r.map_err(|e| io_fail("write", &path, e)),
        }
    }

    /// Swaps the staging folder in for the output folder, and deletes the previous
    /// output. On Linux the two folders are exchanged in one step; elsewhere (or on
    /// a file system that cannot) the output folder is moved aside and the staging
    /// folder moved in, and between the two renames there is no output folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        fault_point("staged");
        let out = &self.out;
        let (parent, name) = lock::split(out);
        let beside = Dir::open(parent).map_err(|e| io_fail("open", parent, e))?;
        let (staging, name) = (self.dir.file_name().unwrap_or_default(), OsStr::new(&name));
        let moved = |e| io_fail("move into place", out, e);
        if beside.kind(name) == Kind::Missing {
            beside.rename(staging, name).map_err(moved)?;
            self.committed = true;
            return Ok(());
        }
        let exchanged = !lock::exchange_disabled()
            && beside
                .exchange(staging, name)
                .map_err(|e| io_fail("swap in", out, e))?;
        // What is left to delete: the previous output, under one name or the other.
        let previous = if exchanged {
            self.committed = true;
            fault_point("exchanged");
            staging.to_os_string()
        } else {
            let old = lock::old_name(&lock::split(out).1);
            beside
                .rename(name, OsStr::new(&old))
                .map_err(|e| io_fail("move aside", out, e))?;
            fault_point("moved-aside");
            if let Err(e) = beside.rename(staging, name) {
                let _ = beside.rename(OsStr::new(&old), name);
                return Err(moved(e));
            }
            self.committed = true;
            fault_point("moved-in");
            old.into()
        };
        // The previous output had our marker (checked in `begin`), so it is ours to
        // delete; if this fails or is cut short, the next build removes the rest.
        let _ = lock::remove_marked(&beside, &previous);
        Ok(())
    }
}

/// Writes a whole file in a staging folder, replacing a file but never writing
/// through a link (a staging folder is new and only dangos writes there, so a link
/// in it can only be another program's doing).
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = fs::File::options();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)?.write_all(bytes)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let (parent, _) = lock::split(&self.dir);
            if let (Ok(beside), Some(name)) = (Dir::open(parent), self.dir.file_name()) {
                let _ = lock::remove_marked(&beside, name);
            }
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    // canonicalize resolves symbolic links, so a link to content/ is caught too; for a
    // folder not yet made, canonicalise its nearest existing ancestor.
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_plain_names_only_and_never_the_marker() {
        for ok in [
            "a",
            "en/index.html",
            "a/.dangos-output",
            ".dangos-output/x",
            "a/",
        ] {
            assert!(check_rel(Path::new(ok)).is_ok(), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "/a",
            "a/../b",
            "./a",
            ".dangos-output",
            ".dangos-output/",
        ] {
            assert!(check_rel(Path::new(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_the_site_and_its_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/pages")).unwrap();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/pages/x"),
            root.parent().unwrap().to_path_buf(),
        ] {
            assert!(check_output_dir(root, &bad).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_a_folder_without_the_marker_and_replaces_one_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "x").unwrap();
        let files = vec![(PathBuf::from("en/index.html"), b"hi".to_vec())];
        assert!(write_site(root, &out, &files).is_err());
        assert!(out.join("precious.txt").exists());
        fs::remove_file(out.join("precious.txt")).unwrap();
        write_site(root, &out, &files).unwrap();
        write_site(
            root,
            &out,
            &[(PathBuf::from("cy/index.html"), b"helo".to_vec())],
        )
        .unwrap();
        assert!(out.join("cy/index.html").exists());
        assert!(!out.join("en/index.html").exists(), "stale pages go");
        let leftovers: Vec<_> = fs::read_dir(root)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("dangos-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
