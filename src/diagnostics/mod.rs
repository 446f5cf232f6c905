//! Problems found in a site, collected as values with their code, file and line so
//! that one build reports every problem at once instead of stopping at the first.
//! `build` and `check` share them: a [`Code`] says what kind of problem it is and
//! whether it stops a build.

mod code;
mod explain;
mod position;
mod shown;
mod toml_fields;

pub use code::{Code, Severity};
pub use explain::{Explained, VALUE_HELP, explain_toml, missing_field, unknown_field};
pub use position::{LineStarts, Lines, Pos, line_col};
pub use shown::{SHOWN_PER_CODE, Shown, more_line, more_message, shown};

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem: what kind, what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What kind of problem, and so its severity.
    pub code: Code,
    /// What is wrong, and what was expected.
    pub message: String,
    /// A suggestion for the fix.
    pub help: Option<String>,
    /// The offending source line, shown under the message.
    pub snippet: Option<String>,
    /// What the problem is about, as written in the file (a link's target), when
    /// the code that found it has no position: a later step that has the file
    /// finds where, by parsing it.
    pub written: Option<String>,
}

impl Diagnostic {
    /// A problem of kind `code` with no file (a usage error, say). Every problem
    /// says its kind where it is made: there is no default.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            file: None,
            line: None,
            column: None,
            code,
            message: message.into(),
            help: None,
            snippet: None,
            written: None,
        }
    }

    /// A problem of kind `code` in `file`.
    pub fn in_file(code: Code, file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Some(file.as_ref().to_path_buf()),
            ..Diagnostic::new(code, message)
        }
    }

    /// Names `file` as where the problem is, unless a file is named already (a
    /// problem found in a page's words is in the page's content file, but one in
    /// a UI string is in the strings file).
    pub fn or_in_file(mut self, file: impl AsRef<Path>) -> Self {
        if self.file.is_none() {
            self.file = Some(file.as_ref().to_path_buf());
        }
        self
    }

    /// Says what the problem is about as written in the file (see
    /// [`Diagnostic::written`]).
    pub fn about(mut self, written: impl Into<String>) -> Self {
        self.written = Some(written.into());
        self
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

    /// Says what kind of problem this is, when a later step knows better than the
    /// one that made it (import files a site's problem under the spreadsheet's).
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    /// Whether it stops a build.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Sets a parser-given position (1-based; a line of 0 means unknown), keeping the
    /// offending line of `source` to show.
    pub fn at_pos(self, source: &str, pos: Pos) -> Self {
        if pos.line == 0 {
            return self;
        }
        self.at(Some(source), pos.line, Some(pos.column.max(1)))
    }

    /// [`Diagnostic::at_pos`] in a text whose [`Lines`] are found once: for code
    /// that may place many problems in one file.
    pub fn at_line(mut self, lines: Lines<'_>, pos: Pos) -> Self {
        if pos.line == 0 {
            return self;
        }
        self.line = Some(pos.line);
        self.column = Some(pos.column.max(1));
        self.snippet = lines.get(pos.line).map(str::to_string);
        self
    }

    /// Adds a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity() {
            Severity::Error => write!(f, "error[{}]: ", self.code)?,
            Severity::Warning => write!(f, "warning[{}]: ", self.code)?,
        }
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

    /// True when something stops the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity() == Severity::Error)
    }

    /// Sorts, so output is deterministic, and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }

    /// Turns the collection into a `Result`: `Err` with every problem, warnings too,
    /// if any is an error; otherwise `Ok` (the warnings are dropped: use
    /// [`Diagnostics::warnings`] first to keep them).
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok(value)
        }
    }

    /// The warnings alone.
    pub fn warnings(&self) -> Diagnostics {
        Diagnostics(
            self.0
                .iter()
                .filter(|d| d.severity() == Severity::Warning)
                .cloned()
                .collect(),
        )
        .sorted()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// Every problem for people: at most [`SHOWN_PER_CODE`] of one code, then how many
/// more (see [`shown`]).
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, entry) in shown(&self.0, |d| d.code).into_iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match entry {
                Shown::One(d) => writeln!(f, "{d}")?,
                Shown::More { code, count } => writeln!(f, "{}", more_line(code, count))?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
