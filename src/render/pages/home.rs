//! The home page: the latest report's counts, and links to every report and target year.

use crate::diagnostics::Diagnostic;
use crate::model::StatusKey;
use crate::render::renderer::Renderer;
use crate::render::ser;

impl Renderer<'_> {
    /// The home page's title and its own part of the context.
    pub(super) fn home_context(&self) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let lang = self.lang;
        let text = &site.home.text[lang];
        let latest = match site.reports.first() {
            Some(r) => {
                // The statuses alone, not the figures in words: the home page shows
                // counts.
                let counts = Self::counts(
                    r.sections
                        .iter()
                        .flatten()
                        .map(|&x| StatusKey::of(self.published_at(x, r.period).status)),
                );
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
