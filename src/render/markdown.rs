//! Markdown to HTML with pulldown-cmark: tables, footnotes, heading ids (explicit
//! `{#id}` or made from the heading's text), smart punctuation, and site links
//! written as `@/indicators/fam-kpi-01.md` that resolve to the page in the reader's
//! language.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to HTML. `resolve` turns an `@/…` link into a URL, or says why it
/// cannot. Headings are never above `min_level`: a body's `#` sits under the page's
/// own `<h1>`, so it becomes `<h2>`. Heading ids and footnote labels start with
/// `id_prefix`, for snippets that share a page.
pub fn render(
    md: &str,
    min_level: u8,
    id_prefix: &str,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut heading: Option<usize> = None;
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with("@/") => {
                let url = resolve(&dest_url)?;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(events.len());
                events.push(Event::Start(Tag::Heading {
                    level: at_least(level, min_level),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading.take() {
                    let text: String = events[start..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        let wanted = id
                            .as_ref()
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| slugify(&text));
                        let wanted = format!("{id_prefix}{wanted}");
                        let mut unique = wanted.clone();
                        let mut n = 1;
                        while !ids.insert(unique.clone()) {
                            unique = format!("{wanted}-{n}");
                            n += 1;
                        }
                        *id = Some(CowStr::from(unique));
                    }
                }
                events.push(Event::End(TagEnd::Heading(at_least(level, min_level))));
            }
            // Raw HTML in content is escaped: authors write Markdown, and an
            // unclosed tag must not break the page's structure.
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::FootnoteReference(label) if !id_prefix.is_empty() => events.push(
                Event::FootnoteReference(CowStr::from(format!("{id_prefix}{label}"))),
            ),
            Event::Start(Tag::FootnoteDefinition(label)) if !id_prefix.is_empty() => {
                events.push(Event::Start(Tag::FootnoteDefinition(CowStr::from(
                    format!("{id_prefix}{label}"),
                ))))
            }
            e => events.push(e),
        }
    }
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Ok(out)
}

/// Renders one line of Markdown (a key message, say) without a wrapping `<p>`.
pub fn render_inline(
    md: &str,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let html = render(md, 2, "", resolve)?;
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => Ok(inner.to_string()),
        _ => Ok(html),
    }
}

fn at_least(level: HeadingLevel, min: u8) -> HeadingLevel {
    let n = (level as u8).clamp(min, 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// A heading's id: lowercase letters (any script), digits and hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Result<String, String> {
        Err("no".into())
    }

    #[test]
    fn headings_get_ids_and_shift() {
        let html = render(
            "# Strategic vision\n\n### Why it's here {#why}\n\n## Strategic vision\n",
            2,
            "",
            &none,
        )
        .unwrap();
        assert!(html.contains("<h2 id=\"strategic-vision\">"), "{html}");
        assert!(html.contains("<h3 id=\"why\">"), "{html}");
        assert!(html.contains("<h2 id=\"strategic-vision-1\">"), "{html}");
    }

    #[test]
    fn welsh_headings_keep_their_letters() {
        assert_eq!(
            slugify("Gweledigaeth strategol – ŵyr"),
            "gweledigaeth-strategol-ŵyr"
        );
    }

    #[test]
    fn site_links_resolve_or_fail() {
        let ok = |p: &str| Ok(format!("/cy/{}", &p[2..]));
        let html = render("[x](@/indicators/a.md)", 2, "", &ok).unwrap();
        assert!(html.contains("href=\"/cy/indicators/a.md\""), "{html}");
        assert!(render("[x](@/nope.md)", 2, "", &none).is_err());
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nIt's here[^1].\n\n[^1]: Note.\n",
            2,
            "",
            &none,
        )
        .unwrap();
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote"));
        assert!(html.contains("It’s"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = render("<script>alert(1)</script>\n", 2, "", &none).unwrap();
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn prefixes_keep_ids_of_snippets_apart() {
        let md = "### Next steps\n\nSee[^1].\n\n[^1]: Note.\n";
        let a = render(md, 2, "a-", &none).unwrap();
        assert!(a.contains("id=\"a-next-steps\""), "{a}");
        assert!(a.contains("a-1"), "{a}");
        assert!(!render(md, 2, "b-", &none).unwrap().contains("a-"));
    }

    #[test]
    fn inline_has_no_paragraph() {
        assert_eq!(
            render_inline("*Good* news", &none).unwrap(),
            "<em>Good</em> news"
        );
    }
}
