//! `dangos check`: is the site ready to publish? It builds the site in memory (writing
//! nothing) and reports, as `build` prints problems (the same [`Diagnostic`], with
//! its file, line, column and source line where known):
//!
//! - every problem the build itself finds, errors and warnings (figures that cannot
//!   be right, targets without a rationale, duplicate and orphan indicators: the
//!   rules are the model's, see [`crate::model`]);
//! - broken links and `#fragment`s in the built pages of every language ([`links`]);
//! - untranslated and placeholder words ([`translation_words`]);
//! - stale translations ([`translations`]).
//!
//! Errors make the exit code 1; warnings make it 1 only with `--strict`.

mod links;
mod texts;
mod translation_words;
pub mod translations;

use crate::build::build_site_from;
use crate::config::{Config, Overrides};
use crate::content;
pub use crate::diagnostics::Severity;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use texts::Texts;

/// The result of a check.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Everything found, sorted by file and line: the build's problems and the
    /// checks' own, of one type, printed the same way.
    pub findings: Vec<Diagnostic>,
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
        self.findings.iter().filter(|f| f.severity() == s).count()
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
                severity: f.severity(),
                code: f.code.as_str(),
                message: &f.message,
            })
            .collect();
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()) + "\n"
    }

    /// The findings for people, as `build` prints problems (code, file, line,
    /// column, the line itself and help): at most
    /// [`SHOWN_PER_CODE`](crate::diagnostics::SHOWN_PER_CODE) of one code, then how
    /// many more of it there are (the JSON keeps every one).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if !self.findings.is_empty() {
            let _ = writeln!(out, "{}", Diagnostics(self.findings.clone()));
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

/// Runs every check on the site in `root`. Writes nothing.
pub fn check(root: &Path, overrides: &Overrides) -> Report {
    let mut report = Report::default();
    let config = match Config::load(root, overrides) {
        Ok(c) => c,
        Err(d) => {
            report.findings.push(d);
            return report;
        }
    };
    // The content is read once, as far as it can be: the build, the links' places, the
    // words and the translations all use it, and the checks of each file run even when
    // other files have problems.
    let (content, loaded) = content::load_all(&config);
    let texts = Texts::of(&config.root, &content);
    let (built, words) = rayon::join(
        || build_site_from(&config, &content, loaded),
        || translation_words::check(&config, &content),
    );
    match &built {
        Ok(built) => {
            report.findings.extend(links::check(built, &texts));
            report
                .findings
                .extend(built.site.warnings.0.iter().cloned());
        }
        Err(diags) => report.findings.extend(diags.0.iter().cloned()),
    }
    report.findings.extend(words);
    report.findings.extend(translation_words::ui(&config));
    report.translations = translations::translations_in(&config, |path| texts.get(path));
    report.findings.extend(stale(&report.translations));
    placed_in_their_lines(&texts, &mut report.findings);
    report.findings.sort();
    report.findings.dedup();
    report.config = Some(config);
    report
}

/// A finding for each translation made from an earlier version of its source.
fn stale(translations: &[translations::Translation]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in translations {
        if let translations::State::Stale { recorded, current } = &t.state {
            let d = Diagnostic::in_file(
                Code::StaleTranslation,
                &t.path,
                format!(
                    "{} has changed since this translation was made (its words were {recorded}, now {current})",
                    t.source.display()
                ),
            )
            .help(format!(
                "bring the translation up to date with {}, then run `dangos translated {}`",
                t.source.display(),
                t.path.display()
            ));
            out.push(match t.line {
                Some(line) => d.at(None, line, None),
                None => d,
            });
        }
    }
    out
}

/// Gives each finding with a file and line but no source line shown the line itself,
/// as `build` shows it: the checks that find a place by parsing know the line, not
/// its text. Each file is read once, content files not at all (they were loaded).
fn placed_in_their_lines(texts: &Texts<'_>, findings: &mut [Diagnostic]) {
    let mut read: BTreeMap<PathBuf, Option<Cow<'_, str>>> = BTreeMap::new();
    for d in findings.iter_mut().filter(|d| d.snippet.is_none()) {
        let (Some(file), Some(line)) = (&d.file, d.line) else {
            continue;
        };
        let text = read.entry(file.clone()).or_insert_with(|| texts.get(file));
        if let Some(shown) = text
            .as_deref()
            .and_then(|t| t.lines().nth(line.saturating_sub(1)))
        {
            d.snippet = Some(shown.to_string());
        }
    }
}
