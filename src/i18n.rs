//! UI strings: one Fluent file per language in the theme (`i18n/CODE.ftl`). Fluent
//! gives each language its CLDR plural forms (Welsh has six), and lets translators
//! write whole phrases rather than glued fragments. A key present in one language and
//! not another is a build error naming the key, never a silent fallback. A number
//! given to a string is written by the figures formatter in the language's format
//! ("1,000"), like every figure.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, line_col};
use crate::period::Period;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumberOptions;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An argument to a UI string.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A number: selects plural forms; inserted as the language writes numbers
    /// (see [`WriteNumber`]).
    Number(f64),
}

/// Writes a number with a thousands separator and a decimal mark: the figures
/// formatter's [`crate::figures::write_number`], given by whoever loads the strings
/// (the figures module words its figures through this one, so this one does not
/// name it).
pub type WriteNumber = fn(x: f64, group: &str, decimal: &str, out: &mut String);

/// How one language writes numbers.
struct NumberStyle {
    write: WriteNumber,
    group: String,
    decimal: String,
}

impl NumberStyle {
    fn write(&self, x: f64, out: &mut String) {
        (self.write)(x, &self.group, &self.decimal, out);
    }
}

thread_local! {
    /// The number style of the string being formatted on this thread, for
    /// [`fluent_number`], which Fluent calls as a plain function.
    static STYLE: std::cell::RefCell<Option<Arc<NumberStyle>>> = const { std::cell::RefCell::new(None) };
}

/// Fluent's hook for writing a number: as the language of the string being formatted
/// writes it. A number given options in the string (`NUMBER($n, ...)`) is left to
/// Fluent.
fn fluent_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.options != FluentNumberOptions::default() {
        return None;
    }
    STYLE.with_borrow(|style| {
        let style = style.as_ref()?;
        let mut out = String::new();
        style.write(n.value, &mut out);
        Some(out)
    })
}

/// Runs `f` with `style` as the number style of this thread's Fluent formatting.
fn with_style<T>(style: &Arc<NumberStyle>, f: impl FnOnce() -> T) -> T {
    let before = STYLE.with_borrow_mut(|s| s.replace(style.clone()));
    let out = f();
    STYLE.with_borrow_mut(|s| *s = before);
    out
}

/// A part of a message whose value is only text and `{ $variables }`.
enum Piece {
    Text(Box<str>),
    Variable(Box<str>),
}

/// The parts of `pattern` if it is only text and variables.
fn pieces(pattern: &ast::Pattern<&str>) -> Option<Vec<Piece>> {
    use ast::{Expression, InlineExpression, PatternElement};
    pattern
        .elements
        .iter()
        .map(|e| match e {
            PatternElement::TextElement { value } => Some(Piece::Text((*value).into())),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => Some(Piece::Variable(id.name.into())),
            _ => None,
        })
        .collect()
}

/// Every language's UI strings.
pub struct I18n {
    bundles: Vec<FluentBundle<FluentResource>>,
    files: Vec<PathBuf>,
    separators: Vec<(String, String)>,
    /// Per language, every message that needs no arguments, formatted once: most UI
    /// strings are labels, asked for on every row of every page.
    fixed: Vec<FxHashMap<String, Arc<str>>>,
    /// Per language, the messages that are only text and variables ("{ $value }%"),
    /// filled in here: a figure with its unit is such a string, asked for by the
    /// hundred thousand, and Fluent's resolver costs many times the filling in.
    simple: Vec<FxHashMap<String, Vec<Piece>>>,
    /// Per language, how it writes numbers.
    styles: Vec<Arc<NumberStyle>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("files", &self.files).finish()
    }
}

/// One language's UI strings file, read and parsed.
struct LanguageFile {
    bundle: FluentBundle<FluentResource>,
    /// The keys of its messages.
    ids: BTreeSet<String>,
    /// Its path, relative to the site root.
    rel: PathBuf,
}

/// Reads and parses `THEME/i18n/CODE.ftl` for `lang`; `None` if it cannot be read.
/// Its problems are added to `diags`.
fn language_file(
    config: &Config,
    lang: &crate::config::Language,
    diags: &mut Diagnostics,
) -> Option<LanguageFile> {
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
                    Code::UnreadableUiStrings,
                    &rel,
                    format!("cannot read the {} UI strings: {e}", lang.name),
                )
                .help("every language needs a UI strings file in the theme's i18n/ folder, saved as UTF-8 text"),
            );
            return None;
        }
    };
    let resource = resource(&text, &rel, diags);
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
    bundle.set_formatter(Some(fluent_number));
    if let Err(errors) = bundle.add_resource(resource) {
        for e in errors {
            diags.push(match e {
                fluent_bundle::FluentError::Overriding { id, .. } => given_twice(&id, &text, &rel),
                other => Diagnostic::in_file(Code::UiStringSyntax, &rel, other.to_string()),
            });
        }
    }
    Some(LanguageFile { bundle, ids, rel })
}

/// The messages of a Fluent file: those that parse, each syntax error reported where
/// it is.
fn resource(text: &str, rel: &Path, diags: &mut Diagnostics) -> FluentResource {
    match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                let (line, col) = line_col(text, e.pos.start);
                diags.push(
                    Diagnostic::in_file(
                        Code::UiStringSyntax,
                        rel,
                        format!("Fluent syntax: {}", e.kind),
                    )
                    .at(Some(text), line, Some(col))
                    .help("a UI string is `key = words` on one line, or its words indented on the lines after; `{` and `}` hold a variable such as `{ $count }`"),
                );
            }
            r
        }
    }
}

/// A UI string defined twice in one file, placed at its second definition.
fn given_twice(id: &str, text: &str, rel: &Path) -> Diagnostic {
    let d = Diagnostic::in_file(
        Code::DuplicateKey,
        rel,
        format!("the UI string `{id}` is given twice"),
    )
    .help("keep one of them: the file is read top to bottom, and a second one would replace the first");
    // Fluent does not say where: the second line defining it.
    let defines = |l: &str| {
        l.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    match text.lines().enumerate().filter(|(_, l)| defines(l)).nth(1) {
        Some((i, _)) => d.at(Some(text), i + 1, Some(1)),
        None => d,
    }
}

/// Every key some language's file has and another's lacks, reported in the file
/// that lacks it.
fn missing_keys(
    config: &Config,
    keys: &[BTreeSet<String>],
    files: &[PathBuf],
    diags: &mut Diagnostics,
) {
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
                        Code::MissingUiString,
                        &files[i],
                        format!(
                            "the UI string `{key}` is missing ({} has it)",
                            has.unwrap_or_default()
                        ),
                    )
                    .help(format!("add `{key} = ...` in {}", config.languages[i].name)),
                );
            }
        }
    }
}

/// Per language, the messages that are only text and variables (see `I18n::simple`).
fn simple_strings(
    bundles: &[FluentBundle<FluentResource>],
    keys: &[BTreeSet<String>],
) -> Vec<FxHashMap<String, Vec<Piece>>> {
    bundles
        .iter()
        .zip(keys)
        .map(|(bundle, ids)| {
            ids.iter()
                .filter_map(|id| {
                    let pieces = pieces(bundle.get_message(id)?.value()?)?;
                    Some((id.clone(), pieces))
                })
                .collect()
        })
        .collect()
}

/// A language's digit group and decimal separators, from its UI strings: read as
/// they are written (numbers are not yet formatted with them).
fn number_separators(i18n: &I18n, lang: usize) -> Result<(String, String), String> {
    let text = |key: &str| {
        let bundle = &i18n.bundles[lang];
        let pattern = bundle.get_message(key).and_then(|m| m.value());
        let mut errors = Vec::new();
        let text = pattern.map(|p| bundle.format_pattern(p, None, &mut errors));
        match (text, errors.first()) {
            (Some(t), None) => Ok(t.into_owned()),
            _ => i18n.t(lang, key, &[]),
        }
    };
    Ok((
        text("number-group-separator")?,
        text("number-decimal-separator")?,
    ))
}

/// Per language, every message that needs no arguments, formatted once (see
/// `I18n::fixed`).
fn fixed_strings(
    bundles: &[FluentBundle<FluentResource>],
    keys: &[BTreeSet<String>],
    styles: &[Arc<NumberStyle>],
) -> Vec<FxHashMap<String, Arc<str>>> {
    bundles
        .iter()
        .zip(keys)
        .zip(styles)
        .map(|((bundle, ids), style)| {
            with_style(style, || {
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
        })
        .collect()
}

impl I18n {
    /// Loads `THEME/i18n/CODE.ftl` for every language and checks that they define the
    /// same keys. Numbers given to the strings are written by `write_number`.
    pub fn load(config: &Config, write_number: WriteNumber) -> Result<I18n, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut bundles = Vec::new();
        let mut files = Vec::new();
        let mut keys: Vec<BTreeSet<String>> = Vec::new();
        for lang in &config.languages {
            if let Some(file) = language_file(config, lang, &mut diags) {
                keys.push(file.ids);
                bundles.push(file.bundle);
                files.push(file.rel);
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        missing_keys(config, &keys, &files, &mut diags);
        let simple = simple_strings(&bundles, &keys);
        let mut i18n = I18n {
            bundles,
            files,
            separators: Vec::new(),
            fixed: Vec::new(),
            simple,
            styles: Vec::new(),
        };
        for lang in 0..config.languages.len() {
            match number_separators(&i18n, lang) {
                Ok((group, decimal)) => {
                    i18n.separators.push((group.clone(), decimal.clone()));
                    i18n.styles.push(Arc::new(NumberStyle {
                        write: write_number,
                        group,
                        decimal,
                    }));
                }
                Err(e) => diags.push(Diagnostic::in_file(
                    Code::MissingUiString,
                    &i18n.files[lang],
                    e,
                )),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        i18n.fixed = fixed_strings(&i18n.bundles, &keys, &i18n.styles);
        Ok(i18n)
    }

    /// The string `key` in language `lang`, with `args` filled in.
    pub fn t(&self, lang: usize, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        if args.is_empty()
            && let Some(text) = self.fixed(lang, key)
        {
            return Ok(text.to_string());
        }
        if let Some(text) = self.simple[lang]
            .get(key)
            .and_then(|pieces| self.fill(lang, pieces, args))
        {
            return Ok(text);
        }
        self.fluent(lang, key, args)
    }

    /// The string `key` formatted by Fluent.
    fn fluent(&self, lang: usize, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
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
        let out = with_style(&self.styles[lang], || {
            bundle
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .to_string()
        });
        if let Some(e) = errors.first() {
            return Err(format!(
                "UI string `{key}` in {}: {e}",
                self.files[lang].display()
            ));
        }
        Ok(out)
    }

    /// A message of only text and variables with `args` filled in, as Fluent would;
    /// `None` if an argument is missing (Fluent then says which).
    fn fill(&self, lang: usize, pieces: &[Piece], args: &[(&str, Arg)]) -> Option<String> {
        let mut out = String::with_capacity(32);
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Variable(name) => match &args.iter().find(|(n, _)| *n == &**name)?.1 {
                    Arg::Text(text) => out.push_str(text),
                    Arg::Number(x) => self.styles[lang].write(*x, &mut out),
                },
            }
        }
        Some(out)
    }

    /// The message `key` of language `lang` if it needs no arguments, already
    /// formatted and shared.
    pub fn fixed(&self, lang: usize, key: &str) -> Option<&Arc<str>> {
        // (Empty while the strings are loading.)
        self.fixed.get(lang)?.get(key)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The example site's strings, and the positions of English and Welsh.
    fn example() -> (I18n, usize, usize) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(root, &Default::default()).unwrap();
        let at = |code: &str| config.languages.iter().position(|l| l.code == code);
        let (en, cy) = (at("en").unwrap(), at("cy").unwrap());
        (
            I18n::load(&config, crate::figures::write_number).unwrap(),
            en,
            cy,
        )
    }

    #[test]
    fn numbers_in_strings_are_grouped_like_every_figure() {
        let (i18n, en, cy) = example();
        let count = |n: f64| [("count", Arg::Number(n))];
        assert_eq!(
            i18n.t(en, "home-all-indicators", &count(1000.0)).unwrap(),
            "See all 1,000 indicators"
        );
        assert_eq!(
            i18n.t(cy, "indicators-intro", &count(1234567.0)).unwrap(),
            "Mae 1,234,567 dangosydd. Dewiswch un i weld ei ffigurau, ei dargedau a’r sylwebaeth."
        );
        // Plural forms are still chosen by the number.
        assert_eq!(
            i18n.t(en, "home-all-indicators", &count(1.0)).unwrap(),
            "See the 1 indicator"
        );
    }

    #[test]
    fn strings_of_text_and_variables_read_as_fluent_writes_them() {
        let (i18n, _, _) = example();
        let mut seen = 0;
        for lang in 0..2 {
            for (key, pieces) in &i18n.simple[lang] {
                let args: Vec<(&str, Arg)> = pieces
                    .iter()
                    .enumerate()
                    .filter_map(|(k, p)| match p {
                        Piece::Variable(name) if k % 2 == 0 => {
                            Some((&**name, Arg::Number(1234.5 * k as f64)))
                        }
                        Piece::Variable(name) => Some((&**name, Arg::Text(format!("<{name}>")))),
                        Piece::Text(_) => None,
                    })
                    .collect();
                assert_eq!(
                    i18n.t(lang, key, &args),
                    i18n.fluent(lang, key, &args),
                    "{key}"
                );
                seen += 1;
                // A missing argument is Fluent's error, not a silent blank.
                if !args.is_empty() {
                    assert!(i18n.t(lang, key, &[]).is_err(), "{key}");
                }
            }
        }
        assert!(seen > 10, "only {seen} strings of text and variables");
    }
}
