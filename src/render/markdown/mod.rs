//! Markdown to HTML with pulldown-cmark: tables, footnotes, heading ids (explicit
//! `{#id}` or made from the heading's text), smart punctuation, and site links
//! written as `@/indicators/fam-kpi-01.md` that resolve to the page in the reader's
//! language. Content stays data: raw HTML is escaped, links go only to safe
//! addresses and headings carry no attribute but their id and classes
//! ([`safety`]).

mod safety;

pub use safety::is_safe_address;
use safety::{attributes_text, unsafe_attribute, unsafe_link};

use crate::content::{At, front_strings, split, translation_path};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineStarts, Pos};
use crate::model::Site;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to do about a link to no content file.
pub const BROKEN_LINK_HELP: &str = "link to a content file as `@/indicators/ID.md`, `@/reports/SLUG.md`, `@/targets/YEAR.md` or `@/pages/SLUG.md`, so dangos makes the address in each language";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to HTML. `resolve` turns an `@/…` link into a URL, or says there
/// is no such page: a [`Code::BrokenLink`] about the link as written (the caller,
/// who knows the file, finds where with [`locate_links`]). A link or image to an
/// address [`is_safe_address`] refuses is a [`Code::UnsafeLink`], a heading
/// attribute other than its id and classes a [`Code::UnsafeAttribute`], placed the
/// same way; no heading attribute is ever written. Headings are never above
/// `min_level`: a body's `#` sits under the page's own `<h1>`, so it becomes
/// `<h2>`. Heading ids and footnote labels start with `id_prefix`, for snippets
/// that share a page.
pub fn render(
    md: &str,
    min_level: u8,
    id_prefix: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Result<String, Diagnostic> {
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
                let url = resolve(&dest_url).ok_or_else(|| broken_link(&dest_url))?;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_address(&dest_url) =>
            {
                return Err(unsafe_link(&dest_url));
            }
            Event::Start(heading_tag @ Tag::Heading { .. }) => {
                heading = Some(events.len());
                events.push(Event::Start(open_heading(heading_tag, min_level)?));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading.take() {
                    give_unique_id(&mut events[start..], &mut ids, id_prefix);
                }
                events.push(Event::End(TagEnd::Heading(at_least(level, min_level))));
            }
            // Raw HTML in content is escaped: authors write Markdown, and an
            // unclosed tag must not break the page's structure.
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
                if !id_prefix.is_empty() =>
            {
                events.push(prefix_footnote(event, id_prefix))
            }
            e => events.push(e),
        }
    }
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Ok(out)
}

/// A heading's start tag as written out: at `min_level` or below, with its id and
/// classes and never another attribute; refused when it has one (`{onfocus=...}`).
fn open_heading(tag: Tag<'_>, min_level: u8) -> Result<Tag<'_>, Diagnostic> {
    let Tag::Heading {
        level,
        id,
        classes,
        attrs,
    } = tag
    else {
        return Ok(tag);
    };
    if !attrs.is_empty() {
        return Err(unsafe_attribute(&attributes_text(&attrs)));
    }
    Ok(Tag::Heading {
        level: at_least(level, min_level),
        id,
        classes,
        attrs: Vec::new(),
    })
}

/// A footnote reference or definition with its label after `id_prefix`, so that
/// snippets sharing a page do not share footnote anchors.
fn prefix_footnote<'a>(event: Event<'a>, id_prefix: &str) -> Event<'a> {
    let prefixed = |label: &CowStr<'_>| CowStr::from(format!("{id_prefix}{label}"));
    match event {
        Event::FootnoteReference(label) => Event::FootnoteReference(prefixed(&label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(prefixed(&label)))
        }
        e => e,
    }
}

/// Sets the id of the heading that `heading` starts with: the id written (`{#id}`)
/// or one made from the heading's text, after `id_prefix`, and made unique on the
/// page with `-1`, `-2`… so that every anchor leads to its own heading.
fn give_unique_id(heading: &mut [Event<'_>], ids: &mut HashSet<String>, id_prefix: &str) {
    let text: String = heading
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Some(Event::Start(Tag::Heading { id, .. })) = heading.first_mut() {
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

/// Renders one line of Markdown (a key message, say) without a wrapping `<p>`.
pub fn render_inline(
    md: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Result<String, Diagnostic> {
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

fn broken_link(link: &str) -> Diagnostic {
    Diagnostic::new(Code::BrokenLink, format!(
        "the link `{link}` points to no content file: expected e.g. `@/indicators/fam-kpi-01.md`"
    ))
    .help(BROKEN_LINK_HELP)
    .about(link)
}

/// What a content file's Markdown writes that rendering may refuse: a link's (or
/// image's) address, or a heading's attributes other than its id and classes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    Link(String),
    Attributes(String),
}

/// Every link (and image) written in the Markdown of a content file, its target as
/// written and where the parsers put it: in the body, the line and column of the
/// link in the file (pulldown-cmark's offsets, from the line the body starts on);
/// in the front matter's words, where the string holding it starts.
pub fn written_links(text: &str) -> Vec<At<String>> {
    written(text)
        .into_iter()
        .filter_map(|w| match w.value {
            Written::Link(dest) => Some(At {
                value: dest,
                pos: w.pos,
            }),
            Written::Attributes(_) => None,
        })
        .collect()
}

/// The links and heading attributes of a content file's Markdown (body and front
/// matter), each where the parsers put it (see [`written_links`]).
fn written(text: &str) -> Vec<At<Written>> {
    let Ok((fm, first_line, body)) = split(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in front_strings(fm, first_line) {
        out.extend(written_in(&s.value).map(|(w, _)| At {
            value: w,
            pos: s.pos,
        }));
    }
    // The body is the end of the text; a body may hold thousands of links, so its
    // lines are found once.
    let body_start = text.len() - body.len();
    let starts = LineStarts::default();
    let lines = starts.of(text);
    for (w, offset) in written_in(body) {
        let (line, column) = lines.line_col(body_start + offset);
        out.push(At {
            value: w,
            pos: Pos { line, column },
        });
    }
    out
}

/// Every heading of a content file's body, as the id rendering gives it before
/// making it unique (the id written as `{#id}`, or one made from its words), where
/// pulldown-cmark places it.
pub fn written_headings(text: &str) -> Vec<At<String>> {
    let Ok((_, _, body)) = split(text) else {
        return Vec::new();
    };
    let body_start = text.len() - body.len();
    let starts = LineStarts::default();
    let lines = starts.of(text);
    let mut out = Vec::new();
    let mut open: Option<(Option<String>, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                open = Some((id.map(|i| i.to_string()), range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, words)) = &mut open {
                    words.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, start, words)) = open.take() {
                    let (line, column) = lines.line_col(body_start + start);
                    out.push(At {
                        value: id.unwrap_or_else(|| slugify(&words)),
                        pos: Pos { line, column },
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The links, images and heading attributes of some Markdown, each with the byte
/// offset where it starts (for attributes, of their `{`).
fn written_in(md: &str) -> impl Iterator<Item = (Written, usize)> + '_ {
    Parser::new_ext(md, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((Written::Link(dest_url.into_string()), range.start))
            }
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => {
                let brace = md[range.clone()].rfind('{').unwrap_or(0);
                Some((
                    Written::Attributes(attributes_text(&attrs)),
                    range.start + brace,
                ))
            }
            _ => None,
        })
}

/// The codes [`locate_links`] places.
const PLACED: [Code; 3] = [Code::BrokenLink, Code::UnsafeLink, Code::UnsafeAttribute];

/// Places the broken links, unsafe links and heading attributes rendering found.
/// Rendering a page stops at its first, does not know the file's lines, and names
/// the page's file although the words may be another's (an indicator's commentary
/// on a report page); so when rendering found any, every content file (`files`,
/// read with `read`) is read here, and every one of them written in any is
/// reported, at each place it is written: a site link that `resolves` refuses, an
/// address [`is_safe_address`] refuses, a heading attribute. (All of them, not
/// only those rendering stopped at: each would stop a render once the others are
/// fixed. This is the error path, so reading every file costs nothing a good build
/// pays.)
pub fn locate_links(
    diags: Diagnostics,
    files: impl FnOnce() -> Vec<PathBuf>,
    read: impl Fn(&Path) -> Option<String>,
    resolves: impl Fn(&str) -> bool,
) -> Diagnostics {
    let placeable = |d: &Diagnostic| {
        PLACED.contains(&d.code) && d.file.is_some() && d.written.is_some() && d.line.is_none()
    };
    let (unplaced, mut out): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diags.0.into_iter().partition(placeable);
    if unplaced.is_empty() {
        return Diagnostics(out).sorted();
    }
    let mut placed = Vec::new();
    for file in files() {
        let Some(text) = read(&file) else {
            continue;
        };
        let starts = LineStarts::default();
        for w in written(&text) {
            let d = match &w.value {
                Written::Link(l) if l.starts_with("@/") => match resolves(l) {
                    true => continue,
                    false => broken_link(l),
                },
                Written::Link(l) if !is_safe_address(l) => unsafe_link(l),
                Written::Attributes(a) => unsafe_attribute(a),
                Written::Link(_) => continue,
            };
            placed.push(d.or_in_file(&file).at_line(starts.of(&text), w.pos));
        }
    }
    // Should a file have changed since it was rendered, what rendering found still
    // stands, unplaced.
    out.extend(
        unplaced
            .into_iter()
            .filter(|d| !placed.iter().any(|p| p.code == d.code)),
    );
    out.extend(placed);
    Diagnostics(out).sorted()
}

/// Every content file a site was made from, in every language: where
/// [`locate_links`] looks.
pub fn content_files(site: &Site) -> Vec<PathBuf> {
    let sources = site
        .indicators
        .iter()
        .map(|i| &i.source)
        .chain(site.reports.iter().map(|r| &r.source))
        .chain(site.target_years.iter().map(|t| &t.source))
        .chain(site.pages.iter().map(|p| &p.source))
        .chain(std::iter::once(&site.home.source))
        .filter(|p| !p.as_os_str().is_empty());
    let mut out = Vec::new();
    for source in sources {
        out.push(source.clone());
        for (i, lang) in site.config.languages.iter().enumerate() {
            if i != site.config.default {
                out.push(translation_path(source, &lang.code));
            }
        }
    }
    out
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

    fn none(_: &str) -> Option<String> {
        None
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
        let ok = |p: &str| Some(format!("/cy/{}", &p[2..]));
        let html = render("[x](@/indicators/a.md)", 2, "", &ok).unwrap();
        assert!(html.contains("href=\"/cy/indicators/a.md\""), "{html}");
        let e = render("[x](@/nope.md)", 2, "", &none).unwrap_err();
        assert_eq!(
            (e.code, e.written.as_deref()),
            (Code::BrokenLink, Some("@/nope.md"))
        );
    }

    #[test]
    fn links_are_where_the_parsers_put_them() {
        let text = "---\ntitle: T\nsummary: \"See [a](@/x.md)\"\n---\n\nIntro ([é](@/x.md)) and\n\n* ![i](p.png) [b](@/y.md)\n";
        let found: Vec<(String, usize, usize)> = written_links(text)
            .into_iter()
            .map(|l| (l.value, l.pos.line, l.pos.column))
            .collect();
        assert_eq!(
            found,
            [
                ("@/x.md".to_string(), 3, 10),
                ("@/x.md".to_string(), 6, 8),
                ("p.png".to_string(), 8, 3),
                ("@/y.md".to_string(), 8, 15),
            ]
        );
    }

    #[test]
    fn a_broken_link_is_placed_at_each_place_it_is_written() {
        let text = "---\ntitle: T\n---\n[a](@/x.md)\n\n[b](@/y.md) [c](@/x.md)\n";
        let d = broken_link("@/x.md").or_in_file("f.md");
        let files = || vec![PathBuf::from("f.md")];
        let located = locate_links(
            d.into(),
            files,
            |_| Some(text.to_string()),
            |l| l == "@/y.md",
        );
        let places: Vec<_> = located
            .0
            .iter()
            .map(|d| (d.line, d.column, d.written.as_deref()))
            .collect();
        assert_eq!(
            places,
            [
                (Some(4), Some(1), Some("@/x.md")),
                (Some(6), Some(13), Some("@/x.md"))
            ]
        );
        // Every broken link of the file, not only the one rendering stopped at.
        let located = locate_links(
            broken_link("@/x.md").or_in_file("f.md").into(),
            files,
            |_| Some(text.to_string()),
            |_| false,
        );
        assert_eq!(located.0.len(), 3);
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
