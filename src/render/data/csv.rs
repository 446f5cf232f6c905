//! CSV files: RFC 4180 with CRLF line ends, in UTF-8 with a byte order mark; and
//! the one rule for words a spreadsheet would run as a formula, which every CSV
//! writer of dangos (these files and `dangos export`) applies, and `dangos import`
//! undoes.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use std::borrow::Cow;

/// A CSV file being written: RFC 4180 with CRLF line ends, in UTF-8 with a byte
/// order mark. Every cell goes through [`neutralise_formula_like`].
pub(in crate::render) struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    /// A file of about `rows` rows.
    pub(in crate::render) fn new(rows: usize) -> Csv {
        let mut bytes = Vec::with_capacity(256 * (rows + 1));
        bytes.extend_from_slice("\u{feff}".as_bytes());
        Csv::writing(bytes, rows + 1)
    }

    /// Rows to go after the start of a file (no byte order mark).
    pub(in crate::render) fn headless(rows: usize) -> Csv {
        Csv::writing(Vec::with_capacity(256 * rows), rows)
    }

    fn writing(bytes: Vec<u8>, rows: usize) -> Csv {
        Csv(csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            // The writer's own buffer (8 KiB by default, zeroed when made) only
            // batches copies into `bytes`: sized to the rows, as a build makes
            // 24,000 one-row writers at 1,000 indicators.
            .buffer_capacity((256 * rows).clamp(256, 8 * 1024))
            .from_writer(bytes))
    }

    pub(in crate::render) fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), Diagnostic> {
        self.0
            .write_record(
                cells
                    .iter()
                    .map(|c| match neutralise_formula_like(c.as_ref()) {
                        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
                    }),
            )
            .map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))
    }

    /// How many bytes the rows so far take.
    pub(in crate::render) fn written(&mut self) -> Result<usize, Diagnostic> {
        self.0
            .flush()
            .map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))?;
        Ok(self.0.get_ref().len())
    }

    pub(in crate::render) fn finish(self) -> Result<Vec<u8>, Diagnostic> {
        self.0
            .into_inner()
            .map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))
    }
}

/// `cells` as the first cells of a row of more, with the comma after them: what
/// [`Csv::row`] writes before the next cell, so that rows written without their
/// first cells (a report's rows without the section, an indicator's figures without
/// which indicator) can be given them. `cells` is not empty.
pub(in crate::render) fn cells_and_comma<S: AsRef<str>>(
    cells: &[S],
) -> Result<Vec<u8>, Diagnostic> {
    let mut row: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    row.push("");
    let mut one = Csv::headless(1);
    one.row(&row)?;
    let mut bytes = one.finish()?;
    // The cells, each followed by a comma, and the line end, CRLF.
    bytes.truncate(bytes.len() - 2);
    Ok(bytes)
}

/// Whether a spreadsheet program opening a CSV file would take `cell` for a formula
/// and run it (OWASP, "CSV Injection"): it begins with `=`, `+`, `-`, `@`, a tab or
/// a carriage return; a negative number (`-4.5`) is only a number.
fn is_formula_like(cell: &str) -> bool {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
        Some(b'-') => !is_plain_number(&cell[1..]),
        _ => false,
    }
}

/// Digits, with at most one point between digits: how data files write a number.
fn is_plain_number(s: &str) -> bool {
    let (whole, decimals) = s.split_once('.').unwrap_or((s, "0"));
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(decimals)
}

/// A CSV cell as dangos writes it: `cell`, or, when a spreadsheet would run it as a
/// formula, `cell` with a `'` in front, which makes a spreadsheet show it as text
/// (as OWASP advises). A cell that begins with `'` already gets one more when the
/// rest would be taken for a formula, so that [`restore_formula_like`] gives back
/// exactly `cell`. The one rule for the site's data files and `dangos export`.
#[inline]
pub fn neutralise_formula_like(cell: &str) -> Cow<'_, str> {
    // Most cells begin with a letter or a digit, and need no more than one look:
    // the data files of a large site have millions of cells.
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'') => {}
        _ => return Cow::Borrowed(cell),
    }
    if is_formula_like(cell.trim_start_matches('\'')) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A text cell as written before [`neutralise_formula_like`]: without the `'` it
/// added. `dangos import` reads every text cell through this, so an exported file
/// imports as no change; a cell it did not neutralise comes back as it is.
pub fn restore_formula_like(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// A text cell for a writer whose cells no program runs (a workbook's text cell,
/// which Excel never takes for a formula): `cell` as it is, unless
/// [`restore_formula_like`] would take a `'` from it; then with one more in front,
/// so that it, too, imports as written.
pub fn keep_for_import(cell: &str) -> Cow<'_, str> {
    if restore_formula_like(cell).len() != cell.len() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_cell_and_the_rest_of_a_row_are_the_whole_row() {
        for first in [
            "",
            "a",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "=1+1",
            "-4.5",
            "'",
        ] {
            for rest in [vec!["x"], vec!["", ""], vec!["y,z", "=2"]] {
                let mut whole = Csv::headless(1);
                let mut cells = vec![first];
                cells.extend(&rest);
                whole.row(&cells).unwrap();
                let mut tail = Csv::headless(1);
                tail.row(&rest).unwrap();
                let mut joined = cells_and_comma(&[first]).unwrap();
                joined.extend(tail.finish().unwrap());
                assert_eq!(joined, whole.finish().unwrap(), "{first:?} {rest:?}");
            }
        }
    }

    #[test]
    fn csv_quotes_only_where_needed_and_ends_lines_with_crlf() {
        let rows = vec![
            vec!["a".to_string(), "b, c".to_string()],
            vec!["\"q\"".to_string(), "ŵ".to_string()],
        ];
        let mut csv = Csv::new(2);
        for row in &rows {
            csv.row(row).unwrap();
        }
        let bytes = csv.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,\"b, c\"\r\n\"\"\"q\"\"\",ŵ\r\n");
    }

    #[test]
    fn formula_like_cells_get_a_leading_apostrophe_and_numbers_do_not() {
        for (cell, written) in [
            ("=1+2", "'=1+2"),
            ("+44 29 2087 2087", "'+44 29 2087 2087"),
            ("-3 on last quarter", "'-3 on last quarter"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tindented", "'\tindented"),
            ("\rreturn", "'\rreturn"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("-1e5", "'-1e5"),
            ("'=already", "''=already"),
            ("-4.5", "-4.5"),
            ("-12", "-12"),
            ("1754", "1754"),
            ("", ""),
            ("'quoted", "'quoted"),
            ("Up 3 = good", "Up 3 = good"),
            ("ŵ=", "ŵ="),
        ] {
            assert_eq!(neutralise_formula_like(cell), written, "{cell:?}");
            assert_eq!(restore_formula_like(written), cell, "{written:?}");
        }
        let mut csv = Csv::new(1);
        csv.row(&["=HYPERLINK(\"x\")", "-2", "-x"]).unwrap();
        let text = String::from_utf8(csv.finish().unwrap()).unwrap();
        assert_eq!(text, "\u{feff}\"'=HYPERLINK(\"\"x\"\")\",-2,'-x\r\n");
    }

    #[test]
    fn workbook_text_keeps_only_what_import_would_strip() {
        assert_eq!(keep_for_import("=1+2"), "=1+2");
        assert_eq!(keep_for_import("'=1+2"), "''=1+2");
        assert_eq!(keep_for_import("'words"), "'words");
    }

    proptest::proptest! {
        /// Any first cells, then the rest of the row written on their own, are
        /// the row written whole; and a writer's rows (all of one width, as a
        /// file's are) end where [`Csv::written`] says.
        #[test]
        fn first_cells_and_the_rest_are_the_whole_row(
            first in proptest::collection::vec("[a-z ,\"\r\n=']{0,4}", 1..4),
            rest in proptest::collection::vec(
                proptest::collection::vec("[a-z ,\"\r\n=']{0,4}", 3), 1..4),
        ) {
            let mut rows = Csv::headless(rest.len());
            let mut ends = Vec::new();
            for r in &rest {
                rows.row(r).unwrap();
                ends.push(rows.written().unwrap());
            }
            let rows = rows.finish().unwrap();
            let mut start = 0;
            for (r, end) in rest.iter().zip(ends) {
                let mut whole = Csv::headless(1);
                whole.row(&first.iter().chain(r).collect::<Vec<_>>()).unwrap();
                let mut joined = cells_and_comma(&first).unwrap();
                joined.extend_from_slice(&rows[start..end]);
                proptest::prop_assert_eq!(joined, whole.finish().unwrap());
                start = end;
            }
        }

        /// Whatever the words, the import reads back what was written, and no CSV
        /// cell is left for a spreadsheet to run.
        #[test]
        fn import_reads_back_every_cell_as_written(
            cell in "['=+@\\-\t\r]{0,3}[-=+@a-z0-9. \t\r']{0,8}"
        ) {
            let written = neutralise_formula_like(&cell);
            proptest::prop_assert_eq!(restore_formula_like(&written), cell.as_str());
            proptest::prop_assert!(!is_formula_like(&written));
            let kept = keep_for_import(&cell);
            proptest::prop_assert_eq!(restore_formula_like(&kept), cell.as_str());
        }
    }
}
