//! Reading the rows of an import: a CSV file (UTF-8, with or without a byte-order
//! mark; commas, or semicolons or tabs where a spreadsheet wrote those), or one sheet
//! of an XLSX or ODS workbook. Every cell keeps where it came from, so a problem can
//! name its CSV line or its sheet and cell (`Q3!C7`).

use crate::diagnostics::Diagnostic;
use calamine::{Data, Reader};
use std::path::{Path, PathBuf};

/// One cell, as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number shown as a percentage (0.761 shown as 76.1%): what a spreadsheet
    /// holds is not what the person typing it meant.
    Percent(f64),
    /// Something that is neither text nor a number: what it is, e.g. "a date".
    Other(String),
}

/// A row under the header: its line (CSV) or row number (sheet), 1-based, and its cells.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) number: usize,
    pub(crate) cells: Vec<Cell>,
}

impl Row {
    pub(crate) fn cell(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

/// The header and rows of a CSV file or a sheet.
#[derive(Debug)]
pub(crate) struct Table {
    /// The file, as given.
    pub(crate) path: PathBuf,
    /// The sheet's name; `None` for CSV.
    pub(crate) sheet: Option<String>,
    /// The CSV text, to show an offending line.
    text: Option<String>,
    /// Where the header is.
    pub(crate) header_number: usize,
    /// First column's index (a sheet's used range may start after column A).
    first_col: usize,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// A problem with one cell: `figures.csv:7: column `value`: ...` or
    /// `figures.xlsx: Q3!C7 (value): ...`.
    pub(crate) fn problem(&self, number: usize, col: usize, message: &str) -> Diagnostic {
        let name = self.header.get(col).map_or("", String::as_str);
        match &self.sheet {
            None => Diagnostic::in_file(&self.path, format!("column `{name}`: {message}")).at(
                self.text.as_deref(),
                number,
                None,
            ),
            Some(sheet) => Diagnostic::in_file(
                &self.path,
                format!(
                    "{}!{}{number} (column `{name}`): {message}",
                    sheet_ref(sheet),
                    column_letters(self.first_col + col)
                ),
            ),
        }
    }

    /// A problem with a whole row.
    pub(crate) fn row_problem(&self, number: usize, message: &str) -> Diagnostic {
        match &self.sheet {
            None => Diagnostic::in_file(&self.path, message).at(self.text.as_deref(), number, None),
            Some(sheet) => Diagnostic::in_file(
                &self.path,
                format!("{}!{number}:{number}: {message}", sheet_ref(sheet)),
            ),
        }
    }

    /// Where a cell is, for a listing: `line 7` or `Q3!C7`.
    pub(crate) fn place(&self, number: usize, col: usize) -> String {
        match &self.sheet {
            None => format!("line {number}"),
            Some(sheet) => format!(
                "{}!{}{number}",
                sheet_ref(sheet),
                column_letters(self.first_col + col)
            ),
        }
    }
}

/// A sheet's name as a spreadsheet writes it in a reference: quoted if it has spaces.
fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub(crate) fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads `path` by its extension.
pub(crate) fn read(path: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            if sheet.is_some() {
                return Err(Diagnostic::in_file(path, "a CSV file has no sheets")
                    .help("leave out --sheet, or import the workbook itself"));
            }
            read_csv(path)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_sheet(path, sheet),
        _ => Err(
            Diagnostic::in_file(path, "dangos imports .csv, .xlsx and .ods files")
                .help("save the spreadsheet as CSV UTF-8, Excel (.xlsx) or OpenDocument (.ods)"),
        ),
    }
}

fn read_csv(path: &Path) -> Result<Table, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::in_file(path, format!("cannot read the file: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        let line = bytes[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Diagnostic::in_file(path, "this file is not UTF-8 text")
            .at(None, line, None)
            .help("in the spreadsheet, save it as \"CSV UTF-8\"")
    })?;
    // A spreadsheet set up for a language that writes decimal commas saves CSV
    // with semicolons; some save tabs.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let d = Diagnostic::in_file(path, format!("cannot read this CSV: {e}"));
            match e.position() {
                Some(p) => d.at(Some(&text), p.line() as usize, None),
                None => d,
            }
        })?;
        let number = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<Cell> = record
            .iter()
            .map(|s| match s.trim() {
                "" => Cell::Empty,
                s => Cell::Text(s.to_string()),
            })
            .collect();
        lines.push((number, cells));
    }
    let (header_number, header, rows) = header_and_rows(lines)
        .ok_or_else(|| Diagnostic::in_file(path, "the file is empty").help(HEADER_HELP))?;
    Ok(Table {
        path: path.to_path_buf(),
        sheet: None,
        text: Some(text),
        header_number,
        first_col: 0,
        header,
        rows,
    })
}

/// What the first row must hold.
pub(crate) const HEADER_HELP: &str = "the first row names the columns: indicator, period, and value (or numerator and denominator); optionally target and commentary";

fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| Diagnostic::in_file(path, format!("cannot read this workbook: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            Diagnostic::in_file(path, format!("there is no sheet `{s}`"))
                .help(format!("the sheets are: {}", names.join(", ")))
        })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::in_file(path, "the workbook has no sheets"))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Diagnostic::in_file(path, format!("cannot read sheet `{name}`: {e}")))?;
    let (first_row, first_col) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let styles = match &mut book {
        calamine::Sheets::Xlsx(x) => x.worksheet_style(&name).ok(),
        _ => None,
    };
    let is_percent = |row: usize, col: usize| {
        styles
            .as_ref()
            .and_then(|s| s.get((row as u32, col as u32)))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| f.format_code.contains('%'))
    };
    let lines = range.rows().enumerate().map(|(i, row)| {
        let cells: Vec<Cell> = row
            .iter()
            .enumerate()
            .map(|(j, d)| match cell(d) {
                Cell::Number(n) if is_percent(first_row + i, first_col + j) => Cell::Percent(n),
                c => c,
            })
            .collect();
        (first_row + i + 1, cells)
    });
    let (header_number, header, rows) = header_and_rows(lines).ok_or_else(|| {
        Diagnostic::in_file(path, format!("sheet `{name}` is empty")).help(HEADER_HELP)
    })?;
    Ok(Table {
        path: path.to_path_buf(),
        sheet: Some(name),
        text: None,
        header_number,
        first_col,
        header,
        rows,
    })
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.trim().to_string()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Other(format!(
            "the truth value {}",
            if *b { "TRUE" } else { "FALSE" }
        )),
        Data::DateTime(_) | Data::DateTimeIso(_) => Cell::Other("a date".into()),
        Data::DurationIso(_) => Cell::Other("a duration".into()),
        Data::Error(e) => Cell::Other(format!("the error {e}")),
    }
}

/// The first row that is not empty is the header (its number and column names); the
/// other non-empty rows follow it. `None` when every row is empty.
fn header_and_rows(
    lines: impl IntoIterator<Item = (usize, Vec<Cell>)>,
) -> Option<(usize, Vec<String>, Vec<Row>)> {
    let mut lines = lines
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| *c != Cell::Empty));
    let (number, header) = lines.next()?;
    let rows = lines.map(|(number, cells)| Row { number, cells }).collect();
    Some((number, header.iter().map(cell_text).collect(), rows))
}

/// A header cell's text.
fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Other(s) => s.clone(),
        Cell::Number(n) | Cell::Percent(n) => super::front::number_text(*n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        let names: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(names, ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
        assert_eq!(sheet_ref("Q3"), "Q3");
        assert_eq!(sheet_ref("Chwarter 3"), "'Chwarter 3'");
    }
}
