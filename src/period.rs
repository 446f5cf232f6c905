//! Financial-year periods: `2019-20` (April 2019 to March 2020) and its quarters,
//! `2019-20 Q2`. They sort by time; a year sorts after its fourth quarter.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

/// A financial year, or one quarter of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// The calendar year the financial year starts in (2019 for 2019-20).
    pub start_year: u16,
    /// 1 to 4, or `None` for the whole year.
    pub quarter: Option<u8>,
}

impl Period {
    /// The whole financial year this period belongs to.
    pub fn year(self) -> Period {
        Period {
            quarter: None,
            ..self
        }
    }

    /// The year as written: `2019-20`.
    pub fn year_label(self) -> String {
        self.year().code().to_string()
    }

    /// The part of a URL for this period: `2019-20` or `2019-20-q2`.
    pub fn slug(self) -> String {
        match self.quarter {
            Some(q) => format!("{}-q{q}", self.year_label()),
            None => self.year_label(),
        }
    }

    /// The period after this one, of the same kind: the next quarter (Q4 is followed
    /// by the next year's Q1) or the next year.
    pub fn next(self) -> Period {
        match self.quarter {
            Some(4) => Period {
                start_year: self.start_year + 1,
                quarter: Some(1),
            },
            Some(q) => Period {
                quarter: Some(q + 1),
                ..self
            },
            None => Period {
                start_year: self.start_year + 1,
                quarter: None,
            },
        }
    }

    /// The period before this one, of the same kind: the previous quarter (Q1 is
    /// preceded by the previous year's Q4) or the previous year; `None` before the
    /// first year dangos reads.
    pub fn previous(self) -> Option<Period> {
        let year_before = || self.start_year.checked_sub(1).filter(|y| YEARS.contains(y));
        Some(match self.quarter {
            Some(1) => Period {
                start_year: year_before()?,
                quarter: Some(4),
            },
            Some(q) => Period {
                quarter: Some(q - 1),
                ..self
            },
            None => Period {
                start_year: year_before()?,
                quarter: None,
            },
        })
    }

    /// The same period a year earlier: `2018-19 Q2` for `2019-20 Q2`; `None` before
    /// the first year dangos reads.
    pub fn year_earlier(self) -> Option<Period> {
        let start_year = self
            .start_year
            .checked_sub(1)
            .filter(|y| YEARS.contains(y))?;
        Some(Period { start_year, ..self })
    }

    fn sort_key(self) -> (u16, u8) {
        (self.start_year, self.quarter.unwrap_or(5))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Period {
    /// The period as written (`2019-20 Q2`), without the formatting machinery or an
    /// allocation: data files print a period on most cells of every row.
    pub fn code(self) -> PeriodCode {
        let mut code = PeriodCode {
            bytes: [0; PeriodCode::MAX],
            len: 0,
        };
        code.push_number(self.start_year);
        code.push(b'-');
        let end = (u32::from(self.start_year) + 1) % 100;
        code.push(b'0' + (end / 10) as u8);
        code.push(b'0' + (end % 10) as u8);
        if let Some(q) = self.quarter {
            code.push(b' ');
            code.push(b'Q');
            code.push_number(u16::from(q));
        }
        code
    }
}

/// A period as written, held inline: see [`Period::code`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PeriodCode {
    bytes: [u8; PeriodCode::MAX],
    len: u8,
}

impl PeriodCode {
    /// The longest: `65535-36 Q255`.
    const MAX: usize = 13;

    fn push(&mut self, b: u8) {
        self.bytes[usize::from(self.len)] = b;
        self.len += 1;
    }

    fn push_number(&mut self, n: u16) {
        let mut digits = [0u8; 5];
        let (mut n, mut count) = (n, 0);
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        digits[..count].iter().rev().for_each(|&d| self.push(d));
    }
}

impl std::ops::Deref for PeriodCode {
    type Target = str;
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).expect("ASCII only")
    }
}

impl fmt::Debug for PeriodCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl serde::Serialize for PeriodCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// The years a period may start in: wide enough for any real performance figure,
/// narrow enough that a slip of the keyboard (`9999-00`) cannot stretch a chart over
/// millennia.
pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2199;

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    text: String,
    out_of_range: bool,
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.out_of_range {
            return write!(
                f,
                "`{}` is outside the years dangos reads ({}-{:02} to {}-{:02}): is it mistyped?",
                self.text,
                YEARS.start(),
                (YEARS.start() + 1) % 100,
                YEARS.end(),
                (YEARS.end() + 1) % 100
            );
        }
        write!(
            f,
            "`{}` is not a period: expected a financial year such as `2019-20` or a quarter such as `2019-20 Q2`",
            self.text
        )
    }
}

impl std::error::Error for PeriodError {}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodError {
            text: s.to_string(),
            out_of_range: false,
        };
        let text = s.trim();
        let (year, quarter) = match text.split_once(char::is_whitespace) {
            Some((y, q)) => (y, Some(q.trim())),
            None => (text, None),
        };
        let (start, end) = year.split_once(['-', '/']).ok_or_else(err)?;
        if start.len() != 4 || end.len() != 2 {
            return Err(err());
        }
        let start_year: u16 = start.parse().map_err(|_| err())?;
        let end_year: u16 = end.parse().map_err(|_| err())?;
        if !start.bytes().all(|b| b.is_ascii_digit()) || (start_year + 1) % 100 != end_year {
            return Err(err());
        }
        if !YEARS.contains(&start_year) {
            return Err(PeriodError {
                out_of_range: true,
                ..err()
            });
        }
        let quarter = match quarter {
            None => None,
            Some(q) => {
                let n = q
                    .strip_prefix(['Q', 'q'])
                    .filter(|n| n.len() == 1)
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=4).contains(n))
                    .ok_or_else(err)?;
                Some(n)
            }
        };
        Ok(Period {
            start_year,
            quarter,
        })
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl Visitor<'_> for PeriodVisitor {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a period such as `2019-20` or `2019-20 Q2`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(PeriodVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_years_and_quarters() {
        let p: Period = "2019-20 Q2".parse().unwrap();
        assert_eq!((p.start_year, p.quarter), (2019, Some(2)));
        assert_eq!(p.to_string(), "2019-20 Q2");
        assert_eq!(p.slug(), "2019-20-q2");
        let y: Period = "2019/20".parse().unwrap();
        assert_eq!(y.to_string(), "2019-20");
        assert_eq!("1999-00".parse::<Period>().unwrap().year_label(), "1999-00");
    }

    #[test]
    fn next_rolls_over_years() {
        let p: Period = "2019-20 Q4".parse().unwrap();
        assert_eq!(p.next().to_string(), "2020-21 Q1");
        assert_eq!(
            "2019-20".parse::<Period>().unwrap().next().to_string(),
            "2020-21"
        );
    }

    #[test]
    fn previous_and_year_earlier_roll_back_over_years() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(p("2019-20 Q1").previous(), Some(p("2018-19 Q4")));
        assert_eq!(p("2019-20 Q3").previous(), Some(p("2019-20 Q2")));
        assert_eq!(p("2019-20").previous(), Some(p("2018-19")));
        assert_eq!(p("2019-20 Q3").year_earlier(), Some(p("2018-19 Q3")));
        assert_eq!(p("1900-01 Q1").previous(), None);
        assert_eq!(p("1900-01 Q2").year_earlier(), None);
    }

    #[test]
    fn rejects_years_no_report_can_be_about() {
        for bad in ["9999-00 Q1", "1899-00", "2200-01"] {
            let e = bad.parse::<Period>().unwrap_err().to_string();
            assert!(e.contains("outside the years"), "{bad}: {e}");
        }
        assert!("1900-01".parse::<Period>().is_ok());
        assert!("2199-00 Q4".parse::<Period>().is_ok());
    }

    proptest::proptest! {
        /// Whatever is written as a period, reading it gives a period or an error.
        #[test]
        fn reading_any_text_never_panics(s in "\\PC*") {
            let _ = s.parse::<Period>();
        }

        /// A period is written as its year, its end year's two digits, and its
        /// quarter, for any numbers it holds.
        #[test]
        fn code_writes_any_period(start_year in 0u16.., quarter in proptest::option::of(0u8..)) {
            let p = Period { start_year, quarter };
            let end = (u32::from(start_year) + 1) % 100;
            let mut expected = format!("{start_year}-{end:02}");
            if let Some(q) = quarter {
                expected.push_str(&format!(" Q{q}"));
            }
            assert_eq!(&*p.code(), expected);
            assert_eq!(p.to_string(), expected);
        }

        /// Text shaped like a period, nearly: still never a panic, and a period read
        /// is written back the same way.
        #[test]
        fn near_periods_read_back(s in "[+0-9]{0,5}[-/ ][0-9+]{0,3}( [Qq][0-9+]{0,4})?") {
            if let Ok(p) = s.parse::<Period>() {
                assert_eq!(p.to_string().parse::<Period>(), Ok(p));
            }
        }
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "2019",
            "2019-21",
            "2019-20 Q5",
            "2019-20 Q",
            "19-20",
            "2019-20 H1",
            "+999-00",
            "2019-20 Q+1",
            "",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn sorts_by_time_with_the_year_after_its_quarters() {
        let mut ps: Vec<Period> = [
            "2019-20",
            "2019-20 Q4",
            "2018-19 Q1",
            "2019-20 Q1",
            "2018-19",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        ps.sort();
        let shown: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2018-19 Q1",
                "2018-19",
                "2019-20 Q1",
                "2019-20 Q4",
                "2019-20"
            ]
        );
    }
}
