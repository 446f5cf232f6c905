//! The theme's templates, compiled once into a minijinja environment per language,
//! shared by every render thread. Templates see a `t(key, ...)` function for UI
//! strings in the environment's language; errors name the template file and line.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::i18n::{Arg, I18n};
use crate::model::{StatusKey, TravelKey};
use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Value};
use std::path::PathBuf;
use std::sync::Arc;

/// The folder of templates inside a theme.
pub const TEMPLATES_DIR: &str = "templates";

/// Compiles every `*.html` template of the theme, into one environment per language
/// (in the order of `config.languages`). Each has its own `t()`, bound to its
/// language: a page calls `t()` dozens of times, and looking the language up in the
/// page's context at every call cost more than the string itself.
pub fn environments(
    config: &Config,
    i18n: Arc<I18n>,
) -> Result<Vec<Environment<'static>>, Diagnostics> {
    let env = environment(config)?;
    Ok((0..config.languages.len())
        .map(|lang| {
            let mut env = env.clone();
            let i18n = i18n.clone();
            env.add_function(
                "t",
                move |key: &str, kwargs: Kwargs| -> Result<Value, Error> {
                    if kwargs.args().next().is_none()
                        && let Some(text) = i18n.fixed(lang, key)
                    {
                        return Ok(Value::from(text));
                    }
                    let mut args = Vec::new();
                    for name in kwargs.args() {
                        let v: Value = kwargs.get(name)?;
                        let arg = match f64::try_from(v.clone()) {
                            Ok(n) if v.is_number() => Arg::Number(n),
                            _ => Arg::Text(v.to_string()),
                        };
                        args.push((name, arg));
                    }
                    i18n.t(lang, key, &args)
                        .map(Value::from)
                        .map_err(|m| Error::new(ErrorKind::InvalidOperation, m))
                },
            );
            env
        })
        .collect())
}

/// The templates, compiled, without `t()`.
fn environment(config: &Config) -> Result<Environment<'static>, Diagnostics> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // minijinja's HTML escaping also escapes `/`, which turns every URL into
    // `&#x2f;` soup: valid, but unreadable in a diff of two releases. Escape only the
    // characters HTML needs.
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::None
            || value.is_safe()
            || value.is_none()
            || value.is_undefined()
        {
            return minijinja::escape_formatter(out, state, value);
        }
        match value.as_str() {
            Some(s) => write_escaped(out, s),
            None => write_escaped(out, &value.to_string()),
        }
        .map_err(Error::from)
    });
    // The status codes, spelt once (in the model): `status_keys.on_target` is
    // "on-target", and so on.
    env.add_global(
        "status_keys",
        Value::from_pairs(StatusKey::ALL.iter().map(|k| (k.name(), k.code()))),
    );
    // And as tests, `s.key is on_target`, for the status drawn on every row: a test
    // is found in the environment at once, where a global is looked for through the
    // page's context first.
    for key in StatusKey::ALL {
        let name = match key {
            StatusKey::None => "no_status",
            _ => key.name(),
        };
        env.add_test(name, move |value: &str| value == key.code());
    }
    // Directions of travel likewise, for themes: `travel_keys.improved`,
    // `d.key is improved`.
    env.add_global(
        "travel_keys",
        Value::from_pairs(TravelKey::ALL.iter().map(|k| (k.name(), k.code()))),
    );
    for key in TravelKey::ALL {
        env.add_test(key.name(), move |value: &str| value == key.code());
    }
    let mut diags = Diagnostics::default();
    let dir = config.theme_dir.join(TEMPLATES_DIR);
    let rel_dir = dir.strip_prefix(&config.root).unwrap_or(&dir).to_path_buf();
    let entries = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok);
    let mut count = 0;
    for entry in entries.filter(|e| e.file_type().is_file()) {
        let name = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if !name.ends_with(".html") && !name.ends_with(".xml") {
            continue;
        }
        match std::fs::read_to_string(entry.path()) {
            Ok(source) => {
                if let Err(e) = env.add_template_owned(name.clone(), source) {
                    diags.push(template_error(&rel_dir, &e));
                }
                count += 1;
            }
            Err(e) => diags.push(Diagnostic::in_file(
                Code::Template,
                rel_dir.join(&name),
                format!("cannot read: {e}"),
            )),
        }
    }
    if count == 0 {
        diags.push(
            Diagnostic::in_file(Code::Theme, &rel_dir, "the theme has no templates")
                .help("set `theme` in site.toml to a folder of themes/ that has templates/"),
        );
    }
    diags.into_result(env)
}

/// A template error as a diagnostic naming the template file and line.
pub fn template_error(templates_dir: &std::path::Path, e: &Error) -> Diagnostic {
    let mut message = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message = format!("{message}: {s}");
        source = s.source();
    }
    let file = e
        .name()
        .map(|n| templates_dir.join(n))
        .unwrap_or_else(|| PathBuf::from(templates_dir));
    let d = Diagnostic::in_file(Code::Template, file, format!("{}: {message}", e.kind()));
    match e.line() {
        Some(line) => Diagnostic {
            line: Some(line),
            ..d
        },
        None => d,
    }
}

/// Writes `s` escaped for HTML content and quoted attribute values: runs of plain
/// text are copied whole, since most text has nothing to escape.
fn write_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[plain..i])?;
        out.write_str(entity)?;
        plain = i + 1;
    }
    out.write_str(&s[plain..])
}
