//! Plain words typeset as Markdown typesets them. Bodies, commentary and rationale go
//! through pulldown-cmark with smart punctuation, which turns `'` into `’` (and
//! quotes into `‘…’`, `“…”`); words given as plain text (titles, section titles,
//! the site's title in `site.toml`) go through [`smart_quotes`], so a page never
//! mixes `'` and `’`. It is pulldown-cmark's own rule, not a copy of it: each line of
//! the words is parsed as a Markdown paragraph in which every other punctuation mark
//! is escaped, so nothing but quotation marks can change. The words are typeset once,
//! when the model is made, so pages, charts and data files all show the same words.

use pulldown_cmark::{Event, Options, Parser};
use std::borrow::Cow;

/// `text` with its straight quotation marks and apostrophes made typographic, as in
/// Markdown (`Children's` → `Children’s`, `"yes"` → `“yes”`). Nothing else changes:
/// no emphasis, links, entities or dashes. Text without `'` or `"` is returned as it
/// is, without parsing.
pub fn smart_quotes(text: &str) -> Cow<'_, str> {
    if !text.contains(['\'', '"']) {
        return Cow::Borrowed(text);
    }
    let mut typeset = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            typeset.push('\n');
        }
        typeset.push_str(&typeset_line(line));
    }
    Cow::Owned(typeset)
}

/// One line, typeset as a Markdown paragraph of its own (a paragraph drops leading
/// and trailing white space, and leading spaces could start a code block: they are
/// kept aside and put back).
fn typeset_line(line: &str) -> Cow<'_, str> {
    if !line.contains(['\'', '"']) {
        return Cow::Borrowed(line);
    }
    let words = line.trim();
    let start = &line[..line.len() - line.trim_start().len()];
    let end = &line[line.trim_end().len()..];
    let mut escaped = String::with_capacity(words.len() * 2);
    for c in words.chars() {
        if c.is_ascii_punctuation() && c != '\'' && c != '"' {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let mut typeset = String::with_capacity(line.len() + 8);
    typeset.push_str(start);
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        if let Event::Text(t) = event {
            typeset.push_str(&t);
        }
    }
    typeset.push_str(end);
    Cow::Owned(typeset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn apostrophes_and_quotes_become_typographic() {
        assert_eq!(smart_quotes("Children's Services"), "Children’s Services");
        assert_eq!(smart_quotes("Wedi'i fesur"), "Wedi’i fesur");
        assert_eq!(smart_quotes("Plant sy'n aros"), "Plant sy’n aros");
        assert_eq!(smart_quotes("'Good' news"), "‘Good’ news");
        assert_eq!(smart_quotes("the \"front door\""), "the “front door”");
        assert_eq!(smart_quotes("  a'b  "), "  a’b  ");
    }

    #[test]
    fn nothing_but_quotes_changes() {
        for s in [
            "1. Looked after children's *placements* -- 3 <b>&amp;</b> [x](y) \\n",
            "# Heading's",
            "    code's",
            "--- it's ---",
            "a  \nb's",
            "> it's",
            "x'\n    - y",
        ] {
            let t = smart_quotes(s);
            assert_eq!(straighten(&t), s, "{s:?} -> {t:?}");
        }
    }

    #[test]
    fn words_without_quotes_are_not_copied() {
        assert!(matches!(smart_quotes("Plant"), Cow::Borrowed(_)));
    }

    /// Straight quotes back from typographic ones.
    fn straighten(s: &str) -> String {
        s.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
    }

    proptest! {
        /// Only quotation marks change, and every one is made typographic.
        #[test]
        fn only_quotes_change(s in "[a-zA-Z0-9 '\"\\n.,;:!?()*_#<>&\\[\\]`~=+\\\\-]{0,40}") {
            let t = smart_quotes(&s);
            prop_assert_eq!(straighten(&t), s.clone());
            prop_assert!(!t.contains(['\'', '"']), "{:?} -> {:?}", s, t);
        }

        /// Typesetting twice is typesetting once.
        #[test]
        fn typesetting_is_idempotent(s in "\\PC{0,40}") {
            let once = smart_quotes(&s).into_owned();
            let twice = smart_quotes(&once).into_owned();
            prop_assert_eq!(twice, once);
        }

        /// In words made of letters and quotes, the result is what Markdown gives
        /// (the same rule as in bodies).
        #[test]
        fn agrees_with_markdown(s in "[a-zA-Z]{1,6}(['\" ]{1,2}[a-zA-Z]{1,6}){0,5}") {
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                Parser::new_ext(&s, Options::ENABLE_SMART_PUNCTUATION),
            );
            let expected = html.trim_end().trim_start_matches("<p>").trim_end_matches("</p>");
            let typeset = smart_quotes(&s).into_owned();
            prop_assert_eq!(typeset.as_str(), expected);
        }
    }
}
