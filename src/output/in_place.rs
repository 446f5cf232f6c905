//! Writing rebuilds into the output folder in place, for `dangos watch`: only the
//! files whose bytes changed are written, stale ones deleted, everything else left
//! untouched, by the same rules as a build (see the parent module).

use super::lock::{self, OutputLock};
use super::nofollow::{self, Dir, Kind};
use super::{MARKER, MARKER_TEXT, absolute, check_output_dir, check_rel, io_fail};
use crate::diagnostics::Diagnostic;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// What [`InPlace::update`] changed, as paths relative to the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// Files written because they are new or their bytes changed.
    pub written: Vec<PathBuf>,
    /// Stale files (and links) deleted because the new build no longer makes them.
    pub deleted: Vec<PathBuf>,
}

/// Brings an existing output folder up to date in place, build after build, for
/// `dangos watch`: writes the files whose bytes changed, deletes the files the new
/// build no longer makes, and leaves every other file untouched (so its modification
/// time says when it last really changed, and rsync or a web server cache sees only
/// real changes). Each file is written to a temporary name beside it and renamed
/// into place, so a reader never sees half a file.
#[derive(Debug, Default)]
pub struct InPlace {
    /// The output folder's [`signature`] after our last write: if it differs,
    /// another process wrote the folder since.
    signature: Option<String>,
}

impl InPlace {
    /// A writer that has written nothing yet.
    pub fn new() -> InPlace {
        InPlace::default()
    }

    /// Writes `files` to `output`. `previous` is the last build written to this
    /// folder, kept in memory; with it the comparison costs no disk reads. Without it
    /// (the first build of a session), or if another process wrote the folder since,
    /// or a link was found in it, every file is compared with what is on disk and
    /// files the build does not make are deleted. The folder's lock is held while
    /// writing.
    pub fn update(
        &mut self,
        root: &Path,
        output: &Path,
        files: &[(&Path, &[u8])],
        previous: Option<&[(&Path, &[u8])]>,
    ) -> Result<Updated, Diagnostic> {
        check_output_dir(root, output)?;
        let out = absolute(output);
        for (rel, _) in files.iter().chain(previous.unwrap_or_default()) {
            check_rel(rel)?;
        }
        let parent = lock::split(&out).0;
        fs::create_dir_all(parent).map_err(|e| io_fail("create", parent, e))?;
        let held = OutputLock::take(&out)?;
        lock::remove_leftovers(&held, &out);
        // Another process wrote the folder since our last write if its marker is
        // not the one we left: memory no longer says what is on disk.
        let untouched = self.signature.is_some() && self.signature == signature(&out);
        self.signature = None;
        fs::create_dir_all(&out).map_err(|e| io_fail("create", &out, e))?;
        let top = Dir::open(&out).map_err(|e| io_fail("open", &out, e))?;
        let mark = || {
            top.write_atomic(OsStr::new(MARKER), MARKER_TEXT.as_bytes())
                .map_err(|e| io_fail("write", &out.join(MARKER), e))
        };
        // Marked before anything is written, so a watcher killed while writing
        // leaves a folder the next writer may replace.
        if top.kind(OsStr::new(MARKER)) != Kind::File {
            mark()?;
        }
        let mut previous = previous.filter(|_| untouched);
        let mut updated = Updated::default();
        loop {
            let mut replaced = false;
            let pass = update_pass(&top, files, previous, &mut replaced)?;
            updated.written.extend(pass.written);
            updated.deleted.extend(pass.deleted);
            // A link was in the way: what was behind it is not what memory says is
            // on disk. Compare everything with the disk once.
            if !(replaced && previous.is_some()) {
                break;
            }
            previous = None;
        }
        updated.written.sort();
        updated.written.dedup();
        // The marker is written anew after every write: its identity is our
        // signature.
        mark()?;
        self.signature = signature(&out);
        Ok(updated)
    }
}

/// Which output folder and marker file are at `out`: the folder's identity and the
/// marker's identity and time. Any other writer changes it (a build swaps in a new
/// folder; a watcher writes a new marker).
fn signature(out: &Path) -> Option<String> {
    let folder = fs::symlink_metadata(out).ok()?;
    let marker = fs::symlink_metadata(out.join(MARKER)).ok()?;
    let time = marker.modified().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(format!(
            "{}:{} {} {time:?}",
            folder.dev(),
            folder.ino(),
            marker.ino()
        ))
    }
    #[cfg(not(unix))]
    Some(format!("{:?} {time:?}", folder.created().ok()))
}

/// One pass of [`InPlace::update`]; `replaced` is set if a link (or a file where a
/// folder belongs) was found in the way and replaced.
fn update_pass(
    top: &Dir,
    files: &[(&Path, &[u8])],
    previous: Option<&[(&Path, &[u8])]>,
    replaced: &mut bool,
) -> Result<Updated, Diagnostic> {
    // Keyed by the paths' bytes: hashing a `Path` walks its components, and a site
    // has thousands.
    let wanted: rustc_hash::FxHashSet<&OsStr> = files.iter().map(|(p, _)| p.as_os_str()).collect();
    let (written, stale) = match previous {
        Some(prev) => changed_since(files, prev, &wanted),
        None => changed_on_disk(top, files, &wanted, replaced)?,
    };
    write_in_parallel(top, files, &written, replaced)?;
    let deleted = delete_stale(top, stale, replaced)?;
    Ok(Updated { written, deleted })
}

/// How many folders [`write_in_parallel`] keeps open at once.
const FOLDERS_AT_ONCE: usize = 64;

/// Writes the files of `files` at `written`: a batch of folders at a time, opened
/// (and made) one by one, as making one may replace what is in the way; then the
/// batch's files side by side. An edit under `dangos watch` rewrites the site-wide
/// data files (12 MB at 1,000 indicators), and the kernel's copying of them was most
/// of the write. Batches keep the folders open at once few: a first write has one
/// for each indicator.
fn write_in_parallel(
    top: &Dir,
    files: &[(&Path, &[u8])],
    written: &[PathBuf],
    replaced: &mut bool,
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    let by_path: rustc_hash::FxHashMap<&OsStr, &[u8]> =
        files.iter().map(|(p, b)| (p.as_os_str(), *b)).collect();
    let mut rest = written;
    while !rest.is_empty() {
        let mut folders: Vec<(&Path, Dir)> = Vec::new();
        let mut batch = Vec::new();
        for rel in rest {
            let folder = rel.parent().unwrap_or(Path::new(""));
            if folders.last().is_none_or(|(f, _)| *f != folder) {
                if folders.len() == FOLDERS_AT_ONCE {
                    break;
                }
                let (dir, _) = nofollow::parent_of(top, rel, true, replaced)
                    .map_err(|e| fail(top, "create the folder of", rel, e))?
                    .expect("made");
                folders.push((folder, dir));
            }
            batch.push((folders.len() - 1, rel));
        }
        rest = &rest[batch.len()..];
        batch.par_iter().try_for_each(|&(f, rel)| {
            let name = rel.file_name().unwrap_or_default();
            folders[f]
                .1
                .write_atomic(name, by_path[rel.as_os_str()])
                .map_err(|e| fail(top, "write", rel, e))
        })?;
    }
    Ok(())
}

/// An error about `rel` in the output folder `top`.
fn fail(top: &Dir, what: &str, rel: &Path, e: std::io::Error) -> Diagnostic {
    io_fail(what, &top.path().join(rel), e)
}

/// The files to write (new, or their bytes changed since `prev`, the last build
/// written) and the stale ones (in `prev`, not `wanted` now), compared in memory.
fn changed_since(
    files: &[(&Path, &[u8])],
    prev: &[(&Path, &[u8])],
    wanted: &rustc_hash::FxHashSet<&OsStr>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let before: rustc_hash::FxHashMap<&OsStr, &[u8]> =
        prev.iter().map(|(p, b)| (p.as_os_str(), *b)).collect();
    let mut written = Vec::new();
    for &(rel, bytes) in files {
        // The same bytes in memory are unchanged (a rebuild shares what it did not
        // make again), and comparing them would read every file.
        let same = before.get(rel.as_os_str()).is_some_and(|b| {
            std::ptr::eq(b.as_ptr(), bytes.as_ptr()) && b.len() == bytes.len() || *b == bytes
        });
        if !same {
            written.push(rel.to_path_buf());
        }
    }
    let stale = prev
        .iter()
        .filter(|(p, _)| !wanted.contains(p.as_os_str()))
        .map(|(p, _)| p.to_path_buf())
        .collect();
    (written, stale)
}

/// The files to write (new, or not the same bytes on disk) and the stale ones (on
/// disk in `top`, not `wanted`), compared with the disk.
fn changed_on_disk(
    top: &Dir,
    files: &[(&Path, &[u8])],
    wanted: &rustc_hash::FxHashSet<&OsStr>,
    replaced: &mut bool,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Diagnostic> {
    let mut folders = Folders::new(top);
    let mut written = Vec::new();
    for &(rel, bytes) in files {
        let on_disk = folders
            .parent(rel, replaced)
            .map_err(|e| fail(top, "read", rel, e))?
            .and_then(|(dir, name)| dir.read(name));
        if on_disk.as_deref() != Some(bytes) {
            written.push(rel.to_path_buf());
        }
    }
    let mut all = Vec::new();
    every_file(top, Path::new(""), &mut all).map_err(|e| fail(top, "read", Path::new(""), e))?;
    let stale = all
        .into_iter()
        .filter(|rel| rel != Path::new(MARKER) && !wanted.contains(rel.as_os_str()))
        .collect();
    Ok((written, stale))
}

/// Deletes the `stale` files from `top`, and the folders that leaves empty; the
/// files deleted (not those a folder made by this pass now stands in for).
fn delete_stale(
    top: &Dir,
    stale: Vec<PathBuf>,
    replaced: &mut bool,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut deleted = Vec::new();
    for rel in stale {
        let Some((dir, name)) = nofollow::parent_of(top, &rel, false, replaced)
            .map_err(|e| fail(top, "delete", &rel, e))?
        else {
            continue;
        };
        if dir.kind(name) == Kind::Dir {
            continue; // a folder now, made by this pass
        }
        dir.unlink(name)
            .map_err(|e| fail(top, "delete the stale file", &rel, e))?;
        // Remove folders the deletion left empty (a deleted indicator's folder), up
        // to the output folder itself; stop at the first that still holds something.
        for folder in rel.ancestors().skip(1) {
            if folder.as_os_str().is_empty() {
                break;
            }
            match nofollow::parent_of(top, folder, false, replaced) {
                Ok(Some((dir, name))) if dir.remove_empty(name) => {}
                _ => break,
            }
        }
        deleted.push(rel);
    }
    Ok(deleted)
}

/// The folders of files on disk, opened without following links to read them; the
/// last one is kept, as consecutive files (in path order) mostly share it.
struct Folders<'a> {
    top: &'a Dir,
    last: Option<(PathBuf, Dir)>,
}

impl<'a> Folders<'a> {
    fn new(top: &'a Dir) -> Self {
        Folders { top, last: None }
    }

    /// The folder holding `rel`, and its name; `None` if it is missing (see
    /// [`nofollow::parent_of`], which does not make it).
    fn parent<'r>(
        &mut self,
        rel: &'r Path,
        replaced: &mut bool,
    ) -> std::io::Result<Option<(&Dir, &'r OsStr)>> {
        let folder = rel.parent().unwrap_or(Path::new(""));
        let name = rel.file_name().unwrap_or_default();
        let hit = self.last.as_ref().is_some_and(|(p, _)| p == folder);
        if !hit {
            self.last = None;
            if let Some((dir, _)) = nofollow::parent_of(self.top, rel, false, replaced)? {
                self.last = Some((folder.to_path_buf(), dir));
            }
        }
        Ok(self.last.as_ref().map(|(_, d)| (d, name)))
    }
}

/// Every file and link under `dir` (not inside links), relative to the top.
fn every_file(dir: &Dir, prefix: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for (name, kind) in dir.entries()? {
        let rel = prefix.join(&name);
        match kind {
            Kind::Dir => match dir.sub(&name)? {
                Some(sub) => every_file(&sub, &rel, out)?,
                None => out.push(rel),
            },
            Kind::Missing => {}
            Kind::File | Kind::Other => out.push(rel),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_touches_only_what_changed() {
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
        let mut w = InPlace::new();
        let done = w.update(root, &out, &first, None).unwrap();
        assert_eq!(done.written.len(), 3);
        assert!(out.join(MARKER).is_file());
        let mtime = |rel: &Path| fs::metadata(out.join(rel)).unwrap().modified().unwrap();
        // Dated an hour back, so a rewrite of `a` would show in its time.
        let a_time = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(out.join(&a))
            .unwrap()
            .set_modified(a_time)
            .unwrap();

        // `b` is no longer made and `c` changed: `a` keeps its modification time.
        let second: Vec<(&Path, &[u8])> = vec![(&a, b"a1"), (&c, b"c2")];
        let done = w.update(root, &out, &second, Some(&first)).unwrap();
        assert_eq!(done.written, vec![c.clone()]);
        assert_eq!(done.deleted, vec![b.clone()]);
        assert_eq!(mtime(&a), a_time);
        assert_eq!(fs::read(out.join(&c)).unwrap(), b"c2");
        assert!(!out.join("en/indicators").exists(), "empty folders go too");

        // Without a previous build, compare with the disk and delete strays.
        fs::write(out.join("stray.html"), "x").unwrap();
        let done = w.update(root, &out, &second, None).unwrap();
        assert!(done.written.is_empty());
        assert_eq!(done.deleted, vec![p("stray.html")]);
        assert_eq!(mtime(&a), a_time);
    }

    /// More folders than are opened at once, some with several files, others
    /// nested: every file is written, with its own bytes, on a first write and again
    /// when they all change.
    #[test]
    fn in_place_writes_every_file_of_many_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let mut paths = Vec::new();
        for i in 0..3 * FOLDERS_AT_ONCE + 5 {
            paths.push(PathBuf::from(format!("en/indicators/i{i}/index.html")));
            if i % 3 == 0 {
                paths.push(PathBuf::from(format!("en/indicators/i{i}/i{i}.csv")));
                paths.push(PathBuf::from(format!("en/indicators/i{i}/more/{i}.json")));
            }
        }
        paths.push(PathBuf::from("index.html"));
        let mut w = InPlace::new();
        let mut previous: Option<Vec<(PathBuf, Vec<u8>)>> = None;
        for round in 0..2 {
            let made: Vec<(PathBuf, Vec<u8>)> = paths
                .iter()
                .map(|p| (p.clone(), format!("{round} {}", p.display()).into_bytes()))
                .collect();
            let files: Vec<(&Path, &[u8])> = made
                .iter()
                .map(|(p, b)| (p.as_path(), b.as_slice()))
                .collect();
            let before: Option<Vec<(&Path, &[u8])>> = previous
                .as_ref()
                .map(|v| v.iter().map(|(p, b)| (p.as_path(), b.as_slice())).collect());
            let done = w.update(root, &out, &files, before.as_deref()).unwrap();
            assert_eq!(done.written.len(), paths.len());
            for (p, bytes) in &made {
                assert_eq!(&fs::read(out.join(p)).unwrap(), bytes, "{}", p.display());
            }
            previous = Some(made);
        }
    }

    #[test]
    fn in_place_refuses_unmarked_folders_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "x").unwrap();
        let a = PathBuf::from("en/index.html");
        let files: Vec<(&Path, &[u8])> = vec![(&a, b"a")];
        assert!(InPlace::new().update(root, &out, &files, None).is_err());
        assert!(out.join("precious.txt").exists());
        fs::remove_file(out.join("precious.txt")).unwrap();
        let evil = PathBuf::from("../evil.html");
        let files: Vec<(&Path, &[u8])> = vec![(&evil, b"x")];
        assert!(InPlace::new().update(root, &out, &files, None).is_err());
        assert!(!root.join("evil.html").exists());
    }

    /// A link put in the output between two writes is replaced, never written
    /// through, and what was behind it is written again from the disk's view.
    #[cfg(unix)]
    #[test]
    fn in_place_replaces_a_link_and_restores_what_it_hid() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let elsewhere = root.join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        let p = |s: &str| PathBuf::from(s);
        let (a, b) = (p("en/x/index.html"), p("en/x/data.csv"));
        let first: Vec<(&Path, &[u8])> = vec![(&a, b"a1"), (&b, b"b1")];
        let mut w = InPlace::new();
        w.update(root, &out, &first, None).unwrap();
        fs::remove_dir_all(out.join("en/x")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("en/x")).unwrap();
        let second: Vec<(&Path, &[u8])> = vec![(&a, b"a2"), (&b, b"b1")];
        let done = w.update(root, &out, &second, Some(&first)).unwrap();
        assert!(done.written.contains(&b), "{done:?}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
        assert!(!fs::symlink_metadata(out.join("en/x")).unwrap().is_symlink());
        assert_eq!(fs::read(out.join(&a)).unwrap(), b"a2");
        assert_eq!(fs::read(out.join(&b)).unwrap(), b"b1");
    }
}
