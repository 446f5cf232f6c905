//! Unit tests of the formatter (the property tests are in tests/figures/).

use super::*;

fn n(x: f64, d: u8) -> String {
    NumberFormat::new(",", ".").number(Rounded::new(x, d))
}

#[test]
fn numbers_round_half_away_from_zero_and_group_thousands() {
    assert_eq!(n(1754.0, 0), "1,754");
    assert_eq!(n(82.25, 1), "82.3");
    assert_eq!(n(12.5, 0), "13");
    assert_eq!(n(1.005, 2), "1.01");
    assert_eq!(n(3.0 / 82.0 * 100.0, 1), "3.7");
    assert_eq!(n(0.04, 1), "0.0");
    assert_eq!(n(-0.04, 1), "0.0");
    assert_eq!(n(-2.5, 0), "-3");
    assert_eq!(n(-1234567.891, 2), "-1,234,567.89");
    assert_eq!(n(100.0, 1), "100.0");
    assert_eq!(n(7.0, 3), "7.000");
    assert_eq!(n(0.05, 2), "0.05");
    assert_eq!(n(1e17, 0), "100,000,000,000,000,000");
    assert_eq!(
        NumberFormat::new(".", ",").number(Rounded::new(1234.5, 1)),
        "1.234,5"
    );
}

#[test]
fn large_counts_print_exactly() {
    assert_eq!(n(1e12, 0), "1,000,000,000,000");
    assert_eq!(n(5e11, 0), "500,000,000,000");
    assert_eq!(n(1e15, 0), "1,000,000,000,000,000");
    assert_eq!(n(6e8, 3), "600,000,000.000");
    assert_eq!(n(123456789012.345, 3), "123,456,789,012.345");
}

#[test]
fn percentages_of_fractions_are_exact() {
    let p = |a, b, d| NumberFormat::new(",", ".").number(Rounded::percentage(a, b, d));
    assert_eq!(p(1.0, 16.0, 1), "6.3");
    assert_eq!(p(5.0, 16.0, 1), "31.3");
    assert_eq!(p(29.0, 40.0, 0), "73");
    assert_eq!(p(3.0, 82.0, 1), "3.7");
    assert_eq!(p(0.7, 2.0, 0), "35");
    assert_eq!(p(7.0, 7.0, 1), "100.0");
    assert_eq!(p(1.0, 3.0, 2), "33.33");
    assert_eq!(p(2.0, 3.0, 2), "66.67");
}

#[test]
fn data_files_write_the_published_figure_plainly() {
    assert_eq!(Rounded::percentage(1.0, 16.0, 1).plain(), "6.3");
    assert_eq!(Rounded::new(82.0, 1).plain(), "82");
    assert_eq!(Rounded::new(1e12, 0).plain(), "1000000000000");
    assert_eq!(Rounded::new(-0.04, 1).plain(), "0");
    assert_eq!(Rounded::new(76.15, 1).plain(), "76.2");
    assert_eq!(serde_json::to_string(&Rounded::new(82.0, 1)).unwrap(), "82");
    assert_eq!(
        serde_json::to_string(&Rounded::percentage(5.0, 16.0, 1)).unwrap(),
        "31.3"
    );
}

#[test]
fn status_is_judged_on_the_figures_shown() {
    let t = Thresholds { close_within: 5.0 };
    let fraction = |n, d| Value::Fraction {
        numerator: n,
        denominator: d,
    };
    // 5 of 16 is 31.25%, shown as 31.3%, against a target of 31.3.
    let s = status(
        Some(fraction(5.0, 16.0)),
        Some(Target::Value(31.3)),
        Direction::Higher,
        1,
        t,
    );
    assert_eq!(s, Ok(Status::OnTarget));
    // 12.5 days shown as 13, against 13, higher is better.
    let s = status(
        Some(Value::Number(12.5)),
        Some(Target::Value(13.0)),
        Direction::Higher,
        0,
        t,
    );
    assert_eq!(s, Ok(Status::OnTarget));
    // 12.4 shown as 12 is not: it reads below the target.
    let s = status(
        Some(Value::Number(12.4)),
        Some(Target::Value(13.0)),
        Direction::Higher,
        0,
        t,
    );
    assert_eq!(s, Ok(Status::OffTarget));
    // Reasons for no status are the model's.
    let s = status(None, Some(Target::Value(1.0)), Direction::Higher, 0, t);
    assert_eq!(s, Err(NoStatus::NoValue));
}

#[test]
fn parts_keep_the_places_they_were_given_in() {
    let g = |x| NumberFormat::new(",", ".").number(Rounded::as_given(x));
    assert_eq!(g(3.0), "3");
    assert_eq!(g(3.25), "3.25");
    assert_eq!(g(12345.5), "12,345.5");
}

#[test]
fn places_are_counted_as_the_figure_is_written() {
    assert_eq!(places_written(1754.0), 0);
    assert_eq!(places_written(79.2), 1);
    // YAML reads `78.90` as 78.9.
    assert_eq!(places_written(78.90), 1);
    // Worked out as 17310 thousandths, written 17.31.
    assert_eq!(places_written(17.31), 2);
    assert_eq!(places_written(0.1 + 0.2), 17);
    assert_eq!(places_written(1e-7), 7);
    assert_eq!(places_written(1e20), 0);
    assert_eq!(places_written(f64::NAN), 0);
    assert_eq!(Rounded::as_given(17.31).plain(), "17.31");
}

#[test]
fn figures_past_i128_are_written_exactly_not_saturated() {
    assert_eq!(n(1e39, 0), format!("1{}", ",000".repeat(13)));
    assert_eq!(n(-1e39, 2), format!("-1{}.00", ",000".repeat(13)));
    assert_eq!(
        Rounded::new(1e39, 1).plain(),
        format!("1{}", "0".repeat(39))
    );
    assert_eq!(Rounded::new(1e39, 0).to_f64(), 1e39);
    assert_eq!(
        serde_json::to_string(&Rounded::new(1e39, 0)).unwrap(),
        "1e+39"
    );
    assert_eq!(Rounded::new(f64::MAX, 0).plain().len(), 309);
    assert_ne!(Rounded::new(1e39, 0), Rounded::new(1e38, 0));
}
