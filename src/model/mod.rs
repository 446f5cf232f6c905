//! The model: a validated `Site` built from loaded content (by [`crate::validate`]),
//! with every cross reference resolved (a report's indicator ids, a target year's
//! rows) and every translation checked against its source. Rendering reads only this.

use crate::config::Thresholds;

/// A figure for one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A plain number.
    Number(f64),
    /// A part of a whole: "3 of 82".
    Fraction {
        /// The part.
        numerator: f64,
        /// The whole (greater than zero).
        denominator: f64,
    },
}

impl Value {
    /// The figure compared with targets: the number, or for a fraction the
    /// percentage it makes.
    pub fn figure(self) -> f64 {
        match self {
            Value::Number(n) => n,
            Value::Fraction {
                numerator,
                denominator,
            } => numerator / denominator * 100.0,
        }
    }
}

/// A target for a financial year: as given (`f64`), or as published
/// (`Target<Rounded>`, see [`crate::figures::target`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target<T = f64> {
    /// The value to reach.
    Value(T),
    /// "Target setting not appropriate".
    NotAppropriate,
    /// The source reported a status but did not state the target.
    NotStated,
}

impl<T> Target<T> {
    /// The figure, when the target is one.
    pub fn value(self) -> Option<T> {
        match self {
            Target::Value(v) => Some(v),
            Target::NotAppropriate | Target::NotStated => None,
        }
    }

    /// The same target with its figure changed by `f` (rounded, say).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Target<U> {
        match self {
            Target::Value(v) => Target::Value(f(v)),
            Target::NotAppropriate => Target::NotAppropriate,
            Target::NotStated => Target::NotStated,
        }
    }
}

/// Where a value stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// On the right side of the target, or on it.
    OnTarget,
    /// On the wrong side, but within the `close_within` threshold.
    Close,
    /// Further away.
    OffTarget,
}

impl Status {
    /// The status's key (see [`StatusKey`]).
    pub fn key(self) -> StatusKey {
        match self {
            Status::OnTarget => StatusKey::OnTarget,
            Status::Close => StatusKey::Close,
            Status::OffTarget => StatusKey::OffTarget,
        }
    }
}

/// A status as a code, for CSS classes, icons, counts and data files: `on-target`,
/// `close`, `off-target`, or `none` for every reason there is no status. The one
/// place these codes are spelt; templates get them as the global `status_keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKey {
    /// `on-target`.
    OnTarget,
    /// `close`.
    Close,
    /// `off-target`.
    OffTarget,
    /// `none`.
    None,
}

impl StatusKey {
    /// Every key, in the order counts list them.
    pub const ALL: [StatusKey; 4] = [
        StatusKey::OnTarget,
        StatusKey::Close,
        StatusKey::OffTarget,
        StatusKey::None,
    ];

    /// The key of a status, or `none` when there is none.
    pub fn of(status: Result<Status, NoStatus>) -> StatusKey {
        status.map_or(StatusKey::None, Status::key)
    }

    /// The code: `on-target`, `close`, `off-target` or `none`.
    pub const fn code(self) -> &'static str {
        match self {
            StatusKey::OnTarget => "on-target",
            StatusKey::Close => "close",
            StatusKey::OffTarget => "off-target",
            StatusKey::None => "none",
        }
    }

    /// The name templates use for it in `status_keys`: `on_target`, ...
    pub const fn name(self) -> &'static str {
        match self {
            StatusKey::OnTarget => "on_target",
            StatusKey::Close => "close",
            StatusKey::OffTarget => "off_target",
            StatusKey::None => "none",
        }
    }
}

impl serde::Serialize for StatusKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Why a value has no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoStatus {
    /// No value for the period.
    NoValue,
    /// No target for the period's year.
    NoTarget,
    /// The target year says target setting is not appropriate.
    NotAppropriate,
    /// The target was not stated.
    NotStated,
    /// Neither higher nor lower is better.
    NoDirection,
}

/// Computes a status; it is never typed by hand. `value` and `target` are the
/// figures as published (rounded to the indicator's decimals: see
/// [`crate::figures::status`]), so equal figures on a page are on target.
pub fn assess(
    value: Option<f64>,
    target: Option<Target>,
    direction: Direction,
    t: Thresholds,
) -> Result<Status, NoStatus> {
    let value = value.ok_or(NoStatus::NoValue)?;
    let target = match target {
        None => return Err(NoStatus::NoTarget),
        Some(Target::NotAppropriate) => return Err(NoStatus::NotAppropriate),
        Some(Target::NotStated) => return Err(NoStatus::NotStated),
        Some(Target::Value(v)) => v,
    };
    let shortfall = match direction {
        Direction::None => return Err(NoStatus::NoDirection),
        Direction::Higher => target - value,
        Direction::Lower => value - target,
    };
    // Published figures that read the same are the same double. The tolerance is for
    // the threshold, a product of doubles; distinct published figures differ by far
    // more (at most six decimal places).
    if shortfall <= 1e-9 {
        Ok(Status::OnTarget)
    } else if shortfall <= target.abs() * t.close_within / 100.0 + 1e-9 {
        Ok(Status::Close)
    } else {
        Ok(Status::OffTarget)
    }
}

mod site;
mod travel;
mod units;

pub use crate::date::Date;
pub use site::*;
pub use travel::{Movement, Since, TravelKey, travel};
pub use units::{Direction, Unit};

#[cfg(test)]
mod tests {
    use super::*;

    const T: Thresholds = Thresholds { close_within: 5.0 };

    #[test]
    fn status_follows_direction_and_thresholds() {
        let target = Some(Target::Value(80.0));
        assert_eq!(
            assess(Some(80.0), target, Direction::Higher, T),
            Ok(Status::OnTarget)
        );
        assert_eq!(
            assess(Some(76.1), target, Direction::Higher, T),
            Ok(Status::Close)
        );
        assert_eq!(
            assess(Some(75.9), target, Direction::Higher, T),
            Ok(Status::OffTarget)
        );
        assert_eq!(
            assess(Some(70.0), target, Direction::Lower, T),
            Ok(Status::OnTarget)
        );
        assert_eq!(
            assess(Some(83.0), target, Direction::Lower, T),
            Ok(Status::Close)
        );
        assert_eq!(
            assess(Some(1.0), Some(Target::Value(0.0)), Direction::Lower, T),
            Ok(Status::OffTarget)
        );
    }

    #[test]
    fn no_status_says_why() {
        let target = Some(Target::Value(80.0));
        assert_eq!(
            assess(None, target, Direction::Higher, T),
            Err(NoStatus::NoValue)
        );
        assert_eq!(
            assess(Some(1.0), None, Direction::Higher, T),
            Err(NoStatus::NoTarget)
        );
        assert_eq!(
            assess(
                Some(1.0),
                Some(Target::NotAppropriate),
                Direction::Higher,
                T
            ),
            Err(NoStatus::NotAppropriate)
        );
        assert_eq!(
            assess(Some(1.0), Some(Target::NotStated), Direction::Higher, T),
            Err(NoStatus::NotStated)
        );
        assert_eq!(
            assess(Some(1.0), target, Direction::None, T),
            Err(NoStatus::NoDirection)
        );
    }

    #[test]
    fn fractions_compare_as_percentages() {
        let v = Value::Fraction {
            numerator: 3.0,
            denominator: 82.0,
        };
        assert!((v.figure() - 3.658).abs() < 0.001);
    }
}
