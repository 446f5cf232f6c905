//! The kinds of problem ([`Code`]): each one's stable name, for tools, tests and
//! the README's table, and its severity, declared once.

use std::fmt;

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
