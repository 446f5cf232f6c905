//! What templates get for a page's figures, rows and navigation.

use crate::model::{StatusKey, TravelKey};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) href: String,
    pub(super) absolute: String,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct Nav {
    pub(super) home: String,
    pub(super) reports: String,
    pub(super) indicators: String,
    pub(super) targets: String,
    pub(super) data: String,
    pub(super) accessibility: String,
    pub(super) current: String,
    /// The part of the navigation the page belongs to (`reports` for a report):
    /// marked `aria-current`.
    pub(super) section: &'static str,
}

#[derive(Serialize)]
pub(super) struct StatusView {
    /// `on-target`, `close`, `off-target` or `none`: for CSS and icons.
    pub(super) key: StatusKey,
    /// Words, in the page's language.
    pub(super) label: String,
}

/// A revised value: when, and why.
#[derive(Serialize)]
pub(super) struct RevisedView {
    /// ISO 8601, for `<time datetime>`.
    pub(super) date: String,
    /// The date in words: "1 November 2019".
    pub(super) date_label: String,
    /// Markdown, rendered.
    pub(super) reason: Option<String>,
}

/// A figure as templates see it. Its fields are in the order rows look them up in
/// (minijinja finds a field by comparing names one by one, millions of times in a
/// large build): the value, target, status and directions first.
#[derive(Serialize)]
pub(super) struct FigureView {
    pub(super) value: Option<String>,
    /// Whether `target` is a figure (kept on one line), not words such as "Target
    /// setting not appropriate".
    pub(super) target_figure: bool,
    pub(super) target: Option<String>,
    /// `key`, `label` and `html` (see `Fragments::status`), shared by every
    /// figure with the same status.
    pub(super) status: minijinja::Value,
    #[serde(skip)]
    pub(super) status_key: StatusKey,
    /// Since the previous period, and since the same period a year earlier: `key`,
    /// `label` and `html` (see `Fragments::travel`).
    pub(super) travel_previous: minijinja::Value,
    pub(super) travel_year: minijinja::Value,
    #[serde(skip)]
    pub(super) travel_keys: [TravelKey; 2],
    /// `[p]`, `[r]`, both, or none: the figure's markers, explained in a key.
    pub(super) marker: Option<&'static str>,
    pub(super) fraction: Option<String>,
    pub(super) revised: Option<RevisedView>,
    pub(super) commentary: Option<String>,
    /// Markdown, rendered: what is being done.
    pub(super) actions: Option<String>,
    /// The markers' markup (see `Fragments::markers`), when there are any.
    pub(super) marker_html: Option<minijinja::Value>,
    pub(super) period: String,
    pub(super) period_short: String,
    pub(super) provisional: bool,
}

#[derive(Serialize)]
pub(super) struct IndicatorRow {
    // In the order a report's rows look them up (see `FigureView`).
    /// A [`FigureView`].
    pub(super) figure: Option<minijinja::Value>,
    pub(super) id: String,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) code: Option<String>,
    /// A compact visual (bar against target, or sparkline), decorative.
    pub(super) mini: Option<minijinja::Value>,
    /// The figure's status, for counts.
    #[serde(skip)]
    pub(super) status: Option<StatusKey>,
    /// The figure's directions of travel (since the previous period, since a year
    /// earlier), for counts.
    #[serde(skip)]
    pub(super) travel: Option<[TravelKey; 2]>,
}

#[derive(Serialize)]
pub(super) struct Counts {
    pub(super) on_target: usize,
    pub(super) close: usize,
    pub(super) off_target: usize,
    pub(super) no_status: usize,
    pub(super) total: usize,
}
