//! One apostrophe style on every page: the words a reader sees (from Markdown, from
//! front matter, from `site.toml` and from the theme's UI strings) use the
//! typographic `’`, never a mix of `'` and `’`.

mod common;

use common::{build, example_site, language_pages, sel};
use scraper::{ElementRef, Html, Node};

/// The text a reader sees: every text node outside `<script>`, `<style>`, `<code>`,
/// `<pre>` and the charts' hidden drawing details (attributes are never text).
fn visible_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e)
                if !matches!(e.name(), "script" | "style" | "code" | "pre" | "template") =>
            {
                if let Some(child) = ElementRef::wrap(child) {
                    visible_text(child, out);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn no_page_mixes_apostrophe_styles() {
    let site = example_site();
    let out = site.root.join("public");
    let run = build(&site.root, &[]);
    assert_eq!(run.code, 0, "{run}");
    let mut checked = 0;
    let mut typographic = 0;
    for lang in ["cy", "en"] {
        for page in language_pages(&out, lang) {
            let path = out.join(lang).join(&page);
            let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
            let mut text = String::new();
            let root = html.select(&sel("html")).next().unwrap();
            visible_text(root, &mut text);
            let straight: Vec<&str> = text
                .split(['\n', '.'])
                .filter(|s| s.contains('\''))
                .map(str::trim)
                .collect();
            assert!(
                straight.is_empty(),
                "{lang}/{page} has straight apostrophes in its text: {straight:?}"
            );
            checked += 1;
            typographic += usize::from(text.contains('’'));
        }
    }
    // The example's Welsh pages are full of "i’r", "sy’n", "wedi’i": a test that
    // found no page with one would be reading the wrong text.
    assert!(
        checked > 50 && typographic > 50,
        "{checked} pages, {typographic} with ’"
    );
}
