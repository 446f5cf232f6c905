//! A parser's error in the author's terms: which field is unknown (and the nearest
//! known one) or missing, or what kind of value was expected.

use super::code::Code;
use super::position::line_col;
use super::toml_fields;

/// What a parser's error is, in the author's terms: code, message, help, the
/// unknown field (if that is it), and the position (1-based line and column in the
/// text parsed).
pub type Explained = (Code, String, String, Option<String>, Option<(usize, usize)>);

/// What to do about a value of the wrong kind.
pub const VALUE_HELP: &str = "give a value of the kind expected (see README § Content format)";

/// Explains a toml error reading `text` as a `T`; `syntax_help` says what to look
/// for when the text is not TOML at all.
pub fn explain_toml<T: serde::de::DeserializeOwned>(
    e: &toml::de::Error,
    text: &str,
    syntax_help: &str,
) -> Explained {
    let at = e.span().map(|span| line_col(text, span.start));
    let message = e.message().trim().to_string();
    if text.parse::<toml::Table>().is_err() {
        return (
            Code::Syntax,
            format!("this is not valid TOML: {message}"),
            syntax_help.into(),
            None,
            at,
        );
    }
    // The text is TOML, so the problem is in the data: serde says which field.
    match toml_fields::problem::<T>(text) {
        Some(toml_fields::Problem::Unknown { field, expected }) => {
            let (m, h) = unknown_field(&field, expected);
            (Code::UnknownField, m, h, Some(field), at)
        }
        Some(toml_fields::Problem::Missing(field)) => {
            let (m, h) = missing_field(field);
            (Code::MissingField, m, h, None, at)
        }
        _ => (Code::InvalidValue, message, VALUE_HELP.into(), None, at),
    }
}

/// The message and help for a missing field.
pub fn missing_field(field: &str) -> (String, String) {
    (
        format!("`{field}` is missing"),
        format!("add `{field}` (see README for what it holds)"),
    )
}

/// The message and help for an unknown field: the nearest known field, if one is
/// near enough to be a slip, or the list of them.
pub fn unknown_field(field: &str, expected: &[&str]) -> (String, String) {
    let nearest = expected
        .iter()
        .map(|k| (strsim::damerau_levenshtein(field, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min();
    let help = match nearest {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None if expected.is_empty() => "remove it".to_string(),
        None => format!(
            "remove it; the fields here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    (format!("unknown field `{field}`"), help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_suggest_the_nearest_known_one() {
        let fields = ["title", "unit", "direction", "decimals", "values"];
        assert_eq!(unknown_field("unti", &fields).1, "did you mean `unit`?");
        assert_eq!(
            unknown_field("decimal", &fields).1,
            "did you mean `decimals`?"
        );
        assert!(
            unknown_field("colour", &fields)
                .1
                .starts_with("remove it; the fields")
        );
    }
}
