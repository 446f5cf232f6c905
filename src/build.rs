//! The pipeline: configuration → load → model → render → write. `build_site` does all
//! but the write, so `check` and `serve` can share it; `build` writes too.

use crate::config::{Config, Overrides};
use crate::diagnostics::Diagnostics;
use crate::render::{self, OutputFile};
use crate::theme::Theme;
use crate::{content, model, output};
use std::path::Path;
use std::time::{Duration, Instant};

/// A site rendered in memory.
#[derive(Debug)]
pub struct Built {
    /// The validated site.
    pub site: model::Site,
    /// Every output file.
    pub files: Vec<OutputFile>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Pages per language.
    pub pages_per_language: usize,
    /// Files written.
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// What validation warned of (sorted): nothing that stops a build, but worth
    /// reading before publishing.
    pub warnings: Diagnostics,
}

/// Reads `content/` and validates it into a [`model::Site`].
///
/// Files that cannot be read do not stop the checks of the others: every problem is
/// reported in one run.
pub fn load_site(config: Config) -> Result<model::Site, Diagnostics> {
    load_site_reusing(config, None, &Default::default(), None).map(|loaded| loaded.site)
}

/// A site loaded by [`load_site_reusing`], with what the next load can reuse.
pub struct Loaded {
    /// The validated site.
    pub site: model::Site,
    /// The content it was made from.
    pub content: content::Content,
    /// What validation found across files.
    pub findings: crate::validate::Findings,
}

/// Like [`load_site`], reading and parsing only the files that changed since `cache`
/// was filled (see [`content::ParseCache`]; `touched` are files a watcher saw
/// change), taking from `previous` (the last load's content and site) what did not
/// change (see [`crate::validate::build_reusing`]), and returning the content and
/// findings for next time.
pub fn load_site_reusing(
    config: Config,
    cache: Option<&mut content::ParseCache>,
    touched: &std::collections::BTreeSet<std::path::PathBuf>,
    previous: Option<crate::validate::Previous<'_>>,
) -> Result<Loaded, Diagnostics> {
    let (content, diags) = content::load_all_cached(&config, cache, touched);
    let (site, findings) = model_of(config, &content, diags, previous)?;
    Ok(Loaded {
        site,
        content,
        findings,
    })
}

/// The model of `content`, validated, with the problems of reading it (`loaded`):
/// content that could not be read stops the build, and the model's warnings then go
/// with the errors, so every problem is reported in one run.
fn model_of(
    config: Config,
    content: &content::Content,
    mut loaded: Diagnostics,
    previous: Option<crate::validate::Previous<'_>>,
) -> Result<(model::Site, crate::validate::Findings), Diagnostics> {
    match crate::validate::build_reusing(config, content, previous) {
        Ok((site, _)) if loaded.has_errors() => {
            loaded.0.extend(site.warnings.0);
            Err(loaded.sorted())
        }
        Ok(made) => Ok(made),
        Err(more) => {
            loaded.0.extend(more.0);
            loaded.0.sort();
            loaded.0.dedup();
            Err(loaded)
        }
    }
}

/// What `serve` and `watch` keep between renders, so that a rebuild makes again only
/// what a change affected: every indicator's figures, and the parts of the site-wide
/// data files.
#[derive(Default)]
pub struct Kept {
    figures: render::FigureCache,
    parts: render::data::Parts,
}

/// Renders every page of `site` and its open data files (no static files).
pub fn render_pages(site: &model::Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    render_changes(site, theme, None, None)
}

/// Like [`render_pages`], keeping in `kept` what [`render_affected`] can use again.
pub fn render_pages_keeping(
    site: &model::Site,
    theme: &Theme,
    kept: &mut Kept,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_changes(site, theme, None, Some(kept))
}

/// Renders again what a content change affected (see [`render::Affected`]): the
/// files returned replace those of the same paths; every other file is unchanged.
/// `kept` is what the last render kept, and is updated.
pub fn render_affected(
    site: &model::Site,
    theme: &Theme,
    affected: &render::Affected,
    kept: &mut Kept,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_changes(site, theme, Some(affected), Some(kept))
}

/// Renders the pages and data files `affected` names (all of them with `None`).
fn render_changes(
    site: &model::Site,
    theme: &Theme,
    affected: Option<&render::Affected>,
    mut kept: Option<&mut Kept>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let jobs = match affected {
        Some(a) => render::Jobs::some(site, &a.pages),
        None => render::Jobs::all(site),
    };
    // What is kept is changed only by a render that succeeds: the figures are taken
    // out (an empty cache is left, which the next render makes anew), since a failed
    // render may have kept figures of a site that is not the next one's base.
    let (figures, mut parts) = match kept.as_deref_mut() {
        Some(k) => {
            let mut figures = std::mem::take(&mut k.figures);
            figures.refresh(site, affected);
            (figures, Some(k.parts.clone()))
        }
        None => (render::FigureCache::passing(site), None),
    };
    // Both are parallel inside; joined, the idle core of one takes work from the other.
    let (pages, data) = rayon::join(
        || render::render_each_with(site, theme, &jobs, &figures, &Ok),
        || {
            use render::data::{Which, data_files_of};
            data_files_of(
                site,
                &theme.i18n,
                affected,
                parts.as_mut(),
                Which::Every,
                &Ok,
            )
        },
    );
    let (mut pages, data) = both(pages, data).map_err(|d| located(d, site))?;
    pages.extend(data);
    if let (Some(k), Some(parts)) = (kept, parts) {
        k.figures = figures;
        k.parts = parts;
    }
    Ok(pages)
}

/// Both results, or the problems of either or both, sorted: independent phases report
/// all their problems in one run.
pub(crate) fn both<A, B>(
    a: Result<A, Diagnostics>,
    b: Result<B, Diagnostics>,
) -> Result<(A, B), Diagnostics> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut all = Diagnostics::default();
            all.0.extend(a.err().map(|d| d.0).unwrap_or_default());
            all.0.extend(b.err().map(|d| d.0).unwrap_or_default());
            all.0.sort();
            Err(all)
        }
    }
}

/// Every output file: `pages` and the theme's static files, sorted by path.
pub fn all_files(pages: &[OutputFile], theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = pages.iter().chain(&theme.statics).cloned().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Loads, checks and renders the site in `root`, writing nothing.
pub fn build_site(root: &Path, overrides: &Overrides) -> Result<Built, Diagnostics> {
    let config = Config::load(root, overrides)?;
    let (content, loaded) = content::load_all(&config);
    build_site_from(&config, &content, loaded)
}

/// Checks and renders the site from `content`, already loaded with the problems
/// `loaded` (so `check` reads `content/` once for this and its own checks).
pub fn build_site_from(
    config: &Config,
    content: &content::Content,
    loaded: Diagnostics,
) -> Result<Built, Diagnostics> {
    // The model and the theme are independent: make both, report both sets of
    // problems.
    let (site, theme) = rayon::join(
        || model_of(config.clone(), content, loaded, None).map(|(site, _)| site),
        || Theme::load(config),
    );
    let (site, theme) = both(site, theme)?;
    let mut files = render_pages(&site, &theme)?;
    files.extend(theme.statics);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Built { site, files })
}

/// Problems found while rendering, each broken or unsafe link (and heading
/// attribute) placed where it is written.
fn located(diags: Diagnostics, site: &model::Site) -> Diagnostics {
    let root = &site.config.root;
    render::markdown::locate_links(
        diags,
        || render::markdown::content_files(site),
        |file| std::fs::read_to_string(root.join(file)).ok(),
        |link| render::site_link(site, site.config.default, link).is_some(),
    )
}

/// Builds the site in `root` and writes it to the output folder. Each file is written
/// to the staging folder as soon as it is rendered, so the whole site is never held in
/// memory; the staging folder replaces the output folder only if every page rendered.
pub fn build(root: &Path, overrides: &Overrides) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    let config = Config::load(root, overrides)?;
    // Refuse a bad output folder before any work.
    let staging = output::Staging::begin(root, &config.output)?;
    let (site, theme) = rayon::join(|| load_site(config.clone()), || Theme::load(&config));
    let (site, theme) = both(site, theme)?;
    let write = |(rel, bytes): OutputFile| staging.write(&rel, &bytes);
    let pages = render::Jobs::all(&site);
    let data_files =
        |which| render::data::data_files_of(&site, &theme.i18n, None, None, which, &write);
    // The site-wide data files after the pages, so their tens of megabytes are not
    // held while pages are.
    let (rendered, data) = rayon::join(
        || render::render_each(&site, &theme, &pages, &write),
        || data_files(render::data::Which::ButSiteWide),
    );
    let (rendered, mut data) = both(rendered, data).map_err(|d| located(d, &site))?;
    data.extend(data_files(render::data::Which::SiteWide).map_err(|d| located(d, &site))?);
    // Static files last: they win over a page of the same path, as in `build_site`.
    for (rel, bytes) in &theme.statics {
        staging.write(rel, bytes)?;
    }
    staging.commit()?;
    Ok(Summary {
        pages_per_language: pages.len() / site.config.languages.len(),
        files: rendered.len() + data.len() + theme.statics.len(),
        elapsed: start.elapsed(),
        warnings: site.warnings.sorted(),
    })
}
