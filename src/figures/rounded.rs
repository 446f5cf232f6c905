//! A figure rounded exactly ([`Rounded`]): half away from zero on the decimal the
//! number is (its shortest decimal that reads back to it), so no binary artefact
//! shows; written with a language's separators, plainly for CSV, or as a JSON number.

use crate::model::Value;
use std::fmt::Write as _;

/// The most decimal places a figure is rounded to; more would not fit the exact
/// arithmetic (`decimals` beyond this is refused by validation anyway).
const MAX_DECIMALS: u8 = 18;

/// A figure rounded to a number of decimal places, exactly: what is published.
/// Two figures that read the same are equal.
///
/// Every finite double is written exactly (its shortest decimal, rounded): those
/// past what `i128` holds in units of the last place, which validation refuses as
/// figures (`figure-too-large`) but a message may still quote, keep their digits
/// and a count of zeros after them, rather than saturating at 2^127.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rounded {
    /// The figure in units of its last decimal place: 12.5 at one decimal is 125.
    /// (With `zeros`, the digits before those zeros.)
    units: i128,
    /// Decimal places.
    decimals: u8,
    /// Zeros written after `units`' digits: 0 for every figure that fits `units`.
    zeros: u16,
}

/// 10^n for the exact arithmetic (n at most 38).
fn pow10(n: u32) -> Option<u128> {
    // A table: a figure is rounded by the hundred thousand.
    const POWERS: [u128; 39] = {
        let mut p = [1u128; 39];
        let mut i = 1;
        while i < 39 {
            p[i] = p[i - 1] * 10;
            i += 1;
        }
        p
    };
    POWERS.get(n as usize).copied()
}

/// `num / den` rounded half away from zero (both positive).
fn div_round(num: u128, den: u128) -> u128 {
    // Most figures fit a u64, whose division is far cheaper.
    if let (Ok(num), Ok(den)) = (u64::try_from(num), u64::try_from(den)) {
        let (q, r) = (num / den, num % den);
        return u128::from(if r >= den - r { q + 1 } else { q });
    }
    let (q, r) = (num / den, num % den);
    if r >= den - r { q + 1 } else { q }
}

/// A decimal that reads back to `x` (finite), `x = mantissa * 10^exponent`: the
/// shortest, but perhaps with trailing zeros (17.31 as 17310 × 10^-3).
fn decimal(x: f64) -> (u128, i32) {
    let x = x.abs();
    if x.fract() == 0.0 && x < 9.0e15 {
        // Whole numbers (counts, most values) need no digits worked out.
        return (x as u128, 0);
    }
    if x < 4.0e9 {
        // Figures as typed have a few places: the first k at which x * 10^k is a
        // whole number that reads back as x. It is the shortest decimal, as Rust
        // prints it: below 2^32 two decimals of at most six places that both read
        // back as x are less than a unit of the last place (10^-6) apart, so equal.
        for (k, &scale) in POW10.iter().enumerate().skip(1) {
            let y = x * scale;
            if y.fract() == 0.0 && y / scale == x {
                return (y as u128, -(k as i32));
            }
        }
    }
    let mut buf = ryu::Buffer::new();
    let mut display = DigitBuf::default();
    let s = if x.fract() != 0.0 {
        // Rust prints the shortest digits that read back, never with an exponent
        // (a double with a fraction is below 2^52), and of two as short the one
        // nearer the double: 628600600218.15625 is ...218.1563, where ryu takes
        // the even ...218.1562.
        let _ = write!(display, "{x}");
        display.as_str()
    } else {
        // A whole number past 9 × 10^15: its shortest digits, with an exponent.
        buf.format_finite(x)
    };
    let (digits, exp) = match s.split_once('e') {
        Some((d, e)) => (d, e.parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = frac.trim_end_matches('0');
    let mut mantissa = 0u128;
    for b in int.bytes().chain(frac.bytes()) {
        // At most 17 significant digits; leading zeros of 0.000... add nothing.
        mantissa = mantissa
            .saturating_mul(10)
            .saturating_add(u128::from(b - b'0'));
    }
    (mantissa, exp - frac.len() as i32)
}

/// Writes the digits of `n` into `out` as ASCII, last first, at least `places + 1`
/// of them (leading zeros); returns how many. `out` holds the 39 digits of a u128.
fn digits_last_first(n: u128, places: usize, out: &mut [u8; 40]) -> usize {
    let mut count = 0;
    let mut wide = n;
    while wide > u128::from(u64::MAX) {
        out[count] = b'0' + (wide % 10) as u8;
        wide /= 10;
        count += 1;
    }
    // Most figures fit a u64, whose division is far cheaper.
    let mut rest = wide as u64;
    while rest > 0 || count <= places {
        out[count] = b'0' + (rest % 10) as u8;
        rest /= 10;
        count += 1;
    }
    count
}

/// The decimal places `x` is written with: those of its shortest decimal, the
/// number as typed (79.2 has 1; `78.90` is read as 78.9, so 1; 1754 has none). A
/// figure is published as written only if its indicator's `decimals` cover them.
pub fn places_written(x: f64) -> u32 {
    if !x.is_finite() {
        return 0;
    }
    // `decimal` may give a trailing zero (17.31 as 17310 thousandths): not written.
    let (mut mantissa, mut exponent) = decimal(x);
    while exponent < 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        exponent += 1;
    }
    exponent.min(0).unsigned_abs()
}

/// 10^k as doubles, exact.
const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];

/// Digits written on the stack: figures are formatted by the hundred thousand, and
/// a heap string each would cost more than the digits. Spills to the heap for the
/// rare long one (a tiny double printed in full).
struct DigitBuf {
    bytes: [u8; 48],
    len: usize,
    spill: Option<String>,
}

impl Default for DigitBuf {
    fn default() -> DigitBuf {
        DigitBuf {
            bytes: [0; 48],
            len: 0,
            spill: None,
        }
    }
}

impl DigitBuf {
    fn as_str(&self) -> &str {
        match &self.spill {
            Some(s) => s,
            // Only whole `&str`s are written in.
            None => std::str::from_utf8(&self.bytes[..self.len]).unwrap_or(""),
        }
    }
}

impl std::fmt::Write for DigitBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if let Some(spill) = &mut self.spill {
            spill.push_str(s);
        } else if self.len + s.len() <= self.bytes.len() {
            self.bytes[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            let mut spill = String::with_capacity(self.len + s.len());
            spill.push_str(self.as_str());
            spill.push_str(s);
            self.spill = Some(spill);
        }
        Ok(())
    }
}

/// `mantissa * 10^exponent` in units of `10^-decimals`, rounded half away from zero;
/// `None` when it does not fit.
fn to_units(mantissa: u128, exponent: i32, decimals: u8) -> Option<u128> {
    let shift = exponent + i32::from(decimals);
    if shift >= 0 {
        mantissa.checked_mul(pow10(shift as u32)?)
    } else if -shift > 38 {
        Some(0)
    } else {
        Some(div_round(mantissa, pow10((-shift) as u32)?))
    }
}

impl Rounded {
    /// `x` rounded to `decimals` places, half away from zero. Figures are finite
    /// (validation refuses others); a non-finite one is taken as zero rather than
    /// printing noise.
    pub fn new(x: f64, decimals: u8) -> Rounded {
        let mut decimals = decimals.min(MAX_DECIMALS);
        if !x.is_finite() {
            return Rounded {
                units: 0,
                decimals,
                zeros: 0,
            };
        }
        let (mantissa, exponent) = decimal(x);
        let (units, zeros) = match to_units(mantissa, exponent, decimals) {
            Some(u) if u <= i128::MAX as u128 => (u as i128, 0),
            // Too large for `units` at these places. Only a whole double is (a
            // fraction is below 2^53, so its units fit even at 18 places): its
            // digits, then `exponent + decimals` zeros, exactly.
            _ => match (
                i128::try_from(mantissa),
                u16::try_from(exponent + i32::from(decimals)),
            ) {
                (Ok(m), Ok(z)) => (m, z),
                // Not reached: a double has at most 17 digits and 309 places.
                _ => {
                    debug_assert!(false, "{x} has no exact decimal");
                    decimals = 0;
                    (0, 0)
                }
            },
        };
        Rounded {
            units: if x < 0.0 { -units } else { units },
            decimals,
            zeros,
        }
    }

    /// `x` with the decimal places it was given in (its shortest decimal): how a
    /// numerator or denominator is shown, "3.5 of 82".
    pub fn as_given(x: f64) -> Rounded {
        let places = places_written(x).min(u32::from(MAX_DECIMALS));
        Rounded::new(x, places as u8)
    }

    /// The percentage `numerator` makes of `denominator`, rounded to `decimals`,
    /// worked out exactly from their decimals (29 of 40 is 72.5, so 73 at no
    /// places, whatever `29.0 / 40.0 * 100.0` comes to in binary).
    pub fn percentage(numerator: f64, denominator: f64, decimals: u8) -> Rounded {
        let decimals = decimals.min(MAX_DECIMALS);
        let exact = || -> Option<Rounded> {
            if !numerator.is_finite() || !denominator.is_finite() || denominator == 0.0 {
                return None;
            }
            let (a, p) = decimal(numerator);
            let (b, q) = decimal(denominator);
            // n / d * 100 at `decimals` places: a * 10^(p - q + 2 + decimals) / b.
            let e = p - q + 2 + i32::from(decimals);
            let (num, den) = if e >= 0 {
                (a.checked_mul(pow10(e as u32)?)?, b)
            } else {
                (a, b.checked_mul(pow10((-e) as u32)?)?)
            };
            let units = i128::try_from(div_round(num, den)).ok()?;
            let negative = (numerator < 0.0) != (denominator < 0.0);
            Some(Rounded {
                units: if negative { -units } else { units },
                decimals,
                zeros: 0,
            })
        };
        exact().unwrap_or_else(|| Rounded::new(numerator / denominator * 100.0, decimals))
    }

    /// A value as published at `decimals` places: the number, or a fraction's
    /// percentage.
    pub fn value(v: Value, decimals: u8) -> Rounded {
        match v {
            Value::Number(n) => Rounded::new(n, decimals),
            Value::Fraction {
                numerator,
                denominator,
            } => Rounded::percentage(numerator, denominator, decimals),
        }
    }

    /// `self` minus `earlier`, exactly: the change between two published figures,
    /// at the places of the more precise (15.0 days to 13.0 is -2.0). "Down 5
    /// days" is the difference of the figures a reader sees, never of the doubles
    /// behind them.
    pub fn minus(self, earlier: Rounded) -> Rounded {
        let decimals = self.decimals.max(earlier.decimals);
        let units = |r: Rounded| -> Option<i128> {
            let scale = pow10(u32::from(decimals - r.decimals))?;
            (r.zeros == 0)
                .then(|| r.units.checked_mul(i128::try_from(scale).ok()?))
                .flatten()
        };
        match (units(self), units(earlier)) {
            (Some(a), Some(b)) if a.checked_sub(b).is_some() => Rounded {
                units: a - b,
                decimals,
                zeros: 0,
            },
            // Figures past `units` (refused by validation; see `Rounded`).
            _ => Rounded::new(self.to_f64() - earlier.to_f64(), decimals),
        }
    }

    /// The figure without its sign.
    pub fn abs(self) -> Rounded {
        Rounded {
            units: self.units.saturating_abs(),
            ..self
        }
    }

    /// The nearest double to the published figure: for comparing, plural forms,
    /// drawing and JSON. Two figures that read the same give the same double, and
    /// a larger figure a larger double.
    pub fn to_f64(self) -> f64 {
        if self.zeros > 0 {
            let exponent = i32::from(self.zeros) - i32::from(self.decimals);
            return format!("{}e{exponent}", self.units).parse().unwrap_or(0.0);
        }
        if self.units.unsigned_abs() < 1 << 53 {
            // Both exact, so the division rounds once: the nearest double.
            let scale = POW10
                .get(usize::from(self.decimals))
                .copied()
                .unwrap_or_else(|| 10f64.powi(i32::from(self.decimals)));
            (self.units as i64) as f64 / scale
        } else {
            self.plain().parse().unwrap_or(0.0)
        }
    }

    /// Writes the figure with `group` between thousands and `decimal` before the
    /// decimal places: "1,234.5".
    pub fn write(self, out: &mut String, group: &str, decimal: &str) {
        if self.units < 0 {
            out.push('-');
        }
        // The digits, last first, on the stack: at least one before the point (0.05
        // is 5 hundredths, written 005). A u128 has at most 39 digits, and places at
        // most 18.
        let places = usize::from(self.decimals);
        let mut stack = [0u8; 40];
        let mut long = Vec::new();
        let digits: &[u8] = if self.zeros == 0 {
            let n = digits_last_first(self.units.unsigned_abs(), places, &mut stack);
            &stack[..n]
        } else {
            // Past `units`: the zeros, then the digits (see `Rounded`).
            long.resize(usize::from(self.zeros), b'0');
            let n = digits_last_first(self.units.unsigned_abs(), 0, &mut stack);
            long.extend_from_slice(&stack[..n]);
            while long.len() <= places {
                long.push(b'0');
            }
            &long
        };
        let n = digits.len();
        let whole = n - places;
        for i in 0..whole {
            if i > 0 && (whole - i).is_multiple_of(3) {
                out.push_str(group);
            }
            out.push(char::from(digits[n - 1 - i]));
        }
        if places > 0 {
            out.push_str(decimal);
            for i in (0..places).rev() {
                out.push(char::from(digits[i]));
            }
        }
    }

    /// The figure as data files write it: no thousands separators, a point before
    /// the decimals, no trailing zeros after it (`1754`, `31.3`, `82` for 82.0).
    pub fn plain(self) -> String {
        let mut s = String::new();
        self.write(&mut s, "", ".");
        if s.contains('.') {
            let keep = s.trim_end_matches('0').trim_end_matches('.').len();
            s.truncate(keep);
        }
        if s == "-0" { "0".to_string() } else { s }
    }

    /// The same figure without trailing zero places (for a figure that fits
    /// `units`).
    fn trimmed(self) -> Rounded {
        let mut r = self;
        while r.decimals > 0 && r.units % 10 == 0 {
            r.units /= 10;
            r.decimals -= 1;
        }
        r
    }
}

/// A figure in data files is a number: an integer when whole (`82`, not `82.0`),
/// else the double nearest to the published figure.
impl serde::Serialize for Rounded {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let whole = self.trimmed();
        match i64::try_from(whole.units) {
            Ok(n) if whole.decimals == 0 && whole.zeros == 0 => s.serialize_i64(n),
            _ => s.serialize_f64(self.to_f64()),
        }
    }
}
