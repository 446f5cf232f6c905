//! What a content edit can have changed in the output, page by page and language by
//! language, so `serve` and `watch` render again only that. Each rule below reads
//! what the page's context reads (`Renderer::own_context`; keep the two in step), or
//! more. A test makes every kind of edit and checks the result against a clean build.

use super::PageId;
use crate::figures;
use crate::model::{Indicator, ReportText, Site, Text};
use crate::period::Period;

/// A set of languages, by their index in `config.languages`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Langs(u64);

impl Langs {
    /// No language.
    pub const NONE: Langs = Langs(0);

    /// The first `n` languages: all of a site's.
    pub fn all(n: usize) -> Langs {
        Langs(if n >= 64 { u64::MAX } else { (1 << n) - 1 })
    }

    /// One language.
    pub fn one(lang: usize) -> Langs {
        Langs(1 << lang)
    }

    /// Whether `lang` is in the set.
    pub fn has(self, lang: usize) -> bool {
        self.0 & (1 << lang) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn with(self, other: Langs) -> Langs {
        Langs(self.0 | other.0)
    }

    /// The languages of `0..n` for which `changed` is true.
    fn which(n: usize, changed: impl Fn(usize) -> bool) -> Langs {
        (0..n)
            .filter(|&l| changed(l))
            .fold(Langs::NONE, |s, l| s.with(Langs::one(l)))
    }
}

/// What a content change can have altered: the pages and data files to render again,
/// each in the languages given.
#[derive(Debug, Clone, PartialEq)]
pub struct Affected {
    /// Pages to render again, with the languages to render them in.
    pub pages: Vec<(PageId, Langs)>,
    /// Per indicator: the languages whose words or figures changed (its page and its
    /// CSV file, and its part of the site-wide files).
    pub indicators: Vec<Langs>,
    /// Per report: the languages in which its data files may differ.
    pub reports: Vec<Langs>,
}

impl Affected {
    /// What changed from `old` to `new` (same configuration), or `None` when the
    /// site's shape changed: items added, removed or renamed, a report's or target
    /// year's list of indicators or title changed (other pages link with them). Then
    /// every page is rendered again.
    pub fn between(old: &Site, new: &Site) -> Option<Affected> {
        let n = new.config.languages.len();
        if !same_shape(old, new) || n > 64 {
            return None;
        }
        let sites = Compared {
            old,
            new,
            n,
            indicators: indicators_changed(old, new, n),
        };
        let reports: Vec<Langs> = old
            .reports
            .iter()
            .zip(&new.reports)
            .map(|(a, b)| {
                Langs::which(n, |l| {
                    a.text[l] != b.text[l]
                        || b.sections
                            .iter()
                            .flatten()
                            .any(|&x| sites.row(x, b.period, l))
                })
            })
            .collect();
        let pages = PageId::all(new)
            .into_iter()
            .map(|page| {
                let langs = sites.page(&page, &reports);
                (page, langs)
            })
            .filter(|(_, langs)| !langs.is_empty())
            .collect();
        Some(Affected {
            pages,
            indicators: sites.indicators,
            reports,
        })
    }

    /// The languages in which some indicator changed (the site-wide data files).
    pub fn any_indicator(&self) -> Langs {
        self.indicators
            .iter()
            .fold(Langs::NONE, |all, &langs| all.with(langs))
    }
}

/// Per indicator, the languages it changed in: figures change every language, words
/// their own.
fn indicators_changed(old: &Site, new: &Site, n: usize) -> Vec<Langs> {
    old.indicators
        .iter()
        .zip(&new.indicators)
        .map(|(a, b)| {
            // A rebuild shares the indicators whose files did not change.
            if std::sync::Arc::ptr_eq(a, b) {
                Langs::NONE
            } else if !same_figures(a, b) {
                Langs::all(n)
            } else {
                Langs::which(n, |l| a.text[l] != b.text[l])
            }
        })
        .collect()
}

/// Two versions of a site of the same shape, and the languages each indicator
/// changed in: what each page's rule below reads.
struct Compared<'s> {
    old: &'s Site,
    new: &'s Site,
    /// The number of languages.
    n: usize,
    /// Per indicator, the languages it changed in.
    indicators: Vec<Langs>,
}

impl Compared<'_> {
    /// Indicator `x`, old and new.
    fn pair(&self, x: usize) -> (&Indicator, &Indicator) {
        (&self.old.indicators[x], &self.new.indicators[x])
    }

    /// Whether indicator `x` changed in `lang`.
    fn changed(&self, x: usize, lang: usize) -> bool {
        self.indicators[x].has(lang)
    }

    /// Whether some indicator changed in `l` such that `f` holds for it.
    fn any(&self, l: usize, f: &dyn Fn(usize) -> bool) -> bool {
        (0..self.new.indicators.len()).any(|x| self.changed(x, l) && f(x))
    }

    /// A row of indicator `x` in the index of indicators: its title, code and
    /// figure for `period` (value, target and so status).
    fn listed(&self, x: usize, period: Period, lang: usize) -> bool {
        let (a, b) = self.pair(x);
        self.changed(x, lang)
            && (a.text[lang].title != b.text[lang].title
                || !same_units(a, b)
                || a.values.get(&period) != b.values.get(&period)
                || a.target_for(period) != b.target_for(period))
    }

    /// A report's row: that, the figure's words and markers for the period
    /// ([`Indicator::words_for`], provisional, revised), and what is drawn from the
    /// values up to it (the sparkline, the directions of travel).
    fn row(&self, x: usize, period: Period, lang: usize) -> bool {
        let (a, b) = self.pair(x);
        self.listed(x, period, lang)
            || self.changed(x, lang)
                && (a.words_for(lang, period) != b.words_for(lang, period)
                    || a.provisional.contains(&period) != b.provisional.contains(&period)
                    || a.revised.get(&period) != b.revised.get(&period)
                    || !a.values.range(..=period).eq(b.values.range(..=period)))
    }

    /// The languages `page` is rendered again in (`reports`: each report's).
    fn page(&self, page: &PageId, reports: &[Langs]) -> Langs {
        let (old, new, n) = (self.old, self.new, self.n);
        match page {
            PageId::Home => Langs::which(n, |l| self.home(l)),
            PageId::Report(r) => reports[*r],
            PageId::Indicator(i) => self.indicators[*i],
            PageId::TargetYear(t) => Langs::which(n, |l| self.target_year(*t, l)),
            PageId::Page(p) => {
                let (a, b) = (&old.pages[*p].text, &new.pages[*p].text);
                Langs::which(n, |l| a.get(l) != b.get(l))
            }
            PageId::Indicators => Langs::which(n, |l| self.indicators_page(l)),
            // Every indicator's title and code.
            PageId::Data => Langs::which(n, |l| {
                self.any(l, &|x| {
                    let (a, b) = self.pair(x);
                    a.text[l].title != b.text[l].title || a.code != b.code
                })
            }),
            // Titles, periods and dates of reports and target years: the shape.
            PageId::NotFound | PageId::Reports | PageId::Targets => Langs::NONE,
        }
    }

    /// The home page in `l`: the latest report's key messages and the count of each
    /// status; links to every report and target year (titles: the shape).
    fn home(&self, l: usize) -> bool {
        let (old, new) = (self.old, self.new);
        let status = new.config.status;
        old.home.text.get(l) != new.home.text.get(l)
            || new.reports.first().is_some_and(|r| {
                old.reports[0].text[l] != r.text[l]
                    || r.sections.iter().flatten().any(|&x| {
                        let (a, b) = self.pair(x);
                        self.changed(x, l)
                            && figures::indicator_status(a, r.period, status)
                                != figures::indicator_status(b, r.period, status)
                    })
            })
    }

    /// Target year `t`'s page in `l`: its words, and each row's title, units, target
    /// and rationale for the year.
    fn target_year(&self, t: usize, l: usize) -> bool {
        let (a, b) = (&self.old.target_years[t], &self.new.target_years[t]);
        a.text[l] != b.text[l]
            || b.rows.iter().any(|&x| {
                let (i, j) = self.pair(x);
                self.changed(x, l)
                    && (i.text[l].title != j.text[l].title
                        || !same_units(i, j)
                        || i.targets.get(&b.year) != j.targets.get(&b.year)
                        || i.text[l].rationale.get(&b.year) != j.text[l].rationale.get(&b.year))
            })
    }

    /// The index of indicators in `l`: every indicator's title, code and latest
    /// figure, grouped by theme or under the reports' section titles.
    fn indicators_page(&self, l: usize) -> bool {
        self.old
            .reports
            .iter()
            .zip(&self.new.reports)
            .any(|(a, b)| a.text[l].sections != b.text[l].sections)
            || self.any(l, &|x| {
                let (a, b) = self.pair(x);
                a.latest() != b.latest()
                    || b.latest().is_some_and(|p| self.listed(x, p, l))
                    || a.text[l].title != b.text[l].title
                    || a.text[l].theme != b.text[l].theme
                    || a.code != b.code
            })
    }
}

/// Whether two versions of an indicator have the same figures and structure (all but
/// their words): what every language shows alike.
fn same_figures(a: &Indicator, b: &Indicator) -> bool {
    same_units(a, b)
        && a.values == b.values
        && a.targets == b.targets
        && a.provisional == b.provisional
        && a.revised == b.revised
        && a.source == b.source
}

/// Whether figures are shown the same way: code, unit, direction, decimals.
fn same_units(a: &Indicator, b: &Indicator) -> bool {
    a.code == b.code && a.unit == b.unit && a.direction == b.direction && a.decimals == b.decimals
}

/// Whether two sites have the same items, addresses and cross-page links, so that a
/// page whose own inputs are unchanged renders to the same bytes.
fn same_shape(old: &Site, new: &Site) -> bool {
    fn titles<T>(a: &[T], b: &[T], title: impl Fn(&T) -> &String) -> bool {
        a.iter().map(&title).eq(b.iter().map(&title))
    }
    old.indicators.len() == new.indicators.len()
        && old.reports.len() == new.reports.len()
        && old.target_years.len() == new.target_years.len()
        && old.pages.len() == new.pages.len()
        && old.home.text.len() == new.home.text.len()
        && old
            .indicators
            .iter()
            .zip(&new.indicators)
            .all(|(a, b)| a.id == b.id)
        && old.reports.iter().zip(&new.reports).all(|(a, b)| {
            a.slug == b.slug
                && a.source == b.source
                && a.period == b.period
                // On the lists of reports, the home page and the feed.
                && a.dates() == b.dates()
                && a.sections == b.sections
                && titles(&a.text, &b.text, |w: &ReportText| &w.title)
        })
        && old
            .target_years
            .iter()
            .zip(&new.target_years)
            .all(|(a, b)| {
                a.slug == b.slug
                    && a.source == b.source
                    && a.year == b.year
                    && a.rows == b.rows
                    && titles(&a.text, &b.text, |w: &Text| &w.title)
            })
        && old
            .pages
            .iter()
            .zip(&new.pages)
            .all(|(a, b)| a.slug == b.slug && a.source == b.source)
}
