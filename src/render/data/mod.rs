//! Open data: every figure of the site as CSV (for spreadsheets) and JSON (for
//! programs), once per language, beside the pages they belong to:
//!
//! - `{lang}/indicators/{id}/{id}.csv`: one indicator, a row per period;
//! - `{lang}/reports/{slug}/{slug}.csv` and `.json`: a report's indicators for its period;
//! - `{lang}/data/indicators.csv` and `.json`: every indicator and every period.
//!
//! Column headings and words (titles, period and status labels, commentary) are in the
//! file's language; codes (period, unit, direction, status) and numbers are the same in
//! every language. Numbers are plain (`1754`, never `1,754`; no trailing zeros) and
//! are the figures as the page shows them ([`crate::figures`]): a value (or a
//! fraction's percentage) and a target rounded to the indicator's decimal places; a
//! numerator and denominator as they were given. A number column holds a number or
//! nothing (`null` in JSON); the shorthand of official statistics (`[x]` not
//! available, `[z]` not applicable, `[p]`, `[r]`) is in the marker column beside it
//! (`records.rs`). CSV follows RFC 4180 (CRLF line ends, quotes only where needed), in
//! UTF-8 with a byte order mark so that spreadsheet programs read Welsh letters such
//! as ŵ correctly, and a cell a spreadsheet would run as a formula is written with a
//! leading `'` ([`csv::neutralise_formula_like`]).

pub mod csv;
mod files;
mod json;
pub(in crate::render) mod paths;
pub(in crate::render) mod records;

pub use files::Parts;
pub use records::{FigureRecord, IndicatorRecord, direction_code, unit_code};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::model::Site;
use crate::render::urls::{Links, OutputFile};
use crate::render::word_cache::WordCache;
use files::{ByLanguage, Data, Part};
use rayon::prelude::*;
use std::sync::Arc;

/// Every data file of the site, in every language.
pub fn data_files(site: &Site, i18n: &I18n) -> Result<Vec<OutputFile>, Diagnostics> {
    data_files_of(site, i18n, None, None, Which::Every, &Ok)
}

/// Which of the data files to make. A build makes the site-wide files (tens of
/// megabytes a language at thousands of indicators) after the pages, so that they
/// are not held while pages are; each indicator's own CSV file comes with them
/// (see [`data_files_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Every file.
    Every,
    /// Every file but the site-wide ones.
    ButSiteWide,
    /// The site-wide files.
    SiteWide,
}

/// The data files a content change can have altered (see [`crate::render::Affected`]); all of
/// them with `None`. Each file is handed to `each` as soon as it is made (see
/// [`crate::render::render_each`]). `parts`, when given, holds the site-wide files' parts of
/// the last render: those of indicators the change did not affect are used again
/// (all are made again with `None`), and the new ones are kept there. `which`
/// chooses among them.
pub fn data_files_of<R: Send>(
    site: &Site,
    i18n: &I18n,
    affected: Option<&crate::render::Affected>,
    parts: Option<&mut Parts>,
    which: Which,
    each: &crate::render::Each<'_, R>,
) -> Result<Vec<R>, Diagnostics> {
    let words = WordCache::new(site, i18n)?;
    let data = |lang| Data {
        site,
        i18n,
        words: &words,
        lang,
        links: Links {
            config: &site.config,
        },
    };
    // Each indicator's own CSV file is made with its part of the site-wide files,
    // from the same records: by the site-wide job, or, when the parts are kept,
    // here, first and in parallel: those of the indicators the change left alone
    // are used again; the rest are made, with their own CSV files.
    let mut own_files = Vec::new();
    let kept = match parts {
        Some(parts) => {
            let (new, own) = kept_parts(site, affected, parts, &data, each)?;
            own_files = own;
            Some((parts, new))
        }
        None => None,
    };
    let kept_now = kept.as_ref().map(|(parts, new)| Kept {
        rows: &parts.reports,
        all: new,
    });
    let run = |(lang, job)| data(lang).job(job, affected, kept_now.as_ref(), each);
    // The site-wide files are by far the largest (some 80 MB a language at 5,000
    // indicators): made one language at a time, after the rest, so two are never
    // held at once; each is made from its parts in parallel.
    let (site_wide, rest): (Vec<_>, Vec<_>) = jobs(site, affected)
        .into_iter()
        .filter(|&(_, job)| match which {
            Which::Every => true,
            Which::ButSiteWide => !matches!(job, Job::All),
            Which::SiteWide => matches!(job, Job::All),
        })
        .partition(|(_, job)| matches!(job, Job::All));
    let mut made: Vec<Result<Made<R>, Diagnostic>> = rest.into_par_iter().map(run).collect();
    made.extend(site_wide.into_iter().map(run));
    let (mut files, rows) = gathered(made)?;
    if let Some((parts, new)) = kept {
        parts.all = new;
        parts.reports.extend(rows);
    }
    files.extend(own_files);
    Ok(files)
}

/// One data file (or pair) to make, in one language.
#[derive(Clone, Copy)]
enum Job {
    Report(usize),
    All,
}

/// A report's rows to keep, keyed by language and report.
type KeptRows = ((usize, usize), files::Rows);

/// The files of one job, and a report's rows to keep.
type Made<R> = (Vec<R>, Option<KeptRows>);

/// What serve and watch keep of the last render, while this one makes its files: the
/// reports' rows, and every indicator's new part by language.
struct Kept<'k> {
    rows: &'k files::ReportRows,
    all: &'k ByLanguage,
}

/// Every job in every language that `affected` touches; all of them with `None`.
fn jobs(site: &Site, affected: Option<&crate::render::Affected>) -> Vec<(usize, Job)> {
    (0..site.config.languages.len())
        .flat_map(|lang| {
            let reports = (0..site.reports.len()).map(Job::Report);
            reports.chain([Job::All]).map(move |job| (lang, job))
        })
        .filter(|&(lang, job)| match (affected, job) {
            (None, _) => true,
            (Some(a), Job::Report(r)) => a.reports[r].has(lang),
            (Some(a), Job::All) => a.any_indicator().has(lang),
        })
        .collect()
}

impl Data<'_> {
    /// The files of `job` in this language, each handed to `each` as it is made,
    /// with a report's rows when they are kept.
    fn job<R: Send>(
        &self,
        job: Job,
        affected: Option<&crate::render::Affected>,
        kept: Option<&Kept<'_>>,
        each: &crate::render::Each<'_, R>,
    ) -> Result<Made<R>, Diagnostic> {
        let (site, lang) = (self.site, self.lang);
        let dir = site.config.language_dir(lang);
        Ok(match job {
            Job::Report(i) => {
                let s = &site.reports[i].slug;
                // A report's row is kept while its indicator is unchanged in the
                // language.
                let rows = affected.and(kept.and_then(|k| k.rows.get(&(lang, i))));
                let kept_row = |k: usize, ind: usize| {
                    let unchanged = affected.is_some_and(|a| !a.indicators[ind].has(lang));
                    unchanged.then(|| rows?.get(k).cloned()).flatten()
                };
                let (csv, json, rows) = self.report_data(i, &kept_row)?;
                let files = vec![
                    each((dir.join(paths::report_csv(s)), csv))?,
                    each((dir.join(paths::report_json(s)), json))?,
                ];
                // Rows are kept only where parts are: a build holds no more.
                (files, kept.is_some().then_some(((lang, i), rows)))
            }
            Job::All => {
                let (csv, json, mut files) =
                    self.all_indicators(kept.map(|k| &k.all[lang][..]), each)?;
                files.push(each((dir.join(paths::ALL_CSV), csv))?);
                files.push(each((dir.join(paths::ALL_JSON), json))?);
                (files, None)
            }
        })
    }
}

/// Every job's files and kept rows, or all their problems, each said once (the same
/// missing string fails every file of a language).
fn gathered<R>(
    made: Vec<Result<Made<R>, Diagnostic>>,
) -> Result<(Vec<R>, Vec<KeptRows>), Diagnostics> {
    let mut files = Vec::with_capacity(made.len());
    let mut rows = Vec::new();
    let mut diags = Diagnostics::default();
    for m in made {
        match m {
            Ok((f, r)) => {
                files.extend(f);
                rows.extend(r);
            }
            Err(d) => diags.push(d),
        }
    }
    diags.0.dedup();
    let files = diags.into_result(files)?;
    Ok((files, rows))
}

/// The site-wide files' parts after a change (see [`Parts`]): those of indicators
/// `affected` leaves alone, from `parts`; the rest made, in parallel, each with its
/// indicator's own CSV file, handed to `each`.
fn kept_parts<'a, R: Send>(
    site: &Site,
    affected: Option<&crate::render::Affected>,
    parts: &Parts,
    data: &(impl Fn(usize) -> Data<'a> + Sync),
    each: &crate::render::Each<'_, R>,
) -> Result<(ByLanguage, Vec<R>), Diagnostics> {
    let (n, count) = (site.config.languages.len(), site.indicators.len());
    let reuse = |lang: usize, i: usize| -> Option<Arc<Part>> {
        let affected = affected?;
        (!affected.indicators[i].has(lang)).then(|| parts.all.get(lang)?.get(i).cloned())?
    };
    let headings = (0..n)
        .map(|lang| data(lang).indicator_heading())
        .collect::<Result<Vec<_>, _>>()
        .map_err(Diagnostics::from)?;
    let made: Vec<_> = (0..n * count)
        .into_par_iter()
        .map(|at| -> Result<_, Diagnostic> {
            let (lang, i) = (at / count, at % count);
            match reuse(lang, i) {
                Some(part) => Ok((part, None)),
                None => {
                    let data = data(lang);
                    let (file, part) = data.indicator_files(i, &headings[lang])?;
                    Ok((Arc::new(part), Some(each(file)?)))
                }
            }
        })
        .collect();
    let mut new: ByLanguage = vec![Vec::with_capacity(count); n];
    let mut own = Vec::new();
    let mut diags = Diagnostics::default();
    for (at, made) in made.into_iter().enumerate() {
        match made {
            Ok((part, file)) => {
                new[at / count].push(part);
                own.extend(file);
            }
            Err(d) => diags.push(d),
        }
    }
    diags.0.dedup();
    diags.into_result((new, own))
}
