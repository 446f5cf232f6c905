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
                        // Words are by far the most common: taken as they are, not
                        // tried as a number first (a failed conversion makes an
                        // error) nor printed again.
                        let arg = match (v.as_str(), v.is_number()) {
                            (Some(text), _) => Arg::Text(text.to_string()),
                            (None, true) => match f64::try_from(v.clone()) {
                                Ok(n) => Arg::Number(n),
                                Err(_) => Arg::Text(v.to_string()),
                            },
                            (None, false) => Arg::Text(v.to_string()),
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
    // A figure inside words ("No target for 2019-20", "within 7 days") never breaks
    // across lines: `{{ words|keep_figures }}` escapes the words and wraps each
    // figure in a `<span class="figure">`, which the theme keeps on one line. The
    // words themselves (in CSV and JSON too) keep their plain spaces and hyphens.
    env.add_filter("keep_figures", |words: &str| {
        Value::from_safe_string(keep_figures(words))
    });
    add_status_and_travel_keys(&mut env);
    let diags = add_templates(&mut env, config);
    diags.into_result(env)
}

/// The model's status and travel keys, as globals and as tests.
fn add_status_and_travel_keys(env: &mut Environment<'static>) {
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
}

/// Adds every `.html` and `.xml` template of the theme, sorted by name; returns
/// their problems (a theme with none is one).
fn add_templates(env: &mut Environment<'static>, config: &Config) -> Diagnostics {
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
    diags
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

/// The longest word [`keep_figures`] keeps beside a number: a unit ("days",
/// "diwrnod"), a joiner ("of") or a period's name ("Quarter", "Chwarter"), not a long
/// word of a title, so every run fits a 320 px screen even in a heading.
const LONGEST_WORD: usize = 8;

/// The longest run [`keep_figures`] keeps on one line, in characters: at a heading's
/// size, about the width of a 320 px screen.
const LONGEST_RUN: usize = 20;

/// `words`, escaped for HTML, with each figure wrapped in `<span class="figure">`: a
/// number with the short words that belong to it ("Quarter 2 2019-20", "7 days",
/// "417 of 450", "for 2019-20"). A number with a hyphen ("2019-20") is kept whole
/// even on its own.
pub(crate) fn keep_figures(words: &str) -> String {
    let mut out = String::with_capacity(words.len() + 32);
    // Most titles and labels have no figure: escaped as they are, with no more work.
    if !words.bytes().any(|b| b.is_ascii_digit()) {
        let _ = write_escaped(&mut out, words);
        return out;
    }
    let tokens: Vec<&str> = words.split(' ').collect();
    let joined = joined_to_next(&tokens);
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while joined[j] && j + 1 < tokens.len() {
            j += 1;
        }
        if i > 0 {
            out.push(' ');
        }
        let run = &words[offset(words, tokens[i])..offset(words, tokens[j]) + tokens[j].len()];
        if run.chars().count() > LONGEST_RUN {
            // Too long for one line of a phone: only its hyphenated numbers stay whole.
            for (k, t) in tokens[i..=j].iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                write_figure(&mut out, t, is_numeric(t) && t.contains('-'));
            }
        } else {
            write_figure(
                &mut out,
                run,
                j > i || (is_numeric(run) && run.contains('-')),
            );
        }
        i = j + 1;
    }
    out
}

/// Whether a word is a figure: starts with a digit, after a bracket, sign or `£`.
fn is_numeric(t: &str) -> bool {
    t.trim_start_matches(['(', '-', '\u{2212}', '£'])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a word is short enough to keep on a line with a figure.
fn is_short(t: &str) -> bool {
    !t.is_empty() && t.chars().count() <= LONGEST_WORD
}

/// Which words are joined to the next one by an unbreakable space.
fn joined_to_next(tokens: &[&str]) -> Vec<bool> {
    let mut joined = vec![false; tokens.len()];
    for i in 0..tokens.len() {
        if !is_numeric(tokens[i]) {
            continue;
        }
        // The word before a single digit ("Quarter 2"), and the word after a number
        // ("7 days"), or between two numbers ("417 of 450").
        if i > 0 && tokens[i].len() == 1 && is_short(tokens[i - 1]) {
            joined[i - 1] = true;
        }
        // (Not past the end of a sentence or a clause: "was 25. Then".)
        if let Some(next) = tokens
            .get(i + 1)
            .filter(|_| !tokens[i].ends_with(['.', ',', ':', ';']))
        {
            if is_numeric(next) || is_short(next) {
                joined[i] = true;
            }
            if !is_numeric(next)
                && tokens.get(i + 2).is_some_and(|t| is_numeric(t))
                && is_short(next)
            {
                joined[i + 1] = true;
            }
        }
    }
    joined
}

/// Writes `text` escaped, in a `<span class="figure">` (kept on one line) if `whole`.
fn write_figure(out: &mut String, text: &str, whole: bool) {
    if whole {
        out.push_str("<span class=\"figure\">");
        let _ = write_escaped(out, text);
        out.push_str("</span>");
    } else {
        let _ = write_escaped(out, text);
    }
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// Writes `s` escaped for HTML content and quoted attribute values: runs of plain
/// text are copied whole. Every value a page prints passes here and most have
/// nothing to escape, so the whole text is looked at first without stopping at a
/// match (which the compiler turns into a test of many bytes at once); only text
/// with something to escape is gone through byte by byte, once.
fn write_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let to_escape = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !s.as_bytes().iter().fold(false, |any, b| any | to_escape(b)) {
        return out.write_str(s);
    }
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

#[cfg(test)]
mod tests {
    use super::keep_figures;

    #[test]
    fn figures_are_kept_whole_and_everything_else_escaped() {
        let f = |s: &str| format!(r#"<span class="figure">{s}</span>"#);
        assert_eq!(
            keep_figures("No target for 2019-20"),
            format!("No target for {}", f("2019-20"))
        );
        assert_eq!(
            keep_figures("Reviews within 7 days & <b>"),
            format!("Reviews {} &amp; &lt;b&gt;", f("within 7 days"))
        );
        assert_eq!(keep_figures("2019-20"), f("2019-20"));
        assert_eq!(
            keep_figures("Performance report, Quarter 2 2019-20"),
            format!("Performance report, {}", f("Quarter 2 2019-20"))
        );
        assert_eq!(
            keep_figures("417 of 450 children"),
            f("417 of 450 children")
        );
        // A long word stays apart, so a run fits a phone even in a heading.
        assert_eq!(
            keep_figures("employment 12 months after leaving"),
            format!("employment {} after leaving", f("12 months"))
        );
        assert_eq!(
            keep_figures("Targets for 2017-18 Performance"),
            format!("Targets for {} Performance", f("2017-18"))
        );
        assert_eq!(keep_figures("in 2019-20."), format!("in {}", f("2019-20.")));
        assert_eq!(keep_figures("was 25. Then"), "was 25. Then");
        // A run too long for a phone wraps, all but its years.
        assert_eq!(
            keep_figures("from Quarter 1 2017-18 to Quarter 4 2019-20"),
            format!(
                "from {} {}",
                f("Quarter 1 2017-18 to"),
                f("Quarter 4 2019-20")
            )
        );
        assert_eq!(
            keep_figures("1 2 3 4 5 6 7 8 9 10 11 2019-20"),
            format!("1 2 3 4 5 6 7 8 9 10 11 {}", f("2019-20"))
        );
        // No figure: the words as they are, escaped.
        for plain in ["Ar darged", "", "Close to target", "a  b", "top-up"] {
            assert_eq!(keep_figures(plain), plain);
        }
        assert_eq!(keep_figures("O'Neil"), "O&#39;Neil");
    }

    /// Each byte HTML needs escaped, the way the escaper was first written: a byte
    /// at a time.
    fn escaped_bytewise(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    proptest::proptest! {
        /// Text is escaped wherever its special characters fall, and text with
        /// none is written as it is.
        #[test]
        fn escaping_looks_at_every_byte(
            s in proptest::prop_oneof!["\\PC{0,70}", "[a&<>\"' 7é]{0,70}"]
        ) {
            let mut out = String::new();
            super::write_escaped(&mut out, &s).unwrap();
            proptest::prop_assert_eq!(&out, &escaped_bytewise(&s));
        }
    }
}
