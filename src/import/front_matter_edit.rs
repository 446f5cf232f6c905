//! Writing figures into an indicator's front matter, YAML or TOML, changing only the
//! entries written: every other byte of the file (comments, key order, quoting, the
//! body) stays as it was. Each edit is checked by parsing the result: if anything but
//! the intended entries changed, the edit is refused rather than written.

use crate::content::{FrontMatter, RawTarget, RawValue, split};
use crate::period::Period;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A map of an indicator's front matter that an import writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `values:`, per period.
    Values,
    /// `targets:`, per financial year.
    Targets,
    /// `commentary:`, per period (words, in the file's language).
    Commentary,
}

impl Field {
    /// The front-matter key.
    pub fn key(self) -> &'static str {
        match self {
            Field::Values => "values",
            Field::Targets => "targets",
            Field::Commentary => "commentary",
        }
    }
}

/// One entry of a map, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A plain number.
    Number(f64),
    /// A numerator and denominator.
    Fraction {
        /// The part.
        numerator: f64,
        /// The whole.
        denominator: f64,
    },
    /// `not-appropriate` (targets only).
    NotAppropriate,
    /// `not-stated` (targets only).
    NotStated,
    /// Words.
    Text(String),
}

impl From<&RawValue> for Entry {
    fn from(v: &RawValue) -> Entry {
        match *v {
            RawValue::Number(n) => Entry::Number(n),
            RawValue::Fraction {
                numerator,
                denominator,
            } => Entry::Fraction {
                numerator,
                denominator,
            },
        }
    }
}

impl From<&RawTarget> for Entry {
    fn from(t: &RawTarget) -> Entry {
        match *t {
            RawTarget::Value(n) => Entry::Number(n),
            RawTarget::NotAppropriate => Entry::NotAppropriate,
            RawTarget::NotStated => Entry::NotStated,
        }
    }
}

/// Sets `field[period]` to `entry`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// Which map.
    pub field: Field,
    /// Which key (a financial year for targets).
    pub period: Period,
    /// The new entry.
    pub entry: Entry,
}

/// Top-level keys of an indicator in the order `dangos new` writes them (the order
/// of its declaration, after a translation's `translated_from`): a map that is not
/// there yet goes before the first key that comes after it here.
pub(crate) const KEY_ORDER: &[&str] = {
    use crate::content::{IndicatorFront, TRANSLATED_FROM};
    const LISTS: &[&[&str]] = &[&[TRANSLATED_FROM], IndicatorFront::KEYS];
    const ALL: [&str; crate::content::total_keys(LISTS)] = crate::content::concat_keys(LISTS);
    &ALL
};

/// Text as a double-quoted string, with escapes that YAML and TOML read alike, so it
/// reads back as the same string anywhere a value may be written in either.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_special_space(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters some YAML readers take as line breaks or a byte-order mark.
pub(super) fn is_special_space(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A number as a file writes it: an integer without a decimal point, otherwise the
/// shortest text that reads back as the same number (never an exponent).
pub fn number_text(n: f64) -> String {
    if let Some(i) = as_integer(n) {
        format!("{i}")
    } else if n.fract() == 0.0 {
        // Too big to be read back as an integer: keep the point, so it is a float.
        format!("{n:.1}")
    } else {
        format!("{n}")
    }
}

/// `n` as an integer, if it is one small enough to be read back exactly as one.
pub(crate) fn as_integer(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 1e15).then_some(n as i64)
}

/// How a file spells its periods, so new keys look like the old ones: `2019-20 Q2`,
/// `2019/20 Q2`, `"2019-20 Q2"`...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PeriodStyle {
    /// Between the years: `-` or `/`.
    pub(crate) sep: char,
    /// Before the quarter's number: `Q` or `q`.
    pub(crate) q: char,
    /// The quote around keys, if any.
    pub(crate) quote: Option<char>,
}

impl PeriodStyle {
    /// `2019-20 Q2`, unquoted.
    pub(crate) const DEFAULT: PeriodStyle = PeriodStyle {
        sep: '-',
        q: 'Q',
        quote: None,
    };

    /// The style of one key as written (quotes included), if it is a period.
    pub(crate) fn of(raw: &str) -> Option<PeriodStyle> {
        let raw = raw.trim();
        let (quote, inner) = match raw.chars().next() {
            Some(c @ ('"' | '\'')) if raw.len() >= 2 && raw.ends_with(c) => {
                (Some(c), &raw[1..raw.len() - 1])
            }
            _ => (None, raw),
        };
        inner.parse::<Period>().ok()?;
        let sep = inner.chars().nth(4).filter(|c| *c == '/').unwrap_or('-');
        let q = inner
            .split_whitespace()
            .nth(1)
            .and_then(|q| q.chars().next())
            .filter(|c| *c == 'q')
            .unwrap_or('Q');
        Some(PeriodStyle { sep, q, quote })
    }

    /// The period in this style, without quotes.
    pub(crate) fn bare(self, p: Period) -> String {
        let year = format!(
            "{}{}{:02}",
            p.start_year,
            self.sep,
            (p.start_year + 1) % 100
        );
        match p.quarter {
            Some(n) => format!("{year} {}{n}", self.q),
            None => year,
        }
    }
}

/// `text` (a whole content file) with `edits` made in its front matter.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, String> {
    let (fm, _, _) = split(text)?;
    let front = fm.text();
    // The front matter is a slice of `text`: splice the edited one in its place.
    let start = front.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + front.len();
    let edited = match fm {
        FrontMatter::Yaml(_) => super::yaml_front::edit(front, edits)?,
        FrontMatter::Toml(_) => super::toml_front::edit(front, edits)?,
    };
    let old: Json = fm.parse()?;
    let new: Json = fm.with_text(&edited).parse().map_err(|e| {
        format!("the edited front matter would not read back ({e}); this is a bug in dangos: please report it")
    })?;
    verify(&old, &new, edits)?;
    Ok(format!("{}{edited}{}", &text[..start], &text[end..]))
}

/// Checks that `new` is `old` with exactly `edits` made.
fn verify(old: &Json, new: &Json, edits: &[Edit]) -> Result<(), String> {
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else {
        return Err("the front matter is not a map of keys".into());
    };
    let wrong = |what: &str| {
        Err(format!(
            "dangos could not edit this file's {what} safely: please add the figures by hand, and report the file's layout as a bug"
        ))
    };
    let edited: Vec<&str> = edits.iter().map(|e| e.field.key()).collect();
    for (key, value) in old {
        if !edited.contains(&key.as_str()) && new.get(key).is_none_or(|v| !same(v, value)) {
            return wrong(&format!("`{key}`"));
        }
    }
    if new
        .keys()
        .any(|k| !old.contains_key(k) && !edited.contains(&k.as_str()))
    {
        return wrong("keys");
    }
    for field in [Field::Values, Field::Targets, Field::Commentary] {
        let mine: Vec<&Edit> = edits.iter().filter(|e| e.field == field).collect();
        if mine.is_empty() {
            continue;
        }
        let mut want = by_period(old.get(field.key()));
        for e in mine {
            want.insert(Ok(e.period), entry_json(&e.entry));
        }
        let got = by_period(new.get(field.key()));
        let count = new
            .get(field.key())
            .and_then(Json::as_object)
            .map_or(0, |m| m.len());
        if got.len() != count
            || got.len() != want.len()
            || got
                .iter()
                .zip(&want)
                .any(|((k, v), (wk, wv))| k != wk || !same(v, wv))
        {
            return wrong(&format!("`{}`", field.key()));
        }
    }
    Ok(())
}

/// A map's entries by period (keys that are not periods by their text).
fn by_period(map: Option<&Json>) -> BTreeMap<Result<Period, String>, Json> {
    map.and_then(Json::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.parse::<Period>().map_err(|_| k.clone()), v.clone()))
        .collect()
}

fn entry_json(e: &Entry) -> Json {
    let num = |n: f64| serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number);
    match e {
        Entry::Number(n) => num(*n),
        Entry::Fraction {
            numerator,
            denominator,
        } => serde_json::json!({ "numerator": num(*numerator), "denominator": num(*denominator) }),
        Entry::NotAppropriate => Json::String("not-appropriate".into()),
        Entry::NotStated => Json::String("not-stated".into()),
        Entry::Text(s) => Json::String(s.clone()),
    }
}

/// Equal values, numbers compared as numbers (`80` is `80.0`).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_holds_every_figure_key_in_order() {
        use crate::content::Kind;
        let rank = |k: &str| KEY_ORDER.iter().position(|o| *o == k);
        let figures: Vec<_> = Kind::Indicator
            .figure_keys()
            .iter()
            .map(|k| rank(k).unwrap_or_else(|| panic!("`{k}` is not in KEY_ORDER")))
            .collect();
        assert!(figures.is_sorted(), "{figures:?}");
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(number_text(1754.0), "1754");
        assert_eq!(number_text(76.1), "76.1");
        assert_eq!(number_text(-0.5), "-0.5");
        assert_eq!(number_text(1e20), "100000000000000000000.0");
    }

    #[test]
    fn period_styles_are_read_from_keys() {
        let s = PeriodStyle::of("\"2019/20 q2\"").unwrap();
        assert_eq!((s.sep, s.q, s.quote), ('/', 'q', Some('"')));
        let p: Period = "2020-21 Q1".parse().unwrap();
        assert_eq!(s.bare(p), "2020/21 q1");
        assert_eq!(PeriodStyle::DEFAULT.bare(p.year()), "2020-21");
        assert!(PeriodStyle::of("title").is_none());
    }
}
