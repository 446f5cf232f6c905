//! A target year: its table's rows, each with a target for the year.

use super::super::*;
use super::{IndicatorIds, resolve_ids, texts};
use crate::content::{Localised, TargetYearFront, TitleWords};
use crate::diagnostics::{Diagnostic, Diagnostics};
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
    let year = f.year;
    if year.quarter.is_some() {
        diags.push(
            Diagnostic::in_file(
                &src.path,
                format!("a target year is a financial year, not a quarter: `{year}`"),
            )
            .at_text(&src.text, "year:")
            .help(format!("write `year: {}`", year.year_label())),
        );
    }
    let with_target: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].targets.contains_key(&year))
        .collect();
    let rows = match &f.indicators {
        None => with_target,
        Some(ids) => {
            let rows = resolve_ids(ids, by_id, src, diags);
            for &i in &rows {
                if !indicators[i].targets.contains_key(&year) {
                    diags.push(
                        Diagnostic::in_file(
                            &src.path,
                            format!(
                                "`{}` is listed, but has no target for {year}",
                                indicators[i].id
                            ),
                        )
                        .at_word(&src.text, &indicators[i].id)
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
                        &src.path,
                        format!(
                            "{} has a target for {year}, but this table does not list `{}`",
                            indicators[i].source.display(),
                            indicators[i].id
                        ),
                    )
                    .at_text(&src.text, "indicators:")
                    .help(format!("add `{}` to `indicators`", indicators[i].id)),
                );
            }
            let mut seen = std::collections::HashSet::new();
            for &i in &rows {
                if !seen.insert(i) {
                    diags.push(
                        Diagnostic::in_file(
                            &src.path,
                            format!("`{}` is listed twice", indicators[i].id),
                        )
                        .at_word_last(&src.text, &indicators[i].id),
                    );
                }
            }
            rows
        }
    };
    if diags.0.len() > before {
        return None;
    }
    let text = texts(&l.source.front.title, src, &l.translations, |w| &w.title);
    Some(TargetYear {
        slug: l.slug.clone(),
        source: src.path.clone(),
        year,
        rows,
        text,
    })
}
