//! Problems found in a site, collected as values with their code, file and line so
//! that one build reports every problem at once instead of stopping at the first.
//! `build` and `check` share them: a [`Code`] says what kind of problem it is and
//! whether it stops a build.

mod shown;
mod toml_fields;

pub use shown::{SHOWN_PER_CODE, Shown, more_line, more_message, shown};

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops a build; must be fixed before publishing.
    Error,
    /// Does not stop a build; `dangos check` shows it (and fails on it with `--strict`).
    Warning,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $text:literal, $sev:ident;)*) => {
        /// What kind of problem a diagnostic is: a stable name for tools, tests and
        /// the README's table, and its severity.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
    /// The codes of problems around a site rather than in its files: a broken site
    /// cannot give them.
    pub const SURROUNDINGS: &'static [Code] = &[Code::Serve, Code::Watch, Code::Export, Code::Internal];

            /// Every code, in the order of the README's table.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The stable name, e.g. `duplicate-period`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $text,)*
                }
            }

            /// Whether it stops a build.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$name => Severity::$sev,)*
                }
            }
        }
    };
}

codes! {
    /// The front matter is not valid YAML or TOML.
    Syntax = "syntax", Error;
    /// No front matter, or front matter not closed.
    FrontMatter = "front-matter", Error;
    /// A field dangos does not know.
    UnknownField = "unknown-field", Error;
    /// A required field is not given.
    MissingField = "missing-field", Error;
    /// A field's value is of the wrong kind (a word for a number, a bad period...).
    InvalidValue = "invalid-value", Error;
    /// A key given twice.
    DuplicateKey = "duplicate-key", Error;
    /// A period given twice under `values`, `targets`, `commentary` or `rationale`.
    DuplicatePeriod = "duplicate-period", Error;
    /// A period far from the indicator's other periods.
    PeriodOutOfRange = "period-out-of-range", Error;
    /// A target (or a target year) for a quarter.
    NotAFinancialYear = "not-a-financial-year", Error;
    /// A figure that is not a finite number (`.nan`, `.inf`).
    NotFinite = "not-finite", Error;
    /// A denominator of zero or less.
    ZeroDenominator = "zero-denominator", Error;
    /// A numerator and denominator for an indicator that is not a percentage.
    FractionNotPercent = "fraction-not-percent", Error;
    /// `decimals` outside 0 to 6.
    BadDecimals = "bad-decimals", Error;
    /// A percentage above 100.
    PercentOver100 = "percent-over-100", Error;
    /// "9 of 8".
    NumeratorOverDenominator = "numerator-over-denominator", Error;
    /// A count, number of days or fraction below zero.
    NegativeCount = "negative-count", Error;
    /// A percentage below zero.
    NegativePercent = "negative-percent", Error;
    /// A figure beyond what is published exactly (more than 10^15).
    FigureTooLarge = "figure-too-large", Error;
    /// A figure with more decimal places than the indicator publishes, or a
    /// numerator or denominator that is not a whole number.
    TooPrecise = "too-precise", Error;
    /// Periods not in time order.
    PeriodOrder = "period-order", Warning;
    /// A target with no rationale.
    TargetWithoutRationale = "target-without-rationale", Warning;
    /// A rationale for a year with no target.
    RationaleWithoutTarget = "rationale-without-target", Error;
    /// A report or target year lists an id no indicator has.
    UnknownIndicator = "unknown-indicator", Error;
    /// One indicator twice: in a list, by reference, or by id in another case.
    DuplicateIndicator = "duplicate-indicator", Error;
    /// No report or target year lists an indicator.
    OrphanIndicator = "orphan-indicator", Warning;
    /// A report lists an indicator with nothing for the report's period.
    NoValue = "no-value", Warning;
    /// An indicator off target in a report's period, with no actions for it.
    NoActions = "no-actions", Warning;
    /// A period marked provisional or revised that has no value, or a reason for a
    /// revision that is not marked.
    MarkerWithoutValue = "marker-without-value", Error;
    /// A revised value with no reason given.
    RevisionWithoutReason = "revision-without-reason", Warning;
    /// A report without its `published` date.
    NoPublishedDate = "no-published-date", Warning;
    /// Two reports on one period.
    DuplicateReport = "duplicate-report", Error;
    /// A target year's table and the indicators' targets disagree.
    TargetYearMismatch = "target-year-mismatch", Error;
    /// A translation missing, or words the source has and the translation lacks.
    MissingTranslation = "missing-translation", Error;
    /// A translation without its default-language file.
    MissingSource = "missing-source", Error;
    /// A figure in a translation.
    FigureInTranslation = "figure-in-translation", Error;
    /// A translation that does not follow its source item for item.
    TranslationMismatch = "translation-mismatch", Error;
    /// A file that cannot be read (or is not UTF-8 text).
    Unreadable = "unreadable", Error;
    /// A file dangos cannot place: wrong folder, bad name, unknown language code.
    MisplacedFile = "misplaced-file", Error;
    /// Something every site needs is missing: content/, the home page, the
    /// accessibility statement.
    MissingContent = "missing-content", Error;
    /// A page at an address dangos makes.
    ReservedSlug = "reserved-slug", Error;
    /// A problem in `site.toml`.
    Config = "config", Error;
    /// A problem in a template.
    Template = "template", Error;
    /// A problem in the theme's other settings (`chart.toml`).
    Theme = "theme", Error;
    /// A UI string missing from a language's `.ftl` file.
    MissingUiString = "missing-ui-string", Error;
    /// A language's `.ftl` file that cannot be read (missing, or not UTF-8 text).
    UnreadableUiStrings = "unreadable-ui-strings", Error;
    /// A `.ftl` file that is not valid Fluent.
    UiStringSyntax = "ui-string-syntax", Error;
    /// A link to no page or file of the site.
    BrokenLink = "broken-link", Error;
    /// A link or image in Markdown to an address that is not `http`, `https`,
    /// `mailto`, `tel`, relative or `@/` (a `javascript:` link, say).
    UnsafeLink = "unsafe-link", Error;
    /// A heading attribute other than an id and classes (`{onfocus=...}`).
    UnsafeAttribute = "unsafe-attribute", Error;
    /// A link to an `#id` the target page does not have.
    BrokenFragment = "broken-fragment", Error;
    /// One id used twice on a page.
    DuplicateId = "duplicate-id", Error;
    /// Every word of a translation the same as in its source.
    UntranslatedPage = "untranslated-page", Error;
    /// A piece of prose the same in both languages.
    UntranslatedText = "untranslated-text", Warning;
    /// The source's words changed since the translation was made.
    StaleTranslation = "stale-translation", Warning;
    /// `TODO` placeholder text.
    Todo = "todo", Error;
    // `dangos import`'s own problems, each with its own code (the rules of the
    // edited site keep theirs, reported against the spreadsheet row that brought
    // the figure).
    /// The spreadsheet cannot be read: missing, not a regular file, not CSV, XLSX or
    /// ODS, not UTF-8, no such sheet, or empty.
    ImportFile = "import-file", Error;
    /// A spreadsheet beyond a documented limit: a file or part too big (or packed too
    /// tightly), too many cells, a cell beyond column BL or row 1,048,576, a cell
    /// over 1 MiB.
    SpreadsheetLimit = "spreadsheet-limit", Error;
    /// A column header dangos does not read but nearly names one, a column given
    /// twice, or a column needed and missing.
    ImportColumn = "import-column", Error;
    /// A row naming no indicator dangos has (or one whose file cannot be read).
    ImportIndicator = "import-indicator", Error;
    /// A row whose period is missing or not a period.
    ImportPeriod = "import-period", Error;
    /// A cell that holds no number where a figure goes: a unit, words, a date, a
    /// cell formatted as a percentage.
    ImportNumber = "import-number", Error;
    /// A number that reads two ways (`1.850`: 1.85 or 1850).
    AmbiguousNumber = "ambiguous-number", Error;
    /// Numbers with a decimal point and numbers with a decimal comma in one file, or
    /// a number against the `--decimal-*` option given.
    MixedDecimals = "mixed-decimals", Error;
    /// A row whose figures do not fit together: a value and a numerator, a
    /// numerator alone, a fraction for an indicator that is not a percentage.
    ImportRow = "import-row", Error;
    /// A figure that differs from the file's (without `--overwrite`) or from
    /// another row's.
    ImportConflict = "import-conflict", Error;
    /// An indicator's file the import cannot edit or write, or an import stopped
    /// half-way that cannot be finished.
    ImportWrite = "import-write", Error;
    /// The edited site would not build: the problems follow.
    ImportCheck = "import-check", Error;
    /// The output folder cannot be used, locked or written.
    Output = "output", Error;
    /// `serve` cannot start (the port is in use, say).
    Serve = "serve", Error;
    /// `watch` or `serve` cannot watch the site for changes.
    Watch = "watch", Error;
    /// `dangos export` cannot write its file.
    Export = "export", Error;
    /// A step that cannot fail on any input did (a data file that cannot be
    /// serialised): a bug in dangos, to report.
    Internal = "internal", Error;
}

impl Code {
    /// The codes only `dangos import` gives (about a spreadsheet, not a site).
    pub const IMPORT: &'static [Code] = &[
        Code::ImportFile,
        Code::SpreadsheetLimit,
        Code::ImportColumn,
        Code::ImportIndicator,
        Code::ImportPeriod,
        Code::ImportNumber,
        Code::AmbiguousNumber,
        Code::MixedDecimals,
        Code::ImportRow,
        Code::ImportConflict,
        Code::ImportWrite,
        Code::ImportCheck,
    ];
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// What a parser's error is, in the author's terms: code, message, help, the
/// unknown field (if that is it), and the position (1-based line and column in the
/// text parsed).
pub type Explained = (Code, String, String, Option<String>, Option<(usize, usize)>);

/// What to do about a value of the wrong kind.
pub const VALUE_HELP: &str = "give a value of the kind expected (see README § Content format)";

/// Explains a toml error reading `text` as a `T`; `syntax_help` says what to look
/// for when the text is not TOML at all.
pub fn explain_toml<T: serde::de::DeserializeOwned>(
    e: &toml::de::Error,
    text: &str,
    syntax_help: &str,
) -> Explained {
    let at = e.span().map(|span| line_col(text, span.start));
    let message = e.message().trim().to_string();
    if text.parse::<toml::Table>().is_err() {
        return (
            Code::Syntax,
            format!("this is not valid TOML: {message}"),
            syntax_help.into(),
            None,
            at,
        );
    }
    // The text is TOML, so the problem is in the data: serde says which field.
    match toml_fields::problem::<T>(text) {
        Some(toml_fields::Problem::Unknown { field, expected }) => {
            let (m, h) = unknown_field(&field, expected);
            (Code::UnknownField, m, h, Some(field), at)
        }
        Some(toml_fields::Problem::Missing(field)) => {
            let (m, h) = missing_field(field);
            (Code::MissingField, m, h, None, at)
        }
        _ => (Code::InvalidValue, message, VALUE_HELP.into(), None, at),
    }
}

/// The message and help for a missing field.
pub fn missing_field(field: &str) -> (String, String) {
    (
        format!("`{field}` is missing"),
        format!("add `{field}` (see README for what it holds)"),
    )
}

/// The message and help for an unknown field: the nearest known field, if one is
/// near enough to be a slip, or the list of them.
pub fn unknown_field(field: &str, expected: &[&str]) -> (String, String) {
    let nearest = expected
        .iter()
        .map(|k| (strsim::damerau_levenshtein(field, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min();
    let help = match nearest {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None if expected.is_empty() => "remove it".to_string(),
        None => format!(
            "remove it; the fields here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    (format!("unknown field `{field}`"), help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_suggest_the_nearest_known_one() {
        let fields = ["title", "unit", "direction", "decimals", "values"];
        assert_eq!(unknown_field("unti", &fields).1, "did you mean `unit`?");
        assert_eq!(
            unknown_field("decimal", &fields).1,
            "did you mean `decimals`?"
        );
        assert!(
            unknown_field("colour", &fields)
                .1
                .starts_with("remove it; the fields")
        );
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
