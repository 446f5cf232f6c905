//! The renderer of one page in one language, and what every kind of page uses:
//! translation, links, Markdown, figures in words, rows of indicators.

use super::chart;
use super::data::records::{PROVISIONAL, REVISED, marker};
use super::figure_cache::FigureCache;
use super::fragments::{Fragments, Markers};
use super::markdown;
use super::urls::{Links, PageId};
use super::views::{Counts, FigureView, IndicatorRow, RevisedView, StatusView};
use super::word_cache::WordCache;
use crate::diagnostics::Diagnostic;
use crate::figures;
use crate::i18n::{Arg, I18n};
use crate::model::{Indicator, NoStatus, Site, Status, StatusKey, Target, Value};
use crate::period::Period;

/// Renders one page in one language.
pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) i18n: &'a I18n,
    pub(super) words: &'a WordCache<'a>,
    pub(super) figures: &'a FigureCache,
    pub(super) fragments: &'a Fragments<'a>,
    pub(super) chart: &'a chart::ChartTheme,
    pub(super) lang: usize,
    pub(super) links: Links<'a>,
}

impl Renderer<'_> {
    pub(super) fn t(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, Diagnostic> {
        self.i18n
            .t(self.lang, key, args)
            .map_err(|m| self.ui_error(m))
    }

    /// A problem with a UI string, naming the page's language's strings file.
    pub(super) fn ui_error(&self, m: String) -> Diagnostic {
        super::ui_strings_error(self.site, self.lang, m)
    }

    pub(super) fn url(&self, page: PageId) -> String {
        self.links.href(self.lang, self.lang, &page.path(self.site))
    }

    /// Markdown with `@/kind/slug.md` links resolved to this language's pages.
    pub(super) fn markdown(&self, md: &str) -> Result<String, Diagnostic> {
        markdown::render(md, 2, "", &|link| self.resolve(link))
    }

    /// Markdown that shares its page with other snippets (commentary, rationale,
    /// summaries): its heading ids and footnotes get `prefix`, so two snippets on one
    /// page never produce the same id.
    pub(super) fn markdown_part(&self, md: &str, prefix: &str) -> Result<String, Diagnostic> {
        markdown::render(md, 2, prefix, &|link| self.resolve(link))
    }

    pub(super) fn markdown_inline(&self, md: &str) -> Result<String, Diagnostic> {
        markdown::render_inline(md, &|link| self.resolve(link))
    }

    /// Where a site link goes in the page's language (see [`site_link`]).
    pub(super) fn resolve(&self, link: &str) -> Option<String> {
        site_link(self.site, self.lang, link)
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
    ) -> Result<(String, Option<String>), Diagnostic> {
        let ui = |m| self.ui_error(m);
        let shown = self.shown().value(ind.unit, ind.decimals, v).map_err(ui)?;
        Ok((shown, self.shown().fraction(v).map_err(ui)?))
    }

    pub(super) fn target_text(&self, ind: &Indicator, t: Target) -> Result<String, Diagnostic> {
        self.shown()
            .target(ind.unit, ind.decimals, t)
            .map_err(|m| self.ui_error(m))
    }

    pub(super) fn status_view(
        &self,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<StatusView, Diagnostic> {
        let (key, label) = self.words.status(self.lang, status, period)?;
        Ok(StatusView { key, label })
    }

    /// Indicator `i`'s figure for `period` in words, from its published figures.
    pub(super) fn figure_view(&self, i: usize, period: Period) -> Result<FigureView, Diagnostic> {
        let ind = &self.site.indicators[i];
        let figure = self.published_at(i, period);
        let shown = self.shown();
        let ui = |m| self.ui_error(m);
        let value = figure
            .value
            .map(|r| shown.with_unit(ind.unit, r))
            .transpose()
            .map_err(ui)?;
        let fraction = figure
            .parts
            .map(|(n, d)| shown.parts(n, d))
            .transpose()
            .map_err(ui)?;
        let target_figure = matches!(figure.target, Some(Target::Value(_)));
        let target = figure
            .target
            .map(|t| shown.published_target(ind.unit, t))
            .transpose()
            .map_err(ui)?;
        let text = &ind.text[self.lang];
        let part = |what: &str, md: &String| {
            self.markdown_part(md, &format!("{}-{}-{what}", ind.id, period.slug()))
        };
        let commentary = text
            .commentary
            .get(&period)
            .map(|c| part("", c))
            .transpose()?;
        let actions = text
            .actions
            .get(&period)
            .map(|c| part("actions-", c))
            .transpose()?;
        let has_value = value.is_some();
        let revised = match ind.revised.get(&period).filter(|_| has_value) {
            Some(d) => Some(RevisedView {
                date: d.to_string(),
                date_label: self.words.date(self.lang, *d)?.text,
                reason: text
                    .revision_reason
                    .get(&period)
                    .map(|r| part("revised-", r))
                    .transpose()?,
            }),
            None => None,
        };
        let (lang, fragments) = (self.lang, self.fragments);
        let [previous, year] = figure.travel;
        let (travel_previous, travel_year) = (
            self.travel_view(ind, period, previous)?,
            self.travel_view(ind, period, year)?,
        );
        let (status_key, status_label) = self.words.status_str(lang, figure.status, period)?;
        let provisional = has_value && ind.provisional.contains(&period);
        let marker = marker(provisional, revised.is_some());
        let marker_html = marker
            .map(|marker| {
                let revised = revised.is_some();
                fragments.markers(
                    lang,
                    Markers {
                        marker,
                        provisional,
                        revised,
                    },
                )
            })
            .transpose()?;
        Ok(FigureView {
            period: self.words.period(lang, period, false)?,
            period_short: self.words.period(lang, period, true)?,
            value,
            fraction,
            target,
            target_figure,
            status: fragments.status(lang, status_key, &status_label)?,
            status_key,
            travel_previous: travel_previous.1,
            travel_year: travel_year.1,
            travel_keys: [travel_previous.0, travel_year.0],
            marker,
            marker_html,
            provisional,
            revised,
            commentary,
            actions,
        })
    }

    /// Indicator `i` as a row of a list: with its figure for `period`, if given, and
    /// beside it the compact visual if `mini`.
    pub(super) fn indicator_row(
        &self,
        i: usize,
        period: Option<Period>,
        mini: bool,
    ) -> Result<IndicatorRow, Diagnostic> {
        let ind = &self.site.indicators[i];
        let mini = period.filter(|_| mini).and_then(|p| self.mini(i, p));
        let figure = period.map(|p| self.figure(i, p)).transpose()?;
        Ok(IndicatorRow {
            mini,
            id: ind.id.clone(),
            code: ind.code.clone(),
            title: ind.text[self.lang].title.clone(),
            url: self.url(PageId::Indicator(i)),
            status: figure.as_ref().map(|f| f.status),
            travel: figure.as_ref().map(|f| f.travel),
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

    /// The key to the markers the figures of `(indicator, period)` carry: each
    /// marker used (`[p]`, `[r]`) and its meaning.
    pub(super) fn markers<'i>(
        &self,
        figures: impl Iterator<Item = (&'i Indicator, Period)>,
    ) -> Result<Vec<minijinja::Value>, Diagnostic> {
        let (mut provisional, mut revised) = (false, false);
        for (ind, p) in figures.filter(|(ind, p)| ind.values.contains_key(p)) {
            provisional |= ind.provisional.contains(&p);
            revised |= ind.revised.contains_key(&p);
        }
        [
            (provisional, PROVISIONAL, "marker-provisional"),
            (revised, REVISED, "marker-revised"),
        ]
        .into_iter()
        .filter(|(used, _, _)| *used)
        .map(|(_, mark, meaning)| {
            Ok(minijinja::context! { mark => mark, meaning => self.t(meaning, &[])? })
        })
        .collect()
    }

    pub(super) fn report_link(&self, i: usize) -> Result<minijinja::Value, Diagnostic> {
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

    pub(super) fn target_year_link(&self, i: usize) -> Result<minijinja::Value, Diagnostic> {
        let t = &self.site.target_years[i];
        Ok(minijinja::context! {
            title => t.text[self.lang].title.clone(),
            url => self.url(PageId::TargetYear(i)),
            year => t.year.year_label(),
        })
    }
}

/// Where a site link written as `@/kind/slug.md` (with an optional `#fragment`) goes
/// in language `lang`: the page's address, or `None` if no content file is there.
/// Rendering makes links with it, and `check` finds what a link in a page was
/// written as with it.
pub fn site_link(site: &Site, lang: usize, link: &str) -> Option<String> {
    let (target, fragment) = match link.split_once('#') {
        Some((t, f)) => (t, format!("#{f}")),
        None => (link, String::new()),
    };
    let target = target.trim_start_matches("@/").trim_end_matches(".md");
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
    }?;
    let links = Links {
        config: &site.config,
    };
    Some(format!(
        "{}{fragment}",
        links.href(lang, lang, &page.path(site))
    ))
}
