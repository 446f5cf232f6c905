//! `dangos import` and `dangos export`: a quarter's figures from a spreadsheet into
//! the indicators' files, and every figure out to one.
//!
//! An import is all or nothing. Every row is read and checked first; the edited files
//! are then checked as `dangos build` checks a site, in a temporary copy of
//! `content/`; only if nothing is wrong is any file written, each by renaming a
//! finished temporary file over it, so a crash leaves each file old or new.

pub mod export;
pub mod front;
mod rows;
mod table;
mod toml_front;
mod write;
pub mod yaml_front;

#[cfg(test)]
mod front_proptest;

use crate::config::{Config, Overrides};
use crate::content::{self, IndicatorFront, RawTarget, RawValue};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::period::Period;
use front::{Edit, Entry, Field};
use rows::{Incoming, Known, shown};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

/// What `dangos import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// The CSV, XLSX or ODS file.
    pub file: PathBuf,
    /// The sheet of a workbook (the first if `None`).
    pub sheet: Option<String>,
    /// Show what would change, write nothing.
    pub dry_run: bool,
    /// Replace figures that differ from the file's.
    pub overwrite: bool,
}

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
        if self.changes.is_empty() {
            let _ = writeln!(
                out,
                "Nothing to change: {} already in the files, as given.",
                plural(self.unchanged, "entry was", "entries were")
            );
            return out + &self.notes();
        }
        let _ = write!(
            out,
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
        let _ = writeln!(out);
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

/// The figure a file has for `field[period]`.
fn existing(front: &IndicatorFront, field: Field, period: Period) -> Option<Entry> {
    match field {
        Field::Values => front.values.get(&period).map(|v| match *v {
            RawValue::Number(n) => Entry::Number(n),
            RawValue::Fraction {
                numerator,
                denominator,
            } => Entry::Fraction {
                numerator,
                denominator,
            },
        }),
        Field::Targets => front.targets.get(&period).map(|t| match *t {
            RawTarget::Value(n) => Entry::Number(n),
            RawTarget::NotAppropriate => Entry::NotAppropriate,
        }),
        Field::Commentary => front
            .commentary
            .get(&period)
            .map(|s| Entry::Text(s.clone())),
    }
}

/// Whether two entries say the same: numbers as numbers (`80` is `80.0`), words
/// without the white space around them (a spreadsheet cell loses the line break a
/// YAML `|` block ends with) and with one kind of line break.
fn same(a: &Entry, b: &Entry) -> bool {
    match (a, b) {
        (Entry::Text(x), Entry::Text(y)) => {
            x.replace("\r\n", "\n").trim() == y.replace("\r\n", "\n").trim()
        }
        _ => a == b,
    }
}

/// Runs an import: reads and checks every row, checks the edited site, then (unless
/// `dry_run`) writes the files. Any problem means nothing is written.
pub fn import(opts: &Options) -> Result<Outcome, Diagnostics> {
    let config = Config::load(&opts.root, &Overrides::default())?;
    let table = table::read(&opts.file, opts.sheet.as_deref())?;
    let (content, _) = content::load_all(&config);
    let known: Vec<Known<'_>> = content
        .indicators
        .iter()
        .map(|l| Known {
            id: &l.slug,
            front: &l.source.front,
        })
        .collect();
    let mut diags = Diagnostics::default();
    let broken: Vec<&str> = content
        .broken
        .iter()
        .filter(|(kind, _)| *kind == content::Kind::Indicator)
        .map(|(_, slug)| slug.as_str())
        .collect();
    let read = rows::read(&table, &known, &broken, &mut diags);

    // The same entry twice must say the same thing.
    let mut given: BTreeMap<(String, Field, Period), Incoming> = BTreeMap::new();
    for inc in read.incoming {
        let key = (inc.id.clone(), inc.edit.field, inc.edit.period);
        match given.get(&key) {
            Some(first) if !same(&first.edit.entry, &inc.edit.entry) => diags.push(
                table
                    .problem(
                        inc.row,
                        inc.col,
                        &format!(
                            "{} for {} {} is {} here, but {} says {}",
                            inc.edit.field.key(),
                            inc.id,
                            inc.edit.period,
                            shown(&inc.edit.entry),
                            first.place,
                            shown(&first.edit.entry)
                        ),
                    )
                    .help("give each figure once, or the same in every row"),
            ),
            Some(_) => {}
            None => {
                given.insert(key, inc);
            }
        }
    }

    // Against the files: what is new, the same, or different.
    let by_id: BTreeMap<&str, usize> = content
        .indicators
        .iter()
        .enumerate()
        .map(|(i, l)| (l.slug.as_str(), i))
        .collect();
    let mut outcome = Outcome {
        ignored_columns: read.ignored,
        empty_rows: read.empty_rows,
        dry_run: opts.dry_run,
        ..Outcome::default()
    };
    let had: BTreeSet<Period> = content
        .indicators
        .iter()
        .flat_map(|l| l.source.front.values.keys().copied())
        .collect();
    for ((id, field, period), inc) in given {
        let l = &content.indicators[by_id[id.as_str()]];
        let old = existing(&l.source.front, field, period);
        match &old {
            Some(o) if same(o, &inc.edit.entry) => {
                outcome.unchanged += 1;
                continue;
            }
            Some(o) if !opts.overwrite => {
                diags.push(
                    table
                        .problem(
                            inc.row,
                            inc.col,
                            &format!(
                                "{} has {} for {period} in `{}`; this says {}",
                                l.source.source.path.display(),
                                shown(o),
                                field.key(),
                                shown(&inc.edit.entry)
                            ),
                        )
                    .help("to replace the file's figure, import again with --overwrite; otherwise correct the spreadsheet"),
                );
                continue;
            }
            _ => {}
        }
        if field == Field::Values && old.is_none() && !had.contains(&period) {
            outcome.new_periods.insert(period);
        }
        outcome.changes.push(Change {
            id,
            edit: inc.edit,
            old,
            place: inc.place,
        });
    }
    if !diags.is_empty() {
        return Err(diags);
    }

    // The new texts: each indicator's file, and a TODO in each translation that has
    // no commentary yet for a period given some.
    let mut texts: BTreeMap<PathBuf, (String, Vec<Edit>)> = BTreeMap::new();
    for c in &outcome.changes {
        let l = &content.indicators[by_id[c.id.as_str()]];
        let src = &l.source.source;
        texts
            .entry(src.path.clone())
            .or_insert_with(|| (src.text.clone(), Vec::new()))
            .1
            .push(c.edit.clone());
        let Entry::Text(words) = &c.edit.entry else {
            continue;
        };
        for t in l.translations.iter().flatten() {
            if t.front.commentary.contains_key(&c.edit.period) {
                continue;
            }
            texts
                .entry(t.source.path.clone())
                .or_insert_with(|| (t.source.text.clone(), Vec::new()))
                .1
                .push(Edit {
                    field: Field::Commentary,
                    period: c.edit.period,
                    entry: Entry::Text(format!("TODO: translate: {words}")),
                });
            outcome
                .to_translate
                .push((t.source.path.clone(), c.edit.period));
        }
    }
    let mut edited: Vec<(PathBuf, String, String)> = Vec::new();
    for (path, (old, edits)) in texts {
        match front::apply(&old, &edits) {
            Ok(new) => edited.push((path, old, new)),
            Err(msg) => {
                // The message names the map in backticks: point at its line.
                let key = msg.split('`').nth(1).unwrap_or("").to_string();
                let d = Diagnostic::in_file(&path, msg);
                diags.push(if key.is_empty() {
                    d
                } else {
                    d.at_text(&old, &format!("{key}:"))
                });
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    outcome.files = edited.iter().map(|(p, _, _)| p.clone()).collect();
    if edited.is_empty() {
        return Ok(outcome);
    }
    write::check_site(&config, &edited)?;
    if !opts.dry_run {
        write::write_all(&config.root, &edited)?;
    }
    Ok(outcome)
}

/// Where an import's problems leave the files: said once after them.
pub const NOTHING_WRITTEN: &str =
    "Nothing was written: correct the problems above and import again.";
