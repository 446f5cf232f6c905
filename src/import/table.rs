//! The rows of an import, as read from a CSV file (`csv_file.rs`) or one sheet of an
//! XLSX (`xlsx.rs`) or ODS (`ods.rs`) workbook, within the limits of `limits.rs`.
//! Every cell keeps where it came from, so a problem can name its CSV line (quoting
//! it) or its sheet and cell (`'Q3'!C7`).
//!
//! Rows hold their non-empty cells only: a sheet whose one cell is far from A1 costs
//! one cell, not the rectangle up to it.

use crate::diagnostics::{Code, Diagnostic};
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

/// A row under the header: its line (CSV) or row number (sheet), 1-based, and its
/// non-empty cells by column (0-based, A is 0), in column order.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) number: usize,
    pub(crate) cells: Vec<(usize, Cell)>,
    /// CSV: where the row's first line is in [`Table::text`], to quote it.
    pub(crate) line: Option<(usize, usize)>,
}

impl Row {
    pub(crate) fn cell(&self, col: usize) -> &Cell {
        match self.cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => &self.cells[i].1,
            Err(_) => &Cell::Empty,
        }
    }
}

/// How a CSV file separates its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub(crate) fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// As said on the conventions line: "commas".
    pub(crate) fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "commas",
            Delimiter::Semicolon => "semicolons",
            Delimiter::Tab => "tabs",
        }
    }
}

/// The header and rows of a CSV file or a sheet.
#[derive(Debug)]
pub(crate) struct Table {
    /// The file, as given.
    pub(crate) path: PathBuf,
    /// The sheet's name; `None` for CSV.
    pub(crate) sheet: Option<String>,
    /// CSV: how fields are separated.
    pub(crate) delimiter: Option<Delimiter>,
    /// The CSV text (line breaks made `\n`), to quote an offending line.
    pub(crate) text: Option<String>,
    /// The header row.
    pub(crate) header_row: Row,
    /// Column names by column (empty where the header has no name).
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// The table of a workbook's sheet `name` (XLSX or ODS), from its rows in order.
    pub(crate) fn of_sheet(path: &Path, name: String, rows: Vec<Row>) -> Result<Table, Diagnostic> {
        let (header_row, header, rows) = header_and_rows(rows).ok_or_else(|| {
            file_problem(path, format!("sheet `{name}` is empty")).help(HEADER_HELP)
        })?;
        Ok(Table {
            path: path.to_path_buf(),
            sheet: Some(name),
            delimiter: None,
            text: None,
            header_row,
            header,
            rows,
        })
    }

    /// The header's line or row number.
    pub(crate) fn header_number(&self) -> usize {
        self.header_row.number
    }

    /// The text of line `number` (CSV), found by the row that starts there.
    fn quoted(&self, number: usize) -> Option<String> {
        let text = self.text.as_deref()?;
        let row = if number == self.header_row.number {
            &self.header_row
        } else {
            let i = self.rows.binary_search_by_key(&number, |r| r.number).ok()?;
            &self.rows[i]
        };
        let (start, end) = row.line?;
        text.get(start..end).map(str::to_string)
    }

    /// A problem with one cell: `figures.csv:7: column `value`: ...` (quoting line 7)
    /// or `figures.xlsx: Q3!C7 (column `value`): ...`.
    pub(crate) fn problem(
        &self,
        code: Code,
        number: usize,
        col: usize,
        message: &str,
    ) -> Diagnostic {
        let name = self.header.get(col).map_or("", String::as_str);
        match &self.sheet {
            None => self.at_line(code, number, format!("column `{name}`: {message}")),
            Some(sheet) => Diagnostic::in_file(
                code,
                &self.path,
                format!(
                    "{}!{}{number} (column `{name}`): {message}",
                    sheet_ref(sheet),
                    column_letters(col)
                ),
            ),
        }
    }

    /// A problem with a whole row.
    pub(crate) fn row_problem(&self, code: Code, number: usize, message: &str) -> Diagnostic {
        match &self.sheet {
            None => self.at_line(code, number, message.to_string()),
            Some(sheet) => Diagnostic::in_file(
                code,
                &self.path,
                format!("{}!{number}:{number}: {message}", sheet_ref(sheet)),
            ),
        }
    }

    /// A problem on a CSV line, quoting it. Not [`Diagnostic::at`], which finds the
    /// line by reading the text from its start: with a problem on each of 50,000
    /// lines, that is quadratic.
    fn at_line(&self, code: Code, number: usize, message: String) -> Diagnostic {
        let mut d = Diagnostic::in_file(code, &self.path, message).at(None, number, None);
        d.snippet = self.quoted(number);
        d
    }

    /// Where a cell is, for a listing: `line 7` or `Q3!C7`.
    pub(crate) fn place(&self, number: usize, col: usize) -> String {
        match &self.sheet {
            None => format!("line {number}"),
            Some(sheet) => format!("{}!{}{number}", sheet_ref(sheet), column_letters(col)),
        }
    }
}

/// A problem with the file as a whole.
pub(crate) fn file_problem(path: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::in_file(Code::ImportFile, path, message)
}

/// A sheet's name as a spreadsheet writes it in a reference: quoted if it has spaces.
pub(crate) fn sheet_ref(name: &str) -> String {
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

/// What the first row must hold.
pub(crate) const HEADER_HELP: &str = "the first row names the columns: indicator, period, and value (or numerator and denominator); optionally target and commentary";

/// The first row with a cell is the header; the rows after it follow. `None` when
/// no row has a cell. Rows come in order and without empty cells.
pub(crate) fn header_and_rows(rows: Vec<Row>) -> Option<(Row, Vec<String>, Vec<Row>)> {
    let mut rows = rows.into_iter().filter(|r| !r.cells.is_empty());
    let header_row = rows.next()?;
    let width = header_row.cells.last().map_or(0, |(c, _)| c + 1);
    let mut header = vec![String::new(); width];
    for (c, cell) in &header_row.cells {
        header[*c] = cell_text(cell);
    }
    Some((header_row, header, rows.collect()))
}

/// A header cell's text.
fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Other(s) => s.clone(),
        Cell::Number(n) | Cell::Percent(n) => crate::import::front_matter_edit::number_text(*n),
    }
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
                return Err(file_problem(path, "a CSV file has no sheets")
                    .help("leave out --sheet, or import the workbook itself"));
            }
            super::csv_file::read(path)
        }
        "xlsx" | "xlsm" => super::xlsx::read(path, sheet),
        "ods" => super::ods::read(path, sheet),
        "xls" => Err(file_problem(
            path,
            "dangos does not read the old Excel format (.xls), whose size it cannot bound before reading",
        )
        .help("in the spreadsheet, save it as Excel Workbook (.xlsx)")),
        _ => Err(file_problem(path, "dangos imports .csv, .xlsx and .ods files")
            .help("save the spreadsheet as CSV UTF-8, Excel (.xlsx) or OpenDocument (.ods)")),
    }
}

/// Chooses the sheet `wanted` (or the first) among `names`.
pub(crate) fn pick_sheet(
    path: &Path,
    names: &[String],
    wanted: Option<&str>,
) -> Result<String, Diagnostic> {
    match wanted {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            file_problem(path, format!("there is no sheet `{s}`"))
                .help(format!("the sheets are: {}", names.join(", ")))
        }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| file_problem(path, "the workbook has no sheets")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        let names: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702, 16383]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            names,
            ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
        assert_eq!(sheet_ref("Q3"), "Q3");
        assert_eq!(sheet_ref("Chwarter 3"), "'Chwarter 3'");
    }
}
