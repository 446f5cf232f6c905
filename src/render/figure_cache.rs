//! Each indicator's figures, made once per language and kept between rebuilds.

use super::affected::Affected;
use super::chart::DrawingCell;
use super::renderer::Renderer;
use super::ser;
use crate::diagnostics::Diagnostic;
use crate::figures::Published;
use crate::model::{Indicator, Site, StatusKey, TravelKey};
use crate::period::Period;
use std::sync::OnceLock;

/// One indicator's figure for one period in one language, ready for templates.
#[derive(Clone)]
pub(super) struct Figure {
    /// The status, for counts.
    pub(super) status: StatusKey,
    /// The directions of travel: since the previous period, since a year earlier.
    pub(super) travel: [TravelKey; 2],
    /// The [`FigureView`], as a template value.
    pub(super) view: minijinja::Value,
}

/// Each indicator's figures, per language and period, each made the first time a
/// page asks for it: an indicator's page and the reports that list it show the same
/// figures, and a rebuild that renders a few pages makes only theirs. `serve` and
/// `watch` keep one between rebuilds ([`FigureCache::refresh`]), so a report listing
/// a thousand indicators makes again only the figures of those that changed.
#[derive(Default)]
pub struct FigureCache {
    /// `[language][indicator]`: every period with a value or commentary, in order.
    pub(super) cells: Vec<Vec<Vec<(Period, FigureCell)>>>,
    /// Per indicator, its figures as published (the same in every language) for
    /// every period with a value, oldest first: made when first asked for, for its
    /// page, its chart and every row that shows it (a report's row draws the history
    /// up to the report's period). Made again at every refresh: rounding is cheap
    /// beside the words kept in `cells`.
    published: Vec<OnceLock<Vec<(Period, Published)>>>,
    /// `[indicator]`: its chart as drawn for every language (period words aside).
    pub(super) charts: Vec<DrawingCell>,
}

type FigureCell = OnceLock<Result<Figure, Diagnostic>>;

impl FigureCache {
    /// An empty cache for `site`.
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
            published: FigureCache::published_cells(site),
            charts: site.indicators.iter().map(|_| DrawingCell::new()).collect(),
        }
    }

    fn published_cells(site: &Site) -> Vec<OnceLock<Vec<(Period, Published)>>> {
        site.indicators.iter().map(|_| OnceLock::new()).collect()
    }

    /// Empties what a content change made stale: the figures of the indicators and
    /// languages `affected` names (for the site after the change), or all of them
    /// without `affected` (the site's shape or its words changed) or when the cache
    /// was not made for a site of this shape.
    pub fn refresh(&mut self, site: &Site, affected: Option<&Affected>) {
        let fits = self.cells.len() == site.config.languages.len()
            && self.cells.iter().all(|c| c.len() == site.indicators.len())
            && self.charts.len() == site.indicators.len();
        let (Some(affected), true) = (affected, fits) else {
            *self = FigureCache::new(site);
            return;
        };
        self.published = FigureCache::published_cells(site);
        for (i, chart) in self.charts.iter_mut().enumerate() {
            if !affected.indicators[i].is_empty() {
                *chart = DrawingCell::new();
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
    /// Indicator `i`'s figures as published for every period with a value, oldest
    /// first.
    pub(super) fn published(&self, i: usize) -> &[(Period, Published)] {
        self.figures.published[i].get_or_init(|| {
            let ind = &self.site.indicators[i];
            ind.values
                .keys()
                .map(|&p| (p, Published::of(ind, p, self.site.config.status)))
                .collect()
        })
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

    /// Indicator `i`'s figure for `period`: from the cache when the period has a
    /// value or commentary, made now otherwise.
    pub(super) fn figure(&self, i: usize, period: Period) -> Result<Figure, Diagnostic> {
        let cells = &self.figures.cells[self.lang][i];
        match cells.binary_search_by(|(p, _)| p.cmp(&period)) {
            Ok(at) => self.cached_figure(i, &cells[at]),
            Err(_) => self.make_figure(i, period),
        }
    }

    fn cached_figure(
        &self,
        i: usize,
        (period, cell): &(Period, FigureCell),
    ) -> Result<Figure, Diagnostic> {
        cell.get_or_init(|| self.make_figure(i, *period)).clone()
    }

    /// Indicator `i`'s figures for every period with a value or commentary, latest
    /// first.
    pub(super) fn figures_latest_first(
        &self,
        i: usize,
    ) -> Result<Vec<minijinja::Value>, Diagnostic> {
        self.figures.cells[self.lang][i]
            .iter()
            .rev()
            .map(|cell| self.cached_figure(i, cell).map(|f| f.view))
            .collect()
    }

    fn make_figure(&self, i: usize, period: Period) -> Result<Figure, Diagnostic> {
        let view = self.figure_view(i, period)?;
        Ok(Figure {
            status: view.status_key,
            travel: view.travel_keys,
            view: ser(&view),
        })
    }
}
