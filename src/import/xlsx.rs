//! Reading one sheet of an Excel workbook (`.xlsx`, `.xlsm`), a cell at a time: the
//! archive is checked first (`limits.rs`), then calamine's cell reader streams the
//! sheet, and only the non-empty cells are kept. Number cells are numbers, read as
//! Excel holds them (no decimal mark to guess); a number cell formatted as a
//! percentage is told apart, as it holds 0.761 for 76.1%.

use super::limits::{
    self, Cells, Counted, MAX_ELEMENTS, MAX_ROWS, MAX_SHEET_COLUMNS, MAX_STRINGS, over,
};
use super::table::{Cell, Table, file_problem, pick_sheet};
use crate::diagnostics::Diagnostic;
use calamine::{DataRef, Reader, Xlsx};
use std::path::Path;

/// The parts calamine reads whole when it opens a workbook, with what is counted in
/// each and how many may be.
fn read_whole(name: &str) -> Option<Counted> {
    if name.ends_with("sharedStrings.xml") {
        Some(Counted {
            element: Some("si"),
            most: MAX_STRINGS,
        })
    } else if name.ends_with("styles.xml")
        || name.ends_with("workbook.xml")
        || name.ends_with(".rels")
        || name.contains("/theme/")
    {
        Some(Counted {
            element: None,
            most: MAX_ELEMENTS,
        })
    } else {
        None
    }
}

pub(super) fn read(path: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    limits::check_archive(path, read_whole)?;
    let fail =
        |e: calamine::XlsxError| file_problem(path, format!("cannot read this workbook: {e}"));
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(fail)?;
    let name = pick_sheet(path, &book.sheet_names(), sheet)?;
    let mut reader = book.worksheet_cells_reader(&name).map_err(fail)?;
    let declared = reader.dimensions();
    if u64::from(declared.end.0) >= MAX_ROWS || u64::from(declared.end.1) >= MAX_SHEET_COLUMNS {
        return Err(over(
            path,
            format!(
                "sheet `{name}` says it reaches row {} and column {}, beyond the {MAX_ROWS} rows and {MAX_SHEET_COLUMNS} columns a spreadsheet has",
                u64::from(declared.end.0) + 1,
                u64::from(declared.end.1) + 1
            ),
        ));
    }
    let mut cells = Cells::new(path, &name);
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(fail)? {
        let (row, col) = cell.get_position();
        let (row, col) = (u64::from(row), u64::from(col));
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => text(&cells, row, col, s)?,
            DataRef::SharedString(s) => text(&cells, row, col, s)?,
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Bool(b) => Cell::Other(format!(
                "the truth value {}",
                if *b { "TRUE" } else { "FALSE" }
            )),
            DataRef::DateTime(_) | DataRef::DateTimeIso(_) => Cell::Other("a date".into()),
            DataRef::DurationIso(_) => Cell::Other("a duration".into()),
            DataRef::Error(e) => Cell::Other(format!("the error {e}")),
        };
        let value = match value {
            Cell::Empty => continue,
            Cell::Number(n) if percent_style(reader.styles(), style) => Cell::Percent(n),
            v => v,
        };
        cells.check(row, col, 1, 1)?;
        cells.push(row, col, value);
    }
    let rows = cells.into_rows();
    Table::of_sheet(path, name, rows)
}

/// A text cell, its length checked before it is copied.
fn text(cells: &Cells<'_>, row: u64, col: u64, s: &str) -> Result<Cell, Diagnostic> {
    cells.check_text(row, col, s.len())?;
    Ok(match s.trim() {
        "" => Cell::Empty,
        t => Cell::Text(t.to_string()),
    })
}

/// Whether style `id` shows numbers as percentages.
fn percent_style(styles: &[calamine::Style], id: usize) -> bool {
    styles
        .get(id)
        .and_then(|s| s.number_format.as_ref())
        .is_some_and(|f| f.format_code.contains('%'))
}
