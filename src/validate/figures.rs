//! The rules for an indicator's figures: every value, numerator, denominator and
//! target finite and in the range its unit allows, each period once and near the
//! others, `decimals` from 0 to 6. `build` and `check` both run them.

use crate::content::{IndicatorFront, Periods, RawTarget, RawValue, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos};
use crate::figures::Rounded;
use crate::model::Unit;
use crate::period::Period;

/// The most decimal places a figure may show: beyond this a float prints noise.
pub(super) const MAX_DECIMALS: u8 = 6;

/// How far (in years) a period may be from the middle of an indicator's other
/// periods: further is taken for a slip of the keyboard (`2091-92` for `2019-20`),
/// which would otherwise stretch the chart over decades.
pub(super) const MAX_YEARS_FROM_OTHERS: u16 = 25;

/// Reports a problem at `pos` in `src`.
fn at(src: &Source, pos: Pos, code: Code, message: String, help: &str) -> Diagnostic {
    Diagnostic::in_file(&src.path, message)
        .with_code(code)
        .at_pos(&src.text, pos)
        .help(help)
}

/// The decimal places to show: given (0 to [`MAX_DECIMALS`]), or the unit's default.
pub(super) fn decimals(src: &Source, f: &IndicatorFront, diags: &mut Diagnostics) -> u8 {
    let default = match f.unit {
        Unit::Percent => 1,
        Unit::Count | Unit::Days => 0,
    };
    let Some(d) = &f.decimals else {
        return default;
    };
    let n = d.value;
    if n.fract() == 0.0 && (0.0..=f64::from(MAX_DECIMALS)).contains(&n) {
        return n as u8;
    }
    diags.push(at(
        src,
        d.pos,
        Code::BadDecimals,
        format!("`decimals` is {n}, but figures are shown with 0 to {MAX_DECIMALS} decimal places"),
        "give a whole number from 0 to 6, or leave `decimals` out for the unit's default (1 for percentages, 0 otherwise)",
    ));
    default
}

/// A figure that is not finite (NaN or infinite, which YAML and TOML can both write).
fn not_finite(
    src: &Source,
    pos: Pos,
    what: &str,
    period: Period,
    x: f64,
    help: &str,
) -> Diagnostic {
    at(
        src,
        pos,
        Code::NotFinite,
        format!("the {what} for {period} is not a number dangos can publish ({x})"),
        help,
    )
}

/// The rules for one number (a value or a target) of an indicator with `unit`.
fn number(
    src: &Source,
    unit: Unit,
    what: &str,
    period: Period,
    x: f64,
    pos: Pos,
) -> Option<Diagnostic> {
    if !x.is_finite() {
        return Some(not_finite(
            src,
            pos,
            what,
            period,
            x,
            "give the figure as a number such as 76.1; leave the period out if there is no figure",
        ));
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
    None
}

/// Every rule on `values` and `targets`.
pub(super) fn check(src: &Source, f: &IndicatorFront, diags: &mut Diagnostics) {
    for (period, raw) in f.values.iter() {
        let pos = f.values.pos(period);
        match *raw {
            RawValue::Number(x) => diags
                .0
                .extend(number(src, f.unit, "value", *period, x, pos)),
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
            diags.0.extend(number(src, f.unit, "target", *year, x, pos));
        }
    }
    repeats(src, "values", &f.values, diags);
    repeats(src, "targets", &f.targets, diags);
    repeats(src, "commentary", &f.commentary, diags);
    repeats(src, "rationale", &f.rationale, diags);
    repeats(src, "actions", &f.actions, diags);
    repeats(src, "revised", &f.revised, diags);
    repeats(src, "revision_reason", &f.revision_reason, diags);
    order(src, "values", &f.values, diags);
    // A target for a quarter sorts among the years: its error says enough.
    if f.targets.keys().all(|y| y.quarter.is_none()) {
        order(src, "targets", &f.targets, diags);
    }
    far_periods(src, f, diags);
}

fn fraction(
    src: &Source,
    unit: Unit,
    period: Period,
    numerator: f64,
    denominator: f64,
    pos: Pos,
) -> Option<Diagnostic> {
    if unit != Unit::Percent {
        let unit = match unit {
            Unit::Count => "count",
            Unit::Days => "days",
            Unit::Percent => "percent",
        };
        return Some(at(
            src,
            pos,
            Code::FractionNotPercent,
            format!(
                "a numerator and denominator make a percentage, but this indicator's unit is {unit}"
            ),
            "use `unit: percent`, or give the value as a single number",
        ));
    }
    for (what, x) in [("numerator", numerator), ("denominator", denominator)] {
        if !x.is_finite() {
            return Some(not_finite(
                src,
                pos,
                what,
                period,
                x,
                "give the numerator and denominator as whole counts, such as 3 and 82",
            ));
        }
    }
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

/// A period given twice under `section`, in any spelling.
pub(super) fn repeats<V>(
    src: &Source,
    section: &str,
    periods: &Periods<V>,
    diags: &mut Diagnostics,
) {
    for r in &periods.repeats {
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
