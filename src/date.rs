//! Calendar dates, as written in front matter: `2020-05-20` (a publication date).
//! YAML gives them as text; TOML has a date type of its own, and both are read.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::str::FromStr;

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// 1900 to 2199, as periods are.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the month's last day.
    pub day: u8,
}

/// The years dates may fall in: the same as periods'.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2199;

impl Date {
    /// The number of days in `month` of `year`.
    fn days_in(year: u16, month: u8) -> u8 {
        match month {
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }
}

impl FromStr for Date {
    type Err = String;

    /// Reads `YYYY-MM-DD`, and nothing else: `20/05/2020` is ambiguous across
    /// countries, so it is refused with the form to use.
    fn from_str(s: &str) -> Result<Date, String> {
        let t = s.trim();
        let wrong =
            || format!("`{t}` is not a date written as year-month-day, such as `2020-05-20`");
        let parts: Vec<&str> = t.split('-').collect();
        let [y, m, d] = parts[..] else {
            return Err(wrong());
        };
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(wrong());
        }
        let (year, month, day): (u16, u8, u8) = (
            y.parse().map_err(|_| wrong())?,
            m.parse().map_err(|_| wrong())?,
            d.parse().map_err(|_| wrong())?,
        );
        if !YEARS.contains(&year) {
            return Err(format!(
                "`{t}` is outside the years dangos reads (1900 to 2199): is it mistyped?"
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("`{t}` has no month {month}: months are 01 to 12"));
        }
        let last = Date::days_in(year, month);
        if !(1..=last).contains(&day) {
            return Err(format!(
                "`{t}` is not a day of the calendar: that month has {last} days"
            ));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    /// `2020-05-20`: the form of `<time datetime>`, data files and feeds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The key under which the `toml` crate hands a TOML date to a deserializer.
const TOML_DATETIME: &str = "$__toml_private_datetime";

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as `2020-05-20`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
            // TOML's own date (`published = 2020-05-20`, no quotes).
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                match map.next_key::<String>()? {
                    Some(k) if k == TOML_DATETIME => {
                        let text: String = map.next_value()?;
                        if text.len() > 10 {
                            return Err(de::Error::custom(format!(
                                "`{text}` has a time of day: give the date alone, such as `2020-05-20`"
                            )));
                        }
                        text.parse().map_err(de::Error::custom)
                    }
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_iso_dates_and_refuses_the_rest() {
        let d: Date = "2020-05-20".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (2020, 5, 20));
        assert_eq!(d.to_string(), "2020-05-20");
        assert!("2020-02-29".parse::<Date>().is_ok());
        for bad in [
            "2019-02-29",
            "1900-02-29",
            "2020-13-01",
            "2020-04-31",
            "2020-00-10",
            "20/05/2020",
            "2020-5-20",
            "2020-05-20x",
            "9999-01-01",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn reads_toml_dates_and_yaml_text() {
        #[derive(serde::Deserialize)]
        struct F {
            d: Date,
        }
        let t: F = toml::from_str("d = 2020-05-20").unwrap();
        assert_eq!(t.d.to_string(), "2020-05-20");
        let t: F = toml::from_str("d = \"2020-05-20\"").unwrap();
        assert_eq!(t.d.day, 20);
        assert!(toml::from_str::<F>("d = 2020-05-20T10:00:00Z").is_err());
        let y: F = serde_saphyr::from_str("d: 2020-05-20\n").unwrap();
        assert_eq!(y.d.month, 5);
    }

    proptest! {
        /// Every valid date reads back as itself, and sorts as its text does.
        #[test]
        fn round_trips(year in 1900u16..=2199, month in 1u8..=12, day in 1u8..=31) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            match text.parse::<Date>() {
                Ok(d) => {
                    prop_assert_eq!(d.to_string(), text);
                    prop_assert!(day <= Date::days_in(year, month));
                }
                Err(_) => prop_assert!(day > Date::days_in(year, month)),
            }
        }
    }
}
