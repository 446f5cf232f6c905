//! Rebuilding after a change, redoing only the phases the change affects, and keeping
//! the last good site when a rebuild fails.
//!
//! The phases are those of [`crate::build::build_site`]: the configuration, the
//! content (read and validated into a [`Site`]), the theme (UI strings, templates,
//! static files), and rendering. A content change re-reads the content and keeps the
//! theme; a template change recompiles the templates and re-renders without reading
//! the content; a static file re-reads the static files and renders nothing; a
//! `site.toml` change redoes everything. A change to content alone renders again only
//! the pages and data files that show what changed ([`crate::render::Affected`]),
//! unless the site's shape changed; any other change renders every page. The result
//! is compared with the last build, so the files reported and written are exactly
//! those whose bytes changed; tests check it is what a clean build makes.
//!
//! A failed rebuild changes nothing here; the kinds of change it was asked to apply
//! stay pending, so the next rebuild (after the fix) redoes them too.

mod change;
mod files;

pub use change::{ChangeKind, EVERYTHING, classify};
pub use files::{Files, diff, key};

use crate::build;
use crate::config::{Config, Overrides};
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::theme::Theme;
use files::to_files;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Every output file of the new build.
    pub files: Arc<Files>,
    /// Files that are new or whose bytes changed.
    pub changed: Vec<String>,
    /// Files the new build no longer makes.
    pub deleted: Vec<String>,
    /// The pages and data files rendered again (each language's its own), whether
    /// or not their bytes changed: what the change cost. A one-file edit renders
    /// only what it can affect (see [`crate::render::Affected`]).
    pub rendered: Vec<String>,
    /// The phases redone, for the message: `content`, `templates`, ...
    pub redone: Vec<&'static str>,
    /// Wall time of the rebuild (not counting the debounce).
    pub elapsed: Duration,
}

impl Rebuilt {
    /// How many files changed or went.
    pub fn count(&self) -> usize {
        self.changed.len() + self.deleted.len()
    }
}

struct State {
    site: Site,
    /// The content `site` was made from: its unchanged indicators are kept.
    content: crate::content::Content,
    /// What validating `content` found across files: kept while their inputs are.
    findings: crate::validate::Findings,
    /// What the last load parsed, so a content change parses only what changed.
    parsed: crate::content::ParseCache,
    /// What the last render kept (figures, site-wide data parts), so that an edit
    /// makes again only its own.
    kept: build::Kept,
    theme: Theme,
    pages: Files,
    statics: Files,
}

/// Rebuilds a site in memory, change by change.
pub struct Rebuilder {
    root: PathBuf,
    overrides: Overrides,
    state: Option<State>,
    pending: BTreeSet<ChangeKind>,
    /// Files a watcher saw change since the last good build: read again whatever
    /// their stamps say.
    touched: BTreeSet<PathBuf>,
    files: Arc<Files>,
}

impl Rebuilder {
    /// A rebuilder for the site in `root`; nothing is read until [`Rebuilder::rebuild`].
    pub fn new(root: &Path, overrides: Overrides) -> Rebuilder {
        Rebuilder {
            root: root.to_path_buf(),
            overrides,
            state: None,
            pending: EVERYTHING.into_iter().collect(),
            touched: BTreeSet::new(),
            files: Arc::new(Files::new()),
        }
    }

    /// The files of the last good build (empty before the first).
    pub fn files(&self) -> &Arc<Files> {
        &self.files
    }

    /// The configuration of the last good build.
    pub fn config(&self) -> Option<&Config> {
        self.state.as_ref().map(|s| &s.site.config)
    }

    /// What validating the last good build warned of, sorted: the same as a clean
    /// build of the same files finds.
    pub fn warnings(&self) -> Option<&Diagnostics> {
        self.state.as_ref().map(|s| &s.site.warnings)
    }

    /// The UI strings of the last good build.
    pub fn i18n(&self) -> Option<&Arc<crate::i18n::I18n>> {
        self.state.as_ref().map(|s| &s.theme.i18n)
    }

    /// The theme folder relative to the root, for [`classify`]: `None` until a
    /// build has succeeded (then any theme change rebuilds everything).
    pub fn theme_dir(&self) -> Option<PathBuf> {
        let config = self.config()?;
        let rel = config.theme_dir.strip_prefix(&config.root).ok()?;
        Some(rel.to_path_buf())
    }

    /// Applies `changes` (and any left pending by a failed rebuild). On failure the
    /// last good build is kept and the diagnostics returned.
    pub fn rebuild(&mut self, changes: &BTreeSet<ChangeKind>) -> Result<Rebuilt, Diagnostics> {
        self.rebuild_touched(changes, &BTreeSet::new())
    }

    /// Like [`Rebuilder::rebuild`], for changes a watcher saw: `touched` are the
    /// files changed, relative to the root, which are read again (any other content
    /// file is read again only if its length or time of writing changed).
    pub fn rebuild_touched(
        &mut self,
        changes: &BTreeSet<ChangeKind>,
        touched: &BTreeSet<PathBuf>,
    ) -> Result<Rebuilt, Diagnostics> {
        let start = Instant::now();
        self.pending.extend(changes.iter().copied());
        self.touched.extend(touched.iter().cloned());
        let (pending, touched) = (&self.pending, &self.touched);
        let has = |k: ChangeKind| pending.contains(&k);
        let mut redone = Vec::new();
        let mut rendered = Vec::new();

        match self.state.as_mut() {
            // Whatever `update` reloaded before failing is redone next time, as its
            // kind stays pending.
            Some(state) if !has(ChangeKind::Config) => {
                update(state, pending, touched, &mut redone, &mut rendered)?
            }
            _ => {
                redone.push("everything");
                let state = full(&self.root, &self.overrides)?;
                rendered.extend(state.pages.keys().map(|k| k.to_string()));
                self.state = Some(state);
            }
        }
        let state = self.state.as_ref().expect("built above");
        let mut files = state.pages.clone();
        // Static files win over pages at the same path, as in a clean build.
        files.extend(state.statics.iter().map(|(k, v)| (k.clone(), v.clone())));
        let (changed, deleted) = diff(&self.files, &files);
        self.files = Arc::new(files);
        self.pending.clear();
        self.touched.clear();
        Ok(Rebuilt {
            files: self.files.clone(),
            changed,
            deleted,
            rendered,
            redone,
            elapsed: start.elapsed(),
        })
    }
}

/// A clean build, kept in phases.
fn full(root: &Path, overrides: &Overrides) -> Result<State, Diagnostics> {
    let config = Config::load(root, overrides)?;
    let mut parsed = crate::content::ParseCache::default();
    let (site, theme) = rayon::join(
        || build::load_site_reusing(config.clone(), Some(&mut parsed), &BTreeSet::new(), None),
        || Theme::load(&config),
    );
    let (loaded, theme) = build::both(site, theme)?;
    let build::Loaded {
        site,
        content,
        findings,
    } = loaded;
    let mut kept = build::Kept::default();
    let pages = to_files(build::render_pages_keeping(&site, &theme, &mut kept)?);
    let statics = to_files(theme.statics.clone());
    Ok(State {
        site,
        content,
        findings,
        parsed,
        kept,
        theme,
        pages,
        statics,
    })
}

/// Reloads what of the theme `pending` changed: UI strings reload it whole (the
/// templates hold the strings, and the static files come with it and cost little);
/// templates and static files each reload on their own.
fn reload_theme(
    theme: &mut Theme,
    config: &crate::config::Config,
    pending: &BTreeSet<ChangeKind>,
) -> Result<(), Diagnostics> {
    if pending.contains(&ChangeKind::Strings) {
        *theme = Theme::load(config)?;
        return Ok(());
    }
    if pending.contains(&ChangeKind::Template) {
        theme.reload_templates(config)?;
    }
    if pending.contains(&ChangeKind::Static) {
        theme.reload_statics(config)?;
    }
    Ok(())
}

/// Redoes the phases `has` asks for on an existing state.
fn update(
    state: &mut State,
    pending: &BTreeSet<ChangeKind>,
    touched: &BTreeSet<PathBuf>,
    redone: &mut Vec<&'static str>,
    rendered: &mut Vec<String>,
) -> Result<(), Diagnostics> {
    let has = |k: ChangeKind| pending.contains(&k);
    let config = state.site.config.clone();
    let content = has(ChangeKind::Content);
    let strings = has(ChangeKind::Strings);
    let templates = has(ChangeKind::Template);
    let statics = has(ChangeKind::Static);
    // Content and theme are independent: reload both at once, report both.
    let previous = Some((&state.content, &state.site, &state.findings));
    let (site, theme) = rayon::join(
        || {
            content.then(|| {
                build::load_site_reusing(config.clone(), Some(&mut state.parsed), touched, previous)
            })
        },
        || reload_theme(&mut state.theme, &config, pending),
    );
    let mut all = Diagnostics::default();
    if let Some(Err(d)) = &site {
        all.0.extend(d.0.iter().cloned());
    }
    if let Err(d) = theme {
        all.0.extend(d.0);
    }
    all.into_result(())?;
    // A change to content alone re-renders only what it affected, when the site kept
    // its shape; anything else renders every page. The state takes the new site only
    // once it has rendered: what a failed render left unrendered is compared, and
    // rendered, next time.
    let (new_site, new_content) = match site.and_then(Result::ok) {
        Some(loaded) => (Some(loaded.site), Some((loaded.content, loaded.findings))),
        None => (None, None),
    };
    let affected = match &new_site {
        Some(site) if !(strings || templates) => {
            crate::render::Affected::between(&state.site, site)
        }
        _ => None,
    };
    let current = new_site.as_ref().unwrap_or(&state.site);
    redone.extend(
        [
            (ChangeKind::Content, "content"),
            (ChangeKind::Template, "templates"),
            (ChangeKind::Strings, "UI strings"),
            (ChangeKind::Static, "static files"),
        ]
        .into_iter()
        .filter(|(kind, _)| has(*kind))
        .map(|(_, name)| name),
    );
    match affected {
        Some(affected) => {
            let files = to_files(build::render_affected(
                current,
                &state.theme,
                &affected,
                &mut state.kept,
            )?);
            rendered.extend(files.keys().map(|k| k.to_string()));
            state.pages.extend(files);
        }
        None if content || strings || templates => {
            state.pages = to_files(build::render_pages_keeping(
                current,
                &state.theme,
                &mut state.kept,
            )?);
            rendered.extend(state.pages.keys().map(|k| k.to_string()));
        }
        None => {}
    }
    if let (Some(site), Some((content, findings))) = (new_site, new_content) {
        state.site = site;
        state.content = content;
        state.findings = findings;
    }
    if strings || statics {
        state.statics = to_files(state.theme.statics.clone());
    }
    Ok(())
}
