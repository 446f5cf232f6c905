//! UI strings: one Fluent file per language in the theme (`i18n/CODE.ftl`). Fluent
//! gives each language its CLDR plural forms (Welsh has six), and lets translators
//! write whole phrases rather than glued fragments. A key present in one language and
//! not another is a build error naming the key, never a silent fallback.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
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
                            Diagnostic::in_file(&rel, format!("Fluent syntax: {}", e.kind)).at(
                                Some(&text),
                                line,
                                Some(col),
                            ),
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
                    diags.push(Diagnostic::in_file(&rel, format!("{e:?}")));
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
                (Err(e), _) | (_, Err(e)) => diags.push(Diagnostic::in_file(&i18n.files[lang], e)),
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

    /// A number formatted for `lang`: grouped thousands, `decimals` places.
    pub fn number(&self, lang: usize, x: f64, decimals: u8) -> String {
        let (group, decimal) = &self.separators[lang];
        format_number(x, decimals, group, decimal)
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

/// `x` with `decimals` places, thousands grouped with `group`, and `decimal` before
/// the decimal places.
fn format_number(x: f64, decimals: u8, group: &str, decimal: &str) -> String {
    // Round half away from zero, as the spreadsheets figures come from do (Excel's
    // ROUND): 82.25 shows as 82.3, 12.5 days as 13. `format!` alone rounds the
    // binary value half to even. The nudge absorbs binary error (1.005 is stored
    // as 1.00499...).
    let factor = 10f64.powi(decimals as i32);
    let raw = x.abs() * factor;
    let s = if raw < 1e15 && decimals <= 9 {
        // The rounded figure as a whole number of its last decimal place, printed as
        // an integer (exact, and far cheaper than formatting a float to a precision).
        let n = (raw * (1.0 + 1e-12)).round() as u64;
        let unit = 10u64.pow(decimals as u32);
        match decimals {
            0 => n.to_string(),
            d => format!("{}.{:0d$}", n / unit, n % unit, d = d as usize),
        }
    } else {
        // Past 10^15 a double has no fraction left to round, and the nudge would show.
        format!("{:.*}", decimals as usize, raw.round() / factor)
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push_str(decimal);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_round_half_away_from_zero_and_group_thousands() {
        let n = |x, d| format_number(x, d, ",", ".");
        assert_eq!(n(1754.0, 0), "1,754");
        assert_eq!(n(82.25, 1), "82.3");
        assert_eq!(n(12.5, 0), "13");
        assert_eq!(n(1.005, 2), "1.01");
        assert_eq!(n(3.0 / 82.0 * 100.0, 1), "3.7");
        assert_eq!(n(0.04, 1), "0.0");
        assert_eq!(n(-0.04, 1), "0.0");
        assert_eq!(n(-2.5, 0), "-3");
        assert_eq!(n(-1234567.891, 2), "-1,234,567.89");
        assert_eq!(n(100.0, 1), "100.0");
        assert_eq!(n(7.0, 3), "7.000");
        assert_eq!(n(1e17, 0), "100,000,000,000,000,000");
        assert_eq!(format_number(1234.5, 1, ".", ","), "1.234,5");
    }
}
