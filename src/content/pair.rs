//! Pairing: a default-language file with its translations, each parsed.

use super::front::{may_name_a_figure, parse_front, top_level_keys};
use super::load::Found;
use super::*;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses one group of files (a default-language file and its translations).
pub(super) fn pair<F: DeserializeOwned, W: DeserializeOwned>(
    config: &Config,
    kind: Kind,
    slug: &str,
    mut files: Vec<Found>,
    diags: &mut Diagnostics,
) -> Option<Arc<Localised<F, W>>> {
    files.sort_by_key(|f| f.lang);
    let default_lang = &config.default_language().code;
    let Some(source_idx) = files.iter().position(|f| f.lang == config.default) else {
        let t = &files[0].source.path;
        let expected = source_path_for(t, &config.languages[files[0].lang].code);
        diags.push(
            Diagnostic::in_file(
                t,
                format!(
                    "this translation has no source file: expected {} (in the default language, `{default_lang}`)",
                    expected.display()
                ),
            )
            .help("figures live once, in the default-language file; create it, or rename this file"),
        );
        return None;
    };
    let source_file = files.remove(source_idx);
    let source = parse_file::<F>(source_file.source, diags);

    let mut translations: Vec<Option<Parsed<W>>> =
        (0..config.languages.len()).map(|_| None).collect();
    let mut missing = vec![true; config.languages.len()];
    missing[config.default] = false;
    for f in files {
        missing[f.lang] = false;
        let src = &source.as_ref().map(|s| s.source.path.clone());
        if let Some(t) = parse_translation::<W>(kind, f.source, src.as_deref(), diags) {
            translations[f.lang] = Some(t);
        }
    }
    let source = source?;
    for (lang, is_missing) in missing.iter().enumerate() {
        if *is_missing {
            let code = &config.languages[lang].code;
            let expected = translation_path_for(&source.source.path, code);
            diags.push(
                Diagnostic::in_file(
                    &source.source.path,
                    format!(
                        "no {} translation: expected {}",
                        config.languages[lang].name,
                        expected.display()
                    ),
                )
                .help("every page is published in every language; add the translation file with the same fields, minus the figures"),
            );
        }
    }
    if translations
        .iter()
        .enumerate()
        .any(|(i, t)| i != config.default && t.is_none())
    {
        return None;
    }
    Some(Arc::new(Localised {
        slug: slug.to_string(),
        source,
        translations,
    }))
}

fn parse_file<T: DeserializeOwned>(source: Source, diags: &mut Diagnostics) -> Option<Parsed<T>> {
    let (fm, first_line, body) = match split(&source.text) {
        Ok(s) => s,
        Err(msg) => {
            diags.push(Diagnostic::in_file(&source.path, msg).at(Some(&source.text), 1, Some(1)));
            return None;
        }
    };
    let body = body.to_string();
    match parse_front::<T>(fm, first_line, &source) {
        Ok(front) => Some(Parsed {
            source: Source { body, ..source },
            front,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Parses a translation, first checking that it holds no figures (a clearer error
/// than "unknown field", and one that names the file where the figure belongs).
fn parse_translation<T: DeserializeOwned>(
    kind: Kind,
    source: Source,
    source_path: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Parsed<T>> {
    if let Ok((fm, _, _)) = split(&source.text)
        && may_name_a_figure(fm, kind)
    {
        let figures: Vec<String> = top_level_keys(fm)
            .into_iter()
            .filter(|k| kind.figure_keys().contains(&k.as_str()))
            .collect();
        let origin = source_path
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "the default-language file".to_string());
        for key in &figures {
            diags.push(
                Diagnostic::in_file(
                    &source.path,
                    format!("`{key}` is a figure, and figures live once: it belongs in {origin}, not in this translation"),
                )
                .at_text(&source.text, &format!("{key}:"))
                .help(format!("delete `{key}` here; {origin} holds it for every language")),
            );
        }
        if !figures.is_empty() {
            return None;
        }
    }
    let before = diags.0.len();
    let parsed = parse_file::<T>(source, diags);
    // A figure nested in a translation (a section's `indicators`) shows up as an
    // unknown field: say what it is.
    for d in &mut diags.0[before..] {
        for key in kind.figure_keys() {
            if d.message.contains(&format!("unknown field `{key}`")) {
                let origin = source_path
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                d.message = format!(
                    "`{key}` is a figure, and figures live once: it belongs in {origin}, not in this translation"
                );
            }
        }
    }
    parsed
}

/// `content/indicators/x.cy.md` → `content/indicators/x.md`.
fn source_path_for(translation: &Path, code: &str) -> PathBuf {
    let name = translation
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let stem = name
        .trim_end_matches(".md")
        .trim_end_matches(&format!(".{code}"));
    translation.with_file_name(format!("{stem}.md"))
}

/// `content/indicators/x.md` → `content/indicators/x.cy.md`.
fn translation_path_for(source: &Path, code: &str) -> PathBuf {
    let stem = source.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    source.with_file_name(format!("{stem}.{code}.md"))
}
