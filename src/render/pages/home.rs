//! The home page: the latest report's counts, and links to every report and target year.

use super::super::renderer::Renderer;
use super::super::ser;
use crate::diagnostics::Diagnostic;

impl Renderer<'_> {
    /// The home page's title and its own part of the context.
    pub(super) fn home_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let lang = self.lang;
        let text = &site.home.text[lang];
        let latest = match site.reports.first() {
            Some(r) => {
                // The figures alone, not the rows: the home page shows counts.
                let statuses = r
                    .sections
                    .iter()
                    .flatten()
                    .map(|&x| self.figure(x, r.period).map(|f| f.status))
                    .collect::<Result<Vec<_>, _>>()?;
                let counts = Self::counts(statuses.into_iter());
                let words = &r.text[lang];
                Some(minijinja::context! {
                    link => self.report_link(0)?,
                    good_news => words.good_news.iter().map(|m| self.markdown_inline(m)).collect::<Result<Vec<_>, _>>()?,
                    issues_to_monitor => words.issues_to_monitor.iter().map(|m| self.markdown_inline(m)).collect::<Result<Vec<_>, _>>()?,
                    counts => ser(&counts),
                })
            }
            None => None,
        };
        Ok((
            text.title.clone(),
            minijinja::context! {
                body_html => self.markdown(&text.body)?,
                latest_report => latest,
                reports => (0..site.reports.len()).map(|i| self.report_link(i)).collect::<Result<Vec<_>, _>>()?,
                target_years => (0..site.target_years.len()).map(|i| self.target_year_link(i)).collect::<Result<Vec<_>, _>>()?,
                indicator_count => site.indicators.len(),
            },
        ))
    }
}
