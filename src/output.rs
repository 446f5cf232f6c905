//! Writing the output folder safely. Pages go to a staging folder beside the output
//! folder, which is swapped in only once everything is written, so a failed build
//! leaves the previous site untouched. dangos only ever replaces a folder that carries
//! its marker file, and never one that holds the site itself.

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

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
        Err(Diagnostic::new(format!("refusing to use {shown} as the output folder: {why}"))
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
/// untouched. Files may be written from many threads at once.
pub struct Staging {
    /// The folder being written.
    dir: PathBuf,
    /// The output folder it replaces.
    out: PathBuf,
    /// Where the old output folder goes while the new one moves in.
    old: PathBuf,
    committed: bool,
}

/// Deletes `dir` and everything in it, a folder's entries in parallel: deleting the
/// previous build's thousands of files is the last step of every build. Symbolic
/// links are deleted, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

fn io_fail(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(format!("cannot {what} {}: {e}", path.display()))
}

impl Staging {
    /// Checks that `output` may be replaced (see [`check_output_dir`]) and makes an
    /// empty staging folder beside it.
    pub fn begin(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        check_output_dir(root, output)?;
        let out = absolute(output);
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.dangos-staging-{pid}"));
        let old = parent.join(format!(".{name}.dangos-old-{pid}"));
        fs::create_dir_all(&parent).map_err(|e| io_fail("create", &parent, e))?;
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_fail("remove the leftover", &dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_fail("create", &dir, e))?;
        Ok(Staging {
            dir,
            out,
            old,
            committed: false,
        })
    }

    /// Writes one file, `rel` under the output folder, making its folders as needed.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.dir.join(rel);
        match fs::write(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Its folder is not made yet: the first file of a folder makes it.
                if let Some(dir) = path.parent() {
                    fs::create_dir_all(dir).map_err(|e| io_fail("create", dir, e))?;
                }
                fs::write(&path, bytes).map_err(|e| io_fail("write", &path, e))
            }
            r => r.map_err(|e| io_fail("write", &path, e)),
        }
    }

    /// Marks the new folder as dangos's and swaps it in for the output folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let (dir, out, old) = (&self.dir, &self.out, &self.old);
        fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| io_fail("write", dir, e))?;
        if out.exists() {
            fs::rename(out, old).map_err(|e| io_fail("move aside", out, e))?;
            if let Err(e) = fs::rename(dir, out) {
                let _ = fs::rename(old, out);
                return Err(io_fail("move into place", out, e));
            }
            // The old folder had our marker (checked in `begin`), so it is ours to
            // delete.
            let _ = remove_tree(old);
        } else {
            fs::rename(dir, out).map_err(|e| io_fail("move into place", out, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// What [`update_site`] changed, as paths relative to the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// Files written because they are new or their bytes changed.
    pub written: Vec<PathBuf>,
    /// Stale files deleted because the new build no longer makes them.
    pub deleted: Vec<PathBuf>,
}

/// Brings an existing output folder up to date in place, for `dangos watch`: writes
/// the files whose bytes changed, deletes the files the new build no longer makes,
/// and leaves every other file untouched (so its modification time says when it
/// last really changed, and rsync or a web server cache sees only real changes).
///
/// `previous` is the last build written to this folder, kept in memory; with it the
/// comparison costs no disk reads. Without it (the first build of a session) every
/// file is compared with what is on disk, and files the build does not make are
/// deleted. Either way dangos only touches a folder that carries its marker (or an
/// empty or missing one, which it marks), and each file is written to a temporary
/// name beside it and renamed into place, so a reader never sees half a file.
pub fn update_site(
    root: &Path,
    output: &Path,
    files: &[(&Path, &[u8])],
    previous: Option<&[(&Path, &[u8])]>,
) -> Result<Updated, Diagnostic> {
    check_output_dir(root, output)?;
    let out = absolute(output);
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::new(format!("cannot {what} {}: {e}", path.display()))
    };
    for (rel, _) in files.iter().chain(previous.unwrap_or_default()) {
        let plain = rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain || rel.as_os_str().is_empty() || *rel == Path::new(MARKER) {
            return Err(Diagnostic::new(format!(
                "refusing to write {} outside the output folder",
                rel.display()
            )));
        }
    }
    fs::create_dir_all(&out).map_err(|e| fail("create", &out, e))?;
    if !out.join(MARKER).is_file() {
        fs::write(out.join(MARKER), MARKER_TEXT).map_err(|e| fail("write", &out, e))?;
    }

    let mut updated = Updated::default();
    // Keyed by the paths' bytes: hashing a `Path` walks its components, and a site
    // has thousands.
    let wanted: rustc_hash::FxHashSet<&OsStr> = files.iter().map(|(p, _)| p.as_os_str()).collect();
    let stale: Vec<PathBuf> = match previous {
        Some(prev) => {
            let before: rustc_hash::FxHashMap<&OsStr, &[u8]> =
                prev.iter().map(|(p, b)| (p.as_os_str(), *b)).collect();
            for &(rel, bytes) in files {
                // The same bytes in memory are unchanged (a rebuild shares what it
                // did not make again), and comparing them would read every file.
                let same = before.get(rel.as_os_str()).is_some_and(|b| {
                    std::ptr::eq(b.as_ptr(), bytes.as_ptr()) && b.len() == bytes.len()
                        || *b == bytes
                });
                if !same {
                    updated.written.push(rel.to_path_buf());
                }
            }
            prev.iter()
                .filter(|(p, _)| !wanted.contains(p.as_os_str()))
                .map(|(p, _)| p.to_path_buf())
                .collect()
        }
        None => {
            for &(rel, bytes) in files {
                if fs::read(out.join(rel)).ok().as_deref() != Some(bytes) {
                    updated.written.push(rel.to_path_buf());
                }
            }
            walkdir::WalkDir::new(&out)
                .min_depth(1)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .filter_map(|e| e.path().strip_prefix(&out).ok().map(Path::to_path_buf))
                .filter(|rel| rel != Path::new(MARKER) && !wanted.contains(rel.as_os_str()))
                .collect()
        }
    };

    let by_path: rustc_hash::FxHashMap<&OsStr, &[u8]> =
        files.iter().map(|(p, b)| (p.as_os_str(), *b)).collect();
    for rel in &updated.written {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| fail("create", dir, e))?;
        }
        let name = rel.file_name().unwrap_or_default().to_string_lossy();
        let tmp = path.with_file_name(format!(".{name}.dangos-staging"));
        fs::write(&tmp, by_path[rel.as_os_str()])
            .and_then(|()| fs::rename(&tmp, &path))
            .map_err(|e| {
                let _ = fs::remove_file(&tmp);
                fail("write", &path, e)
            })?;
    }
    for rel in stale {
        let path = out.join(&rel);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail("delete the stale file", &path, e)),
        }
        // Remove folders the deletion left empty (a deleted indicator's folder), up
        // to the output folder itself; `remove_dir` fails, harmlessly, on the first
        // folder that still holds something.
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != out && d.starts_with(&out)) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        updated.deleted.push(rel);
    }
    Ok(updated)
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

    #[test]
    fn update_site_touches_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let p = |s: &str| PathBuf::from(s);
        let (a, b, c) = (
            p("en/index.html"),
            p("en/indicators/x/index.html"),
            p("cy/index.html"),
        );
        let first: Vec<(&Path, &[u8])> = vec![(&a, b"a1"), (&b, b"b1"), (&c, b"c1")];
        let done = update_site(root, &out, &first, None).unwrap();
        assert_eq!(done.written.len(), 3);
        assert!(out.join(MARKER).is_file());
        let mtime = |rel: &Path| fs::metadata(out.join(rel)).unwrap().modified().unwrap();
        let a_time = mtime(&a);
        std::thread::sleep(std::time::Duration::from_millis(20));

        // `b` is no longer made and `c` changed: `a` keeps its modification time.
        let second: Vec<(&Path, &[u8])> = vec![(&a, b"a1"), (&c, b"c2")];
        let done = update_site(root, &out, &second, Some(&first)).unwrap();
        assert_eq!(done.written, vec![c.clone()]);
        assert_eq!(done.deleted, vec![b.clone()]);
        assert_eq!(mtime(&a), a_time);
        assert_eq!(fs::read(out.join(&c)).unwrap(), b"c2");
        assert!(!out.join("en/indicators").exists(), "empty folders go too");

        // Without a previous build, compare with the disk and delete strays.
        fs::write(out.join("stray.html"), "x").unwrap();
        let done = update_site(root, &out, &second, None).unwrap();
        assert!(done.written.is_empty());
        assert_eq!(done.deleted, vec![p("stray.html")]);
        assert_eq!(mtime(&a), a_time);
    }

    #[test]
    fn update_site_refuses_unmarked_folders_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "x").unwrap();
        let a = PathBuf::from("en/index.html");
        let files: Vec<(&Path, &[u8])> = vec![(&a, b"a")];
        assert!(update_site(root, &out, &files, None).is_err());
        assert!(out.join("precious.txt").exists());
        fs::remove_file(out.join("precious.txt")).unwrap();
        let evil = PathBuf::from("../evil.html");
        let files: Vec<(&Path, &[u8])> = vec![(&evil, b"x")];
        assert!(update_site(root, &out, &files, None).is_err());
        assert!(!root.join("evil.html").exists());
    }
}
