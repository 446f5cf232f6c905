//! Direction of travel judged on the figures as published, like status: a page never
//! shows two equal figures with "improved" between them, and the change it states is
//! the difference of the two figures it shows.

use super::{Figures, Rounded};
use crate::content::Unit;
use crate::i18n::Arg;
use crate::model::{Indicator, Movement, Since, TravelKey, travel};
use crate::period::Period;

/// A figure's direction of travel since an earlier period, with what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Travel {
    /// The judgement: improved, worsened, ...; not comparable without both figures.
    pub key: TravelKey,
    /// Which way the published figure moved; `None` when not comparable.
    pub movement: Option<Movement>,
    /// The figure as published minus the earlier one as published (exact, at the
    /// indicator's decimals); `None` when not comparable.
    pub change: Option<Rounded>,
    /// The period compared with; `None` when not comparable.
    pub from: Option<Period>,
    /// How many periods between `from` and the figure's period have no figure (a
    /// gap the comparison reaches across); 0 for the period just before.
    pub skipped: u8,
}

impl Travel {
    /// No earlier figure to compare with, or no figure now.
    pub const NOT_COMPARABLE: Travel = Travel {
        key: TravelKey::NotComparable,
        movement: None,
        change: None,
        from: None,
        skipped: 0,
    };
}

/// The most periods back "since the previous period" looks for a figure: a year of
/// quarters. (A year looks at the year before only.)
const QUARTERS_BACK: usize = 4;

/// Indicator `ind`'s direction of travel for `period` since the earlier period
/// `since` names, from both figures rounded to the indicator's decimals.
///
/// Since the previous period, a gap is reached across: the figure is compared with
/// the latest earlier period that has one within a year (at most four quarters back
/// for a quarter; for a year, the previous year only), and [`Travel::from`] and
/// [`Travel::skipped`] say which, so pages name it ("since Quarter 2 2019-20: no
/// figure for Quarter 3 2019-20") and data files publish it. Hiding a fall behind a
/// missing quarter as "not comparable" would hide the worst news. Since a year
/// earlier is always the same period a year before. Not comparable only when there
/// is no figure for the period, or none within that reach.
pub fn indicator_travel(
    ind: &Indicator,
    period: Period,
    since: Since,
    unchanged_within: f64,
) -> Travel {
    let shown = |p: &Period| ind.values.get(p).map(|v| Rounded::value(*v, ind.decimals));
    let Some(now) = shown(&period) else {
        return Travel::NOT_COMPARABLE;
    };
    let back = match (since, period.quarter) {
        (Since::YearEarlier, _) | (Since::Previous, None) => 1,
        (Since::Previous, Some(_)) => QUARTERS_BACK,
    };
    let step = |p: Period| match since {
        Since::Previous => p.previous(),
        Since::YearEarlier => p.year_earlier(),
    };
    let earlier = std::iter::successors(step(period), |p| step(*p))
        .take(back)
        .enumerate()
        .find_map(|(skipped, p)| Some((skipped, p, shown(&p)?)));
    let Some((skipped, from, before)) = earlier else {
        return Travel::NOT_COMPARABLE;
    };
    let change = now.minus(before);
    Travel {
        key: travel(
            Some(before.to_f64()),
            Some(now.to_f64()),
            ind.direction,
            unchanged_within,
        ),
        movement: Some(Movement::of(change.to_f64())),
        change: Some(change),
        from: Some(from),
        // At most `QUARTERS_BACK`.
        skipped: skipped as u8,
    }
}

impl Figures<'_> {
    /// A change in a figure, without its sign, in the indicator's unit: "5 days",
    /// "3", and for a percentage, in points: "2.5 points".
    pub fn change(&self, unit: Unit, change: Rounded) -> Result<String, String> {
        let size = change.abs();
        match unit {
            Unit::Percent => self.i18n.t(
                self.lang,
                "change-percent",
                &[
                    ("value", Arg::Text(self.format.number(size))),
                    ("count", Arg::Number(size.to_f64())),
                ],
            ),
            Unit::Count | Unit::Days => self.with_unit(unit, size),
        }
    }

    /// A direction of travel in words with the change: "Down 5 days: improved",
    /// "Increased by 10"; `None` when the figure did not move or is not comparable
    /// (the words of its key say all: "No change").
    pub fn travel(&self, unit: Unit, t: &Travel) -> Result<Option<String>, String> {
        let (Some(movement), Some(change)) = (t.movement, t.change) else {
            return Ok(None);
        };
        if movement == Movement::Level {
            return Ok(None);
        }
        let args = [
            ("movement", Arg::Text(movement.code().to_string())),
            ("change", Arg::Text(self.change(unit, change)?)),
            ("key", Arg::Text(t.key.code().to_string())),
        ];
        // Where neither way is better, the words say which way it went, not whether
        // that is good.
        let key = match t.key {
            TravelKey::Increased | TravelKey::Decreased => "travel-change-none",
            _ => "travel-change",
        };
        self.i18n.t(self.lang, key, &args).map(Some)
    }
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
                ..Default::default()
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

    /// A plain figure ("-12.5") in units of `decimals` places (-1250 at 2).
    fn units(plain: &str, decimals: u8) -> i128 {
        let (whole, places) = plain.split_once('.').unwrap_or((plain, ""));
        let negative = whole.starts_with('-');
        let digits = format!(
            "{}{places:0<width$}",
            whole.trim_start_matches('-'),
            width = usize::from(decimals)
        );
        let n: i128 = digits.parse().unwrap();
        if negative { -n } else { n }
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
            let t = indicator_travel(&ind, p, since, 0.0);
            prop_assert_eq!(t.key, expected);
            prop_assert_eq!(t.from, Some(before));
            // The change is the difference of the figures shown, exactly, and the
            // movement its sign.
            let change = t.change.unwrap();
            let exact = |r: Rounded| units(&r.plain(), decimals);
            prop_assert_eq!(
                exact(change),
                exact(Rounded::value(now, decimals)) - exact(Rounded::value(earlier, decimals))
            );
            let movement = match (b - a).partial_cmp(&0.0).unwrap() {
                std::cmp::Ordering::Greater => Movement::Up,
                std::cmp::Ordering::Less => Movement::Down,
                std::cmp::Ordering::Equal => Movement::Level,
            };
            prop_assert_eq!(t.movement, Some(movement));
            // A year back, "since the previous period" reaches across the three
            // quarters with no figure; a quarter back, nothing is a year earlier.
            let other = if year { Since::Previous } else { Since::YearEarlier };
            let t = indicator_travel(&ind, p, other, 0.0);
            if year {
                prop_assert_eq!((t.key, t.from, t.skipped), (expected, Some(before), 3));
            } else {
                prop_assert_eq!(t, Travel::NOT_COMPARABLE);
            }
        }
    }
}
