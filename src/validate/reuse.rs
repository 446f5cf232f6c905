//! What a rebuild can take from the last build of the model instead of making it
//! again: an indicator whose files are the very ones parsed last time, and the
//! findings across files while every input of those checks is the same. An edit to
//! an indicator's words (the usual edit under `dangos serve`) then checks that
//! indicator alone, not every report and target year against every indicator.

use super::{Findings, Previous};
use crate::config::Config;
use crate::content::{Content, IndicatorFront, IndicatorWords, Localised};
use crate::figures;
use crate::model::{Indicator, Report, TargetYear};
use std::sync::Arc;

/// The last build's indicator for `l`, if its parsed files are the very ones in
/// `l` (the parse cache shares unchanged files).
pub(super) fn indicator(
    (old_content, old_site, _): Previous<'_>,
    l: &Arc<Localised<IndicatorFront, IndicatorWords>>,
) -> Option<Arc<Indicator>> {
    let at = old_content
        .indicators
        .binary_search_by(|o| o.slug.cmp(&l.slug))
        .ok()?;
    if !Arc::ptr_eq(&old_content.indicators[at], l) {
        return None;
    }
    let at = old_site
        .indicators
        .binary_search_by(|i| i.id.cmp(&l.slug))
        .ok()?;
    Some(old_site.indicators[at].clone())
}

/// The last build's reports, target years and findings across files, if every
/// input of those checks is what it was: the same report and target-year files, the
/// same files unreadable, the same indicators by id, and, of each indicator whose
/// files changed, the same of what those checks read (see [`same_across`]).
pub(super) fn across(
    config: &Config,
    content: &Content,
    indicators: &[Arc<Indicator>],
    previous: Option<Previous<'_>>,
) -> Option<(Vec<Report>, Vec<TargetYear>, Findings)> {
    let (old_content, old_site, findings) = previous?;
    let same = same_files(&old_content.reports, &content.reports)
        && same_files(&old_content.target_years, &content.target_years)
        && old_content.broken == content.broken
        && old_content.indicators.len() == content.indicators.len()
        && old_site.indicators.len() == indicators.len()
        && old_content
            .indicators
            .iter()
            .zip(&content.indicators)
            .all(|(a, b)| Arc::ptr_eq(a, b) || same_front(a, b))
        && old_site
            .indicators
            .iter()
            .zip(indicators)
            .all(|(a, b)| Arc::ptr_eq(a, b) || same_across(config, content, a, b));
    same.then(|| {
        (
            old_site.reports.clone(),
            old_site.target_years.clone(),
            findings.clone(),
        )
    })
}

/// Whether `a` and `b` hold the very same parsed files.
fn same_files<T>(a: &[Arc<T>], b: &[Arc<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
}

/// Whether what the listing rules read of an indicator's file is the same: its id,
/// whether it is a draft, its reference (and where it is written), and the periods
/// of its values, targets and commentary.
fn same_front(
    a: &Localised<IndicatorFront, IndicatorWords>,
    b: &Localised<IndicatorFront, IndicatorWords>,
) -> bool {
    let (fa, fb) = (&a.source.front, &b.source.front);
    a.slug == b.slug
        && fa.draft == fb.draft
        && match (&fa.code, &fb.code) {
            (None, None) => true,
            (Some(x), Some(y)) => x.value == y.value && x.pos == y.pos,
            _ => false,
        }
        && fa.values.keys().eq(fb.values.keys())
        && fa.targets.keys().eq(fb.targets.keys())
        && fa.commentary.keys().eq(fb.commentary.keys())
}

/// Whether what the checks across files read of an indicator's model is the same:
/// its id and file, the years it has targets for, and, for each report's period,
/// its status and whether it says what is being done.
fn same_across(config: &Config, content: &Content, a: &Indicator, b: &Indicator) -> bool {
    let actions = |i: &Indicator, period| {
        i.text
            .get(config.default)
            .is_some_and(|t| t.actions.contains_key(&period))
    };
    a.id == b.id
        && a.source == b.source
        && a.targets.keys().eq(b.targets.keys())
        && content.reports.iter().all(|r| {
            let period = r.source.front.period.value;
            figures::indicator_status(a, period, config.status)
                == figures::indicator_status(b, period, config.status)
                && actions(a, period) == actions(b, period)
        })
}
