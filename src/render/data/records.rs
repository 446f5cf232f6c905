//! The rows of the data files: which indicator, and its figure for a period, as
//! CSV cells and JSON fields.

use crate::content::{Direction, Unit};
use crate::figures::Rounded;
use crate::model::{PeriodWords, Report, StatusKey, Target, TravelKey};
use crate::period::PeriodCode;
use crate::render::word_cache::TravelWords;
use serde::Serialize;
use std::borrow::Cow;

/// The columns of a figure row, in order; each heading is the UI string
/// `data-col-NAME` in the file's language, and each is also the key in JSON.
pub(in crate::render) const FIGURE_COLUMNS: [&str; 22] = [
    "period",
    "period-label",
    "value",
    "marker",
    "numerator",
    "denominator",
    "target",
    "target-marker",
    "status",
    "status-label",
    "travel-previous",
    "travel-previous-label",
    "travel-previous-change",
    "travel-previous-from",
    "travel-year",
    "travel-year-label",
    "travel-year-change",
    "travel-year-from",
    "revised",
    "revision-reason",
    "commentary",
    "actions",
];

// The shorthand of official statistics. Data files keep numbers in number columns
// (a program reads them as numbers) and the shorthand in the marker column beside
// them: a figure that is missing has an empty cell (`null` in JSON) and a marker
// that says why.

/// The marker of a figure that is not available: a period with no value, or a
/// target the source did not state.
pub(in crate::render) const NOT_AVAILABLE: &str = "[x]";

/// The marker of a figure that does not apply: a year for which target setting is
/// not appropriate.
pub(in crate::render) const NOT_APPLICABLE: &str = "[z]";

/// The marker of a provisional figure, in data files and on pages.
pub(in crate::render) const PROVISIONAL: &str = "[p]";

/// The marker of a revised figure.
pub(in crate::render) const REVISED: &str = "[r]";

/// Every marker of the data files and the UI string that says what it means: the
/// key on the data page.
pub(in crate::render) const MARKERS: [(&str, &str); 4] = [
    (NOT_AVAILABLE, "data-marker-not-available"),
    (NOT_APPLICABLE, "data-marker-not-applicable"),
    (PROVISIONAL, "marker-provisional"),
    (REVISED, "marker-revised"),
];

/// A figure's markers: `[p]`, `[r]`, both (`[p] [r]`), or `None`.
pub(in crate::render) fn marker(provisional: bool, revised: bool) -> Option<&'static str> {
    match (provisional, revised) {
        (true, true) => Some("[p] [r]"),
        (true, false) => Some(PROVISIONAL),
        (false, true) => Some(REVISED),
        (false, false) => None,
    }
}

/// A value's marker in a data file: [`NOT_AVAILABLE`] without a value, else its
/// [`marker`].
pub(in crate::render) fn value_marker(
    has_value: bool,
    provisional: bool,
    revised: bool,
) -> Option<&'static str> {
    if has_value {
        marker(provisional, revised)
    } else {
        Some(NOT_AVAILABLE)
    }
}

/// The columns that say which indicator a row is about (site-wide and report files).
pub(in crate::render) const INDICATOR_COLUMNS: [&str; 5] =
    ["indicator", "code", "title", "unit", "direction"];

/// One indicator's figure for one period, in one language. Words are borrowed from
/// the model and the render's [`WordCache`]: a site-wide file has a row for every figure.
#[derive(Debug, Serialize)]
pub struct FigureRecord<'a> {
    /// Canonical period: `2019-20 Q2`.
    pub period: PeriodCode,
    /// The period in words: "Quarter 2 2019-20".
    pub period_label: Cow<'a, str>,
    /// The figure as published, or `None` when no value is stated for the period
    /// (an empty CSV cell; `null` in JSON).
    pub value: Option<Rounded>,
    /// `[x]` (no value), `[p]` (provisional), `[r]` (revised), both, or `None`.
    pub marker: Option<&'static str>,
    /// For a fraction: the part, as given.
    pub numerator: Option<Rounded>,
    /// For a fraction: the whole, as given.
    pub denominator: Option<Rounded>,
    /// The target as published; `None` when there is no figure (see
    /// `target_marker`).
    pub target: Option<Rounded>,
    /// Why there is no target figure: `[z]` (target setting not appropriate), `[x]`
    /// (not stated); `None` for a figure, or when no target is set.
    pub target_marker: Option<&'static str>,
    /// `on-target`, `close`, `off-target` or `none`.
    pub status: StatusKey,
    /// The status in words, with the reason when there is none.
    pub status_label: Cow<'a, str>,
    /// The direction of travel since the previous period (the latest earlier
    /// period with a figure, within a year).
    pub travel_previous: TravelKey,
    /// It in words, with the change: "Down 5 days: improved".
    pub travel_previous_label: TravelWords<'a>,
    /// The figure minus the earlier one, both as published; `None` when not
    /// comparable.
    pub travel_previous_change: Option<Rounded>,
    /// The period compared with: `2019-20 Q2`; `None` when not comparable.
    pub travel_previous_from: Option<PeriodCode>,
    /// The direction of travel since the same period a year earlier.
    pub travel_year: TravelKey,
    /// It in words, with the change.
    pub travel_year_label: TravelWords<'a>,
    /// The change since a year earlier, as published.
    pub travel_year_change: Option<Rounded>,
    /// The period a year earlier, when compared with.
    pub travel_year_from: Option<PeriodCode>,
    /// When the value was revised: `2019-11-01`.
    pub revised: Option<String>,
    /// The words for the period, in Markdown, in this language: why the value was
    /// revised, the commentary, and what is being done.
    #[serde(flatten)]
    pub words: PeriodWords<'a>,
}

impl FigureRecord<'_> {
    /// Appends the record's CSV cells to `row`.
    pub(in crate::render) fn cells<'r>(&'r self, row: &mut Vec<Cow<'r, str>>) {
        row.extend([
            Cow::Borrowed(&*self.period),
            Cow::Borrowed(&*self.period_label),
            cell(self.value),
            Cow::Borrowed(self.marker.unwrap_or_default()),
            cell(self.numerator),
            cell(self.denominator),
            cell(self.target),
            Cow::Borrowed(self.target_marker.unwrap_or_default()),
            Cow::Borrowed(self.status.code()),
            Cow::Borrowed(&*self.status_label),
            Cow::Borrowed(self.travel_previous.code()),
            Cow::Borrowed(&*self.travel_previous_label),
            cell(self.travel_previous_change),
            Cow::Borrowed(self.travel_previous_from.as_deref().unwrap_or_default()),
            Cow::Borrowed(self.travel_year.code()),
            Cow::Borrowed(&*self.travel_year_label),
            cell(self.travel_year_change),
            Cow::Borrowed(self.travel_year_from.as_deref().unwrap_or_default()),
            Cow::Borrowed(self.revised.as_deref().unwrap_or_default()),
        ]);
        row.extend(
            self.words
                .in_order()
                .map(|words| Cow::Borrowed(words.unwrap_or_default())),
        );
    }
}

/// Which indicator: the columns before the figures in site-wide and report files.
#[derive(Debug, Serialize)]
pub struct IndicatorRecord<'a> {
    /// The id: the indicator's file name and the last part of its address.
    pub indicator: &'a str,
    /// The official reference.
    pub code: Option<&'a str>,
    /// The name in this language.
    pub title: &'a str,
    /// `count`, `percent` or `days`.
    pub unit: &'static str,
    /// `higher`, `lower` or `none`: which way is better.
    pub direction: &'static str,
    /// Decimal places shown on the pages.
    pub decimals: u8,
    /// The indicator's page.
    pub url: String,
}

impl<'a> IndicatorRecord<'a> {
    /// Appends the record's CSV cells to `row`.
    pub(in crate::render) fn cells(&self, row: &mut Vec<Cow<'a, str>>) {
        row.extend([
            Cow::Borrowed(self.indicator),
            Cow::Borrowed(self.code.unwrap_or_default()),
            Cow::Borrowed(self.title),
            Cow::Borrowed(self.unit),
            Cow::Borrowed(self.direction),
        ]);
    }
}

/// A target for one year, in the site-wide JSON.
#[derive(Debug, Serialize)]
pub(in crate::render) struct TargetRecord<'a> {
    pub(super) year: PeriodCode,
    pub(super) target: Option<Rounded>,
    pub(super) target_marker: Option<&'static str>,
    pub(super) rationale: Option<&'a str>,
}

/// An indicator with all its figures and targets, in the site-wide JSON.
#[derive(Debug, Serialize)]
pub(in crate::render) struct IndicatorJson<'a> {
    #[serde(flatten)]
    pub(super) who: IndicatorRecord<'a>,
    pub(super) figures: Vec<FigureRecord<'a>>,
    pub(super) targets: Vec<TargetRecord<'a>>,
}

/// A report's JSON before its `sections` (each a `title` and its `indicators`,
/// [`ReportRowJson`]), which follow it in the same object
/// ([`super::json::sectioned_document`]).
#[derive(Debug, Serialize)]
pub(in crate::render) struct ReportHead<'a> {
    pub(super) language: &'a str,
    pub(super) licence: LicenceJson,
    pub(super) report: ReportMeta<'a>,
}

#[derive(Debug, Serialize)]
pub(in crate::render) struct ReportMeta<'a> {
    pub(super) slug: &'a str,
    pub(super) title: &'a str,
    pub(super) period: String,
    pub(super) period_label: Cow<'a, str>,
    pub(super) url: String,
    /// `2020-05-20`, or `null` when the report does not say.
    pub(super) published: Option<String>,
    /// `2020-08-20`, or `null`.
    pub(super) next_update: Option<String>,
}

impl<'a> ReportMeta<'a> {
    /// `report`'s, with its `title` and `period_label` in the file's language and its
    /// page's `url`.
    pub(super) fn of(
        report: &'a Report,
        title: &'a str,
        period_label: Cow<'a, str>,
        url: String,
    ) -> Self {
        let (published, next_update) = report.dates();
        ReportMeta {
            slug: &report.slug,
            title,
            period: report.period.to_string(),
            period_label,
            url,
            published: published.map(|d| d.to_string()),
            next_update: next_update.map(|d| d.to_string()),
        }
    }
}

/// The licence the data are published under, in the file's language.
#[derive(Debug, Serialize)]
pub(in crate::render) struct LicenceJson {
    pub(super) name: String,
    pub(super) url: String,
}

/// An indicator with its figure for the report's period, in a report's JSON.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ReportRowJson<'a> {
    #[serde(flatten)]
    pub(super) who: IndicatorRecord<'a>,
    pub(super) figure: FigureRecord<'a>,
}

/// A target as published, in a data file: its figure, or none and the marker that
/// says why ([`NOT_APPLICABLE`] when target setting is not appropriate,
/// [`NOT_AVAILABLE`] when the source did not state it).
pub(in crate::render) fn target_cells(
    t: Target<Rounded>,
) -> (Option<Rounded>, Option<&'static str>) {
    match t {
        Target::Value(r) => (Some(r), None),
        Target::NotAppropriate => (None, Some(NOT_APPLICABLE)),
        Target::NotStated => (None, Some(NOT_AVAILABLE)),
    }
}

/// A figure's CSV cell: as published, plainly (see [`Rounded::plain`]); empty
/// without one.
pub(in crate::render) fn cell(v: Option<Rounded>) -> Cow<'static, str> {
    v.map_or(Cow::Borrowed(""), |r| Cow::Owned(r.plain()))
}

/// The stable code of a unit, as in front matter.
pub fn unit_code(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Percent => "percent",
        Unit::Days => "days",
    }
}

/// The stable code of a direction, as in front matter.
pub fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "higher",
        Direction::Lower => "lower",
        Direction::None => "none",
    }
}
