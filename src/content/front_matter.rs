//! Front matter: split from the Markdown body, parsed into a raw shape with parser
//! errors located in the file.

use super::At;
use super::span::parse_with_positions;
use super::{Kind, Source};
use crate::diagnostics::{
    Code, Diagnostic, Explained, VALUE_HELP, explain_toml, missing_field, unknown_field,
};
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

impl<'a> FrontMatter<'a> {
    /// Parses the front matter into `T` with no positions, for tools that read a
    /// file rather than report on it (loading uses [`parse_front`]). An empty YAML
    /// front matter is an empty map, as an empty TOML one is, not YAML's null.
    pub fn parse<T: DeserializeOwned>(self) -> Result<T, String> {
        match self {
            FrontMatter::Yaml(s) if s.trim().is_empty() => {
                serde_saphyr::from_str("{}").map_err(|e| e.to_string())
            }
            FrontMatter::Yaml(s) => serde_saphyr::from_str(s).map_err(|e| e.to_string()),
            FrontMatter::Toml(s) => toml::from_str(s).map_err(|e| e.to_string()),
        }
    }

    /// The text between the fences.
    pub fn text(self) -> &'a str {
        let (FrontMatter::Yaml(s) | FrontMatter::Toml(s)) = self;
        s
    }

    /// Parses into `T`, with the positions of its [`At`] values counted from the top
    /// of the file (the front matter starting on line `first_line`).
    pub(super) fn parse_at<T: DeserializeOwned>(self, first_line: usize) -> Result<T, ParseError> {
        match self {
            FrontMatter::Yaml(s) => {
                parse_with_positions(false, s, first_line, || serde_saphyr::from_str(s))
                    .map_err(ParseError::Yaml)
            }
            FrontMatter::Toml(s) => parse_with_positions(true, s, first_line, || toml::from_str(s))
                .map_err(ParseError::Toml),
        }
    }

    /// The same kind of front matter, with other text.
    pub fn with_text(self, text: &str) -> FrontMatter<'_> {
        match self {
            FrontMatter::Yaml(_) => FrontMatter::Yaml(text),
            FrontMatter::Toml(_) => FrontMatter::Toml(text),
        }
    }
}

/// Why a front matter could not be parsed, in its parser's words.
pub(super) enum ParseError {
    Yaml(serde_saphyr::Error),
    Toml(toml::de::Error),
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
    let (code, message, help, field, at) = match fm.parse_at::<T>(first_line) {
        Ok(t) => return Ok(t),
        Err(ParseError::Yaml(e)) => yaml_error(e.without_snippet(), fm.text()),
        Err(ParseError::Toml(e)) => {
            let (code, message, help, field, at) = explain_toml::<T>(&e, fm.text(), TOML_HELP);
            // A missing field is placed at the front matter's first line.
            let at = if code == Code::MissingField {
                Some((1, 1))
            } else {
                at
            };
            (code, message, help, field, at)
        }
    };
    let mut d = Diagnostic::in_file(code, &file.path, message).help(help);
    if let Some((line, col)) = at.filter(|(line, _)| *line > 0) {
        d = d.at(Some(&file.text), line + first_line - 1, Some(col.max(1)));
    }
    Err(FrontError {
        diagnostic: d,
        unknown_field: field,
    })
}

const YAML_HELP: &str = "the lines between the `---` fences could not be read: look at the line shown and the one above it for a missing `:` after a name, a bracket or quote opened and not closed, or an indent that does not line up (use spaces, not tabs); words that contain `: ` or start with `[`, `{`, `*`, `&`, `!` or `#` must be put in quotes";

const TOML_HELP: &str = "the lines between the `+++` fences could not be read: look at the line shown for a missing `=`, a missing quote around words or a period (`\"2019-20 Q2\" = 3`), or a bracket opened and not closed";

/// Whether the YAML parser stopped at a tab where YAML allows none (in
/// indentation, above all: YAML indents with spaces only).
fn is_tab_error(e: &serde_saphyr::Error) -> bool {
    use serde_saphyr::ExternalMessageSource as Source;
    use serde_saphyr::granit_parser::ErrorKind as K;
    let serde_saphyr::Error::ExternalMessage { source, .. } = e else {
        return false;
    };
    let Source::Parser(scan) = &**source else {
        return false;
    };
    matches!(
        scan.kind(),
        K::TabNotAllowed
            | K::TabInBlockIndentation
            | K::TabAtBlockScalarStart
            | K::TabInIndentation
            | K::TabInPlainScalar
    )
}

/// Where the tab is that stopped the parser at `(line, column)` of `text` (1-based),
/// and whether it indents its line. The parser places a tab in indentation after
/// it (at the text it indents), or, when the tab indents the line after a plain
/// scalar, at the start of that scalar: so the tab is in the indentation of the
/// line named or of the next line with text; failing that, on the line named.
fn tab_position(text: &str, line: usize, column: usize) -> Option<((usize, usize), bool)> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate().skip(line.checked_sub(1)?) {
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        if let Some(at) = l[..indent].find('\t') {
            return Some(((i + 1, at + 1), true));
        }
        if i + 1 > line && !l.trim().is_empty() {
            break;
        }
    }
    let chars: Vec<char> = lines.get(line - 1)?.chars().collect();
    let before = column.saturating_sub(1).min(chars.len());
    let at = chars[..before]
        .iter()
        .rposition(|&c| c == '\t')
        .or_else(|| Some(before + chars[before..].iter().position(|&c| c == '\t')?))?;
    Some(((line, at + 1), false))
}

fn yaml_error(e: &serde_saphyr::Error, text: &str) -> Explained {
    let at = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize));
    if let Some(tab) = tab_error(e, text, at) {
        return tab;
    }
    let (code, message, help, field) = match explain_yaml(e) {
        Explanation::Here(code, message, help, field) => (code, message, help, field),
        // The parser places a missing field at the end of the mapping; the front
        // matter's first line is where it belongs.
        Explanation::AtTheTop(code, message, help) => {
            return (code, message, help, None, Some((1, 1)));
        }
    };
    (code, message, help, field, at)
}

/// A tab where YAML allows none, placed at the tab itself.
fn tab_error(e: &serde_saphyr::Error, text: &str, at: Option<(usize, usize)>) -> Option<Explained> {
    let (line, column) = at?;
    if !is_tab_error(e) {
        return None;
    }
    let (tab, indents) = tab_position(text, line, column)?;
    let (message, help) = if indents {
        (
            "a tab in the indentation: YAML indents with spaces only",
            "replace the tab at the start of this line with spaces, as many as the lines beside it are indented by",
        )
    } else {
        (
            "a tab where YAML allows none",
            "replace the tab with a space",
        )
    };
    Some((Code::Syntax, message.into(), help.into(), None, Some(tab)))
}

/// What a YAML error means, and where it goes.
enum Explanation {
    /// Its code, message, help and field (if about one), where the parser says.
    Here(Code, String, String, Option<String>),
    /// Its code, message and help, at the front matter's first line.
    AtTheTop(Code, String, String),
}

/// The code, message and help of a YAML error that is not about a tab.
fn explain_yaml(e: &serde_saphyr::Error) -> Explanation {
    use serde_saphyr::Error as E;
    let (code, message, help, field) = match e {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let (m, h) = unknown_field(field, expected);
            (Code::UnknownField, m, h, Some(field.clone()))
        }
        E::SerdeMissingField { field, .. } => {
            let (message, help) = missing_field(field);
            return Explanation::AtTheTop(Code::MissingField, message, help);
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
    Explanation::Here(code, message, help, field)
}

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

/// The top-level keys of a file's front matter, each where it is written (none if
/// the front matter cannot be read).
pub fn front_keys(text: &str) -> Vec<At<String>> {
    match split(text) {
        Ok((fm, first_line, _)) => top_level_keys(fm, first_line),
        Err(_) => Vec::new(),
    }
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
    let keys: Option<Keys> = fm.parse_at(first_line).ok();
    keys.map(|k| k.0).unwrap_or_default()
}

/// A top-level key of a file's front matter and its value, a scalar read as the
/// text written (so `123456789012` or `1e1118093217` stays as written, not a
/// number), each where the parser says it is written.
pub fn front_scalar(text: &str, key: &str) -> Option<(At<String>, At<String>)> {
    struct Seed<'k>(&'k str);
    impl<'de> serde::de::DeserializeSeed<'de> for Seed<'_> {
        type Value = Option<(At<String>, At<String>)>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = Option<(At<String>, At<String>)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            // The whole map is read: a parser may refuse a map left half read.
            let mut found = None;
            while let Some(k) = map.next_key::<At<String>>()? {
                if k.value == self.0 && found.is_none() {
                    found = Some((k, map.next_value::<At<String>>()?));
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    let (fm, first_line, _) = split(text).ok()?;
    let seed = Seed(key);
    let found = match fm {
        FrontMatter::Yaml(s) => parse_with_positions(false, s, first_line, || {
            use serde::de::DeserializeSeed;
            serde_saphyr::with_deserializer_from_str(s, |d| seed.deserialize(d)).ok()
        }),
        FrontMatter::Toml(s) => parse_with_positions(true, s, first_line, || {
            use serde::de::DeserializeSeed;
            seed.deserialize(toml::Deserializer::parse(s).ok()?).ok()
        }),
    };
    found.flatten()
}

/// Every string of some front matter (at any depth: a section's summary, a
/// period's commentary), each where the parser says it is written, the front
/// matter starting on line `first_line`; none if it cannot be read.
pub fn front_strings(fm: FrontMatter<'_>, first_line: usize) -> Vec<At<String>> {
    fn strings(node: At<AnyValue>, out: &mut Vec<At<String>>) {
        match node.value {
            AnyValue::Str(s) => out.push(At {
                value: s,
                pos: node.pos,
            }),
            AnyValue::Many(all) => all.into_iter().for_each(|n| strings(n, out)),
            AnyValue::Other => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(node) = fm.parse_at::<At<AnyValue>>(first_line) {
        strings(node, &mut out);
    }
    out
}

/// Any value of front matter, keeping its strings (for [`front_strings`]).
enum AnyValue {
    Str(String),
    Many(Vec<At<AnyValue>>),
    Other,
}

impl<'de> Deserialize<'de> for AnyValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyValueVisitor)
    }
}

struct AnyValueVisitor;

impl<'de> Visitor<'de> for AnyValueVisitor {
    type Value = AnyValue;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AnyValue, E> {
        Ok(AnyValue::Str(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<AnyValue, E> {
        Ok(AnyValue::Str(v))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<AnyValue, E> {
        Ok(AnyValue::Other)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<AnyValue, A::Error> {
        let mut all = Vec::new();
        while let Some(n) = seq.next_element::<At<AnyValue>>()? {
            all.push(n);
        }
        Ok(AnyValue::Many(all))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyValue, A::Error> {
        let mut all = Vec::new();
        while map.next_key::<IgnoredAny>()?.is_some() {
            all.push(map.next_value::<At<AnyValue>>()?);
        }
        Ok(AnyValue::Many(all))
    }
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
    fn strings_are_found_where_the_parser_says() {
        let text =
            "---\ntitle: A\nsections:\n  - summary: |\n      See [x](@/a.md).\n    n: 3\n---\n";
        let (fm, first, _) = split(text).unwrap();
        let found: Vec<(String, usize)> = front_strings(fm, first)
            .into_iter()
            .map(|s| (s.value, s.pos.line))
            .collect();
        assert_eq!(
            found,
            [("A".to_string(), 2), ("See [x](@/a.md).\n".to_string(), 5)]
        );
        let text = "+++\ntitle = 'A'\n[[sections]]\nsummary = 'B'\n+++\n";
        let (fm, first, _) = split(text).unwrap();
        let mut lines: Vec<usize> = front_strings(fm, first)
            .iter()
            .map(|s| s.pos.line)
            .collect();
        lines.sort();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn a_tab_is_found_where_the_parser_stopped_for_it() {
        // After the tab it indents, or at the plain scalar of the line above.
        let text = "a:\n  b: 1\n\tc: 2\n";
        assert_eq!(tab_position(text, 3, 2), Some(((3, 1), true)));
        assert_eq!(tab_position(text, 2, 6), Some(((3, 1), true)));
        // A tab after the colon is allowed; the one that indents the next line is not.
        let text = "a:\n  b:\t1\n\t c: 2\n";
        assert_eq!(tab_position(text, 2, 7), Some(((3, 1), true)));
        assert_eq!(tab_position("a: [1,\t2]\n", 1, 9), Some(((1, 7), false)));
        assert_eq!(tab_position("a: 1\n", 1, 4), None);
        assert_eq!(tab_position("a\r\n \t b\r\n", 2, 4), Some(((2, 2), true)));
    }

    #[test]
    fn unclosed_or_missing_front_matter_is_an_error() {
        assert!(split("title: x\n").unwrap_err().contains("first line"));
        assert!(split("---\ntitle: x\n").unwrap_err().contains("not closed"));
    }
}
