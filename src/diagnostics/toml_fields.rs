//! Which field a TOML data error is about, told by serde itself rather than read
//! back out of the error's text.
//!
//! toml gives serde's errors as a message alone. So when a text is TOML but not the
//! shape wanted, it is read again, as a table, into the same type through a
//! deserializer whose error keeps what serde says: the unknown field and the fields
//! it expected, or the missing field. This runs only when reading has already
//! failed.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use std::fmt;
use toml::Value;

/// What serde said was wrong with the data.
#[derive(Debug, PartialEq)]
pub(super) enum Problem {
    /// A field the type does not have, and the ones it has.
    Unknown {
        field: String,
        expected: &'static [&'static str],
    },
    /// A field the type needs.
    Missing(&'static str),
    /// Anything else (a value of the wrong kind, say), in serde's words.
    Other(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unknown { field, .. } => write!(f, "unknown field `{field}`"),
            Problem::Missing(field) => write!(f, "missing field `{field}`"),
            Problem::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Problem {}

impl de::Error for Problem {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Problem::Other(msg.to_string())
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Problem::Unknown {
            field: field.to_string(),
            expected,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Problem::Missing(field)
    }
}

/// What is wrong with `text` (TOML that read as a table) as a `T`; `None` if it
/// reads as a `T` this way.
pub(super) fn problem<T: DeserializeOwned>(text: &str) -> Option<Problem> {
    let table: toml::Table = text.parse().ok()?;
    T::deserialize(Node(Value::Table(table))).err()
}

/// A TOML value, deserialized with [`Problem`] as its error.
struct Node(Value);

impl<'de> IntoDeserializer<'de, Problem> for Node {
    type Deserializer = Node;
    fn into_deserializer(self) -> Node {
        self
    }
}

impl<'de> Deserializer<'de> for Node {
    type Error = Problem;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Problem> {
        match self.0 {
            Value::String(s) => v.visit_string(s),
            Value::Integer(i) => v.visit_i64(i),
            Value::Float(f) => v.visit_f64(f),
            Value::Boolean(b) => v.visit_bool(b),
            Value::Datetime(d) => v.visit_string(d.to_string()),
            Value::Array(a) => {
                let mut seq = SeqDeserializer::new(a.into_iter().map(Node));
                let out = v.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Table(t) => {
                let mut map = MapDeserializer::new(t.into_iter().map(|(k, x)| (k, Node(x))));
                let out = v.visit_map(&mut map)?;
                map.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Problem> {
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Problem> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Problem> {
        match self.0 {
            Value::String(s) => v.visit_enum(s.into_deserializer()),
            other => Node(other).deserialize_any(v),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Problem> {
        // A `toml::Spanned` field: its position is not wanted here.
        if serde_spanned::de::is_spanned(name) {
            return v.visit_map(serde_spanned::de::SpannedDeserializer::new(self, 0..0));
        }
        let _ = fields;
        self.deserialize_any(v)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        unit: Option<String>,
        part: Option<Vec<Part>>,
        at: Option<toml::Spanned<u8>>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Part {
        summary: String,
    }

    #[test]
    fn serde_names_the_field() {
        assert_eq!(problem::<Front>("title = 'a'\nunit = 'b'\nat = 3\n"), None);
        assert_eq!(
            problem::<Front>("title = 'a'\nunti = 'b'\n"),
            Some(Problem::Unknown {
                field: "unti".into(),
                expected: &["title", "unit", "part", "at"],
            })
        );
        assert_eq!(
            problem::<Front>("title = 'a'\n[[part]]\nsumary = 'x'\n"),
            Some(Problem::Unknown {
                field: "sumary".into(),
                expected: &["summary"],
            })
        );
        assert_eq!(
            problem::<Front>("unit = 'b'\n"),
            Some(Problem::Missing("title"))
        );
        assert!(matches!(
            problem::<Front>("title = 3\n"),
            Some(Problem::Other(_))
        ));
    }
}
