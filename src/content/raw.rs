//! The raw values of front matter, as parsed: figures not yet checked against each
//! other or against other files. The kinds' fields are declared in `kinds.rs`.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// A value for one period: a number, or a numerator and denominator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawValue {
    /// A plain figure: 1754, 76.1, 184.
    Number(f64),
    /// "3 of 82".
    Fraction {
        /// The part.
        numerator: f64,
        /// The whole.
        denominator: f64,
    },
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number such as 76.1, or a numerator and denominator such as { numerator: 3, denominator: 82 }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let (mut numerator, mut denominator) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "numerator" => numerator = Some(map.next_value::<f64>()?),
                        "denominator" => denominator = Some(map.next_value::<f64>()?),
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["numerator", "denominator"],
                            ));
                        }
                    }
                }
                Ok(RawValue::Fraction {
                    numerator: numerator.ok_or_else(|| de::Error::missing_field("numerator"))?,
                    denominator: denominator
                        .ok_or_else(|| de::Error::missing_field("denominator"))?,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A target for one financial year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawTarget {
    /// The value to reach.
    Value(f64),
    /// "Target setting not appropriate".
    NotAppropriate,
    /// The source reported a status but did not state the target.
    NotStated,
}

impl<'de> Deserialize<'de> for RawTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawTarget;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number such as 94.0, `not-appropriate` or `not-stated`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTarget, E> {
                Ok(RawTarget::Value(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTarget, E> {
                Ok(RawTarget::Value(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTarget, E> {
                Ok(RawTarget::Value(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTarget, E> {
                match v {
                    "not-appropriate" => Ok(RawTarget::NotAppropriate),
                    "not-stated" => Ok(RawTarget::NotStated),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Periods;

    #[test]
    fn values_are_numbers_or_fractions() {
        #[derive(Deserialize)]
        struct D {
            v: Periods<RawValue>,
            t: Periods<RawTarget>,
        }
        let d: D = serde_saphyr::from_str(
            "v:\n  2019-20 Q1: 76.1\n  2019-20 Q2: { numerator: 3, denominator: 82 }\nt:\n  2017-18: not-appropriate\n  2018-19: 94\n",
        )
        .unwrap();
        assert_eq!(d.v.len(), 2);
        assert_eq!(
            d.v[&"2019-20 Q2".parse().unwrap()],
            RawValue::Fraction {
                numerator: 3.0,
                denominator: 82.0
            }
        );
        assert_eq!(d.t[&"2018-19".parse().unwrap()], RawTarget::Value(94.0));
        let bad = serde_saphyr::from_str::<D>("v:\n  2019-20 Q1: 76.1%\nt: {}\n");
        assert!(bad.is_err());
    }
}
