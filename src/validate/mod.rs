//! Validation: the model made from loaded content, every rule that accepts or
//! refuses it checked here, and every cross reference resolved. `build` and `check`
//! both run it; its own module, so that the model (types) and content (loading) do
//! not import each other through it.

mod actions;
mod figures;
pub use figures::MAX_FIGURE;
mod indicator;
mod listing;
mod report;
mod reuse;
mod revisions;
mod target_year;
mod translation_shape;

use crate::config::Config;
use crate::content::At;
use crate::content::{Content, Localised, PageFront, PageWords};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::model::*;
use indicator::indicator;
use rayon::prelude::*;
use report::report;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::PathBuf;
use std::sync::Arc;
use target_year::target_year;

/// Builds the model, reporting every problem found.
pub fn build(config: Config, content: &Content) -> Result<Site, Diagnostics> {
    build_reusing(config, content, None).map(|(site, _)| site)
}

/// What the last build of the model found by the checks that read more than one
/// file (reports, target years, the listing and actions rules), kept with its
/// content and site so that a rebuild whose edit leaves their inputs alone finds them
/// again without checking again (see [`build_reusing`]).
#[derive(Debug, Default, Clone)]
pub struct Findings {
    across: Vec<Diagnostic>,
}

/// The last build's content, site and findings, for [`build_reusing`].
pub type Previous<'a> = (&'a Content, &'a Site, &'a Findings);

/// Like [`build`], taking from `previous` (the content, site and findings of the last
/// build, with the same configuration) what `content` did not change: the
/// indicators whose parsed files are the very ones in `content` (as the parse cache
/// shares them), as an indicator is made from its own files alone; and the reports,
/// target years and findings across files, while every input of those is the same
/// (see `reuse.rs`). Returns the findings for next time.
pub fn build_reusing(
    config: Config,
    content: &Content,
    previous: Option<Previous<'_>>,
) -> Result<(Site, Findings), Diagnostics> {
    let mut diags = Diagnostics::default();
    let (indicators, invalid) = made_indicators(&config, content, previous, &mut diags);
    let by_id = IndicatorIds {
        index: indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), i))
            .collect(),
        unreadable: content
            .broken
            .iter()
            .filter(|(kind, _)| *kind == crate::content::Kind::Indicator)
            .map(|(_, slug)| slug.clone())
            .chain(invalid)
            .collect(),
    };
    let (reports, target_years, findings) =
        match reuse::across(&config, content, &indicators, previous) {
            Some(kept) => kept,
            None => across(&config, content, &indicators, &by_id),
        };
    diags.0.extend(findings.across.iter().cloned());
    let (pages, home) = pages_and_home(config.drafts, content, &mut diags);
    let reports_of = reports_of(indicators.len(), &reports);
    let warnings = diags.warnings();
    let site = Site {
        warnings,
        config,
        home,
        indicators,
        reports,
        target_years,
        reports_of,
        pages,
    };
    diags.into_result((site, findings))
}

/// Every indicator not a draft, sorted by id, those whose files are unchanged taken
/// from `previous` (with their warnings), and the ids of those with an error in
/// their own files: known, so that what lists them does not also say "no indicator
/// has the id".
fn made_indicators(
    config: &Config,
    content: &Content,
    previous: Option<Previous<'_>>,
    diags: &mut Diagnostics,
) -> (Vec<Arc<Indicator>>, FxHashSet<String>) {
    let drafts = config.drafts;
    let shown = || {
        content
            .indicators
            .iter()
            .filter(move |l| drafts || !l.source.front.draft)
    };
    // Each indicator stands alone, and a site may have thousands: in parallel.
    let built: Vec<(Option<Arc<Indicator>>, Diagnostics)> = content
        .indicators
        .par_iter()
        .filter(|l| drafts || !l.source.front.draft)
        .map(|l| {
            if let Some(kept) = previous.and_then(|p| reuse::indicator(p, l)) {
                let warnings = Diagnostics(kept.warnings.clone());
                return (Some(kept), warnings);
            }
            let mut d = Diagnostics::default();
            (indicator(config, l, &mut d).map(Arc::new), d)
        })
        .collect();
    let mut indicators = Vec::with_capacity(built.len());
    let mut invalid = FxHashSet::default();
    for ((ind, d), l) in built.into_iter().zip(shown()) {
        diags.0.extend(d.0);
        if ind.is_none() {
            invalid.insert(l.slug.clone());
        }
        indicators.extend(ind);
    }
    indicators.sort_by(|a, b| a.id.cmp(&b.id));
    (indicators, invalid)
}

/// The reports and target years, and what the checks across files find: each
/// report's and target year's own problems, two reports of one period, and the
/// rules of `listing` and `actions`.
fn across(
    config: &Config,
    content: &Content,
    indicators: &[Arc<Indicator>],
    by_id: &IndicatorIds<'_>,
) -> (Vec<Report>, Vec<TargetYear>, Findings) {
    let drafts = config.drafts;
    let mut diags = Diagnostics::default();
    let mut reports: Vec<Report> = content
        .reports
        .iter()
        .filter(|l| drafts || !l.source.front.draft)
        .filter_map(|l| report(config, l, by_id, &mut diags))
        .collect();
    reports.sort_by(|a, b| b.period.cmp(&a.period).then_with(|| a.slug.cmp(&b.slug)));
    for pair in reports.windows(2) {
        if pair[0].period == pair[1].period {
            diags.push(
                Diagnostic::in_file(
                    Code::DuplicateReport,
                    &pair[1].source,
                    format!(
                        "{} also reports on {}: one report per period",
                        pair[0].source.display(),
                        pair[0].period
                    ),
                )
                .help("merge the two reports, or correct the `period` of one"),
            );
        }
    }
    let mut target_years: Vec<TargetYear> = content
        .target_years
        .iter()
        .filter(|l| drafts || !l.source.front.draft)
        .filter_map(|l| target_year(l, indicators, by_id, &mut diags))
        .collect();
    target_years.sort_by_key(|t| std::cmp::Reverse(t.year));
    listing::check(content, &mut diags);
    actions::check(config, content, indicators, by_id, &mut diags);
    let findings = Findings { across: diags.0 };
    (reports, target_years, findings)
}

/// The plain pages and the home page, checked: no page takes the address of a page
/// dangos makes, and the accessibility statement and home page exist.
fn pages_and_home(drafts: bool, content: &Content, diags: &mut Diagnostics) -> (Vec<Page>, Page) {
    let pages: Vec<Page> = content
        .pages
        .iter()
        .filter(|l| drafts || !l.source.front.draft)
        .map(|l| page(l))
        .collect();
    // A page lives at /LANG/SLUG/: it must not take the address of a generated page.
    for p in pages
        .iter()
        .filter(|p| RESERVED_SLUGS.contains(&p.slug.as_str()))
    {
        diags.push(
            Diagnostic::in_file(
                Code::ReservedSlug,
                &p.source,
                format!("the address /{}/ belongs to a page dangos makes", p.slug),
            )
            .help(format!(
                "rename the file: page slugs must not be {}",
                RESERVED_SLUGS.join(", ")
            )),
        );
    }
    use crate::content::Kind;
    let unreadable = |kind: Kind, slug: &str| content.broken.contains(&(kind, slug.to_string()));
    if !pages.iter().any(|p| p.slug == ACCESSIBILITY_SLUG)
        && !unreadable(Kind::Page, ACCESSIBILITY_SLUG)
    {
        diags.push(
            Diagnostic::in_file(Code::MissingContent, "content/pages", "there is no accessibility statement")
                .help("add content/pages/accessibility.md and its translations: every page's footer links to it"),
        );
    }
    let no_home = || Page {
        slug: String::new(),
        source: PathBuf::new(),
        text: Vec::new(),
    };
    let home = match &content.home {
        Some(h) => page(h),
        None if unreadable(Kind::Home, "index") => no_home(),
        None => {
            diags.push(
                Diagnostic::in_file(
                    Code::MissingContent,
                    "content/index.md",
                    "there is no home page",
                )
                .help("add content/index.md (title and introduction) and its translations"),
            );
            no_home()
        }
    };
    (pages, home)
}

/// For each of `count` indicators, the reports that list it, in the reports' order.
fn reports_of(count: usize, reports: &[Report]) -> Vec<Vec<usize>> {
    let mut reports_of = vec![Vec::new(); count];
    for (r, report) in reports.iter().enumerate() {
        for &i in report.sections.iter().flatten() {
            if reports_of[i].last() != Some(&r) {
                reports_of[i].push(r);
            }
        }
    }
    reports_of
}

/// Indicator ids, to resolve references. Ids whose files could not be read, or
/// hold an error, are known (their own errors are reported) but resolve to nothing.
struct IndicatorIds<'a> {
    index: FxHashMap<&'a str, usize>,
    unreadable: FxHashSet<String>,
}

fn resolve_ids(
    ids: &[At<String>],
    by_id: &IndicatorIds<'_>,
    src: &crate::content::Source,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    ids.iter()
        .filter_map(|id| match by_id.index.get(id.as_str()) {
            Some(&i) => Some(i),
            // Its own file's problems are reported; an "unknown id" here would mislead.
            None if by_id.unreadable.contains(&id.value) => None,
            None => {
                diags.push(
                    Diagnostic::in_file(Code::UnknownIndicator, &src.path, format!("no indicator has the id `{id}`"))
                        .at_line(src.lines(), id.pos)
                        .help(format!("indicator ids are file names in content/indicators/: is content/indicators/{id}.md missing, misspelt or a draft?")),
                );
                None
            }
        })
        .collect()
}

fn page(l: &Localised<PageFront, PageWords>) -> Page {
    let src = &l.source.source;
    Page {
        text: translation_shape::texts(l),
        slug: l.slug.clone(),
        source: src.path.clone(),
    }
}

/// Whether an error (not a warning) was added to `diags` after the first `before`.
fn errors_since(diags: &Diagnostics, before: usize) -> bool {
    diags.0[before..]
        .iter()
        .any(|d| d.severity() == Severity::Error)
}
