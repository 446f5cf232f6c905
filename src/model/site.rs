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
#[derive(Debug, Clone, PartialEq, Default)]
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

/// An indicator's words for one period in one language: what a report's row and the
/// data files show beside the figure (the data files in this order, under these
/// names).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct PeriodWords<'a> {
    /// Why the figure was revised, when it was.
    pub revision_reason: Option<&'a str>,
    /// The commentary.
    pub commentary: Option<&'a str>,
    /// What is being done.
    pub actions: Option<&'a str>,
}

impl<'a> PeriodWords<'a> {
    /// Each of them, in order (`None` where not given).
    pub fn in_order(&self) -> [Option<&'a str>; 3] {
        [self.revision_reason, self.commentary, self.actions]
    }
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

    /// Its words for `period` in language `lang` (the reason for a revision only
    /// when the figure was revised).
    pub fn words_for(&self, lang: usize, period: Period) -> PeriodWords<'_> {
        let text = &self.text[lang];
        PeriodWords {
            revision_reason: text
                .revision_reason
                .get(&period)
                .filter(|_| self.revised.contains_key(&period))
                .map(String::as_str),
            commentary: text.commentary.get(&period).map(String::as_str),
            actions: text.actions.get(&period).map(String::as_str),
        }
    }

    /// The latest period with a value.
    pub fn latest(&self) -> Option<Period> {
        self.values.keys().next_back().copied()
    }

    /// Every period with a value, or commentary or actions in language `lang`, and
    /// every [missing period](Indicator::missing_periods), oldest first: the periods
    /// the indicator's page and its data files list, so a gap is a row that says
    /// there is no figure, never a period skipped.
    pub fn periods_shown(&self, lang: usize) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .values
            .keys()
            .chain(self.text[lang].commentary.keys())
            .chain(self.text[lang].actions.keys())
            .copied()
            .chain(self.missing_periods())
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    /// Every period from the indicator's first value to its last, oldest first:
    /// quarters from the first quarter with a value to the last, and years from the
    /// first year with a value to the last, each with those in between that have no
    /// value. The periods its chart spans; [`Indicator::missing_periods`] are those
    /// among them with no figure.
    pub fn periods_spanned(&self) -> Vec<Period> {
        let mut spanned = Vec::new();
        for quarterly in [true, false] {
            let mut of_kind = self
                .values
                .keys()
                .filter(|p| p.quarter.is_some() == quarterly);
            let Some(&first) = of_kind.next() else {
                continue;
            };
            let last = of_kind.next_back().copied().unwrap_or(first);
            // Bounded: periods lie within `period::YEARS`.
            let mut p = first;
            spanned.push(p);
            while p < last {
                p = p.next();
                spanned.push(p);
            }
        }
        spanned.sort();
        spanned
    }

    /// The periods with no figure between two that have one, of the same kind
    /// (quarter or year), oldest first: a gap that pages name, never skip ("No
    /// figure" in the history table, and in the chart's description).
    pub fn missing_periods(&self) -> Vec<Period> {
        self.periods_spanned()
            .into_iter()
            .filter(|p| !self.values.contains_key(p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_values(periods: &[&str]) -> Indicator {
        Indicator {
            id: "x".into(),
            source: "content/indicators/x.md".into(),
            code: None,
            unit: Unit::Count,
            direction: Direction::Higher,
            decimals: 0,
            values: periods
                .iter()
                .map(|p| (p.parse().unwrap(), Value::Number(1.0)))
                .collect(),
            targets: Default::default(),
            provisional: Default::default(),
            revised: Default::default(),
            text: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn periods(list: &[Period]) -> Vec<String> {
        list.iter().map(Period::to_string).collect()
    }

    #[test]
    fn missing_periods_are_the_gaps_between_figures_of_a_kind() {
        let ind = with_values(&["2018-19 Q3", "2019-20 Q1", "2019-20 Q2", "2019-20 Q4"]);
        assert_eq!(
            periods(&ind.missing_periods()),
            ["2018-19 Q4", "2019-20 Q3"]
        );
        assert_eq!(ind.periods_spanned().len(), 6);
        // Nothing is missing before the first figure or after the last, nor in a
        // series without gaps, nor with one figure or none.
        assert!(
            with_values(&["2019-20 Q2", "2019-20 Q3"])
                .missing_periods()
                .is_empty()
        );
        assert!(with_values(&["2019-20 Q2"]).missing_periods().is_empty());
        assert!(with_values(&[]).missing_periods().is_empty());
        // Years and quarters are series of their own: a year is not missing
        // because quarters have figures, nor a quarter because years do.
        let mixed = with_values(&["2017-18", "2019-20", "2019-20 Q1", "2019-20 Q3"]);
        assert_eq!(periods(&mixed.missing_periods()), ["2018-19", "2019-20 Q2"]);
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

impl Report {
    /// When it was published and when the next is due: what the lists of reports,
    /// the home page and the feed show of it.
    pub fn dates(&self) -> (Option<Date>, Option<Date>) {
        (self.published, self.next_update)
    }
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
