//! The parallel driver: every page (and the files that list them) in every
//! language, each handed on as soon as it is made.

use super::affected::Langs;
use super::feed::feeds;
use super::figure_cache::FigureCache;
use super::fragments::Fragments;
use super::language_choice::language_choice;
use super::renderer::Renderer;
use super::sitemap::sitemaps;
use super::urls::{Links, OutputFile, PageId, output_path};
use super::word_cache::WordCache;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::Site;
use crate::theme::templates;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    render_each_with(site, theme, jobs, &FigureCache::passing(site), each)
}

/// Like [`render_each`], with the figures of `figures` (made for this site).
pub fn render_each_with<R: Send>(
    site: &Site,
    theme: &crate::theme::Theme,
    jobs: &Jobs,
    figures: &FigureCache,
    each: &Each<'_, R>,
) -> Result<Vec<R>, Diagnostics> {
    // A font charts-rs cannot use is one problem of the theme, said once here, not
    // once per chart.
    super::chart::register_font(&theme.chart).map_err(|m| {
        let file = site.config.theme_dir.join("chart.toml");
        let file = file.strip_prefix(&site.config.root).unwrap_or(&file);
        Diagnostic::in_file(Code::Theme, file, m)
    })?;
    let (envs, i18n) = (&theme.envs, theme.i18n.as_ref());
    let templates_dir = site.config.theme_dir.join(templates::TEMPLATES_DIR);
    let templates_dir = templates_dir
        .strip_prefix(&site.config.root)
        .unwrap_or(&templates_dir)
        .to_path_buf();
    let words = WordCache::new(site, i18n)?;
    let fragments = Fragments::new(envs, &templates_dir);
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
        match feeds(site, i18n, &words) {
            Ok(files) => made.extend(files.into_iter().map(each)),
            Err(d) => made.push(Err(d)),
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
                    fragments: &fragments,
                    chart: &theme.chart,
                    lang,
                    links: Links {
                        config: &site.config,
                    },
                };
                // A problem in the page's words is in its content file.
                let ctx = r
                    .context(page)
                    .map_err(|d| d.or_in_file(page.source_in(site, lang).unwrap_or_default()))?;
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
