//! Helpers shared by the integration tests: copying sites into temporary folders,
//! running the real `dangos` binary, snapshotting folders, and reading the HTML it
//! writes.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The binary under test.
pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_dangos");

/// The repository root (the example site lives here too).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` into `to` (created), recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A site copied into a temporary folder. The site is in `site/` inside the
/// temporary folder, so that whatever dangos does beside the site (its staging
/// folder, or a refused `--output ..`) stays inside the temporary folder too.
pub(crate) struct Site {
    _dir: Option<TempDir>,
    /// The site root (holding site.toml).
    pub(crate) root: PathBuf,
}

impl Site {
    /// The default output folder, `ROOT/public`.
    pub(crate) fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A path inside the site.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads a file of the site.
    pub(crate) fn read(&self, rel: &str) -> String {
        let p = self.path(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// Writes a file of the site.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
    }

    /// Replaces the one occurrence of `from` in a file of the site, and returns the
    /// 1-based line the replacement starts on.
    pub(crate) fn replace(&self, rel: &str, from: &str, to: &str) -> usize {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{rel} should contain `{from}` exactly once"
        );
        let at = text.find(from).unwrap();
        self.write(rel, &text.replacen(from, to, 1));
        text[..at].matches('\n').count() + 1
    }

    /// Deletes a file of the site.
    pub(crate) fn remove(&self, rel: &str) {
        let p = self.path(rel);
        fs::remove_file(&p).unwrap_or_else(|e| panic!("remove {}: {e}", p.display()));
    }

    /// Runs `dangos build --root ROOT ARGS...`.
    pub(crate) fn build(&self, args: &[&str]) -> Run {
        build(&self.root, args)
    }

    /// Runs a build that must succeed.
    pub(crate) fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        assert_eq!(run.code, 0, "the build should succeed\n{run}");
        run
    }
}

/// Copies `tests/fixtures/NAME` and the repository's `themes/` into a temporary
/// folder.
pub(crate) fn fixture(name: &str) -> Site {
    let dir = tempfile::Builder::new()
        .prefix(&format!("dangos-{name}-"))
        .tempdir()
        .unwrap();
    let root = dir.path().join("site");
    copy_dir(&repo().join("tests/fixtures").join(name), &root);
    assert!(
        !root.join("themes").exists(),
        "fixtures never hold a theme: the repository's is copied in"
    );
    copy_dir(&repo().join("themes"), &root.join("themes"));
    Site {
        _dir: Some(dir),
        root,
    }
}

/// Like [`fixture`] (or [`example_site`], for `"example"`), but in a fixed folder
/// under Cargo's target directory, emptied first, and never deleted: for a build
/// that every test of a test binary shares (held in a `static`, which is never
/// dropped, so a temporary folder would be left behind in the system's).
pub(crate) fn shared_site(name: &str) -> Site {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("dangos-shared")
        .join(name)
        .join("site");
    if root.exists() {
        fs::remove_dir_all(&root).unwrap();
    }
    let temp = if name == "example" {
        example_site()
    } else {
        fixture(name)
    };
    copy_dir(&temp.root, &root);
    Site { _dir: None, root }
}

/// Copies the repository's own example site (site.toml, content/, themes/) into a
/// temporary folder.
pub(crate) fn example_site() -> Site {
    let dir = tempfile::Builder::new()
        .prefix("dangos-example-")
        .tempdir()
        .unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(&root).unwrap();
    fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    if repo().join("static").is_dir() {
        copy_dir(&repo().join("static"), &root.join("static"));
    }
    Site {
        _dir: Some(dir),
        root,
    }
}

/// The outcome of one run of the binary.
pub(crate) struct Run {
    /// Exit code (-1 if killed by a signal).
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `dangos ARGS...`.
pub(crate) fn dangos(args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("run the dangos binary");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `dangos build --root ROOT ARGS...`.
pub(crate) fn build(root: &Path, args: &[&str]) -> Run {
    let root = root.to_str().expect("a UTF-8 path");
    let mut all = vec!["build", "--root", root];
    all.extend_from_slice(args);
    dangos(&all)
}

/// The 1-based line of the first occurrence of `needle`.
pub(crate) fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not found"))
        + 1
}

/// Every file and folder under `dir`, by path relative to it (with `/`), with the
/// bytes of each file (folders end in `/` and have no bytes). Comparing two of
/// these shows any file added, removed or changed.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().unwrap().is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(base, &path, out);
            } else {
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// A snapshot of a whole site folder (sources and output), to compare before and
/// after a build.
pub(crate) fn snapshot(site: &Site) -> BTreeMap<String, Vec<u8>> {
    tree(&site.root)
}

/// Panics with the paths that differ between two snapshots.
pub(crate) fn assert_same_tree(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let mut diffs = Vec::new();
    for (k, v) in before {
        match after.get(k) {
            None => diffs.push(format!("removed: {k}")),
            Some(w) if w != v => diffs.push(format!("changed: {k}")),
            _ => {}
        }
    }
    for k in after.keys().filter(|k| !before.contains_key(*k)) {
        diffs.push(format!("added: {k}"));
    }
    assert!(diffs.is_empty(), "{what}:\n{}", diffs.join("\n"));
}

/// A CSS selector.
pub(crate) fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// An element's text with runs of white space collapsed.
pub(crate) fn text(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads and parses an HTML file of an output folder.
pub(crate) fn page(out: &Path, rel: &str) -> Html {
    let p = out.join(rel);
    let s = fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
    Html::parse_document(&s)
}

/// The text of every element matching `css` on a page.
pub(crate) fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css)).map(text).collect()
}

/// The one element matching `css`, as text; panics if there is not exactly one.
pub(crate) fn one_text(html: &Html, css: &str, page: &str) -> String {
    let all = texts(html, css);
    assert_eq!(all.len(), 1, "{page}: `{css}` should match once: {all:?}");
    all.into_iter().next().unwrap()
}

/// The `.html` files of a language folder, by path relative to that folder.
pub(crate) fn language_pages(out: &Path, lang: &str) -> BTreeSet<String> {
    let dir = out.join(lang);
    tree(&dir)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// The URL path of a page file under its language's root: `indicators/x/index.html`
/// → `indicators/x/`, `index.html` → ``, `404.html` → `404.html`.
pub(crate) fn url_path(page: &str) -> String {
    if page == "index.html" {
        String::new()
    } else if let Some(dir) = page.strip_suffix("/index.html") {
        format!("{dir}/")
    } else {
        page.to_string()
    }
}

/// Where a site's URLs live in its output folder: URL prefixes and the output
/// sub-folder each maps to, chosen per page (root-relative links depend on the
/// page's own language folder when each language has its own domain).
pub(crate) type PrefixFn = dyn Fn(&str) -> Vec<(String, String)>;

/// A borrowed [`PrefixFn`].
pub(crate) type Prefixes<'a> = &'a PrefixFn;

/// Prefixes for a site with one base URL (`https://example.org/kpi/`): both the
/// full URL and its path map to the top of the output folder.
pub(crate) fn shared_prefixes(base_url: &str) -> Box<PrefixFn> {
    let base = base_url.to_string();
    let path = match base.find("://") {
        Some(i) => {
            let after = &base[i + 3..];
            after[after.find('/').unwrap_or(after.len())..].to_string()
        }
        None => base.clone(),
    };
    Box::new(move |_page: &str| vec![(base.clone(), String::new()), (path.clone(), String::new())])
}

/// Resolves a link found on `page` to a file of the output folder and a fragment,
/// or `None` if it is not a link into this site.
pub(crate) fn resolve(page: &str, href: &str, prefixes: Prefixes<'_>) -> Option<(String, String)> {
    let (target, fragment) = match href.split_once('#') {
        Some((t, f)) => (t, f.to_string()),
        None => (href, String::new()),
    };
    let target = target.split('?').next().unwrap_or("");
    if target.is_empty() {
        return Some((page.to_string(), fragment));
    }
    // Longest prefix first, so `https://x/kpi/` wins over `/`.
    let mut pre = prefixes(page);
    pre.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let (prefix, dir) = pre.iter().find(|(p, _)| target.starts_with(p.as_str()))?;
    let rest = &target[prefix.len()..];
    let mut file = format!("{dir}{rest}");
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Some((file, fragment))
}

/// Checks every `href` and `src` of every HTML file in `out` that points into the
/// site: the file exists and the fragment is an id in it. Returns the problems and
/// how many links were checked.
pub(crate) fn check_links(out: &Path, prefixes: Prefixes<'_>) -> (Vec<String>, usize) {
    let files = tree(out);
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        ids.entry(file.to_string())
            .or_insert_with(|| {
                let html = Html::parse_document(&String::from_utf8_lossy(&files[file]));
                html.select(&sel("[id]"))
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect()
            })
            .clone()
    };
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(k, _)| k.ends_with(".html")) {
        let html = Html::parse_document(&String::from_utf8_lossy(bytes));
        for el in html.select(&sel("[href], [src]")) {
            for attr in ["href", "src"] {
                let Some(link) = el.value().attr(attr) else {
                    continue;
                };
                let Some((file, fragment)) = resolve(page, link, prefixes) else {
                    continue;
                };
                checked += 1;
                if !files.contains_key(&file) {
                    problems.push(format!("{page}: {attr}=\"{link}\": no file {file}"));
                    continue;
                }
                if !fragment.is_empty() && !ids_of(&file).contains(&fragment) {
                    problems.push(format!(
                        "{page}: {attr}=\"{link}\": {file} has no id `{fragment}`"
                    ));
                }
            }
        }
    }
    (problems, checked)
}

/// A minimal well-formedness check for generated XML: one root element, every tag
/// closed in order, attribute values quoted, and `&` only in entities.
pub(crate) fn check_xml(xml: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    let check_text = |t: &str, outside: bool| -> Result<(), String> {
        if outside && !t.trim().is_empty() {
            return Err(format!("text outside the root element: {t:?}"));
        }
        for (i, _) in t.match_indices('&') {
            let ent = &t[i..];
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| ent.starts_with(e));
            if !ok {
                return Err(format!("bare & in {t:?}"));
            }
        }
        Ok(())
    };
    while let Some(i) = rest.find('<') {
        check_text(&rest[..i], stack.is_empty())?;
        let end = rest[i..]
            .find('>')
            .ok_or_else(|| "unclosed `<`".to_string())?;
        let tag = &rest[i + 1..i + end];
        rest = &rest[i + end + 1..];
        if let Some(pi) = tag.strip_prefix('?') {
            if !pi.ends_with('?') || !stack.is_empty() || roots > 0 {
                return Err(format!("bad processing instruction <{tag}>"));
            }
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name = body.split_whitespace().next().unwrap_or("");
        if name.is_empty() {
            return Err(format!("empty tag <{tag}>"));
        }
        let attrs = body[name.len()..].trim();
        // Attributes: name="value" pairs.
        let mut a = attrs;
        while !a.is_empty() {
            let eq = a
                .find("=\"")
                .ok_or_else(|| format!("unquoted attribute in <{tag}>"))?;
            let close = a[eq + 2..]
                .find('"')
                .ok_or_else(|| format!("unclosed attribute in <{tag}>"))?;
            check_text(&a[eq + 2..eq + 2 + close], false)?;
            a = a[eq + 2 + close + 1..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
            if roots > 1 {
                return Err(format!("a second root element <{name}>"));
            }
        }
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    check_text(rest, true)?;
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    if roots != 1 {
        return Err("no root element".into());
    }
    Ok(())
}

/// One `<url>` of a sitemap: its `<loc>` and its alternates by hreflang.
#[derive(Debug)]
pub(crate) struct SitemapUrl {
    /// The page's URL.
    pub(crate) loc: String,
    /// hreflang → href.
    pub(crate) alternates: BTreeMap<String, String>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Reads the `<url>` entries of a sitemap.
pub(crate) fn sitemap_urls(xml: &str) -> Vec<SitemapUrl> {
    xml.split("<url>")
        .skip(1)
        .map(|block| {
            let block = block.split("</url>").next().unwrap();
            let loc = block
                .split("<loc>")
                .nth(1)
                .and_then(|s| s.split("</loc>").next())
                .expect("every <url> has a <loc>")
                .trim()
                .replace("&amp;", "&");
            let alternates = block
                .split("<xhtml:link")
                .skip(1)
                .map(|l| {
                    let tag = l.split('>').next().unwrap();
                    assert_eq!(attr(tag, "rel"), Some("alternate"), "{tag}");
                    (
                        attr(tag, "hreflang").expect("hreflang").to_string(),
                        attr(tag, "href").expect("href").replace("&amp;", "&"),
                    )
                })
                .collect();
            SitemapUrl { loc, alternates }
        })
        .collect()
}

/// The cells of a CSV file by column heading.
pub(crate) fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// `check --format json`'s findings, as (code, file, line, message).
pub(crate) fn check_findings(site: &Site) -> Vec<(String, String, Option<u64>, String)> {
    let out = Command::new(BIN)
        .args(["check", "--format", "json", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
