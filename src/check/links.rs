//! The link checker: every `href` and `src` of every built HTML page, in every
//! language, resolved against the in-memory output files, and every `#fragment`
//! against the ids of the page it points to. Links to other sites are not followed.

use super::texts::Texts;
use crate::build::Built;
use crate::config::Config;
use crate::content::At;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{Code, Pos};
use crate::model::Site;
use crate::render::PageId;
use crate::render::markdown::{BROKEN_LINK_HELP, written_headings, written_links};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What the checker knows of one output file.
struct Target {
    /// Ids (and `<a name>`s) of an HTML page; `None` for other files.
    ids: Option<HashSet<String>>,
}

/// A finding's file, where in it (line and column), code, and what it is about.
type GroupKey = (PathBuf, Option<(usize, usize)>, Code, String);

/// Where something is written: the file, line and column, and the words as written.
type Place = (PathBuf, Option<(usize, usize)>, Option<String>);

/// A link found in a page.
struct Link {
    href: String,
}

/// What a content file writes that a page's links and ids come from, each where
/// the parsers place it.
#[derive(Default)]
struct Written {
    links: Vec<At<String>>,
    headings: Vec<At<String>>,
}

impl Written {
    /// What the file at `path` writes, from the text the load read.
    fn of(texts: &Texts<'_>, path: &Path) -> Written {
        match texts.get(path) {
            Some(text) => Written {
                links: written_links(&text),
                headings: written_headings(&text),
            },
            None => Written::default(),
        }
    }

    /// The links written so that a page in language `lang` has `href`: a site link
    /// (`@/pages/a.md#x`) made into it, or `href` itself (escapes aside).
    fn links_to(&self, site: &Site, lang: usize, href: &str) -> Vec<(Pos, String)> {
        let href = decode(href);
        self.links
            .iter()
            .filter(|l| {
                let made = match l.value.starts_with("@/") {
                    true => crate::render::site_link(site, lang, &l.value),
                    false => None,
                };
                decode(made.as_deref().unwrap_or(&l.value)) == href
            })
            .map(|l| (l.pos, l.value.clone()))
            .collect()
    }

    /// The headings written with the id `id` (given, or made from their words).
    fn headings_with(&self, id: &str) -> Vec<(Pos, String)> {
        self.headings
            .iter()
            .filter(|h| h.value == id)
            .map(|h| (h.pos, h.value.clone()))
            .collect()
    }
}

/// Percent-decodes a URL path or fragment (invalid escapes are kept as written).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(hex) = std::str::from_utf8(&bytes[i + 1..i + 3])
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the site's files are published: (origin, URL path prefix, output folder).
fn roots(config: &Config) -> Vec<(String, String, String)> {
    let mut roots: Vec<(String, String, String)> = config
        .languages
        .iter()
        .map(|l| {
            (
                l.root.origin.clone(),
                l.root.path.clone(),
                format!("{}/", l.code),
            )
        })
        .collect();
    if let Some(base) = &config.shared_base {
        roots.push((base.origin.clone(), base.path.clone(), String::new()));
    }
    // Longest prefix first, so `/performance/en/` wins over `/performance/`.
    roots.sort_by_key(|r| std::cmp::Reverse(r.1.len()));
    roots
}

/// The URL (origin, path) an output file is published at.
fn url_of(config: &Config, file: &str) -> (String, String) {
    for l in &config.languages {
        if let Some(rest) = file.strip_prefix(&format!("{}/", l.code)) {
            return (l.root.origin.clone(), format!("{}{rest}", l.root.path));
        }
    }
    match &config.shared_base {
        Some(base) => (base.origin.clone(), format!("{}{file}", base.path)),
        None => (String::new(), format!("/{file}")),
    }
}

/// Joins a relative reference to the folder of `base` and removes `.` and `..`.
fn join(base: &str, rel: &str) -> String {
    let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    let mut parts: Vec<&str> = Vec::new();
    let joined = format!("{dir}{rel}");
    let trailing = joined.ends_with('/')
        || rel.is_empty()
        || rel.ends_with("/.")
        || rel.ends_with("/..")
        || rel == "."
        || rel == "..";
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// What a link points to in the output: the file, and the fragment. `None` for links
/// that leave the site (another host, `mailto:`...), which are not checked.
fn resolve(config: &Config, page: &str, href: &str) -> Option<(Option<String>, String)> {
    let href = href.trim();
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, decode(f)),
        None => (href, String::new()),
    };
    let rest = rest.split('?').next().unwrap_or("");
    let lower = rest.to_ascii_lowercase();
    let (page_origin, page_path) = url_of(config, page);
    let (origin, path) = if rest.is_empty() {
        (page_origin, page_path.clone())
    } else if let Some(idx) = lower.find("://") {
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return None;
        }
        let after = &rest[idx + 3..];
        let host_end = after.find('/').unwrap_or(after.len());
        let origin = rest[..idx + 3 + host_end].to_string();
        let path = if host_end == after.len() {
            "/".to_string()
        } else {
            after[host_end..].to_string()
        };
        (origin, path)
    } else if rest.starts_with("//") {
        return None;
    } else if lower
        .find(':')
        .is_some_and(|c| c < lower.find('/').unwrap_or(usize::MAX))
    {
        return None; // mailto:, tel:, data:, javascript:
    } else if rest.starts_with('/') {
        (page_origin, rest.to_string())
    } else {
        (page_origin, join(&page_path, rest))
    };
    let path = decode(&path);
    for (o, prefix, dir) in roots(config) {
        // A path-only base URL matches links on any host (it is published wherever).
        let same_origin = o.eq_ignore_ascii_case(&origin) || o.is_empty() || origin.is_empty();
        if same_origin && let Some(tail) = path.strip_prefix(&prefix) {
            return Some((Some(format!("{dir}{tail}")), fragment));
        }
        if same_origin && format!("{path}/") == prefix {
            return Some((Some(dir.clone()), fragment));
        }
    }
    // A link on our host but outside the site (the council's main site) is not ours
    // to check.
    None
}

/// The output file a path refers to: itself, or its `index.html`.
fn find<'a>(files: &'a HashMap<String, Target>, path: &str) -> Option<(&'a str, &'a Target)> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates
        .into_iter()
        .find_map(|c| files.get_key_value(&c).map(|(k, v)| (k.as_str(), v)))
}

/// The content file (in the page's language) of every built page that has one, and
/// the page's language.
fn page_sources(site: &Site) -> HashMap<String, (Option<PathBuf>, usize)> {
    let config = &site.config;
    let mut out = HashMap::new();
    for page in PageId::all(site) {
        let source: Option<&Path> = match page {
            PageId::Home => Some(&site.home.source),
            PageId::Report(i) => Some(&site.reports[i].source),
            PageId::Indicator(i) => Some(&site.indicators[i].source),
            PageId::TargetYear(i) => Some(&site.target_years[i].source),
            PageId::Page(i) => Some(&site.pages[i].source),
            _ => None,
        };
        for (lang, l) in config.languages.iter().enumerate() {
            let source = source.map(|s| {
                if lang == config.default {
                    s.to_path_buf()
                } else {
                    crate::content::translation_path(s, &l.code)
                }
            });
            let mut file = format!("{}/{}", l.code, page.path(site));
            if file.ends_with('/') {
                file.push_str("index.html");
            }
            out.insert(file, (source, lang));
        }
    }
    out
}

/// A built HTML page: its path, its links, and the ids it uses twice.
struct Page {
    name: String,
    links: Vec<Link>,
    dupes: Vec<String>,
}

/// Every output file, by path, with its ids if it is a page; and every page, parsed.
fn read_pages(built: &Built) -> (HashMap<String, Target>, Vec<Page>) {
    let sel_id = Selector::parse("[id]").expect("selector");
    let sel_name = Selector::parse("a[name]").expect("selector");
    let sel_links =
        Selector::parse("a[href], area[href], link[href], img[src], script[src], iframe[src]")
            .expect("selector");
    let mut files: HashMap<String, Target> = HashMap::new();
    let mut pages = Vec::new();
    for (path, bytes) in &built.files {
        let name = path.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".html") {
            files.insert(name, Target { ids: None });
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(bytes));
        let mut ids = HashSet::new();
        let mut dupes = Vec::new();
        for el in html.select(&sel_id) {
            let id = el.value().attr("id").unwrap_or_default().to_string();
            if !ids.insert(id.clone()) {
                dupes.push(id);
            }
        }
        for el in html.select(&sel_name) {
            ids.insert(el.value().attr("name").unwrap_or_default().to_string());
        }
        let links = html
            .select(&sel_links)
            .filter_map(|el| {
                let v = el.value();
                v.attr("href").or_else(|| v.attr("src")).map(|h| Link {
                    href: h.to_string(),
                })
            })
            .collect();
        files.insert(name.clone(), Target { ids: Some(ids) });
        pages.push(Page { name, links, dupes });
    }
    (files, pages)
}

/// Findings grouped by (file, line, code, what), with their message and the pages
/// they are on: a broken link in a template is on every page, but is one thing to fix.
#[derive(Default)]
struct Grouped(BTreeMap<GroupKey, (String, Vec<String>)>);

impl Grouped {
    fn add(&mut self, key: GroupKey, message: impl FnOnce() -> String, page: &str) {
        let (_, pages) = self.0.entry(key).or_insert_with(|| (message(), Vec::new()));
        pages.push(page.to_string());
    }

    /// One finding per group, saying which pages it is on and what to do.
    fn findings(self, templates: &Path) -> Vec<Diagnostic> {
        self.0
            .into_iter()
            .map(|((file, line, code, _), (message, mut pages))| {
                // A link written twice is on its page twice: the page is counted once.
                pages.dedup();
                let on = if pages.len() == 1 {
                    format!(" (on {})", pages[0])
                } else {
                    format!(" (on {} pages, e.g. {})", pages.len(), pages[0])
                };
                let help = if file == templates {
                    "the link is in none of the page's content files, so it comes from the theme: fix it in a template (base.html for links on every page)"
                } else {
                    match code {
                        Code::BrokenLink => BROKEN_LINK_HELP,
                        Code::BrokenFragment => "check the heading's id: a heading's id is made from its words (`## Contact us` → `#contact-us`), or set with `## Contact us {#contact}`",
                        _ => "give each heading a different id, e.g. `## Contact us {#contact}`",
                    }
                };
                Diagnostic {
                    file: Some(file),
                    line: line.map(|(line, _)| line),
                    column: line.map(|(_, column)| column).filter(|c| *c > 0),
                    code,
                    message: format!("{message}{on}"),
                    help: Some(help.to_string()),
                    snippet: None,
                    written: None,
                }
            })
            .collect()
    }
}

/// A page being checked, and the content file (in its language) its words come from.
struct OnPage<'p> {
    name: &'p str,
    source: Option<PathBuf>,
    lang: usize,
    written: Option<&'p Written>,
}

/// What the links of every page are checked against.
struct Checker<'a> {
    site: &'a Site,
    files: HashMap<String, Target>,
    /// The theme's templates folder, relative to the site root: where a link is
    /// written when no content file of its page writes it.
    templates: PathBuf,
}

impl Checker<'_> {
    /// Where a link (or a heading's id) is written, and the link as written: each
    /// place in the page's content file, or the templates if none.
    fn locate(&self, page: &OnPage<'_>, found: Vec<(Pos, String)>) -> Vec<Place> {
        match (&page.source, found.is_empty()) {
            (Some(src), false) => found
                .into_iter()
                .map(|(pos, as_written)| {
                    (src.clone(), Some((pos.line, pos.column)), Some(as_written))
                })
                .collect(),
            _ => vec![(self.templates.clone(), None, None)],
        }
    }

    /// What a link is about, to group its findings: a link from the templates is on
    /// many pages, in every language, so its language is left out.
    fn neutral(&self, file: &Path, href: &str) -> String {
        if file != self.templates {
            return href.to_string();
        }
        let mut h = href.to_string();
        for l in &self.site.config.languages {
            h = h.replace(&l.root.full(), "<language>/");
            if let Some(rest) = h.strip_prefix(&l.root.path) {
                h = format!("<language>/{rest}");
            }
        }
        h
    }

    /// Every id `page` uses twice, at the headings that make it.
    fn duplicate_ids(&self, page: &OnPage<'_>, dupes: &[String], grouped: &mut Grouped) {
        for id in dupes {
            let places = page.written.map_or_else(Vec::new, |w| w.headings_with(id));
            for (file, line, _) in self.locate(page, places) {
                let message = || {
                    format!(
                        "the id `{id}` is used twice on the page, so a link to #{id} may land on the wrong one"
                    )
                };
                grouped.add(
                    (file, line, Code::DuplicateId, id.clone()),
                    message,
                    page.name,
                );
            }
        }
    }

    /// Whether `link` on `page` leads to a file of the site and, if it has a
    /// fragment, to an element of that file.
    fn link(&self, page: &OnPage<'_>, link: &Link, grouped: &mut Grouped) {
        let Some((path, fragment)) = resolve(&self.site.config, page.name, &link.href) else {
            return;
        };
        let target = match &path {
            None => self
                .files
                .get_key_value(page.name)
                .map(|(k, v)| (k.as_str(), v)),
            Some(p) => find(&self.files, p),
        };
        match target {
            None => self.broken(page, &link.href, Code::BrokenLink, grouped, |shown| {
                format!("the link `{shown}` points to no page or file of the site")
            }),
            Some((_, Target { ids: Some(ids) }))
                if !fragment.is_empty() && !ids.contains(&fragment) =>
            {
                self.broken(page, &link.href, Code::BrokenFragment, grouped, |shown| {
                    format!("the link `{shown}` points to `#{fragment}`, but that page has no element with that id")
                })
            }
            Some(_) => {}
        }
    }

    /// A broken link, at each place it is written: `message` is given the link as
    /// written there.
    fn broken(
        &self,
        page: &OnPage<'_>,
        href: &str,
        code: Code,
        grouped: &mut Grouped,
        message: impl Fn(&str) -> String,
    ) {
        let found = page
            .written
            .map_or_else(Vec::new, |w| w.links_to(self.site, page.lang, href));
        for (file, line, written) in self.locate(page, found) {
            let key = self.neutral(&file, href);
            let shown = written.unwrap_or_else(|| href.to_string());
            grouped.add((file, line, code, key), || message(&shown), page.name);
        }
    }
}

/// Every broken link and fragment, and every id used twice on a page.
pub(super) fn check(built: &Built, texts: &Texts<'_>) -> Vec<Diagnostic> {
    let config = &built.site.config;
    let (files, pages) = read_pages(built);
    let templates = config
        .theme_dir
        .join(crate::theme::templates::TEMPLATES_DIR);
    let templates = templates
        .strip_prefix(&config.root)
        .unwrap_or(&templates)
        .to_path_buf();
    let checker = Checker {
        site: &built.site,
        files,
        templates,
    };
    let sources = page_sources(&built.site);
    let mut grouped = Grouped::default();
    // What each content file writes, as the parsers place it: read once per file.
    let mut written: HashMap<PathBuf, Written> = HashMap::new();
    for page in &pages {
        let (source, lang) = sources.get(&page.name).cloned().unwrap_or((None, 0));
        let written = source.as_ref().map(|src| {
            &*written
                .entry(src.clone())
                .or_insert_with(|| Written::of(texts, src))
        });
        let on = OnPage {
            name: &page.name,
            source,
            lang,
            written,
        };
        checker.duplicate_ids(&on, &page.dupes, &mut grouped);
        for link in &page.links {
            checker.link(&on, link, &mut grouped);
        }
    }
    grouped.findings(&checker.templates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_references() {
        assert_eq!(
            join("/kpi/en/indicators/x/", "../y/"),
            "/kpi/en/indicators/y/"
        );
        assert_eq!(
            join("/kpi/en/indicators/x/", "x.csv"),
            "/kpi/en/indicators/x/x.csv"
        );
        assert_eq!(join("/kpi/en/404.html", "./"), "/kpi/en/");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode("a%20b"), "a b");
        assert_eq!(decode("caf%C3%A9"), "café");
        assert_eq!(decode("100%"), "100%");
    }
}
