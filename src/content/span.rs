//! Where a value was written: positions from the parsers themselves (serde-saphyr's
//! and toml's spanned values), never found by searching the text.
//!
//! The front-matter types are parsed from YAML or TOML alike, and the two parsers
//! give positions through different wrappers; [`At`] asks the one that is parsing,
//! which [`parse_with_positions`] records for the thread while it runs.

use crate::diagnostics::Pos;
use crate::period::Period;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

/// Which parser is running on this thread, and how to turn its positions into the
/// file's lines.
struct Context {
    toml: bool,
    /// The file line the front matter starts on (1-based).
    first_line: usize,
    /// For TOML, whose spans are byte offsets: the front matter, to count lines and
    /// characters in.
    text: String,
    /// Byte offsets where each line of `text` starts.
    line_starts: Vec<usize>,
}

thread_local! {
    static CONTEXT: RefCell<Option<Context>> = const { RefCell::new(None) };
}

/// Runs `parse` (one call of `serde_saphyr::from_str` or `toml::from_str` on
/// `front`) with [`At`] recording positions in the file whose front matter starts
/// on `first_line`.
pub(super) fn parse_with_positions<R>(
    toml: bool,
    front: &str,
    first_line: usize,
    parse: impl FnOnce() -> R,
) -> R {
    let context = Context {
        toml,
        first_line,
        text: if toml {
            front.to_string()
        } else {
            String::new()
        },
        line_starts: if toml {
            std::iter::once(0)
                .chain(front.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        } else {
            Vec::new()
        },
    };
    let previous = CONTEXT.with(|c| c.borrow_mut().replace(context));
    let result = parse();
    CONTEXT.with(|c| *c.borrow_mut() = previous);
    result
}

/// A value and the position in the file where it was written (line 0 when parsed
/// without `parse_with_positions`).
#[derive(Debug, Clone, Default)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub pos: Pos,
}

impl<T> At<T> {
    /// A value with no known position.
    pub fn new(value: T) -> Self {
        At {
            value,
            pos: Pos::default(),
        }
    }
}

impl<T> Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Display> fmt::Display for At<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    /// Equal values are equal wherever they were written.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mode = CONTEXT.with(|c| c.borrow().as_ref().map(|c| c.toml));
        match mode {
            None => T::deserialize(d).map(At::new),
            Some(false) => {
                let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
                let line = s.referenced.line() as usize;
                let pos = CONTEXT.with(|c| match c.borrow().as_ref() {
                    Some(c) if line > 0 => Pos {
                        line: line + c.first_line - 1,
                        column: s.referenced.column() as usize,
                    },
                    _ => Pos::default(),
                });
                Ok(At {
                    value: s.value,
                    pos,
                })
            }
            Some(true) => {
                let s = toml::Spanned::<T>::deserialize(d)?;
                let start = s.span().start;
                let pos = CONTEXT.with(|c| {
                    c.borrow()
                        .as_ref()
                        .map(|c| toml_pos(c, start))
                        .unwrap_or_default()
                });
                Ok(At {
                    value: s.into_inner(),
                    pos,
                })
            }
        }
    }
}

fn toml_pos(c: &Context, offset: usize) -> Pos {
    let line = c.line_starts.partition_point(|&s| s <= offset).max(1);
    let start = c.line_starts[line - 1];
    let column = c
        .text
        .get(start..offset.min(c.text.len()))
        .map_or(1, |s| s.chars().count() + 1);
    Pos {
        line: line + c.first_line - 1,
        column,
    }
}

/// A period given twice: where, and where first.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The period.
    pub period: Period,
    /// Where it is given again.
    pub pos: Pos,
    /// Where it was first given.
    pub first: Pos,
}

/// A map from periods, as written: each period's position, the periods given twice
/// (in any spelling: `2019-20 Q3` and `2019/20 Q3` are one period), and the first
/// period written out of time order. Reads as the map it holds.
#[derive(Debug, Clone)]
pub struct Periods<V> {
    map: BTreeMap<Period, V>,
    /// Where each period's key was written (the first time), in the order written:
    /// a list, not a map, as positions are looked up only to report a problem.
    at: Vec<(Period, Pos)>,
    /// Periods given again, in the order written (the first value is kept).
    pub repeats: Vec<Repeat>,
    /// The first period written before one it comes after in time: (it, the latest
    /// before it, where it is).
    pub disorder: Option<(Period, Period, Pos)>,
}

impl<V> Default for Periods<V> {
    fn default() -> Self {
        Periods {
            map: BTreeMap::new(),
            at: Vec::new(),
            repeats: Vec::new(),
            disorder: None,
        }
    }
}

impl<V: PartialEq> PartialEq for Periods<V> {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

impl<V> Deref for Periods<V> {
    type Target = BTreeMap<Period, V>;
    fn deref(&self) -> &BTreeMap<Period, V> {
        &self.map
    }
}

impl<V> Periods<V> {
    /// Where `period` was written, if known.
    pub fn pos(&self, period: &Period) -> Pos {
        self.at
            .iter()
            .find(|(p, _)| p == period)
            .map_or(Pos::default(), |(_, pos)| *pos)
    }

    /// The map alone.
    pub fn into_map(self) -> BTreeMap<Period, V> {
        self.map
    }

    /// Adds `period` written at `pos`, noting a repeat or disorder.
    pub fn insert(&mut self, period: Period, pos: Pos, value: V) {
        if self.map.contains_key(&period) {
            let first = self.pos(&period);
            self.repeats.push(Repeat { period, pos, first });
            return;
        }
        if self.disorder.is_none()
            && let Some((&latest, _)) = self.map.last_key_value()
            && period < latest
        {
            self.disorder = Some((period, latest, pos));
        }
        self.at.push((period, pos));
        self.map.insert(period, value);
    }
}

impl<V: Clone> Periods<V> {
    /// A copy of the map alone.
    pub fn to_map(&self) -> BTreeMap<Period, V> {
        self.map.clone()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Periods<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PeriodsVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for PeriodsVisitor<V> {
            type Value = Periods<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("periods, each with its figure or words, such as `2019-20 Q2: 76.1`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Periods<V>, A::Error> {
                let mut out = Periods::default();
                while let Some(key) = map.next_key::<At<Period>>()? {
                    let value = map.next_value::<V>()?;
                    out.insert(key.value, key.pos, value);
                }
                Ok(out)
            }
        }
        d.deserialize_map(PeriodsVisitor(PhantomData))
    }
}

impl<V> FromIterator<(Period, V)> for Periods<V> {
    fn from_iter<I: IntoIterator<Item = (Period, V)>>(iter: I) -> Self {
        let mut out = Periods::default();
        for (p, v) in iter {
            out.insert(p, Pos::default(), v);
        }
        out
    }
}
