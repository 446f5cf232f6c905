//! CSV files: RFC 4180 with CRLF line ends, in UTF-8 with a byte order mark.

use crate::diagnostics::Diagnostic;

/// A CSV file being written: RFC 4180 with CRLF line ends, in UTF-8 with a byte
/// order mark.
pub(in crate::render) struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    /// A file of about `rows` rows.
    pub(in crate::render) fn new(rows: usize) -> Csv {
        let mut bytes = Vec::with_capacity(256 * (rows + 1));
        bytes.extend_from_slice("\u{feff}".as_bytes());
        Csv::writing(bytes)
    }

    /// Rows to go after the start of a file (no byte order mark).
    pub(in crate::render) fn headless(rows: usize) -> Csv {
        Csv::writing(Vec::with_capacity(256 * rows))
    }

    fn writing(bytes: Vec<u8>) -> Csv {
        Csv(csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(bytes))
    }

    pub(in crate::render) fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), Diagnostic> {
        self.0
            .write_record(cells.iter().map(|c| c.as_ref().as_bytes()))
            .map_err(|e| Diagnostic::new(e.to_string()))
    }

    pub(in crate::render) fn finish(self) -> Result<Vec<u8>, Diagnostic> {
        self.0
            .into_inner()
            .map_err(|e| Diagnostic::new(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
