//! An import's writing, all or nothing across files, and the clearing up after an
//! import that was stopped, however it was stopped (the running import's side is
//! `session.rs`).
//!
//! An import holds a lock on `content/` (the operating system's `flock`, free the
//! moment its holder ends) and keeps a journal, `content/.dangos-import-journal`,
//! that names, before each step, everything the step may leave:
//!
//! 1. *checking*: the temporary copy of the site the edited files are checked in;
//! 2. *writing*: every new file, written beside the file it replaces under a name of
//!    dangos's (`.dangos-import-PID-….tmp`) and flushed to disk;
//! 3. *renaming* (flushed to disk before the first rename): each new file is renamed
//!    over its old one; then the journal is removed.
//!
//! Whoever holds the lock and finds a journal settles it: one marked *renaming* is
//! finished (rolled forward), any other is undone (its temporary files and copy
//! removed). Rolling forward, because by then every new file is whole on disk and
//! the whole edited site has passed the check: finishing gives exactly the site that
//! was checked, where rolling back would need a copy of every old file. An import
//! settles its own journal on every way out (an error, Ctrl-C, SIGTERM); after a kill
//! the next `import`, `build`, `check`, `watch` or `serve` does, and says so.
//! Nothing is removed that the journal does not name, and what it names only if it
//! has dangos's name (the copy also its marker file); a file an editor saved after
//! the import stopped is never written over.

use crate::content::CONTENT_DIR;
use crate::diagnostics::{Code, Diagnostic};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

pub(super) const JOURNAL: &str = ".dangos-import-journal";
/// The journal being rewritten, renamed over [`JOURNAL`] when whole.
const JOURNAL_NEW: &str = ".dangos-import-journal.new";
pub(super) const TEMP_PREFIX: &str = ".dangos-import-";
pub(super) const TEMP_SUFFIX: &str = ".tmp";
pub(super) const COPY_PREFIX: &str = "dangos-import-copy-";
/// The file in a copy that says dangos made it.
pub(super) const COPY_MARKER: &str = ".dangos-import-copy";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Stage {
    Checking,
    Writing,
    Renaming,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Journal {
    /// What the file is, for anyone who opens it.
    pub(super) about: String,
    pub(super) stage: Stage,
    /// The temporary copy of the site (absolute).
    pub(super) copy: Option<PathBuf>,
    pub(super) files: Vec<Pending>,
}

/// One file an import replaces.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Pending {
    /// Relative to the root: `content/indicators/x.md`.
    pub(super) target: PathBuf,
    /// The new file's name, beside the target.
    pub(super) temp: String,
    /// Hashes of the text replaced and of the new text (see [`hash`]).
    pub(super) old: String,
    pub(super) new: String,
}

/// FNV-1a: a stable hash, to tell whether a file is still the one the journal saw.
pub(super) fn hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}

/// The journal's first words, for anyone who opens it.
pub(super) const ABOUT: &str = "dangos import's journal: the next dangos command finishes or undoes this import (see README, \"All or nothing\")";

/// Where a pending file's new text is.
pub(super) fn temp_path(target: &Path, temp: &str) -> PathBuf {
    target.parent().unwrap_or(Path::new(".")).join(temp)
}

/// Writes the journal whole: to a file beside it, flushed, renamed over it, and the
/// folder flushed, so that it is on disk before the step it names.
pub(super) fn write_journal(root: &Path, journal: &Journal) -> std::io::Result<()> {
    let dir = root.join(CONTENT_DIR);
    let new = dir.join(JOURNAL_NEW);
    let mut file = File::create(&new)?;
    file.write_all(&serde_json::to_vec_pretty(journal).map_err(std::io::Error::other)?)?;
    file.sync_all()?;
    fs::rename(&new, dir.join(JOURNAL))?;
    sync(&dir);
    Ok(())
}

pub(super) fn remove_journal(root: &Path) -> std::io::Result<()> {
    let dir = root.join(CONTENT_DIR);
    match fs::remove_file(dir.join(JOURNAL)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    sync(&dir);
    Ok(())
}

/// Flushes a folder, so the renames in it are on disk.
pub(super) fn sync(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

pub(super) fn sync_folders(root: &Path, files: &[Pending]) {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|p| root.join(&p.target).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs.iter().for_each(|d| sync(d));
}

/// What settling a journal did.
pub(super) struct Settled {
    /// Files an import's new text was renamed onto.
    pub(super) finished: Vec<PathBuf>,
    /// Temporary files removed.
    removed: usize,
    /// Whether a copy of the site was removed.
    copy: bool,
    /// Files changed since the import stopped, left as they are.
    kept: Vec<PathBuf>,
    /// What could not be done (the journal is then left for next time).
    pub(super) left: Result<(), String>,
}

pub(super) fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a journal's entry is one dangos wrote: a file in `content/`, and a
/// temporary name of dangos's beside it.
fn plausible(p: &Pending) -> bool {
    let mut parts = p.target.components();
    parts.next() == Some(Component::Normal(CONTENT_DIR.as_ref()))
        && parts.all(|c| matches!(c, Component::Normal(_)))
        && p.temp.starts_with(TEMP_PREFIX)
        && p.temp.ends_with(TEMP_SUFFIX)
        && !p.temp.contains(['/', '\\'])
}

/// Finishes (stage *renaming*) or undoes (any other) what `journal` names, then
/// removes the journal. Call while holding the import lock.
pub(super) fn settle(root: &Path, journal: Journal) -> Settled {
    let mut out = Settled {
        finished: Vec::new(),
        removed: 0,
        copy: false,
        kept: Vec::new(),
        left: Ok(()),
    };
    let mut problems = Vec::new();
    let is_file = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    for p in journal.files.iter().filter(|p| plausible(p)) {
        let target = root.join(&p.target);
        let temp = temp_path(&target, &p.temp);
        if !is_file(&temp) {
            continue; // not made yet, or renamed already
        }
        let unchanged = match fs::read(&target) {
            Ok(now) => [&p.old, &p.new].contains(&&hash(&now)),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        let result = if journal.stage == Stage::Renaming && unchanged {
            fs::rename(&temp, &target).map(|()| out.finished.push(p.target.clone()))
        } else {
            if journal.stage == Stage::Renaming {
                out.kept.push(p.target.clone());
            }
            fs::remove_file(&temp).map(|()| out.removed += 1)
        };
        if let Err(e) = result {
            problems.push(format!("{}: {e}", temp.display()));
        }
    }
    sync_folders(root, &journal.files);
    if let Some(copy) = journal.copy.as_deref() {
        match remove_copy(copy) {
            Ok(removed) => out.copy = removed,
            Err(e) => problems.push(format!("{}: {e}", copy.display())),
        }
    }
    out.left = if problems.is_empty() {
        remove_journal(root).map_err(|e| {
            format!(
                "cannot remove {}: {e}",
                root.join(CONTENT_DIR).join(JOURNAL).display()
            )
        })
    } else {
        Err(format!(
            "an import that was stopped could not be cleared up ({}); the next dangos command tries again",
            problems.join("; ")
        ))
    };
    out
}

/// Removes the temporary copy of the site a journal names, if it is one dangos
/// made (an absolute path to a folder named as such copies are); says whether it
/// removed one.
fn remove_copy(copy: &Path) -> std::io::Result<bool> {
    let ours = copy.is_absolute()
        && copy
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(COPY_PREFIX));
    match fs::symlink_metadata(copy) {
        Ok(m) if ours && m.is_dir() => {
            let marked = fs::symlink_metadata(copy.join(COPY_MARKER)).is_ok_and(|m| m.is_file());
            if marked {
                fs::remove_dir_all(copy)?;
            } else {
                // Made, but stopped before its marker: empty, or not ours.
                fs::remove_dir(copy)?;
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Settles a journal a stopped import left, saying what was done.
pub(super) fn settle_found(root: &Path) {
    let Some(journal) = found_journal(root) else {
        return;
    };
    let stage = journal.stage;
    let settled = settle(root, journal);
    for line in what_was_done(stage, &settled) {
        eprintln!("{line}");
    }
}

/// The journal a stopped import left, if there is one dangos can read (a warning
/// is printed for one it cannot). A journal half-written is removed: the import
/// had not started changing files.
fn found_journal(root: &Path) -> Option<Journal> {
    let dir = root.join(CONTENT_DIR);
    if fs::symlink_metadata(dir.join(JOURNAL_NEW)).is_ok_and(|m| m.is_file()) {
        let _ = fs::remove_file(dir.join(JOURNAL_NEW));
    }
    let text = match fs::read(dir.join(JOURNAL)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            eprintln!(
                "warning: cannot read {}, left by an import that was stopped: {e}",
                dir.join(JOURNAL).display()
            );
            return None;
        }
    };
    let Ok(journal) = serde_json::from_slice::<Journal>(&text) else {
        eprintln!(
            "warning: {} is not a journal dangos can read: it was left as it is; remove it once you have checked content/",
            dir.join(JOURNAL).display()
        );
        return None;
    };
    Some(journal)
}

/// What settling a journal at `stage` did, in lines for people.
fn what_was_done(stage: Stage, s: &Settled) -> Vec<String> {
    let mut said = Vec::new();
    if !s.finished.is_empty() {
        said.push(format!(
            "An import was stopped while it put its files in place; it was finished: {}.",
            list(&s.finished)
        ));
    } else if stage != Stage::Renaming && s.left.is_ok() {
        let left: Vec<String> = [
            (s.copy).then(|| "its temporary copy of the site".to_string()),
            (s.removed > 0).then(|| {
                format!(
                    "{} temporary file{}",
                    s.removed,
                    if s.removed == 1 { "" } else { "s" }
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        said.push(format!(
            "An import was stopped before it changed any file; what it left was removed ({}).",
            if left.is_empty() {
                "its journal".to_string()
            } else {
                left.join(" and ")
            }
        ));
    } else if s.left.is_ok() {
        said.push(
            "An import was stopped after it put its files in place; its journal was removed."
                .into(),
        );
    }
    if !s.kept.is_empty() {
        said.push(format!(
            "warning: {} changed after an import was stopped, so the import's version was not put in its place: import the spreadsheet again",
            list(&s.kept)
        ));
    }
    if let Err(e) = &s.left {
        said.push(format!("warning: {e}"));
    }
    said
}

/// Takes the import lock on `content/`: waiting for another import if `wait`, else
/// `Ok(None)` while one runs. `Ok(Some(None))` where there is no folder to lock (no
/// `content/`, or a system without folder locks).
pub(super) fn take_lock(root: &Path, wait: bool) -> Result<Option<Option<File>>, Diagnostic> {
    let dir = root.join(CONTENT_DIR);
    if !cfg!(unix) || !dir.is_dir() {
        return Ok(Some(None));
    }
    let fail = |e: std::io::Error| {
        Diagnostic::in_file(
            Code::ImportWrite,
            CONTENT_DIR,
            format!("cannot lock the folder for the import: {e}"),
        )
    };
    let file = File::open(&dir).map_err(fail)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Some(file))),
        Err(std::fs::TryLockError::WouldBlock) if wait => {
            eprintln!("Waiting for another dangos import to finish ...");
            file.lock().map_err(fail)?;
            Ok(Some(Some(file)))
        }
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(fail(e)),
    }
}

/// Finishes or undoes an import that was stopped in the site at `root`, and says
/// so, unless an import is running there now. Every command that reads `content/`
/// calls this first.
pub fn recover(root: &Path) {
    match take_lock(root, false) {
        Ok(Some(_lock)) => settle_found(root),
        Ok(None) => {}
        Err(d) => eprintln!("warning: {}", d.message),
    }
}
