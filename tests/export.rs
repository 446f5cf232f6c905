//! `dangos export`: figures written by the one formatter of figures (as the site's
//! CSV files write them), words a spreadsheet would run as a formula written with a
//! leading `'` in CSV and as text cells in XLSX, and an export that imports back as
//! no change, in both formats.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Run, Site, assert_same_tree, dangos, fixture, snapshot};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const AOT: &str = "content/indicators/assessments-on-time.md";
const CW: &str = "content/indicators/children-waiting.md";
const RR: &str = "content/indicators/re-referrals.md";
const VL: &str = "content/indicators/visit-length.md";

/// The valid fixture with figures at 0, 1 and 2 decimal places (one written with a
/// trailing zero), a fraction, and commentary that begins as a formula would.
fn site() -> Site {
    let site = fixture("valid");
    // Two decimals; 78.10 is the figure 78.1.
    site.replace(AOT, "decimals: 1", "decimals: 2");
    site.replace(AOT, "  2019-20 Q1: 82.0", "  2019-20 Q1: 82.25");
    site.replace(AOT, "  2019-20 Q2: 78.0", "  2019-20 Q2: 78.10");
    site.replace(
        AOT,
        "  2019-20 Q1: Above target for the first quarter.",
        "  2019-20 Q1: '=HYPERLINK(\"http://example.com\") above target'",
    );
    // A count: no decimals; 1754.0 is the whole number 1754, and 10^15 (the
    // largest whole number the formatter vouches for) has no `.0` either.
    site.replace(
        CW,
        "  2019-20 Q2: 30",
        "  2018-19 Q4: 1000000000000000\n  2019-20 Q1: 1754.0\n  2019-20 Q2: 30",
    );
    site.replace(
        CW,
        "  2019-20 Q2: More children are waiting than planned.",
        "  2019-20 Q2: \"-3 on the quarter before\"",
    );
    // A fraction, and words that begin with `@`.
    site.replace(
        RR,
        "  2019-20 Q2: 3 of the 82 referrals were re-referrals.",
        "  2019-20 Q2: \"@team: +3 of 82\"",
    );
    // One decimal, in TOML; words that begin with a `'` already, then `=`.
    site.replace(
        VL,
        "direction = \"lower\"",
        "direction = \"lower\"\ndecimals = 1",
    );
    site.replace(
        VL,
        "\"2019-20 Q2\" = 184",
        "\"2019-20 Q1\" = 180.5\n\"2019-20 Q2\" = 184",
    );
    site.replace(
        VL,
        "\"2019-20 Q2\" = \"The average visit lasted 184 days.\"",
        "\"2019-20 Q2\" = \"'=already quoted, +1\"",
    );
    site.build_ok(&[]);
    site
}

fn export(site: &Site, args: &[&str]) -> Run {
    let mut all = vec!["export", "--root", site.root.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = dangos(&all);
    assert_eq!(run.code, 0, "{run}");
    run
}

/// A file beside the site (not in it, so a snapshot of the site sees only imports).
fn beside(site: &Site, name: &str) -> PathBuf {
    site.root.parent().unwrap().join(name)
}

/// The export's rows, by indicator and period, each a map of column to cell.
fn rows(csv: &str) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let row: BTreeMap<String, String> = headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect();
            ((row["indicator"].clone(), row["period"].clone()), row)
        })
        .collect()
}

/// Imports `file` into `site`: nothing changes.
fn imports_as_no_change(site: &Site, file: &Path) {
    let before = snapshot(site);
    let run = dangos(&[
        "import",
        "--root",
        site.root.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("Nothing to change: "), "{run}");
    assert_same_tree(
        &before,
        &snapshot(site),
        "an unedited export imports as no change",
    );
}

#[test]
fn figures_are_written_as_the_site_writes_them_and_import_back_unchanged() {
    let site = site();
    let csv = export(&site, &[]).stdout;
    let rows = rows(&csv);
    let cell = |id: &str, period: &str, column: &str| {
        rows[&(id.to_string(), period.to_string())][column].clone()
    };
    let aot = "assessments-on-time";
    assert_eq!(cell(aot, "2019-20 Q1", "value"), "82.25");
    assert_eq!(cell(aot, "2019-20 Q2", "value"), "78.1");
    assert_eq!(cell(aot, "2019-20", "target"), "80");
    assert_eq!(cell("children-waiting", "2019-20 Q1", "value"), "1754");
    assert_eq!(
        cell("children-waiting", "2018-19 Q4", "value"),
        "1000000000000000"
    );
    assert_eq!(cell("visit-length", "2019-20 Q1", "value"), "180.5");
    assert_eq!(cell("visit-length", "2019-20", "target"), "not-appropriate");
    let rr = |c| cell("re-referrals", "2019-20 Q2", c);
    assert_eq!(
        (rr("value"), rr("numerator"), rr("denominator")),
        ("".into(), "3".into(), "82".into())
    );
    assert_eq!(cell("re-referrals", "2019-20", "target"), "10");

    imports_as_no_change(&site, &site_file(&site, "all.csv", &csv));
    let xlsx = beside(&site, "all.xlsx");
    export(
        &site,
        &["--format", "xlsx", "--output", xlsx.to_str().unwrap()],
    );
    imports_as_no_change(&site, &xlsx);
}

fn site_file(site: &Site, name: &str, text: &str) -> PathBuf {
    let path = beside(site, name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn words_a_spreadsheet_would_run_are_neutralised_and_read_back_as_written() {
    let site = site();
    let csv = export(&site, &[]).stdout;
    let rows = rows(&csv);
    let commentary =
        |id: &str, period: &str| rows[&(id.to_string(), period.to_string())]["commentary"].clone();
    assert_eq!(
        commentary("assessments-on-time", "2019-20 Q1"),
        "'=HYPERLINK(\"http://example.com\") above target"
    );
    assert_eq!(
        commentary("children-waiting", "2019-20 Q2"),
        "'-3 on the quarter before"
    );
    assert_eq!(commentary("re-referrals", "2019-20 Q2"), "'@team: +3 of 82");
    // A `'` of its own is kept, behind the one that neutralises.
    assert_eq!(
        commentary("visit-length", "2019-20 Q2"),
        "''=already quoted, +1"
    );
    for row in rows.values() {
        for (column, c) in row {
            let first = c.chars().next();
            let number = c.parse::<f64>().is_ok();
            assert!(
                !matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                    && (first != Some('-') || number),
                "`{column}` would run as a formula: {c}"
            );
        }
    }
    // Imported again, the words are the file's, not the neutralised ones.
    imports_as_no_change(&site, &site_file(&site, "all.csv", &csv));

    // A workbook keeps words in text cells, as written: Excel runs no text cell.
    let xlsx = beside(&site, "all.xlsx");
    export(
        &site,
        &["--format", "xlsx", "--output", xlsx.to_str().unwrap()],
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let formulas = book.worksheet_formula("figures").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the workbook"
    );
    let cells = book.worksheet_range("figures").unwrap();
    let texts: Vec<&str> = cells
        .used_cells()
        .filter_map(|(_, _, c)| match c {
            Data::String(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    for want in [
        "=HYPERLINK(\"http://example.com\") above target",
        "-3 on the quarter before",
        "@team: +3 of 82",
        // Only the `'` that the import takes away is doubled.
        "''=already quoted, +1",
    ] {
        assert!(texts.contains(&want), "no text cell `{want}` in {texts:?}");
    }
    assert!(
        cells
            .used_cells()
            .any(|(_, _, c)| matches!(c, Data::Float(f) if *f == 82.25)),
        "figures stay numbers"
    );
    imports_as_no_change(&site, &xlsx);
}
