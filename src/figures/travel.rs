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
