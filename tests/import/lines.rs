//! Problems named at the right line and cell: CSV files saved on Windows (CRLF) and
//! old Macs (CR), and a problem the final check finds, told of the spreadsheet row
//! that brought the figure, not of an indicator file that was never written.

use super::*;

/// A file whose third line names no indicator, in each way of ending lines.
#[test]
fn crlf_and_cr_files_name_and_quote_the_right_line() {
    let site = fixture("import");
    for (name, end) in [("lf.csv", "\n"), ("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        let text = [
            "indicator,period,value",
            "children-waiting,2019-20 Q3,25",
            "nobody,2019-20 Q3,12",
            "visit-length,2019-20 Q3,190",
        ]
        .join(end);
        let file = sheet(&site, name, text.as_bytes());
        let run = import(&site, &file, &[]);
        assert_eq!(run.code, 1, "{name}\n{run}");
        assert!(
            run.stderr.contains(&format!(
                "error[import-indicator]: {}:3: column `indicator`: no indicator has the id or code `nobody`",
                file.display()
            )),
            "{name}\n{run}"
        );
        assert!(
            run.stderr.contains(" 3 | nobody,2019-20 Q3,12\n"),
            "{name}: the third line is quoted, whole\n{run}"
        );
    }
}

/// A quoted cell over two lines moves the lines after it on.
#[test]
fn a_cell_over_two_lines_counts_both() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "two.csv",
        b"indicator,period,value,commentary\r\nchildren-waiting,2019-20 Q3,25,\"Up.\r\nMuch.\"\r\n\r\nvisit-length,2019-20 Q3,lots,\r\n",
    );
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("two.csv:5: column `value`: `lots` is not a number"),
        "{run}"
    );
    assert!(
        run.stderr.contains(" 5 | visit-length,2019-20 Q3,lots,\n"),
        "{run}"
    );
}

/// A percentage over 100 passes the row's own checks; the site's rules (the ones
/// `dangos build` applies) refuse it, and the problem names the CSV line.
#[test]
fn a_failing_final_check_names_the_spreadsheet_row() {
    let site = fixture("import");
    let file = sheet(
        &site,
        "q3.csv",
        b"indicator,period,value\r\nchildren-waiting,2019-20 Q3,25\r\nTST 01,2019-20 Q3,120\r\n",
    );
    let before = snapshot(&site);
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{run}");
    let want = format!(
        "error[percent-over-100]: {}:3: column `value`: the value for 2019-20 Q3 is 120%, but a percentage cannot be above 100 (for {AOT}, which was left as it was)",
        file.display()
    );
    assert!(run.stderr.contains(&want), "{want}\n{run}");
    assert!(run.stderr.contains(" 3 | TST 01,2019-20 Q3,120\n"), "{run}");
    assert!(
        run.stderr
            .contains("help: correct the figure in this row of the spreadsheet"),
        "{run}"
    );
    assert!(!run.stderr.contains("change `unit`"), "{run}");
    assert!(
        run.stderr
            .contains("error[import-check]: with the imported figures"),
        "{run}"
    );
    // Nothing names a line of the indicator's file, which was never written.
    assert!(!run.stderr.contains(&format!("{AOT}:")), "{run}");
    assert_same_tree(&before, &snapshot(&site), "nothing is written");
    assert_no_leftovers(&site, "a failed check");
}

/// The same in a workbook: the cell is named.
#[test]
fn a_failing_final_check_names_the_cell_of_a_sheet() {
    let site = fixture("import");
    let path = site.root.parent().unwrap().join("q3.ods");
    ods(
        &path,
        "Chwarter 3",
        &[
            &["indicator", "period", "target"],
            &["re-referrals", "2019-20 Q3", "150"],
        ],
    );
    // The file's target is 10: replacing it is asked for.
    let run = import(&site, &path, &["--overwrite"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(&format!(
            "error[percent-over-100]: {}: 'Chwarter 3'!C2 (column `target`): the target for 2019-20 is 150%",
            path.display()
        )),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("help: correct the target in this row of the spreadsheet"),
        "{run}"
    );
}
