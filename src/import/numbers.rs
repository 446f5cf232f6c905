//! Numbers written as text (every CSV cell, and the text cells of a sheet): which
//! decimal mark a file uses, and what a cell's number is in it.
//!
//! A spreadsheet set up for English writes `1,850.5`; one set up for Welsh in
//! Germany, say, writes `1.850,5`. Most numbers read one way only: `78,9` and
//! `1.850,5` have a decimal comma, `80.5` and `0.125` a decimal point (a group of
//! thousands has three digits, and never starts a number with 0). Those settle the
//! file's mark, and the file's mark reads the rest. A number that reads both ways
//! (`1.850`: 1.85, or 1850) is refused while nothing settles the mark, naming both
//! readings and the option that settles it. A number is never read in a mark it was
//! not written in, and advice never writes a different number from the one given.

use crate::diagnostics::Code;
use crate::import::front_matter_edit::number_text;

/// A decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `76.1`; thousands grouped by commas.
    Point,
    /// `76,1`; thousands grouped by points.
    Comma,
}

impl Decimal {
    fn mark(self) -> char {
        match self {
            Decimal::Point => '.',
            Decimal::Comma => ',',
        }
    }

    fn group(self) -> char {
        match self {
            Decimal::Point => ',',
            Decimal::Comma => '.',
        }
    }

    /// "a decimal point".
    pub(crate) fn name(self) -> &'static str {
        match self {
            Decimal::Point => "a decimal point",
            Decimal::Comma => "a decimal comma",
        }
    }

    /// The option of `dangos import` that says so.
    pub(crate) fn option(self) -> &'static str {
        match self {
            Decimal::Point => "--decimal-point",
            Decimal::Comma => "--decimal-comma",
        }
    }
}

/// What a piece of text is, as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Reading {
    /// The same number with either mark (`1850`, `1 850`, `-3`).
    Either(f64),
    /// A number with this mark only (`78,9`; `80.5`).
    Only(Decimal, f64),
    /// Two numbers: with a decimal point, and with a decimal comma (`1.850`).
    Both { point: f64, comma: f64 },
    /// Not a number with either mark.
    Neither,
}

/// Reads `text` both ways.
pub(crate) fn reading(text: &str) -> Reading {
    match (read_as(text, Decimal::Point), read_as(text, Decimal::Comma)) {
        (Some(p), Some(c)) if p == c => Reading::Either(p),
        (Some(point), Some(comma)) => Reading::Both { point, comma },
        (Some(p), None) => Reading::Only(Decimal::Point, p),
        (None, Some(c)) => Reading::Only(Decimal::Comma, c),
        (None, None) => Reading::Neither,
    }
}

/// `text` as a number written with decimal mark `d`: a sign, digits (in groups of
/// three separated by the other mark or by spaces, or not grouped), a fraction after
/// `d`, an exponent. `None` if it is not one, or is not finite.
pub(crate) fn read_as(text: &str, d: Decimal) -> Option<f64> {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once(d.mark()) {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        if !digits(e) {
            return None;
        }
    }
    let int = ungrouped(int, d.group())?;
    if int.is_empty() && frac.is_none() {
        return None;
    }
    let plain = format!(
        "{}{}.{}e{}",
        if negative { "-" } else { "" },
        if int.is_empty() { "0" } else { &int },
        frac.unwrap_or("0"),
        exponent.unwrap_or("0")
    );
    plain.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The digits of a whole part, grouped in threes by `group` or by spaces (one kind
/// in a number), or not grouped. `None` if it is not that.
fn ungrouped(int: &str, group: char) -> Option<String> {
    let Some(sep) = int.chars().find(|c| !c.is_ascii_digit()) else {
        return Some(int.to_string());
    };
    if !(sep == group || matches!(sep, ' ' | '\u{a0}' | '\u{202f}')) {
        return None;
    }
    let mut parts = int.split(sep);
    let first = parts.next()?;
    if first.is_empty()
        || first.len() > 3
        || first.starts_with('0')
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut out = first.to_string();
    for part in parts {
        if part.len() != 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(part);
    }
    Some(out)
}

/// The number at the start of `text` and what follows it, if `text` is a number
/// with something after it (`12%`, `190 days`): for advice, the number as written.
pub(crate) fn number_and_rest(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' ')))
        .unwrap_or(text.len());
    let (lead, rest) = text.split_at(end);
    let lead = lead.trim();
    (reading(lead) != Reading::Neither && !rest.trim().is_empty()).then_some((lead, rest.trim()))
}

/// The decimal mark a file's numbers are read with, and why.
#[derive(Debug, Clone, Default)]
pub(crate) struct Marks {
    /// `None` while nothing says which.
    pub(crate) decimal: Option<Decimal>,
    /// Given by `--decimal-point` or `--decimal-comma`.
    pub(crate) forced: bool,
    /// The first cell that shows the mark: (where, as written).
    pub(crate) seen: Option<(String, String)>,
}

impl Marks {
    /// Why the file's numbers are read with the mark: "as --decimal-comma says".
    pub(crate) fn why(&self) -> String {
        match (&self.seen, self.decimal) {
            (_, Some(d)) if self.forced => format!("as {} says", d.option()),
            (Some((place, text)), _) => format!("as {place} shows: `{text}`"),
            _ => String::new(),
        }
    }

    /// Finds the mark of a file whose figure cells hold `texts` (where, as written):
    /// the one that the cells reading one way only show. Two marks shown is a
    /// problem: (the place of the second, the problem, the help).
    pub(crate) fn find<'t>(
        forced: Option<Decimal>,
        texts: impl Iterator<Item = (String, &'t str)>,
    ) -> (Marks, Option<(String, String, String)>) {
        if let Some(d) = forced {
            return (
                Marks {
                    decimal: Some(d),
                    forced: true,
                    seen: None,
                },
                None,
            );
        }
        let mut first: Option<(Decimal, String, String)> = None;
        for (place, text) in texts {
            let Reading::Only(d, _) = reading(text) else {
                continue;
            };
            match &first {
                None => first = Some((d, place, text.to_string())),
                Some((f, fplace, ftext)) if *f != d => {
                    let problem = format!(
                        "`{text}` has {}, but {fplace} has {}: `{ftext}`",
                        d.name(),
                        f.name()
                    );
                    let help = format!(
                        "write every number with the same decimal mark; or, if the file's mark is {}, import with {}",
                        f.name(),
                        f.option()
                    );
                    return (Marks::default(), Some((place, problem, help)));
                }
                Some(_) => {}
            }
        }
        let marks = match first {
            Some((d, place, text)) => Marks {
                decimal: Some(d),
                forced: false,
                seen: Some((place, text)),
            },
            None => Marks::default(),
        };
        (marks, None)
    }

    /// The number `text` is in this file, or what is wrong: (code, problem, help).
    pub(crate) fn number(&self, text: &str) -> Result<f64, (Code, String, String)> {
        match (self.decimal, reading(text)) {
            (_, Reading::Either(n)) => Ok(n),
            (Some(d), Reading::Only(e, n)) if d == e => Ok(n),
            (None, Reading::Only(_, n)) => Ok(n),
            (Some(Decimal::Point), Reading::Both { point, .. }) => Ok(point),
            (Some(Decimal::Comma), Reading::Both { comma, .. }) => Ok(comma),
            (Some(d), Reading::Only(e, _)) => Err((
                Code::MixedDecimals,
                format!(
                    "`{text}` has {}, but this file's numbers have {} ({})",
                    e.name(),
                    d.name(),
                    self.why()
                ),
                if self.forced {
                    format!(
                        "write it with {}; or, if the file's numbers have {}, import with {} instead",
                        d.name(),
                        e.name(),
                        e.option()
                    )
                } else {
                    "write every number with the same decimal mark".to_string()
                },
            )),
            (None, Reading::Both { point, comma }) => Err((
                Code::AmbiguousNumber,
                format!(
                    "`{text}` reads two ways: {} with a decimal point, or {} with a decimal comma, and no other number in the file says which",
                    number_text(point),
                    number_text(comma)
                ),
                format!(
                    "import with --decimal-point if it is {}, or --decimal-comma if it is {}",
                    number_text(point),
                    number_text(comma)
                ),
            )),
            (_, Reading::Neither) => Err(match number_and_rest(text) {
                Some((number, unit)) => (
                    Code::ImportNumber,
                    format!("`{text}` is a number with a unit (`{unit}`)"),
                    format!(
                        "write the number alone, {number}: the indicator's `unit` says what it counts"
                    ),
                ),
                None => (
                    Code::ImportNumber,
                    format!("`{text}` is not a number"),
                    "write the figure as a plain number, or leave the cell empty if there is none"
                        .to_string(),
                ),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal::{Comma, Point};
    use super::*;

    #[test]
    fn each_mark_reads_its_own_numbers() {
        assert_eq!(reading("1850"), Reading::Either(1850.0));
        assert_eq!(reading("-3"), Reading::Either(-3.0));
        assert_eq!(reading("1 850"), Reading::Either(1850.0));
        assert_eq!(reading("1\u{a0}850"), Reading::Either(1850.0));
        assert_eq!(reading("78,9"), Reading::Only(Comma, 78.9));
        assert_eq!(reading("80.5"), Reading::Only(Point, 80.5));
        assert_eq!(reading("0.850"), Reading::Only(Point, 0.85));
        assert_eq!(reading("0,850"), Reading::Only(Comma, 0.85));
        assert_eq!(reading(".5"), Reading::Only(Point, 0.5));
        assert_eq!(reading("1,850.5"), Reading::Only(Point, 1850.5));
        assert_eq!(reading("1.850,5"), Reading::Only(Comma, 1850.5));
        assert_eq!(reading("1.850.000"), Reading::Only(Comma, 1_850_000.0));
        assert_eq!(reading("1,850,000"), Reading::Only(Point, 1_850_000.0));
        assert_eq!(reading("1 850,5"), Reading::Only(Comma, 1850.5));
        assert_eq!(reading("1.5e3"), Reading::Only(Point, 1500.0));
        assert_eq!(
            reading("1.850"),
            Reading::Both {
                point: 1.85,
                comma: 1850.0
            }
        );
        assert_eq!(
            reading("1,850"),
            Reading::Both {
                point: 1850.0,
                comma: 1.85
            }
        );
    }

    #[test]
    fn what_is_not_a_number_in_a_mark_is_not_read_as_one() {
        for text in [
            "",
            "n/a",
            "12%",
            "1,85,0",
            "18,50.0",
            "1.8.5",
            "1 850.000,0",
            "inf",
            "NaN",
            "1e",
            "--1",
            "1,850 people",
            "1e999",
        ] {
            assert_eq!(read_as(text, Point), None, "{text} with a point");
            assert_eq!(read_as(text, Comma), None, "{text} with a comma");
        }
        // A group of thousands never starts a number with 0.
        assert_eq!(read_as("01,850", Point), None);
        assert_eq!(read_as("01,850", Comma), Some(1.85));
        assert_eq!(read_as("1.850", Comma), Some(1850.0));
        assert_eq!(read_as("1.850", Point), Some(1.85));
    }

    #[test]
    fn a_file_s_mark_is_the_one_its_numbers_show() {
        let cells = |texts: &[&'static str]| {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("line {}", i + 2), *t))
                .collect::<Vec<_>>()
        };
        let (marks, problem) = Marks::find(None, cells(&["1.850", "190", "78,9"]).into_iter());
        assert!(problem.is_none());
        assert_eq!(marks.decimal, Some(Comma));
        assert_eq!(marks.why(), "as line 4 shows: `78,9`");
        assert_eq!(marks.number("1.850"), Ok(1850.0));
        assert_eq!(marks.number("1.850,5"), Ok(1850.5));
        assert_eq!(marks.number("80.5").unwrap_err().0, Code::MixedDecimals);

        let (marks, problem) = Marks::find(None, cells(&["78,9", "80.5"]).into_iter());
        let (place, message, _) = problem.unwrap();
        assert_eq!(place, "line 3");
        assert!(
            message.contains("but line 2 has a decimal comma: `78,9`"),
            "{message}"
        );
        assert_eq!(marks.decimal, None);

        let (marks, _) = Marks::find(None, cells(&["1.850", "25"]).into_iter());
        assert_eq!(marks.number("1.850").unwrap_err().0, Code::AmbiguousNumber);
        assert_eq!(marks.number("25"), Ok(25.0));
        let (marks, _) = Marks::find(Some(Point), cells(&["78,9"]).into_iter());
        assert_eq!(marks.number("1.850"), Ok(1.85));
        assert_eq!(marks.why(), "as --decimal-point says");
    }

    proptest::proptest! {
        /// A number written as a spreadsheet writes it in either mark, grouped or
        /// not, reads back as itself in that mark, and never as another number in
        /// the other: it reads two ways only if it is grouped in threes.
        #[test]
        fn a_number_reads_back_in_its_own_mark(
            whole in 0u64..10_000_000_000,
            fraction in proptest::option::of("[0-9]{1,6}"),
            grouped: bool,
            negative: bool,
            comma: bool,
        ) {
            let d = if comma { Comma } else { Point };
            let digits = whole.to_string();
            let int = if grouped {
                let mut out = String::new();
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        out.push(d.group());
                    }
                    out.push(c);
                }
                out
            } else {
                digits.clone()
            };
            let sign = if negative { "-" } else { "" };
            let text = match &fraction {
                Some(f) => format!("{sign}{int}{}{f}", d.mark()),
                None => format!("{sign}{int}"),
            };
            let meant: f64 = format!("{sign}{digits}.{}", fraction.as_deref().unwrap_or("0")).parse().unwrap();
            proptest::prop_assert_eq!(read_as(&text, d), Some(meant));
            match reading(&text) {
                Reading::Either(n) => proptest::prop_assert_eq!(n, meant),
                Reading::Only(e, n) => {
                    proptest::prop_assert_eq!(e, d);
                    proptest::prop_assert_eq!(n, meant);
                }
                Reading::Both { point, comma } => {
                    proptest::prop_assert_eq!(if d == Point { point } else { comma }, meant);
                }
                Reading::Neither => proptest::prop_assert!(false, "{} read no way", text),
            }
        }
    }

    #[test]
    fn advice_keeps_the_number_as_written() {
        assert_eq!(number_and_rest("12%"), Some(("12", "%")));
        assert_eq!(number_and_rest("190 days"), Some(("190", "days")));
        assert_eq!(number_and_rest("78,9 %"), Some(("78,9", "%")));
        assert_eq!(number_and_rest("about 190"), None);
        assert_eq!(number_and_rest("190"), None);
    }
}
