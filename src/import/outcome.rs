//! What an import did, or with `--dry-run` would do, and how it is told.

use super::rows::shown;
use crate::import::front_matter_edit::{Edit, Entry, Field};
use crate::period::Period;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

/// One entry an import sets.
#[derive(Debug, Clone)]
pub struct Change {
    /// The indicator's id.
    pub id: String,
    /// Which map, period and new entry.
    pub edit: Edit,
    /// What the file had, if anything.
    pub old: Option<Entry>,
    /// Where the new entry came from: `line 7` or `Q3!C7`.
    pub place: String,
    /// Its row's line or number, and its column (0-based), to name it in a problem.
    pub row: usize,
    /// See `row`.
    pub col: usize,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct Outcome {
    /// Entries added or changed.
    pub changes: Vec<Change>,
    /// Entries the import gave that the files already had.
    pub unchanged: usize,
    /// Files written (or to be written), relative to the root.
    pub files: Vec<PathBuf>,
    /// Translations given a `TODO` for new commentary: (file, period).
    pub to_translate: Vec<(PathBuf, Period)>,
    /// Periods that no indicator had a value for before.
    pub new_periods: BTreeSet<Period>,
    /// Columns passed over.
    pub ignored_columns: Vec<String>,
    /// Rows naming an indicator and period with no figures.
    pub empty_rows: usize,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Outcome {
    /// What to print: the changes (every one with `--dry-run`; the replaced ones
    /// otherwise), and a summary.
    pub fn to_text(&self) -> String {
        let mut out = self.listing();
        if self.changes.is_empty() {
            let _ = writeln!(
                out,
                "Nothing to change: {} already in the files, as given.",
                plural(self.unchanged, "entry was", "entries were")
            );
            return out + &self.notes();
        }
        out.push_str(&self.summary());
        if self.unchanged > 0 {
            let _ = writeln!(
                out,
                "{} already in the files, as given.",
                plural(self.unchanged, "entry was", "entries were")
            );
        }
        if !self.dry_run {
            let _ = writeln!(out, "Wrote {}.", plural(self.files.len(), "file", "files"));
        }
        out + &self.notes()
    }

    /// A line per change: every one in a dry run, else those that replace an entry.
    fn listing(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            if self.dry_run || c.old.is_some() {
                let what = format!("{:<10} {} {}", c.edit.field.key(), c.id, c.edit.period);
                let _ = match &c.old {
                    None => writeln!(out, "  add     {what}: {}", shown(&c.edit.entry)),
                    Some(old) => writeln!(
                        out,
                        "  change  {what}: {} -> {} ({})",
                        shown(old),
                        shown(&c.edit.entry),
                        c.place
                    ),
                };
            }
        }
        out
    }

    /// The summary line: figures added and changed, commentaries, new periods.
    fn summary(&self) -> String {
        let figures = |changed: bool| {
            self.changes
                .iter()
                .filter(|c| c.edit.field != Field::Commentary && c.old.is_some() == changed)
                .count()
        };
        let indicators: BTreeSet<&str> = self
            .changes
            .iter()
            .filter(|c| c.edit.field != Field::Commentary && c.old.is_none())
            .map(|c| c.id.as_str())
            .collect();
        let commentary = self
            .changes
            .iter()
            .filter(|c| c.edit.field == Field::Commentary)
            .count();
        let mut out = format!(
            "{}{} added to {}, {} changed",
            if self.dry_run {
                "Dry run, nothing written: "
            } else {
                ""
            },
            plural(figures(false), "figure", "figures"),
            plural(indicators.len(), "indicator", "indicators"),
            figures(true)
        );
        if commentary > 0 {
            let _ = write!(
                out,
                "; {} added or changed",
                plural(commentary, "commentary", "commentaries")
            );
        }
        if !self.new_periods.is_empty() {
            let list: Vec<String> = self.new_periods.iter().map(Period::to_string).collect();
            let _ = write!(
                out,
                "; new period{}: {}",
                if list.len() == 1 { "" } else { "s" },
                list.join(", ")
            );
        }
        out.push('\n');
        out
    }

    /// Rows and columns passed over, and translations to do.
    fn notes(&self) -> String {
        let mut out = String::new();
        if self.empty_rows > 0 {
            let _ = writeln!(
                out,
                "{} without figures passed over.",
                plural(self.empty_rows, "row", "rows")
            );
        }
        if !self.ignored_columns.is_empty() {
            let _ = writeln!(
                out,
                "Columns not read: {}.",
                self.ignored_columns.join(", ")
            );
        }
        if !self.to_translate.is_empty() {
            let _ = writeln!(
                out,
                "New commentary to translate ({} `TODO: translate:` in each):",
                if self.dry_run {
                    "would be marked"
                } else {
                    "marked"
                }
            );
            for (file, period) in &self.to_translate {
                let _ = writeln!(out, "  {} ({period})", file.display());
            }
        }
        out
    }
}
