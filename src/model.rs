//! The model: a validated `Site` built from loaded content, with every cross
//! reference resolved (a report's indicator ids, a target year's rows) and every
//! translation checked against its source. Rendering reads only this.

use crate::config::{Config, Thresholds};
use crate::content::{
    Content, Direction, IndicatorFront, IndicatorWords, Localised, PageFront, RawTarget, RawValue,
    ReportFront, ReportWords, TargetYearFront, TitleWords, Unit,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::period::Period;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A figure for one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A plain number.
    Number(f64),
    /// A part of a whole: "3 of 82".
    Fraction {
        /// The part.
        numerator: f64,
        /// The whole (greater than zero).
        denominator: f64,
    },
}

impl Value {
    /// The figure compared with targets: the number, or for a fraction the
    /// percentage it makes.
    pub fn figure(self) -> f64 {
        match self {
            Value::Number(n) => n,
            Value::Fraction {
                numerator,
                denominator,
            } => numerator / denominator * 100.0,
        }
    }
}

/// A target for a financial year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// The value to reach.
    Value(f64),
    /// "Target setting not appropriate".
    NotAppropriate,
}

/// Where a value stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// On the right side of the target, or on it.
    OnTarget,
    /// On the wrong side, but within the `close_within` threshold.
    Close,
    /// Further away.
    OffTarget,
}

impl Status {
    /// The status's key (see [`StatusKey`]).
    pub fn key(self) -> StatusKey {
        match self {
            Status::OnTarget => StatusKey::OnTarget,
            Status::Close => StatusKey::Close,
            Status::OffTarget => StatusKey::OffTarget,
        }
    }
}

/// A status as a code, for CSS classes, icons, counts and data files: `on-target`,
/// `close`, `off-target`, or `none` for every reason there is no status. The one
/// place these codes are spelt; templates get them as the global `status_keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKey {
    /// `on-target`.
    OnTarget,
    /// `close`.
    Close,
    /// `off-target`.
    OffTarget,
    /// `none`.
    None,
}

impl StatusKey {
    /// Every key, in the order counts list them.
    pub const ALL: [StatusKey; 4] = [
        StatusKey::OnTarget,
        StatusKey::Close,
        StatusKey::OffTarget,
        StatusKey::None,
    ];

    /// The key of a status, or `none` when there is none.
    pub fn of(status: Result<Status, NoStatus>) -> StatusKey {
        status.map_or(StatusKey::None, Status::key)
    }

    /// The code: `on-target`, `close`, `off-target` or `none`.
    pub const fn code(self) -> &'static str {
        match self {
            StatusKey::OnTarget => "on-target",
            StatusKey::Close => "close",
            StatusKey::OffTarget => "off-target",
            StatusKey::None => "none",
        }
    }

    /// The name templates use for it in `status_keys`: `on_target`, ...
    pub const fn name(self) -> &'static str {
        match self {
            StatusKey::OnTarget => "on_target",
            StatusKey::Close => "close",
            StatusKey::OffTarget => "off_target",
            StatusKey::None => "none",
        }
    }
}

impl serde::Serialize for StatusKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Why a value has no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoStatus {
    /// No value for the period.
    NoValue,
    /// No target for the period's year.
    NoTarget,
    /// The target year says target setting is not appropriate.
    NotAppropriate,
    /// Neither higher nor lower is better.
    NoDirection,
}

/// Computes a status; it is never typed by hand. `value` and `target` are the
/// figures as published (rounded to the indicator's decimals: see
/// [`crate::figures::status`]), so equal figures on a page are on target.
pub fn assess(
    value: Option<f64>,
    target: Option<Target>,
    direction: Direction,
    t: Thresholds,
) -> Result<Status, NoStatus> {
    let value = value.ok_or(NoStatus::NoValue)?;
    let target = match target {
        None => return Err(NoStatus::NoTarget),
        Some(Target::NotAppropriate) => return Err(NoStatus::NotAppropriate),
        Some(Target::Value(v)) => v,
    };
    let shortfall = match direction {
        Direction::None => return Err(NoStatus::NoDirection),
        Direction::Higher => target - value,
        Direction::Lower => value - target,
    };
    // Published figures that read the same are the same double. The tolerance is for
    // the threshold, a product of doubles; distinct published figures differ by far
    // more (at most six decimal places).
    if shortfall <= 1e-9 {
        Ok(Status::OnTarget)
    } else if shortfall <= target.abs() * t.close_within / 100.0 + 1e-9 {
        Ok(Status::Close)
    } else {
        Ok(Status::OffTarget)
    }
}

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
    /// Markdown: what the indicator measures.
    pub body: String,
    /// Markdown commentary per period.
    pub commentary: BTreeMap<Period, String>,
    /// Markdown rationale per target year.
    pub rationale: BTreeMap<Period, String>,
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
    /// Words, by language index.
    pub text: Vec<IndicatorText>,
}

impl Indicator {
    /// The target for the year `period` falls in.
    pub fn target_for(&self, period: Period) -> Option<Target> {
        self.targets.get(&period.year()).copied()
    }

    /// The status of the value for `period`.
    pub fn status(&self, period: Period, t: Thresholds) -> Result<Status, NoStatus> {
        let value = self.values.get(&period).map(|v| v.figure());
        assess(value, self.target_for(period), self.direction, t)
    }

    /// The latest period with a value.
    pub fn latest(&self) -> Option<Period> {
        self.values.keys().next_back().copied()
    }

    /// Every period with a value, or commentary in language `lang`, oldest first:
    /// the periods the indicator's page and its data file list.
    pub fn periods_shown(&self, lang: usize) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .values
            .keys()
            .chain(self.text[lang].commentary.keys())
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
    /// change (see [`build_reusing`]).
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
}

/// Builds the model, reporting every problem found.
pub fn build(config: Config, content: &Content) -> Result<Site, Diagnostics> {
    build_reusing(config, content, None)
}

/// Like [`build`], taking from `previous` (the content and site of the last build,
/// with the same configuration) the indicators whose parsed files are the very ones
/// in `content` (as the parse cache shares them), rather than making them again: an
/// indicator is made from its own files alone. Reports too, while the list of
/// indicators is the same.
pub fn build_reusing(
    config: Config,
    content: &Content,
    previous: Option<(&Content, &Site)>,
) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::default();
    let drafts = config.drafts;
    let reuse = |l: &Arc<Localised<IndicatorFront, IndicatorWords>>| -> Option<Arc<Indicator>> {
        let (old_content, old_site) = previous?;
        let at = old_content
            .indicators
            .binary_search_by(|o| o.slug.cmp(&l.slug))
            .ok()?;
        if !Arc::ptr_eq(&old_content.indicators[at], l) {
            return None;
        }
        let at = old_site
            .indicators
            .binary_search_by(|i| i.id.cmp(&l.slug))
            .ok()?;
        Some(old_site.indicators[at].clone())
    };

    // Each indicator stands alone, and a site may have thousands: in parallel.
    let built: Vec<(Option<Arc<Indicator>>, Diagnostics)> = content
        .indicators
        .par_iter()
        .filter(|l| drafts || !l.source.front.draft)
        .map(|l| {
            if let Some(kept) = reuse(l) {
                return (Some(kept), Diagnostics::default());
            }
            let mut d = Diagnostics::default();
            (indicator(&config, l, &mut d).map(Arc::new), d)
        })
        .collect();
    let mut indicators = Vec::with_capacity(built.len());
    for (ind, d) in built {
        diags.0.extend(d.0);
        indicators.extend(ind);
    }
    indicators.sort_by(|a, b| a.id.cmp(&b.id));
    let by_id = IndicatorIds {
        index: indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), i))
            .collect(),
        unreadable: content
            .broken
            .iter()
            .filter(|(kind, _)| *kind == crate::content::Kind::Indicator)
            .map(|(_, slug)| slug.clone())
            .collect(),
    };

    // A report's indicators are resolved against the list of indicator ids: with
    // the same list and the very same parsed files, the last build's report stands.
    let same_ids = previous.is_some_and(|(old_content, old_site)| {
        old_content.broken == content.broken
            && old_site.indicators.len() == indicators.len()
            && old_site
                .indicators
                .iter()
                .zip(&indicators)
                .all(|(a, b)| a.id == b.id)
    });
    let kept_report = |l: &Arc<Localised<ReportFront, ReportWords>>| -> Option<Report> {
        let (old_content, old_site) = previous.filter(|_| same_ids)?;
        let old = old_content.reports.iter().find(|o| o.slug == l.slug)?;
        if !Arc::ptr_eq(old, l) {
            return None;
        }
        old_site.reports.iter().find(|r| r.slug == l.slug).cloned()
    };
    let mut reports: Vec<Report> = content
        .reports
        .iter()
        .filter(|l| drafts || !l.source.front.draft)
        .filter_map(|l| kept_report(l).or_else(|| report(&config, l, &by_id, &mut diags)))
        .collect();
    reports.sort_by(|a, b| b.period.cmp(&a.period).then_with(|| a.slug.cmp(&b.slug)));
    for pair in reports.windows(2) {
        if pair[0].period == pair[1].period {
            diags.push(Diagnostic::in_file(
                &pair[1].source,
                format!(
                    "{} also reports on {}: one report per period",
                    pair[0].source.display(),
                    pair[0].period
                ),
            ));
        }
    }

    let mut target_years: Vec<TargetYear> = content
        .target_years
        .iter()
        .filter(|l| drafts || !l.source.front.draft)
        .filter_map(|l| target_year(l, &indicators, &by_id, &mut diags))
        .collect();
    target_years.sort_by_key(|t| std::cmp::Reverse(t.year));

    let pages: Vec<Page> = content
        .pages
        .iter()
        .filter(|l| drafts || !l.source.front.draft)
        .map(|l| page(l))
        .collect();
    // A page lives at /LANG/SLUG/: it must not take the address of a generated page.
    for p in pages
        .iter()
        .filter(|p| RESERVED_SLUGS.contains(&p.slug.as_str()))
    {
        diags.push(
            Diagnostic::in_file(
                &p.source,
                format!("the address /{}/ belongs to a page dangos makes", p.slug),
            )
            .help(format!(
                "rename the file: page slugs must not be {}",
                RESERVED_SLUGS.join(", ")
            )),
        );
    }
    use crate::content::Kind;
    let unreadable = |kind: Kind, slug: &str| content.broken.contains(&(kind, slug.to_string()));
    if !pages.iter().any(|p| p.slug == ACCESSIBILITY_SLUG)
        && !unreadable(Kind::Page, ACCESSIBILITY_SLUG)
    {
        diags.push(
            Diagnostic::in_file("content/pages", "there is no accessibility statement")
                .help("add content/pages/accessibility.md and its translations: every page's footer links to it"),
        );
    }
    let home = match &content.home {
        Some(h) => page(h),
        None if unreadable(Kind::Home, "index") => Page {
            slug: String::new(),
            source: PathBuf::new(),
            text: Vec::new(),
        },
        None => {
            diags.push(
                Diagnostic::in_file("content/index.md", "there is no home page")
                    .help("add content/index.md (title and introduction) and its translations"),
            );
            Page {
                slug: String::new(),
                source: PathBuf::new(),
                text: Vec::new(),
            }
        }
    };
    let mut reports_of = vec![Vec::new(); indicators.len()];
    for (r, report) in reports.iter().enumerate() {
        for &i in report.sections.iter().flatten() {
            if reports_of[i].last() != Some(&r) {
                reports_of[i].push(r);
            }
        }
    }
    diags.into_result(Site {
        config,
        home,
        indicators,
        reports,
        target_years,
        reports_of,
        pages,
    })
}

/// Lines up a translation's per-period words with the source's: each must have the
/// other's periods, so nothing goes untranslated or stays stale.
fn check_keys(
    what: &str,
    source: &BTreeMap<Period, String>,
    translated: &BTreeMap<Period, String>,
    source_path: &std::path::Path,
    translation: &crate::content::Source,
    language: &str,
    diags: &mut Diagnostics,
) {
    for p in source.keys().filter(|p| !translated.contains_key(p)) {
        diags.push(
            Diagnostic::in_file(
                &translation.path,
                format!(
                    "no {language} {what} for {p}: {} has it",
                    source_path.display()
                ),
            )
            .help(format!(
                "add `{p}:` under `{what}` with the translated words"
            )),
        );
    }
    for p in translated.keys().filter(|p| !source.contains_key(p)) {
        diags.push(
            Diagnostic::in_file(
                &translation.path,
                format!(
                    "{what} for {p}, which {} does not have",
                    source_path.display()
                ),
            )
            .at_text(&translation.text, &p.to_string())
            .help("remove it here, or add it to the source file"),
        );
    }
}

fn indicator(
    config: &Config,
    l: &Localised<IndicatorFront, IndicatorWords>,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let mut values = BTreeMap::new();
    for (period, raw) in &f.values {
        let at =
            |m: String| Diagnostic::in_file(&src.path, m).at_text(&src.text, &period.to_string());
        let value = match *raw {
            RawValue::Number(n) => {
                if !n.is_finite() {
                    diags.push(at(format!("the value for {period} is not a number")));
                }
                Value::Number(n)
            }
            RawValue::Fraction {
                numerator,
                denominator,
            } => {
                if f.unit != Unit::Percent {
                    diags.push(
                        at(format!("a numerator and denominator make a percentage, but this indicator's unit is {:?}", f.unit).to_lowercase())
                            .help("use `unit: percent`, or give the value as a single number"),
                    );
                }
                if denominator.is_nan() || denominator <= 0.0 {
                    diags.push(at(format!(
                        "the denominator for {period} must be greater than zero"
                    )));
                }
                Value::Fraction {
                    numerator,
                    denominator,
                }
            }
        };
        values.insert(*period, value);
    }
    let mut targets = BTreeMap::new();
    for (year, raw) in &f.targets {
        if year.quarter.is_some() {
            diags.push(
                Diagnostic::in_file(
                    &src.path,
                    format!("targets are set per financial year, not per quarter: `{year}`"),
                )
                .at_text(&src.text, &year.to_string())
                .help(format!("write `{}:`", year.year_label())),
            );
        }
        targets.insert(
            *year,
            match raw {
                RawTarget::Value(v) => Target::Value(*v),
                RawTarget::NotAppropriate => Target::NotAppropriate,
            },
        );
    }
    for year in f.rationale.keys().filter(|y| !f.targets.contains_key(y)) {
        diags.push(
            Diagnostic::in_file(
                &src.path,
                format!("a rationale for {year}, but no target for {year}"),
            )
            .at_text(&src.text, &year.to_string())
            .help(format!(
                "add `{year}: <target>` (or `not-appropriate`) under `targets`"
            )),
        );
    }
    for p in f
        .commentary
        .keys()
        .filter(|p| p.quarter.is_some() && !f.values.contains_key(p))
    {
        // Commentary without a value is allowed (the report may not state the value),
        // but it must be for a real period: nothing to check beyond parsing.
        let _ = p;
    }

    let mut text = Vec::new();
    for (lang, t) in l.translations.iter().enumerate() {
        if lang == config.default {
            text.push(IndicatorText {
                title: f.title.clone(),
                body: src.body.clone(),
                commentary: f.commentary.clone(),
                rationale: f.rationale.clone(),
            });
            continue;
        }
        let t = t.as_ref()?;
        let name = &config.languages[lang].name;
        check_keys(
            "commentary",
            &f.commentary,
            &t.front.commentary,
            &src.path,
            &t.source,
            name,
            diags,
        );
        check_keys(
            "rationale",
            &f.rationale,
            &t.front.rationale,
            &src.path,
            &t.source,
            name,
            diags,
        );
        text.push(IndicatorText {
            title: t.front.title.clone(),
            body: t.source.body.clone(),
            commentary: t.front.commentary.clone(),
            rationale: t.front.rationale.clone(),
        });
    }
    if diags.0.len() > before {
        return None;
    }
    Some(Indicator {
        id: l.slug.clone(),
        source: src.path.clone(),
        code: f.code.clone(),
        unit: f.unit,
        direction: f.direction,
        decimals: f.decimals.unwrap_or(match f.unit {
            Unit::Percent => 1,
            Unit::Count | Unit::Days => 0,
        }),
        values,
        targets,
        text,
    })
}

/// Indicator ids, to resolve references. Ids whose files could not be read are
/// known (their own errors are reported) but resolve to nothing.
struct IndicatorIds<'a> {
    index: FxHashMap<&'a str, usize>,
    unreadable: FxHashSet<String>,
}

fn resolve_ids(
    ids: &[String],
    by_id: &IndicatorIds<'_>,
    src: &crate::content::Source,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    ids.iter()
        .filter_map(|id| match by_id.index.get(id.as_str()) {
            Some(&i) => Some(i),
            // Its own file's problems are reported; an "unknown id" here would mislead.
            None if by_id.unreadable.contains(id) => None,
            None => {
                diags.push(
                    Diagnostic::in_file(&src.path, format!("no indicator has the id `{id}`"))
                        .at_word(&src.text, id)
                        .help(format!("indicator ids are file names in content/indicators/: is content/indicators/{id}.md missing, misspelt or a draft?")),
                );
                None
            }
        })
        .collect()
}

fn report(
    config: &Config,
    l: &Localised<ReportFront, ReportWords>,
    by_id: &IndicatorIds<'_>,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let sections: Vec<Vec<usize>> = f
        .sections
        .iter()
        .map(|s| resolve_ids(&s.indicators, by_id, src, diags))
        .collect();
    // A report shows each indicator once; twice would double-count its summary.
    let mut seen = FxHashSet::default();
    for id in f.sections.iter().flat_map(|s| &s.indicators) {
        if !seen.insert(id) {
            diags.push(
                Diagnostic::in_file(&src.path, format!("`{id}` is listed twice in this report"))
                    .at_word_last(&src.text, id)
                    .help("list each indicator in one section only"),
            );
        }
    }
    let mut text = Vec::new();
    for (lang, t) in l.translations.iter().enumerate() {
        if lang == config.default {
            text.push(ReportText {
                title: f.title.clone(),
                body: src.body.clone(),
                good_news: f.good_news.clone(),
                issues_to_monitor: f.issues_to_monitor.clone(),
                sections: f
                    .sections
                    .iter()
                    .map(|s| (s.title.clone(), s.summary.clone()))
                    .collect(),
            });
            continue;
        }
        let t = t.as_ref()?;
        let w = &t.front;
        let name = &config.languages[lang].name;
        let mut count = |what: &str, theirs: usize, ours: usize| {
            if theirs != ours {
                diags.push(
                    Diagnostic::in_file(
                        &t.source.path,
                        format!("{theirs} {what} here, but {ours} in {}: translations follow their source item for item", src.path.display()),
                    )
                    .at_text(&t.source.text, what)
                    .help(format!("give the {name} translation of each of the {ours} {what}, in the same order")),
                );
            }
        };
        count("good_news", w.good_news.len(), f.good_news.len());
        count(
            "issues_to_monitor",
            w.issues_to_monitor.len(),
            f.issues_to_monitor.len(),
        );
        count("sections", w.sections.len(), f.sections.len());
        for (i, (s, ws)) in f.sections.iter().zip(&w.sections).enumerate() {
            if s.summary.is_some() != ws.summary.is_some() {
                diags.push(
                    Diagnostic::in_file(
                        &t.source.path,
                        format!("section {} has a summary in one language only", i + 1),
                    )
                    .at_text(&t.source.text, &ws.title)
                    .help("give the summary in every language, or in none"),
                );
            }
        }
        text.push(ReportText {
            title: w.title.clone(),
            body: t.source.body.clone(),
            good_news: w.good_news.clone(),
            issues_to_monitor: w.issues_to_monitor.clone(),
            sections: w
                .sections
                .iter()
                .map(|s| (s.title.clone(), s.summary.clone()))
                .collect(),
        });
    }
    if diags.0.len() > before {
        return None;
    }
    Some(Report {
        slug: l.slug.clone(),
        source: src.path.clone(),
        period: f.period,
        sections,
        text,
    })
}

fn target_year(
    l: &Localised<TargetYearFront, TitleWords>,
    indicators: &[Arc<Indicator>],
    by_id: &IndicatorIds<'_>,
    diags: &mut Diagnostics,
) -> Option<TargetYear> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let year = f.year;
    if year.quarter.is_some() {
        diags.push(
            Diagnostic::in_file(
                &src.path,
                format!("a target year is a financial year, not a quarter: `{year}`"),
            )
            .at_text(&src.text, "year:")
            .help(format!("write `year: {}`", year.year_label())),
        );
    }
    let with_target: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].targets.contains_key(&year))
        .collect();
    let rows = match &f.indicators {
        None => with_target,
        Some(ids) => {
            let rows = resolve_ids(ids, by_id, src, diags);
            for &i in &rows {
                if !indicators[i].targets.contains_key(&year) {
                    diags.push(
                        Diagnostic::in_file(
                            &src.path,
                            format!(
                                "`{}` is listed, but has no target for {year}",
                                indicators[i].id
                            ),
                        )
                        .at_word(&src.text, &indicators[i].id)
                        .help(format!(
                            "add `{year}: <target>` (or `not-appropriate`) under `targets` in {}",
                            indicators[i].source.display()
                        )),
                    );
                }
            }
            for &i in with_target.iter().filter(|i| !rows.contains(i)) {
                diags.push(
                    Diagnostic::in_file(
                        &src.path,
                        format!(
                            "{} has a target for {year}, but this table does not list `{}`",
                            indicators[i].source.display(),
                            indicators[i].id
                        ),
                    )
                    .at_text(&src.text, "indicators:")
                    .help(format!("add `{}` to `indicators`", indicators[i].id)),
                );
            }
            let mut seen = std::collections::HashSet::new();
            for &i in &rows {
                if !seen.insert(i) {
                    diags.push(
                        Diagnostic::in_file(
                            &src.path,
                            format!("`{}` is listed twice", indicators[i].id),
                        )
                        .at_word_last(&src.text, &indicators[i].id),
                    );
                }
            }
            rows
        }
    };
    if diags.0.len() > before {
        return None;
    }
    let text = texts(&l.source.front.title, src, &l.translations, |w| &w.title);
    Some(TargetYear {
        slug: l.slug.clone(),
        source: src.path.clone(),
        year,
        rows,
        text,
    })
}

fn texts<W>(
    title: &str,
    src: &crate::content::Source,
    translations: &[Option<crate::content::Parsed<W>>],
    words_title: impl Fn(&W) -> &String,
) -> Vec<Text> {
    translations
        .iter()
        .map(|t| match t {
            None => Text {
                title: title.to_string(),
                body: src.body.clone(),
            },
            Some(t) => Text {
                title: words_title(&t.front).clone(),
                body: t.source.body.clone(),
            },
        })
        .collect()
}

fn page(l: &Localised<PageFront, TitleWords>) -> Page {
    let src = &l.source.source;
    Page {
        text: texts(&l.source.front.title, src, &l.translations, |w| &w.title),
        slug: l.slug.clone(),
        source: src.path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Thresholds = Thresholds { close_within: 5.0 };

    #[test]
    fn status_follows_direction_and_thresholds() {
        let target = Some(Target::Value(80.0));
        assert_eq!(
            assess(Some(80.0), target, Direction::Higher, T),
            Ok(Status::OnTarget)
        );
        assert_eq!(
            assess(Some(76.1), target, Direction::Higher, T),
            Ok(Status::Close)
        );
        assert_eq!(
            assess(Some(75.9), target, Direction::Higher, T),
            Ok(Status::OffTarget)
        );
        assert_eq!(
            assess(Some(70.0), target, Direction::Lower, T),
            Ok(Status::OnTarget)
        );
        assert_eq!(
            assess(Some(83.0), target, Direction::Lower, T),
            Ok(Status::Close)
        );
        assert_eq!(
            assess(Some(1.0), Some(Target::Value(0.0)), Direction::Lower, T),
            Ok(Status::OffTarget)
        );
    }

    #[test]
    fn no_status_says_why() {
        let target = Some(Target::Value(80.0));
        assert_eq!(
            assess(None, target, Direction::Higher, T),
            Err(NoStatus::NoValue)
        );
        assert_eq!(
            assess(Some(1.0), None, Direction::Higher, T),
            Err(NoStatus::NoTarget)
        );
        assert_eq!(
            assess(
                Some(1.0),
                Some(Target::NotAppropriate),
                Direction::Higher,
                T
            ),
            Err(NoStatus::NotAppropriate)
        );
        assert_eq!(
            assess(Some(1.0), target, Direction::None, T),
            Err(NoStatus::NoDirection)
        );
    }

    #[test]
    fn fractions_compare_as_percentages() {
        let v = Value::Fraction {
            numerator: 3.0,
            denominator: 82.0,
        };
        assert!((v.figure() - 3.658).abs() < 0.001);
    }
}
