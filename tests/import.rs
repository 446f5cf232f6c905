//! `dangos import` and `dangos export`, end to end: the real binary, real CSV and
//! XLSX files, and a copy of a site whose indicators are YAML (with comments, `/`
//! spellings, flow fractions, a missing `values:`) and TOML.

mod common;
mod preview;

use common::{Run, Site, assert_same_tree, dangos, fixture, one_text, page, snapshot};
use std::path::{Path, PathBuf};

/// Runs `dangos import --root ROOT FILE ARGS...`.
fn import(site: &Site, file: &Path, args: &[&str]) -> Run {
    let mut all = vec![
        "import",
        "--root",
        site.root.to_str().unwrap(),
        file.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    dangos(&all)
}

/// Writes an import file beside the site (not in it, so snapshots of the site see
/// only what the import changed).
fn sheet(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.root.parent().unwrap().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A quarter's figures: by code and by id, a fraction, a TOML file, a file with no
/// `values:` yet, an unchanged target, and commentary that needs quoting.
const Q3: &str = "Indicator,Period,Value,Numerator,Denominator,Target,Commentary,Notes
TST 01,2019-20 Q3,80.5,,,,\"- Up: 3 \"\"points\"\" # since Q2 — ŵyr\",checked
re-referrals,2019/20 Q3,,4,90,,,
visit-length,2019-20 q3,190,,,not-appropriate,,
children-waiting,2019-20 Q3,25,,,,,
children-waiting,2019-20 Q4,,,,,,no return yet
";

const AOT: &str = "content/indicators/assessments-on-time.md";
const AOT_CY: &str = "content/indicators/assessments-on-time.cy.md";
const RR: &str = "content/indicators/re-referrals.md";
const VL: &str = "content/indicators/visit-length.md";
const CW: &str = "content/indicators/children-waiting.md";

/// Replaces the one `from` in `text`.
fn with(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` in\n{text}");
    text.replacen(from, to, 1)
}

/// The files as Q3 should leave them: each exactly as before, plus the new lines.
fn expected_after_q3(before: &Site) -> Vec<(&'static str, String)> {
    vec![
        (
            AOT,
            with(
                &with(
                    &before.read(AOT),
                    "  2019/20 Q2: 78.0   # revised in October\n",
                    "  2019/20 Q2: 78.0   # revised in October\n  2019/20 Q3: 80.5\n",
                ),
                "  2019/20 Q2: Slightly below target because of staff sickness.\n",
                "  2019/20 Q2: Slightly below target because of staff sickness.\n  2019/20 Q3: \"- Up: 3 \\\"points\\\" # since Q2 — ŵyr\"\n",
            ),
        ),
        (
            AOT_CY,
            with(
                &before.read(AOT_CY),
                "  2019/20 Q2: Ychydig o dan y targed oherwydd salwch staff.\n",
                "  2019/20 Q2: Ychydig o dan y targed oherwydd salwch staff.\n  2019/20 Q3: \"TODO: translate: - Up: 3 \\\"points\\\" # since Q2 — ŵyr\"\n",
            ),
        ),
        (
            RR,
            with(
                &before.read(RR),
                "  2019-20 Q2: { numerator: 3, denominator: 82 }\n",
                "  2019-20 Q2: { numerator: 3, denominator: 82 }\n  2019-20 Q3: { numerator: 4, denominator: 90 }\n",
            ),
        ),
        (
            VL,
            with(
                &before.read(VL),
                "\"2019-20 Q2\" = 184\n",
                "\"2019-20 Q2\" = 184\n\"2019-20 Q3\" = 190\n",
            ),
        ),
        (
            CW,
            with(
                &before.read(CW),
                "direction: lower\n",
                "direction: lower\nvalues:\n  2019-20 Q3: 25\n",
            ),
        ),
    ]
}

/// Imports `file` into a fresh copy of the fixture and checks every file: the five
/// edited exactly as expected, every other byte of the site as it was.
fn imports_q3(file_name: &str, bytes: &[u8]) -> (Site, Run) {
    let site = fixture("import");
    let file = sheet(&site, file_name, bytes);
    let mut want = snapshot(&site);
    for (rel, text) in expected_after_q3(&site) {
        want.insert(rel.to_string(), text.into_bytes());
    }
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 0, "{run}");
    for (rel, text) in expected_after_q3(&fixture("import")) {
        assert_eq!(site.read(rel), text, "{rel}");
    }
    assert_same_tree(&want, &snapshot(&site), "only the five files change");
    (site, run)
}

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
fn an_xlsx_sheet_lands_the_same_and_a_bad_cell_is_named() {
    use rust_xlsxwriter::{Format, Workbook};
    let site = fixture("import");
    let path = site.root.parent().unwrap().join("q3.xlsx");
    let write = |value: &str, percent_formatted: bool| {
        let mut book = Workbook::new();
        book.add_worksheet().set_name("Notes").unwrap();
        let ws = book.add_worksheet();
        ws.set_name("Q3").unwrap();
        for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "children-waiting").unwrap();
        ws.write_string(1, 1, "2019-20 Q3").unwrap();
        ws.write_number(1, 2, 25).unwrap();
        ws.write_string(2, 0, "visit-length").unwrap();
        ws.write_string(2, 1, "2019-20 Q3").unwrap();
        match value.parse::<f64>() {
            Ok(n) => ws.write_number(2, 2, n).unwrap(),
            Err(_) => ws.write_string(2, 2, value).unwrap(),
        };
        ws.write_string(3, 0, "TST 01").unwrap();
        ws.write_string(3, 1, "2019-20 Q3").unwrap();
        if percent_formatted {
            let pct = Format::new().set_num_format("0.0%");
            ws.write_number_with_format(3, 2, 0.805, &pct).unwrap();
        } else {
            ws.write_number(3, 2, 80.5).unwrap();
        }
        book.save(&path).unwrap();
    };

    // A unit in a number cell, and a cell that shows 80.5% but holds 0.805: each
    // cell is named, and nothing is written.
    write("190 days", true);
    let before = snapshot(&site);
    let run = import(&site, &path, &["--sheet", "Q3"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("Q3!C3 (column `value`): `190 days` is a number with a unit"),
        "{run}"
    );
    assert!(run.stderr.contains("write the number alone, 190"), "{run}");
    assert!(
        run.stderr.contains(
            "Q3!C4 (column `value`): the cell is formatted as a percentage, so it holds 0.805 (shown as 80.5%)"
        ),
        "{run}"
    );
    assert!(run.stderr.contains("type 80.5"), "{run}");
    assert!(run.stderr.contains("Nothing was written"), "{run}");
    assert_same_tree(&before, &snapshot(&site), "a bad cell writes nothing");

    // Without --sheet the first sheet is read, which has no figures.
    let run = import(&site, &path, &[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("sheet `Notes` is empty"), "{run}");

    write("190", false);
    let run = import(&site, &path, &["--sheet", "Q3"]);
    assert_eq!(run.code, 0, "{run}");
    let fresh = fixture("import");
    for (rel, text) in expected_after_q3(&fresh) {
        if rel == VL || rel == CW {
            assert_eq!(site.read(rel), text, "{rel}");
        }
    }
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
        "bad.csv:5: column `value`: `1,754` has separators in it",
        "write 1754, without separators",
        "bad.csv:6: column `numerator`: visit-length is not a percentage (its unit is days)",
        "bad.csv:7: column `value`: `n/a` is not a number",
    ] {
        assert!(run.stderr.contains(needle), "{needle}\n{run}");
    }
    assert_same_tree(&before, &snapshot(&site), "bad rows write nothing");
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
            "{RR}:{line}:1: `values` is written as a flow mapping"
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

/// A minimal OpenDocument spreadsheet: one sheet of text and number cells.
fn ods(path: &Path, sheet_name: &str, rows: &[&[&str]]) {
    use std::io::Write as _;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            if cell.parse::<f64>().is_ok() {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{cell}\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet_name}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_ods_sheet_lands_the_same_and_a_bad_cell_is_named() {
    let site = fixture("import");
    let path = site.root.parent().unwrap().join("q3.ods");
    ods(
        &path,
        "Chwarter 3",
        &[
            &["indicator", "period", "value"],
            &["children-waiting", "2019-20 Q3", "25"],
            &["visit-length", "2019-20 Q3", "about 190"],
        ],
    );
    let before = snapshot(&site);
    let run = import(&site, &path, &[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("'Chwarter 3'!C3 (column `value`): `about 190` is not a number"),
        "{run}"
    );
    assert_same_tree(&before, &snapshot(&site), "a bad cell writes nothing");

    std::fs::remove_file(&path).unwrap();
    ods(
        &path,
        "Chwarter 3",
        &[
            &["indicator", "period", "value"],
            &["children-waiting", "2019-20 Q3", "25"],
            &["visit-length", "2019-20 Q3", "190"],
        ],
    );
    let run = import(&site, &path, &["--sheet", "Chwarter 3"]);
    assert_eq!(run.code, 0, "{run}");
    for (rel, text) in expected_after_q3(&fixture("import")) {
        if rel == VL || rel == CW {
            assert_eq!(site.read(rel), text, "{rel}");
        }
    }
}

#[test]
fn a_figure_given_twice_must_agree_and_an_unreadable_file_is_named() {
    let site = fixture("import");
    site.replace(RR, "unit: percent", "unit: percent\nunit: count");
    let file = sheet(
        &site,
        "twice.csv",
        b"indicator,period,value,target\n\
          children-waiting,2019-20 Q3,25,20\n\
          children-waiting,2019-20 Q4,26,21\n\
          children-waiting,2019-20 Q3,25.0,\n\
          re-referrals,2019-20 Q3,5,\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    // The target is per year: Q4's row says 21 for the year Q3's row says 20 for.
    assert!(
        run.stderr.contains(
            "twice.csv:3: column `target`: targets for children-waiting 2019-20 is 21 here, but line 2 says 20"
        ),
        "{run}"
    );
    // 25 and 25.0 agree.
    assert!(!run.stderr.contains("twice.csv:4"), "{run}");
    assert!(
        run.stderr
            .contains("content/indicators/re-referrals.md could not be read"),
        "{run}"
    );
    assert_same_tree(&before, &snapshot(&site), "nothing is written");
}
