//! The validated site: what rendering reads.

use super::{Date, Direction, Target, Unit, Value};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::period::Period;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

/// A page's words in one language: title and Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// An indicator's words in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorText {
    /// Title.
    pub title: String,
    /// The theme the indicators index lists it under, if given.
    pub theme: Option<String>,
    /// Markdown: what the indicator measures.
    pub body: String,
    /// Markdown commentary per period.
    pub commentary: BTreeMap<Period, String>,
    /// Markdown rationale per target year.
    pub rationale: BTreeMap<Period, String>,
    /// Markdown per period: what is being done about the figure.
    pub actions: BTreeMap<Period, String>,
    /// Markdown per revised period: why the figure was revised.
    pub revision_reason: BTreeMap<Period, String>,
}

/// An indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Its slug and id, e.g. `fam-kpi-01`.
    pub id: String,
    /// The default-language file.
    pub source: PathBuf,
    /// The official reference.
    pub code: Option<String>,
    /// What is measured.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// Decimal places shown.
    pub decimals: u8,
    /// Values, in period order.
    pub values: BTreeMap<Period, Value>,
    /// Targets by financial year.
    pub targets: BTreeMap<Period, Target>,
    /// Periods whose value is provisional: it may change.
    pub provisional: BTreeSet<Period>,
    /// Periods whose value was revised since first published, with the date.
    pub revised: BTreeMap<Period, Date>,
    /// Words, by language index.
    pub text: Vec<IndicatorText>,
    /// What validation warned of in its files: kept with it, so a rebuild that
    /// reuses it still reports them.
    pub warnings: Vec<Diagnostic>,
}

impl Indicator {
    /// The target for the year `period` falls in.
    pub fn target_for(&self, period: Period) -> Option<Target> {
        self.targets.get(&period.year()).copied()
    }

    /// The latest period with a value.
    pub fn latest(&self) -> Option<Period> {
        self.values.keys().next_back().copied()
    }

    /// Every period with a value, or commentary or actions in language `lang`,
    /// oldest first:
    /// the periods the indicator's page and its data file list.
    pub fn periods_shown(&self, lang: usize) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .values
            .keys()
            .chain(self.text[lang].commentary.keys())
            .chain(self.text[lang].actions.keys())
            .copied()
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }
}

/// A report's words in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportText {
    /// Title.
    pub title: String,
    /// Markdown narrative.
    pub body: String,
    /// Key messages: good news (Markdown, one item each).
    pub good_news: Vec<String>,
    /// Key messages: issues to monitor.
    pub issues_to_monitor: Vec<String>,
    /// Section titles and summaries, in section order.
    pub sections: Vec<(String, Option<String>)>,
}

/// A quarterly (or annual) performance report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Slug, e.g. `2019-20-q2`.
    pub slug: String,
    /// The default-language file.
    pub source: PathBuf,
    /// The period reported on.
    pub period: Period,
    /// The day it was published, if given.
    pub published: Option<Date>,
    /// The day the next report is due, if announced.
    pub next_update: Option<Date>,
    /// Each section's indicators, as indexes into `Site::indicators`.
    pub sections: Vec<Vec<usize>>,
    /// Words, by language index.
    pub text: Vec<ReportText>,
}

/// A target year: the rationale table for one financial year.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetYear {
    /// Slug, e.g. `2017-18`.
    pub slug: String,
    /// The default-language file.
    pub source: PathBuf,
    /// The year.
    pub year: Period,
    /// The table's rows, as indexes into `Site::indicators`.
    pub rows: Vec<usize>,
    /// Words, by language index.
    pub text: Vec<Text>,
}

/// A plain page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Slug, e.g. `accessibility`.
    pub slug: String,
    /// The default-language file.
    pub source: PathBuf,
    /// Words, by language index.
    pub text: Vec<Text>,
}

/// Folders dangos generates under each language: plain pages may not use them.
pub const RESERVED_SLUGS: &[&str] = &["indicators", "reports", "targets", "data", "static", "404"];

/// The slug of the page every footer links to.
pub const ACCESSIBILITY_SLUG: &str = "accessibility";

/// A whole, validated site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// The home page's words.
    pub home: Page,
    /// Indicators, sorted by id. Shared: a rebuild keeps those whose files did not
    /// change (see [`crate::validate::build_reusing`]).
    pub indicators: Vec<Arc<Indicator>>,
    /// Reports, latest first.
    pub reports: Vec<Report>,
    /// Target years, latest first.
    pub target_years: Vec<TargetYear>,
    /// For each indicator, the reports that list it, latest first: an indicator page
    /// shows them, and searching every report for every indicator is quadratic.
    pub reports_of: Vec<Vec<usize>>,
    /// Plain pages, by slug.
    pub pages: Vec<Page>,
    /// What validation warned of: nothing that stops a build, but `check` shows it.
    pub warnings: Diagnostics,
}
