//! What an import reports: every problem with its own code, and a flood of bad rows
//! cut to the first 50 of each kind (read in one pass: linear by construction, so
//! not timed here).

use super::*;
use dangos::diagnostics::Code;
use std::collections::BTreeSet;

/// 50,000 rows, each naming a different indicator that does not exist (the worst
/// case for "did you mean": each name is new).
#[test]
fn fifty_thousand_unknown_ids_print_fifty_and_a_count() {
    let site = fixture("import");
    let mut text = String::from("indicator,period,value\n");
    for i in 0..50_000 {
        text.push_str(&format!("nobody-{i},2019-20 Q3,{i}\n"));
    }
    let file = sheet(&site, "flood.csv", text.as_bytes());
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1, "{}", &run.stderr[..2000.min(run.stderr.len())]);
    // Fifty shown, then one line counting the rest.
    assert_eq!(run.stderr.matches("error[import-indicator]").count(), 51);
    assert!(
        run.stderr
            .contains("error[import-indicator]: and 49950 more of this kind"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(2000)..]
    );
    // The first rows are the ones shown, each with its line.
    assert!(
        run.stderr.contains(
            "flood.csv:2: column `indicator`: no indicator has the id or code `nobody-0`"
        )
    );
    assert!(
        run.stderr.lines().count() < 500,
        "{} lines",
        run.stderr.lines().count()
    );
}

/// 50,000 good rows with one bad column each.
#[test]
fn fifty_thousand_bad_cells_print_fifty_and_a_count() {
    let site = fixture("import");
    let mut text = String::from("indicator,period,value,target\n");
    for _ in 0..50_000 {
        text.push_str("children-waiting,2019-20 Q3,25,lots\n");
    }
    let file = sheet(&site, "flood.csv", text.as_bytes());
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.matches("error[import-number]").count(), 51);
    assert!(
        run.stderr
            .contains("error[import-number]: and 49950 more of this kind"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(2000)..]
    );
}

/// Each of the import's own codes names its kind of problem (two, which need a site
/// set up for them, are asserted where they are made: `import-write` in
/// csv.rs, `import-check` in lines.rs).
#[test]
fn every_import_code_names_its_problem() {
    let cases: [(&str, &str, &[&str], &str); 10] = [
        ("x.pdf", "", &[], "import-file"),
        (
            "wide.csv",
            &format!(
                "indicator,period,value{}\nx,y,1{}z\n",
                ",".repeat(70),
                ",".repeat(70)
            ),
            &[],
            "spreadsheet-limit",
        ),
        (
            "c.csv",
            "indicator,period,valeu\nTST 01,2019-20 Q3,1\n",
            &[],
            "import-column",
        ),
        (
            "i.csv",
            "indicator,period,value\nnobody,2019-20 Q3,1\n",
            &[],
            "import-indicator",
        ),
        (
            "p.csv",
            "indicator,period,value\nTST 01,2019-20 Q5,1\n",
            &[],
            "import-period",
        ),
        (
            "n.csv",
            "indicator,period,value\nTST 01,2019-20 Q3,n/a\n",
            &[],
            "import-number",
        ),
        (
            "a.csv",
            "indicator,period,value\nTST 01,2019-20 Q3,\"1,850\"\n",
            &[],
            "ambiguous-number",
        ),
        (
            "m.csv",
            "indicator;period;value\nTST 01;2019-20 Q3;78,9\nvisit-length;2019-20 Q3;80.5\n",
            &[],
            "mixed-decimals",
        ),
        (
            "r.csv",
            "indicator,period,numerator\nTST 01,2019-20 Q3,3\n",
            &[],
            "import-row",
        ),
        (
            "o.csv",
            "indicator,period,value\nTST 01,2019-20 Q2,78.5\n",
            &[],
            "import-conflict",
        ),
    ];
    let site = fixture("import");
    let mut seen = BTreeSet::new();
    for (name, text, args, code) in cases {
        let file = sheet(&site, name, text.as_bytes());
        let run = import(&site, &file, args);
        assert_eq!(run.code, 1, "{name}\n{run}");
        let codes: BTreeSet<&str> = run
            .stderr
            .lines()
            .filter_map(|l| l.strip_prefix("error[")?.split(']').next())
            .collect();
        assert_eq!(codes, BTreeSet::from([code]), "{name}\n{run}");
        assert!(!run.stderr.contains("error[build]"), "{name}\n{run}");
        seen.insert(code);
    }
    seen.extend(["import-write", "import-check"]);
    let all: BTreeSet<&str> = Code::IMPORT.iter().map(|c| c.as_str()).collect();
    assert_eq!(seen, all);
}
