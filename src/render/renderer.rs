//! The renderer of one page in one language, and what every kind of page uses:
//! translation, links, Markdown, figures in words, rows of indicators.

use super::chart;
use super::figure_cache::FigureCache;
use super::markdown;
use super::urls::{Links, PageId};
use super::views::{Counts, FigureView, IndicatorRow, StatusView};
use super::words::Words;
use crate::content::Unit;
use crate::figures::{self, Rounded};
use crate::i18n::{Arg, I18n};
use crate::model::{Indicator, NoStatus, Site, Status, StatusKey, Target, Value};
use crate::period::Period;

/// Renders one page in one language.
pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) i18n: &'a I18n,
    pub(super) words: &'a Words<'a>,
    pub(super) figures: &'a FigureCache,
    pub(super) chart: &'a chart::ChartTheme,
    pub(super) lang: usize,
    pub(super) links: Links<'a>,
}

impl Renderer<'_> {
    pub(super) fn t(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        self.i18n.t(self.lang, key, args)
    }

    pub(super) fn url(&self, page: PageId) -> String {
        self.links.href(self.lang, self.lang, &page.path(self.site))
    }

    /// Markdown with `@/kind/slug.md` links resolved to this language's pages.
    pub(super) fn markdown(&self, md: &str) -> Result<String, String> {
        markdown::render(md, 2, "", &|link| self.resolve(link))
    }

    /// Markdown that shares its page with other snippets (commentary, rationale,
    /// summaries): its heading ids and footnotes get `prefix`, so two snippets on one
    /// page never produce the same id.
    pub(super) fn markdown_part(&self, md: &str, prefix: &str) -> Result<String, String> {
        markdown::render(md, 2, prefix, &|link| self.resolve(link))
    }

    pub(super) fn markdown_inline(&self, md: &str) -> Result<String, String> {
        markdown::render_inline(md, &|link| self.resolve(link))
    }

    pub(super) fn resolve(&self, link: &str) -> Result<String, String> {
        let (target, fragment) = match link.split_once('#') {
            Some((t, f)) => (t, format!("#{f}")),
            None => (link, String::new()),
        };
        let target = target.trim_start_matches("@/").trim_end_matches(".md");
        let site = self.site;
        let page = match target.split_once('/') {
            // Sorted by id: a body links to many indicators, and there may be
            // thousands.
            Some(("indicators", id)) => site
                .indicators
                .binary_search_by(|i| i.id.as_str().cmp(id))
                .ok()
                .map(PageId::Indicator),
            Some(("reports", s)) => site
                .reports
                .iter()
                .position(|r| r.slug == s)
                .map(PageId::Report),
            Some(("targets", s)) => site
                .target_years
                .iter()
                .position(|t| t.slug == s)
                .map(PageId::TargetYear),
            Some(("pages", s)) => site
                .pages
                .iter()
                .position(|p| p.slug == s)
                .map(PageId::Page),
            None if target == "index" => Some(PageId::Home),
            _ => None,
        };
        page.map(|p| format!("{}{fragment}", self.url(p))).ok_or_else(|| {
            format!("the link `{link}` points to no content file: expected e.g. `@/indicators/fam-kpi-01.md`")
        })
    }

    /// The figures of the page's language in words.
    pub(super) fn shown(&self) -> &figures::Figures<'_> {
        self.words.figures(self.lang)
    }

    /// A value as published, with its unit, and for a fraction its parts.
    pub(super) fn value_text(
        &self,
        ind: &Indicator,
        v: Value,
    ) -> Result<(String, Option<String>), String> {
        let shown = self.shown().value(ind.unit, ind.decimals, v)?;
        Ok((shown, self.shown().fraction(v)?))
    }

    pub(super) fn target_text(&self, ind: &Indicator, t: Target) -> Result<String, String> {
        self.shown().target(ind.unit, ind.decimals, t)
    }

    pub(super) fn status_view(
        &self,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<StatusView, String> {
        let (key, label) = self.words.status(self.lang, status, period)?;
        Ok(StatusView { key, label })
    }

    pub(super) fn figure_view(
        &self,
        ind: &Indicator,
        period: Period,
    ) -> Result<FigureView, String> {
        let (value, fraction) = match ind.values.get(&period) {
            Some(v) => {
                let (a, b) = self.value_text(ind, *v)?;
                (Some(a), b)
            }
            None => (None, None),
        };
        let target = ind
            .target_for(period)
            .map(|t| self.target_text(ind, t))
            .transpose()?;
        let commentary = ind.text[self.lang]
            .commentary
            .get(&period)
            .map(|c| self.markdown_part(c, &format!("{}-{}-", ind.id, period.slug())))
            .transpose()?;
        Ok(FigureView {
            period: self.words.period(self.lang, period, false)?,
            period_short: self.words.period(self.lang, period, true)?,
            value,
            fraction,
            target,
            status: self.status_view(
                figures::indicator_status(ind, period, self.site.config.status),
                period,
            )?,
            commentary,
        })
    }

    /// Indicator `i` as a row of a list: with its figure for `period`, if given, and
    /// beside it the compact visual if `mini`.
    pub(super) fn indicator_row(
        &self,
        i: usize,
        period: Option<Period>,
        mini: bool,
    ) -> Result<IndicatorRow, String> {
        let ind = &self.site.indicators[i];
        let mini = period.filter(|_| mini).and_then(|p| {
            // Drawn as published, like every figure.
            let history: Vec<f64> = ind
                .values
                .range(..=p)
                .map(|(_, v)| Rounded::value(*v, ind.decimals).to_f64())
                .collect();
            let target = match ind.target_for(p) {
                Some(t) if ind.values.contains_key(&p) => {
                    figures::target(t, ind.decimals).map(Rounded::to_f64)
                }
                _ => None,
            };
            let ceiling = (ind.unit == Unit::Percent).then_some(100.0);
            ind.values
                .contains_key(&p)
                .then(|| chart::mini(&history, target, ceiling, self.chart))
                .flatten()
        });
        let figure = period.map(|p| self.figure(i, p)).transpose()?;
        Ok(IndicatorRow {
            mini,
            id: ind.id.clone(),
            code: ind.code.clone(),
            title: ind.text[self.lang].title.clone(),
            url: self.url(PageId::Indicator(i)),
            status: figure.as_ref().map(|f| f.status),
            figure: figure.map(|f| f.view),
        })
    }

    /// How many of a report's indicators are on target, close, off target or
    /// without a status.
    pub(super) fn counts(statuses: impl Iterator<Item = StatusKey>) -> Counts {
        let mut n = [0; StatusKey::ALL.len()];
        for key in statuses {
            n[key as usize] += 1;
        }
        Counts {
            on_target: n[StatusKey::OnTarget as usize],
            close: n[StatusKey::Close as usize],
            off_target: n[StatusKey::OffTarget as usize],
            no_status: n[StatusKey::None as usize],
            total: n.iter().sum(),
        }
    }

    pub(super) fn report_link(&self, i: usize) -> Result<minijinja::Value, String> {
        let r = &self.site.reports[i];
        let date = |d: Option<crate::date::Date>| {
            d.map(|d| self.words.date(self.lang, d).map(|v| super::ser(&v)))
                .transpose()
        };
        Ok(minijinja::context! {
            title => r.text[self.lang].title.clone(),
            url => self.url(PageId::Report(i)),
            period => self.words.period(self.lang, r.period, false)?,
            published => date(r.published)?,
            next_update => date(r.next_update)?,
        })
    }

    pub(super) fn target_year_link(&self, i: usize) -> Result<minijinja::Value, String> {
        let t = &self.site.target_years[i];
        Ok(minijinja::context! {
            title => t.text[self.lang].title.clone(),
            url => self.url(PageId::TargetYear(i)),
            year => t.year.year_label(),
        })
    }
}
