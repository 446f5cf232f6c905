//! Each indicator's figures, made once per language and kept between rebuilds.

use super::affected::Affected;
use super::chart::DrawingCell;
use super::renderer::Renderer;
use super::ser;
use crate::model::{Indicator, Site, StatusKey};
use crate::period::Period;
use std::sync::OnceLock;

/// One indicator's figure for one period in one language, ready for templates.
#[derive(Clone)]
pub(super) struct Figure {
    /// The status (see [`StatusView::key`]), for counts.
    pub(super) status: StatusKey,
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
    /// `[indicator]`: its chart as drawn for every language (period words aside).
    pub(super) charts: Vec<DrawingCell>,
}

type FigureCell = OnceLock<Result<Figure, String>>;

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
            charts: site.indicators.iter().map(|_| DrawingCell::new()).collect(),
        }
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
    /// Indicator `i`'s figure for `period`: from the cache when the period has a
    /// value or commentary, made now otherwise.
    pub(super) fn figure(&self, i: usize, period: Period) -> Result<Figure, String> {
        let cells = &self.figures.cells[self.lang][i];
        match cells.binary_search_by(|(p, _)| p.cmp(&period)) {
            Ok(at) => self.cached_figure(i, &cells[at]),
            Err(_) => self.make_figure(&self.site.indicators[i], period),
        }
    }

    fn cached_figure(
        &self,
        i: usize,
        (period, cell): &(Period, FigureCell),
    ) -> Result<Figure, String> {
        cell.get_or_init(|| self.make_figure(&self.site.indicators[i], *period))
            .clone()
    }

    /// Indicator `i`'s figures for every period with a value or commentary, latest
    /// first.
    pub(super) fn figures_latest_first(&self, i: usize) -> Result<Vec<minijinja::Value>, String> {
        self.figures.cells[self.lang][i]
            .iter()
            .rev()
            .map(|cell| self.cached_figure(i, cell).map(|f| f.view))
            .collect()
    }

    fn make_figure(&self, ind: &Indicator, period: Period) -> Result<Figure, String> {
        let view = self.figure_view(ind, period)?;
        Ok(Figure {
            status: view.status.key,
            view: ser(&view),
        })
    }
}
