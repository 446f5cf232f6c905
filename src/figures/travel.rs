//! Direction of travel judged on the figures as published, like status: a page never
//! shows two equal figures with "improved" between them.

use super::Rounded;
use crate::model::{Indicator, Since, TravelKey, travel};
use crate::period::Period;

/// Indicator `ind`'s direction of travel for `period` since the earlier period
/// `since` names, from both figures rounded to the indicator's decimals. A gap
/// (no value for the earlier period) is not comparable: dangos never skips back to
/// an older figure, which would compare periods the reader cannot see side by side.
pub fn indicator_travel(
    ind: &Indicator,
    period: Period,
    since: Since,
    unchanged_within: f64,
) -> TravelKey {
    let earlier = match since {
        Since::Previous => period.previous(),
        Since::YearEarlier => period.year_earlier(),
    };
    let shown = |p: Period| {
        ind.values
            .get(&p)
            .map(|v| Rounded::value(*v, ind.decimals).to_f64())
    };
    travel(
        earlier.and_then(shown),
        shown(period),
        ind.direction,
        unchanged_within,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, IndicatorText, Unit, Value};
    use proptest::prelude::*;

    fn indicator(direction: Direction, decimals: u8, values: [(Period, Value); 2]) -> Indicator {
        Indicator {
            id: "x".into(),
            source: "content/indicators/x.md".into(),
            code: None,
            unit: Unit::Count,
            direction,
            decimals,
            values: values.into_iter().collect(),
            targets: Default::default(),
            provisional: Default::default(),
            revised: Default::default(),
            text: vec![IndicatorText {
                title: "X".into(),
                theme: None,
                body: String::new(),
                commentary: Default::default(),
                rationale: Default::default(),
                actions: Default::default(),
                revision_reason: Default::default(),
            }],
            warnings: Vec::new(),
        }
    }

    fn direction() -> impl Strategy<Value = Direction> {
        prop_oneof![
            Just(Direction::Higher),
            Just(Direction::Lower),
            Just(Direction::None)
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            (0.0..2000.0f64).prop_map(Value::Number),
            // Figures as typed: a few decimals, often equal once rounded.
            (0u32..20000).prop_map(|n| Value::Number(f64::from(n) / 1000.0)),
            (0u32..200, 1u32..200).prop_map(|(n, d)| Value::Fraction {
                numerator: f64::from(n.min(d)),
                denominator: f64::from(d),
            }),
        ]
    }

    /// Two figures: independent, or close enough that they often read the same once
    /// rounded while differing as typed (12.5 and 12.6 days, both 13).
    fn pair() -> impl Strategy<Value = (Value, Value)> {
        prop_oneof![
            (value(), value()),
            (0u32..20000, -700i32..700).prop_map(|(n, d)| {
                let a = f64::from(n) / 1000.0;
                let b = (a + f64::from(d) / 1000.0).max(0.0);
                (Value::Number(a), Value::Number(b))
            }),
        ]
    }

    proptest! {
        /// The direction of travel agrees with the two figures as published: equal
        /// figures are unchanged; otherwise the way the published figure moved,
        /// judged by the direction.
        #[test]
        fn travel_agrees_with_the_figures_shown(
            direction in direction(),
            decimals in 0u8..=3,
            (earlier, now) in pair(),
            year in any::<bool>(),
        ) {
            let p: Period = "2019-20 Q2".parse().unwrap();
            let (since, before) = if year {
                (Since::YearEarlier, "2018-19 Q2".parse().unwrap())
            } else {
                (Since::Previous, "2019-20 Q1".parse().unwrap())
            };
            let ind = indicator(direction, decimals, [(before, earlier), (p, now)]);
            let shown = |v| Rounded::value(v, decimals).plain().parse::<f64>().unwrap();
            let (a, b) = (shown(earlier), shown(now));
            let expected = if a == b {
                TravelKey::Unchanged
            } else {
                match (direction, b > a) {
                    (Direction::None, true) => TravelKey::Increased,
                    (Direction::None, false) => TravelKey::Decreased,
                    (Direction::Higher, true) | (Direction::Lower, false) => TravelKey::Improved,
                    _ => TravelKey::Worsened,
                }
            };
            prop_assert_eq!(indicator_travel(&ind, p, since, 0.0), expected);
            // The other comparison has no earlier figure.
            let other = if year { Since::Previous } else { Since::YearEarlier };
            prop_assert_eq!(indicator_travel(&ind, p, other, 0.0), TravelKey::NotComparable);
        }
    }
}
