//! The rules for an indicator's figures: every value, numerator, denominator and
//! target finite, at most [`MAX_FIGURE`], in the range its unit allows and written
//! with no more decimal places than the indicator publishes (a numerator and
//! denominator whole), each period once and near the others, `decimals` from 0 to
//! 6. `build`, `check` and `import` (its final check) all run them.

use crate::content::{HasPeriods, IndicatorFront, Periods, RawTarget, RawValue, Repeat, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use crate::figures::Rounded;
use crate::model::Unit;
use crate::period::Period;

/// The most decimal places a figure may show: beyond this a float prints noise.
pub(super) const MAX_DECIMALS: u8 = 6;

/// The largest figure (value, numerator, denominator or target) dangos publishes:
/// 10^15, a thousand million million. Up to 2^53 (about 9 × 10^15) a double holds
/// every whole number, so what is typed is what is published; past it, a figure
/// typed as 12345678901234567 would be read as 12345678901234568. No figure a
/// council reports comes near it: a larger one is a slip (or an attack).
pub const MAX_FIGURE: f64 = 1e15;

/// How far (in years) a period may be from the middle of an indicator's other
/// periods: further is taken for a slip of the keyboard (`2091-92` for `2019-20`),
/// which would otherwise stretch the chart over decades.
pub(super) const MAX_YEARS_FROM_OTHERS: u16 = 25;

/// Reports a problem at `pos` in `src`.
fn at(src: &Source, pos: Pos, code: Code, message: String, help: &str) -> Diagnostic {
    Diagnostic::in_file(code, &src.path, message)
        .at_line(src.lines(), pos)
        .help(help)
}

/// The decimal places to show: given (0 to [`MAX_DECIMALS`]), or the unit's default;
/// `None` (and an error) for a `decimals` out of range.
pub(super) fn decimals(src: &Source, f: &IndicatorFront, diags: &mut Diagnostics) -> Option<u8> {
    let Some(d) = &f.decimals else {
        return Some(default_decimals(f.unit));
    };
    let n = d.value;
    if n.fract() == 0.0 && (0.0..=f64::from(MAX_DECIMALS)).contains(&n) {
        return Some(n as u8);
    }
    diags.push(at(
        src,
        d.pos,
        Code::BadDecimals,
        format!("`decimals` is {n}, but figures are shown with 0 to {MAX_DECIMALS} decimal places"),
        "give a whole number from 0 to 6, or leave `decimals` out for the unit's default (1 for percentages, 0 otherwise)",
    ));
    None
}

/// The decimal places of a unit when `decimals` is not given.
fn default_decimals(unit: Unit) -> u8 {
    match unit {
        Unit::Percent => 1,
        Unit::Count | Unit::Days => 0,
    }
}

/// What the places of an indicator's figures are measured against: its `decimals`,
/// and whether that is given or its unit's default (the message says which).
#[derive(Clone, Copy)]
struct Places {
    decimals: u8,
    given: bool,
    unit: Unit,
    /// The front matter is TOML (`decimals = 1`), not YAML (`decimals: 1`).
    toml: bool,
}

impl Places {
    fn of(src: &Source, f: &IndicatorFront, decimals: u8) -> Places {
        Places {
            decimals,
            given: f.decimals.is_some(),
            unit: f.unit,
            toml: src.text.trim_start_matches('\u{feff}').starts_with("+++"),
        }
    }

    /// `decimals` set to `n` as the file writes it.
    fn written(self, n: impl std::fmt::Display) -> String {
        match self.toml {
            true => format!("`decimals = {n}`"),
            false => format!("`decimals: {n}`"),
        }
    }

    /// "`decimals: 0`", or "0, the default for a count".
    fn setting(self) -> String {
        let d = self.decimals;
        if self.given {
            return self.written(d);
        }
        let unit = match self.unit {
            Unit::Count => "a count",
            Unit::Percent => "a percentage",
            Unit::Days => "a number of days",
        };
        format!("{d}, the default for {unit}")
    }
}

/// "1 decimal place", "2 decimal places".
fn places_text(n: u32) -> String {
    format!("{n} decimal place{}", if n == 1 { "" } else { "s" })
}

/// A number no figure can be: not finite (`.nan`, `.inf`; `help` says what to give
/// instead) or beyond [`MAX_FIGURE`].
fn unusable(
    src: &Source,
    pos: Pos,
    what: &str,
    period: Period,
    x: f64,
    help: &str,
) -> Option<Diagnostic> {
    if !x.is_finite() {
        // NaN or infinite, which YAML and TOML can both write.
        let message = format!("the {what} for {period} is not a number dangos can publish ({x})");
        return Some(at(src, pos, Code::NotFinite, message, help));
    }
    (x.abs() > MAX_FIGURE).then(|| {
        let message = format!(
            "the {what} for {period} is {x:e}, more than the largest figure dangos publishes (10^15, 1,000,000,000,000,000)"
        );
        let help = "check the figure: is a digit repeated, or an exponent (`e`) typed by mistake?";
        at(src, pos, Code::FigureTooLarge, message, help)
    })
}

/// The rules for one number (a value or a target) of an indicator with `unit`,
/// published at `places` (none when `decimals` is itself wrong).
fn number(
    src: &Source,
    unit: Unit,
    places: Option<Places>,
    what: &str,
    period: Period,
    x: f64,
    pos: Pos,
) -> Option<Diagnostic> {
    let help =
        "give the figure as a number such as 76.1; leave the period out if there is no figure";
    if let Some(d) = unusable(src, pos, what, period, x, help) {
        return Some(d);
    }
    if unit == Unit::Percent && x > 100.0 {
        return Some(at(
            src,
            pos,
            Code::PercentOver100,
            format!(
                "the {what} for {period} is {}%, but a percentage cannot be above 100",
                Rounded::as_given(x).plain()
            ),
            "check the figure; if it is a count or a rate, change `unit`",
        ));
    }
    if x < 0.0 {
        let (code, kind) = match unit {
            Unit::Percent => (Code::NegativePercent, "percentage"),
            Unit::Count => (Code::NegativeCount, "count"),
            Unit::Days => (Code::NegativeCount, "number of days"),
        };
        return Some(at(
            src,
            pos,
            code,
            format!(
                "the {what} for {period} is {}, but a {kind} cannot be below zero",
                Rounded::as_given(x).plain()
            ),
            "check the figure and its sign",
        ));
    }
    places.and_then(|places| too_precise(src, places, what, period, x, pos))
}

/// A figure written with more decimal places than its indicator publishes: 79.2
/// in a count would be published as 79, and the reader never told. What counts is
/// the figure as written (its shortest decimal: `78.90` is 78.9, one place).
fn too_precise(
    src: &Source,
    places: Places,
    what: &str,
    period: Period,
    x: f64,
    pos: Pos,
) -> Option<Diagnostic> {
    let written = crate::figures::places_written(x);
    if written <= u32::from(places.decimals) {
        return None;
    }
    let help = if written <= u32::from(MAX_DECIMALS) {
        format!(
            "correct the figure, or set {} to publish every figure of this indicator with {}",
            places.written(written),
            places_text(written)
        )
    } else {
        format!(
            "correct the figure: figures are published with at most {}",
            places_text(u32::from(MAX_DECIMALS))
        )
    };
    Some(at(
        src,
        pos,
        Code::TooPrecise,
        format!(
            "the {what} for {period} is {}, written with {}, but this indicator publishes {} ({}): it would be published as {}",
            Rounded::as_given(x).plain(),
            places_text(written),
            places_text(u32::from(places.decimals)),
            places.setting(),
            Rounded::new(x, places.decimals).plain()
        ),
        &help,
    ))
}

/// Every rule on `values` and `targets`; `decimals` is `None` when it is itself
/// wrong (its own error says so), and figures' places are then not judged.
pub(super) fn check(
    src: &Source,
    f: &IndicatorFront,
    decimals: Option<u8>,
    diags: &mut Diagnostics,
) {
    let places = decimals.map(|d| Places::of(src, f, d));
    for (period, raw) in f.values.iter() {
        let pos = f.values.pos(period);
        match *raw {
            RawValue::Number(x) => diags
                .0
                .extend(number(src, f.unit, places, "value", *period, x, pos)),
            RawValue::Fraction {
                numerator,
                denominator,
            } => diags
                .0
                .extend(fraction(src, f.unit, *period, numerator, denominator, pos)),
        }
    }
    for (year, raw) in f.targets.iter() {
        let pos = f.targets.pos(year);
        if year.quarter.is_some() {
            diags.push(at(
                src,
                pos,
                Code::NotAFinancialYear,
                format!("targets are set per financial year, not per quarter: `{year}`"),
                &format!("write `{}:`", year.year_label()),
            ));
        }
        if let RawTarget::Value(x) = *raw {
            diags
                .0
                .extend(number(src, f.unit, places, "target", *year, x, pos));
        }
    }
    f.each_repeats(&mut |key, given_again| repeated(src, key, given_again, diags));
    order(src, "values", &f.values, diags);
    // A target for a quarter sorts among the years: its error says enough.
    if f.targets.keys().all(|y| y.quarter.is_none()) {
        order(src, "targets", &f.targets, diags);
    }
    far_periods(src, f, diags);
}

/// The first problem with a value given as a `numerator` and `denominator`, if any:
/// checked in this order, so each figure gets the most basic of its errors.
fn fraction(
    src: &Source,
    unit: Unit,
    period: Period,
    numerator: f64,
    denominator: f64,
    pos: Pos,
) -> Option<Diagnostic> {
    if unit != Unit::Percent {
        return Some(not_percent(src, unit, pos));
    }
    let parts = [("numerator", numerator), ("denominator", denominator)];
    unusable_part(src, period, parts, pos)
        .or_else(|| part_against_whole(src, period, numerator, denominator, pos))
        .or_else(|| fractional_part(src, period, parts, pos))
}

/// A fraction given for an indicator whose unit is not percent.
fn not_percent(src: &Source, unit: Unit, pos: Pos) -> Diagnostic {
    let unit = match unit {
        Unit::Count => "count",
        Unit::Days => "days",
        Unit::Percent => "percent",
    };
    at(
        src,
        pos,
        Code::FractionNotPercent,
        format!(
            "a numerator and denominator make a percentage, but this indicator's unit is {unit}"
        ),
        "use `unit: percent`, or give the value as a single number",
    )
}

/// A part that is not a number, or too large to be one.
fn unusable_part(
    src: &Source,
    period: Period,
    parts: [(&str, f64); 2],
    pos: Pos,
) -> Option<Diagnostic> {
    let help = "give the numerator and denominator as whole counts, such as 3 and 82";
    for (what, x) in parts {
        if let Some(d) = unusable(src, pos, what, period, x, help) {
            return Some(d);
        }
    }
    None
}

/// A whole of zero or less, a negative part, or a part bigger than the whole.
fn part_against_whole(
    src: &Source,
    period: Period,
    numerator: f64,
    denominator: f64,
    pos: Pos,
) -> Option<Diagnostic> {
    if denominator <= 0.0 {
        return Some(at(
            src,
            pos,
            Code::ZeroDenominator,
            format!(
                "the denominator for {period} is {denominator}, but it must be greater than zero"
            ),
            "the denominator is the whole (82 in \"3 of 82\"); with none, leave the period out or give commentary alone",
        ));
    }
    if numerator < 0.0 {
        return Some(at(
            src,
            pos,
            Code::NegativeCount,
            format!(
                "{} of {} for {period}: a numerator counts people or events, so cannot be below zero",
                Rounded::as_given(numerator).plain(),
                Rounded::as_given(denominator).plain()
            ),
            "check the figures and their signs",
        ));
    }
    if numerator > denominator {
        return Some(at(
            src,
            pos,
            Code::NumeratorOverDenominator,
            format!(
                "{} of {} for {period}: the part is bigger than the whole (that would be {}%)",
                Rounded::as_given(numerator).plain(),
                Rounded::as_given(denominator).plain(),
                Rounded::percentage(numerator, denominator, 1).plain()
            ),
            "the numerator is the part (3 in \"3 of 82\") and the denominator the whole: are they swapped?",
        ));
    }
    None
}

/// "3 of 82 children": parts are counts; the percentage they make is what
/// `decimals` rounds.
fn fractional_part(
    src: &Source,
    period: Period,
    parts: [(&str, f64); 2],
    pos: Pos,
) -> Option<Diagnostic> {
    for (what, x) in parts {
        if x.fract() != 0.0 {
            return Some(at(
                src,
                pos,
                Code::TooPrecise,
                format!(
                    "the {what} for {period} is {}, but a numerator and denominator count people or events: whole numbers",
                    Rounded::as_given(x).plain()
                ),
                "give whole counts, such as 3 and 82; for a percentage that is not a count of a count, give it as a single number",
            ));
        }
    }
    None
}

/// A period given twice under `section`, in any spelling.
pub(super) fn repeats<V>(
    src: &Source,
    section: &str,
    periods: &Periods<V>,
    diags: &mut Diagnostics,
) {
    repeated(src, section, &periods.repeats, diags);
}

/// The periods `given_again` under `section`, each an error.
fn repeated(src: &Source, section: &str, given_again: &[Repeat], diags: &mut Diagnostics) {
    for r in given_again {
        let first = if r.first.line > 0 {
            format!(" (first on line {})", r.first.line)
        } else {
            String::new()
        };
        diags.push(at(
            src,
            r.pos,
            Code::DuplicatePeriod,
            format!(
                "{} is given twice under `{section}`{first}: each period once",
                r.period
            ),
            "keep one of them (`2019-20 Q2` and `2019/20 Q2` are the same period)",
        ));
    }
}

fn order<V>(src: &Source, section: &str, periods: &Periods<V>, diags: &mut Diagnostics) {
    if let Some((p, prev, pos)) = periods.disorder {
        diags.push(at(
            src,
            pos,
            Code::PeriodOrder,
            format!("under `{section}`, {p} comes after {prev}: periods are easier to check in time order"),
            &format!("list the periods under `{section}` from earliest to latest"),
        ));
    }
}

/// Periods far from the middle of the indicator's others (see
/// [`MAX_YEARS_FROM_OTHERS`]).
fn far_periods(src: &Source, f: &IndicatorFront, diags: &mut Diagnostics) {
    let mut years: Vec<u16> = f
        .values
        .keys()
        .chain(f.targets.keys())
        .map(|p| p.start_year)
        .collect();
    if years.len() < 2 {
        return;
    }
    years.sort_unstable();
    let middle = years[years.len() / 2];
    let far = |p: &&Period| p.start_year.abs_diff(middle) > MAX_YEARS_FROM_OTHERS;
    let values = f.values.keys().filter(far).map(|p| (p, f.values.pos(p)));
    let targets = f.targets.keys().filter(far).map(|p| (p, f.targets.pos(p)));
    {
        for (p, pos) in values.chain(targets) {
            diags.push(at(
                src,
                pos,
                Code::PeriodOutOfRange,
                format!(
                    "{p} is {} years from this indicator's other periods (around {}): is it mistyped?",
                    p.start_year.abs_diff(middle),
                    Period { start_year: middle, quarter: None }
                ),
                &format!("correct the period; an indicator's periods lie within {MAX_YEARS_FROM_OTHERS} years of the middle one"),
            ));
        }
    }
}
