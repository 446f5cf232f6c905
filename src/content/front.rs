//! Front matter: split from the Markdown body, parsed into a raw shape with parser
//! errors located in the file.

use super::{Kind, Source};
use crate::diagnostics::{Diagnostic, line_col};
use serde::de::{DeserializeOwned, IgnoredAny};
use std::collections::BTreeMap;

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

/// Parses front matter into `T`, turning parser errors into diagnostics whose line
/// numbers count from the top of the file.
pub(super) fn parse_front<T: DeserializeOwned>(
    fm: FrontMatter<'_>,
    first_line: usize,
    file: &Source,
) -> Result<T, Diagnostic> {
    let (result, text) = match fm {
        FrontMatter::Yaml(s) => (
            serde_saphyr::from_str::<T>(s).map_err(|e| {
                let loc = e
                    .location()
                    .map(|l| (l.line() as usize, l.column() as usize));
                (yaml_message(&e.without_snippet().to_string()), loc)
            }),
            s,
        ),
        FrontMatter::Toml(s) => (
            toml::from_str::<T>(s).map_err(|e| {
                let loc = e.span().map(|span| line_col(s, span.start));
                (e.message().trim().to_string(), loc)
            }),
            s,
        ),
    };
    let _ = text;
    result.map_err(|(message, loc)| {
        let d = Diagnostic::in_file(&file.path, message);
        match loc {
            Some((line, col)) if line > 0 => {
                d.at(Some(&file.text), line + first_line - 1, Some(col.max(1)))
            }
            _ => d,
        }
    })
}

/// serde-saphyr puts the location (counted from the top of the front matter, not the
/// file) in its message too; we show our own, so drop it.
fn yaml_message(msg: &str) -> String {
    let mut msg = msg.trim().trim_start_matches("error: ");
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        msg = after;
    }
    if let Some(i) = msg.rfind(" at line ") {
        msg = &msg[..i];
    }
    // Say what to do in the author's terms, not the parser's.
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("`{key}` is given twice: keep one");
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

/// Top-level keys of some front matter, with the line each is on.
pub(super) fn top_level_keys(fm: FrontMatter<'_>) -> Vec<String> {
    let keys: Option<BTreeMap<String, IgnoredAny>> = match fm {
        FrontMatter::Yaml(s) => serde_saphyr::from_str(s).ok(),
        FrontMatter::Toml(s) => toml::from_str(s).ok(),
    };
    keys.map(|k| k.into_keys().collect()).unwrap_or_default()
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

    #[test]
    fn unclosed_or_missing_front_matter_is_an_error() {
        assert!(split("title: x\n").unwrap_err().contains("first line"));
        assert!(split("---\ntitle: x\n").unwrap_err().contains("not closed"));
    }
}
