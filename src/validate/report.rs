//! A report: its sections' indicators resolved, its words in every language.

use super::errors_since;
use super::translation_shape::checked_texts;
use super::{IndicatorIds, resolve_ids};
use crate::config::Config;
use crate::content::{Localised, ReportFront, ReportWords, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use rustc_hash::FxHashSet;

/// Report `l` in the model's form, its sections' indicators resolved with `by_id`;
/// `None` if it has errors.
pub(super) fn report(
    config: &Config,
    l: &Localised<ReportFront, ReportWords>,
    by_id: &IndicatorIds<'_>,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let sections: Vec<Vec<usize>> = f
        .sections
        .iter()
        .map(|s| resolve_ids(&s.indicators, by_id, src, diags))
        .collect();
    listed_twice(f, src, diags);
    publication(f, src, diags);
    let text = checked_texts(config, l, diags)?;
    if errors_since(diags, before) {
        return None;
    }
    Some(Report {
        slug: l.slug.clone(),
        source: src.path.clone(),
        period: f.period.value,
        published: f.published.as_ref().map(|d| d.value),
        next_update: f.next_update.as_ref().map(|d| d.value),
        sections,
        text,
    })
}

/// A report shows each indicator once; twice would double-count its summary.
fn listed_twice(f: &ReportFront, src: &Source, diags: &mut Diagnostics) {
    let mut seen = FxHashSet::default();
    for id in f.sections.iter().flat_map(|s| &s.indicators) {
        if !seen.insert(&id.value) {
            diags.push(
                Diagnostic::in_file(
                    Code::DuplicateIndicator,
                    &src.path,
                    format!("`{id}` is listed twice in this report"),
                )
                .at_line(src.lines(), id.pos)
                .help("list each indicator in one section only"),
            );
        }
    }
}

/// A report says when it was published, and the next one is due after it. A report
/// without a date still builds (reports written before dates were asked for), but
/// `check` says so: readers of official statistics look for it.
fn publication(f: &ReportFront, src: &Source, diags: &mut Diagnostics) {
    match (&f.published, &f.next_update) {
        (None, _) => diags.push(
            Diagnostic::in_file(Code::NoPublishedDate,
                &src.path,
                "this report does not say when it was published: its pages and feed show no date",
            )
            .at_line(src.lines(), f.title.pos)
            .help("add `published: 2020-05-20` (the day it was published, year-month-day) to its front matter"),
        ),
        (Some(p), Some(n)) if n.value <= p.value => diags.push(
            Diagnostic::in_file(Code::InvalidValue,
                &src.path,
                format!("next_update {} is not after published {}", n.value, p.value),
            )
            .at_line(src.lines(), n.pos)
            .help("give the day the next report is due, after the day this one was published"),
        ),
        _ => {}
    }
}
