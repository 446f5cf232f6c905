//! An indicator's figure for a period as published: the same in every language, so
//! worked out once and shared by everything that shows it.

use super::{Rounded, Travel, indicator_travel, status_of, target};
use crate::config::Config;
use crate::model::{Indicator, NoStatus, Since, Status, Target, Value};
use crate::period::Period;

/// An indicator's figure for one period as published, in every language alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Published {
    /// The value (a fraction's percentage) at the indicator's decimals, if one is
    /// stated for the period.
    pub value: Option<Rounded>,
    /// For a fraction: its numerator and denominator, each as given.
    pub parts: Option<(Rounded, Rounded)>,
    /// The target for the period's year, if one is set, its figure rounded.
    pub target: Option<Target<Rounded>>,
    /// The status, judged on these figures.
    pub status: Result<Status, NoStatus>,
    /// The directions of travel, judged on figures as published: since the previous
    /// period, and since the same period a year earlier.
    pub travel: [Travel; 2],
}

impl Published {
    /// Indicator `ind`'s figure for `period`, judged by the site's settings
    /// (`[status]` and `[travel]` of site.toml).
    pub fn of(ind: &Indicator, period: Period, config: &Config) -> Published {
        let given = ind.values.get(&period).copied();
        let value = given.map(|v| Rounded::value(v, ind.decimals));
        let parts = match given {
            Some(Value::Fraction {
                numerator,
                denominator,
            }) => Some((Rounded::as_given(numerator), Rounded::as_given(denominator))),
            _ => None,
        };
        let target = ind.target_for(period).map(|t| target(t, ind.decimals));
        Published {
            value,
            parts,
            target,
            status: status_of(value, target, ind.direction, config.status),
            travel: [Since::Previous, Since::YearEarlier]
                .map(|since| indicator_travel(ind, period, since, config.travel.unchanged_within)),
        }
    }
}
