//! The hash of a source file's words that a translation records, and reading and
//! writing it.

use crate::content::{FrontMatter, Kind, TRANSLATED_FROM as KEY, front_scalar, split};
use serde_json::Value as Json;
use std::collections::BTreeMap;

fn front_json(text: &str) -> Result<(Json, String), String> {
    let (fm, _, body) = split(text)?;
    Ok((fm.parse()?, body.to_string()))
}

/// Writes `v` with object keys sorted, so the hash does not depend on key order.
fn canonical(v: &Json, out: &mut String) {
    match v {
        Json::Object(map) => {
            let sorted: BTreeMap<&String, &Json> = map.iter().collect();
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Json::String(k.clone()).to_string());
                out.push(':');
                canonical(v, out);
            }
            out.push('}');
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// 64-bit FNV-1a: tiny, stable across versions and platforms, and plenty to tell
/// one version of a text from another (this is not a security check).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hash of the words of a default-language file of `kind`: 12 hex digits.
pub fn words_hash(kind: Kind, text: &str) -> Result<String, String> {
    let (mut front, body) = front_json(text)?;
    if let Json::Object(map) = &mut front {
        for key in kind.figure_keys() {
            map.remove(*key);
        }
        map.remove(KEY);
        if let Some(Json::Array(sections)) = map.get_mut("sections") {
            for s in sections {
                if let Json::Object(s) = s {
                    s.remove("indicators");
                }
            }
        }
    }
    let mut words = String::new();
    canonical(&front, &mut words);
    words.push_str("\n---\n");
    let body = body.replace("\r\n", "\n");
    for line in body.trim().lines() {
        words.push_str(line.trim_end());
        words.push('\n');
    }
    Ok(format!("{:012x}", fnv1a(words.as_bytes()) >> 16))
}

/// The hash a translation records, and the line it is on: the value as written (a
/// hash of digits, or like `1e11`, is not read as a number), where the parser
/// places the key.
pub fn recorded_hash(text: &str) -> Option<(String, Option<usize>)> {
    if !text.contains(KEY) {
        return None;
    }
    let (key, hash) = front_scalar(text, KEY)?;
    let line = Some(key.pos.line).filter(|l| *l > 0);
    Some((hash.value.trim().to_string(), line))
}

/// Sets (or replaces) the `translated_from` line of a translation's front matter,
/// keeping everything else, line endings included, as it was.
pub fn set_recorded_hash(text: &str, hash: &str) -> Result<String, String> {
    let (fm, _, _) = split(text)?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = match fm {
        // Quoted: an unquoted hash of digits, or like `1e11`, would read as a number.
        FrontMatter::Yaml(_) => format!("{KEY}: \"{hash}\""),
        FrontMatter::Toml(_) => format!("{KEY} = \"{hash}\""),
    };
    let fence = match fm {
        FrontMatter::Yaml(_) => "---",
        FrontMatter::Toml(_) => "+++",
    };
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let mut lines = text.split_inclusive('\n');
    // The opening fence (after any byte-order mark), then the new line straight after
    // it: in TOML, keys after a [table] header would belong to the table.
    let first = lines.next().unwrap_or_default();
    out.push_str(first);
    out.push_str(&line);
    out.push_str(nl);
    let mut in_front = true;
    for l in lines {
        let trimmed = l.trim_end();
        if in_front && trimmed == fence {
            in_front = false;
        } else if in_front {
            let key = trimmed.split([':', '=']).next().unwrap_or("").trim();
            if key == KEY || key == format!("\"{KEY}\"") {
                continue; // the old record
            }
        }
        out.push_str(l);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_that_read_as_numbers_are_kept_as_written() {
        for hash in ["1e1118093217", "123456789012", "0x12ab34cd56"] {
            let text = set_recorded_hash("---\ntitle: Helo\n---\nCorff.\n", hash).unwrap();
            assert_eq!(
                recorded_hash(&text),
                Some((hash.to_string(), Some(2))),
                "{text}"
            );
            let by_hand = format!("---\ntranslated_from: {hash}\ntitle: Helo\n---\n");
            assert_eq!(recorded_hash(&by_hand), Some((hash.to_string(), Some(2))));
        }
    }

    const YAML: &str = "---\ntitle: Hello\nunit: count\nvalues:\n  2019-20 Q2: 3\ncommentary:\n  2019-20 Q2: Up.\n---\nBody text.\n";

    #[test]
    fn the_hash_follows_words_not_figures_or_format() {
        let h = words_hash(Kind::Indicator, YAML).unwrap();
        assert_eq!(h.len(), 12);
        let figures = YAML.replace("2019-20 Q2: 3", "2019-20 Q2: 4");
        assert_eq!(words_hash(Kind::Indicator, &figures).unwrap(), h);
        let toml = "+++\ntitle = \"Hello\"\nunit = \"count\"\n[commentary]\n\"2019-20 Q2\" = \"Up.\"\n+++\nBody text.   \r\n";
        assert_eq!(words_hash(Kind::Indicator, toml).unwrap(), h);
        let words = YAML.replace("Up.", "Down.");
        assert_ne!(words_hash(Kind::Indicator, &words).unwrap(), h);
        let body = YAML.replace("Body text.", "Other text.");
        assert_ne!(words_hash(Kind::Indicator, &body).unwrap(), h);
    }

    #[test]
    fn a_section_s_indicators_are_structure() {
        let a = "---\nperiod: 2019-20 Q2\ntitle: R\nsections:\n  - title: S\n    indicators: [a]\n---\n";
        let b = a.replace("[a]", "[a, b]");
        assert_eq!(
            words_hash(Kind::Report, a).unwrap(),
            words_hash(Kind::Report, &b).unwrap()
        );
    }

    #[test]
    fn recording_adds_or_replaces_one_line() {
        let t = "---\ntitle: Helo\n---\nCorff.\n";
        let once = set_recorded_hash(t, "abc").unwrap();
        assert_eq!(
            once,
            "---\ntranslated_from: \"abc\"\ntitle: Helo\n---\nCorff.\n"
        );
        assert_eq!(recorded_hash(&once), Some(("abc".to_string(), Some(2))));
        let twice = set_recorded_hash(&once, "def").unwrap();
        assert_eq!(
            twice,
            "---\ntranslated_from: \"def\"\ntitle: Helo\n---\nCorff.\n"
        );
        let toml = "+++\r\ntitle = \"Helo\"\r\n[commentary]\r\n+++\r\n";
        let t = set_recorded_hash(toml, "abc").unwrap();
        assert_eq!(
            t,
            "+++\r\ntranslated_from = \"abc\"\r\ntitle = \"Helo\"\r\n[commentary]\r\n+++\r\n"
        );
        assert_eq!(recorded_hash(&t).unwrap().0, "abc");
    }
}
