//! `dangos import` and `dangos export`: a quarter's figures from a spreadsheet into
//! the indicators' files, and every figure out to one.
//!
//! An import is all or nothing. Every row is read and checked first; the edited files
//! are then checked as `dangos build` checks a site, in a temporary copy of
//! `content/`; only if nothing is wrong is any file written, all of them or none
//! (`journal.rs`), even if the import is stopped half-way.

mod csv_file;
pub mod export;
pub mod front_matter_edit;
mod journal;
mod limits;
mod lookup;
mod numbers;
mod ods;
mod outcome;
mod rows;
mod session;
mod site_check;
mod table;
mod toml_front;
mod xlsx;
pub mod yaml_front;

#[cfg(test)]
mod front_proptest;

use crate::config::{Config, Overrides};
use crate::content::{self, IndicatorFront};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::period::Period;
use front_matter_edit::{Edit, Entry, Field};
pub use journal::recover;
pub use numbers::Decimal;
pub use outcome::{Change, Outcome};
use rows::{Incoming, Known, shown};
use site_check::Origin;
use std::collections::{BTreeMap, BTreeSet};
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
    /// The decimal mark of numbers written as text, if given (otherwise the one the
    /// file shows).
    pub decimal: Option<Decimal>,
}

/// The figure a file has for `field[period]`.
fn existing(front: &IndicatorFront, field: Field, period: Period) -> Option<Entry> {
    match field {
        Field::Values => front.values.get(&period).map(Entry::from),
        Field::Targets => front.targets.get(&period).map(Entry::from),
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

/// An indicator's content, in every language, as loaded.
type Item = content::Localised<content::IndicatorFront, content::IndicatorWords>;

/// A file an import changes: path (relative to the root), old text, new text.
type Edited = (PathBuf, String, String);

/// Runs an import: reads and checks every row, checks the edited site, then (unless
/// `dry_run`) writes the files. Any problem means nothing is written.
pub fn import(opts: &Options) -> Result<Outcome, Diagnostics> {
    // First of all: the lock, and what a stopped import left.
    let session = session::Session::begin(&opts.root)?;
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
    let broken: Vec<&str> = content
        .broken
        .iter()
        .filter(|(kind, _)| *kind == content::Kind::Indicator)
        .map(|(_, slug)| slug.as_str())
        .collect();
    let mut diags = Diagnostics::default();
    let read = rows::read(&table, &known, &broken, opts.decimal, &mut diags);
    if let Some(line) = conventions(&table, &read) {
        eprintln!("{line}");
    }
    let given = once_each(&table, read.incoming, &mut diags);
    let by_id: BTreeMap<&str, &Item> = content
        .indicators
        .iter()
        .map(|l| (l.slug.as_str(), &**l))
        .collect();
    let mut outcome = Outcome {
        ignored_columns: read.ignored,
        empty_rows: read.empty_rows,
        dry_run: opts.dry_run,
        ..Outcome::default()
    };
    against_files(
        &table,
        given,
        &by_id,
        opts.overwrite,
        &mut outcome,
        &mut diags,
    );
    diags.into_result(())?;
    let (edited, origins) = new_texts(&by_id, &mut outcome)?;
    outcome.files = edited.iter().map(|(p, _, _)| p.clone()).collect();
    if edited.is_empty() {
        return Ok(outcome);
    }
    let copy = session.copy_folder()?;
    let checked = site_check::check_site(&config, &copy, &edited, &table, &origins);
    session.remove_copy();
    checked?;
    if !opts.dry_run {
        session.write(&edited)?;
    }
    Ok(outcome)
}

/// The line that says how a file was read: "Read q3.csv as CSV: fields separated
/// by semicolons; numbers with a decimal comma (as line 3 shows: `78,9`)." For a
/// sheet, said only when numbers typed as text needed a decimal mark.
fn conventions(table: &table::Table, read: &rows::Read) -> Option<String> {
    let mark = match read.marks.decimal {
        Some(d) => format!("numbers with {} ({})", d.name(), read.marks.why()),
        None if read.marked => "no number shows which decimal mark the file uses".into(),
        None => "no number has a decimal mark".into(),
    };
    let file = table.path.display();
    match (&table.sheet, table.delimiter) {
        (None, Some(delimiter)) => Some(format!(
            "Read {file} as CSV: fields separated by {}; {mark}.",
            delimiter.name()
        )),
        (Some(sheet), _) if read.marks.decimal.is_some() => Some(format!(
            "Read sheet `{sheet}` of {file}: number cells as numbers; {mark} typed as text."
        )),
        _ => None,
    }
}

/// The rows' entries, each once: the same entry given twice must say the same thing.
fn once_each(
    table: &table::Table,
    incoming: Vec<Incoming>,
    diags: &mut Diagnostics,
) -> BTreeMap<(String, Field, Period), Incoming> {
    let mut given: BTreeMap<(String, Field, Period), Incoming> = BTreeMap::new();
    for inc in incoming {
        let key = (inc.id.clone(), inc.edit.field, inc.edit.period);
        match given.get(&key) {
            Some(first) if !same(&first.edit.entry, &inc.edit.entry) => diags.push(conflict(
                table,
                &inc,
                &format!(
                    "{} for {} {} is {} here, but {} says {}",
                    inc.edit.field.key(),
                    inc.id,
                    inc.edit.period,
                    shown(&inc.edit.entry),
                    first.place,
                    shown(&first.edit.entry)
                ),
                "give each figure once, or the same in every row",
            )),
            Some(_) => {}
            None => {
                given.insert(key, inc);
            }
        }
    }
    given
}

/// Two figures for one cell of the site that disagree: `message` at `inc`'s cell,
/// and what to do.
fn conflict(table: &table::Table, inc: &Incoming, message: &str, help: &str) -> Diagnostic {
    table
        .problem(Code::ImportConflict, inc.row, inc.col, message)
        .help(help)
}

/// Sorts each entry by what the file has: the same (nothing to do), nothing (an
/// addition), or something else (a change with `overwrite`, otherwise refused).
fn against_files(
    table: &table::Table,
    given: BTreeMap<(String, Field, Period), Incoming>,
    by_id: &BTreeMap<&str, &Item>,
    overwrite: bool,
    outcome: &mut Outcome,
    diags: &mut Diagnostics,
) {
    let had: BTreeSet<Period> = by_id
        .values()
        .flat_map(|l| l.source.front.values.keys().copied())
        .collect();
    for ((id, field, period), inc) in given {
        let l = by_id[id.as_str()];
        let old = existing(&l.source.front, field, period);
        match &old {
            Some(o) if same(o, &inc.edit.entry) => {
                outcome.unchanged += 1;
                continue;
            }
            Some(o) if !overwrite => {
                diags.push(conflict(
                    table,
                    &inc,
                    &format!(
                        "{} has {} for {period} in `{}`; this says {}",
                        l.source.source.path.display(),
                        shown(o),
                        field.key(),
                        shown(&inc.edit.entry)
                    ),
                    "to replace the file's figure, import again with --overwrite; \
                     otherwise correct the spreadsheet",
                ));
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
            row: inc.row,
            col: inc.col,
        });
    }
}

/// The new text of each file the changes touch: the indicators' own, and each
/// translation that has no commentary yet for a period given some, which gets a
/// `TODO` (as `dangos new` writes) so the site still builds and `check` lists it.
fn new_texts(
    by_id: &BTreeMap<&str, &Item>,
    outcome: &mut Outcome,
) -> Result<(Vec<Edited>, Vec<Origin>), Diagnostics> {
    let mut texts: BTreeMap<PathBuf, (String, Vec<Edit>)> = BTreeMap::new();
    let mut origins = Vec::new();
    for c in &outcome.changes {
        let l = by_id[c.id.as_str()];
        let src = &l.source.source;
        texts
            .entry(src.path.clone())
            .or_insert_with(|| (src.text.clone(), Vec::new()))
            .1
            .push(c.edit.clone());
        let origin = |file: &std::path::Path| Origin {
            file: file.to_path_buf(),
            field: c.edit.field,
            period: c.edit.period,
            row: c.row,
            col: c.col,
        };
        origins.push(origin(&src.path));
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
            origins.push(origin(&t.source.path));
            outcome
                .to_translate
                .push((t.source.path.clone(), c.edit.period));
        }
    }
    let mut diags = Diagnostics::default();
    let mut edited = Vec::new();
    for (path, (old, edits)) in texts {
        match front_matter_edit::apply(&old, &edits) {
            Ok(new) => edited.push((path, old, new)),
            Err(msg) => {
                // The message names the map in backticks: point at its line.
                let key = msg.split('`').nth(1).unwrap_or("").to_string();
                let d = Diagnostic::in_file(Code::ImportWrite, &path, msg);
                let at = crate::content::front_keys(&old)
                    .into_iter()
                    .find(|k| k.value == key);
                diags.push(match at {
                    Some(k) => d.at_pos(&old, k.pos),
                    None => d,
                });
            }
        }
    }
    diags.into_result((edited, origins))
}

/// Where an import's problems leave the files: said once after them.
pub const NOTHING_WRITTEN: &str =
    "Nothing was written: correct the problems above and import again.";
