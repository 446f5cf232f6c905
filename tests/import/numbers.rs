//! Numbers from spreadsheets set up for any language: semicolons and commas between
//! fields, decimal commas and points, thousands separators; a number that reads two
//! ways refused with both readings and the option that settles it.

use super::*;

/// Lets the fixture's percentage (`AOT`) and days (`VL`) indicators publish two
/// decimal places, so figures such as 1.85 and 190.25 are theirs to hold: a figure
/// with more places than its indicator publishes is refused (`too-precise`).
fn two_places(site: &Site) {
    site.write(
        AOT,
        &site.read(AOT).replacen("decimals: 1\n", "decimals: 2\n", 1),
    );
    let vl = site.read(VL);
    assert!(vl.contains("direction = \"lower\"\n"));
    site.write(
        VL,
        &vl.replacen(
            "direction = \"lower\"\n",
            "direction = \"lower\"\ndecimals = 2\n",
            1,
        ),
    );
}

/// The file's line for `period` in the indicator file `rel`.
fn has(site: &Site, rel: &str, line: &str) -> bool {
    site.read(rel).lines().any(|l| l.trim() == line)
}

#[test]
fn a_semicolon_file_with_decimal_commas_reads_every_number_as_meant() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "q3.csv",
        "indicator;period;value\r\n\
         children-waiting;2019-20 Q3;1.850\r\n\
         visit-length;2019-20 Q3;190\r\n\
         TST 01;2019-20 Q3;78,9\r\n"
            .as_bytes(),
    );
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains(
            "as CSV: fields separated by semicolons; numbers with a decimal comma (as line 4 shows: `78,9`)."
        ),
        "{run}"
    );
    // `1.850` is 1,850 people in a file whose decimal mark is a comma.
    assert!(has(&site, CW, "2019-20 Q3: 1850"), "{}", site.read(CW));
    assert!(has(&site, AOT, "2019/20 Q3: 78.9"), "{}", site.read(AOT));
    assert!(has(&site, VL, "\"2019-20 Q3\" = 190"), "{}", site.read(VL));
    assert_no_leftovers(&site, "an import");
}

#[test]
fn a_comma_file_with_decimal_points_and_thousands_separators_reads_the_same() {
    let site = fixture("import");
    two_places(&site);
    let file = sheet(
        &site,
        "q3.csv",
        b"indicator,period,value\n\
          children-waiting,2019-20 Q3,\"1,850\"\n\
          visit-length,2019-20 Q3,\"1,250.5\"\n\
          TST 01,2019-20 Q3,78.9\n",
    );
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains(
            "fields separated by commas; numbers with a decimal point (as line 3 shows: `1,250.5`)."
        ),
        "{run}"
    );
    assert!(has(&site, CW, "2019-20 Q3: 1850"), "{}", site.read(CW));
    assert!(
        has(&site, VL, "\"2019-20 Q3\" = 1250.5"),
        "{}",
        site.read(VL)
    );
    assert!(has(&site, AOT, "2019/20 Q3: 78.9"), "{}", site.read(AOT));
}

#[test]
fn a_number_that_reads_two_ways_is_refused_until_an_option_says_which() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "q3.csv",
        b"indicator;period;value\nchildren-waiting;2019-20 Q3;1.850\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    for needle in [
        "fields separated by semicolons; no number shows which decimal mark the file uses.",
        "error[ambiguous-number]: ",
        "q3.csv:2: column `value`: `1.850` reads two ways: 1.85 with a decimal point, or 1850 with a decimal comma, and no other number in the file says which",
        "help: import with --decimal-point if it is 1.85, or --decimal-comma if it is 1850",
    ] {
        assert!(run.stderr.contains(needle), "{needle}\n{run}");
    }
    assert_same_tree(
        &before,
        &snapshot(&site),
        "an ambiguous number writes nothing",
    );

    let run = import(&site, &file, &["--decimal-comma"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr
            .contains("numbers with a decimal comma (as --decimal-comma says)."),
        "{run}"
    );
    assert!(has(&site, CW, "2019-20 Q3: 1850"), "{}", site.read(CW));

    // The other reading, into a percentage.
    let site = fixture("import");
    two_places(&site);
    let file = sheet(
        &site,
        "q3.csv",
        b"indicator;period;value\nTST 01;2019-20 Q3;1.850\n",
    );
    let run = import(&site, &file, &["--decimal-point"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(has(&site, AOT, "2019/20 Q3: 1.85"), "{}", site.read(AOT));
    let both = dangos_in(
        &site,
        &["import", "--decimal-point", "--decimal-comma", "x.csv"],
        &[],
    );
    assert_eq!(both.code, 2, "{both}");
}

#[test]
fn numbers_in_two_decimal_marks_are_refused_and_advice_keeps_the_number() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "mixed.csv",
        b"indicator;period;value\n\
          TST 01;2019-20 Q3;78,9\n\
          visit-length;2019-20 Q3;80.5\n\
          children-waiting;2019-20 Q3;12,5 %\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    for needle in [
        "error[mixed-decimals]: ",
        "mixed.csv:3: column `value`: `80.5` has a decimal point, but line 2 has a decimal comma: `78,9`",
        "error[import-number]: ",
        "mixed.csv:4: column `value`: `12,5 %` is a number with a unit (`%`)",
        "write the number alone, 12,5:",
    ] {
        assert!(run.stderr.contains(needle), "{needle}\n{run}");
    }
    // Never a number other than the one written: not 789, not 125.
    for help in run
        .stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("help:"))
    {
        assert!(
            !help.contains("789") && !help.contains("125"),
            "{help}\n{run}"
        );
    }
    assert_same_tree(&before, &snapshot(&site), "nothing is written");

    // An option given, a number in the other mark is named with it.
    let file = sheet(
        &site,
        "point.csv",
        b"indicator;period;value\nvisit-length;2019-20 Q3;80.5\n",
    );
    let run = import(&site, &file, &["--decimal-comma"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(
            "`80.5` has a decimal point, but this file's numbers have a decimal comma (as --decimal-comma says)"
        ),
        "{run}"
    );
    assert!(
        run.stderr.contains("import with --decimal-point instead"),
        "{run}"
    );
}

/// XLSX number cells are numbers; a number typed as text in a sheet is read as in a
/// CSV file, with the mark the sheet's text numbers show.
#[test]
fn a_sheet_reads_number_cells_as_numbers_and_text_numbers_by_their_mark() {
    use rust_xlsxwriter::Workbook;
    let site = fixture("import");
    two_places(&site);
    let path = site.root.parent().unwrap().join("q3.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Q3").unwrap();
    for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "TST 01").unwrap();
    ws.write_string(1, 1, "2019-20 Q3").unwrap();
    ws.write_string(1, 2, "78,9").unwrap();
    ws.write_string(2, 0, "children-waiting").unwrap();
    ws.write_string(2, 1, "2019-20 Q3").unwrap();
    ws.write_string(2, 2, "1.850").unwrap();
    ws.write_string(3, 0, "visit-length").unwrap();
    ws.write_string(3, 1, "2019-20 Q3").unwrap();
    ws.write_number(3, 2, 190.25).unwrap();
    book.save(&path).unwrap();
    let run = import(&site, &path, &[]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains(
            "Read sheet `Q3` of {}: number cells as numbers; numbers with a decimal comma (as Q3!C2 shows: `78,9`) typed as text."
                .replace("{}", path.to_str().unwrap())
                .as_str()
        ),
        "{run}"
    );
    assert!(has(&site, AOT, "2019/20 Q3: 78.9"), "{}", site.read(AOT));
    assert!(has(&site, CW, "2019-20 Q3: 1850"), "{}", site.read(CW));
    assert!(
        has(&site, VL, "\"2019-20 Q3\" = 190.25"),
        "{}",
        site.read(VL)
    );
}
