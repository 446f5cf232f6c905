//! What the rows of an import say: columns found by their header, indicators by id or
//! code, periods, numbers and words read from cells, each problem named by its cell
//! with what to do. Nothing here reads or writes content files.

use super::lookup::{Lookup, norm};
use super::numbers::{Decimal, Marks};
use super::table::{Cell, HEADER_HELP, Row, Table};
use crate::content::{IndicatorFront, Unit};
use crate::diagnostics::{Code, Diagnostics};
use crate::import::front_matter_edit::{Edit, Entry, Field, number_text};
use crate::period::Period;
use crate::render::data::csv::restore_formula_like;
use std::collections::BTreeMap;

/// An indicator an import can write to.
pub(crate) struct Known<'a> {
    pub(crate) id: &'a str,
    pub(crate) front: &'a IndicatorFront,
}

/// One figure or commentary, from one cell.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub(crate) id: String,
    pub(crate) edit: Edit,
    /// Where it came from: `line 7` or `Q3!C7`.
    pub(crate) place: String,
    /// Its row number and column, to name it in a problem.
    pub(crate) row: usize,
    pub(crate) col: usize,
}

/// What the rows said.
pub(crate) struct Read {
    pub(crate) incoming: Vec<Incoming>,
    /// Columns not read (e.g. `title`, or a team's own notes).
    pub(crate) ignored: Vec<String>,
    /// Rows naming an indicator and period with nothing to import.
    pub(crate) empty_rows: usize,
    /// The decimal mark the numbers written as text were read with.
    pub(crate) marks: Marks,
    /// Whether any figure was written as text with a decimal mark or separator.
    pub(crate) marked: bool,
}

/// What is wrong with a cell: its code, the problem, and what to do.
type Bad = (Code, String, String);

/// Columns an export writes for people to read, which an import passes over.
const FOR_READING: &[&str] = &["title", "code", "unit"];

/// The columns an import reads: those an export writes, less those for reading.
fn known_columns() -> impl Iterator<Item = &'static str> {
    super::export::HEADER
        .into_iter()
        .filter(|c| !FOR_READING.contains(c))
}

struct Columns {
    at: BTreeMap<&'static str, usize>,
}

impl Columns {
    fn get(&self, name: &str) -> Option<usize> {
        self.at.get(name).copied()
    }
}

/// The columns the header names, by what they hold, and the columns not read; a
/// column named twice, nearly named, or missing is reported.
fn columns(table: &Table, diags: &mut Diagnostics) -> (Columns, Vec<String>) {
    let mut at = BTreeMap::new();
    let mut ignored = Vec::new();
    for (i, name) in table.header.iter().enumerate() {
        let key = name.trim().to_lowercase().replace([' ', '_'], "");
        if let Some(known) = known_columns().find(|c| *c == key) {
            if at.insert(known, i).is_some() {
                diags.push(table.problem(
                    Code::ImportColumn,
                    table.header_number(),
                    i,
                    &format!("there are two `{known}` columns: keep one"),
                ));
            }
        } else if key.is_empty() {
            continue;
        } else if let Some(near) =
            known_columns().find(|c| strsim::normalized_damerau_levenshtein(c, &key) >= 0.7)
        {
            diags.push(
                table
                    .problem(
                        Code::ImportColumn,
                        table.header_number(),
                        i,
                        &format!("`{name}` is not a column dangos reads"),
                    )
                    .help(format!("did you mean `{near}`?")),
            );
        } else if !FOR_READING.contains(&key.as_str()) {
            ignored.push(name.clone());
        }
    }
    missing_columns(table, &at, diags);
    (Columns { at }, ignored)
}

/// The columns an import cannot do without: the indicator, the period, and one of
/// figures or words.
fn missing_columns(table: &Table, at: &BTreeMap<&'static str, usize>, diags: &mut Diagnostics) {
    for needed in ["indicator", "period"] {
        if !at.contains_key(needed) {
            diags.push(
                table
                    .row_problem(
                        Code::ImportColumn,
                        table.header_number(),
                        &format!("there is no `{needed}` column"),
                    )
                    .help(HEADER_HELP),
            );
        }
    }
    if !["value", "numerator", "target", "commentary"]
        .iter()
        .any(|c| at.contains_key(c))
    {
        diags.push(
            table
                .row_problem(
                    Code::ImportColumn,
                    table.header_number(),
                    "there is no column of figures",
                )
                .help(HEADER_HELP),
        );
    }
}

/// The columns that hold figures, whose text is read as numbers.
const FIGURE_COLUMNS: [&str; 4] = ["value", "numerator", "denominator", "target"];

/// A number from a cell, or what is wrong with it.
fn number(cell: &Cell, marks: &Marks) -> Result<Option<f64>, Bad> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Number(_) => Err((
            Code::ImportNumber,
            "the cell is not a finite number".into(),
            "write the figure".into(),
        )),
        Cell::Percent(n) => {
            // Rounded: 0.761 * 100 is 76.10000000000001 in binary.
            let meant = number_text((n * 100.0 * 1e9).round() / 1e9);
            Err((
                Code::ImportNumber,
                format!(
                    "the cell is formatted as a percentage, so it holds {} (shown as {meant}%)",
                    number_text(*n)
                ),
                format!(
                    "format the column as a plain number and type {meant}: the indicator's `unit` says it is a percentage"
                ),
            ))
        }
        Cell::Other(what) => Err((
            Code::ImportNumber,
            format!("the cell holds {what}, not a number"),
            "write the figure as a plain number".into(),
        )),
        Cell::Text(t) => marks.number(t).map(Some),
    }
}

fn text(cell: &Cell) -> Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) => Ok(Some(restore_formula_like(t).replace("\r\n", "\n"))),
        Cell::Number(n) | Cell::Percent(n) => Ok(Some(number_text(*n))),
        Cell::Other(what) => Err(format!("the cell holds {what}, not text")),
    }
}

/// Reads every row, numbers written as text with the decimal mark `forced` or the
/// one the file shows; the problems found are added to `diags`.
pub(crate) fn read(
    table: &Table,
    known: &[Known<'_>],
    broken: &[&str],
    forced: Option<Decimal>,
    diags: &mut Diagnostics,
) -> Read {
    let (cols, ignored) = columns(table, diags);
    let (marks, marked) = decimal_marks(table, &cols, forced, diags);
    let mut incoming = Vec::new();
    let mut empty_rows = 0;
    // Without these columns no row can be placed: the missing column is reported.
    if let (Some(indicator), Some(period)) = (cols.get("indicator"), cols.get("period")) {
        let rows = RowReader {
            table,
            cols: &cols,
            lookup: Lookup::new(known, broken),
            marks: &marks,
            indicator,
            period,
        };
        for row in &table.rows {
            match rows.row(row, diags) {
                Some(read) => incoming.extend(read),
                None => empty_rows += 1,
            }
        }
    }
    Read {
        incoming,
        ignored,
        empty_rows,
        marks,
        marked,
    }
}

/// The decimal mark to read the figures written as text with (`forced`, or the one
/// the file shows, a mix of both reported at its first cell), and whether any figure
/// is written with a mark or separator at all.
fn decimal_marks(
    table: &Table,
    cols: &Columns,
    forced: Option<Decimal>,
    diags: &mut Diagnostics,
) -> (Marks, bool) {
    let figure_cols: Vec<usize> = FIGURE_COLUMNS.iter().filter_map(|c| cols.get(c)).collect();
    let texts = || {
        table.rows.iter().flat_map(|row| {
            figure_cols.iter().filter_map(move |&c| match row.cell(c) {
                Cell::Text(t) => Some((row, c, t.as_str())),
                _ => None,
            })
        })
    };
    let (marks, mixed) = Marks::find(
        forced,
        texts().map(|(row, c, t)| (table.place(row.number, c), t)),
    );
    let marked = texts().any(|(_, _, t)| t.contains([',', '.', ' ', '\u{a0}', '\u{202f}']));
    if let Some((place, problem, help)) = mixed
        && let Some((row, c, _)) = texts().find(|(row, c, _)| table.place(row.number, *c) == place)
    {
        diags.push(
            table
                .problem(Code::MixedDecimals, row.number, c, &problem)
                .help(help),
        );
    }
    (marks, marked)
}

/// The columns a row with nothing in them has nothing to import.
const ROW_FIGURES: [&str; 5] = ["value", "numerator", "denominator", "target", "commentary"];

/// What a row says, read without problems.
struct Said {
    /// The figure, and the column it came from.
    entry: Option<Entry>,
    entry_column: &'static str,
    target: Option<Entry>,
    commentary: Option<String>,
}

/// Reads rows of a table whose indicator and period columns are known.
struct RowReader<'a> {
    table: &'a Table,
    cols: &'a Columns,
    lookup: Lookup<'a>,
    marks: &'a Marks,
    /// The indicator's column.
    indicator: usize,
    /// The period's column.
    period: usize,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r Row, name: &str) -> &'r Cell {
        self.cols.get(name).map_or(&Cell::Empty, |c| row.cell(c))
    }

    /// A column's index; a problem in a column that is not there is placed in the first.
    fn col(&self, name: &str) -> usize {
        self.cols.get(name).unwrap_or(0)
    }

    /// What a row gives (nothing if it has a problem, which is reported), or `None`
    /// if it has no figures or words at all.
    fn row(&self, row: &Row, diags: &mut Diagnostics) -> Option<Vec<Incoming>> {
        if ROW_FIGURES
            .iter()
            .all(|c| *self.cell(row, c) == Cell::Empty)
        {
            return None;
        }
        let n = row.number;
        let mut bad = |name: &str, (code, msg, help): Bad| {
            diags.push(self.table.problem(code, n, self.col(name), &msg).help(help));
        };
        // Every cell is read, so that every problem of the row is reported at once.
        let indicator = self.indicator(row).map_err(|b| bad("indicator", b)).ok();
        let period = self.period(row).map_err(|b| bad("period", b)).ok();
        let mut num = |name: &str| {
            number(self.cell(row, name), self.marks)
                .map_err(|b| bad(name, b))
                .ok()
                .flatten()
        };
        let (value, numerator, denominator) = (num("value"), num("numerator"), num("denominator"));
        let target = self
            .target(row)
            .map_err(|b| bad("target", b))
            .ok()
            .flatten();
        let commentary = text(self.cell(row, "commentary"))
            .map_err(|msg| {
                let help = "write the commentary as text".into();
                bad("commentary", (Code::ImportRow, msg, help))
            })
            .ok()
            .flatten();
        let (entry, problem) = figure(value, numerator, denominator);
        if let Some((name, b)) = problem {
            bad(name, b);
        }
        let (Some(k), Some(period)) = (indicator, period) else {
            return Some(Vec::new());
        };
        if matches!(entry, Some(Entry::Fraction { .. })) && k.front.unit != Unit::Percent {
            bad("numerator", not_a_fraction(k));
            return Some(Vec::new());
        }
        let said = Said {
            entry,
            entry_column: if value.is_some() {
                "value"
            } else {
                "numerator"
            },
            target,
            commentary,
        };
        Some(self.incoming(n, k, period, said))
    }

    /// What row `n` gives indicator `k` for `period`: each figure or words, from
    /// its cell.
    fn incoming(&self, n: usize, k: &Known<'_>, period: Period, said: Said) -> Vec<Incoming> {
        let incoming = |field, period, entry, name: &str| Incoming {
            id: k.id.to_string(),
            edit: Edit {
                field,
                period,
                entry,
            },
            place: self.table.place(n, self.col(name)),
            row: n,
            col: self.col(name),
        };
        let mut out = Vec::new();
        if let Some(e) = said.entry {
            out.push(incoming(Field::Values, period, e, said.entry_column));
        }
        if let Some(t) = said.target {
            out.push(incoming(Field::Targets, period.year(), t, "target"));
        }
        if let Some(c) = said.commentary {
            out.push(incoming(
                Field::Commentary,
                period,
                Entry::Text(c),
                "commentary",
            ));
        }
        out
    }

    /// The indicator a row names, by id or code.
    fn indicator(&self, row: &Row) -> Result<&Known<'_>, Bad> {
        let help = || "write the indicator's id or code".to_string();
        match text(row.cell(self.indicator)) {
            Ok(Some(name)) => self.lookup.find(&name).map_err(|help| {
                let msg = format!("no indicator has the id or code `{name}`");
                (Code::ImportIndicator, msg, help)
            }),
            Ok(None) => Err((
                Code::ImportIndicator,
                "the row has figures but no indicator".into(),
                help(),
            )),
            Err(msg) => Err((Code::ImportIndicator, msg, help())),
        }
    }

    /// The period a row is for.
    fn period(&self, row: &Row) -> Result<Period, Bad> {
        match text(row.cell(self.period)) {
            Ok(Some(p)) => p.parse::<Period>().map_err(|e| {
                (
                    Code::ImportPeriod,
                    e.to_string(),
                    "write a quarter such as 2019-20 Q3, or a financial year such as 2019-20"
                        .into(),
                )
            }),
            Ok(None) => Err((
                Code::ImportPeriod,
                "the row has figures but no period".into(),
                "write a quarter such as 2019-20 Q3".into(),
            )),
            Err(msg) => Err((
                Code::ImportPeriod,
                msg,
                "format the column as text and type the period, e.g. 2019-20 Q3".into(),
            )),
        }
    }

    /// A row's target: a number, or the words for a target that is not set.
    fn target(&self, row: &Row) -> Result<Option<Entry>, Bad> {
        let cell = self.cell(row, "target");
        match cell {
            Cell::Text(t) if matches!(norm(t).as_str(), "not-appropriate" | "not appropriate") => {
                Ok(Some(Entry::NotAppropriate))
            }
            Cell::Text(t) if matches!(norm(t).as_str(), "not-stated" | "not stated") => {
                Ok(Some(Entry::NotStated))
            }
            _ => match number(cell, self.marks) {
                Ok(v) => Ok(v.map(Entry::Number)),
                Err((Code::ImportNumber, msg, _)) => Err((
                    Code::ImportNumber,
                    msg,
                    "write the target as a plain number, not-appropriate or not-stated".into(),
                )),
                Err(bad) => Err(bad),
            },
        }
    }
}

/// A row's figure from its value, numerator and denominator, and what is wrong with
/// them (with the column to name): a value, or a fraction, but not both.
fn figure(
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
) -> (Option<Entry>, Option<(&'static str, Bad)>) {
    let bad =
        |name, msg: &str, help: &str| Some((name, (Code::ImportRow, msg.into(), help.into())));
    match (value, numerator, denominator) {
        (Some(v), Some(_), _) | (Some(v), _, Some(_)) => (
            Some(Entry::Number(v)),
            bad(
                "value",
                "the row has both a value and a numerator or denominator",
                "give the value, or the numerator and denominator, not both",
            ),
        ),
        (None, Some(numerator), Some(denominator)) => {
            let fraction = Entry::Fraction {
                numerator,
                denominator,
            };
            // Still the figure: the problem is reported, and stops the import.
            let problem = match denominator <= 0.0 {
                true => bad(
                    "denominator",
                    "the denominator must be greater than zero",
                    "write the number of cases counted",
                ),
                false => None,
            };
            (Some(fraction), problem)
        }
        (None, Some(_), None) => (
            None,
            bad(
                "denominator",
                "a numerator needs a denominator",
                "write the denominator beside it",
            ),
        ),
        (None, None, Some(_)) => (
            None,
            bad(
                "numerator",
                "a denominator needs a numerator",
                "write the numerator beside it",
            ),
        ),
        (value, _, _) => (value.map(Entry::Number), None),
    }
}

/// A numerator and denominator for an indicator that is not a percentage.
fn not_a_fraction(k: &Known<'_>) -> Bad {
    (
        Code::ImportRow,
        format!(
            "{} is not a percentage (its unit is {}), so it takes a value, not a numerator and denominator",
            k.id,
            unit_name(k.front.unit)
        ),
        "give the figure in the `value` column".into(),
    )
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Percent => "percent",
        Unit::Days => "days",
    }
}

/// A figure as shown in a listing: `1754`, `3 of 82`, `not-appropriate`, or quoted words.
pub(crate) fn shown(e: &Entry) -> String {
    match e {
        Entry::Number(n) => number_text(*n),
        Entry::Fraction {
            numerator,
            denominator,
        } => format!(
            "{} of {}",
            number_text(*numerator),
            number_text(*denominator)
        ),
        Entry::NotAppropriate => "not-appropriate".into(),
        Entry::NotStated => "not-stated".into(),
        Entry::Text(s) => format!("{s:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units_or_words_say_what_to_write() {
        let marks = Marks::default();
        let t = |s: &str| number(&Cell::Text(s.into()), &marks);
        assert_eq!(t("76.1").unwrap(), Some(76.1));
        assert_eq!(t("-3").unwrap(), Some(-3.0));
        assert_eq!(t("78,9").unwrap(), Some(78.9));
        assert!(
            t("12%")
                .unwrap_err()
                .2
                .contains("write the number alone, 12")
        );
        assert!(t("12 days").unwrap_err().1.contains("unit (`days`)"));
        let (code, msg, help) = t("1,754").unwrap_err();
        assert_eq!(code, Code::AmbiguousNumber);
        assert!(msg.contains("1754 with a decimal point, or 1.754 with a decimal comma"));
        assert!(help.contains("--decimal-point if it is 1754"));
        assert!(t("n/a").unwrap_err().1.contains("is not a number"));
        assert!(t("inf").is_err());
        assert!(
            number(&Cell::Other("a date".into()), &marks)
                .unwrap_err()
                .1
                .contains("a date")
        );
    }
}
