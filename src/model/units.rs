//! What an indicator measures and which way is better: part of the model, read from
//! front matter.

use serde::Deserialize;

/// What is being measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub enum Unit {
    /// A number of people, events...
    Count,
    /// A percentage (values are 0 to 100).
    Percent,
    /// A number of days.
    Days,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Direction {
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
    /// Neither (a measure of demand, say).
    None,
}

impl TryFrom<String> for Unit {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "count" => Ok(Unit::Count),
            "percent" => Ok(Unit::Percent),
            "days" => Ok(Unit::Days),
            _ => Err(format!(
                "`{s}` is not a unit: expected `count`, `percent` or `days`"
            )),
        }
    }
}

impl TryFrom<String> for Direction {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "higher" => Ok(Direction::Higher),
            "lower" => Ok(Direction::Lower),
            "none" => Ok(Direction::None),
            _ => Err(format!(
                "`{s}` is not a direction: expected `higher` (higher is better), `lower` or `none`"
            )),
        }
    }
}
