//! CSV files: what lands where, what is refused, and the round trip with export.

use super::common::{self, Site, assert_same_tree, dangos, fixture, one_text, page, snapshot};
use super::*;

#[test]
fn a_csv_lands_in_yaml_and_toml_keeping_everything_else() {
    let (site, run) = imports_q3("q3.csv", Q3.as_bytes());
    assert!(
        run.stdout.contains(
            "4 figures added to 4 indicators, 0 changed; 1 commentary added or changed; new period: 2019-20 Q3"
        ),
        "{run}"
    );
    assert!(
        run.stdout.contains("1 entry was already in the files"),
        "{run}"
    );
    assert!(
        run.stdout.contains("1 row without figures passed over"),
        "{run}"
    );
    assert!(run.stdout.contains("Columns not read: Notes."), "{run}");
    assert!(run.stdout.contains(AOT_CY), "{run}");
    assert!(
        run.stderr
            .contains("q3.csv as CSV: fields separated by commas; numbers with a decimal point (as line 2 shows: `80.5`)."),
        "{run}"
    );
    assert_no_leftovers(&site, "an import");

    // Again: nothing changes.
    let before = snapshot(&site);
    let file = site.root.parent().unwrap().join("q3.csv");
    let again = import(&site, &file, &[]);
    assert_eq!(again.code, 0, "{again}");
    assert!(again.stdout.contains("Nothing to change: "), "{again}");
    assert_same_tree(&before, &snapshot(&site), "a re-import changes nothing");

    // And the site builds with the new quarter on the indicator pages.
    site.build_ok(&[]);
    let html = page(
        &site.public(),
        "en/indicators/assessments-on-time/index.html",
    );
    assert_eq!(
        one_text(&html, "p.period", "assessments-on-time"),
        "Quarter 3 2019-20"
    );
    assert!(html.html().contains("80.5%"));
    let html = page(&site.public(), "en/indicators/children-waiting/index.html");
    assert_eq!(
        one_text(&html, "p.period", "children-waiting"),
        "Quarter 3 2019-20"
    );
    let html = page(&site.public(), "cy/indicators/visit-length/index.html");
    assert_eq!(
        one_text(&html, "p.period", "visit-length"),
        "Chwarter 3 2019-20"
    );
}

#[test]
fn a_csv_with_a_byte_order_mark_and_semicolons_reads_the_same() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(Q3.replace(',', ";").replace("\n", "\r\n").as_bytes());
    imports_q3("q3-excel.csv", &bytes);
}

#[test]
fn a_different_figure_is_refused_unless_overwrite() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "revised.csv",
        b"indicator,period,value,target\nTST 01,2019-20 Q2,78.5,80.0\nchildren-waiting,2019-20 Q3,25,\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(&format!(
            "revised.csv:2: column `value`: {AOT} has 78 for 2019-20 Q2 in `values`; this says 78.5"
        )),
        "{run}"
    );
    assert!(run.stderr.contains("--overwrite"), "{run}");
    assert_same_tree(&before, &snapshot(&site), "a conflict writes nothing");

    // --dry-run lists what would change, and writes nothing either.
    let run = import(&site, &file, &["--overwrite", "--dry-run"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout
            .contains("change  values     assessments-on-time 2019-20 Q2: 78 -> 78.5 (line 2)"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("add     values     children-waiting 2019-20 Q3: 25"),
        "{run}"
    );
    assert!(run.stdout.contains("Dry run, nothing written"), "{run}");
    assert_same_tree(&before, &snapshot(&site), "--dry-run writes nothing");

    let run = import(&site, &file, &["--overwrite"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("78 -> 78.5"), "{run}");
    assert!(
        run.stdout
            .contains("1 figure added to 1 indicator, 1 changed"),
        "{run}"
    );
    assert_eq!(
        site.read(AOT),
        with(
            &fixture("import").read(AOT),
            "  2019/20 Q2: 78.0   # revised in October\n",
            "  2019/20 Q2: 78.5   # revised in October\n"
        )
    );
}

#[test]
fn bad_rows_are_all_named_and_nothing_is_written() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "bad.csv",
        "indicator,period,value,numerator,denominator,comentary\n\
         asessments-on-time,2019-20 Q3,80,,,\n\
         children-waiting,2019-20 Q5,1,,,\n\
         children-waiting,2019-20 Q3,12%,,,\n\
         children-waiting,2019-20 Q4,\"1,754\",,,\n\
         visit-length,2019-20 Q3,,3,82,\n\
         children-waiting,2019-20 Q3,n/a,,,\n"
            .as_bytes(),
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    for needle in [
        "bad.csv:1: column `comentary`: `comentary` is not a column dangos reads",
        "did you mean `commentary`?",
        "bad.csv:2: column `indicator`: no indicator has the id or code `asessments-on-time`",
        "did you mean assessments-on-time?",
        "bad.csv:3: column `period`: `2019-20 Q5` is not a period",
        "bad.csv:4: column `value`: `12%` is a number with a unit (`%`)",
        "bad.csv:5: column `value`: `1,754` reads two ways: 1754 with a decimal point, or 1.754 with a decimal comma",
        "import with --decimal-point if it is 1754, or --decimal-comma if it is 1.754",
        "bad.csv:6: column `numerator`: visit-length is not a percentage (its unit is days)",
        "bad.csv:7: column `value`: `n/a` is not a number",
    ] {
        assert!(run.stderr.contains(needle), "{needle}\n{run}");
    }
    assert_same_tree(&before, &snapshot(&site), "bad rows write nothing");
    assert_no_leftovers(&site, "bad rows");
}

#[test]
fn a_values_map_on_one_line_is_refused_with_what_to_do() {
    let site = fixture("import");
    let line = site.replace(
        RR,
        "values:\n  2019-20 Q2: { numerator: 3, denominator: 82 }\n",
        "values: { 2019-20 Q2: { numerator: 3, denominator: 82 } }\n",
    );
    let file = sheet(
        &site,
        "q.csv",
        b"indicator,period,numerator,denominator\nre-referrals,2019-20 Q3,4,90\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(&format!(
            "error[import-write]: {RR}:{line}:1: `values` is written as a flow mapping"
        )),
        "{run}"
    );
    assert!(run.stderr.contains("one entry per line"), "{run}");
    assert_same_tree(&before, &snapshot(&site), "a refused edit writes nothing");
}

#[test]
fn an_import_the_site_would_not_build_with_writes_nothing() {
    // The Welsh file cannot be read: the site would not build, so nothing is written
    // even though every row is good.
    let site = fixture("import");
    site.replace(AOT_CY, "title: Canran", "title Canran");
    let file = sheet(
        &site,
        "q.csv",
        b"indicator,period,value\nchildren-waiting,2019-20 Q3,25\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("`dangos build` would find these problems"),
        "{run}"
    );
    assert!(run.stderr.contains(AOT_CY), "{run}");
    assert_same_tree(
        &before,
        &snapshot(&site),
        "an import that breaks the build writes nothing",
    );
    // Its copy of the site, in which the check failed, is gone too.
    assert_no_leftovers(&site, "a failed check");
}

#[test]
fn an_export_imports_as_no_change_in_csv_and_xlsx() {
    let site = common::example_site();
    let csv = dangos(&["export", "--root", site.root.to_str().unwrap()]);
    assert_eq!(csv.code, 0, "{csv}");
    assert!(
        csv.stdout
            .starts_with("indicator,title,period,value,numerator,denominator,target,commentary\n")
    );
    assert!(csv.stdout.contains("\ncpr-re-registrations,"), "{csv}");
    assert!(csv.stdout.contains(",2019-20 Q2,,3,82,,"), "{csv}");
    round_trip(&site);
    // TOML, `/` spellings, and commentary in a `|` block, which ends in a line break.
    round_trip(&fixture("import"));
}

/// Exports `site` as CSV and XLSX, and imports each back: nothing changes.
fn round_trip(site: &Site) {
    let root = site.root.to_str().unwrap();
    let csv = dangos(&["export", "--root", root]);
    assert_eq!(csv.code, 0, "{csv}");
    let csv_file = sheet(site, "all.csv", csv.stdout.as_bytes());
    let xlsx_file = site.root.parent().unwrap().join("all.xlsx");
    let xlsx = xlsx_file.to_str().unwrap();
    let run = dangos(&[
        "export", "--root", root, "--format", "xlsx", "--output", xlsx,
    ]);
    assert_eq!(run.code, 0, "{run}");
    // Never over a file that exists.
    let again = dangos(&[
        "export", "--root", root, "--format", "xlsx", "--output", xlsx,
    ]);
    assert_eq!(again.code, 1, "{again}");
    assert!(again.stderr.contains("error[export]: "), "{again}");

    let before = snapshot(site);
    for file in [&csv_file, &xlsx_file] {
        let run = import(site, file, &[]);
        assert_eq!(run.code, 0, "{run}");
        assert!(run.stdout.contains("Nothing to change: "), "{run}");
        assert!(!run.stdout.contains("Columns not read"), "{run}");
    }
    assert_same_tree(
        &before,
        &snapshot(site),
        "an unedited export imports as no change",
    );
}

#[test]
fn an_import_shows_in_the_browser_under_serve() {
    let site = common::example_site();
    let (_server, addr) = preview::serve(&site.root, &[]);
    let path = "/en/indicators/fam-kpi-01/";
    let old = preview::get(&addr, path).text();
    assert!(!old.contains("1,802"));
    let mut events = preview::Events::subscribe(&addr, &preview::generation(&old));
    let file = sheet(
        &site,
        "q3.csv",
        b"indicator,period,value\nFAM KPI 01,2019-20 Q3,1802\n",
    );
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(events.next().0, "reload");
    let new = preview::get(&addr, path).text();
    assert!(new.contains("1,802"), "{new}");
}
