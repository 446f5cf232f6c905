//! Rendering: pure functions from the model to the bytes of every output file. Each
//! page is rendered once per language, in parallel; nothing here touches the disk
//! except reading the theme (in `build`).

mod affected;
pub mod chart;
mod chart_svg;
pub mod data;
pub mod markdown;
pub mod templates;
mod words;

use crate::config::Config;
use crate::content::{Direction, Unit};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::{self, Rounded};
use crate::i18n::{Arg, I18n};
use crate::model::{
    ACCESSIBILITY_SLUG, Indicator, NoStatus, Site, Status, StatusKey, Target, Value,
};
use crate::period::Period;
pub use affected::{Affected, Langs};
use minijinja::Environment;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use words::Words;

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
}

impl PageId {
    /// Every page of the site.
    pub fn all(site: &Site) -> Vec<PageId> {
        let mut pages = vec![
            PageId::Home,
            PageId::Indicators,
            PageId::NotFound,
            PageId::Data,
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
        }
    }

    /// How many kinds of page there are (see [`PageId::kind_index`]).
    const KINDS: usize = 8;

    /// The page's kind, as a number below [`PageId::KINDS`].
    fn kind_index(self) -> usize {
        match self {
            PageId::Home => 0,
            PageId::Report(_) => 1,
            PageId::Indicator(_) => 2,
            PageId::Indicators => 3,
            PageId::TargetYear(_) => 4,
            PageId::Page(_) => 5,
            PageId::NotFound => 6,
            PageId::Data => 7,
        }
    }

    fn template(self) -> &'static str {
        match self {
            PageId::Home => "home.html",
            PageId::Report(_) => "report.html",
            PageId::Indicator(_) => "indicator.html",
            PageId::Indicators => "indicators.html",
            PageId::TargetYear(_) => "target_year.html",
            PageId::Page(_) => "page.html",
            PageId::NotFound => "404.html",
            PageId::Data => "data.html",
        }
    }

    /// The content file a page comes from, for error messages.
    fn source(self, site: &Site) -> Option<&Path> {
        match self {
            PageId::Home => Some(&site.home.source),
            PageId::Report(i) => Some(&site.reports[i].source),
            PageId::Indicator(i) => Some(&site.indicators[i].source),
            PageId::TargetYear(i) => Some(&site.target_years[i].source),
            PageId::Page(i) => Some(&site.pages[i].source),
            PageId::Indicators | PageId::NotFound | PageId::Data => None,
        }
    }

    /// The content file a page's words in `lang` come from: the source for the
    /// default language, its translation (`slug.cy.md`) otherwise.
    fn source_in(self, site: &Site, lang: usize) -> Option<PathBuf> {
        let source = self.source(site)?;
        if lang == site.config.default {
            return Some(source.to_path_buf());
        }
        let stem = source.file_stem()?.to_string_lossy();
        Some(source.with_file_name(format!("{stem}.{}.md", site.config.languages[lang].code)))
    }

    /// Whether search engines should list it.
    fn in_sitemap(self) -> bool {
        self != PageId::NotFound
    }
}

/// A rendered output file: its path under the output folder and its bytes.
pub type OutputFile = (PathBuf, Vec<u8>);

/// The output folder of a language: every language has its own folder, so a site
/// with one domain per language publishes each folder at its own domain's base path.
pub fn language_dir(config: &Config, lang: usize) -> PathBuf {
    PathBuf::from(&config.languages[lang].code)
}

/// Where a page of `lang` is written.
fn output_path(config: &Config, lang: usize, page_path: &str) -> PathBuf {
    let dir = language_dir(config, lang);
    if page_path.is_empty() || page_path.ends_with('/') {
        dir.join(page_path).join("index.html")
    } else {
        dir.join(page_path)
    }
}

/// Links between pages: root-relative when the page and the target share an origin
/// (so the site works under any host), absolute otherwise.
struct Links<'a> {
    config: &'a Config,
}

impl Links<'_> {
    fn href(&self, from: usize, to: usize, path: &str) -> String {
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

    fn absolute(&self, lang: usize, path: &str) -> String {
        format!("{}{path}", self.config.languages[lang].root.full())
    }

    fn static_url(&self, lang: usize) -> String {
        match &self.config.shared_base {
            Some(base) => format!("{}static/", base.path),
            None => format!("{}static/", self.config.languages[lang].root.path),
        }
    }
}

#[derive(Serialize)]
struct Alternate {
    code: String,
    name: String,
    href: String,
    absolute: String,
    current: bool,
}

#[derive(Serialize)]
struct Nav {
    home: String,
    indicators: String,
    accessibility: String,
    current: String,
}

#[derive(Serialize)]
struct StatusView {
    /// `on-target`, `close`, `off-target` or `none`: for CSS and icons.
    key: StatusKey,
    /// Words, in the page's language.
    label: String,
}

#[derive(Serialize)]
struct FigureView {
    period: String,
    period_short: String,
    value: Option<String>,
    fraction: Option<String>,
    target: Option<String>,
    status: StatusView,
    commentary: Option<String>,
}

#[derive(Serialize)]
struct IndicatorRow {
    /// A compact visual (bar against target, or sparkline), decorative.
    mini: Option<String>,
    id: String,
    code: Option<String>,
    title: String,
    url: String,
    /// A [`FigureView`].
    figure: Option<minijinja::Value>,
    /// The figure's status, for counts.
    #[serde(skip)]
    status: Option<StatusKey>,
}

#[derive(Serialize)]
struct Counts {
    on_target: usize,
    close: usize,
    off_target: usize,
    no_status: usize,
    total: usize,
}

/// Renders `some` pages in every language (and nothing else).
pub fn render_some(
    site: &Site,
    theme: &crate::theme::Theme,
    some: &[PageId],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let langs = Langs::all(site.config.languages.len());
    let pages: Vec<(PageId, Langs)> = some.iter().map(|&p| (p, langs)).collect();
    render_each(site, theme, &Jobs::some(site, &pages), &Ok)
}

/// What to render: pages, each in some languages, and whether to make the files
/// that list every page (the sitemaps and the language chooser).
pub struct Jobs {
    pages: Vec<(PageId, usize)>,
    site_files: bool,
}

impl Jobs {
    /// Every page in every language, and the sitemaps and language chooser.
    pub fn all(site: &Site) -> Jobs {
        let langs = Langs::all(site.config.languages.len());
        let pages: Vec<(PageId, Langs)> =
            PageId::all(site).into_iter().map(|p| (p, langs)).collect();
        Jobs {
            site_files: true,
            ..Jobs::some(site, &pages)
        }
    }

    /// These pages, each in the languages given: what a content change affected
    /// (which never changes the list of pages, so not the sitemaps).
    pub fn some(site: &Site, pages: &[(PageId, Langs)]) -> Jobs {
        let n = site.config.languages.len();
        Jobs {
            pages: pages
                .iter()
                .flat_map(|&(p, langs)| (0..n).filter(move |&l| langs.has(l)).map(move |l| (p, l)))
                .collect(),
            site_files: false,
        }
    }

    /// How many pages there are to render, counting each language.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether there is nothing to render.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && !self.site_files
    }
}

/// What to do with each file as soon as it is made: keep it, or write it out.
pub type Each<'a, R> = dyn Fn(OutputFile) -> Result<R, Diagnostic> + Sync + 'a;

/// Renders `jobs`, handing each file to `each` as soon as it is made, from the thread
/// that made it, so `dangos build` can write pages while others render and never
/// hold the whole site in memory.
pub fn render_each<R: Send>(
    site: &Site,
    theme: &crate::theme::Theme,
    jobs: &Jobs,
    each: &Each<'_, R>,
) -> Result<Vec<R>, Diagnostics> {
    render_each_with(site, theme, jobs, &FigureCache::new(site), each)
}

/// Like [`render_each`], with the figures of `figures` (made for this site).
pub fn render_each_with<R: Send>(
    site: &Site,
    theme: &crate::theme::Theme,
    jobs: &Jobs,
    figures: &FigureCache,
    each: &Each<'_, R>,
) -> Result<Vec<R>, Diagnostics> {
    let (envs, i18n) = (&theme.envs, theme.i18n.as_ref());
    let templates_dir = site.config.theme_dir.join(templates::TEMPLATES_DIR);
    let templates_dir = templates_dir
        .strip_prefix(&site.config.root)
        .unwrap_or(&templates_dir)
        .to_path_buf();
    let words = Words::new(site, i18n)?;
    let sizes: [AtomicUsize; PageId::KINDS] = Default::default();
    // The files that list every page are made beside the pages, not after them.
    let site_files = || -> Vec<Result<R, Diagnostic>> {
        if !jobs.site_files {
            return Vec::new();
        }
        let mut made: Vec<Result<R, Diagnostic>> = sitemaps(site, &PageId::all(site))
            .into_iter()
            .map(each)
            .collect();
        if site.config.shared_base.is_some() {
            made.push(language_choice(site, &envs[0], &templates_dir).and_then(each));
        }
        made
    };
    let pages = || -> Vec<Result<R, Diagnostic>> {
        jobs.pages
            .par_iter()
            .map(|&(page, lang)| {
                let r = Renderer {
                    site,
                    i18n,
                    words: &words,
                    figures,
                    chart: &theme.chart,
                    lang,
                    links: Links {
                        config: &site.config,
                    },
                };
                let ctx = r.context(page).map_err(|m| {
                    let file = page.source_in(site, lang).unwrap_or_default();
                    Diagnostic::in_file(file, m)
                })?;
                // Pages of a kind are much the same size: start with room for the
                // largest yet, rather than growing the buffer a dozen times.
                let size = &sizes[page.kind_index()];
                let mut html = Vec::with_capacity(size.load(Ordering::Relaxed));
                envs[lang]
                    .get_template(page.template())
                    .and_then(|t| t.render_captured_to(ctx, &mut html))
                    .map_err(|e| templates::template_error(&templates_dir, &e))?;
                size.fetch_max(html.len() + html.len() / 16, Ordering::Relaxed);
                each((output_path(&site.config, lang, &page.path(site)), html))
            })
            .collect()
    };
    let (results, listings) = rayon::join(pages, site_files);
    let mut diags = Diagnostics::default();
    let mut files = Vec::with_capacity(results.len() + listings.len());
    for r in results.into_iter().chain(listings) {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    diags.into_result(files)
}

/// The bilingual page at the shared base URL: each language offered in itself, with
/// equal prominence, and no automatic redirect.
fn language_choice(
    site: &Site,
    env: &Environment<'_>,
    templates_dir: &Path,
) -> Result<OutputFile, Diagnostic> {
    let links = Links {
        config: &site.config,
    };
    let languages: Vec<_> = site
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            minijinja::context! {
                code => l.code.clone(), name => l.name.clone(), title => l.title.clone(), description => l.description.clone(),
                href => links.href(i, i, ""),
                absolute => links.absolute(i, ""),
            }
        })
        .collect();
    let first = &site.config.languages[0];
    let html = env
        .get_template("language_choice.html")
        .and_then(|t| {
            t.render(minijinja::context! {
                languages => languages,
                lang => first.code.clone(),
                static_url => links.static_url(0),
                x_default => site.config.shared_base.as_ref().map(|b| b.full()),
            })
        })
        .map_err(|e| templates::template_error(templates_dir, &e))?;
    Ok((PathBuf::from("index.html"), html.into_bytes()))
}

/// `sitemap.xml` with every page and its hreflang alternates: one at the shared base,
/// or one per language when each has its own base URL.
fn sitemaps(site: &Site, pages: &[PageId]) -> Vec<OutputFile> {
    let config = &site.config;
    let links = Links { config };
    // A sitemap lists absolute URLs; a path-only base URL (a preview) has none.
    if config.languages.iter().any(|l| l.root.origin.is_empty()) {
        return Vec::new();
    }
    let groups: Vec<(PathBuf, Vec<usize>)> = match config.shared_base {
        Some(_) => vec![(
            PathBuf::from("sitemap.xml"),
            (0..config.languages.len()).collect(),
        )],
        None => (0..config.languages.len())
            .map(|l| (language_dir(config, l).join("sitemap.xml"), vec![l]))
            .collect(),
    };
    groups
        .into_iter()
        .map(|(path, langs)| {
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
            );
            for page in pages.iter().filter(|p| p.in_sitemap()) {
                let rel = page.path(site);
                for &lang in &langs {
                    xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", xml_escape(&links.absolute(lang, &rel))));
                    for (other, l) in config.languages.iter().enumerate() {
                        xml.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                            l.code,
                            xml_escape(&links.absolute(other, &rel))
                        ));
                    }
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>\n",
                        xml_escape(&links.absolute(config.default, &rel))
                    ));
                }
            }
            xml.push_str("</urlset>\n");
            (path, xml.into_bytes())
        })
        .collect()
}

/// Gives the chart's SVG an accessible name and description, and a class for CSS.
fn charts_rs_accessible(svg: &str, title: &str, desc: &str) -> String {
    chart::accessible(svg, title, desc)
}

/// Any serialisable value as a template value.
fn ser<T: Serialize>(v: &T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A problem with a UI string (a label, a column heading, a status) as a diagnostic
/// naming language `lang`'s strings file.
fn ui_strings_error(site: &Site, lang: usize, m: String) -> Diagnostic {
    let config = &site.config;
    let ui = config
        .theme_dir
        .join("i18n")
        .join(format!("{}.ftl", config.languages[lang].code));
    let ui = ui.strip_prefix(&config.root).unwrap_or(&ui);
    Diagnostic::in_file(ui, m)
}

/// One indicator's figure for one period in one language, ready for templates.
#[derive(Clone)]
struct Figure {
    /// The status (see [`StatusView::key`]), for counts.
    status: StatusKey,
    /// The [`FigureView`], as a template value.
    view: minijinja::Value,
}

/// Each indicator's figures, per language and period, each made the first time a
/// page asks for it: an indicator's page and the reports that list it show the same
/// figures, and a rebuild that renders a few pages makes only theirs. `serve` and
/// `watch` keep one between rebuilds ([`FigureCache::refresh`]), so a report listing
/// a thousand indicators makes again only the figures of those that changed.
#[derive(Default)]
pub struct FigureCache {
    /// `[language][indicator]`: every period with a value or commentary, in order.
    cells: Vec<Vec<Vec<(Period, FigureCell)>>>,
}

type FigureCell = OnceLock<Result<Figure, String>>;

impl FigureCache {
    /// An empty cache for `site`.
    pub fn new(site: &Site) -> FigureCache {
        FigureCache {
            cells: (0..site.config.languages.len())
                .map(|lang| {
                    site.indicators
                        .iter()
                        .map(|i| FigureCache::cells_of(i, lang))
                        .collect()
                })
                .collect(),
        }
    }

    /// Empties what a content change made stale: the figures of the indicators and
    /// languages `affected` names (for the site after the change), or all of them
    /// without `affected` (the site's shape or its words changed) or when the cache
    /// was not made for a site of this shape.
    pub fn refresh(&mut self, site: &Site, affected: Option<&Affected>) {
        let fits = self.cells.len() == site.config.languages.len()
            && self.cells.iter().all(|c| c.len() == site.indicators.len());
        let (Some(affected), true) = (affected, fits) else {
            *self = FigureCache::new(site);
            return;
        };
        for (lang, cells) in self.cells.iter_mut().enumerate() {
            for (i, ind) in site.indicators.iter().enumerate() {
                if affected.indicators[i].has(lang) {
                    cells[i] = FigureCache::cells_of(ind, lang);
                }
            }
        }
    }

    fn cells_of(ind: &Indicator, lang: usize) -> Vec<(Period, FigureCell)> {
        ind.periods_shown(lang)
            .into_iter()
            .map(|p| (p, OnceLock::new()))
            .collect()
    }
}

/// Renders one page in one language.
struct Renderer<'a> {
    site: &'a Site,
    i18n: &'a I18n,
    words: &'a Words<'a>,
    figures: &'a FigureCache,
    chart: &'a chart::ChartTheme,
    lang: usize,
    links: Links<'a>,
}

impl Renderer<'_> {
    fn t(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        self.i18n.t(self.lang, key, args)
    }

    fn url(&self, page: PageId) -> String {
        self.links.href(self.lang, self.lang, &page.path(self.site))
    }

    /// Markdown with `@/kind/slug.md` links resolved to this language's pages.
    fn markdown(&self, md: &str) -> Result<String, String> {
        markdown::render(md, 2, "", &|link| self.resolve(link))
    }

    /// Markdown that shares its page with other snippets (commentary, rationale,
    /// summaries): its heading ids and footnotes get `prefix`, so two snippets on one
    /// page never produce the same id.
    fn markdown_part(&self, md: &str, prefix: &str) -> Result<String, String> {
        markdown::render(md, 2, prefix, &|link| self.resolve(link))
    }

    fn markdown_inline(&self, md: &str) -> Result<String, String> {
        markdown::render_inline(md, &|link| self.resolve(link))
    }

    fn resolve(&self, link: &str) -> Result<String, String> {
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
    fn shown(&self) -> &figures::Figures<'_> {
        self.words.figures(self.lang)
    }

    /// A value as published, with its unit, and for a fraction its parts.
    fn value_text(&self, ind: &Indicator, v: Value) -> Result<(String, Option<String>), String> {
        let shown = self.shown().value(ind.unit, ind.decimals, v)?;
        Ok((shown, self.shown().fraction(v)?))
    }

    fn target_text(&self, ind: &Indicator, t: Target) -> Result<String, String> {
        self.shown().target(ind.unit, ind.decimals, t)
    }

    fn status_view(
        &self,
        status: Result<Status, NoStatus>,
        period: Period,
    ) -> Result<StatusView, String> {
        let (key, label) = self.words.status(self.lang, status, period)?;
        Ok(StatusView { key, label })
    }

    /// Indicator `i`'s figure for `period`: from the cache when the period has a
    /// value or commentary, made now otherwise.
    fn figure(&self, i: usize, period: Period) -> Result<Figure, String> {
        let cells = &self.figures.cells[self.lang][i];
        match cells.binary_search_by(|(p, _)| p.cmp(&period)) {
            Ok(at) => self.cached_figure(i, &cells[at]),
            Err(_) => self.make_figure(&self.site.indicators[i], period),
        }
    }

    fn cached_figure(
        &self,
        i: usize,
        (period, cell): &(Period, FigureCell),
    ) -> Result<Figure, String> {
        cell.get_or_init(|| self.make_figure(&self.site.indicators[i], *period))
            .clone()
    }

    /// Indicator `i`'s figures for every period with a value or commentary, latest
    /// first.
    fn figures_latest_first(&self, i: usize) -> Result<Vec<minijinja::Value>, String> {
        self.figures.cells[self.lang][i]
            .iter()
            .rev()
            .map(|cell| self.cached_figure(i, cell).map(|f| f.view))
            .collect()
    }

    fn make_figure(&self, ind: &Indicator, period: Period) -> Result<Figure, String> {
        let view = self.figure_view(ind, period)?;
        Ok(Figure {
            status: view.status.key,
            view: ser(&view),
        })
    }

    fn figure_view(&self, ind: &Indicator, period: Period) -> Result<FigureView, String> {
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
    fn indicator_row(
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
    fn counts(statuses: impl Iterator<Item = StatusKey>) -> Counts {
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

    fn report_link(&self, i: usize) -> Result<minijinja::Value, String> {
        let r = &self.site.reports[i];
        Ok(minijinja::context! {
            title => r.text[self.lang].title.clone(),
            url => self.url(PageId::Report(i)),
            period => self.words.period(self.lang, r.period, false)?,
        })
    }

    fn target_year_link(&self, i: usize) -> Result<minijinja::Value, String> {
        let t = &self.site.target_years[i];
        Ok(minijinja::context! {
            title => t.text[self.lang].title.clone(),
            url => self.url(PageId::TargetYear(i)),
            year => t.year.year_label(),
        })
    }

    /// The context of one page: what every page has, plus its own.
    fn context(&self, page: PageId) -> Result<minijinja::Value, String> {
        let site = self.site;
        let config = &site.config;
        let lang = self.lang;
        let path = page.path(site);
        let alternates: Vec<Alternate> = config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| Alternate {
                code: l.code.clone(),
                name: l.name.clone(),
                href: self.links.href(lang, i, &path),
                absolute: self.links.absolute(i, &path),
                current: i == lang,
            })
            .collect();
        let accessibility = site
            .pages
            .iter()
            .position(|p| p.slug == ACCESSIBILITY_SLUG)
            .map(PageId::Page);
        let nav = Nav {
            home: self.url(PageId::Home),
            indicators: self.url(PageId::Indicators),
            accessibility: accessibility.map(|p| self.url(p)).unwrap_or_default(),
            current: self.url(page),
        };
        let (title, own) = self.own_context(page)?;
        let language = &config.languages[lang];
        Ok(minijinja::context! {
            lang => language.code.clone(),
            lang_name => language.name.clone(),
            site_title => language.title.clone(),
            site_description => language.description.clone(),
            page_title => title,
            kind => page.template().trim_end_matches(".html"),
            canonical => self.links.absolute(lang, &path),
            alternates => ser(&alternates),
            x_default => self.links.absolute(config.default, &path),
            nav => ser(&nav),
            downloads => self.downloads(page),
            static_url => self.links.static_url(lang),
            ..own
        })
    }

    /// The page's title and its own part of the context.
    fn own_context(&self, page: PageId) -> Result<(String, minijinja::Value), String> {
        let site = self.site;
        let lang = self.lang;
        Ok(match page {
            PageId::Home => {
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
                (
                    text.title.clone(),
                    minijinja::context! {
                        body_html => self.markdown(&text.body)?,
                        latest_report => latest,
                        reports => (0..site.reports.len()).map(|i| self.report_link(i)).collect::<Result<Vec<_>, _>>()?,
                        target_years => (0..site.target_years.len()).map(|i| self.target_year_link(i)).collect::<Result<Vec<_>, _>>()?,
                        indicator_count => site.indicators.len(),
                    },
                )
            }
            PageId::Report(i) => {
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
                (
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
                )
            }
            PageId::Indicator(i) => {
                let ind = &site.indicators[i];
                let words = &ind.text[lang];
                // Every period with a value or commentary, latest first.
                let figures = self.figures_latest_first(i)?;
                let mut targets = Vec::new();
                for (year, t) in ind.targets.iter().rev() {
                    let page = site.target_years.iter().position(|ty| ty.year == *year);
                    targets.push(minijinja::context! {
                        year => year.year_label(),
                        target => self.target_text(ind, *t)?,
                        not_appropriate => matches!(t, Target::NotAppropriate),
                        rationale_html => words.rationale.get(year).map(|r| self.markdown_part(r, &format!("rationale-{}-", year.slug()))).transpose()?,
                        url => page.map(|p| self.url(PageId::TargetYear(p))),
                    });
                }
                let reports: Vec<_> = site.reports_of[i]
                    .iter()
                    .map(|&r| self.report_link(r))
                    .collect::<Result<_, _>>()?;
                let direction = match ind.direction {
                    Direction::Higher => "direction-higher",
                    Direction::Lower => "direction-lower",
                    Direction::None => "direction-none",
                };
                let unit = match ind.unit {
                    Unit::Count => "unit-count",
                    Unit::Percent => "unit-percent",
                    Unit::Days => "unit-days",
                };
                let latest = ind.latest().map(|p| self.figure(i, p)).transpose()?;
                let chart = self.chart(ind)?;
                (
                    words.title.clone(),
                    minijinja::context! {
                        indicator => minijinja::context! {
                            id => ind.id.clone(),
                            code => ind.code.clone(),
                            title => words.title.clone(),
                            body_html => self.markdown(&words.body)?,
                            direction => self.t(direction, &[])?,
                            unit => self.t(unit, &[])?,
                            latest => latest.map(|f| f.view),
                            figures => figures,
                            has_values => !ind.values.is_empty(),
                            targets => targets,
                            reports => reports,
                            chart => chart,
                        }
                    },
                )
            }
            PageId::Indicators => {
                let rows = (0..site.indicators.len())
                    .map(|i| self.indicator_row(i, site.indicators[i].latest(), false))
                    .collect::<Result<Vec<_>, _>>()?;
                (
                    self.t("indicators-title", &[])?,
                    minijinja::context! { indicators => ser(&rows) },
                )
            }
            PageId::TargetYear(i) => {
                let ty = &site.target_years[i];
                let text = &ty.text[lang];
                let mut rows = Vec::new();
                for &r in &ty.rows {
                    let ind = &site.indicators[r];
                    let target = ind
                        .targets
                        .get(&ty.year)
                        .copied()
                        .unwrap_or(Target::NotAppropriate);
                    rows.push(minijinja::context! {
                        indicator => ser(&self.indicator_row(r, None, false)?),
                        target => self.target_text(ind, target)?,
                        not_appropriate => matches!(target, Target::NotAppropriate),
                        rationale_html => ind.text[lang].rationale.get(&ty.year).map(|m| self.markdown_part(m, &format!("{}-", ind.id))).transpose()?,
                    });
                }
                (
                    text.title.clone(),
                    minijinja::context! {
                        target_year => minijinja::context! {
                            title => text.title.clone(),
                            year => ty.year.year_label(),
                            body_html => self.markdown(&text.body)?,
                            rows => rows,
                        }
                    },
                )
            }
            PageId::Page(i) => {
                let text = &site.pages[i].text[lang];
                (
                    text.title.clone(),
                    minijinja::context! { body_html => self.markdown(&text.body)? },
                )
            }
            PageId::NotFound => (self.t("not-found-title", &[])?, minijinja::context! {}),
            PageId::Data => self.data_context()?,
        })
    }

    /// The periods a chart spans: from the first value to the last, with the quarters
    /// (or years) in between that have no value, so a gap shows as a gap.
    fn chart_periods(ind: &Indicator) -> Vec<Period> {
        let periods: Vec<Period> = ind.values.keys().copied().collect();
        let (Some(&first), Some(&last)) = (periods.first(), periods.last()) else {
            return periods;
        };
        let same_kind = periods
            .iter()
            .all(|p| p.quarter.is_some() == first.quarter.is_some());
        if !same_kind {
            return periods;
        }
        let mut all = vec![first];
        while let Some(&p) = all.last()
            && p < last
        {
            all.push(p.next());
        }
        all
    }

    /// The chart of an indicator's values against its targets, with its text
    /// alternative and legend, or `None` without values.
    fn chart(&self, ind: &Indicator) -> Result<Option<minijinja::Value>, String> {
        let periods = Self::chart_periods(ind);
        let Some(&latest) = periods.last() else {
            return Ok(None);
        };
        let values: Vec<Option<f64>> = periods
            .iter()
            .map(|p| {
                ind.values
                    .get(p)
                    .map(|v| Rounded::value(*v, ind.decimals).to_f64())
            })
            .collect();
        let targets: Vec<Option<f64>> = periods
            .iter()
            .map(|&p| {
                ind.target_for(p)
                    .and_then(|t| figures::target(t, ind.decimals))
                    .map(Rounded::to_f64)
            })
            .collect();
        let labels = periods
            .iter()
            .map(|&p| self.words.period(self.lang, p, true))
            .collect::<Result<Vec<_>, _>>()?;
        let count_values = values.iter().flatten().count();
        let data = chart::ChartData {
            labels,
            values,
            targets,
            shape: if ind.unit == Unit::Count || count_values < 3 {
                chart::Shape::Bars
            } else {
                chart::Shape::Line
            },
            from_zero: ind.unit == Unit::Count,
            ceiling: (ind.unit == Unit::Percent).then_some(100.0),
            suffix: if ind.unit == Unit::Percent {
                "%".to_string()
            } else {
                String::new()
            },
            value_name: self.t("label-value", &[])?,
            target_name: self.t("label-target", &[])?,
            format: self.shown().format().clone(),
        };
        let words = &ind.text[self.lang];
        let title = self.t("chart-title", &[("title", Arg::Text(words.title.clone()))])?;
        let desc = self.chart_description(ind, latest)?;
        let svg = chart::svg(&data, self.chart)?;
        let svg = charts_rs_accessible(&svg, &title, &desc);
        // The legend is HTML beside the chart, in the page's language.
        let mut notes = Vec::new();
        let has_line = data.targets.iter().any(Option::is_some);
        let mut years: Vec<Period> = periods.iter().map(|p| p.year()).collect();
        years.dedup();
        for year in years {
            let args = [("year", Arg::Text(year.year_label()))];
            // Say why the target line stops; with no line at all, the description
            // already says there is no target.
            match ind.targets.get(&year) {
                Some(Target::NotAppropriate) => {
                    notes.push(self.t("chart-no-target-line-not-appropriate", &args)?)
                }
                None if has_line => notes.push(self.t("chart-no-target-line", &args)?),
                _ => {}
            }
        }
        Ok(Some(minijinja::context! {
            svg => minijinja::Value::from_safe_string(svg),
            description => desc,
            has_target => data.targets.iter().any(Option::is_some),
            notes => notes,
            bars => data.shape == chart::Shape::Bars,
        }))
    }

    /// The chart's text alternative: the latest value, the change since the period
    /// before, and the target, as whole sentences in the page's language.
    fn chart_description(&self, ind: &Indicator, latest: Period) -> Result<String, String> {
        let when = |p: Period| self.words.period_in(self.lang, p);
        let value = |p: Period| -> Result<String, String> {
            let v = ind.values[&p];
            self.value_text(ind, v).map(|(a, _)| a)
        };
        let mut sentences = Vec::new();
        let previous = ind.values.range(..latest).next_back().map(|(p, _)| *p);
        let latest_args =
            |extra: Vec<(&'static str, Arg)>| -> Result<Vec<(&'static str, Arg)>, String> {
                let mut a = vec![
                    ("value", Arg::Text(value(latest)?)),
                    ("when", Arg::Text(when(latest)?)),
                ];
                a.extend(extra);
                Ok(a)
            };
        sentences.push(match previous {
            None => self.t("chart-desc-only", &latest_args(vec![])?)?,
            Some(prev) => {
                // Compared as shown: two figures that read the same are the same.
                let shown = |p: Period| Rounded::value(ind.values[&p], ind.decimals).to_f64();
                let (now, before) = (shown(latest), shown(prev));
                let key = if now == before {
                    "chart-desc-same"
                } else if now > before {
                    "chart-desc-up"
                } else {
                    "chart-desc-down"
                };
                self.t(
                    key,
                    &latest_args(vec![
                        ("previous", Arg::Text(value(prev)?)),
                        ("previous_when", Arg::Text(when(prev)?)),
                    ])?,
                )?
            }
        });
        let year = ("year", Arg::Text(latest.year_label()));
        sentences.push(match ind.target_for(latest) {
            Some(Target::Value(t)) => self.t(
                "chart-desc-target",
                &[
                    year,
                    (
                        "target",
                        Arg::Text(self.target_text(ind, Target::Value(t))?),
                    ),
                ],
            )?,
            Some(Target::NotAppropriate) => self.t("chart-desc-not-appropriate", &[year])?,
            None => self.t("chart-desc-no-target", &[year])?,
        });
        if let Ok(status) = figures::indicator_status(ind, latest, self.site.config.status) {
            let label = self.status_view(Ok(status), latest)?.label;
            sentences.push(self.t("chart-desc-status", &[("status", Arg::Text(label))])?);
        }
        let count = ind.values.len();
        if count > 1 {
            sentences.push(self.t("chart-desc-count", &[("count", Arg::Number(count as f64))])?);
        }
        Ok(sentences.join(" "))
    }

    /// A report's indicators, section by section, with their figures for its period.
    fn report_rows(&self, i: usize) -> Result<Vec<Vec<IndicatorRow>>, String> {
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

/// Files of the theme's `static/` folder and the site's own `static/`, to copy.
pub fn static_files(config: &Config) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    // The site's own static files override the theme's.
    for dir in [config.theme_dir.join("static"), config.root.join("static")] {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::content::is_editor_litter(&name) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(rel, bytes);
                }
                Err(e) => diags.push(Diagnostic::in_file(
                    entry.path(),
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
    let dirs: Vec<PathBuf> = match config.shared_base {
        Some(_) => vec![PathBuf::from("static")],
        None => (0..config.languages.len())
            .map(|l| language_dir(config, l).join("static"))
            .collect(),
    };
    let out = dirs
        .iter()
        .flat_map(|d| {
            files
                .iter()
                .map(move |(rel, bytes)| (d.join(rel), bytes.clone()))
        })
        .collect();
    diags.into_result(out)
}
