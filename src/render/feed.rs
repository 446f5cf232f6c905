//! An Atom feed per language of the reports that say when they were published,
//! newest first: `/<lang>/feed.xml`, written by `atom_syndication`.

use super::publication::{FEED_FILE, has_feed, licence};
use super::urls::{Links, OutputFile, PageId, output_path};
use super::word_cache::WordCache;
use crate::date::Date;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::i18n::{Arg, I18n};
use crate::model::Site;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

/// Every language's feed, or none when no report has a date (or the base URL has
/// no host to make the feed's absolute addresses with).
pub(super) fn feeds(
    site: &Site,
    i18n: &I18n,
    words: &WordCache<'_>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    if !has_feed(site) {
        return Ok(Vec::new());
    }
    (0..site.config.languages.len())
        .map(|lang| {
            let xml = feed(site, i18n, words, lang)?;
            Ok((output_path(&site.config, lang, FEED_FILE), xml))
        })
        .collect()
}

/// Midnight UTC of a publication day: Atom wants a time, and a report has a day.
fn instant(d: Date) -> Result<FixedDateTime, Diagnostic> {
    format!("{d}T00:00:00Z")
        .parse()
        .map_err(|e| Diagnostic::new(Code::Internal, format!("the feed: date {d}: {e}")))
}

fn link(href: String, rel: &str, mime: &str, hreflang: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(Some(mime.to_string()));
    l.set_hreflang(Some(hreflang.to_string()));
    l
}

/// The feed's author: the contact team when the site names one, else the site.
fn author(site: &Site, lang: usize) -> Person {
    let config = &site.config;
    let mut author = Person::default();
    match &config.contact {
        Some(c) => {
            author.set_name(c.team[lang].clone());
            author.set_email(c.email.clone());
        }
        None => author.set_name(config.languages[lang].title.clone()),
    }
    author.set_uri(Some(Links { config }.absolute(lang, "")));
    author
}

/// The entry for report `i`, published on `published`.
fn entry(
    site: &Site,
    i18n: &I18n,
    words: &WordCache<'_>,
    lang: usize,
    i: usize,
    published: Date,
) -> Result<Entry, Diagnostic> {
    let ui = |m: String| super::ui_strings_error(site, lang, m);
    let config = &site.config;
    let r = &site.reports[i];
    let url = Links { config }.absolute(lang, &PageId::Report(i).path(site));
    let period = words.period(lang, r.period, false)?;
    let mut e = Entry::default();
    e.set_id(url.clone());
    e.set_title(Text::plain(r.text[lang].title.clone()));
    e.set_updated(instant(published)?);
    e.set_published(Some(instant(published)?));
    e.set_links(vec![link(
        url,
        "alternate",
        "text/html",
        &config.languages[lang].code,
    )]);
    e.set_summary(Some(Text::plain(
        i18n.t(lang, "feed-entry-summary", &[("period", Arg::Text(period))])
            .map_err(ui)?,
    )));
    Ok(e)
}

fn feed(
    site: &Site,
    i18n: &I18n,
    words: &WordCache<'_>,
    lang: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let ui = |m: String| super::ui_strings_error(site, lang, m);
    let config = &site.config;
    let links = Links { config };
    let language = &config.languages[lang];
    let code = &language.code;
    // Newest first by the day published; reports of one day, latest period first.
    let mut dated: Vec<(usize, Date)> = site
        .reports
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.published?)))
        .collect();
    dated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let entries = dated
        .iter()
        .map(|&(i, published)| entry(site, i18n, words, lang, i, published))
        .collect::<Result<Vec<Entry>, Diagnostic>>()?;
    let feed_url = links.absolute(lang, FEED_FILE);
    let mut f = Feed::default();
    f.set_id(feed_url.clone());
    f.set_lang(Some(code.clone()));
    f.set_title(Text::plain(
        i18n.t(
            lang,
            "feed-title",
            &[("site", Arg::Text(language.title.clone()))],
        )
        .map_err(ui)?,
    ));
    f.set_subtitle(Some(Text::plain(language.description.clone())));
    // The newest entry's day, never the time of the build: the same site gives the
    // same feed.
    f.set_updated(instant(dated[0].1)?);
    f.set_authors(vec![author(site, lang)]);
    f.set_rights(Some(Text::plain(licence(site, i18n, lang).map_err(ui)?.0)));
    f.set_links(vec![
        link(feed_url, "self", "application/atom+xml", code),
        link(links.absolute(lang, ""), "alternate", "text/html", code),
    ]);
    f.set_entries(entries);
    // The writer starts with its own `<?xml version="1.0"?>` (UTF-8, the default).
    let mut out = f
        .write_to(Vec::new())
        .map_err(|e| Diagnostic::new(Code::Internal, format!("the feed: {e}")))?;
    out.push(b'\n');
    Ok(out)
}
