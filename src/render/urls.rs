//! Page ids, where each page is written, and links between pages.

use crate::config::Config;
use crate::model::Site;
use std::path::{Path, PathBuf};

/// A page of the site, in no particular language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageId {
    /// The home page.
    Home,
    /// A report, by index into `Site::reports`.
    Report(usize),
    /// An indicator, by index.
    Indicator(usize),
    /// The index of all indicators.
    Indicators,
    /// A target year, by index.
    TargetYear(usize),
    /// A plain page, by index.
    Page(usize),
    /// The "page not found" page.
    NotFound,
    /// The open data page: the CSV and JSON downloads, described.
    Data,
    /// The list of every report.
    Reports,
    /// The list of every target year.
    Targets,
}

impl PageId {
    /// Every page of the site.
    pub fn all(site: &Site) -> Vec<PageId> {
        let mut pages = vec![
            PageId::Home,
            PageId::Indicators,
            PageId::NotFound,
            PageId::Data,
            PageId::Reports,
            PageId::Targets,
        ];
        pages.extend((0..site.reports.len()).map(PageId::Report));
        pages.extend((0..site.indicators.len()).map(PageId::Indicator));
        pages.extend((0..site.target_years.len()).map(PageId::TargetYear));
        pages.extend((0..site.pages.len()).map(PageId::Page));
        pages
    }

    /// The page's path under its language's root: `reports/2019-20-q2/`.
    pub fn path(self, site: &Site) -> String {
        match self {
            PageId::Home => String::new(),
            PageId::Report(i) => format!("reports/{}/", site.reports[i].slug),
            PageId::Indicator(i) => format!("indicators/{}/", site.indicators[i].id),
            PageId::Indicators => "indicators/".to_string(),
            PageId::TargetYear(i) => format!("targets/{}/", site.target_years[i].slug),
            PageId::Page(i) => format!("{}/", site.pages[i].slug),
            PageId::NotFound => "404.html".to_string(),
            PageId::Data => "data/".to_string(),
            PageId::Reports => "reports/".to_string(),
            PageId::Targets => "targets/".to_string(),
        }
    }

    /// How many kinds of page there are (see [`PageId::kind_index`]).
    pub(super) const KINDS: usize = 10;

    /// The page's kind, as a number below [`PageId::KINDS`].
    pub(super) fn kind_index(self) -> usize {
        match self {
            PageId::Home => 0,
            PageId::Report(_) => 1,
            PageId::Indicator(_) => 2,
            PageId::Indicators => 3,
            PageId::TargetYear(_) => 4,
            PageId::Page(_) => 5,
            PageId::NotFound => 6,
            PageId::Data => 7,
            PageId::Reports => 8,
            PageId::Targets => 9,
        }
    }

    pub(super) fn template(self) -> &'static str {
        match self {
            PageId::Home => "home.html",
            PageId::Report(_) => "report.html",
            PageId::Indicator(_) => "indicator.html",
            PageId::Indicators => "indicators.html",
            PageId::TargetYear(_) => "target_year.html",
            PageId::Page(_) => "page.html",
            PageId::NotFound => "404.html",
            PageId::Data => "data.html",
            PageId::Reports => "reports.html",
            PageId::Targets => "targets.html",
        }
    }

    /// The content file a page comes from, for error messages.
    pub(super) fn source(self, site: &Site) -> Option<&Path> {
        match self {
            PageId::Home => Some(&site.home.source),
            PageId::Report(i) => Some(&site.reports[i].source),
            PageId::Indicator(i) => Some(&site.indicators[i].source),
            PageId::TargetYear(i) => Some(&site.target_years[i].source),
            PageId::Page(i) => Some(&site.pages[i].source),
            PageId::Indicators
            | PageId::NotFound
            | PageId::Data
            | PageId::Reports
            | PageId::Targets => None,
        }
    }

    /// The content file a page's words in `lang` come from: the source for the
    /// default language, its translation (`slug.cy.md`) otherwise.
    pub(super) fn source_in(self, site: &Site, lang: usize) -> Option<PathBuf> {
        let source = self.source(site)?;
        if lang == site.config.default {
            return Some(source.to_path_buf());
        }
        let stem = source.file_stem()?.to_string_lossy();
        Some(source.with_file_name(format!("{stem}.{}.md", site.config.languages[lang].code)))
    }

    /// The part of the main navigation the page belongs to.
    pub(super) fn section(self) -> &'static str {
        match self {
            PageId::Home => "home",
            PageId::Report(_) | PageId::Reports => "reports",
            PageId::Indicator(_) | PageId::Indicators => "indicators",
            PageId::TargetYear(_) | PageId::Targets => "targets",
            PageId::Data => "data",
            PageId::Page(_) | PageId::NotFound => "",
        }
    }

    /// Whether search engines should list it.
    pub(super) fn in_sitemap(self) -> bool {
        self != PageId::NotFound
    }
}

/// A rendered output file: its path under the output folder and its bytes.
pub type OutputFile = (PathBuf, Vec<u8>);

/// Where a page of `lang` is written.
pub(super) fn output_path(config: &Config, lang: usize, page_path: &str) -> PathBuf {
    let dir = config.language_dir(lang);
    if page_path.is_empty() || page_path.ends_with('/') {
        dir.join(page_path).join("index.html")
    } else {
        dir.join(page_path)
    }
}

/// Links between pages: root-relative when the page and the target share an origin
/// (so the site works under any host), absolute otherwise.
pub(super) struct Links<'a> {
    pub(super) config: &'a Config,
}

impl Links<'_> {
    pub(super) fn href(&self, from: usize, to: usize, path: &str) -> String {
        let (a, b) = (
            &self.config.languages[from].root,
            &self.config.languages[to].root,
        );
        if a.origin == b.origin {
            format!("{}{path}", b.path)
        } else {
            format!("{}{}{path}", b.origin, b.path)
        }
    }

    pub(super) fn absolute(&self, lang: usize, path: &str) -> String {
        format!("{}{path}", self.config.languages[lang].root.full())
    }

    pub(super) fn static_url(&self, lang: usize) -> String {
        match &self.config.shared_base {
            Some(base) => format!("{}static/", base.path),
            None => format!("{}static/", self.config.languages[lang].root.path),
        }
    }
}
