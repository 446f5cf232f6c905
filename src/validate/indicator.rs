//! An indicator: its figures (see [`super::figures`]), targets, rationale and words
//! in every language.

use super::{errors_since, figures, revisions};
use crate::config::Config;
use crate::content::{
    IndicatorFront, IndicatorWords, Localised, Parsed, Periods, RawTarget, RawValue, Source,
};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use crate::period::Period;
use std::collections::BTreeMap;

/// Lines up a translation's per-period words with the source's: each must have the
/// other's periods, so nothing goes untranslated or stays stale.
fn check_keys(
    what: &str,
    source: &Periods<String>,
    translated: &Periods<String>,
    source_path: &std::path::Path,
    translation: &Source,
    language: &str,
    diags: &mut Diagnostics,
) {
    figures::repeats(translation, what, translated, diags);
    for p in source.keys().filter(|p| !translated.contains_key(p)) {
        diags.push(
            Diagnostic::in_file(
                Code::MissingTranslation,
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
                Code::TranslationMismatch,
                &translation.path,
                format!(
                    "{what} for {p}, which {} does not have",
                    source_path.display()
                ),
            )
            .at_line(translation.lines(), translated.pos(p))
            .help("remove it here, or add it to the source file"),
        );
    }
}

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
    let text = texts(config, l, diags)?;
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

/// The indicator's words in every language, each translation checked against the
/// source; `None` if a translation is missing.
fn texts(
    config: &Config,
    l: &Localised<IndicatorFront, IndicatorWords>,
    diags: &mut Diagnostics,
) -> Option<Vec<IndicatorText>> {
    let src = &l.source.source;
    let f = &l.source.front;
    let mut text = Vec::new();
    for (lang, t) in l.translations.iter().enumerate() {
        if lang == config.default {
            text.push(IndicatorText {
                title: crate::typography::smart_quotes(&f.title.value).into_owned(),
                theme: f
                    .theme
                    .as_ref()
                    .map(|t| crate::typography::smart_quotes(&t.value).into_owned()),
                body: src.body.clone(),
                commentary: f.commentary.to_map(),
                rationale: f.rationale.to_map(),
                actions: f.actions.to_map(),
                revision_reason: f.revision_reason.to_map(),
            });
            continue;
        }
        let t = t.as_ref()?;
        let name = &config.languages[lang].name;
        check_translation(f, &src.path, t, name, diags);
        text.push(IndicatorText {
            title: crate::typography::smart_quotes(&t.front.title.value).into_owned(),
            theme: t
                .front
                .theme
                .as_ref()
                .map(|t| crate::typography::smart_quotes(&t.value).into_owned()),
            body: t.source.body.clone(),
            commentary: t.front.commentary.to_map(),
            rationale: t.front.rationale.to_map(),
            actions: t.front.actions.to_map(),
            revision_reason: t.front.revision_reason.to_map(),
        });
    }
    Some(text)
}

/// A translation (in the language called `name`) beside its source `f`: the same
/// periods in each per-period field, and a theme in both or neither.
fn check_translation(
    f: &IndicatorFront,
    source_path: &std::path::Path,
    t: &Parsed<IndicatorWords>,
    name: &str,
    diags: &mut Diagnostics,
) {
    for (what, source, translated) in [
        ("commentary", &f.commentary, &t.front.commentary),
        ("rationale", &f.rationale, &t.front.rationale),
        ("actions", &f.actions, &t.front.actions),
        (
            "revision_reason",
            &f.revision_reason,
            &t.front.revision_reason,
        ),
    ] {
        check_keys(
            what,
            source,
            translated,
            source_path,
            &t.source,
            name,
            diags,
        );
    }
    if f.theme.is_some() != t.front.theme.is_some() {
        diags.push(
            Diagnostic::in_file(
                Code::MissingTranslation,
                &t.source.path,
                "`theme` is given in one language only",
            )
            // At the theme where this file has one, else at its title.
            .at_line(
                t.source.lines(),
                t.front.theme.as_ref().map_or(t.front.title.pos, |t| t.pos),
            )
            .help(format!("give the theme in {name} too, or in no language")),
        );
    }
}
