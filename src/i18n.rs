//! UI strings: one Fluent file per language in the theme (`i18n/CODE.ftl`). Fluent
//! gives each language its CLDR plural forms (Welsh has six), and lets translators
//! write whole phrases rather than glued fragments. A key present in one language and
//! not another is a build error naming the key, never a silent fallback.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, line_col};
use crate::period::Period;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// An argument to a UI string.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A number: selects plural forms; inserted formatted for the language.
    Number(f64),
}

/// Every language's UI strings.
pub struct I18n {
    bundles: Vec<FluentBundle<FluentResource>>,
    files: Vec<PathBuf>,
    separators: Vec<(String, String)>,
    /// Per language, every message that needs no arguments, formatted once: most UI
    /// strings are labels, asked for on every row of every page.
    fixed: Vec<FxHashMap<String, Arc<str>>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("files", &self.files).finish()
    }
}

impl I18n {
    /// Loads `THEME/i18n/CODE.ftl` for every language and checks that they define the
    /// same keys.
    pub fn load(config: &Config) -> Result<I18n, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut bundles = Vec::new();
        let mut files = Vec::new();
        let mut keys: Vec<BTreeSet<String>> = Vec::new();
        for lang in &config.languages {
            let path = config
                .theme_dir
                .join("i18n")
                .join(format!("{}.ftl", lang.code));
            let rel = path
                .strip_prefix(&config.root)
                .unwrap_or(&path)
                .to_path_buf();
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    diags.push(
                        Diagnostic::in_file(
                            &rel,
                            format!("cannot read the {} UI strings: {e}", lang.name),
                        )
                        .with_code(Code::MissingUiString)
                        .help("every language needs a UI strings file in the theme's i18n/ folder"),
                    );
                    continue;
                }
            };
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        let (line, col) = line_col(&text, e.pos.start);
                        diags.push(
                            Diagnostic::in_file(&rel, format!("Fluent syntax: {}", e.kind))
                                .with_code(Code::MissingUiString)
                                .at(Some(&text), line, Some(col)),
                        );
                    }
                    r
                }
            };
            let ids: BTreeSet<String> = resource
                .entries()
                .filter_map(|e| match e {
                    ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            let langid = lang.code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks (U+2068/2069) would end up in attributes and titles.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    diags.push(
                        Diagnostic::in_file(&rel, format!("{e:?}"))
                            .with_code(Code::MissingUiString),
                    );
                }
            }
            keys.push(ids);
            bundles.push(bundle);
            files.push(rel);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let all: BTreeSet<&String> = keys.iter().flatten().collect();
        for key in all {
            for (i, set) in keys.iter().enumerate() {
                if !set.contains(key) {
                    let has = keys
                        .iter()
                        .position(|s| s.contains(key))
                        .map(|j| files[j].display().to_string());
                    diags.push(
                        Diagnostic::in_file(
                            &files[i],
                            format!(
                                "the UI string `{key}` is missing ({} has it)",
                                has.unwrap_or_default()
                            ),
                        )
                        .with_code(Code::MissingUiString)
                        .help(format!("add `{key} = ...` in {}", config.languages[i].name)),
                    );
                }
            }
        }
        let fixed = bundles
            .iter()
            .zip(&keys)
            .map(|(bundle, ids)| {
                ids.iter()
                    .filter_map(|id| {
                        let pattern = bundle.get_message(id)?.value()?;
                        let mut errors = Vec::new();
                        let text = bundle.format_pattern(pattern, None, &mut errors);
                        // A message that needs an argument is formatted when asked.
                        errors
                            .is_empty()
                            .then(|| (id.clone(), Arc::from(text.as_ref())))
                    })
                    .collect()
            })
            .collect();
        let mut i18n = I18n {
            bundles,
            files,
            separators: Vec::new(),
            fixed,
        };
        for lang in 0..config.languages.len() {
            let group = i18n.t(lang, "number-group-separator", &[]);
            let decimal = i18n.t(lang, "number-decimal-separator", &[]);
            match (group, decimal) {
                (Ok(g), Ok(d)) => i18n.separators.push((g, d)),
                (Err(e), _) | (_, Err(e)) => diags.push(
                    Diagnostic::in_file(&i18n.files[lang], e).with_code(Code::MissingUiString),
                ),
            }
        }
        diags.into_result(i18n)
    }

    /// The string `key` in language `lang`, with `args` filled in.
    pub fn t(&self, lang: usize, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        if args.is_empty()
            && let Some(text) = self.fixed(lang, key)
        {
            return Ok(text.to_string());
        }
        let bundle = &self.bundles[lang];
        let pattern = bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("no UI string `{key}` in {}", self.files[lang].display()))?;
        let mut fargs = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Text(s) => fargs.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let out = bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .to_string();
        if let Some(e) = errors.first() {
            return Err(format!(
                "UI string `{key}` in {}: {e}",
                self.files[lang].display()
            ));
        }
        Ok(out)
    }

    /// The message `key` of language `lang` if it needs no arguments, already
    /// formatted and shared.
    pub fn fixed(&self, lang: usize, key: &str) -> Option<&Arc<str>> {
        self.fixed[lang].get(key)
    }

    /// Language `lang`'s thousands separator and decimal mark, for
    /// [`crate::figures::NumberFormat`], which writes every figure.
    pub fn separators(&self, lang: usize) -> (&str, &str) {
        let (group, decimal) = &self.separators[lang];
        (group, decimal)
    }

    /// "in Quarter 2 2019-20" as a whole phrase: Welsh mutates after "yn"
    /// ("yng Nghwarter 2 2019-20"), so the preposition is part of the UI string.
    pub fn period_in(&self, lang: usize, p: Period) -> Result<String, String> {
        let year = ("year", Arg::Text(p.year_label()));
        match p.quarter {
            None => self.t(lang, "period-year-in", &[year]),
            Some(q) => self.t(
                lang,
                "period-quarter-in",
                &[year, ("quarter", Arg::Number(q as f64))],
            ),
        }
    }

    /// A period in words: "Quarter 2 2019-20" (or, `short`, "Q2 2019-20").
    pub fn period(&self, lang: usize, p: Period, short: bool) -> Result<String, String> {
        let year = ("year", Arg::Text(p.year_label()));
        match p.quarter {
            None => self.t(lang, "period-year", &[year]),
            Some(q) => self.t(
                lang,
                if short {
                    "period-quarter-short"
                } else {
                    "period-quarter"
                },
                &[year, ("quarter", Arg::Number(q as f64))],
            ),
        }
    }
}
