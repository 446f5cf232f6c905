//! One writer at a time per output folder, and the leftovers of writers that died.
//!
//! Every writer (`dangos build` for its whole run, `dangos watch` while it writes a
//! rebuild) holds an exclusive lock on the folder that holds the output folder. A
//! second writer waits for it, saying which process it waits for. The lock is the
//! operating system's (`flock`), so it is free the moment its holder ends, however
//! it ends, and nothing is left behind (off Unix, where a folder cannot be locked,
//! the lock is a file `.NAME.dangos-lock` beside the output folder `NAME`).
//!
//! Only the holder makes staging folders, so whoever holds the lock knows that every
//! staging or old folder beside the output is a leftover of a writer that is gone
//! (killed, or its machine stopped), and removes it if it carries dangos's marker.

use super::nofollow::{Dir, Kind};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use std::ffi::OsStr;
use std::fs::File;
use std::path::Path;

/// The names dangos gives the folders it makes beside the output folder `name`: a
/// staging folder being written, and (where the system has no atomic exchange) the
/// previous output moved aside. The process id ends each.
pub(crate) fn staging_name(name: &str) -> String {
    format!(".{name}.dangos-staging-{}", std::process::id())
}

/// See [`staging_name`].
pub(crate) fn old_name(name: &str) -> String {
    format!(".{name}.dangos-old-{}", std::process::id())
}

/// The lock of one output folder, held until dropped.
pub(crate) struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Takes the lock of the output folder `out` (absolute, its parent existing),
    /// waiting for another writer to finish.
    pub(crate) fn take(out: &Path) -> Result<OutputLock, Diagnostic> {
        let (parent, name) = split(out);
        let fail = |e: std::io::Error| {
            Diagnostic::new(Code::Output, format!(
                "cannot lock {} for writing: {e}",
                parent.display()
            ))
            .help("dangos locks the folder that holds the output folder, so that two builds never write it at once")
        };
        let file = open_lock(parent, &name).map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "Waiting for {} to finish writing {} ...",
                    holder(&file).unwrap_or_else(|| "another dangos".into()),
                    out.display()
                );
                file.lock().map_err(fail)?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
        Ok(OutputLock { _file: file })
    }
}

#[cfg(unix)]
fn open_lock(parent: &Path, _name: &str) -> std::io::Result<File> {
    File::open(parent)
}

#[cfg(not(unix))]
fn open_lock(parent: &Path, name: &str) -> std::io::Result<File> {
    let path = parent.join(format!(".{name}.dangos-lock"));
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(format!(
            "{} is a link",
            path.display()
        )));
    }
    File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// `dangos build (process 1234)`: the process holding the lock on `file`, from
/// the kernel's list of locks (Linux only).
fn holder(file: &File) -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = file.metadata().ok()?;
        let dev = meta.dev();
        let id = format!(
            "{:02x}:{:02x}:{}",
            rustix::fs::major(dev),
            rustix::fs::minor(dev),
            meta.ino()
        );
        let locks = std::fs::read_to_string("/proc/locks").ok()?;
        let pid = locks.lines().find_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            (f.get(1) == Some(&"FLOCK") && f.get(5) == Some(&id.as_str()))
                .then(|| f.get(4).map(|p| p.to_string()))
                .flatten()
        })?;
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let what = cmdline
            .split(|b| *b == 0)
            .map(String::from_utf8_lossy)
            .find(|a| ["build", "watch"].contains(&a.as_ref()));
        Some(match what {
            Some(w) => format!("dangos {w} (process {pid})"),
            None => format!("process {pid}"),
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// The parent folder and name of an absolute output path.
pub(crate) fn split(out: &Path) -> (&Path, String) {
    let parent = out.parent().unwrap_or(Path::new("/"));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    (parent, name)
}

/// Removes the staging and old folders that writers of `out` left when they were
/// killed. Call only while holding `out`'s lock: then no writer is using any of them.
/// A folder is removed only if it has dangos's name and marker; a link with such a
/// name is removed as a link.
pub(crate) fn remove_leftovers(_held: &OutputLock, out: &Path) {
    let (parent, name) = split(out);
    let Ok(dir) = Dir::open(parent) else { return };
    let staging = format!(".{name}.dangos-staging-");
    let old = format!(".{name}.dangos-old-");
    for entry in dir.names().unwrap_or_default() {
        let s = entry.to_string_lossy();
        if !(s.starts_with(&staging) || s.starts_with(&old)) {
            continue;
        }
        let marked = dir
            .sub(&entry)
            .ok()
            .flatten()
            .is_some_and(|d| d.kind(OsStr::new(super::MARKER)) == Kind::File);
        if marked {
            if let Err(e) = remove_marked(&dir, &entry) {
                eprintln!(
                    "warning: cannot remove {}, left by a build that was stopped: {e}",
                    parent.join(&entry).display()
                );
            }
        } else {
            // An empty folder (one whose removal was cut short after its marker, the
            // last thing removed) goes; a folder with anything in it, or a link, is
            // not dangos's to remove.
            dir.remove_empty(&entry);
        }
    }
}

/// Removes the folder `name` of `beside`, which dangos marked, its marker last: if
/// this is cut short (the process killed), what is left still carries the marker, or
/// is empty, and the next writer recognises it and finishes the job.
pub(crate) fn remove_marked(beside: &Dir, name: &OsStr) -> std::io::Result<()> {
    use rayon::prelude::*;
    let Some(dir) = beside.sub(name)? else {
        return Ok(());
    };
    let marker = OsStr::new(super::MARKER);
    dir.entries()?
        .par_iter()
        .filter(|(n, _)| n != marker)
        .try_for_each(|(n, kind)| match kind {
            Kind::Dir => dir.remove_folder(n),
            _ => dir.unlink(n),
        })?;
    fault_point("emptied");
    dir.unlink(marker)?;
    if beside.remove_empty(name) {
        Ok(())
    } else {
        Err(std::io::Error::other("something was added to it meanwhile"))
    }
}

/// A point where tests make a debug build stop as if killed (`DANGOS_TEST_FAULT=NAME`
/// aborts there), or wait (`DANGOS_TEST_HOLD=NAME:FILE` writes `FILE.reached` and
/// waits for `FILE` to exist). Release builds ignore both.
pub(crate) fn fault_point(name: &str) {
    #[cfg(debug_assertions)]
    {
        if std::env::var("DANGOS_TEST_FAULT").is_ok_and(|v| v == name) {
            std::process::abort();
        }
        if let Some(file) = std::env::var("DANGOS_TEST_HOLD").ok().and_then(|v| {
            v.strip_prefix(&format!("{name}:"))
                .map(std::path::PathBuf::from)
        }) {
            let mut reached = file.clone().into_os_string();
            reached.push(".reached");
            let _ = std::fs::write(&reached, "");
            while !file.exists() {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// Whether the two-rename swap is forced (debug builds, for its tests).
pub(crate) fn exchange_disabled() -> bool {
    cfg!(debug_assertions) && std::env::var_os("DANGOS_TEST_NO_EXCHANGE").is_some()
}
