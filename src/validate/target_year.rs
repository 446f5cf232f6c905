//! A target year: its table's rows, each with a target for the year.

use super::translation_shape::texts;
use super::{IndicatorIds, errors_since, resolve_ids};
use crate::content::{At, Localised, Source, TargetYearFront, TargetYearWords};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use crate::period::Period;
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// Target year `l` in the model's form: its rows are the indicators it lists, or
/// else every indicator with a target for its year; `None` if it has errors.
pub(super) fn target_year(
    l: &Localised<TargetYearFront, TargetYearWords>,
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
            let listed = Listed {
                ids,
                year,
                indicators,
                src,
            };
            listed.rows(&with_target, by_id, diags)
        }
    };
    if errors_since(diags, before) {
        return None;
    }
    let text = texts(l);
    Some(TargetYear {
        slug: l.slug.clone(),
        source: src.path.clone(),
        year,
        rows,
        text,
    })
}

/// The indicators a target year lists, with what they are checked against.
struct Listed<'a> {
    ids: &'a At<Vec<At<String>>>,
    year: Period,
    indicators: &'a [Arc<Indicator>],
    src: &'a Source,
}

impl Listed<'_> {
    /// The rows: each listed indicator once, every one with a target for the year,
    /// and none left out that has one (`with_target`).
    fn rows(
        &self,
        with_target: &[usize],
        by_id: &IndicatorIds<'_>,
        diags: &mut Diagnostics,
    ) -> Vec<usize> {
        let once = self.once(diags);
        let rows = resolve_ids(&once, by_id, self.src, diags);
        self.without_target(&once, &rows, diags);
        self.left_out(with_target, &rows, diags);
        rows
    }

    /// One row per indicator: a repeat is reported once, and resolved once.
    fn once(&self, diags: &mut Diagnostics) -> Vec<At<String>> {
        let src = self.src;
        let mut seen = FxHashSet::default();
        let mut once = Vec::with_capacity(self.ids.len());
        for id in self.ids.iter() {
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
        once
    }

    /// A listed indicator with no target for the year, at its place in the list.
    fn without_target(&self, once: &[At<String>], rows: &[usize], diags: &mut Diagnostics) {
        let (src, year, indicators) = (self.src, self.year, self.indicators);
        for &i in rows {
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
    }

    /// An indicator with a target for the year that the list leaves out.
    fn left_out(&self, with_target: &[usize], rows: &[usize], diags: &mut Diagnostics) {
        let (src, year, indicators) = (self.src, self.year, self.indicators);
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
                .at_line(src.lines(), self.ids.pos)
                .help(format!("add `{}` to `indicators`", indicators[i].id)),
            );
        }
    }
}
