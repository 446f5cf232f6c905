//! `dangos check`: is the site ready to publish? It builds the site in memory (writing
//! nothing) and reports, grouped by file and with line numbers where known:
//!
//! - every problem the build itself finds, errors and warnings (figures that cannot
//!   be right, targets without a rationale, duplicate and orphan indicators: the
//!   rules are the model's, see [`crate::model`]);
//! - broken links and `#fragment`s in the built pages of every language ([`links`]);
//! - untranslated and placeholder words ([`words`]);
//! - stale translations ([`translations`]).
//!
//! Errors make the exit code 1; warnings make it 1 only with `--strict`.

mod links;
pub mod translations;
mod words;

use crate::build::build_site;
use crate::config::{Config, Overrides};
use crate::content;
pub use crate::diagnostics::Severity;
use crate::diagnostics::{Code, Diagnostic, Shown, more_line, shown};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One thing `check` found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The file, relative to the site root.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// A stable code such as `broken-link`, for tools and for searching the README.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// The result of a check.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Everything found, sorted by file and line.
    pub findings: Vec<Finding>,
    /// Every translation the site should have, and where it stands.
    pub translations: Vec<translations::Translation>,
    /// The configuration, when it could be read (for the translation summary).
    pub config: Option<Config>,
}

/// One finding in `--format json`: the documented, stable shape.
#[derive(Serialize)]
struct JsonFinding<'a> {
    file: Option<String>,
    line: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// True when the site passes: no errors (and, when `strict`, no warnings).
    pub fn passes(&self, strict: bool) -> bool {
        self.errors() == 0 && (!strict || self.warnings() == 0)
    }

    /// The findings codes, in order (handy in tests).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code.as_str()).collect()
    }

    /// `[{"file", "line", "severity", "code", "message"}, ...]`.
    pub fn to_json(&self) -> String {
        let items: Vec<JsonFinding<'_>> = self
            .findings
            .iter()
            .map(|f| JsonFinding {
                file: f
                    .file
                    .as_ref()
                    .map(|p| p.to_string_lossy().replace('\\', "/")),
                line: f.line,
                severity: f.severity,
                code: f.code.as_str(),
                message: &f.message,
            })
            .collect();
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()) + "\n"
    }

    /// Findings grouped by file, for people: at most
    /// [`SHOWN_PER_CODE`](crate::diagnostics::SHOWN_PER_CODE) of one code, then how
    /// many more of it there are (the JSON keeps every one).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut by_file: BTreeMap<Option<&PathBuf>, Vec<&Finding>> = BTreeMap::new();
        let mut more = Vec::new();
        for entry in shown(&self.findings, |f| f.code) {
            match entry {
                Shown::One(f) => by_file.entry(f.file.as_ref()).or_default().push(f),
                Shown::More { code, count } => more.push(more_line(code, count)),
            }
        }
        for (file, findings) in by_file {
            match file {
                Some(f) => {
                    let _ = writeln!(out, "{}", f.display());
                }
                None => out.push_str("(the site)\n"),
            }
            for f in findings {
                let severity = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let at = f.line.map(|l| format!("{l}: ")).unwrap_or_default();
                let _ = writeln!(out, "  {at}{severity}[{}]: {}", f.code, f.message);
                if let Some(help) = &f.help {
                    let _ = writeln!(out, "  {:width$}help: {help}", "", width = at.len());
                }
            }
            out.push('\n');
        }
        for line in &more {
            let _ = writeln!(out, "{line}");
        }
        if !more.is_empty() {
            out.push('\n');
        }
        if let Some(config) = &self.config
            && !self.translations.is_empty()
        {
            out.push_str(&translations::summary_text(config, &self.translations));
            out.push('\n');
        }
        let (e, w) = (self.errors(), self.warnings());
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let _ = writeln!(
            out,
            "{}, {}: {}",
            plural(e, "error"),
            plural(w, "warning"),
            if e > 0 {
                "fix the errors before publishing."
            } else if w > 0 {
                "ready to publish, but look at the warnings."
            } else {
                "ready to publish."
            }
        );
        out
    }
}

/// A build problem as a finding: the build's diagnostics know their file and line.
fn from_diagnostic(d: &Diagnostic) -> Finding {
    Finding {
        file: d.file.clone().filter(|f| !f.as_os_str().is_empty()),
        line: d.line,
        severity: d.severity(),
        code: d.code,
        message: d.message.clone(),
        help: d.help.clone(),
    }
}

/// Runs every check on the site in `root`. Writes nothing.
pub fn check(root: &Path, overrides: &Overrides) -> Report {
    let mut report = Report::default();
    let config = match Config::load(root, overrides) {
        Ok(c) => c,
        Err(d) => {
            report.findings.push(from_diagnostic(&d));
            return report;
        }
    };
    // The build, and the content as far as it can be read: the checks of each file
    // run even when other files have problems.
    let (built, (content, _)) = rayon::join(
        || build_site(root, overrides),
        || content::load_all(&config),
    );
    match &built {
        Ok(built) => {
            report.findings.extend(links::check(built));
            report
                .findings
                .extend(built.site.warnings.0.iter().map(from_diagnostic));
        }
        Err(diags) => report.findings.extend(diags.0.iter().map(from_diagnostic)),
    }
    report.findings.extend(words::check(&config, &content));
    report.findings.extend(words::ui(&config));
    report.translations = translations::translations(&config);
    for t in &report.translations {
        if let translations::State::Stale { recorded, current } = &t.state {
            report.findings.push(Finding {
                file: Some(t.path.clone()),
                line: t.line,
                severity: Severity::Warning,
                code: Code::StaleTranslation,
                message: format!(
                    "{} has changed since this translation was made (its words were {recorded}, now {current})",
                    t.source.display()
                ),
                help: Some(format!(
                    "bring the translation up to date with {}, then run `dangos translated {}`",
                    t.source.display(),
                    t.path.display()
                )),
            });
        }
    }
    report.findings.sort();
    report.findings.dedup();
    report.config = Some(config);
    report
}
