//! Problems found in a site, collected as values with their file and line so that one
//! build reports every problem at once instead of stopping at the first.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem: what is wrong, where, and (when we know) how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, and what was expected.
    pub message: String,
    /// A suggestion for the fix.
    pub help: Option<String>,
    /// The offending source line, shown under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// A problem with no file (a usage error, say).
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            file: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// A problem in `file`.
    pub fn in_file(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Some(file.as_ref().to_path_buf()),
            ..Diagnostic::new(message)
        }
    }

    /// Sets the line and column and keeps the offending line of `source` to show.
    pub fn at(mut self, source: Option<&str>, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        if let Some(text) = source.and_then(|s| s.lines().nth(line.saturating_sub(1))) {
            self.snippet = Some(text.to_string());
        }
        self
    }

    /// Sets the line where `needle` first appears in `source` (at or after line `from`).
    pub fn at_text(self, source: &str, needle: &str) -> Self {
        match find_line(source, needle) {
            Some((line, col)) => self.at(Some(source), line, Some(col)),
            None => self,
        }
    }

    /// Sets the line where `word` appears as a whole word (not as part of a longer
    /// id such as `assessments-on-time` for `assessments`), skipping comments.
    pub fn at_word(self, source: &str, word: &str) -> Self {
        match find_word(source, word, false) {
            Some((line, col)) => self.at(Some(source), line, Some(col)),
            None => self,
        }
    }

    /// Like [`Diagnostic::at_word`], but the last occurrence (a duplicate, say).
    pub fn at_word_last(self, source: &str, word: &str) -> Self {
        match find_word(source, word, true) {
            Some((line, col)) => self.at(Some(source), line, Some(col)),
            None => self,
        }
    }

    /// Adds a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// True for a comment line in YAML or TOML, where a key's or id's name may also
/// appear but never means it.
fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// The 1-based line and column of the first occurrence of `needle` in `source`,
/// outside comment lines.
pub fn find_line(source: &str, needle: &str) -> Option<(usize, usize)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !is_comment(l))
        .find_map(|(i, line)| {
            line.find(needle)
                .map(|byte| (i + 1, line[..byte].chars().count() + 1))
        })
}

/// The 1-based line and column of `word` standing alone (not inside a longer id of
/// letters, digits, `-` or `_`), outside comments; the first or the last.
pub fn find_word(source: &str, word: &str, last: bool) -> Option<(usize, usize)> {
    let is_id = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut found = source
        .lines()
        .enumerate()
        .filter(|(_, l)| !is_comment(l))
        .flat_map(|(i, line)| {
            line.match_indices(word)
                .filter(|(byte, _)| {
                    let before = line[..*byte].chars().next_back();
                    let after = line[byte + word.len()..].chars().next();
                    !before.is_some_and(is_id) && !after.is_some_and(is_id)
                })
                .map(|(byte, _)| (i + 1, line[..byte].chars().count() + 1))
                .collect::<Vec<_>>()
        });
    if last { found.last() } else { found.next() }
}

/// The 1-based line and column of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_comments_skipped() {
        let src = "# assessments are listed here\nindicators: [assessments-on-time, x]\n  - assessments\n";
        assert_eq!(find_word(src, "assessments", false), Some((3, 5)));
        assert_eq!(find_line(src, "assessments"), Some((2, 14)));
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: ")?;
        if let Some(file) = self.file.as_ref().filter(|f| !f.as_os_str().is_empty()) {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(line), Some(snippet)) = (self.line, &self.snippet) {
            let gutter = line.to_string().len();
            write!(f, "\n {:gutter$} |\n {line} | {snippet}", "")?;
            if let Some(col) = self.column {
                write!(f, "\n {:gutter$} | {:>col$}", "", "^")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found by one build, in a stable order (by file, then line).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Turns the collection into a `Result`, sorted so output is deterministic.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort();
            self.0.dedup();
            Err(self)
        }
    }
}

impl Diagnostics {
    /// Adds lines to problems found after parsing (while rendering, say), which know
    /// their file and quote the offending text in backticks but not its line: the
    /// line is where that text first appears in the file (under `root`).
    pub fn located(mut self, root: &Path) -> Self {
        for d in self.0.iter_mut().filter(|d| d.line.is_none()) {
            let (Some(file), Some(quoted)) = (
                d.file.clone(),
                d.message.split('`').nth(1).map(str::to_string),
            ) else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(root.join(file)) {
                *d = std::mem::replace(d, Diagnostic::new("")).at_text(&text, &quoted);
            }
        }
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
