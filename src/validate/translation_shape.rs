//! A translation beside its source, field by field as the kind declares them
//! ([`Translates`]): words per period for the same periods, lists with as many items,
//! what may be left out given in both or neither; and each language's words in the
//! model.

use super::figures;
use crate::config::Config;
use crate::content::{HasWords, Localised, ModelText, Parsed, Periods, Shape, Source, Translates};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use std::path::Path;

/// The words of `l` in every language, each translation checked against the source;
/// `None` if a translation is missing.
pub(super) fn checked_texts<F, W, M>(
    config: &Config,
    l: &Localised<F, W>,
    diags: &mut Diagnostics,
) -> Option<Vec<M>>
where
    F: Translates<W> + ModelText<Model = M>,
    W: HasWords + ModelText<Model = M>,
{
    let src = &l.source.source;
    let mut text = Vec::new();
    for (lang, t) in l.translations.iter().enumerate() {
        if lang == config.default {
            text.push(l.source.front.model_text(&src.body));
            continue;
        }
        let t = t.as_ref()?;
        let beside = Beside {
            source_path: &src.path,
            translation: &t.source,
            name: &config.languages[lang].name,
        };
        beside.check(&l.source.front, t, diags);
        text.push(t.front.model_text(&t.source.body));
    }
    Some(text)
}

/// The words of `l` in every language, the source's where a translation is missing.
pub(super) fn texts<F, W, M>(l: &Localised<F, W>) -> Vec<M>
where
    F: ModelText<Model = M>,
    W: ModelText<Model = M>,
{
    l.translations
        .iter()
        .map(|t| match t {
            None => l.source.front.model_text(&l.source.source.body),
            Some(t) => t.front.model_text(&t.source.body),
        })
        .collect()
}

/// A translation (in the language called `name`) beside its source file.
struct Beside<'a> {
    source_path: &'a Path,
    translation: &'a Source,
    name: &'a str,
}

impl Beside<'_> {
    /// Each words field of the translation `t` beside the source's `f`.
    fn check<F: Translates<W>, W: HasWords>(&self, f: &F, t: &Parsed<W>, diags: &mut Diagnostics) {
        let start = t.front.first_pos();
        f.each_pair(&t.front, &mut |key, shape| {
            self.field(key, shape, start, diags)
        });
    }

    /// Field `key` of the translation, shaped `shape`; `start` is where the item
    /// it is in starts (its title).
    fn field(&self, key: &str, shape: Shape<'_>, start: Pos, diags: &mut Diagnostics) {
        match shape {
            Shape::Fixed => {}
            Shape::Optional { source, translated } => {
                if source != translated.is_some() {
                    diags.push(
                        Diagnostic::in_file(
                            Code::MissingTranslation,
                            &self.translation.path,
                            format!("`{key}` is given in one language only"),
                        )
                        // Where this file gives it, else at its title.
                        .at_line(self.translation.lines(), translated.unwrap_or(start))
                        .help(format!(
                            "give the {key} in {} too, or in no language",
                            self.name
                        )),
                    );
                }
            }
            Shape::Periods { source, translated } => self.periods(key, source, translated, diags),
            Shape::Items {
                source,
                translated,
                pos,
                parts,
            } => {
                self.count(key, translated, source, pos, diags);
                for (i, (start, shapes)) in parts.into_iter().enumerate() {
                    for (part_key, shape) in shapes {
                        self.part_field(key, i, part_key, shape, start, diags);
                    }
                }
            }
        }
    }

    /// Field `key` of the `i`th item of the list `list` (a report's section).
    fn part_field(
        &self,
        list: &str,
        i: usize,
        key: &str,
        shape: Shape<'_>,
        start: Pos,
        diags: &mut Diagnostics,
    ) {
        match shape {
            Shape::Optional { source, translated } if source != translated.is_some() => {
                let item = list.strip_suffix('s').unwrap_or(list);
                diags.push(
                    Diagnostic::in_file(
                        Code::MissingTranslation,
                        &self.translation.path,
                        format!("{item} {} has a {key} in one language only", i + 1),
                    )
                    .at_line(self.translation.lines(), start)
                    .help(format!("give the {key} in every language, or in none")),
                );
            }
            shape => self.field(key, shape, start, diags),
        }
    }

    /// As many items of `what` here (`theirs`, the list at `pos`) as in the source
    /// (`ours`).
    fn count(&self, what: &str, theirs: usize, ours: usize, pos: Pos, diags: &mut Diagnostics) {
        if theirs != ours {
            diags.push(
                Diagnostic::in_file(
                    Code::TranslationMismatch,
                    &self.translation.path,
                    format!(
                        "{theirs} {what} here, but {ours} in {}: translations follow their source item for item",
                        self.source_path.display()
                    ),
                )
                .at_line(self.translation.lines(), pos)
                .help(format!(
                    "give the {} translation of each of the {ours} {what}, in the same order",
                    self.name
                )),
            );
        }
    }

    /// Lines up a translation's per-period words with the source's: each must have
    /// the other's periods, so nothing goes untranslated or stays stale.
    fn periods(
        &self,
        what: &str,
        source: &Periods<String>,
        translated: &Periods<String>,
        diags: &mut Diagnostics,
    ) {
        let (translation, language) = (self.translation, self.name);
        figures::repeats(translation, what, translated, diags);
        for p in source.keys().filter(|p| !translated.contains_key(p)) {
            diags.push(
                Diagnostic::in_file(
                    Code::MissingTranslation,
                    &translation.path,
                    format!(
                        "no {language} {what} for {p}: {} has it",
                        self.source_path.display()
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
                        self.source_path.display()
                    ),
                )
                .at_line(translation.lines(), translated.pos(p))
                .help("remove it here, or add it to the source file"),
            );
        }
    }
}
