//! XLSX and ODS workbooks: cells named as a spreadsheet names them.

use super::common::{assert_same_tree, fixture, snapshot};
use super::*;

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
