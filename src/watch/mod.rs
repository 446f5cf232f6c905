//! Watching the site for changes: raw file-system events from notify, sorted into a
//! few kinds of change (content, template, UI strings, static file, `site.toml`), with
//! editor litter dropped and bursts gathered into one batch. `dangos watch` rebuilds
//! and writes only the files that changed; `dangos serve` uses the same watcher and
//! [`crate::rebuild::Rebuilder`] but serves from memory.
//!
//! Editors save in many ways: in place; to a temporary file renamed over the original
//! (an atomic save); by renaming the original to a backup and writing a new file
//! (vim's `4913` probe, `file~`); Emacs' `.#file` locks. All of them end with the
//! real file on disk, so we never interpret the sequence of events: we note which
//! paths were touched, wait until the file system has been quiet for a moment, and
//! rebuild from what is on disk then. A file created and deleted within one burst is
//! simply not there when we read.

mod settle;
mod stop;

pub use settle::SETTLE;
pub use stop::exit_on_ctrl_c;

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Severity};
use crate::rebuild::{self, ChangeKind, EVERYTHING, classify};
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the file system must be quiet before a burst of events counts as done.
/// Long enough for an editor's save (a handful of events within a millisecond or
/// two), short enough to stay well inside the 100 ms edit-to-reload budget.
pub const QUIET: Duration = Duration::from_millis(20);

/// A burst that never goes quiet (a long copy) is cut into batches this long.
const MAX_BURST: Duration = Duration::from_secs(1);

/// How often `--poll` looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// One batch of changes, gathered from a burst of events.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// The kinds of change, which decide what is redone.
    pub kinds: BTreeSet<ChangeKind>,
    /// The files touched, relative to the site root, for the message.
    pub paths: BTreeSet<PathBuf>,
    /// When the first event of the batch arrived.
    pub since: Option<Instant>,
    /// Paths whose first event in the batch made them: if they are gone by its end
    /// (an editor's temporary file, renamed over the real one), they changed nothing.
    born: BTreeSet<PathBuf>,
}

impl Changes {
    /// True when nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The touched files as a short list for a message: `content/indicators/a.md`,
    /// or `a.md, b.md and 3 more`.
    pub fn describe(&self) -> String {
        let shown: Vec<String> = self
            .paths
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let more = self.paths.len().saturating_sub(shown.len());
        match more {
            0 => shown.join(", "),
            n => format!("{} and {n} more", shown.join(", ")),
        }
    }
}

/// A file-system watcher over the parts of a site that affect the build: `site.toml`,
/// `content/`, `themes/` and `static/` (never the output folder or `target/`, which
/// would make every build trigger the next).
pub struct Watcher {
    inner: Box<dyn notify::Watcher + Send>,
    rx: mpsc::Receiver<notify::Result<Event>>,
    /// The site root, canonical, so event paths can be made relative to it.
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
    /// Polling, not native events: see [`Watcher::watch_dirs`].
    poll: bool,
}

/// The folders of a site that are watched recursively.
const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];

impl Watcher {
    /// Starts watching the site in `root`; `poll` uses notify's polling watcher, for
    /// network drives and file systems where native events do not arrive.
    pub fn new(root: &Path, poll: bool) -> Result<Watcher, Diagnostic> {
        let root = std::fs::canonicalize(root).map_err(|e| {
            Diagnostic::new(Code::Watch, format!("cannot watch {}: {e}", root.display()))
        })?;
        let (tx, rx) = mpsc::channel();
        let fail = |e: notify::Error| {
            Diagnostic::new(Code::Watch, format!("cannot watch for changes: {e}"))
            .help("pass --poll to look for changes by polling instead (slower, but works on network drives)")
        };
        let inner: Box<dyn notify::Watcher + Send> = if poll {
            // notify's poller compares modification times in whole seconds, so a save
            // in the same second as the last look would be missed; comparing contents
            // catches it. Reading the watched files each poll is the price of --poll.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Box::new(notify::PollWatcher::new(tx, config).map_err(fail)?)
        } else {
            Box::new(notify::RecommendedWatcher::new(tx, notify::Config::default()).map_err(fail)?)
        };
        let mut watcher = Watcher {
            inner,
            rx,
            root,
            watched: BTreeSet::new(),
            poll,
        };
        watcher
            .inner
            .watch(&watcher.root, RecursiveMode::NonRecursive)
            .map_err(fail)?;
        watcher.watch_dirs();
        Ok(watcher)
    }

    /// Watches `content/`, `themes/` and `static/`, including any created (or
    /// deleted and made again) since the last call.
    fn watch_dirs(&mut self) {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            if dir.is_dir() {
                // A native watch dies with its folder: watching again renews it for a
                // folder deleted and made again, and changes nothing otherwise. A
                // polled watch follows its path through deletion, and watching again
                // would take a fresh snapshot, losing a change made since the last
                // poll: only new folders are watched.
                if !(self.poll && self.watched.contains(&dir)) {
                    let _ = self.inner.watch(&dir, RecursiveMode::Recursive);
                }
                self.watched.insert(dir);
            } else if self.watched.remove(&dir) {
                let _ = self.inner.unwatch(&dir);
            }
        }
    }

    /// Waits for the next batch of relevant changes. `theme` is the theme folder
    /// relative to the root (see [`classify`]). Returns `None` if the watcher stopped.
    pub fn next_changes(&mut self, theme: Option<&Path>) -> Option<Changes> {
        loop {
            let first = self.rx.recv().ok()?;
            let changes = self.gather(first, theme);
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    /// The batch of changes that starts with `first`: events until the file system
    /// has been quiet for [`QUIET`] (or [`MAX_BURST`] has passed).
    fn gather(&mut self, first: notify::Result<Event>, theme: Option<&Path>) -> Changes {
        let mut changes = Changes {
            since: Some(Instant::now()),
            ..Changes::default()
        };
        let mut top_level = false;
        self.note(first, theme, &mut changes, &mut top_level);
        let cap = Instant::now() + MAX_BURST;
        loop {
            let wait = QUIET.min(cap.saturating_duration_since(Instant::now()));
            match self.rx.recv_timeout(wait) {
                Ok(event) => self.note(event, theme, &mut changes, &mut top_level),
                Err(_) => break,
            }
        }
        if top_level {
            self.watch_dirs();
        }
        let root = &self.root;
        let gone: Vec<PathBuf> = std::mem::take(&mut changes.born)
            .into_iter()
            .filter(|rel| !root.join(rel).exists())
            .collect();
        for rel in gone {
            changes.paths.remove(&rel);
        }
        changes
            .kinds
            .extend(changes.paths.iter().filter_map(|p| classify(p, theme)));
        changes
    }

    fn note(
        &self,
        event: notify::Result<Event>,
        theme: Option<&Path>,
        changes: &mut Changes,
        top_level: &mut bool,
    ) {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                eprintln!("warning: watching for changes: {e}");
                return;
            }
        };
        if event.need_rescan() {
            // The kernel's queue overflowed: we do not know what changed.
            changes.kinds.extend(EVERYTHING);
            return;
        }
        if !is_change(&event.kind) {
            return;
        }
        let made = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To))
        );
        for path in &event.paths {
            let rel = match path.strip_prefix(&self.root) {
                Ok(rel) => rel,
                Err(_) => continue,
            };
            if rel.components().count() == 1 {
                *top_level = true;
            }
            if classify(rel, theme).is_some() && changes.paths.insert(rel.to_path_buf()) && made {
                changes.born.insert(rel.to_path_buf());
            }
        }
    }
}

/// Prints what a successful rebuild did:
/// `Rebuilt in 23 ms: 4 files changed (content/indicators/fam-kpi-01.md)`.
pub fn report_success(changes: &Changes, rebuilt: &rebuild::Rebuilt) {
    let n = rebuilt.changed.len();
    let mut what = match n {
        0 => "no files changed".to_string(),
        1 => "1 file changed".to_string(),
        n => format!("{n} files changed"),
    };
    if !rebuilt.deleted.is_empty() {
        what.push_str(&format!(", {} deleted", rebuilt.deleted.len()));
    }
    println!(
        "Rebuilt in {} ms: {what} ({})",
        rebuilt.elapsed.as_millis(),
        changes.describe()
    );
}

/// Prints the problems of a failed rebuild, and what happens now.
pub fn report_failure(diags: &crate::diagnostics::Diagnostics, now: &str) {
    // Formatted whole and written in one call: stderr is unbuffered, and a message
    // printed piece by piece is a system call per piece.
    let text = format!(
        "{diags}The rebuild failed with {}; {now}.\n",
        problems_counted(diags)
    );
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The errors and warnings of a failed build, counted apart (as the terminal says
/// them, in English): "1 error (and 2 warnings)", "3 errors".
pub fn problems_counted(diags: &crate::diagnostics::Diagnostics) -> String {
    let (errors, warnings) = error_and_warning_counts(diags);
    counted(errors, warnings)
}

/// `errors` and `warnings` in English words: "1 error (and 2 warnings)".
pub fn counted(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match warnings {
        0 => plural(errors, "error"),
        w => format!("{} (and {})", plural(errors, "error"), plural(w, "warning")),
    }
}

/// How many of `diags` are errors, and how many warnings.
pub fn error_and_warning_counts(diags: &crate::diagnostics::Diagnostics) -> (usize, usize) {
    let errors = diags.0.iter().filter(|d| d.severity() == Severity::Error);
    let errors = errors.count();
    (errors, diags.0.len() - errors)
}

/// `dangos watch`: builds the site into its output folder, then rebuilds on every
/// change, writing only the files whose bytes changed and deleting stale ones.
pub fn run(root: &Path, overrides: crate::config::Overrides, poll: bool) -> Result<(), Diagnostic> {
    let mut watcher = Watcher::new(root, poll)?;
    let mut rebuilder = rebuild::Rebuilder::new(root, overrides);
    let mut folder = OutputFolder {
        writer: crate::output::InPlace::new(),
        on_disk: None,
    };
    let mut changes = Changes {
        kinds: EVERYTHING.into_iter().collect(),
        since: Some(Instant::now()),
        ..Changes::default()
    };
    let mut first = true;
    // Held while the output folder is written: Ctrl+C waits for it (see
    // `exit_on_ctrl_c`), so the folder is never left half-updated.
    let writing = std::sync::Arc::new(std::sync::Mutex::new(()));
    exit_on_ctrl_c(writing.clone())?;
    let mut settled = false;
    loop {
        let started = std::time::SystemTime::now();
        match rebuilder.rebuild_touched(&changes.kinds, &changes.paths) {
            Ok(rebuilt) => {
                let _writing = writing.lock().unwrap_or_else(|e| e.into_inner());
                let output = rebuilder
                    .config()
                    .map(|c| c.output.clone())
                    .unwrap_or_default();
                match folder.write(root, &output, &rebuilt) {
                    Some(updated) if first => report_first(&rebuilt, &updated, &output),
                    Some(_) => report_success(&changes, &rebuilt),
                    None => {}
                }
            }
            Err(diags) => {
                // A file read while it was being written is read again once the
                // writes settle, before its problem is shown.
                let theme = rebuilder.theme_dir();
                if !settled && let Some(more) = watcher.settle(&diags, started, theme.as_deref()) {
                    changes = more;
                    settled = true;
                    continue;
                }
                report_failure(&diags, "the output folder was left as it was");
            }
        }
        settled = false;
        if first {
            println!("Watching for changes (press Ctrl+C to stop)");
            first = false;
        }
        match watcher.next_changes(rebuilder.theme_dir().as_deref()) {
            Some(next) => changes = next,
            None => return Ok(()),
        }
    }
}

/// What the first build wrote.
fn report_first(rebuilt: &rebuild::Rebuilt, updated: &crate::output::Updated, output: &Path) {
    println!(
        "Built {} files in {} ms ({} written, {} deleted in {})",
        rebuilt.files.len(),
        rebuilt.elapsed.as_millis(),
        updated.written.len(),
        updated.deleted.len(),
        output.display()
    );
}

/// The output folder as `watch` keeps it up to date.
struct OutputFolder {
    writer: crate::output::InPlace,
    /// What is on disk, and where: the base of the next comparison.
    on_disk: Option<(PathBuf, std::sync::Arc<rebuild::Files>)>,
}

impl OutputFolder {
    /// Writes a rebuilt site into `output`, only the files that changed since the
    /// last write there; `None` (the problem printed) if it could not.
    fn write(
        &mut self,
        root: &Path,
        output: &Path,
        rebuilt: &rebuild::Rebuilt,
    ) -> Option<crate::output::Updated> {
        let previous = self
            .on_disk
            .as_ref()
            .filter(|(dir, _)| dir == output)
            .map(|(_, files)| listing(files));
        let files = listing(&rebuilt.files);
        match self
            .writer
            .update(root, output, &files, previous.as_deref())
        {
            Ok(updated) => {
                self.on_disk = Some((output.to_path_buf(), rebuilt.files.clone()));
                Some(updated)
            }
            Err(d) => {
                eprintln!("{d}");
                // Compare with the disk next time: we do not know what was written.
                self.on_disk = None;
                None
            }
        }
    }
}

fn listing(files: &rebuild::Files) -> Vec<(&Path, &[u8])> {
    files
        .iter()
        .map(|(k, v)| (Path::new(&**k), &v[..]))
        .collect()
}

/// Whether an event can change what a build reads. Opening and reading a file are
/// not changes (and the build reads every file: counting them would loop forever).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_is_not_a_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
    }
}
