//! The index of all indicators, each with its latest figure.

use super::super::renderer::Renderer;
use super::super::ser;
use crate::diagnostics::Diagnostic;

impl Renderer<'_> {
    /// The indicators page's title and its own part of the context.
    pub(super) fn indicators_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let rows = (0..site.indicators.len())
            .map(|i| self.indicator_row(i, site.indicators[i].latest(), false))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((
            self.t("indicators-title", &[])?,
            minijinja::context! { indicators => ser(&rows) },
        ))
    }
}
