//! A failed build counts its errors and warnings apart: `build` and `serve` say "1
//! error (and 1 warning)" in the terminal, not "2 problems", and the preview's panel
//! says it in the page's language, with each problem's severity and code.

mod preview;

use preview::{Dangos, Events, edit, example_site, generation, get, serve};
use std::path::Path;

/// `unit: counts` is one error.
const UNIT: (&str, &str) = ("unit: count", "unit: counts");

/// A copy of the example whose report has no `published` date: one warning.
fn site_with_a_warning() -> tempfile::TempDir {
    let site = example_site();
    let report = site.path().join("content/reports/2019-20-q2.md");
    let text = std::fs::read_to_string(&report).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("published:") && !l.starts_with("next_update:"))
        .collect();
    std::fs::write(&report, kept.join("\n") + "\n").unwrap();
    site
}

fn break_unit(site: &Path) {
    edit(
        &site.join("content/indicators/fam-kpi-01.md"),
        UNIT.0,
        UNIT.1,
    );
}

#[test]
fn build_counts_errors_and_warnings_apart() {
    let site = site_with_a_warning();
    break_unit(site.path());
    let mut build = Dangos::start(&["build", "--root", site.path().to_str().unwrap()]);
    let said = build.wait_stderr("The build failed with");
    assert_eq!(build.wait_exit(), Some(1));
    assert!(
        said.contains(
            "The build failed with 1 error (and 1 warning); the output folder was left as it was."
        ),
        "{said}"
    );
    assert!(said.contains("warning[no-published-date]"), "{said}");
}

#[test]
fn serve_counts_errors_and_warnings_apart_in_each_language() {
    let site = site_with_a_warning();
    let (mut server, addr) = serve(site.path(), &[]);
    let page = get(&addr, "/cy/").text();
    let mut events = Events::subscribe(&addr, &generation(&page));
    break_unit(site.path());
    let (name, data) = events.next();
    assert_eq!(name, "build-error");
    let report: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(report["counts"]["en"], "1 error (and 1 warning)", "{data}");
    assert_eq!(
        report["counts"]["cy"], "1 gwall (1 rhybudd hefyd)",
        "{data}"
    );
    let severities: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "warning"], "{data}");
    assert_eq!(report["errors"][0]["code"], "invalid-value");
    let terminal = server.wait_stderr("still serving the last good site");
    assert!(
        terminal.contains("The rebuild failed with 1 error (and 1 warning); still serving"),
        "{terminal}"
    );
}
