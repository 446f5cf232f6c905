//! A report: its indicators, section by section, with their figures for its period.

use crate::diagnostics::Diagnostic;
use crate::model::{Direction, StatusKey, TravelKey};
use crate::render::figure_cache::RowParts;
use crate::render::fragments::Macros;
use crate::render::markdown;
use crate::render::renderer::Renderer;
use crate::render::ser;
use crate::render::views::IndicatorRow;
use minijinja::value::{Enumerator, Object};
use std::sync::Arc;

/// The partial holding an indicator's parts of a report's page (see [`RowParts`]),
/// and its macros: the scorecard row, then the entry.
const PARTS: &str = "partials/report_indicator.html";
const MACROS: [&str; 2] = ["scorecard_row", "entry"];

impl<'r> Renderer<'r> {
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
        let labels = self.row_labels()?;
        // The partial is evaluated when a row's parts are first made: under `serve`,
        // a rebuild finds all but the edited indicator's kept.
        let mut macros = None;
        let mut sections = Vec::new();
        for (s, rows) in rows.into_iter().enumerate() {
            let (title, summary) = &words.sections[s];
            let mut scorecard_rows = Vec::with_capacity(rows.len());
            let mut entries = Vec::with_capacity(rows.len());
            for (&x, row) in r.sections[s].iter().zip(rows) {
                let parts = self.row_parts(x, r.period, || {
                    self.make_row_parts(&mut macros, &labels, row)
                })?;
                scorecard_rows.push(parts.scorecard_row);
                entries.push(parts.entry);
            }
            sections.push(minijinja::context! {
                id => markdown::slugify(title),
                title => title,
                summary_html => summary.as_deref().map(|m| self.markdown_part(m, &format!("section-{}-", s + 1))).transpose()?,
                scorecard_rows => scorecard_rows,
                entries => entries,
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

    /// An indicator's scorecard row and entry (`row`, for the report's period),
    /// from the macros of [`PARTS`], evaluated into `macros` the first time.
    fn make_row_parts(
        &self,
        macros: &mut Option<Option<Macros<'r>>>,
        labels: &[(&'static str, String); 5],
        row: IndicatorRow,
    ) -> Result<RowParts, Diagnostic> {
        if macros.is_none() {
            let ctx = minijinja::Value::from_pairs(
                labels
                    .iter()
                    .map(|(name, label)| (*name, minijinja::Value::from(label.as_str()))),
            );
            *macros = Some(self.fragments.macros(self.lang, PARTS, ctx, &MACROS)?);
        }
        let Some(Some(macros)) = macros else {
            return Ok(RowParts {
                scorecard_row: None,
                entry: None,
            });
        };
        let row = [minijinja::Value::from_object(RowObject(row))];
        Ok(RowParts {
            scorecard_row: Some(macros.call(0, &row)?),
            entry: Some(macros.call(1, &row)?),
        })
    }

    /// The labels of a figure's parts, which every row and entry shows: looked up
    /// once per page, as the page's template does.
    fn row_labels(&self) -> Result<[(&'static str, String); 5], Diagnostic> {
        Ok([
            ("label_value", self.t("label-value", &[])?),
            ("label_target", self.t("label-target", &[])?),
            ("label_status", self.t("label-status", &[])?),
            ("label_previous", self.t("travel-since-previous", &[])?),
            ("label_year", self.t("travel-since-year", &[])?),
        ])
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

/// A report's row as its partial reads it (`row.id`, `row.figure`, ...): the
/// [`IndicatorRow`]'s fields as serialised, answered one by one rather than made
/// into a map for each of a report's thousand rows, most of them read once.
struct RowObject(IndicatorRow);

impl std::fmt::Debug for RowObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndicatorRow")
            .field("id", &self.0.id)
            .finish_non_exhaustive()
    }
}

impl Object for RowObject {
    fn get_value(self: &Arc<Self>, field: &minijinja::Value) -> Option<minijinja::Value> {
        use minijinja::Value as V;
        let row = &self.0;
        Some(match field.as_str()? {
            "mini" => V::from(row.mini.clone()),
            "id" => V::from(row.id.as_str()),
            "code" => V::from(row.code.as_deref()),
            "title" => V::from(row.title.as_str()),
            "url" => V::from(row.url.as_str()),
            "figure" => V::from(row.figure.clone()),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["mini", "id", "code", "title", "url", "figure"])
    }
}
