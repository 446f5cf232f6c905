//! Figures as published: the one place a number becomes the text a reader sees, so a
//! figure reads the same on a page, in its chart (description and axis), in CSV and
//! in JSON, and its status is judged on what is shown.
//!
//! A figure is first rounded ([`Rounded`]): half away from zero, as the spreadsheets
//! figures come from do (Excel's ROUND), on the decimal the number is (the shortest
//! decimal that reads back to it: 1.005 is 1.005, not the 1.00499... stored), so no
//! binary artefact shows (6.25 is 6.3; 10^12 is 1,000,000,000,000). A fraction's
//! percentage is worked out exactly from its numerator and denominator (1 of 16 is
//! 6.25, hence 6.3). Then it is written for a language ([`NumberFormat`]: grouped
//! thousands, the language's decimal mark) with its unit words ([`Figures`]), or
//! plainly for data files ([`Rounded::plain`] for CSV; as a JSON number, its `Serialize`).
//! Status is judged on the published figures ([`status`]).

use crate::config::Thresholds;
use crate::content::{Direction, Unit};
use crate::i18n::{Arg, I18n};
use crate::model::{Indicator, NoStatus, Status, Target, Value, assess};
use crate::period::Period;

mod published;
mod rounded;
mod travel;
pub use published::Published;
pub use rounded::{Rounded, places_written};
pub use travel::{Travel, indicator_travel};

/// A target as published at `decimals` places; `None` when target setting is not
/// appropriate or the target was not stated.
pub fn target(t: Target, decimals: u8) -> Target<Rounded> {
    t.map(|v| Rounded::new(v, decimals))
}

/// The status of `value` against `target`, judged on the figures as published (both
/// rounded to `decimals`): a page never shows equal figures with "close" beside them.
pub fn status(
    value: Option<Value>,
    target: Option<Target>,
    direction: Direction,
    decimals: u8,
    thresholds: Thresholds,
) -> Result<Status, NoStatus> {
    status_of(
        value.map(|v| Rounded::value(v, decimals)),
        target.map(|t| self::target(t, decimals)),
        direction,
        thresholds,
    )
}

/// The status of a published value against a published target: what [`status`]
/// judges, once the figures are rounded.
pub fn status_of(
    value: Option<Rounded>,
    target: Option<Target<Rounded>>,
    direction: Direction,
    thresholds: Thresholds,
) -> Result<Status, NoStatus> {
    let target = target.map(|t| t.map(Rounded::to_f64));
    assess(value.map(Rounded::to_f64), target, direction, thresholds)
}

/// Indicator `ind`'s status for `period`, from its published figures.
pub fn indicator_status(
    ind: &Indicator,
    period: Period,
    t: Thresholds,
) -> Result<Status, NoStatus> {
    status(
        ind.values.get(&period).copied(),
        ind.target_for(period),
        ind.direction,
        ind.decimals,
        t,
    )
}

/// Writes `x` as given (its shortest decimal, see [`Rounded::as_given`]) with `group`
/// between thousands and `decimal` before the decimal places: how a number given to a
/// UI string is written ("There are 1,000 indicators").
pub fn write_number(x: f64, group: &str, decimal: &str, out: &mut String) {
    Rounded::as_given(x).write(out, group, decimal);
}

/// How a language writes numbers: its thousands separator and decimal mark (the UI
/// strings `number-group-separator` and `number-decimal-separator`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    group: String,
    decimal: String,
}

impl NumberFormat {
    /// A format with these separators.
    pub fn new(group: &str, decimal: &str) -> NumberFormat {
        NumberFormat {
            group: group.to_string(),
            decimal: decimal.to_string(),
        }
    }

    /// Language `lang`'s format.
    pub fn of(i18n: &I18n, lang: usize) -> NumberFormat {
        let (group, decimal) = i18n.separators(lang);
        NumberFormat::new(group, decimal)
    }

    /// `r` in this format: "1,234.5".
    pub fn number(&self, r: Rounded) -> String {
        let mut s = String::with_capacity(24);
        r.write(&mut s, &self.group, &self.decimal);
        s
    }
}

/// Figures in words, in one language: a value with its unit ("31.3%", "13 days"), a
/// fraction ("5 of 16"), a target. (Chart axes use the [`NumberFormat`] alone.)
pub struct Figures<'a> {
    i18n: &'a I18n,
    lang: usize,
    format: NumberFormat,
}

impl<'a> Figures<'a> {
    /// Language `lang`'s figures.
    pub fn new(i18n: &'a I18n, lang: usize) -> Figures<'a> {
        Figures {
            i18n,
            lang,
            format: NumberFormat::of(i18n, lang),
        }
    }

    /// The language's number format.
    pub fn format(&self) -> &NumberFormat {
        &self.format
    }

    /// A published figure with its unit: "31.3%", "1,754", "13 days".
    pub fn with_unit(&self, unit: Unit, r: Rounded) -> Result<String, String> {
        let value = Arg::Text(self.format.number(r));
        // Plural forms follow the figure shown ("1 day", "1.0 days" aside).
        let count = || Arg::Number(r.to_f64());
        match unit {
            Unit::Count => self.i18n.t(
                self.lang,
                "value-count",
                &[("value", value), ("count", count())],
            ),
            Unit::Percent => self.i18n.t(self.lang, "value-percent", &[("value", value)]),
            Unit::Days => self.i18n.t(
                self.lang,
                "value-days",
                &[("value", value), ("count", count())],
            ),
        }
    }

    /// A value as published with its unit.
    pub fn value(&self, unit: Unit, decimals: u8, v: Value) -> Result<String, String> {
        self.with_unit(unit, Rounded::value(v, decimals))
    }

    /// A fraction's parts, each as it was given: "5 of 16" ("5 o 16"); `None` for
    /// a plain number.
    pub fn fraction(&self, v: Value) -> Result<Option<String>, String> {
        let Value::Fraction {
            numerator,
            denominator,
        } = v
        else {
            return Ok(None);
        };
        self.parts(Rounded::as_given(numerator), Rounded::as_given(denominator))
            .map(Some)
    }

    /// A fraction's published parts (see [`Published::parts`]): "5 of 16".
    pub fn parts(&self, numerator: Rounded, denominator: Rounded) -> Result<String, String> {
        let part = |r: Rounded| Arg::Text(self.format.number(r));
        self.i18n.t(
            self.lang,
            "value-fraction",
            &[
                ("numerator", part(numerator)),
                ("denominator", part(denominator)),
            ],
        )
    }

    /// A target in words: the figure with its unit, "not appropriate" or "not stated".
    pub fn target(&self, unit: Unit, decimals: u8, t: Target) -> Result<String, String> {
        self.published_target(unit, target(t, decimals))
    }

    /// A published target (see [`target`]) in words.
    pub fn published_target(&self, unit: Unit, t: Target<Rounded>) -> Result<String, String> {
        match t {
            Target::Value(r) => self.with_unit(unit, r),
            Target::NotAppropriate => self.i18n.t(self.lang, "target-not-appropriate", &[]),
            Target::NotStated => self.i18n.t(self.lang, "target-not-stated", &[]),
        }
    }
}

#[cfg(test)]
mod tests;
