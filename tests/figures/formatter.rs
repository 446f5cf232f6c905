//! The formatter on its own, against the references: many cases.

use crate::{grouped, read_back, reference};
use dangos::config::Thresholds;
use dangos::content::Direction;
use dangos::figures::{self, NumberFormat, Rounded};
use dangos::model::{Status, Target, Value};
use proptest::prelude::*;

/// Figures as people type them (a few decimals, halves on the rounding edge), counts
/// up to 10^15, and any double in a wide range.
pub(crate) fn figure() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0i64..1_000_000, 0u32..5).prop_map(|(n, p)| n as f64 / 10f64.powi(p as i32)),
        (0i64..200_000, 1u32..5).prop_map(|(n, p)| (n as f64 * 10.0 + 5.0) / 10f64.powi(p as i32)),
        (0u64..=1_000_000_000_000_000).prop_map(|n| n as f64),
        (0u32..16).prop_map(|e| 10f64.powi(e as i32)),
        -1e12f64..1e12,
        -100.0f64..100.0,
    ]
}

/// The decimal places validation allows.
pub(crate) fn decimals() -> impl Strategy<Value = u8> {
    0u8..=6
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The published figure is the decimal the number is, rounded half away from
    /// zero: no binary artefact (6.25 is 6.3, 10^12 is exact).
    #[test]
    fn rounds_the_decimal_half_away_from_zero(x in figure(), d in decimals()) {
        let shown = NumberFormat::new("", ".").number(Rounded::new(x, d));
        prop_assert_eq!(shown, reference(x, d), "{} at {} places", x, d);
    }

    /// Thousands are grouped in the language's format, and nothing else changes.
    #[test]
    fn groups_thousands_in_the_languages_format(x in figure(), d in decimals()) {
        let r = Rounded::new(x, d);
        let plain = NumberFormat::new("", ".").number(r);
        prop_assert_eq!(NumberFormat::new(",", ".").number(r), grouped(&plain, ",", "."));
        prop_assert_eq!(NumberFormat::new(".", ",").number(r), grouped(&plain, ".", ","));
    }

    /// The data files' figure is the page's, written plainly; JSON's number is the
    /// same number (and the same digits, up to 15 of them).
    #[test]
    fn data_files_publish_the_page_figure(x in figure(), d in decimals()) {
        let r = Rounded::new(x, d);
        let page = NumberFormat::new(",", ".").number(r);
        let csv = r.plain();
        prop_assert_eq!(read_back(&page, ",", "."), csv.parse::<f64>().unwrap());
        prop_assert!(!csv.contains(',') && !csv.ends_with('.'));
        if csv.contains('.') {
            prop_assert!(!csv.ends_with('0'), "{}", csv);
        }
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(json.parse::<f64>().unwrap(), csv.parse::<f64>().unwrap());
        let digits = csv.chars().filter(char::is_ascii_digit).count();
        if digits <= 15 {
            prop_assert_eq!(json, csv);
        }
        prop_assert_eq!(r.to_f64(), read_back(&page, ",", "."));
    }

    /// A fraction's percentage is exact: 1 of 16 is 6.25, so 6.3.
    #[test]
    fn fractions_make_exact_percentages(a in 0u64..1_000_000, b in 1u64..1_000_000, d in 0u8..=4) {
        // round(a / b * 100 * 10^d), half up, in integers.
        let scale = 100 * 10u128.pow(u32::from(d));
        let units = (2 * u128::from(a) * scale + u128::from(b)) / (2 * u128::from(b));
        let whole = units / 10u128.pow(u32::from(d));
        let part = units % 10u128.pow(u32::from(d));
        let expected = if d == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{part:0w$}", w = usize::from(d))
        };
        let shown = NumberFormat::new("", ".").number(Rounded::percentage(a as f64, b as f64, d));
        prop_assert_eq!(shown, expected, "{} of {}", a, b);
    }

    /// The status agrees with the figures shown: equal figures are on target, a
    /// figure shown on the right side of its target is on target, one on the wrong
    /// side is not, and "close" is within the threshold of the figures shown.
    #[test]
    fn status_agrees_with_the_figures_shown(
        value in prop_oneof![
            figure().prop_map(Value::Number),
            (0u32..2000, 1u32..2000).prop_map(|(n, d)| Value::Fraction {
                numerator: f64::from(n),
                denominator: f64::from(d),
            }),
        ],
        target in figure(),
        near in any::<bool>(),
        higher in any::<bool>(),
        d in decimals(),
        close_within in 0u32..20,
    ) {
        let shown_value = Rounded::value(value, d);
        // Half the cases aim at the value itself, to land on the edges.
        let target = if near { shown_value.to_f64() } else { target };
        let direction = if higher { Direction::Higher } else { Direction::Lower };
        let t = Thresholds { close_within: f64::from(close_within) };
        let status = figures::status(Some(value), Some(Target::Value(target)), direction, d, t)
            .expect("a value, a target and a direction give a status");
        let v = read_back(&NumberFormat::new(",", ".").number(shown_value), ",", ".");
        let g = read_back(&NumberFormat::new(",", ".").number(Rounded::new(target, d)), ",", ".");
        let shortfall = if higher { g - v } else { v - g };
        if shortfall <= 0.0 {
            prop_assert_eq!(status, Status::OnTarget, "{} against {}", v, g);
        } else {
            prop_assert_ne!(status, Status::OnTarget, "{} against {}", v, g);
            let threshold = g.abs() * f64::from(close_within) / 100.0;
            // Exactly on the threshold, doubles may fall either way.
            if (shortfall - threshold).abs() > 1e-6 * threshold.max(1.0) {
                let expected = if shortfall <= threshold { Status::Close } else { Status::OffTarget };
                prop_assert_eq!(status, expected, "{} against {}", v, g);
            }
        }
    }
}

/// Any finite double, drawn from its bits (so every exponent is as likely as any
/// other, from subnormals to 1.8 × 10^308), and the edges.
fn any_finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<u64>()
            .prop_map(f64::from_bits)
            .prop_filter("finite", |x| x.is_finite()),
        prop::sample::select(vec![
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            1e39,
            -1e39,
            2f64.powi(127),
            1.7e38,
            9007199254740993.0,
            1e308,
            0.0,
            -0.0,
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// Over the whole range of doubles the formatter is exact: the figure written
    /// is the number's shortest decimal rounded half away from zero, never a
    /// saturated 2^127 (issue 19 found `1e39` published as
    /// 170,141,183,460,469,231,731,687,303,715,884,105,727). Figures past 10^15
    /// are refused by validation (`figure-too-large`); what the formatter is given
    /// anyway, it still writes exactly.
    #[test]
    fn every_double_is_written_exactly(x in any_finite(), d in 0u8..=18) {
        let r = Rounded::new(x, d);
        prop_assert_eq!(NumberFormat::new("", ".").number(r), reference(x, d), "{:e} at {}", x, d);
        let back: f64 = r.plain().parse().unwrap();
        prop_assert_eq!(r.to_f64(), back, "{:e} at {}", x, d);
        if d == 18 || x.abs() >= 1.0 {
            // At enough places (or whole), reading the figure back gives the number.
            let whole_enough = dangos::figures::places_written(x) <= u32::from(d);
            if whole_enough {
                prop_assert_eq!(back, x, "{:e} at {}", x, d);
            }
        }
    }
}

/// A plain figure ("-12.5") in units of `d` decimal places (-1250 at 2).
fn units(plain: &str, d: u8) -> i128 {
    let (whole, places) = plain.split_once('.').unwrap_or((plain, ""));
    let digits = format!(
        "{}{places:0<width$}",
        whole.trim_start_matches('-'),
        width = usize::from(d)
    );
    let n: i128 = digits.parse().unwrap();
    if whole.starts_with('-') { -n } else { n }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A direction of travel's change is the difference of the two figures as
    /// published, exactly, at their decimals: its sign says which way the figure
    /// moved, and without the sign it is the size of the move. "Down 5 days" is never
    /// the difference of the doubles behind 35 and 30.
    #[test]
    fn a_change_is_the_difference_of_the_figures_shown(
        x in figure(),
        y in figure(),
        d in decimals(),
    ) {
        let (earlier, now) = (Rounded::new(x, d), Rounded::new(y, d));
        let change = now.minus(earlier);
        let expected = units(&now.plain(), d) - units(&earlier.plain(), d);
        prop_assert_eq!(units(&change.plain(), d), expected, "{} - {} at {}", y, x, d);
        prop_assert_eq!(
            change.to_f64().partial_cmp(&0.0),
            Some(expected.cmp(&0)),
            "{} - {}", y, x
        );
        let size = change.abs().plain();
        prop_assert!(!size.starts_with('-'));
        prop_assert_eq!(units(&size, d), expected.abs());
        // Written for a page like any figure, at the published decimals.
        let page = NumberFormat::new(",", ".").number(change.abs());
        prop_assert_eq!(page.split('.').nth(1).map_or(0, str::len), usize::from(d));
    }
}
