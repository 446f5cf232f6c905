//! Pairing: a default-language file with its translations, each parsed.

use super::front_matter::{FrontError, may_name_a_figure, parse_front, top_level_keys};
use super::load::Found;
use super::*;
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses one group of files (a default-language file and its translations).
pub(super) fn pair<F: DeserializeOwned, W: DeserializeOwned>(
    config: &Config,
    kind: Kind,
    slug: &str,
    mut files: Vec<Found>,
    unreadable: &[usize],
    diags: &mut Diagnostics,
) -> Option<Arc<Localised<F, W>>> {
    files.sort_by_key(|f| f.lang);
    let default_lang = &config.default_language().code;
    // A file that exists but could not be read has its own error: nothing more is
    // said of its group, whose item stays unknown but not missing.
    if unreadable.contains(&config.default) || files.is_empty() {
        return None;
    }
    let Some(source_idx) = files.iter().position(|f| f.lang == config.default) else {
        diags.push(no_source(&files[0].source.path, default_lang));
        return None;
    };
    let source_file = files.remove(source_idx);
    let source = parse_file::<F>(source_file.source, diags);

    let mut translations: Vec<Option<Parsed<W>>> =
        (0..config.languages.len()).map(|_| None).collect();
    let mut missing = vec![true; config.languages.len()];
    missing[config.default] = false;
    for &lang in unreadable {
        missing[lang] = false;
    }
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
            diags.push(no_translation(config, lang, &source.source.path));
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

/// A translation whose default-language file is not there.
fn no_source(t: &Path, default_lang: &str) -> Diagnostic {
    let expected = source_path(t);
    Diagnostic::in_file(Code::MissingSource,
        t,
        format!(
            "this translation has no source file: expected {} (in the default language, `{default_lang}`)",
            expected.display()
        ),
    )
    .help("figures live once, in the default-language file; create it, or rename this file")
}

/// A source without its translation into language `lang`.
fn no_translation(config: &Config, lang: usize, source: &Path) -> Diagnostic {
    let code = &config.languages[lang].code;
    let expected = translation_path(source, code);
    Diagnostic::in_file(Code::MissingTranslation,
        source,
        format!(
            "no {} translation: expected {}",
            config.languages[lang].name,
            expected.display()
        ),
    )
    .help("every page is published in every language; add the translation file with the same fields, minus the figures")
}

fn parse_file<T: DeserializeOwned>(source: Source, diags: &mut Diagnostics) -> Option<Parsed<T>> {
    match try_parse_file(source) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            diags.push(e.diagnostic);
            None
        }
    }
}

fn try_parse_file<T: DeserializeOwned>(source: Source) -> Result<Parsed<T>, FrontError> {
    let (fm, first_line, body) = match split(&source.text) {
        Ok(s) => s,
        Err(msg) => {
            return Err(FrontError {
                diagnostic: Diagnostic::in_file(Code::FrontMatter, &source.path, msg)
                    .at(Some(&source.text), 1, Some(1))
                    .help("a content file starts with its front matter between two `---` lines (YAML) or two `+++` lines (TOML), then its text"),
                unknown_field: None,
            });
        }
    };
    let body = body.to_string();
    let front = parse_front::<T>(fm, first_line, &source)?;
    Ok(Parsed {
        source: Source { body, ..source },
        front,
    })
}

/// A figure in a translation: one diagnostic, naming the file it belongs in.
fn figure_here(key: &str, translation: &Source, origin: &str) -> Diagnostic {
    Diagnostic::in_file(Code::FigureInTranslation,
        &translation.path,
        format!("`{key}` is a figure, and figures live once: it belongs in {origin}, not in this translation"),
    )
    .help(format!("delete `{key}` here; {origin} holds it for every language"))
}

/// Parses a translation, first checking that it holds no figures (a clearer error
/// than "unknown field", and one that names the file where the figure belongs).
fn parse_translation<T: DeserializeOwned>(
    kind: Kind,
    source: Source,
    source_path: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Parsed<T>> {
    let origin = source_path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "the default-language file".to_string());
    if let Ok((fm, first_line, _)) = split(&source.text)
        && may_name_a_figure(fm, kind)
    {
        let figures: Vec<At<String>> = top_level_keys(fm, first_line)
            .into_iter()
            .filter(|k| kind.figure_keys().contains(&k.as_str()))
            .collect();
        for key in &figures {
            diags.push(figure_here(key, &source, &origin).at_line(source.lines(), key.pos));
        }
        if !figures.is_empty() {
            return None;
        }
    }
    match try_parse_file::<T>(source) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            // A figure nested in a translation (a section's `indicators`) shows up
            // as an unknown field: say what it is.
            let d = match e.unknown_field {
                Some(key) if kind.figure_keys().contains(&key.as_str()) => {
                    let at = e.diagnostic;
                    Diagnostic {
                        file: at.file,
                        line: at.line,
                        column: at.column,
                        snippet: at.snippet,
                        ..figure_here(&key, &Source::default(), &origin)
                    }
                }
                _ => e.diagnostic,
            };
            diags.push(d);
            None
        }
    }
}
