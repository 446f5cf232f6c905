//! Hostile content stays data: the cross-site scripting vectors of
//! `tests/fixtures/xss/vectors.txt` (after OWASP's filter evasion cheat sheet) are
//! written into every Markdown field of every kind of content, in both languages.
//! Those that would make script are errors in `check` and `build`, each at its file
//! and line; the rest build, and the built pages, parsed as a browser parses them,
//! hold no event handler, no script address and no element the theme did not write.
//! (Figures that are refused: tests/refused_figures.rs; many problems of a kind:
//! tests/many_problems.rs.)

mod common;

use common::*;
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// The vectors of the corpus: (refused, shown).
fn vectors() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/xss/vectors.txt")).unwrap();
    let (mut refused, mut shown) = (Vec::new(), Vec::new());
    let mut into: Option<&mut Vec<String>> = None;
    for line in text.lines() {
        match line {
            "[refused]" => into = Some(&mut refused),
            "[shown]" => into = Some(&mut shown),
            l if l.starts_with('#') && into.is_none() => {}
            "" => {}
            l => into
                .as_mut()
                .expect("a section first")
                .push(l.replace("\\n", "\n")),
        }
    }
    assert!(refused.len() >= 40 && shown.len() >= 30, "a good corpus");
    (refused, shown)
}

/// Where a vector (or all of them) was written: the file, and the lines it spans.
#[derive(Debug, Clone)]
struct Placed {
    file: String,
    lines: std::ops::RangeInclusive<usize>,
    /// Which vector, or `None` for all of them in one field.
    vector: Option<usize>,
    field: &'static str,
}

/// A content file being written line by line, remembering where each field went.
struct File {
    path: &'static str,
    lines: Vec<String>,
    placed: Vec<Placed>,
}

impl File {
    fn new(path: &'static str) -> File {
        File {
            path,
            lines: Vec::new(),
            placed: Vec::new(),
        }
    }

    fn line(&mut self, l: &str) {
        self.lines.extend(l.split('\n').map(String::from));
    }

    /// `key: "words"` (a YAML string holding all `vectors`, a paragraph each).
    fn field(&mut self, prefix: &str, field: &'static str, vectors: &[String]) {
        let words = vectors.join("\n\n");
        let at = self.lines.len() + 1;
        self.line(&format!(
            "{prefix}{}",
            serde_json::to_string(&words).unwrap()
        ));
        self.placed.push(Placed {
            file: self.path.into(),
            lines: at..=at,
            vector: None,
            field,
        });
    }

    /// A YAML list, one vector an item.
    fn list(&mut self, key: &str, field: &'static str, vectors: &[String]) {
        self.line(&format!("{key}:"));
        for (i, v) in vectors.iter().enumerate() {
            let at = self.lines.len() + 1;
            self.line(&format!("  - {}", serde_json::to_string(v).unwrap()));
            self.placed.push(Placed {
                file: self.path.into(),
                lines: at..=at,
                vector: Some(i),
                field,
            });
        }
    }

    /// The Markdown body: each vector a paragraph of its own.
    fn body(&mut self, intro: &str, vectors: &[String]) {
        self.line("---");
        self.line(intro);
        self.line("");
        for (i, v) in vectors.iter().enumerate() {
            let at = self.lines.len() + 1;
            self.line(v);
            self.placed.push(Placed {
                file: self.path.into(),
                lines: at..=self.lines.len(),
                vector: Some(i),
                field: "body",
            });
            self.line("");
        }
    }

    fn write(self, site: &Site, placed: &mut Vec<Placed>) {
        site.write(self.path, &(self.lines.join("\n") + "\n"));
        placed.extend(self.placed);
    }
}

/// The `valid` fixture with `vectors` in every Markdown field of every kind of
/// content, in both languages; and where each went.
fn site_with(vectors: &[String]) -> (Site, Vec<Placed>) {
    let site = fixture("valid");
    let mut placed = Vec::new();
    for (path, source) in [
        ("content/indicators/children-waiting.md", true),
        ("content/indicators/children-waiting.cy.md", false),
    ] {
        let mut f = File::new(path);
        f.line("---");
        if source {
            f.line(
                "title: Number of children waiting for a service\nunit: count\ndirection: lower",
            );
            f.line("values:\n  2019-20 Q2: 30\nrevised:\n  2019-20 Q2: 2019-11-01\ntargets:\n  2019-20: 20");
        } else {
            f.line("title: Nifer y plant sy'n aros am wasanaeth");
        }
        for (key, field, period) in [
            ("commentary", "commentary", "2019-20 Q2"),
            ("actions", "actions", "2019-20 Q2"),
            ("rationale", "rationale", "2019-20"),
            ("revision_reason", "revision_reason", "2019-20 Q2"),
        ] {
            f.line(&format!("{key}:"));
            f.field(&format!("  {period}: "), field, vectors);
        }
        f.body("The children on the waiting list.", vectors);
        f.write(&site, &mut placed);
    }
    for (path, source) in [
        ("content/reports/2019-20-q2.md", true),
        ("content/reports/2019-20-q2.cy.md", false),
    ] {
        let mut f = File::new(path);
        f.line("---");
        if source {
            f.line("period: 2019-20 Q2\ntitle: Performance report, Quarter 2 2019-20\npublished: 2019-11-14");
        } else {
            f.line("title: Adroddiad perfformiad, Chwarter 2 2019-20");
        }
        f.list("good_news", "good_news", vectors);
        f.list("issues_to_monitor", "issues_to_monitor", vectors);
        f.line("sections:");
        f.line(if source {
            "  - title: Corporate plan"
        } else {
            "  - title: Cynllun corfforaethol"
        });
        f.field("    summary: ", "summary", vectors);
        if source {
            f.line("    indicators: [assessments-on-time, re-referrals, children-waiting, visit-length]");
        }
        f.body("## Overview", vectors);
        f.write(&site, &mut placed);
    }
    for (path, title) in [
        (
            "content/targets/2019-20.md",
            "year: 2019-20\ntitle: Rationale for 2019-20 targets\nindicators: [assessments-on-time, children-waiting, re-referrals, visit-length]",
        ),
        (
            "content/targets/2019-20.cy.md",
            "title: Y rhesymeg dros dargedau 2019-20",
        ),
        ("content/index.md", "title: Test service performance"),
        (
            "content/index.cy.md",
            "title: Perfformiad y gwasanaeth prawf",
        ),
        (
            "content/pages/accessibility.md",
            "title: Accessibility statement",
        ),
        (
            "content/pages/accessibility.cy.md",
            "title: Datganiad hygyrchedd",
        ),
    ] {
        let mut f = File::new(path);
        f.line("---");
        f.line(title);
        f.body("Words of the page.", vectors);
        f.write(&site, &mut placed);
    }
    (site, placed)
}

const UNSAFE: [&str; 2] = ["unsafe-link", "unsafe-attribute"];

#[test]
fn every_refused_vector_is_an_error_at_its_line_in_every_field() {
    let (refused, _) = vectors();
    let (site, placed) = site_with(&refused);
    let findings = check_findings(&site);
    let unsafe_at: BTreeMap<(String, u64), Vec<&str>> = findings
        .iter()
        .filter(|f| UNSAFE.contains(&f.0.as_str()))
        .fold(BTreeMap::new(), |mut m, f| {
            m.entry((f.1.clone(), f.2.expect("a line")))
                .or_insert_with(Vec::new)
                .push(f.3.as_str());
            m
        });
    let mut missing = Vec::new();
    for p in &placed {
        let found = p
            .lines
            .clone()
            .any(|l| unsafe_at.contains_key(&(p.file.clone(), l as u64)));
        if !found {
            let what = p
                .vector
                .map_or("every vector".to_string(), |i| format!("{:?}", refused[i]));
            missing.push(format!("{} {} {:?}: {what}", p.file, p.field, p.lines));
        }
    }
    assert!(missing.is_empty(), "not reported:\n{}", missing.join("\n"));
    // A field holding every vector is reported once for each refused address in
    // it, as the body that holds them one a paragraph is.
    for p in placed.iter().filter(|p| p.vector.is_none()) {
        let in_field: BTreeSet<&str> = unsafe_at[&(p.file.clone(), *p.lines.start() as u64)]
            .iter()
            .copied()
            .collect();
        let in_body: BTreeSet<&str> = placed
            .iter()
            .filter(|b| b.file == p.file && b.field == "body")
            .flat_map(|b| b.lines.clone())
            .filter_map(|l| unsafe_at.get(&(p.file.clone(), l as u64)))
            .flatten()
            .copied()
            .collect();
        assert_eq!(in_field, in_body, "{} {}", p.file, p.field);
    }
    // Nothing else is said of them: each finding is at a place a vector was written.
    let places: BTreeSet<(String, u64)> = placed
        .iter()
        .flat_map(|p| p.lines.clone().map(move |l| (p.file.clone(), l as u64)))
        .collect();
    for key in unsafe_at.keys() {
        assert!(
            places.contains(key),
            "a finding where nothing was written: {key:?}"
        );
    }

    // `build` says the same, and writes nothing.
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("error[unsafe-link]"), "{run}");
    assert!(run.stderr.contains("error[unsafe-attribute]"), "{run}");
    assert!(!site.public().exists());
}

#[test]
fn the_renderer_itself_refuses_each_refused_vector_and_renders_each_shown_one() {
    // Each alone, through the renderer every page's words go through (a body, and
    // one line of a key message), so that no vector is caught only because another
    // stopped the page: what the renderer refuses is what `check` places.
    use dangos::diagnostics::Code;
    use dangos::render::markdown::{render, render_inline};
    let (refused, shown) = vectors();
    let site_link = |_: &str| Some("/en/x/".to_string());
    for v in &refused {
        for result in [render(v, 2, "", &site_link), render_inline(v, &site_link)] {
            let code = result
                .map(|html| format!("rendered: {html}"))
                .map_err(|d| d.code);
            assert!(
                matches!(code, Err(Code::UnsafeLink | Code::UnsafeAttribute)),
                "{v:?}: {code:?}"
            );
        }
    }
    for v in &shown {
        for result in [render(v, 2, "", &site_link), render_inline(v, &site_link)] {
            let html = result.unwrap_or_else(|d| panic!("{v:?}: {d}"));
            let found = dangers("vector", &format!("<body><div>{html}</div></body>"));
            assert!(found.is_empty(), "{v:?}: {found:?}");
        }
    }
}

/// Attributes that hold an address a browser may load or navigate to.
const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "longdesc",
    "srcset",
    "xlink:href",
    "manifest",
];

/// Elements content must never make.
const NEVER: [&str; 16] = [
    "iframe", "object", "embed", "base", "form", "input", "button", "textarea", "frame",
    "frameset", "applet", "marquee", "details", "math", "video", "meta",
];

/// The address as a browser reads its scheme: entities are decoded by the parser
/// already; spaces and control characters at either end, and tabs and newlines
/// anywhere, are dropped; case is folded.
fn script_address(value: &str) -> bool {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// What is wrong with one built HTML page.
fn dangers(rel: &str, html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("{rel}: <{name} {attr}={value:?}>"));
            }
            if URL_ATTRIBUTES.contains(&attr) && script_address(value) {
                found.push(format!("{rel}: <{name} {attr}={value:?}>"));
            }
            if attr == "style" || attr == "srcdoc" {
                found.push(format!("{rel}: <{name} {attr}=...> from content"));
            }
        }
        if NEVER.contains(&name) && !(name == "meta" && el.value().attr("http-equiv").is_none()) {
            found.push(format!("{rel}: <{name}>"));
        }
        // The theme's one script is its print script, by address.
        if name == "script"
            && !el
                .value()
                .attr("src")
                .is_some_and(|s| s.ends_with("print.js"))
        {
            found.push(format!("{rel}: <script> {}", el.html()));
        }
    }
    // Raw text that the parser would not show as an element but a lax reader might.
    for needle in ["<script>alert", "onerror=alert(1)>", "<svg/onload"] {
        if html.contains(needle) {
            found.push(format!("{rel}: holds {needle:?} unescaped"));
        }
    }
    found
}

#[test]
fn shown_vectors_build_into_pages_that_run_nothing() {
    let (_, shown) = vectors();
    let (site, _) = site_with(&shown);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run}");
    let out = site.public();
    let mut found = Vec::new();
    let mut pages = 0;
    for (rel, bytes) in tree(&out) {
        if rel.ends_with(".html") {
            pages += 1;
            found.extend(dangers(&rel, &String::from_utf8_lossy(&bytes)));
        }
    }
    assert!(pages > 10, "{pages} pages");
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The words are there, as text: the page shows what was written.
    let page = std::fs::read_to_string(out.join("en/accessibility/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}

#[test]
fn the_checker_of_these_tests_finds_what_it_looks_for() {
    // The page checker must fail on the very things it guards against.
    for bad in [
        r#"<p><a href="javascript:alert(1)">x</a></p>"#,
        r#"<p><a href=" JaVa&#x09;Script:alert(1)">x</a></p>"#,
        r#"<h2 id="x" onfocus="alert(1)">x</h2>"#,
        r#"<img src="data:text/html,x">"#,
        r#"<p><script>alert(1)</script></p>"#,
        r#"<iframe></iframe>"#,
    ] {
        assert!(!dangers("t", bad).is_empty(), "{bad}");
    }
    assert!(
        dangers(
            "t",
            r#"<p><a href="https://example.org/" title="onmouseover=x">x</a></p>"#
        )
        .is_empty()
    );
}

/// What `import` says of a spreadsheet's commentary holding a script link: the
/// final check refuses it, and nothing is written.
#[test]
fn import_refuses_a_script_link_in_a_commentary_cell() {
    let site = fixture("valid");
    let before = site.read("content/indicators/children-waiting.md");
    let sheet = site.root.join("figures.csv");
    std::fs::write(
        &sheet,
        "indicator,period,value,commentary\nchildren-waiting,2019-20 Q2,30,\"See [this](javascript:alert(1)).\"\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["import", "--root"])
        .arg(&site.root)
        .arg(&sheet)
        .args(["--overwrite"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("unsafe-link"), "{stderr}");
    assert_eq!(site.read("content/indicators/children-waiting.md"), before);
}
