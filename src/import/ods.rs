//! Reading one sheet of an OpenDocument spreadsheet (`.ods`), streaming its
//! `content.xml`. Ours rather than calamine's, which builds every sheet's full
//! rectangle when it opens a file: a row or cell an ODS file says is repeated a
//! million times is counted here, not made, and refused if it would hold more
//! non-empty cells than the limits allow.
//!
//! A cell's `office:value-type` says what it is: `float` and `currency` are numbers,
//! `percentage` a number shown as a percentage, `date`, `time` and `boolean` neither
//! text nor a number; otherwise its text is its paragraphs, joined by line breaks.

use super::limits::{self, Cells, Counted, MAX_ELEMENTS};
use super::table::{Cell, Table, file_problem, pick_sheet};
use crate::diagnostics::Diagnostic;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Parts read whole: none but the manifest (content.xml is streamed).
fn read_whole(name: &str) -> Option<Counted> {
    (name == "META-INF/manifest.xml").then_some(Counted {
        element: None,
        most: MAX_ELEMENTS,
    })
}

pub(super) fn read(path: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    limits::check_archive(path, read_whole)?;
    let fail = |e: String| file_problem(path, format!("cannot read this workbook: {e}"));
    let file = limits::open_file(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| fail(e.to_string()))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| fail(format!("content.xml: {e}")))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut names = Vec::new();
    let mut found = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| fail(e.to_string()))?
        {
            Event::Start(e) if e.local_name().as_ref() == "table" => {
                let name = attr(&e, "name").unwrap_or_default();
                names.push(name.clone());
                if found.is_none() && sheet.is_none_or(|s| s == name) {
                    let mut cells = Cells::new(path, &name);
                    read_table(&mut xml, &mut cells).map_err(|e| e.unwrap_or_else(fail))?;
                    found = Some((name.clone(), cells.into_rows()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let Some((name, rows)) = found else {
        // The error names the sheets there are.
        return Err(pick_sheet(path, &names, sheet)
            .err()
            .unwrap_or_else(|| file_problem(path, "the workbook has no sheets")));
    };
    Table::of_sheet(path, name, rows)
}

/// An attribute's value, by local name.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A repeat count: 1 if absent or unreadable.
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A problem reading: over a limit (`Ok`), or the XML (`Err`, the parser's words).
type Failure = Result<Diagnostic, String>;

/// Reads the rows of the table just started, to its end.
fn read_table<R: BufRead>(
    xml: &mut quick_xml::Reader<R>,
    cells: &mut Cells<'_>,
) -> Result<(), Failure> {
    let mut buf = Vec::new();
    let mut row = 0u64;
    let mut depth = 0usize;
    loop {
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| Err(e.to_string()))?
        {
            Event::Start(e) if e.local_name().as_ref() == "table-row" => {
                let times = repeats(&e, "number-rows-repeated");
                let found = read_row(xml, cells, row)?;
                let last = found.last().map_or(0, |(c, _)| *c as u64);
                cells
                    .check(row, last, times, found.len() as u64)
                    .map_err(Ok)?;
                for r in 0..if found.is_empty() { 0 } else { times } {
                    for (c, cell) in &found {
                        cells.push(row + r, *c as u64, cell.clone());
                    }
                }
                row = row.saturating_add(times);
            }
            Event::Empty(e) if e.local_name().as_ref() == "table-row" => {
                row = row.saturating_add(repeats(&e, "number-rows-repeated"));
            }
            // Rows may be grouped (header rows, row groups): read through the groups.
            Event::Start(e) if e.local_name().as_ref() == "table" => depth += 1,
            Event::End(e) if e.local_name().as_ref() == "table" => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
            }
            Event::Eof => return Err(Err("the sheet does not end".into())),
            _ => {}
        }
    }
}

/// Reads the cells of the row just started, to its end: the non-empty ones, by
/// column, each repeated cell checked before it is copied.
fn read_row<R: BufRead>(
    xml: &mut quick_xml::Reader<R>,
    cells: &mut Cells<'_>,
    row: u64,
) -> Result<Vec<(usize, Cell)>, Failure> {
    let mut buf = Vec::new();
    let mut col = 0u64;
    let mut found: Vec<(usize, Cell)> = Vec::new();
    loop {
        buf.clear();
        let (start, closed) = match xml
            .read_event_into(&mut buf)
            .map_err(|e| Err(e.to_string()))?
        {
            Event::Start(e) => (e.into_owned(), false),
            Event::Empty(e) => (e.into_owned(), true),
            Event::End(e) if e.local_name().as_ref() == "table-row" => return Ok(found),
            Event::Eof => return Err(Err("a row does not end".into())),
            _ => continue,
        };
        let local = start.local_name();
        if !matches!(local.as_ref(), "table-cell" | "covered-table-cell") {
            continue;
        }
        let times = repeats(&start, "number-columns-repeated");
        let text = if closed {
            String::new()
        } else {
            cell_text(xml, cells, row, col)?
        };
        let cell = value(&start, text);
        if cell != Cell::Empty {
            // Within the columns read, so a row holds at most that many cells.
            let last = col.saturating_add(times - 1);
            cells.check_column(row, last).map_err(Ok)?;
            for c in col..=last {
                found.push((c as usize, cell.clone()));
            }
        }
        col = col.saturating_add(times);
    }
}

/// What a cell holds, by its value type.
fn value(e: &BytesStart<'_>, text: String) -> Cell {
    let number = || {
        attr(e, "value")
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map_or(
                Cell::Other("a number dangos cannot read".into()),
                Cell::Number,
            )
    };
    match attr(e, "value-type").as_deref() {
        Some("float" | "currency") => number(),
        Some("percentage") => match number() {
            Cell::Number(n) => Cell::Percent(n),
            c => c,
        },
        Some("date") => Cell::Other("a date".into()),
        Some("time") => Cell::Other("a duration".into()),
        Some("boolean") => Cell::Other(format!(
            "the truth value {}",
            if attr(e, "boolean-value").as_deref() == Some("true") {
                "TRUE"
            } else {
                "FALSE"
            }
        )),
        _ => {
            let text = attr(e, "string-value").unwrap_or(text);
            match text.trim() {
                "" => Cell::Empty,
                t => Cell::Text(t.to_string()),
            }
        }
    }
}

/// The text of the cell just started, to its end: paragraphs joined by line breaks,
/// `text:s` as spaces, tabs and line breaks as written; notes left out.
fn cell_text<R: BufRead>(
    xml: &mut quick_xml::Reader<R>,
    cells: &Cells<'_>,
    row: u64,
    col: u64,
) -> Result<String, Failure> {
    let mut buf = Vec::new();
    let mut text = CellText::default();
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| Err(e.to_string()))?;
        let (e, opens) = match &event {
            Event::Start(e) => (Some(e), true),
            Event::Empty(e) => (Some(e), false),
            _ => (None, false),
        };
        if opens {
            text.depth += 1;
        }
        match (&event, e) {
            (_, Some(e)) if text.note_at.is_none() => {
                text.element(e, opens, |len| cells.check_text(row, col, len))?
            }
            (Event::End(_), _) => {
                if text.depth == 0 {
                    return Ok(text.out);
                }
                if text.note_at == Some(text.depth) {
                    text.note_at = None;
                }
                text.depth -= 1;
            }
            (Event::Eof, _) => return Err(Err("a cell does not end".into())),
            (event, _) if text.note_at.is_none() => text.words(event),
            _ => {}
        }
        cells.check_text(row, col, text.out.len()).map_err(Ok)?;
    }
}

/// The words of a cell, as its elements are read.
#[derive(Default)]
struct CellText {
    out: String,
    paragraphs: usize,
    /// Elements open inside the cell.
    depth: usize,
    /// The depth of a note (`office:annotation`) being read, whose words are not
    /// the cell's.
    note_at: Option<usize>,
}

impl CellText {
    /// An element opened (or empty) outside a note: a paragraph, spaces, a tab or a
    /// line break, or a note starting. `fits` says whether the cell may grow to a
    /// length, before spaces are added.
    fn element(
        &mut self,
        e: &BytesStart<'_>,
        opens: bool,
        fits: impl Fn(usize) -> Result<(), Diagnostic>,
    ) -> Result<(), Failure> {
        match e.local_name().as_ref() {
            "annotation" if opens => self.note_at = Some(self.depth),
            "p" => {
                if self.paragraphs > 0 {
                    self.out.push('\n');
                }
                self.paragraphs += 1;
            }
            "s" => {
                let n = repeats(e, "c").min(limits::MAX_CELL_BYTES as u64 + 1);
                fits(self.out.len() + n as usize).map_err(Ok)?;
                self.out.extend(std::iter::repeat_n(' ', n as usize));
            }
            "tab" => self.out.push('\t'),
            "line-break" => self.out.push('\n'),
            _ => {}
        }
        Ok(())
    }

    /// Text, outside a note.
    fn words(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) => self.out.push_str(&t.xml10_content()),
            Event::CData(t) => self.out.push_str(t),
            Event::GeneralRef(r) => {
                if let Some(s) = quick_xml::escape::resolve_xml_entity(r) {
                    self.out.push_str(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    self.out.push(c);
                }
            }
            _ => {}
        }
    }
}
