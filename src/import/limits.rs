//! The bounds a spreadsheet must keep within, checked before and while it is read, so
//! that no file, however made, makes an import take unbounded memory or time: a
//! workbook is a ZIP archive whose parts may unpack to gigabytes, whose sheet may
//! place its one cell at XFD1048576, or whose tables may claim a billion entries.
//!
//! Before a workbook is opened, its archive's table of contents is read (not its
//! parts): every part's unpacked size and packing ratio are checked, and the parts a
//! reader loads whole (shared strings, styles, the workbook's list of sheets) are
//! counted by streaming through them. The archive reader itself refuses a part that
//! unpacks to more than it declared. Cells are then read one at a time, and only the
//! non-empty ones are kept, each checked as it comes.

use super::table::{Cell, Row, column_letters, sheet_ref};
use crate::diagnostics::{Code, Diagnostic};
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

const MIB: u64 = 1024 * 1024;

/// The largest CSV file, workbook file, or part of a workbook unpacked.
pub(crate) const MAX_BYTES: u64 = 64 * MIB;
/// The most a part over 1 MiB may unpack to per byte packed (a sheet of text packs
/// to about a tenth; a part of zeros packed a thousandfold is a bomb).
pub(crate) const MAX_RATIO: u64 = 200;
/// The most parts a workbook may have.
pub(crate) const MAX_PARTS: u64 = 10_000;
/// The most rows a sheet may have (Excel's own limit).
pub(crate) const MAX_ROWS: u64 = 1_048_576;
/// The most columns a sheet may have (Excel's own limit: XFD).
pub(crate) const MAX_SHEET_COLUMNS: u64 = 16_384;
/// Columns dangos reads: A to BL. A cell further right is refused, not passed over.
pub(crate) const MAX_COLUMNS: u64 = 64;
/// The most non-empty cells a file or sheet may have.
pub(crate) const MAX_CELLS: u64 = 1_000_000;
/// The longest cell, in bytes of UTF-8.
pub(crate) const MAX_CELL_BYTES: usize = MIB as usize;
/// The most shared strings (XLSX) and elements of any other part read whole.
pub(crate) const MAX_STRINGS: u64 = 1_000_000;
/// The most elements of a workbook part other than the sheets and shared strings.
pub(crate) const MAX_ELEMENTS: u64 = 200_000;

/// What to do about a file over a limit.
pub(crate) const LIMIT_HELP: &str =
    "split the figures into smaller files, or copy just the rows to import into a new sheet";

/// A problem with a limit, naming it.
pub(crate) fn over(path: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::in_file(Code::SpreadsheetLimit, path, message).help(LIMIT_HELP)
}

/// Bytes as said: "64 MiB", or a count.
pub(crate) fn bytes(n: u64) -> String {
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// Opens `path`: a regular file (not a FIFO, which would be waited on, nor a
/// folder) of at most [`MAX_BYTES`].
pub(crate) fn open_file(path: &Path) -> Result<File, Diagnostic> {
    let fail =
        |e: std::io::Error| super::table::file_problem(path, format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(path).map_err(fail)?;
    if !meta.is_file() {
        return Err(
            super::table::file_problem(path, "this is not a regular file")
                .help("give the path of a spreadsheet file"),
        );
    }
    if meta.len() > MAX_BYTES {
        return Err(over(
            path,
            format!(
                "the file is {} bytes; dangos reads files of at most {}",
                meta.len(),
                bytes(MAX_BYTES)
            ),
        ));
    }
    File::open(path).map_err(fail)
}

/// What is counted in a part read whole, and how many may be.
pub(crate) struct Counted {
    /// The element counted; `None` for every element.
    pub(crate) element: Option<&'static str>,
    pub(crate) most: u64,
}

/// Checks a workbook's archive before anything reads it: the number of parts, each
/// part's unpacked size and packing ratio, and the size of the parts a reader loads
/// whole, which `whole` names (by part name).
pub(crate) fn check_archive(
    path: &Path,
    whole: fn(&str) -> Option<Counted>,
) -> Result<(), Diagnostic> {
    let mut file = open_file(path)?;
    let parts = archive_parts(&mut file).map_err(|e| {
        super::table::file_problem(path, format!("this is not a readable workbook: {e}"))
    })?;
    if parts > MAX_PARTS {
        return Err(over(
            path,
            format!(
                "the workbook has {parts} parts; dangos reads workbooks of at most {MAX_PARTS}"
            ),
        ));
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| super::table::file_problem(path, format!("cannot read the file: {e}")))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        super::table::file_problem(path, format!("this is not a readable workbook: {e}"))
    })?;
    part_sizes(path, &mut zip)?;
    part_counts(path, &mut zip, whole)
}

/// Every part of the archive unpacks to at most [`MAX_BYTES`], and at most
/// [`MAX_RATIO`] times its packed size: read from the archive's directory, before
/// any is unpacked.
fn part_sizes(path: &Path, zip: &mut zip::ZipArchive<BufReader<File>>) -> Result<(), Diagnostic> {
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| {
            super::table::file_problem(path, format!("this is not a readable workbook: {e}"))
        })?;
        let (name, size, packed) = (
            part.name().map(|n| n.to_string()).unwrap_or_default(),
            part.size(),
            part.compressed_size(),
        );
        if size > MAX_BYTES {
            return Err(over(
                path,
                format!(
                    "part `{name}` unpacks to {size} bytes; dangos reads parts of at most {}",
                    bytes(MAX_BYTES)
                ),
            ));
        }
        if size > MIB && size / packed.max(1) > MAX_RATIO {
            return Err(over(
                path,
                format!(
                    "part `{name}` unpacks to {size} bytes from {packed}, more than {MAX_RATIO} times its size: a spreadsheet does not pack that tightly"
                ),
            ));
        }
    }
    Ok(())
}

/// The parts `whole` names hold at most as many elements as it says.
fn part_counts(
    path: &Path,
    zip: &mut zip::ZipArchive<BufReader<File>>,
    whole: fn(&str) -> Option<Counted>,
) -> Result<(), Diagnostic> {
    for i in 0..zip.len() {
        let name = zip
            .name_for_index(i)
            .and_then(|n| n.ok())
            .map_or_else(String::new, |n| n.into_owned());
        let Some(Counted { element, most }) = whole(&name) else {
            continue;
        };
        let part = zip.by_index(i).map_err(|e| {
            super::table::file_problem(path, format!("cannot read part `{name}`: {e}"))
        })?;
        let found = count_elements(part, element, most);
        if found > most {
            return Err(over(
                path,
                format!(
                    "part `{name}` has more than {most} {}; dangos reads workbooks with at most that many",
                    element.map_or("elements".to_string(), |e| format!("`{e}` entries"))
                ),
            ));
        }
    }
    Ok(())
}

/// The number of `element`s (every element if `None`) in an XML part, streaming, up
/// to just over `most`. A declared count (`uniqueCount`, which a reader reserves room
/// for) counts as that many. A part that is not XML counts what was read of it: the
/// reader that opens it says what is wrong.
fn count_elements(part: impl Read, element: Option<&str>, most: u64) -> u64 {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let local = e.local_name();
                let counted = element.is_none_or(|name| local.as_ref() == name);
                n += u64::from(counted);
                if local.as_ref() == "sst" {
                    let declared = e
                        .try_get_attribute("uniqueCount")
                        .ok()
                        .flatten()
                        .and_then(|a| a.value.trim().parse::<u64>().ok());
                    n = n.max(declared.unwrap_or(0));
                }
                if n > most {
                    return n;
                }
            }
            Ok(Event::Eof) | Err(_) => return n,
            _ => {}
        }
    }
}

/// The number of parts an archive's end record declares, read from the end of the
/// file before the archive reader builds its table of every part.
fn archive_parts(file: &mut File) -> std::io::Result<u64> {
    let len = file.metadata()?.len();
    // The end record is 22 bytes, after which comes a comment of up to 65,535.
    let tail_len = len.min(22 + 65_535);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail)?;
    let at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| std::io::Error::other("no end of the archive's table of contents"))?;
    let total = u64::from(u16::from_le_bytes([tail[at + 10], tail[at + 11]]));
    // A ZIP64 archive keeps its true count elsewhere; only files of gigabytes need one.
    let zip64 = at >= 20 && tail[at - 20..].starts_with(b"PK\x06\x07");
    Ok(if zip64 || total == 0xFFFF {
        u64::MAX
    } else {
        total
    })
}

/// The non-empty cells of a sheet, kept as they are read, each checked against the
/// limits.
pub(crate) struct Cells<'a> {
    path: &'a Path,
    sheet: &'a str,
    rows: Vec<Row>,
    count: u64,
    /// Whether rows came out of order (a sheet may list them in any order).
    unsorted: bool,
}

impl<'a> Cells<'a> {
    pub(crate) fn new(path: &'a Path, sheet: &'a str) -> Self {
        Cells {
            path,
            sheet,
            rows: Vec::new(),
            count: 0,
            unsorted: false,
        }
    }

    /// `'Q3'!C7`.
    pub(crate) fn reference(&self, row: u64, col: u64) -> String {
        let col = if col < MAX_SHEET_COLUMNS * 2 {
            column_letters(col as usize)
        } else {
            format!("column {}", col + 1)
        };
        format!("{}!{col}{}", sheet_ref(self.sheet), row + 1)
    }

    /// Checks a text cell's length before it is copied.
    pub(crate) fn check_text(&self, row: u64, col: u64, len: usize) -> Result<(), Diagnostic> {
        if len > MAX_CELL_BYTES {
            return Err(over(
                self.path,
                format!(
                    "{} holds {len} bytes of text; dangos reads cells of at most {}",
                    self.reference(row, col),
                    bytes(MAX_CELL_BYTES as u64)
                ),
            ));
        }
        Ok(())
    }

    /// Checks that a non-empty cell in column `col` (0-based) is in the columns read.
    pub(crate) fn check_column(&self, row: u64, col: u64) -> Result<(), Diagnostic> {
        if col >= MAX_COLUMNS {
            return Err(over(
                self.path,
                format!(
                    "{} is beyond column {}: dangos reads the first {MAX_COLUMNS} columns of a sheet",
                    self.reference(row, col),
                    column_letters(MAX_COLUMNS as usize - 1)
                ),
            ));
        }
        Ok(())
    }

    /// Checks that `rows` rows of `cells` non-empty cells each, from `row` (0-based)
    /// and up to column `col` (0-based, the rightmost), are within the limits, and
    /// counts them.
    pub(crate) fn check(
        &mut self,
        row: u64,
        col: u64,
        rows: u64,
        cells: u64,
    ) -> Result<(), Diagnostic> {
        if cells == 0 {
            return Ok(());
        }
        self.check_column(row, col)?;
        let last = row.saturating_add(rows.max(1) - 1);
        if last >= MAX_ROWS {
            return Err(over(
                self.path,
                format!(
                    "{} is beyond row {MAX_ROWS}, the last a spreadsheet has",
                    self.reference(last, col)
                ),
            ));
        }
        self.count = self.count.saturating_add(rows.saturating_mul(cells));
        if self.count > MAX_CELLS {
            return Err(over(
                self.path,
                format!(
                    "sheet `{}` has more than {MAX_CELLS} cells with something in them; dangos reads at most that many",
                    self.sheet
                ),
            ));
        }
        Ok(())
    }

    /// Keeps a non-empty cell (checked with [`Cells::check`]).
    pub(crate) fn push(&mut self, row: u64, col: u64, cell: Cell) {
        let number = row as usize + 1;
        match self.rows.last_mut() {
            Some(last) if last.number == number => last.cells.push((col as usize, cell)),
            last => {
                if last.is_some_and(|l| l.number > number) {
                    self.unsorted = true;
                }
                self.rows.push(Row {
                    number,
                    cells: vec![(col as usize, cell)],
                    line: None,
                });
            }
        }
    }

    /// The rows, in order, each row's cells in column order (a cell given twice: the
    /// last).
    pub(crate) fn into_rows(mut self) -> Vec<Row> {
        if self.unsorted {
            self.rows.sort_by_key(|r| r.number);
            let mut merged: Vec<Row> = Vec::with_capacity(self.rows.len());
            for row in self.rows {
                match merged.last_mut() {
                    Some(last) if last.number == row.number => last.cells.extend(row.cells),
                    _ => merged.push(row),
                }
            }
            self.rows = merged;
        }
        for row in &mut self.rows {
            if !row.cells.is_sorted_by_key(|(c, _)| *c) {
                row.cells.sort_by_key(|(c, _)| *c);
            }
            // The sort is stable: of two cells in one column, keep the later read.
            row.cells.reverse();
            row.cells.dedup_by_key(|(c, _)| *c);
            row.cells.reverse();
        }
        self.rows
    }
}
