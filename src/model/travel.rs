//! Direction of travel: how a figure moved since an earlier period, judged by the
//! indicator's direction. Computed, never typed by hand.

use super::Direction;

/// Which earlier period a figure is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Since {
    /// The latest earlier period with a figure within a year: the previous
    /// quarter, or across a gap up to four quarters back; for a year, the previous
    /// year only.
    Previous,
    /// The same period a year earlier.
    YearEarlier,
}

impl Since {
    /// Both comparisons, in the order pages and data files show them.
    pub const ALL: [Since; 2] = [Since::Previous, Since::YearEarlier];
}

/// A direction of travel as a code, for CSS classes, icons, counts and data files:
/// `improved`, `worsened`, `unchanged`, `increased`, `decreased` or `not-comparable`.
/// The one place these codes are spelt; templates get them as the global
/// `travel_keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TravelKey {
    /// `improved`: moved the better way (higher or lower is better).
    Improved,
    /// `worsened`: moved the worse way.
    Worsened,
    /// `unchanged`: equal as published, or within the site's tolerance.
    Unchanged,
    /// `increased`: went up, for an indicator where neither way is better.
    Increased,
    /// `decreased`: went down, where neither way is better.
    Decreased,
    /// `not-comparable`: no figure for the period, or no earlier figure to compare
    /// it with (see [`crate::figures::indicator_travel`]).
    NotComparable,
}

impl TravelKey {
    /// Every key, in the order counts list them.
    pub const ALL: [TravelKey; 6] = [
        TravelKey::Improved,
        TravelKey::Worsened,
        TravelKey::Unchanged,
        TravelKey::Increased,
        TravelKey::Decreased,
        TravelKey::NotComparable,
    ];

    /// The code: `improved`, `worsened`, `unchanged`, `increased`, `decreased` or
    /// `not-comparable`.
    pub const fn code(self) -> &'static str {
        match self {
            TravelKey::Improved => "improved",
            TravelKey::Worsened => "worsened",
            TravelKey::Unchanged => "unchanged",
            TravelKey::Increased => "increased",
            TravelKey::Decreased => "decreased",
            TravelKey::NotComparable => "not-comparable",
        }
    }

    /// The name templates use for it in `travel_keys`: `improved`, ...,
    /// `not_comparable`.
    pub const fn name(self) -> &'static str {
        match self {
            TravelKey::NotComparable => "not_comparable",
            k => k.code(),
        }
    }
}

/// Which way a published figure moved since the earlier one: what the arrow of a
/// direction of travel shows, whatever the judgement (a lower-is-better figure that
/// fell moved down and improved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Movement {
    /// `up`: the figure is higher.
    Up,
    /// `down`: the figure is lower.
    Down,
    /// `level`: the figures are equal as published.
    Level,
}

impl Movement {
    /// The movement of a change in a figure: its sign.
    pub fn of(change: f64) -> Movement {
        if change > 0.0 {
            Movement::Up
        } else if change < 0.0 {
            Movement::Down
        } else {
            Movement::Level
        }
    }

    /// The code: `up`, `down` or `level`, for `data-movement` and the arrows.
    pub const fn code(self) -> &'static str {
        match self {
            Movement::Up => "up",
            Movement::Down => "down",
            Movement::Level => "level",
        }
    }
}

impl serde::Serialize for Movement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl serde::Serialize for TravelKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The direction of travel from `earlier` to `now`, the figures as published (see
/// [`crate::figures::travel`]): `unchanged` when they are equal, or differ by at most
/// `unchanged_within` percent of the earlier figure; otherwise judged by `direction`.
/// With either figure missing, `not-comparable`.
pub fn travel(
    earlier: Option<f64>,
    now: Option<f64>,
    direction: Direction,
    unchanged_within: f64,
) -> TravelKey {
    let (Some(earlier), Some(now)) = (earlier, now) else {
        return TravelKey::NotComparable;
    };
    let change = now - earlier;
    // Published figures that read the same are the same double; the small margin is
    // for the tolerance, a product of doubles (distinct published figures differ by
    // far more: at most six decimal places).
    if change == 0.0 || change.abs() <= earlier.abs() * unchanged_within / 100.0 + 1e-9 {
        return TravelKey::Unchanged;
    }
    match (direction, change > 0.0) {
        (Direction::Higher, true) | (Direction::Lower, false) => TravelKey::Improved,
        (Direction::Higher, false) | (Direction::Lower, true) => TravelKey::Worsened,
        (Direction::None, true) => TravelKey::Increased,
        (Direction::None, false) => TravelKey::Decreased,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travel_follows_direction() {
        use TravelKey::*;
        let t = |a, b, d| travel(Some(a), Some(b), d, 0.0);
        assert_eq!(t(70.0, 71.0, Direction::Higher), Improved);
        assert_eq!(t(71.0, 70.0, Direction::Higher), Worsened);
        assert_eq!(t(13.0, 12.0, Direction::Lower), Improved);
        assert_eq!(t(12.0, 13.0, Direction::Lower), Worsened);
        assert_eq!(t(5.0, 6.0, Direction::None), Increased);
        assert_eq!(t(6.0, 5.0, Direction::None), Decreased);
        for d in [Direction::Higher, Direction::Lower, Direction::None] {
            assert_eq!(t(31.3, 31.3, d), Unchanged);
            assert_eq!(travel(None, Some(1.0), d, 0.0), NotComparable);
            assert_eq!(travel(Some(1.0), None, d, 0.0), NotComparable);
        }
    }

    #[test]
    fn a_tolerance_makes_small_changes_unchanged() {
        assert_eq!(
            travel(Some(100.0), Some(102.0), Direction::Higher, 2.0),
            TravelKey::Unchanged
        );
        assert_eq!(
            travel(Some(100.0), Some(102.1), Direction::Higher, 2.0),
            TravelKey::Improved
        );
        assert_eq!(
            travel(Some(0.0), Some(0.1), Direction::Lower, 50.0),
            TravelKey::Worsened
        );
    }

    #[test]
    fn codes_and_names_are_distinct() {
        let codes: std::collections::HashSet<_> = TravelKey::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), TravelKey::ALL.len());
        assert_eq!(TravelKey::NotComparable.name(), "not_comparable");
    }
}
