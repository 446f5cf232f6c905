//! Editing YAML front matter by its lines. No YAML library keeps a file's layout when
//! it writes one back, so the block mapping under a top-level key (`values:` and its
//! indented entries) is found by indentation, and only the lines of the entries set
//! are replaced or inserted. Layouts this cannot edit safely (a non-empty flow
//! mapping `values: {...}`, anchors, complex keys) are refused with what to do.
//! [`crate::import::front_matter_edit::apply`] parses the result to check nothing else changed.

use crate::import::front_matter_edit::{
    Edit, Entry, KEY_ORDER, PeriodStyle, double_quoted, is_special_space, number_text,
};
use crate::period::Period;

/// `front` with `edits` made.
pub(crate) fn edit(front: &str, edits: &[Edit]) -> Result<String, String> {
    let mut text = front.to_string();
    for e in edits {
        text = edit_one(&text, e)?;
    }
    Ok(text)
}

/// Text as YAML writes it in a block mapping: plain when that is certain to read back
/// as the same string, otherwise double-quoted with escapes.
pub fn string(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

fn is_plain_safe(s: &str) -> bool {
    let lower = s.to_lowercase();
    s.chars().next().is_some_and(char::is_alphabetic)
        && !s.ends_with(char::is_whitespace)
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control() || is_special_space(c))
        && !matches!(
            lower.as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
        )
}

/// An entry's value as written after `key: `.
fn value_text(entry: &Entry) -> String {
    match entry {
        Entry::Number(n) => number_text(*n),
        Entry::Fraction {
            numerator,
            denominator,
        } => format!(
            "{{ numerator: {}, denominator: {} }}",
            number_text(*numerator),
            number_text(*denominator)
        ),
        Entry::NotAppropriate => "not-appropriate".into(),
        Entry::NotStated => "not-stated".into(),
        Entry::Text(s) => string(s),
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// The key of a mapping line (from its first non-space), unquoted, and the byte
/// offset just after its colon.
fn key_of(line: &str) -> Option<(String, usize)> {
    let at = indent(line);
    let rest = &line[at..];
    let (key, after) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let close = rest[1..].find(q)? + 1;
            let after = rest[close + 1..].strip_prefix(':')?;
            (rest[1..close].to_string(), rest.len() - after.len())
        }
        '#' | '-' | '?' | '&' | '*' | '!' | '{' | '[' => return None,
        _ => {
            let colon = rest
                .char_indices()
                .find(|&(i, c)| {
                    c == ':'
                        && rest[i + 1..]
                            .chars()
                            .next()
                            .is_none_or(|n| n == ' ' || n == '\t' || n == '\r' || n == '\n')
                })?
                .0;
            (rest[..colon].trim_end().to_string(), colon + 1)
        }
    };
    Some((key, at + after))
}

/// Where a comment starts in `s` (outside quotes), if it has one.
fn comment_start(s: &str) -> Option<usize> {
    let (mut single, mut double, mut prev) = (false, false, ' ');
    for (i, c) in s.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && (prev == ' ' || prev == '\t') => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

/// One entry of a block mapping: lines `start..end` (end exclusive), its key as
/// written and its period.
struct Child {
    start: usize,
    end: usize,
    raw_key: String,
    period: Period,
}

/// A top-level key's block.
struct Block {
    /// The key's line.
    line: usize,
    /// Entries, in file order.
    children: Vec<Child>,
    /// Their indentation, if there are any.
    indent: Option<usize>,
    /// `key: {}`: an empty flow mapping, to be rewritten as a block.
    empty_flow: bool,
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// Top-level key lines: (index, key).
fn top_keys(lines: &[&str]) -> Vec<(usize, String)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !is_blank(l) && !is_comment(l) && indent(l) == 0)
        .filter_map(|(i, l)| key_of(l).map(|(k, _)| (i, k)))
        .collect()
}

/// A map that is written in a way an edit cannot keep.
fn cannot_edit(name: &str, why: &str) -> String {
    format!(
        "`{name}` is written {why}, which dangos cannot edit without changing its layout: write it as one entry per line (`{name}:`, then `  2019-20 Q2: ...` indented below it) and import again"
    )
}

/// The map of periods `name` whose key is on `line`: its entries, each with its lines.
fn block(lines: &[&str], line: usize, name: &str) -> Result<Block, String> {
    let empty_flow = opens_empty(lines[line], name)?;
    let end = (line + 1..lines.len())
        .find(|&i| !is_blank(lines[i]) && !is_comment(lines[i]) && indent(lines[i]) == 0)
        .unwrap_or(lines.len());
    let (mut children, child_indent) = entries(lines, line + 1..end, name, empty_flow)?;
    // An entry ends at its last line of content: blank lines after it, and comments
    // after a value that is not a block scalar (`|`, `>`), belong to what follows.
    for c in &mut children {
        let first = lines[c.start];
        let value = first[key_of(first).map_or(0, |(_, a)| a)..].trim_start();
        let block_scalar = value.starts_with(['|', '>']);
        while c.end > c.start + 1
            && (is_blank(lines[c.end - 1]) || (!block_scalar && is_comment(lines[c.end - 1])))
        {
            c.end -= 1;
        }
    }
    Ok(Block {
        line,
        children,
        indent: child_indent,
        empty_flow,
    })
}

/// Whether the map's key line opens it empty (`name: {}`) rather than with entries
/// on the lines below; an error for what an edit cannot keep.
fn opens_empty(key_line: &str, name: &str) -> Result<bool, String> {
    let (_, after) = key_of(key_line).ok_or("not a key")?;
    let rest = key_line[after..].trim();
    let rest = match comment_start(rest) {
        Some(0) => "",
        Some(i) => rest[..i].trim(),
        None => rest,
    };
    match rest {
        "" => Ok(false),
        "{}" => Ok(true),
        r if r.starts_with('{') => Err(cannot_edit(name, "as a flow mapping `{ ... }`")),
        r if r.starts_with(['&', '!', '*']) => {
            Err(cannot_edit(name, "with an anchor, alias or tag"))
        }
        _ => Err(format!("`{name}` should be a map of periods, not `{rest}`")),
    }
}

/// The entries of the map on the lines `body` (each from its key to the next), and
/// their indentation.
fn entries(
    lines: &[&str],
    body: std::ops::Range<usize>,
    name: &str,
    empty_flow: bool,
) -> Result<(Vec<Child>, Option<usize>), String> {
    let mut children: Vec<Child> = Vec::new();
    let mut child_indent = None;
    for i in body {
        let l = lines[i];
        if is_blank(l) {
            continue;
        }
        let ind = indent(l);
        let start_of_child = match child_indent {
            None if !is_comment(l) => {
                child_indent = Some(ind);
                true
            }
            None => false,
            Some(c) if ind == c && !is_comment(l) => true,
            Some(c) if ind < c && !is_comment(l) => {
                return Err(cannot_edit(name, "with uneven indentation"));
            }
            Some(_) => false,
        };
        if start_of_child {
            if empty_flow {
                return Err(format!("`{name}: {{}}` is followed by indented lines"));
            }
            let Some((key, after)) = key_of(l) else {
                return Err(cannot_edit(name, "with a key dangos cannot read"));
            };
            let Ok(period) = key.parse::<Period>() else {
                return Err(format!("`{key}` under `{name}` is not a period"));
            };
            children.push(Child {
                start: i,
                end: i + 1,
                raw_key: l[ind..after - 1].trim_end().to_string(),
                period,
            });
        } else if let Some(c) = children.last_mut() {
            c.end = i + 1;
        }
    }
    Ok((children, child_indent))
}

/// The first line of `at`'s run of comments just above it (stopping at `floor`, a
/// blank line or anything else): a comment above an entry stays with it.
fn above_comments(lines: &[&str], at: usize, floor: usize) -> usize {
    let mut i = at;
    while i > floor && !is_blank(lines[i - 1]) && is_comment(lines[i - 1]) {
        i -= 1;
    }
    i
}

/// The period style to write new keys in: the first period key found, preferring
/// `block`'s own.
fn style(lines: &[&str], own: Option<&Block>) -> PeriodStyle {
    if let Some(c) = own.and_then(|b| b.children.first()) {
        return PeriodStyle::of(&c.raw_key).unwrap_or(PeriodStyle::DEFAULT);
    }
    lines
        .iter()
        .filter(|l| indent(l) > 0 && !is_comment(l))
        .filter_map(|l| {
            let (_, after) = key_of(l)?;
            PeriodStyle::of(l[indent(l)..after - 1].trim())
        })
        .next()
        .unwrap_or(PeriodStyle::DEFAULT)
}

fn quoted(style: PeriodStyle, p: Period) -> String {
    let bare = style.bare(p);
    match style.quote {
        Some(q) => format!("{q}{bare}{q}"),
        None => bare,
    }
}

fn edit_one(text: &str, e: &Edit) -> Result<String, String> {
    let lines = lines(text);
    let nl = if lines.first().is_some_and(|l| l.ends_with("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    let name = e.field.key();
    let value = value_text(&e.entry);
    let keys = top_keys(&lines);
    let default_indent = lines
        .iter()
        .filter(|l| !is_blank(l) && !is_comment(l))
        .map(|l| indent(l))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(2);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // A last line without its line break gets one before anything follows it.
    if let Some(last) = out.last_mut().filter(|l| !l.ends_with('\n')) {
        last.push_str(nl);
    }
    let Some(&(line, _)) = keys.iter().find(|(_, k)| k == name) else {
        // No such map yet: add it before the first key that comes after it.
        let rank = |k: &str| KEY_ORDER.iter().position(|o| *o == k);
        let mine = rank(name);
        let at = keys
            .iter()
            .find(|(_, k)| rank(k).zip(mine).is_some_and(|(r, m)| r > m))
            .map_or(out.len(), |&(i, _)| above_comments(&lines, i, 0));
        let key = quoted(style(&lines, None), e.period);
        let pad = " ".repeat(default_indent);
        out.insert(at, format!("{name}:{nl}{pad}{key}: {value}{nl}"));
        return Ok(out.concat());
    };
    let b = block(&lines, line, name)?;
    if let Some(c) = b.children.iter().find(|c| c.period == e.period) {
        replace_entry(&lines, c, &value, nl, &mut out);
        return Ok(out.concat());
    }
    let pad = " ".repeat(b.indent.unwrap_or(default_indent));
    let key = quoted(style(&lines, Some(&b)), e.period);
    let new_line = format!("{pad}{key}: {value}{nl}");
    if b.empty_flow {
        // `name: {}` becomes `name:`, its comment kept, with the entry below.
        let first = lines[line];
        let (_, after) = key_of(first).ok_or("not a key")?;
        let rest = first[after..].trim_end_matches(['\n', '\r']);
        let comment = comment_start(rest).map_or("", |i| {
            let ws = rest[..i].len() - rest[..i].trim_end().len();
            &rest[i - ws..]
        });
        out[line] = format!("{}{comment}{nl}{new_line}", &first[..after]);
        return Ok(out.concat());
    }
    out.insert(insert_at(&lines, &b, e.period), new_line);
    Ok(out.concat())
}

/// Replaces an entry's lines, keeping its key as written and a comment after a
/// one-line value.
fn replace_entry(lines: &[&str], c: &Child, value: &str, nl: &str, out: &mut [String]) {
    let first = lines[c.start];
    let after = key_of(first).map_or(first.len(), |(_, a)| a);
    let rest = first[after..].trim_end_matches(['\n', '\r']);
    let comment = match comment_start(rest) {
        Some(i) if c.end == c.start + 1 && !rest[..i].trim().is_empty() => {
            let ws = rest[..i].len() - rest[..i].trim_end().len();
            &rest[i - ws..]
        }
        _ => "",
    };
    let ind = " ".repeat(indent(first));
    out[c.start] = format!("{ind}{}: {value}{comment}{nl}", c.raw_key);
    for l in &mut out[c.start + 1..c.end] {
        l.clear();
    }
}

/// Where a new entry for `period` goes in the map `b`: in time order if its entries
/// are (oldest or newest first), else at the end; above the comments of the entry
/// it goes before.
fn insert_at(lines: &[&str], b: &Block, period: Period) -> usize {
    let periods: Vec<Period> = b.children.iter().map(|c| c.period).collect();
    let ascending = periods.windows(2).all(|w| w[0] < w[1]);
    let descending = periods.len() > 1 && periods.windows(2).all(|w| w[0] > w[1]);
    let next = if ascending {
        b.children.iter().position(|c| c.period > period)
    } else if descending {
        b.children.iter().position(|c| c.period < period)
    } else {
        None
    };
    match (next, b.children.last()) {
        (Some(i), _) => {
            let floor = if i == 0 {
                b.line + 1
            } else {
                b.children[i - 1].end
            };
            above_comments(lines, b.children[i].start, floor)
        }
        (None, Some(last)) => last.end,
        (None, None) => b.line + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::front_matter_edit::Field;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn set(text: &str, field: Field, period: &str, entry: Entry) -> Result<String, String> {
        edit(
            text,
            &[Edit {
                field,
                period: p(period),
                entry,
            }],
        )
    }

    #[test]
    fn inserts_in_time_order_in_the_files_spelling() {
        let front = "title: T\nvalues:\n  # first\n  2019/20 Q1: 5\n  2019/20 Q3: 7 # late\ntargets:\n  2019/20: 1\n";
        let out = set(front, Field::Values, "2019-20 Q2", Entry::Number(6.0)).unwrap();
        assert_eq!(
            out,
            "title: T\nvalues:\n  # first\n  2019/20 Q1: 5\n  2019/20 Q2: 6\n  2019/20 Q3: 7 # late\ntargets:\n  2019/20: 1\n"
        );
        let out = set(front, Field::Values, "2019-20 Q3", Entry::Number(8.5)).unwrap();
        assert!(out.contains("  2019/20 Q3: 8.5 # late\n"), "{out}");
        let out = set(front, Field::Values, "2018-19 Q4", Entry::Number(1.0)).unwrap();
        assert!(
            out.contains("values:\n  2018/19 Q4: 1\n  # first\n"),
            "{out}"
        );
    }

    #[test]
    fn newest_first_files_stay_newest_first() {
        let front = "values:\n  2019-20 Q2: 2\n  2019-20 Q1: 1\n";
        let out = set(front, Field::Values, "2019-20 Q3", Entry::Number(3.0)).unwrap();
        assert_eq!(
            out,
            "values:\n  2019-20 Q3: 3\n  2019-20 Q2: 2\n  2019-20 Q1: 1\n"
        );
    }

    #[test]
    fn replaces_multi_line_entries_and_keeps_crlf() {
        let front = "commentary:\r\n  2019-20 Q2: >-\r\n    long\r\n    text\r\n\r\n  2019-20 Q3: x\r\nrationale: {}\r\n";
        let out = set(
            front,
            Field::Commentary,
            "2019-20 Q2",
            Entry::Text("new: text".into()),
        )
        .unwrap();
        assert_eq!(
            out,
            "commentary:\r\n  2019-20 Q2: \"new: text\"\r\n\r\n  2019-20 Q3: x\r\nrationale: {}\r\n"
        );
    }

    #[test]
    fn adds_a_missing_map_in_its_place_and_fills_an_empty_one() {
        let front = "title: T\nunit: count\n# why\ntargets:\n  2019-20: 4\n";
        let out = set(front, Field::Values, "2019-20 Q1", Entry::Number(1.0)).unwrap();
        assert_eq!(
            out,
            "title: T\nunit: count\nvalues:\n  2019-20 Q1: 1\n# why\ntargets:\n  2019-20: 4\n"
        );
        let front = "values: {}   # none yet\ntargets: {}\n";
        let out = set(
            front,
            Field::Values,
            "2019-20 Q1",
            Entry::Fraction {
                numerator: 3.0,
                denominator: 82.0,
            },
        )
        .unwrap();
        assert_eq!(
            out,
            "values:   # none yet\n  2019-20 Q1: { numerator: 3, denominator: 82 }\ntargets: {}\n"
        );
    }

    #[test]
    fn refuses_flow_mappings() {
        let err = set(
            "values: { 2019-20 Q1: 1 }\n",
            Field::Values,
            "2019-20 Q2",
            Entry::Number(2.0),
        )
        .unwrap_err();
        assert!(err.contains("flow mapping"), "{err}");
    }

    #[test]
    fn strings_are_quoted_when_they_must_be() {
        assert_eq!(string("Up from Q1."), "Up from Q1.");
        assert_eq!(string("Ratio: 3"), "\"Ratio: 3\"");
        assert_eq!(string("- a list"), "\"- a list\"");
        assert_eq!(string("say \"hi\" # no"), "\"say \\\"hi\\\" # no\"");
        assert_eq!(string("yes"), "\"yes\"");
        assert_eq!(string("Gwelliant ŵyr ŷd"), "Gwelliant ŵyr ŷd");
        assert_eq!(string("two\nlines"), "\"two\\nlines\"");
    }
}
