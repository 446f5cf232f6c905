//! The raw shapes of front matter, as parsed: figures and words not yet checked
//! against each other or against other files.

use super::span::{At, Periods};
use super::{Direction, Unit};
use crate::date::Date;
use crate::period::Period;
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

/// An indicator's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFront {
    /// Words: the indicator's name.
    pub title: At<String>,
    /// The official reference, e.g. `FAM KPI 01`.
    pub code: Option<At<String>>,
    /// Words: the theme the indicators index lists it under, such as "Safeguarding".
    pub theme: Option<At<String>>,
    /// What is measured.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// Decimal places shown: read as any number so that `-1` or `2.5` gets a plain
    /// message from validation, not the parser's "invalid u8".
    pub decimals: Option<At<f64>>,
    /// Values per period.
    #[serde(default)]
    pub values: Periods<RawValue>,
    /// Targets per financial year.
    #[serde(default)]
    pub targets: Periods<RawTarget>,
    /// Words: commentary per period.
    #[serde(default)]
    pub commentary: Periods<String>,
    /// Words: why each year's target was set there.
    #[serde(default)]
    pub rationale: Periods<String>,
    /// Words: what is being done, per period.
    #[serde(default)]
    pub actions: Periods<String>,
    /// The periods whose values are provisional.
    #[serde(default)]
    pub provisional: Vec<At<Period>>,
    /// The periods whose values were revised, with the date of the revision.
    #[serde(default)]
    pub revised: Periods<Date>,
    /// Words: why each revised value was revised.
    #[serde(default)]
    pub revision_reason: Periods<String>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// An indicator's translation: words only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorWords {
    /// The indicator's name.
    pub title: At<String>,
    /// The theme the indicators index lists it under.
    pub theme: Option<At<String>>,
    /// Commentary per period.
    #[serde(default)]
    pub commentary: Periods<String>,
    /// Rationale per target year.
    #[serde(default)]
    pub rationale: Periods<String>,
    /// Actions per period.
    #[serde(default)]
    pub actions: Periods<String>,
    /// Why each revised value was revised.
    #[serde(default)]
    pub revision_reason: Periods<String>,
    /// A short hash of the source file's words when this translation was made (written
    /// by `dangos translated`); `dangos check` reports the translation as stale when
    /// the source's words no longer hash to it.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// A report's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    /// The period reported on.
    pub period: At<Period>,
    /// Words.
    pub title: At<String>,
    /// The day it was published (`check` warns when it is not given).
    pub published: Option<At<Date>>,
    /// The day the next report is due, if announced.
    pub next_update: Option<At<Date>>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Words: key messages.
    #[serde(default)]
    pub good_news: Vec<At<String>>,
    /// Words: key messages.
    #[serde(default)]
    pub issues_to_monitor: Vec<At<String>>,
    /// Groups of indicators.
    #[serde(default)]
    pub sections: Vec<SectionFront>,
}

/// A section of a report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    /// Words.
    pub title: At<String>,
    /// Words: Markdown shown above the section's indicators.
    pub summary: Option<At<String>>,
    /// Indicator ids, in order.
    #[serde(default)]
    pub indicators: Vec<At<String>>,
}

/// A report's translation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportWords {
    /// Title.
    pub title: At<String>,
    /// Key messages.
    #[serde(default)]
    pub good_news: At<Vec<At<String>>>,
    /// Key messages.
    #[serde(default)]
    pub issues_to_monitor: At<Vec<At<String>>>,
    /// Section words, in the same order as the source's sections.
    #[serde(default)]
    pub sections: At<Vec<SectionWords>>,
    /// A short hash of the source file's words when this translation was made (written
    /// by `dangos translated`); `dangos check` reports the translation as stale when
    /// the source's words no longer hash to it.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// A section's translation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionWords {
    /// Title.
    pub title: At<String>,
    /// Summary.
    pub summary: Option<At<String>>,
}

/// A target year's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetYearFront {
    /// The financial year.
    pub year: At<Period>,
    /// Words.
    pub title: At<String>,
    /// The table's rows, in order.
    pub indicators: Option<At<Vec<At<String>>>>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A page's (or the home page's, or a target year's translation's) words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleWords {
    /// Title.
    pub title: At<String>,
    /// A short hash of the source file's words when this translation was made (written
    /// by `dangos translated`); `dangos check` reports the translation as stale when
    /// the source's words no longer hash to it.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// A plain page's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Words.
    pub title: At<String>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

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
