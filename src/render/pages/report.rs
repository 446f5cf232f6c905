//! A report: its indicators, section by section, with their figures for its period.

use super::super::markdown;
use super::super::renderer::Renderer;
use super::super::ser;
use super::super::views::IndicatorRow;
use crate::diagnostics::Diagnostic;
use crate::model::StatusKey;

impl Renderer<'_> {
    /// The report page's title and its own part of the context.
    pub(super) fn report_context(
        &self,
        i: usize,
    ) -> Result<(String, minijinja::Value), Diagnostic> {
        let site = self.site;
        let lang = self.lang;
        let r = &site.reports[i];
        let words = &r.text[lang];
        let rows = self.report_rows(i)?;
        let counts = Self::counts(
            rows.iter()
                .flatten()
                .map(|r| r.status.unwrap_or(StatusKey::None)),
        );
        let mut sections = Vec::new();
        for (s, rows) in rows.into_iter().enumerate() {
            let (title, summary) = &words.sections[s];
            sections.push(minijinja::context! {
                id => markdown::slugify(title),
                title => title,
                summary_html => summary.as_deref().map(|m| self.markdown_part(m, &format!("section-{}-", s + 1))).transpose()?,
                rows => ser(&rows),
            });
        }
        Ok((
            words.title.clone(),
            minijinja::context! {
                report => minijinja::context! {
                    title => words.title.clone(),
                    period => self.words.period(lang, r.period, false)?,
                    body_html => self.markdown(&words.body)?,
                    good_news => words.good_news.iter().map(|m| self.markdown_inline(m)).collect::<Result<Vec<_>, _>>()?,
                    issues_to_monitor => words.issues_to_monitor.iter().map(|m| self.markdown_inline(m)).collect::<Result<Vec<_>, _>>()?,
                    sections => sections,
                    counts => ser(&counts),
                }
            },
        ))
    }

    /// A report's indicators, section by section, with their figures for its period.
    fn report_rows(&self, i: usize) -> Result<Vec<Vec<IndicatorRow>>, Diagnostic> {
        let r = &self.site.reports[i];
        r.sections
            .iter()
            .map(|ids| {
                ids.iter()
                    .map(|&x| self.indicator_row(x, Some(r.period), true))
                    .collect()
            })
            .collect()
    }
}
