//! An indicator: its figures, targets and words in every language.

use super::super::*;
use crate::config::Config;
use crate::content::{IndicatorFront, IndicatorWords, Localised, RawTarget, RawValue};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::period::Period;
use std::collections::BTreeMap;

/// Lines up a translation's per-period words with the source's: each must have the
/// other's periods, so nothing goes untranslated or stays stale.
fn check_keys(
    what: &str,
    source: &BTreeMap<Period, String>,
    translated: &BTreeMap<Period, String>,
    source_path: &std::path::Path,
    translation: &crate::content::Source,
    language: &str,
    diags: &mut Diagnostics,
) {
    for p in source.keys().filter(|p| !translated.contains_key(p)) {
        diags.push(
            Diagnostic::in_file(
                &translation.path,
                format!(
                    "no {language} {what} for {p}: {} has it",
                    source_path.display()
                ),
            )
            .help(format!(
                "add `{p}:` under `{what}` with the translated words"
            )),
        );
    }
    for p in translated.keys().filter(|p| !source.contains_key(p)) {
        diags.push(
            Diagnostic::in_file(
                &translation.path,
                format!(
                    "{what} for {p}, which {} does not have",
                    source_path.display()
                ),
            )
            .at_text(&translation.text, &p.to_string())
            .help("remove it here, or add it to the source file"),
        );
    }
}

pub(super) fn indicator(
    config: &Config,
    l: &Localised<IndicatorFront, IndicatorWords>,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let mut values = BTreeMap::new();
    for (period, raw) in &f.values {
        let at =
            |m: String| Diagnostic::in_file(&src.path, m).at_text(&src.text, &period.to_string());
        let value = match *raw {
            RawValue::Number(n) => {
                if !n.is_finite() {
                    diags.push(at(format!("the value for {period} is not a number")));
                }
                Value::Number(n)
            }
            RawValue::Fraction {
                numerator,
                denominator,
            } => {
                if f.unit != Unit::Percent {
                    diags.push(
                        at(format!("a numerator and denominator make a percentage, but this indicator's unit is {:?}", f.unit).to_lowercase())
                            .help("use `unit: percent`, or give the value as a single number"),
                    );
                }
                if denominator.is_nan() || denominator <= 0.0 {
                    diags.push(at(format!(
                        "the denominator for {period} must be greater than zero"
                    )));
                }
                Value::Fraction {
                    numerator,
                    denominator,
                }
            }
        };
        values.insert(*period, value);
    }
    let mut targets = BTreeMap::new();
    for (year, raw) in &f.targets {
        if year.quarter.is_some() {
            diags.push(
                Diagnostic::in_file(
                    &src.path,
                    format!("targets are set per financial year, not per quarter: `{year}`"),
                )
                .at_text(&src.text, &year.to_string())
                .help(format!("write `{}:`", year.year_label())),
            );
        }
        targets.insert(
            *year,
            match raw {
                RawTarget::Value(v) => Target::Value(*v),
                RawTarget::NotAppropriate => Target::NotAppropriate,
            },
        );
    }
    for year in f.rationale.keys().filter(|y| !f.targets.contains_key(y)) {
        diags.push(
            Diagnostic::in_file(
                &src.path,
                format!("a rationale for {year}, but no target for {year}"),
            )
            .at_text(&src.text, &year.to_string())
            .help(format!(
                "add `{year}: <target>` (or `not-appropriate`) under `targets`"
            )),
        );
    }
    for p in f
        .commentary
        .keys()
        .filter(|p| p.quarter.is_some() && !f.values.contains_key(p))
    {
        // Commentary without a value is allowed (the report may not state the value),
        // but it must be for a real period: nothing to check beyond parsing.
        let _ = p;
    }

    let mut text = Vec::new();
    for (lang, t) in l.translations.iter().enumerate() {
        if lang == config.default {
            text.push(IndicatorText {
                title: f.title.clone(),
                body: src.body.clone(),
                commentary: f.commentary.clone(),
                rationale: f.rationale.clone(),
            });
            continue;
        }
        let t = t.as_ref()?;
        let name = &config.languages[lang].name;
        check_keys(
            "commentary",
            &f.commentary,
            &t.front.commentary,
            &src.path,
            &t.source,
            name,
            diags,
        );
        check_keys(
            "rationale",
            &f.rationale,
            &t.front.rationale,
            &src.path,
            &t.source,
            name,
            diags,
        );
        text.push(IndicatorText {
            title: t.front.title.clone(),
            body: t.source.body.clone(),
            commentary: t.front.commentary.clone(),
            rationale: t.front.rationale.clone(),
        });
    }
    if diags.0.len() > before {
        return None;
    }
    Some(Indicator {
        id: l.slug.clone(),
        source: src.path.clone(),
        code: f.code.clone(),
        unit: f.unit,
        direction: f.direction,
        decimals: f.decimals.unwrap_or(match f.unit {
            Unit::Percent => 1,
            Unit::Count | Unit::Days => 0,
        }),
        values,
        targets,
        text,
    })
}
