//! A report: its indicators, section by section, with their figures for its period.

use crate::diagnostics::Diagnostic;
use crate::model::{Direction, StatusKey, TravelKey};
use crate::render::markdown;
use crate::render::renderer::Renderer;
use crate::render::ser;
use crate::render::views::IndicatorRow;

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
        let neutral = r
            .sections
            .iter()
            .flatten()
            .any(|&x| site.indicators[x].direction == Direction::None);
        let travel = self.travel_counts(rows.iter().flatten().filter_map(|r| r.travel), neutral);
        let exceptions = Self::exceptions(&rows);
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
                    exceptions => exceptions,
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
    /// since a year earlier, in [`TravelKey::ALL`] order. Like the status counts, a
    /// row whose count is zero stays (marked `zero`), so reports read alike; only
    /// increased and decreased, which only an indicator where neither way is better
    /// (`neutral`) can have, are left out of a report without one.
    fn travel_counts(
        &self,
        travels: impl Iterator<Item = [TravelKey; 2]>,
        neutral: bool,
    ) -> Vec<minijinja::Value> {
        let mut n = [[0usize; 2]; TravelKey::ALL.len()];
        for [previous, year] in travels {
            n[previous as usize][0] += 1;
            n[year as usize][1] += 1;
        }
        TravelKey::ALL
            .iter()
            .zip(n)
            .filter(|(key, [p, y])| {
                neutral || p + y > 0 || !matches!(key, TravelKey::Increased | TravelKey::Decreased)
            })
            .map(|(key, [previous, year])| {
                minijinja::context! {
                    key => key.code(),
                    label => self.words.travel(self.lang, *key),
                    previous => previous,
                    year => year,
                    zero => previous + year == 0,
                }
            })
            .collect()
    }

    /// The exceptions a committee asks about first: every indicator of the report off
    /// target, or worse than the previous period or the same period a year earlier,
    /// in report order, each with its figure (for its value, target and status) and
    /// which comparisons worsened (`previous`, `year` or `both`).
    fn exceptions(rows: &[Vec<IndicatorRow>]) -> Vec<minijinja::Value> {
        rows.iter()
            .flatten()
            .filter_map(|row| {
                let off_target = row.status == Some(StatusKey::OffTarget);
                let [previous, year] = row
                    .travel
                    .map(|t| t.map(|k| k == TravelKey::Worsened))
                    .unwrap_or_default();
                let worsened = match (previous, year) {
                    (true, true) => Some("both"),
                    (true, false) => Some("previous"),
                    (false, true) => Some("year"),
                    (false, false) => None,
                };
                (off_target || worsened.is_some()).then(|| {
                    minijinja::context! {
                        id => &row.id,
                        title => &row.title,
                        figure => &row.figure,
                        off_target => off_target,
                        worsened => worsened,
                    }
                })
            })
            .collect()
    }
}
