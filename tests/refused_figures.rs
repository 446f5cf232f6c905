//! Figures dangos refuses rather than publish wrongly, end to end: one beyond
//! 10^15 (`1e39` was published as 2^127), and one written with more decimal places
//! than its indicator publishes (79.2 in a count was published as 79), in `build`,
//! `check` and `import` alike.

mod common;

use common::*;
use std::process::Command;

/// `ROOT`'s indicator `children-waiting` with `values` as given.
fn with_values(values: &str, extra: &str) -> Site {
    let site = fixture("valid");
    site.replace(
        "content/indicators/children-waiting.md",
        "values:\n  2019-20 Q2: 30\n",
        &format!("{extra}values:\n{values}"),
    );
    site
}

#[test]
fn an_absurd_figure_is_refused_not_published_as_two_to_the_127th() {
    let site = with_values("  2019-20 Q2: 1e39\n", "");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("error[figure-too-large]"), "{run}");
    assert!(run.stderr.contains("children-waiting.md:6:"), "{run}");
    assert!(
        !run.stderr
            .contains("170141183460469231731687303715884105727"),
        "{run}"
    );
    assert!(!run.stderr.contains("170,141,183"), "{run}");
    // 10^15 itself is published, exactly.
    let site = with_values("  2019-20 Q2: 1000000000000000\n", "");
    site.build_ok(&[]);
    let page = std::fs::read_to_string(
        site.public()
            .join("en/indicators/children-waiting/index.html"),
    )
    .unwrap();
    assert!(page.contains("1,000,000,000,000,000"), "{page}");
}

#[test]
fn a_figure_more_precise_than_published_is_an_error_naming_the_fix() {
    // 79.2 in a count (no `decimals`: 0) would be published as 79.
    let site = with_values("  2019-20 Q2: 79.2\n", "");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("error[too-precise]"), "{run}");
    assert!(run.stderr.contains("children-waiting.md:6:"), "{run}");
    assert!(run.stderr.contains("2019-20 Q2 is 79.2"), "{run}");
    assert!(run.stderr.contains("`decimals: 1`"), "{run}");
    let findings = check_findings(&site);
    assert!(
        findings.iter().any(|f| f.0 == "too-precise"
            && f.1 == "content/indicators/children-waiting.md"
            && f.2 == Some(6)),
        "{findings:?}"
    );
    // Set `decimals`, and it builds as written.
    let site = with_values("  2019-20 Q2: 79.2\n", "decimals: 1\n");
    site.build_ok(&[]);
    // 78.90 is 78.9 as YAML reads it: one place, fine at `decimals: 1`.
    let site = with_values("  2019-20 Q2: 78.90\n", "decimals: 1\n");
    site.build_ok(&[]);
    // A target too.
    let site = fixture("valid");
    site.replace(
        "content/indicators/children-waiting.md",
        "  2019-20: 20\n",
        "  2019-20: 20.5\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("error[too-precise]")
            && run.stderr.contains("target for 2019-20 is 20.5"),
        "{run}"
    );
    // A numerator and denominator count: whole numbers.
    let site = fixture("valid");
    site.replace(
        "content/indicators/assessments-on-time.md",
        "  2019-20 Q1: 82.0",
        "  2019-20 Q1: { numerator: 3.5, denominator: 82 }",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("error[too-precise]")
            && run.stderr.contains("numerator for 2019-20 Q1 is 3.5"),
        "{run}"
    );
}

#[test]
fn import_refuses_a_figure_more_precise_than_published() {
    let site = fixture("valid");
    let before = site.read("content/indicators/children-waiting.md");
    let sheet = site.root.join("figures.csv");
    std::fs::write(
        &sheet,
        "indicator,period,value\nchildren-waiting,2019-20 Q3,79.2\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["import", "--root"])
        .arg(&site.root)
        .arg(&sheet)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("too-precise") && stderr.contains("79.2"),
        "{stderr}"
    );
    assert_eq!(site.read("content/indicators/children-waiting.md"), before);
}
