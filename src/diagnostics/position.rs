//! Where in a text a problem is: a parser's position, and the line and column of a
//! byte offset (found once per text when there are many).

/// A position a parser gave: 1-based line and column in the file, or line 0 when
/// unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line in the file; 0 when unknown.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Where the lines of one text start, found on first use and kept (a content
/// file's [`Source`](crate::content::Source) holds them): placing many problems in
/// one file (a thousand bad figures, a thousand links) then costs one pass over it,
/// where looking each one's line up from the top cost a pass each, and grew with
/// the square of the problems.
#[derive(Debug, Clone, Default)]
pub struct LineStarts(std::sync::OnceLock<Vec<usize>>);

impl LineStarts {
    /// The lines of `text`, which must be the text these starts are (or will be)
    /// found in.
    pub fn of<'a>(&'a self, text: &'a str) -> Lines<'a> {
        Lines { text, starts: self }
    }
}

/// A text and where its lines start: see [`LineStarts`].
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
    starts: &'a LineStarts,
}

impl<'a> Lines<'a> {
    fn starts(&self) -> &'a [usize] {
        self.starts.0.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Line `n` (1-based) without its line end, as `str::lines` gives it.
    pub fn get(&self, n: usize) -> Option<&'a str> {
        let starts = self.starts();
        let start = *starts.get(n.checked_sub(1)?)?;
        if start == self.text.len() && n > 1 {
            return None; // after a final line end, as `str::lines`
        }
        let end = starts.get(n).map_or(self.text.len(), |&next| next - 1);
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// The 1-based line and column (in characters) of a byte offset, as
    /// [`line_col`] gives it.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// The 1-based line and column of a byte offset in `source` (for many offsets in
/// one text, [`Lines::line_col`]).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}
