//! Each indicator's figures, made once per language and kept between rebuilds, or
//! made for each page that shows them in a build.

use super::affected::Affected;
use super::chart::{self, DrawingCell};
use super::renderer::Renderer;
use super::ser;
use super::views::FigureView;
use crate::content::Unit;
use crate::diagnostics::Diagnostic;
use crate::figures::{Published, Rounded};
use crate::model::{Indicator, Site, StatusKey, Target, TravelKey};
use crate::period::Period;
use minijinja::value::{Enumerator, Object};
use std::sync::{Arc, Mutex, OnceLock};

/// One indicator's figure for one period in one language, ready for templates.
#[derive(Clone)]
pub(super) struct Figure {
    /// Its period.
    pub(super) period: Period,
    /// The status, for counts.
    pub(super) status: StatusKey,
    /// The directions of travel: since the previous period, since a year earlier.
    pub(super) travel: [TravelKey; 2],
    /// The [`FigureView`], as a template value.
    pub(super) view: minijinja::Value,
}

/// Each indicator's figures, per language and period, and what pages draw from
/// them. `serve` and `watch` keep one between rebuilds ([`FigureCache::new`],
/// [`FigureCache::refresh`]): each figure is made the first time a page asks for it
/// and kept, so a report listing a thousand indicators makes again only the figures
/// (and the compact visuals) of those that changed. A build makes each page once and
/// keeps nothing it can make again cheaply ([`FigureCache::passing`]): its memory
/// then grows with the pages being rendered, not with the site.
#[derive(Default)]
pub struct FigureCache {
    /// `[language][indicator]`: every period with a value or commentary, in order
    /// (empty when figures are not kept).
    pub(super) cells: Vec<Vec<Vec<(Period, FigureCell)>>>,
    /// Whether figures and compact visuals are kept once made.
    keep: bool,
    /// Per indicator, its figures as published (the same in every language) for
    /// every period with a value, oldest first: made when first asked for, for its
    /// page, its chart and every row that shows it (a report's row draws the history
    /// up to the report's period). Kept while the indicator does not change.
    published: Vec<OnceLock<History>>,
    /// `[indicator]`: its chart as drawn for every language (period words aside).
    pub(super) charts: Vec<DrawingCell>,
    /// `[language][indicator]`: its parts of a report's page for each period a
    /// report showed it for, kept like its figures (empty when figures are not kept).
    row_parts: Vec<Vec<PartsCell>>,
}

/// One indicator's parts of a report's page for one period in one language: its
/// scorecard row and its entry (the macros `scorecard_row` and `entry` of
/// `partials/report_indicator.html`), as safe strings; `None` where the theme has
/// no such partial. They depend only on the indicator, the period and the language
/// (and the theme, whose change makes a new cache), so they are kept with its
/// figures and made again when they are.
#[derive(Clone)]
pub(super) struct RowParts {
    pub(super) scorecard_row: Option<minijinja::Value>,
    pub(super) entry: Option<minijinja::Value>,
}

/// An indicator's figures as published, and the compact visual of each period.
struct History {
    figures: Vec<(Period, Published)>,
    /// Per period of `figures`: the compact visual a report's row shows (when kept).
    minis: Vec<OnceLock<Option<minijinja::Value>>>,
}

/// An indicator's [`RowParts`] in one language, for each period made.
type PartsCell = Mutex<Vec<(Period, RowParts)>>;

// Boxed: a problem is rare, and a cell per figure should be small.
type FigureCell = OnceLock<Result<Figure, Box<Diagnostic>>>;

impl FigureCache {
    /// An empty cache for `site` that keeps what it makes.
    pub fn new(site: &Site) -> FigureCache {
        FigureCache {
            cells: (0..site.config.languages.len())
                .map(|lang| {
                    site.indicators
                        .iter()
                        .map(|i| FigureCache::cells_of(i, lang))
                        .collect()
                })
                .collect(),
            keep: true,
            row_parts: (0..site.config.languages.len())
                .map(|_| site.indicators.iter().map(|_| Mutex::default()).collect())
                .collect(),
            ..FigureCache::passing(site)
        }
    }

    /// A cache for `site` that keeps only the published figures and the charts
    /// (which every language shares), for a build that renders each page once.
    pub fn passing(site: &Site) -> FigureCache {
        FigureCache {
            cells: Vec::new(),
            keep: false,
            published: FigureCache::published_cells(site),
            charts: site.indicators.iter().map(|_| DrawingCell::new()).collect(),
            row_parts: Vec::new(),
        }
    }

    fn published_cells(site: &Site) -> Vec<OnceLock<History>> {
        site.indicators.iter().map(|_| OnceLock::new()).collect()
    }

    /// Empties what a content change made stale: the figures of the indicators and
    /// languages `affected` names (for the site after the change), or all of them
    /// without `affected` (the site's shape or its words changed) or when the cache
    /// was not made for a site of this shape.
    pub fn refresh(&mut self, site: &Site, affected: Option<&Affected>) {
        let fits = self.keep
            && self.cells.len() == site.config.languages.len()
            && self.cells.iter().all(|c| c.len() == site.indicators.len())
            && self.row_parts.len() == site.config.languages.len()
            && self
                .row_parts
                .iter()
                .all(|p| p.len() == site.indicators.len())
            && self.charts.len() == site.indicators.len()
            && self.published.len() == site.indicators.len();
        let (Some(affected), true) = (affected, fits) else {
            *self = FigureCache::new(site);
            return;
        };
        for (i, (chart, published)) in self.charts.iter_mut().zip(&mut self.published).enumerate() {
            if !affected.indicators[i].is_empty() {
                *chart = DrawingCell::new();
                *published = OnceLock::new();
            }
        }
        for (lang, (cells, parts)) in self.cells.iter_mut().zip(&mut self.row_parts).enumerate() {
            for (i, ind) in site.indicators.iter().enumerate() {
                if affected.indicators[i].has(lang) {
                    cells[i] = FigureCache::cells_of(ind, lang);
                    parts[i] = Mutex::default();
                }
            }
        }
    }

    fn cells_of(ind: &Indicator, lang: usize) -> Vec<(Period, FigureCell)> {
        ind.periods_shown(lang)
            .into_iter()
            .map(|p| (p, OnceLock::new()))
            .collect()
    }
}

impl Renderer<'_> {
    fn history(&self, i: usize) -> &History {
        self.figures.published[i].get_or_init(|| {
            let ind = &self.site.indicators[i];
            let figures: Vec<(Period, Published)> = ind
                .values
                .keys()
                .map(|&p| (p, Published::of(ind, p, self.site.config.status)))
                .collect();
            let minis = match self.figures.keep {
                true => figures.iter().map(|_| OnceLock::new()).collect(),
                false => Vec::new(),
            };
            History { figures, minis }
        })
    }

    /// Indicator `i`'s figures as published for every period with a value, oldest
    /// first.
    pub(super) fn published(&self, i: usize) -> &[(Period, Published)] {
        &self.history(i).figures
    }

    /// Indicator `i`'s figure for `period` as published.
    pub(super) fn published_at(&self, i: usize, period: Period) -> Published {
        let all = self.published(i);
        match all.binary_search_by(|(p, _)| p.cmp(&period)) {
            Ok(at) => all[at].1,
            // No value for the period: nothing to round.
            Err(_) => Published::of(&self.site.indicators[i], period, self.site.config.status),
        }
    }

    /// The compact visual of indicator `i` up to `period` (a bar against the
    /// target, or a sparkline of the values so far), decorative, for a row of a
    /// report; `None` without a value for the period. Drawn as published, like every
    /// figure.
    pub(super) fn mini(&self, i: usize, period: Period) -> Option<minijinja::Value> {
        let history = self.history(i);
        let at = history
            .figures
            .binary_search_by(|(p, _)| p.cmp(&period))
            .ok()?;
        let draw = || {
            let upto = &history.figures[..=at];
            let values: Vec<f64> = upto
                .iter()
                .filter_map(|(_, f)| f.value.map(Rounded::to_f64))
                .collect();
            let target = upto[at]
                .1
                .target
                .and_then(Target::value)
                .map(Rounded::to_f64);
            let ceiling = (self.site.indicators[i].unit == Unit::Percent).then_some(100.0);
            chart::mini(&values, target, ceiling, self.chart).map(minijinja::Value::from)
        };
        match history.minis.get(at) {
            Some(kept) => kept.get_or_init(draw).clone(),
            None => draw(),
        }
    }

    /// Indicator `i`'s figure for `period`: kept when the period has a value or
    /// commentary and figures are kept, made now otherwise.
    pub(super) fn figure(&self, i: usize, period: Period) -> Result<Figure, Diagnostic> {
        let Some(cells) = self.figures.cells.get(self.lang) else {
            return self.make_figure(i, period);
        };
        match cells[i].binary_search_by(|(p, _)| p.cmp(&period)) {
            Ok(at) => self.cached_figure(i, &cells[i][at]),
            Err(_) => self.make_figure(i, period),
        }
    }

    fn cached_figure(
        &self,
        i: usize,
        (period, cell): &(Period, FigureCell),
    ) -> Result<Figure, Diagnostic> {
        cell.get_or_init(|| self.make_figure(i, *period).map_err(Box::new))
            .clone()
            .map_err(|d| *d)
    }

    /// Indicator `i`'s figures for every period with a value or commentary, latest
    /// first.
    pub(super) fn figures_latest_first(&self, i: usize) -> Result<Vec<Figure>, Diagnostic> {
        match self.figures.cells.get(self.lang) {
            Some(cells) => cells[i]
                .iter()
                .rev()
                .map(|cell| self.cached_figure(i, cell))
                .collect(),
            None => self.site.indicators[i]
                .periods_shown(self.lang)
                .into_iter()
                .rev()
                .map(|p| self.make_figure(i, p))
                .collect(),
        }
    }

    /// Indicator `i`'s parts of a report's page for `period`: kept when figures
    /// are, made now with `make` otherwise.
    pub(super) fn row_parts(
        &self,
        i: usize,
        period: Period,
        make: impl FnOnce() -> Result<RowParts, Diagnostic>,
    ) -> Result<RowParts, Diagnostic> {
        let Some(kept) = self.figures.row_parts.get(self.lang) else {
            return make();
        };
        let find = |made: &[(Period, RowParts)]| {
            made.iter()
                .find(|(p, _)| *p == period)
                .map(|(_, parts)| parts.clone())
        };
        let lock = || kept[i].lock().unwrap_or_else(|e| e.into_inner());
        if let Some(parts) = find(&lock()) {
            return Ok(parts);
        }
        // Made without the lock held: a page in the other language or for another
        // report may want this indicator's parts meanwhile.
        let parts = make()?;
        let mut made = lock();
        if find(&made).is_none() {
            made.push((period, parts.clone()));
        }
        Ok(parts)
    }

    fn make_figure(&self, i: usize, period: Period) -> Result<Figure, Diagnostic> {
        let view = self.figure_view(i, period)?;
        Ok(Figure {
            period,
            status: view.status_key,
            travel: view.travel_keys,
            view: minijinja::Value::from_object(FigureObject(view)),
        })
    }
}

/// A [`FigureView`] as templates read it: an object that answers for its fields
/// rather than a map of them, as there is one for every row of every report and
/// every period of every indicator's page, and making that map (and searching it)
/// cost more than the figure's words. The fields and their values are the view's
/// as serialised.
struct FigureObject(FigureView);

/// The fields of a [`FigureView`] as templates see them, in its order.
const FIGURE_FIELDS: &[&str] = &[
    "period",
    "period_short",
    "value",
    "fraction",
    "target",
    "target_figure",
    "status",
    "travel_previous",
    "travel_year",
    "marker",
    "marker_html",
    "provisional",
    "revised",
    "commentary",
    "actions",
];

impl std::fmt::Debug for FigureObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FigureView")
            .field("period", &self.0.period)
            .finish_non_exhaustive()
    }
}

impl Object for FigureObject {
    fn get_value(self: &Arc<Self>, field: &minijinja::Value) -> Option<minijinja::Value> {
        use minijinja::Value as V;
        let f = &self.0;
        let text = |s: &Option<String>| V::from(s.as_deref());
        Some(match field.as_str()? {
            "period" => V::from(f.period.as_str()),
            "period_short" => V::from(f.period_short.as_str()),
            "value" => text(&f.value),
            "fraction" => text(&f.fraction),
            "target" => text(&f.target),
            "target_figure" => V::from(f.target_figure),
            "status" => f.status.clone(),
            "travel_previous" => f.travel_previous.clone(),
            "travel_year" => f.travel_year.clone(),
            "marker" => V::from(f.marker),
            "marker_html" => V::from(f.marker_html.clone()),
            "provisional" => V::from(f.provisional),
            "revised" => f.revised.as_ref().map_or(V::from(()), ser),
            "commentary" => text(&f.commentary),
            "actions" => text(&f.actions),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(FIGURE_FIELDS)
    }
}
