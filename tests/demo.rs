//! The demonstration site in `demo/` (a fictional council with invented figures): it
//! builds, and passes `check --strict`, with no warnings, in both languages; every
//! page says its figures are invented; and its latest report shows every status and
//! both an improved and a worsened direction of travel, which is what it is for.

#[path = "common/mod.rs"]
mod common;

use common::{page, sel, text};
use std::collections::BTreeMap;

/// Builds `demo/` (in place: only the output, in a temporary folder, is written).
fn build_demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = common::build(
        &common::repo().join("demo"),
        &["--output", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "the demo should build\n{run}");
    assert!(
        !run.stderr.contains("warning") && !run.stdout.contains("warning"),
        "the demo builds with no warnings\n{run}"
    );
    (dir, out)
}

#[test]
fn the_demo_builds_and_checks_with_no_warnings() {
    let (_dir, out) = build_demo();
    let root = common::repo().join("demo");
    let check = common::dangos(&["check", "--strict", "--root", root.to_str().unwrap()]);
    assert_eq!(check.code, 0, "dangos check --strict on the demo\n{check}");
    assert!(check.stdout.contains("0 errors, 0 warnings"), "{check}");
    // Every page, in each language, says the council and its figures are invented.
    for (lang, words) in [("en", "invented figures"), ("cy", "ffigurau dychmygol")] {
        let pages = common::language_pages(&out, lang);
        assert!(pages.len() > 25, "{lang}: {pages:?}");
        for rel in pages {
            let html = page(&out.join(lang), &rel);
            let title = text(html.select(&sel(".site-title")).next().unwrap());
            assert!(title.contains(words), "{rel}: {title}");
        }
    }
}

/// The status and the direction of travel since the previous period of every
/// indicator in the report, by their codes in the HTML (`status-on-target`,
/// `travel-improved`), and the status words.
fn report_entries(out: &std::path::Path, lang: &str) -> Vec<(String, String, String, String)> {
    let html = page(out, &format!("{lang}/reports/2019-20-q4/index.html"));
    let code = |el: scraper::ElementRef<'_>, prefix: &str| {
        el.value()
            .classes()
            .find_map(|c| c.strip_prefix(prefix))
            .unwrap_or_default()
            .to_string()
    };
    html.select(&sel("article.kpi"))
        .map(|entry| {
            let status = entry.select(&sel(".status")).next().unwrap();
            let travel = entry.select(&sel(".travel")).next().unwrap();
            (
                entry.value().id().unwrap().to_string(),
                code(status, "status-"),
                text(status),
                code(travel, "travel-"),
            )
        })
        .collect()
}

#[test]
fn the_latest_report_shows_every_status_and_both_improved_and_worsened() {
    let (_dir, out) = build_demo();
    for (lang, on, close, off) in [
        ("en", "On target", "Close to target", "Off target"),
        ("cy", "Ar darged", "Yn agos at y targed", "Oddi ar darged"),
    ] {
        let entries = report_entries(&out, lang);
        assert_eq!(entries.len(), 15, "{lang}: {entries:?}");
        let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
        let mut travels: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, status, _, travel) in &entries {
            *statuses.entry(status).or_default() += 1;
            *travels.entry(travel).or_default() += 1;
        }
        let expected: BTreeMap<&str, usize> = [
            ("on-target", 7),
            ("close", 2),
            ("off-target", 3),
            ("none", 3),
        ]
        .into();
        assert_eq!(statuses, expected, "{lang}: {entries:?}");
        assert!(
            travels.get("improved") >= Some(&1) && travels.get("worsened") >= Some(&1),
            "{lang}: {travels:?}"
        );
        // In words too, never by colour alone.
        for (code, words) in [("on-target", on), ("close", close), ("off-target", off)] {
            assert!(
                entries
                    .iter()
                    .any(|(_, c, shown, _)| c == code && shown == words),
                "{lang}: {code} as {words}: {entries:?}"
            );
        }
    }
}
