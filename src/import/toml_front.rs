//! Editing TOML front matter with `toml_edit`, which keeps comments, quoting and
//! layout. New keys are spelt and ordered as the file already does.

use crate::import::front_matter_edit::{
    Edit, Entry, KEY_ORDER, PeriodStyle, as_integer, double_quoted,
};
use crate::period::Period;
use toml_edit::{DocumentMut, InlineTable, Item, Key, Table, Value};

/// `front` with `edits` made.
pub(crate) fn edit(front: &str, edits: &[Edit]) -> Result<String, String> {
    let mut doc: DocumentMut = front
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let style = style(&doc);
    for e in edits {
        set(&mut doc, e, style)?;
    }
    let out = doc.to_string();
    if !front.contains("\r\n") {
        return Ok(out);
    }
    // toml_edit ends the lines it adds with `\n`: keep a CRLF file all CRLF, unless
    // that would change a multi-line string's words.
    let crlf = out.replace("\r\n", "\n").replace('\n', "\r\n");
    let read = |s: &str| s.parse::<toml::Table>().ok();
    Ok(if read(&crlf) == read(&out) { crlf } else { out })
}

fn value(entry: &Entry) -> Value {
    let num = |n: f64| as_integer(n).map_or(Value::from(n), Value::from);
    match entry {
        Entry::Number(n) => num(*n),
        Entry::Fraction {
            numerator,
            denominator,
        } => {
            let mut t = InlineTable::new();
            t.insert("numerator", num(*numerator));
            t.insert("denominator", num(*denominator));
            t.fmt();
            Value::InlineTable(t)
        }
        Entry::NotAppropriate => Value::from("not-appropriate"),
        Entry::NotStated => Value::from("not-stated"),
        Entry::Text(s) => string(s),
    }
}

/// Words as a one-line TOML string: a multi-line one, which toml_edit would choose
/// for words with line breaks, would take the file's line endings into the words.
fn string(s: &str) -> Value {
    double_quoted(s).parse().unwrap_or_else(|_| Value::from(s))
}

/// The spelling of the first period key in the file's maps.
fn style(doc: &DocumentMut) -> PeriodStyle {
    for (_, item) in doc.iter() {
        let Some(t) = item.as_table_like() else {
            continue;
        };
        for (k, _) in t.iter() {
            let raw = t
                .key(k)
                .and_then(|k| k.as_repr())
                .and_then(|r| r.as_raw().as_str())
                .map(str::to_string)
                .unwrap_or_else(|| k.to_string());
            if let Some(s) = PeriodStyle::of(&raw) {
                return s;
            }
        }
    }
    PeriodStyle {
        quote: Some('"'),
        ..PeriodStyle::DEFAULT
    }
}

/// The key for a new entry, quoted as the file quotes (always, where TOML needs it).
fn key(style: PeriodStyle, p: Period) -> Result<Key, String> {
    let bare = style.bare(p);
    let bare_ok = bare
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let repr = match style.quote {
        None if bare_ok => bare,
        Some('\'') => format!("'{bare}'"),
        _ => format!("\"{bare}\""),
    };
    repr.parse::<Key>().map_err(|e| e.to_string())
}

fn set(doc: &mut DocumentMut, e: &Edit, style: PeriodStyle) -> Result<(), String> {
    let name = e.field.key();
    let new = value(&e.entry);
    if doc.get(name).is_none() {
        let mut t = Table::new();
        t.insert_formatted(&key(style, e.period)?, Item::Value(new));
        place_table(doc, name, &mut t);
        doc.insert(name, Item::Table(t));
        return Ok(());
    }
    match doc.get_mut(name).ok_or("no table")? {
        Item::Table(t) => set_in_table(t, e.period, new, style),
        Item::Value(Value::InlineTable(t)) => set_in_inline_table(t, e.period, new, style),
        _ => Err(format!("`{name}` should be a table of periods")),
    }
}

/// Sets `period` in a table (`[values]`): an entry's value replaced with its
/// decoration (comments, spacing) kept, or a new entry added in the table's order.
fn set_in_table(
    t: &mut Table,
    period: Period,
    new: Value,
    style: PeriodStyle,
) -> Result<(), String> {
    match find(t.iter().map(|(k, _)| k.to_string()), period) {
        Some(k) => {
            let decor = t
                .get(&k)
                .and_then(Item::as_value)
                .map(|v| v.decor().clone());
            let mut v = new;
            if let Some(d) = decor {
                *v.decor_mut() = d;
            }
            if let Some(slot) = t.get_mut(&k) {
                *slot = Item::Value(v);
            }
        }
        None => {
            let order = order(t.iter().map(|(k, _)| k.to_string()));
            t.insert_formatted(&key(style, period)?, Item::Value(new));
            if let Some(desc) = order {
                t.sort_values_by(|a, _, b, _| compare(a.get(), b.get(), desc));
            }
        }
    }
    Ok(())
}

/// Sets `period` in an inline table (`values = { ... }`), as [`set_in_table`] does.
fn set_in_inline_table(
    t: &mut InlineTable,
    period: Period,
    new: Value,
    style: PeriodStyle,
) -> Result<(), String> {
    match find(t.iter().map(|(k, _)| k.to_string()), period) {
        Some(k) => {
            let mut v = new;
            if let Some(slot) = t.get_mut(&k) {
                *v.decor_mut() = slot.decor().clone();
                *slot = v;
            }
        }
        None => {
            let order = order(t.iter().map(|(k, _)| k.to_string()));
            t.insert_formatted(&key(style, period)?, new);
            if let Some(desc) = order {
                t.sort_values_by(|a, _, b, _| compare(a.get(), b.get(), desc));
            }
            t.fmt();
        }
    }
    Ok(())
}

/// The key of `keys` naming `p`, however it is spelt.
fn find(mut keys: impl Iterator<Item = String>, p: Period) -> Option<String> {
    keys.find(|k| k.parse::<Period>().ok() == Some(p))
}

/// `Some(false)` if the keys are oldest first, `Some(true)` if newest first, `None`
/// if in no time order (a new key then goes last).
fn order(keys: impl Iterator<Item = String>) -> Option<bool> {
    let ps: Vec<Period> = keys.filter_map(|k| k.parse().ok()).collect();
    if ps.windows(2).all(|w| w[0] < w[1]) {
        Some(false)
    } else if ps.windows(2).all(|w| w[0] > w[1]) {
        Some(true)
    } else {
        None
    }
}

fn compare(a: &str, b: &str, descending: bool) -> std::cmp::Ordering {
    let (a, b) = (a.parse::<Period>().ok(), b.parse::<Period>().ok());
    if descending { b.cmp(&a) } else { a.cmp(&b) }
}

/// Gives a new top-level table its place: before the first table whose key comes
/// after `name` in [`KEY_ORDER`], moving that one and the rest down.
fn place_table(doc: &mut DocumentMut, name: &str, new: &mut Table) {
    let rank = |k: &str| KEY_ORDER.iter().position(|o| *o == k);
    let Some(mine) = rank(name) else {
        return;
    };
    let at = doc
        .iter()
        .filter(|(k, _)| rank(k).is_some_and(|r| r > mine))
        .filter_map(|(_, i)| i.as_table().and_then(Table::position))
        .min();
    let Some(at) = at else {
        return;
    };
    for (_, item) in doc.iter_mut() {
        if let Some(t) = item.as_table_mut()
            && let Some(p) = t.position().filter(|p| *p >= at)
        {
            t.set_position(Some(p + 1));
        }
    }
    new.set_position(Some(at));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::front_matter_edit::Field;

    fn set1(text: &str, field: Field, period: &str, entry: Entry) -> String {
        edit(
            text,
            &[Edit {
                field,
                period: period.parse().unwrap(),
                entry,
            }],
        )
        .unwrap()
    }

    #[test]
    fn inserts_in_order_and_keeps_the_rest() {
        let front = "title = \"T\" # name\n\n[values]\n# old\n\"2019-20 Q1\" = 5\n\"2019-20 Q3\" = 7\n\n[targets]\n\"2019-20\" = \"not-appropriate\"\n";
        let out = set1(front, Field::Values, "2019-20 Q2", Entry::Number(6.0));
        assert_eq!(
            out,
            "title = \"T\" # name\n\n[values]\n# old\n\"2019-20 Q1\" = 5\n\"2019-20 Q2\" = 6\n\"2019-20 Q3\" = 7\n\n[targets]\n\"2019-20\" = \"not-appropriate\"\n"
        );
        let out = set1(front, Field::Targets, "2019-20", Entry::Number(80.0));
        assert!(out.ends_with("[targets]\n\"2019-20\" = 80\n"), "{out}");
    }

    #[test]
    fn words_are_one_escaped_line() {
        let front = "title = \"T\"\n\n[commentary]\n\"2019-20 Q1\" = 'x' # kept\n";
        let words = Entry::Text("Up: \"a\"\nŵyr # 3\\".into());
        let out = set1(front, Field::Commentary, "2019-20 Q2", words.clone());
        assert_eq!(
            out,
            "title = \"T\"\n\n[commentary]\n\"2019-20 Q1\" = 'x' # kept\n\"2019-20 Q2\" = \"Up: \\\"a\\\"\\nŵyr # 3\\\\\"\n"
        );
        let out = set1(front, Field::Commentary, "2019-20 Q1", words);
        assert!(
            out.contains("\"2019-20 Q1\" = \"Up: \\\"a\\\"\\nŵyr # 3\\\\\" # kept\n"),
            "{out}"
        );
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let front = "title = \"T\"\r\n\r\n[values]\r\n\"2019-20 Q1\" = 5\r\n";
        let out = set1(front, Field::Values, "2019-20 Q2", Entry::Number(6.0));
        assert_eq!(
            out,
            "title = \"T\"\r\n\r\n[values]\r\n\"2019-20 Q1\" = 5\r\n\"2019-20 Q2\" = 6\r\n"
        );
    }

    #[test]
    fn a_new_table_goes_before_later_keys() {
        let front = "title = \"T\"\n\n[commentary]\n\"2019-20 Q1\" = \"x\"\n";
        let out = set1(front, Field::Values, "2019-20 Q1", Entry::Number(1.5));
        assert_eq!(
            out,
            "title = \"T\"\n\n[values]\n\"2019-20 Q1\" = 1.5\n\n[commentary]\n\"2019-20 Q1\" = \"x\"\n"
        );
    }
}
