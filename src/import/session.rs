//! The running import's side of the journal (`journal.rs`): the lock held for the
//! whole import, each step of the writing done with the journal naming it first, and
//! the clearing up on every way out: an error (when the session is dropped), Ctrl-C
//! or SIGTERM (a thread waits for them and settles the journal between two steps).

use super::journal::{
    ABOUT, COPY_MARKER, COPY_PREFIX, JOURNAL, Journal, Pending, Stage, TEMP_PREFIX, TEMP_SUFFIX,
    hash, list, remove_journal, settle, settle_found, sync_folders, take_lock, temp_path,
    write_journal,
};
use crate::content::CONTENT_DIR;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::output::fault_point;
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The import running in this process, for the signal handler.
struct Active {
    root: PathBuf,
    journal: Option<Journal>,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);

fn active() -> MutexGuard<'static, Option<Active>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs one step with the journal held, so a signal settles before or after it.
fn step<T>(f: impl FnOnce(&mut Active) -> std::io::Result<T>) -> std::io::Result<T> {
    let mut guard = active();
    match guard.as_mut() {
        Some(a) => f(a),
        None => Err(std::io::Error::other("no import is running")),
    }
}

/// A running import's hold on the site.
pub(crate) struct Session {
    root: PathBuf,
    _lock: Option<File>,
}

impl Session {
    /// Takes the import lock (waiting for another import), settles what a stopped
    /// import left, and clears up on Ctrl-C or SIGTERM from now on.
    pub(crate) fn begin(root: &Path) -> Result<Session, Diagnostic> {
        let lock = take_lock(root, true)?.flatten();
        settle_found(root);
        *active() = Some(Active {
            root: root.to_path_buf(),
            journal: None,
        });
        on_signals();
        Ok(Session {
            root: root.to_path_buf(),
            _lock: lock,
        })
    }

    /// Makes an empty folder for the check's copy of the site, named in the journal
    /// first. The journal is kept where it can be (a dry run in a folder that cannot
    /// be written to goes on without one: the copy is still removed on the way out).
    pub(crate) fn copy_folder(&self) -> Result<PathBuf, Diagnostic> {
        let path = std::env::temp_dir().join(format!("{COPY_PREFIX}{}", unique()));
        step(|a| {
            let journal = Journal {
                about: ABOUT.into(),
                stage: Stage::Checking,
                copy: Some(path.clone()),
                files: Vec::new(),
            };
            let _ = write_journal(&a.root, &journal);
            a.journal = Some(journal);
            fs::create_dir(&path)?;
            File::create(path.join(COPY_MARKER))?;
            Ok(())
        })
        .map_err(|e| {
            Diagnostic::new(
                Code::ImportWrite,
                format!("cannot make a temporary folder to check the import in: {e}"),
            )
        })?;
        fault_point("import-copied");
        Ok(path)
    }

    /// Removes the check's copy, and the journal that named it.
    pub(crate) fn remove_copy(&self) {
        let _ = step(|a| {
            if let Some(journal) = a.journal.take() {
                let settled = settle(&a.root, journal);
                if let Err(e) = &settled.left {
                    eprintln!("warning: {e}");
                }
            }
            Ok(())
        });
    }

    /// Writes every edited file (path relative to the root, old text, new text), all
    /// or none, as the module's doc says.
    pub(crate) fn write(&self, edited: &[super::Edited]) -> Result<(), Diagnostics> {
        unchanged_since_read(&self.root, edited)?;
        let plan = plan(edited);
        let journal_path = Path::new(CONTENT_DIR).join(JOURNAL);
        let mut journal = Journal {
            about: ABOUT.into(),
            stage: Stage::Writing,
            copy: None,
            files: plan.clone(),
        };
        record(&journal).map_err(|e| not_written(&journal_path, e))?;
        fault_point("import-planned");
        for (i, (p, (path, _, new))) in plan.iter().zip(edited).enumerate() {
            step(|a| make_temp(&a.root, p, new.as_bytes())).map_err(|e| not_written(path, e))?;
            fault_point(&format!("import-temp-{}", i + 1));
        }
        // The point of no return: from here, a stopped import is finished.
        journal.stage = Stage::Renaming;
        record(&journal).map_err(|e| not_written(&journal_path, e))?;
        fault_point("import-committed");
        for (i, p) in plan.iter().enumerate() {
            step(|a| {
                let target = a.root.join(&p.target);
                fs::rename(temp_path(&target, &p.temp), &target)
            })
            .map_err(|e| unfinished(&p.target, e))?;
            fault_point(&format!("import-renamed-{}", i + 1));
        }
        step(|a| {
            sync_folders(&a.root, &plan);
            remove_journal(&a.root)?;
            a.journal = None;
            Ok(())
        })
        .map_err(|e| unfinished(&journal_path, e))
    }
}

impl Drop for Session {
    /// Every way out of an import, but a kill: settles what it started.
    fn drop(&mut self) {
        let mut guard = active();
        if let Some(a) = guard.take()
            && let Some(journal) = a.journal
        {
            let settled = settle(&a.root, journal);
            if let Err(e) = &settled.left {
                eprintln!("warning: {e}");
            }
            if !settled.finished.is_empty() {
                eprintln!(
                    "The import's files were all written; the import was finished: {}.",
                    list(&settled.finished)
                );
            }
        }
    }
}
/// Refuses to write over a file that changed since the import read it.
fn unchanged_since_read(root: &Path, edited: &[super::Edited]) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::default();
    for (path, old, _) in edited {
        match fs::read_to_string(root.join(path)) {
            Ok(now) if now == *old => {}
            _ => diags.push(
                Diagnostic::in_file(
                    Code::ImportWrite,
                    path,
                    "the file changed while the import was running",
                )
                .help("save your edits, then import again"),
            ),
        }
    }
    diags.into_result(())
}

/// Each edited file's temporary file and hashes, for the journal.
fn plan(edited: &[super::Edited]) -> Vec<Pending> {
    let id = unique();
    edited
        .iter()
        .enumerate()
        .map(|(i, (path, old, new))| Pending {
            target: path.clone(),
            temp: format!("{TEMP_PREFIX}{id}-{i}{TEMP_SUFFIX}"),
            old: hash(old.as_bytes()),
            new: hash(new.as_bytes()),
        })
        .collect()
}

/// Writes the journal, and keeps it as the one to finish if the import is stopped.
fn record(journal: &Journal) -> std::io::Result<()> {
    step(|a| {
        write_journal(&a.root, journal)?;
        a.journal = Some(journal.clone());
        Ok(())
    })
}

/// A file not written before the point of no return: nothing was changed.
fn not_written(path: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostics::from(
        Diagnostic::in_file(
            Code::ImportWrite,
            path,
            format!("cannot write the file: {e}"),
        )
        .help("nothing was changed; correct the cause, then import again"),
    )
}

/// A file not written after the point of no return: the next command finishes.
fn unfinished(path: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostics::from(
        Diagnostic::in_file(Code::ImportWrite, path, format!("cannot write the file: {e}"))
            .help("the import's files are all on disk: the next dangos command finishes the import once the cause is corrected"),
    )
}

/// A name no other process makes: process id and clock.
fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos:x}", std::process::id())
}

/// Writes a pending file's new text beside its target (never over a file that is
/// there), with the target's permissions, flushed to disk.
fn make_temp(root: &Path, p: &Pending, bytes: &[u8]) -> std::io::Result<()> {
    let target = root.join(&p.target);
    let mut file = File::options()
        .write(true)
        .create_new(true)
        .open(temp_path(&target, &p.temp))?;
    file.write_all(bytes)?;
    if let Ok(meta) = fs::metadata(&target) {
        file.set_permissions(meta.permissions())?;
    }
    file.sync_all()
}

/// On Ctrl-C or SIGTERM, settles the running import (between two of its steps) and
/// ends the process as the signal would have.
fn on_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("import-signals".into())
            .spawn(|| {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_io()
                    .build()
                else {
                    return;
                };
                if let Some(code) = runtime.block_on(signalled()) {
                    stop(code);
                }
            });
    });
}

/// The exit code of the first Ctrl-C (130) or SIGTERM (143).
async fn signalled() -> Option<i32> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt()).ok()?;
        let mut terminate = signal(SignalKind::terminate()).ok()?;
        tokio::select! {
            _ = interrupt.recv() => Some(130),
            _ = terminate.recv() => Some(143),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.ok().map(|()| 130)
    }
}

fn stop(code: i32) -> ! {
    let mut guard = active();
    // Outside an import's run (before it, or after it ended) there is nothing to say.
    if let Some(a) = guard.as_mut() {
        let renaming = match a.journal.take() {
            Some(journal) => {
                let renaming = journal.stage == Stage::Renaming;
                let settled = settle(&a.root, journal);
                if let Err(e) = &settled.left {
                    eprintln!("warning: {e}");
                }
                renaming
            }
            None => false,
        };
        if renaming {
            eprintln!("\nStopped; the import's files had all been written, and were put in place.");
        } else {
            eprintln!("\nStopped: nothing was written.");
        }
    }
    std::process::exit(code)
}
