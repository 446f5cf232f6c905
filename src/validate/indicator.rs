//! An indicator: its figures (see [`super::figures`]), targets, rationale and words
//! in every language.

use super::translation_shape::checked_texts;
use super::{errors_since, figures, revisions};
use crate::config::Config;
use crate::content::{IndicatorFront, IndicatorWords, Localised, RawTarget, RawValue, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use crate::period::Period;
use std::collections::BTreeMap;

/// Rationale and targets go together: a rationale needs a target, and a target
/// should say why it was set there.
fn rationale(src: &Source, f: &IndicatorFront, diags: &mut Diagnostics) {
    for year in f.rationale.keys().filter(|y| !f.targets.contains_key(y)) {
        diags.push(
            Diagnostic::in_file(
                Code::RationaleWithoutTarget,
                &src.path,
                format!("a rationale for {year}, but no target for {year}"),
            )
            .at_line(src.lines(), f.rationale.pos(year))
            .help(format!(
                "add `{year}: <target>` (or `not-appropriate`) under `targets`"
            )),
        );
    }
    // A target for a quarter is an error of its own (see `figures`); a target that
    // was not stated has no reason to give.
    let stated = |y: &&Period| !matches!(f.targets.get(y), Some(RawTarget::NotStated));
    for year in f
        .targets
        .keys()
        .filter(|y| y.quarter.is_none())
        .filter(stated)
    {
        if f.rationale.get(year).is_none_or(|r| r.trim().is_empty()) {
            diags.push(
                Diagnostic::in_file(Code::TargetWithoutRationale,
                    &src.path,
                    format!("the target for {year} has no rationale: readers see \"No rationale given\""),
                )
                .at_line(src.lines(), f.targets.pos(year))
                .help(format!(
                    "add `{year}: <why the target was set there>` under `rationale`, and its translation"
                )),
            );
        }
    }
}

/// Indicator `l` in the model's form, its problems in `diags`; `None` if it has
/// errors (its warnings are kept with it).
pub(super) fn indicator(
    config: &Config,
    l: &Localised<IndicatorFront, IndicatorWords>,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let decimals = figures::decimals(src, f, diags);
    figures::check(src, f, decimals, diags);
    rationale(src, f, diags);
    revisions::check(src, f, diags);
    let values = values_of(f);
    let targets = targets_of(f);
    let text = checked_texts(config, l, diags)?;
    if errors_since(diags, before) {
        return None;
    }
    Some(Indicator {
        id: l.slug.clone(),
        source: src.path.clone(),
        code: f.code.as_ref().map(|c| c.value.clone()),
        unit: f.unit,
        direction: f.direction,
        // A `decimals` out of range is an error, so the indicator is not made.
        decimals: decimals.unwrap_or_default(),
        values,
        targets,
        provisional: f.provisional.iter().map(|p| p.value).collect(),
        revised: f.revised.iter().map(|(p, d)| (*p, *d)).collect(),
        text,
        warnings: diags.0[before..].to_vec(),
    })
}

/// Each period's figure as the model holds it.
fn values_of(f: &IndicatorFront) -> BTreeMap<Period, Value> {
    f.values
        .iter()
        .map(|(period, raw)| {
            let value = match *raw {
                RawValue::Number(n) => Value::Number(n),
                RawValue::Fraction {
                    numerator,
                    denominator,
                } => Value::Fraction {
                    numerator,
                    denominator,
                },
            };
            (*period, value)
        })
        .collect()
}

/// Each year's target as the model holds it.
fn targets_of(f: &IndicatorFront) -> BTreeMap<Period, Target> {
    f.targets
        .iter()
        .map(|(year, raw)| {
            let target = match raw {
                RawTarget::Value(v) => Target::Value(*v),
                RawTarget::NotAppropriate => Target::NotAppropriate,
                RawTarget::NotStated => Target::NotStated,
            };
            (*year, target)
        })
        .collect()
}
