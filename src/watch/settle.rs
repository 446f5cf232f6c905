//! Settling before a problem is shown. An editor or a copy can pause for longer than
//! [`super::QUIET`] in the middle of writing a file, and the rebuild then reads half
//! a file and fails. When a file a problem is in was written just before (or while)
//! the rebuild read it, the problem is not shown at once: the watcher waits for the
//! writes to settle and the file is read again, once.

use super::{Changes, Watcher};
use crate::diagnostics::Diagnostics;
use crate::rebuild::classify;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// A file written less than this long before a rebuild began may have been read
/// half-written; and this long after it was written, its writes count as settled.
pub const SETTLE: Duration = Duration::from_millis(100);

impl Watcher {
    /// After a rebuild that began at `started` failed with `diags`: if a file they
    /// are in was written within [`SETTLE`] of `started`, waits until it is
    /// [`SETTLE`] old (or more changes arrive) and returns the changes to rebuild
    /// with, which name that file so it is read again. `None`: report the problems
    /// now.
    pub fn settle(
        &mut self,
        diags: &Diagnostics,
        started: SystemTime,
        theme: Option<&Path>,
    ) -> Option<Changes> {
        let mut young = BTreeSet::new();
        let mut newest = SystemTime::UNIX_EPOCH;
        for file in diags.0.iter().filter_map(|d| d.file.as_deref()) {
            let Some(rel) = self.relative(file) else {
                continue;
            };
            let Ok(written) = std::fs::metadata(self.root.join(&rel)).and_then(|m| m.modified())
            else {
                continue;
            };
            if written + SETTLE > started {
                newest = newest.max(written);
                young.insert(rel);
            }
        }
        if young.is_empty() {
            return None;
        }
        let wait = (newest + SETTLE)
            .duration_since(SystemTime::now())
            .unwrap_or_default()
            .min(SETTLE);
        let mut changes = match self.rx.recv_timeout(wait) {
            Ok(event) => self.gather(event, theme),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Changes {
                since: Some(Instant::now()),
                ..Changes::default()
            },
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
        };
        changes
            .kinds
            .extend(young.iter().filter_map(|p| classify(p, theme)));
        changes.paths.extend(young);
        Some(changes)
    }

    /// A diagnostic's file relative to the site root.
    fn relative(&self, file: &Path) -> Option<PathBuf> {
        if file.is_relative() {
            return Some(file.to_path_buf());
        }
        let canonical = std::fs::canonicalize(file).ok()?;
        canonical
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }
}
