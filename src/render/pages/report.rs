//! A report: its indicators, section by section, with their figures for its period.

use super::super::markdown;
use super::super::renderer::Renderer;
use super::super::ser;
use super::super::views::IndicatorRow;
use crate::diagnostics::Diagnostic;
use crate::model::{StatusKey, TravelKey};

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
        let markers = self.markers(
            r.sections
                .iter()
                .flatten()
                .map(|&x| (&*site.indicators[x], r.period)),
        )?;
        let travel = self.travel_counts(rows.iter().flatten().filter_map(|r| r.travel));
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
                    travel_counts => travel,
                    markers => markers,
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

impl Renderer<'_> {
    /// How many of a report's figures moved each way, since the previous period and
    /// since a year earlier: a row per direction of travel that any figure has, in
    /// [`TravelKey::ALL`] order.
    fn travel_counts(
        &self,
        travels: impl Iterator<Item = [TravelKey; 2]>,
    ) -> Vec<minijinja::Value> {
        let mut n = [[0usize; 2]; TravelKey::ALL.len()];
        for [previous, year] in travels {
            n[previous as usize][0] += 1;
            n[year as usize][1] += 1;
        }
        TravelKey::ALL
            .iter()
            .zip(n)
            .filter(|(_, [p, y])| p + y > 0)
            .map(|(key, [previous, year])| {
                minijinja::context! {
                    key => key.code(),
                    label => self.words.travel(self.lang, *key),
                    previous => previous,
                    year => year,
                }
            })
            .collect()
    }
}
