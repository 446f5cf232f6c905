//! What a one-file edit renders again under `dangos serve` and `dangos watch`: only
//! the pages and data files it can affect, counted (`Rebuilt::rendered`), never
//! timed; and what it renders is what a clean build makes.

mod preview;

use dangos::config::Overrides;
use dangos::rebuild::{ChangeKind, EVERYTHING, Rebuilder, key};
use preview::{edit, example_site};
use std::collections::BTreeMap;
use std::path::Path;

/// A rebuilder that has built the site once.
fn built(root: &Path) -> Rebuilder {
    let mut r = Rebuilder::new(root, Overrides::default());
    let first = r.rebuild(&EVERYTHING.into_iter().collect()).unwrap();
    for page in first.files.keys().filter(|k| k.ends_with(".html")) {
        assert!(
            first.rendered.iter().any(|k| **k == **page),
            "a first build renders every page: not {page}"
        );
    }
    r
}

/// An edit: in this file, this text becomes that.
type Edit<'a> = (&'a str, &'a str, &'a str);

/// Rebuilds after `edits`, checks the result is what a clean build makes, and
/// returns every file rendered again, sorted.
fn rebuild_after(r: &mut Rebuilder, root: &Path, edits: &[Edit]) -> Vec<String> {
    for (file, from, to) in edits {
        edit(&root.join(file), from, to);
    }
    let done = r
        .rebuild(&[ChangeKind::Content].into_iter().collect())
        .unwrap_or_else(|d| panic!("{edits:?}: {d}"));
    let clean: BTreeMap<String, Vec<u8>> = dangos::build::build_site(root, &Overrides::default())
        .unwrap()
        .files
        .into_iter()
        .map(|(p, b)| (key(&p), b))
        .collect();
    let incremental: BTreeMap<String, Vec<u8>> = r
        .files()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_vec()))
        .collect();
    for (k, v) in &clean {
        assert!(
            incremental.get(k) == Some(v),
            "after {edits:?}, {k} differs from a clean build"
        );
    }
    assert_eq!(clean.len(), incremental.len(), "{edits:?}: different files");
    let mut rendered = done.rendered.clone();
    rendered.sort();
    rendered
}

fn pages(rendered: &[String]) -> Vec<&str> {
    rendered
        .iter()
        .map(String::as_str)
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// An indicator's commentary for a period is shown on its page and on the report of
/// that period (and in their data files), in its language: nothing else is
/// rendered, not the index of indicators (which shows no commentary), the home page
/// or any Welsh page.
#[test]
fn a_commentary_edit_renders_its_indicator_and_its_report_only() {
    let site = example_site();
    let root = site.path();
    let mut r = built(root);
    let rendered = rebuild_after(
        &mut r,
        root,
        &[(
            "content/indicators/fam-kpi-01.md",
            "The number of enquiries and well-being contacts.",
            "The number of enquiries and contacts.",
        )],
    );
    assert_eq!(
        pages(&rendered),
        [
            "en/indicators/fam-kpi-01/index.html",
            "en/reports/2019-20-q2/index.html"
        ],
        "{rendered:?}"
    );
    // Its data: the indicator's CSV, the report's CSV and JSON, the site's CSV and
    // JSON.
    assert_eq!(rendered.len(), 2 + 5, "{rendered:?}");
    assert!(
        rendered.iter().all(|k| k.starts_with("en/")),
        "{rendered:?}"
    );
}

/// Welsh words render Welsh pages only; a figure renders both languages, and the
/// index and home page only when what they show changes.
#[test]
fn an_edit_renders_only_the_languages_and_lists_it_can_change() {
    let site = example_site();
    let root = site.path();
    let mut r = built(root);
    let rendered = rebuild_after(
        &mut r,
        root,
        &[(
            "content/indicators/fam-kpi-01.cy.md",
            "Nifer yr ymholiadau",
            "Cyfanswm yr ymholiadau",
        )],
    );
    assert!(
        rendered.iter().all(|k| k.starts_with("cy/")),
        "{rendered:?}"
    );
    assert_eq!(
        pages(&rendered),
        [
            "cy/indicators/fam-kpi-01/index.html",
            "cy/reports/2019-20-q2/index.html"
        ]
    );

    // The latest figure: its page, its report and the index, in both languages; not
    // the home page, which counts statuses, and this indicator has no target.
    let rendered = rebuild_after(
        &mut r,
        root,
        &[(
            "content/indicators/fam-kpi-01.md",
            "2019-20 Q2: 1754",
            "2019-20 Q2: 1755",
        )],
    );
    let expected: Vec<String> = ["cy", "en"]
        .iter()
        .flat_map(|l| {
            [
                "indicators/fam-kpi-01/index.html",
                "indicators/index.html",
                "reports/2019-20-q2/index.html",
            ]
            .map(|p| format!("{l}/{p}"))
        })
        .collect();
    assert_eq!(pages(&rendered), expected);

    // A theme groups the index of indicators by it: the index is rendered again.
    let rendered = rebuild_after(
        &mut r,
        root,
        &[
            (
                "content/indicators/fam-kpi-01.md",
                "unit: count\n",
                "theme: Family support\nunit: count\n",
            ),
            (
                "content/indicators/fam-kpi-01.cy.md",
                "commentary:\n",
                "theme: Cymorth i deuluoedd\ncommentary:\n",
            ),
        ],
    );
    for page in ["en/indicators/index.html", "cy/indicators/index.html"] {
        assert!(rendered.iter().any(|k| k == page), "{page}: {rendered:?}");
    }
}

/// What a report's entry shows besides the figure (what is being done, the [p] and
/// [r] markers) renders the report again: each edit below once left the report as
/// it was.
#[test]
fn actions_and_markers_render_the_report_again() {
    let site = example_site();
    let root = site.path();
    let mut r = built(root);
    let file = "content/indicators/fam-kpi-01.md";
    let rendered = rebuild_after(
        &mut r,
        root,
        &[
            (
                file,
                "commentary:\n",
                "actions:\n  2019-20 Q2: Two more advisers from January.\ncommentary:\n",
            ),
            (
                "content/indicators/fam-kpi-01.cy.md",
                "commentary:\n",
                "actions:\n  2019-20 Q2: Dau ymgynghorydd arall o fis Ionawr ymlaen.\ncommentary:\n",
            ),
        ],
    );
    let expected: Vec<String> = ["cy", "en"]
        .iter()
        .flat_map(|l| {
            [
                "indicators/fam-kpi-01/index.html",
                "reports/2019-20-q2/index.html",
            ]
            .map(|p| format!("{l}/{p}"))
        })
        .collect();
    assert_eq!(pages(&rendered), expected);
    // A figure marked provisional: every language shows the marker.
    let rendered = rebuild_after(
        &mut r,
        root,
        &[(
            file,
            "commentary:\n",
            "provisional: [2019-20 Q2]\ncommentary:\n",
        )],
    );
    for page in [
        "en/indicators/fam-kpi-01/index.html",
        "cy/indicators/fam-kpi-01/index.html",
        "en/reports/2019-20-q2/index.html",
        "cy/reports/2019-20-q2/index.html",
    ] {
        assert!(rendered.iter().any(|k| k == page), "{page}: {rendered:?}");
    }
    assert!(
        !rendered
            .iter()
            .any(|k| k.ends_with("indicators/index.html")),
        "the index shows no markers: {rendered:?}"
    );
}
