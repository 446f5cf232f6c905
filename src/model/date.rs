//! A calendar date, as front matter gives it (`2019-11-01`): when a figure was
//! revised.

use std::fmt;
use std::str::FromStr;

/// A day: year, month (1 to 12) and day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. 2019.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31, valid for the month.
    pub day: u8,
}

impl fmt::Display for Date {
    /// ISO 8601, as in `<time datetime>` and data files: `2019-11-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        let err = || {
            format!("`{s}` is not a date: expected a date such as `2019-11-01` (year-month-day)")
        };
        let mut parts = s.trim().splitn(3, '-');
        let mut next = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u16>().ok())
                .ok_or_else(err)
        };
        let (year, month, day) = (next(4)?, next(2)?, next(2)?);
        let month = u8::try_from(month).map_err(|_| err())?;
        let day = u8::try_from(day).map_err(|_| err())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in(year, month) {
            return Err(err());
        }
        Ok(Date { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_iso_dates() {
        let d: Date = "2019-11-01".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (2019, 11, 1));
        assert_eq!(d.to_string(), "2019-11-01");
        assert!("2020-02-29".parse::<Date>().is_ok());
        for bad in [
            "2019-02-29",
            "2019-13-01",
            "2019-1-01",
            "1 Nov 2019",
            "",
            "2019-11-01x",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_as_a_date_or_an_error(s in "\\PC*") {
            if let Ok(d) = s.parse::<Date>() {
                assert_eq!(d.to_string().parse::<Date>(), Ok(d));
            }
        }
    }
}
