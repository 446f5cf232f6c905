//! An indicator: every figure, its targets and their rationale, its chart.

use crate::content::{Direction, Unit};
use crate::diagnostics::Diagnostic;
use crate::model::Target;
use crate::render::renderer::Renderer;
use crate::render::urls::PageId;

impl Renderer<'_> {
    /// The indicator page's title and its own part of the context.
    pub(super) fn indicator_context(
        &self,
        i: usize,
    ) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let ind = &site.indicators[i];
        let words = &ind.text[self.lang];
        let (figures, latest) = self.history_rows(i)?;
        let targets = self.target_rows(i)?;
        let reports: Vec<_> = site.reports_of[i]
            .iter()
            .map(|&r| self.report_link(r))
            .collect::<Result<_, _>>()?;
        let direction = match ind.direction {
            Direction::Higher => "direction-higher",
            Direction::Lower => "direction-lower",
            Direction::None => "direction-none",
        };
        let unit = match ind.unit {
            Unit::Count => "unit-count",
            Unit::Percent => "unit-percent",
            Unit::Days => "unit-days",
        };
        let chart = self.chart(i, ind)?;
        Ok((
            words.title.clone(),
            minijinja::context! {
                indicator => minijinja::context! {
                    id => ind.id.clone(),
                    code => ind.code.clone(),
                    title => words.title.clone(),
                    body_html => self.markdown(&words.body)?,
                    direction => self.t(direction, &[])?,
                    unit => self.t(unit, &[])?,
                    latest => latest,
                    figures => figures,
                    markers => self.markers(ind.values.keys().map(|p| (&**ind, *p)))?,
                    has_values => !ind.values.is_empty(),
                    targets => targets,
                    reports => reports,
                    chart => chart,
                }
            },
        ))
    }

    /// Indicator `i`'s history, latest first: every period with a value or
    /// commentary, and every period with no figure between two that have one (a row
    /// that says so: a gap is never skipped); and the latest value's figure.
    fn history_rows(
        &self,
        i: usize,
    ) -> Result<(Vec<minijinja::Value>, Option<minijinja::Value>), Diagnostic> {
        let ind = &self.site.indicators[i];
        // The periods shown take in the gaps (`Indicator::periods_shown`).
        let figures = self.figures_latest_first(i)?;
        // The latest value's figure is among them.
        let latest = ind
            .latest()
            .map(|p| match figures.iter().find(|f| f.period == p) {
                Some(f) => Ok(f.view.clone()),
                None => self.figure(i, p).map(|f| f.view),
            })
            .transpose()?;
        Ok((figures.into_iter().map(|f| f.view).collect(), latest))
    }

    /// Indicator `i`'s targets, latest year first, each with its rationale and a
    /// link to its target year's page if there is one.
    fn target_rows(&self, i: usize) -> Result<Vec<minijinja::Value>, Diagnostic> {
        let site = self.site;
        let ind = &site.indicators[i];
        let words = &ind.text[self.lang];
        let mut targets = Vec::new();
        for (year, t) in ind.targets.iter().rev() {
            let page = site.target_years.iter().position(|ty| ty.year == *year);
            targets.push(minijinja::context! {
                year => year.year_label(),
                target => self.target_text(ind, *t)?,
                not_appropriate => !matches!(t, Target::Value(_)),
                rationale_html => words.rationale.get(year).map(|r| self.markdown_part(r, &format!("rationale-{}-", year.slug()))).transpose()?,
                url => page.map(|p| self.url(PageId::TargetYear(p))),
            });
        }
        Ok(targets)
    }
}
