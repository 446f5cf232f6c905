//! Each indicator's figures, made once per language and kept between rebuilds, or
//! made for each page that shows them in a build.

use super::affected::Affected;
use super::chart::{self, DrawingCell};
use super::renderer::Renderer;
use super::ser;
use crate::content::Unit;
use crate::diagnostics::Diagnostic;
use crate::figures::{Published, Rounded};
use crate::model::{Indicator, Site, StatusKey, Target, TravelKey};
use crate::period::Period;
use std::sync::OnceLock;

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
}

/// An indicator's figures as published, and the compact visual of each period.
struct History {
    figures: Vec<(Period, Published)>,
    /// Per period of `figures`: the compact visual a report's row shows (when kept).
    minis: Vec<OnceLock<Option<minijinja::Value>>>,
}

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
        for (lang, cells) in self.cells.iter_mut().enumerate() {
            for (i, ind) in site.indicators.iter().enumerate() {
                if affected.indicators[i].has(lang) {
                    cells[i] = FigureCache::cells_of(ind, lang);
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
                .map(|&p| (p, Published::of(ind, p, &self.site.config)))
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
            Err(_) => Published::of(&self.site.indicators[i], period, &self.site.config),
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

    fn make_figure(&self, i: usize, period: Period) -> Result<Figure, Diagnostic> {
        let view = self.figure_view(i, period)?;
        Ok(Figure {
            period,
            status: view.status_key,
            travel: view.travel_keys,
            view: ser(&view),
        })
    }
}
