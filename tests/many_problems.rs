//! One mistake made many times: `build` and `check` print the first 50 problems of
//! each code and count the rest ("and 70 more of this kind"), and the JSON keeps
//! every one; a report listing 40,000 unknown ids is reported the same way.

mod common;

use common::*;
use std::process::Command;

#[test]
fn one_mistake_made_many_times_prints_fifty_and_counts_the_rest() {
    // 120 indicators that no report or target year lists: 120 `orphan-indicator`
    // warnings, and one figure of each too precise: 120 `too-precise` errors.
    let site = fixture("valid");
    for i in 0..120 {
        site.write(
            &format!("content/indicators/extra-{i:03}.md"),
            &format!("---\ntitle: Extra {i}\nunit: count\ndirection: higher\nvalues:\n  2019-20 Q2: {i}.5\n---\nAn extra.\n"),
        );
        site.write(
            &format!("content/indicators/extra-{i:03}.cy.md"),
            &format!("---\ntitle: Ychwanegol {i}\n---\nYchwanegol.\n"),
        );
    }
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    let count = |text: &str, head: &str| text.lines().filter(|l| l.starts_with(head)).count();
    assert_eq!(
        count(&run.stderr, "error[too-precise]: content/"),
        50,
        "{run}"
    );
    assert_eq!(
        count(&run.stderr, "warning[orphan-indicator]: content/"),
        50,
        "{run}"
    );
    assert!(
        run.stderr
            .contains("error[too-precise]: and 70 more of this kind"),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("warning[orphan-indicator]: and 70 more of this kind"),
        "{run}"
    );
    // Counted in full all the same.
    assert!(
        run.stderr
            .contains("The build failed with 120 errors (and 120 warnings)"),
        "{run}"
    );

    let text = Command::new(BIN)
        .args(["check", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert_eq!(
        text.matches("error[too-precise]: content/indicators/")
            .count(),
        50,
        "{text}"
    );
    assert!(
        text.contains("error[too-precise]: and 70 more of this kind"),
        "{text}"
    );
    assert!(text.contains("120 errors"), "{text}");
    // The JSON, for tools, lists every one.
    let findings = check_findings(&site);
    assert_eq!(
        findings.iter().filter(|f| f.0 == "too-precise").count(),
        120
    );
}

#[test]
fn a_report_listing_forty_thousand_unknown_ids_prints_fifty() {
    // Each id's line was once looked up from the top of the file: 40,000 of them
    // took 24 s of CPU. Now the file's lines are found once (no timing here: the
    // output's shape, which printing them all would not have).
    let site = fixture("valid");
    let ids: String = (0..40_000)
        .map(|i| format!("      - no-such-indicator-{i:05}\n"))
        .collect();
    site.replace(
        "content/reports/2019-20-q2.md",
        "      - children-waiting\n",
        &format!("      - children-waiting\n{ids}"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let head = "error[unknown-indicator]: content/reports/2019-20-q2.md:";
    assert_eq!(
        run.stderr.lines().filter(|l| l.starts_with(head)).count(),
        50
    );
    // Placed at their own lines, with their own snippets.
    assert!(
        run.stderr.contains(&format!(
            "{head}17:9: no indicator has the id `no-such-indicator-00000`"
        )),
        "{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );
    assert!(run.stderr.contains(" 17 |       - no-such-indicator-00000"));
    assert!(
        run.stderr
            .contains("error[unknown-indicator]: and 39950 more of this kind")
    );
    assert!(run.stderr.contains("The build failed with 40000 errors"));
}
