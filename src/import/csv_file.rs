//! Reading a CSV file: UTF-8, with or without a byte-order mark; fields separated by
//! commas, or by the semicolons or tabs a spreadsheet set up for a language that
//! writes decimal commas saves; lines ended as Windows (CRLF), Unix (LF) or old Macs
//! (CR) end them. Line numbers are counted the way an editor counts them.

use super::limits::{self, MAX_CELL_BYTES, MAX_CELLS, MAX_COLUMNS, bytes, over};
use super::table::{Cell, Delimiter, HEADER_HELP, Row, Table, file_problem, header_and_rows};
use crate::diagnostics::Diagnostic;
use std::io::Read as _;
use std::path::Path;

pub(super) fn read(path: &Path) -> Result<Table, Diagnostic> {
    let text = read_text(path)?;
    let delimiter = delimiter(&text);
    let rows = records(path, &text, delimiter)?;
    let (header_row, header, rows) = header_and_rows(rows)
        .ok_or_else(|| file_problem(path, "the file is empty").help(HEADER_HELP))?;
    Ok(Table {
        path: path.to_path_buf(),
        sheet: None,
        delimiter: Some(delimiter),
        text: Some(text),
        header_row,
        header,
        rows,
    })
}

/// The file's text, within the size limit, without a byte-order mark, and with its
/// lines ended by `\n`.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let mut file = limits::open_file(path)?;
    let mut bytes_read = Vec::new();
    // The file was measured when opened; `take` holds to it if it grows meanwhile.
    file.by_ref()
        .take(limits::MAX_BYTES + 1)
        .read_to_end(&mut bytes_read)
        .map_err(|e| file_problem(path, format!("cannot read the file: {e}")))?;
    if bytes_read.len() as u64 > limits::MAX_BYTES {
        return Err(over(
            path,
            format!(
                "the file grew past {} while it was read",
                bytes(limits::MAX_BYTES)
            ),
        ));
    }
    if bytes_read.starts_with(b"\xEF\xBB\xBF") {
        bytes_read.drain(..3);
    }
    let text = String::from_utf8(bytes_read).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let line = lines_in(&e.as_bytes()[..bad]) + 1;
        file_problem(path, "this file is not UTF-8 text")
            .at(None, line, None)
            .help("in the spreadsheet, save it as \"CSV UTF-8\"")
    })?;
    // Every line break made `\n`: the CSV reader counts lines by `\n` alone, so a
    // Windows file's lines would be counted one late and an old Mac's not at all. A
    // line break inside a quoted cell is read as `\n` anyway.
    Ok(unix_lines(text))
}

/// Every record of the CSV `text`, each with the line it starts on and the fields
/// with something in them.
fn records(path: &Path, text: &str, delimiter: Delimiter) -> Result<Vec<Row>, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines counted from the start of the text to the start of the last record, so
    // that counting them all costs one pass over the text.
    let (mut counted_to, mut line) = (0usize, 1usize);
    let mut cells_total = 0u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let d = file_problem(path, format!("cannot read this CSV: {e}"));
                return Err(match e.position() {
                    Some(p) => {
                        let at = (p.byte() as usize).min(text.len());
                        d.at(None, lines_in(&text.as_bytes()[..at]) + 1, None)
                    }
                    None => d,
                });
            }
        }
        // A record starts at its position, or after the empty lines before it.
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        start = start.max(counted_to);
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        line += lines_in(&text.as_bytes()[counted_to..start]);
        counted_to = start;
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        rows.push(Row {
            number: line,
            cells: cells(path, &record, line, &mut cells_total)?,
            line: Some((start, end)),
        });
    }
    Ok(rows)
}

/// The fields of the record on `line` with something in them, by column, within
/// the limits; `cells_total` counts them over the whole file.
fn cells(
    path: &Path,
    record: &csv::StringRecord,
    line: usize,
    cells_total: &mut u64,
) -> Result<Vec<(usize, Cell)>, Diagnostic> {
    let mut cells = Vec::new();
    for (col, field) in record.iter().enumerate() {
        let field = field.trim();
        if field.is_empty() {
            continue;
        }
        if col as u64 >= MAX_COLUMNS {
            return Err(over(
                path,
                format!(
                    "line {line} has something in field {}: dangos reads the first {MAX_COLUMNS} fields of a line",
                    col + 1
                ),
            ));
        }
        if field.len() > MAX_CELL_BYTES {
            return Err(over(
                path,
                format!(
                    "line {line}, field {}, holds {} bytes; dangos reads fields of at most {}",
                    col + 1,
                    field.len(),
                    bytes(MAX_CELL_BYTES as u64)
                ),
            ));
        }
        *cells_total += 1;
        if *cells_total > MAX_CELLS {
            return Err(over(
                path,
                format!(
                    "the file has more than {MAX_CELLS} fields with something in them; dangos reads at most that many"
                ),
            ));
        }
        cells.push((col, Cell::Text(field.to_string())));
    }
    Ok(cells)
}

/// `text` with every `\r\n` and lone `\r` made `\n`, in one pass.
fn unix_lines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            out.push(b'\n');
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(bytes[i]);
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Line breaks in `bytes`: `\r\n`, `\n` and a lone `\r` each end a line.
fn lines_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The delimiter the header line uses most, outside quotes (commas if none).
fn delimiter(text: &str) -> Delimiter {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let all = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];
    // The first of the most used: commas win a tie.
    let most = counts.iter().copied().max().unwrap_or(0);
    all[counts.iter().position(|&n| n == most).unwrap_or(0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_says_how_fields_are_separated() {
        assert_eq!(delimiter("indicator,period,value\n"), Delimiter::Comma);
        assert_eq!(delimiter("\nindicator;period;value"), Delimiter::Semicolon);
        assert_eq!(delimiter("indicator\tperiod\tvalue"), Delimiter::Tab);
        // A comma in a quoted name does not count.
        assert_eq!(delimiter("\"a, b\";period;value"), Delimiter::Semicolon);
        assert_eq!(delimiter("indicator"), Delimiter::Comma);
    }

    #[test]
    fn lines_end_as_any_system_ends_them() {
        assert_eq!(unix_lines("a\r\nb\rc\n\r\nŵ".into()), "a\nb\nc\n\nŵ");
        assert_eq!(lines_in(b"a\r\nb\r\nc"), 2);
        assert_eq!(lines_in(b"a\rb\rc"), 2);
        assert_eq!(lines_in(b"a\nb\r\n\rc"), 3);
    }
}
