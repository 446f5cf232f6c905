//! Front matter: split from the Markdown body, parsed into a raw shape with parser
//! errors located in the file.

use super::At;
use super::span::parse_with_positions;
use super::{Kind, Source};
use crate::diagnostics::{Code, Diagnostic, line_col};
use crate::period::Period;
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// Front matter as found at the top of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatter<'a> {
    /// Between `---` lines.
    Yaml(&'a str),
    /// Between `+++` lines.
    Toml(&'a str),
}

/// Splits a file into front matter, the line the front matter starts on (1-based),
/// and the body. Accepts a byte-order mark and CRLF line endings.
pub fn split(text: &str) -> Result<(FrontMatter<'_>, usize, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let fence = text[..first_end].trim_end();
    if fence != "---" && fence != "+++" {
        return Err(
            "expected front matter: the first line must be `---` (YAML) or `+++` (TOML)"
                .to_string(),
        );
    }
    let rest = &text[first_end..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let fm = if fence == "---" {
                FrontMatter::Yaml(front)
            } else {
                FrontMatter::Toml(front)
            };
            return Ok((fm, 2, body));
        }
        offset += line.len();
    }
    Err(format!(
        "the front matter is not closed: add a line `{fence}` after it"
    ))
}

/// A front matter that could not be parsed: the diagnostic, and the unknown field it
/// names, if that is the problem (a translation says more about a figure in it).
pub(super) struct FrontError {
    pub(super) diagnostic: Diagnostic,
    pub(super) unknown_field: Option<String>,
}

/// Parses front matter into `T`, with the positions of its [`super::At`] values and
/// of any error counted from the top of the file (`first_line` is the front
/// matter's first line).
pub(super) fn parse_front<T: DeserializeOwned>(
    fm: FrontMatter<'_>,
    first_line: usize,
    file: &Source,
) -> Result<T, FrontError> {
    let (code, message, help, field, at) = match fm {
        FrontMatter::Yaml(s) => {
            match parse_with_positions(false, s, first_line, || serde_saphyr::from_str::<T>(s)) {
                Ok(t) => return Ok(t),
                Err(e) => yaml_error(e.without_snippet()),
            }
        }
        FrontMatter::Toml(s) => {
            match parse_with_positions(true, s, first_line, || toml::from_str::<T>(s)) {
                Ok(t) => return Ok(t),
                Err(e) => toml_error(&e, s),
            }
        }
    };
    let mut d = Diagnostic::in_file(&file.path, message)
        .with_code(code)
        .help(help);
    if let Some((line, col)) = at.filter(|(line, _)| *line > 0) {
        d = d.at(Some(&file.text), line + first_line - 1, Some(col.max(1)));
    }
    Err(FrontError {
        diagnostic: d,
        unknown_field: field,
    })
}

/// What a parser's error is, in the author's terms: code, message, help, the
/// unknown field (if that is it), and the position in the front matter.
type Explained = (Code, String, String, Option<String>, Option<(usize, usize)>);

const YAML_HELP: &str = "the lines between the `---` fences could not be read: look at the line shown and the one above it for a missing `:` after a name, a bracket or quote opened and not closed, or an indent that does not line up (use spaces, not tabs); words that contain `: ` or start with `[`, `{`, `*`, `&`, `!` or `#` must be put in quotes";

const TOML_HELP: &str = "the lines between the `+++` fences could not be read: look at the line shown for a missing `=`, a missing quote around words or a period (`\"2019-20 Q2\" = 3`), or a bracket opened and not closed";

fn yaml_error(e: &serde_saphyr::Error) -> Explained {
    use serde_saphyr::Error as E;
    let at = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize));
    let (code, message, help, field) = match e {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let (m, h) = unknown_field(field, expected);
            (Code::UnknownField, m, h, Some(field.clone()))
        }
        // The parser places a missing field at the end of the mapping; the front
        // matter's first line is where it belongs.
        E::SerdeMissingField { field, .. } => {
            let (code, message, help, field) = missing_field(field);
            return (code, message, help, field, Some((1, 1)));
        }
        E::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            let code = if key.parse::<Period>().is_ok() {
                Code::DuplicatePeriod
            } else {
                Code::DuplicateKey
            };
            (
                code,
                format!("`{key}` is given twice"),
                "keep one of them".to_string(),
                None,
            )
        }
        E::Message { msg, .. } => (Code::InvalidValue, msg.clone(), VALUE_HELP.into(), None),
        E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::SerdeUnknownVariant { .. }
        | E::InvalidScalar { .. }
        | E::NonFiniteFloat { .. }
        | E::NullIntoString { .. }
        | E::InvalidBooleanStrict { .. } => (
            Code::InvalidValue,
            plain(&e.to_string()),
            VALUE_HELP.into(),
            None,
        ),
        _ => (
            Code::Syntax,
            format!("this is not valid YAML: {}", plain(&e.to_string())),
            YAML_HELP.into(),
            None,
        ),
    };
    (code, message, help, field, at)
}

const VALUE_HELP: &str = "give a value of the kind expected (see README § Content format)";

/// serde-saphyr puts the location (counted from the top of the front matter, not the
/// file) in its message too; we show our own, so drop it.
fn plain(msg: &str) -> String {
    let mut msg = msg.trim().trim_start_matches("error: ");
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        msg = after;
    }
    if let Some(i) = msg.rfind(" at line ") {
        msg = &msg[..i];
    }
    msg.to_string()
}

fn toml_error(e: &toml::de::Error, s: &str) -> Explained {
    let at = e.span().map(|span| line_col(s, span.start));
    let message = e.message().trim().to_string();
    // toml reports serde's errors as text alone. When the text parses as TOML the
    // problem is in the data, and serde words those errors in a fixed form.
    if s.parse::<toml::Table>().is_err() {
        return (
            Code::Syntax,
            format!("this is not valid TOML: {message}"),
            TOML_HELP.into(),
            None,
            at,
        );
    }
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_string);
    let (code, message, help, field) = if message.starts_with("unknown field `") {
        let field = quoted(&message).unwrap_or_default();
        let expected: Vec<&str> = message
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let (m, h) = unknown_field(&field, &expected);
        (Code::UnknownField, m, h, Some(field))
    } else if message.starts_with("missing field `") {
        let (code, message, help, field) = missing_field(&quoted(&message).unwrap_or_default());
        return (code, message, help, field, Some((1, 1)));
    } else {
        (Code::InvalidValue, message, VALUE_HELP.into(), None)
    };
    (code, message, help, field, at)
}

fn missing_field(field: &str) -> (Code, String, String, Option<String>) {
    (
        Code::MissingField,
        format!("`{field}` is missing"),
        format!("add `{field}` (see README § Content format for what it holds)"),
        None,
    )
}

/// The message and help for an unknown field: the nearest known field, if one is
/// near enough to be a slip, or the list of them.
fn unknown_field(field: &str, expected: &[&str]) -> (String, String) {
    let nearest = expected
        .iter()
        .map(|k| (strsim::damerau_levenshtein(field, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min();
    let help = match nearest {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None if expected.is_empty() => "remove it".to_string(),
        None => format!(
            "remove it; the fields here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    (format!("unknown field `{field}`"), help)
}

/// Whether some unindented line of `fm` starts with one of `kind`'s figure keys: a
/// cheap look before parsing the front matter a second time for its keys. (A figure
/// it misses, say in a YAML flow mapping, is still caught, as an unknown field.)
pub(super) fn may_name_a_figure(fm: FrontMatter<'_>, kind: Kind) -> bool {
    let (FrontMatter::Yaml(text) | FrontMatter::Toml(text)) = fm;
    text.lines()
        .map(|line| line.trim_start_matches(['"', '\'']))
        .any(|line| {
            kind.figure_keys().iter().any(|key| {
                line.strip_prefix(key).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with([':', '='])
                })
            })
        })
}

/// Top-level keys of some front matter, each where it is written (the front matter
/// starting on line `first_line`).
pub(super) fn top_level_keys(fm: FrontMatter<'_>, first_line: usize) -> Vec<At<String>> {
    struct Keys(Vec<At<String>>);
    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a map")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some(k) = map.next_key::<At<String>>()? {
                        map.next_value::<IgnoredAny>()?;
                        keys.push(k);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(V)
        }
    }
    let keys: Option<Keys> = match fm {
        FrontMatter::Yaml(s) => {
            parse_with_positions(false, s, first_line, || serde_saphyr::from_str(s).ok())
        }
        FrontMatter::Toml(s) => {
            parse_with_positions(true, s, first_line, || toml::from_str(s).ok())
        }
    };
    keys.map(|k| k.0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_toml() {
        let (fm, line, body) = split("---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(fm, FrontMatter::Yaml("title: x\n"));
        assert_eq!((line, body), (2, "Body\n"));
        let (fm, _, body) = split("\u{feff}+++\r\ntitle = 'x'\r\n+++\r\n").unwrap();
        assert_eq!(fm, FrontMatter::Toml("title = 'x'\r\n"));
        assert_eq!(body, "");
    }

    proptest::proptest! {
        /// Any text splits into front matter and body, or gives an error: never a
        /// panic (byte-order marks, CRLF and multi-byte characters included), and
        /// the parts are pieces of the text.
        #[test]
        fn splitting_any_text_never_panics(s in "\\PC*") {
            if let Ok((fm, _, body)) = split(&s) {
                let (FrontMatter::Yaml(front) | FrontMatter::Toml(front)) = fm;
                assert!(s.contains(front) && s.ends_with(body));
            }
        }

        /// Text made of fences, keys and line ends in any order and mix.
        #[test]
        fn splitting_fence_soup_never_panics(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["---", "+++", "\n", "\r\n", "\u{feff}", "a: b", " ", "é"]),
                0..12,
            )
        ) {
            let s: String = parts.concat();
            if let Ok((fm, _, body)) = split(&s) {
                let (FrontMatter::Yaml(front) | FrontMatter::Toml(front)) = fm;
                assert!(s.contains(front) && s.ends_with(body));
            }
        }
    }

    #[test]
    fn unclosed_or_missing_front_matter_is_an_error() {
        assert!(split("title: x\n").unwrap_err().contains("first line"));
        assert!(split("---\ntitle: x\n").unwrap_err().contains("not closed"));
    }
}
