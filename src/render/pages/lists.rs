//! The lists of every report and every target year.

use crate::diagnostics::Diagnostic;
use crate::render::renderer::Renderer;

impl Renderer<'_> {
    /// The list of reports, newest first, each with its period and publication date.
    pub(super) fn reports_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let reports = (0..self.site.reports.len())
            .map(|i| self.report_link(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((
            self.t("reports-title", &[])?,
            minijinja::context! { reports => reports },
        ))
    }

    /// The list of target years, latest first.
    pub(super) fn targets_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let years = (0..self.site.target_years.len())
            .map(|i| self.target_year_link(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((
            self.t("targets-title", &[])?,
            minijinja::context! { target_years => years },
        ))
    }
}
