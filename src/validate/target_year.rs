//! A target year: its table's rows, each with a target for the year.

use super::{IndicatorIds, errors_since, resolve_ids, texts};
use crate::content::{Localised, TargetYearFront, TitleWords};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use rustc_hash::FxHashSet;
use std::sync::Arc;

pub(super) fn target_year(
    l: &Localised<TargetYearFront, TitleWords>,
    indicators: &[Arc<Indicator>],
    by_id: &IndicatorIds<'_>,
    diags: &mut Diagnostics,
) -> Option<TargetYear> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let year = f.year.value;
    if year.quarter.is_some() {
        diags.push(
            Diagnostic::in_file(
                Code::NotAFinancialYear,
                &src.path,
                format!("a target year is a financial year, not a quarter: `{year}`"),
            )
            .at_line(src.lines(), f.year.pos)
            .help(format!("write `year: {}`", year.year_label())),
        );
    }
    let with_target: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].targets.contains_key(&year))
        .collect();
    let rows = match &f.indicators {
        None => with_target,
        Some(ids) => {
            // One row per indicator: a repeat is reported once, and resolved once.
            let mut seen = FxHashSet::default();
            let mut once = Vec::with_capacity(ids.len());
            for id in ids.iter() {
                if seen.insert(id.value.as_str()) {
                    once.push(id.clone());
                } else {
                    diags.push(
                        Diagnostic::in_file(
                            Code::DuplicateIndicator,
                            &src.path,
                            format!("`{id}` is listed twice"),
                        )
                        .at_line(src.lines(), id.pos)
                        .help("list each indicator once"),
                    );
                }
            }
            let rows = resolve_ids(&once, by_id, src, diags);
            for &i in &rows {
                if !indicators[i].targets.contains_key(&year) {
                    let pos = once
                        .iter()
                        .find(|id| id.value == indicators[i].id)
                        .map(|id| id.pos)
                        .unwrap_or_default();
                    diags.push(
                        Diagnostic::in_file(
                            Code::TargetYearMismatch,
                            &src.path,
                            format!(
                                "`{}` is listed, but has no target for {year}",
                                indicators[i].id
                            ),
                        )
                        .at_line(src.lines(), pos)
                        .help(format!(
                            "add `{year}: <target>` (or `not-appropriate`) under `targets` in {}",
                            indicators[i].source.display()
                        )),
                    );
                }
            }
            for &i in with_target.iter().filter(|i| !rows.contains(i)) {
                diags.push(
                    Diagnostic::in_file(
                        Code::TargetYearMismatch,
                        &src.path,
                        format!(
                            "{} has a target for {year}, but this table does not list `{}`",
                            indicators[i].source.display(),
                            indicators[i].id
                        ),
                    )
                    .at_line(src.lines(), ids.pos)
                    .help(format!("add `{}` to `indicators`", indicators[i].id)),
                );
            }
            rows
        }
    };
    if errors_since(diags, before) {
        return None;
    }
    let text = texts(&l.source.front.title.value, src, &l.translations, |w| {
        &w.title
    });
    Some(TargetYear {
        slug: l.slug.clone(),
        source: src.path.clone(),
        year,
        rows,
        text,
    })
}
