//! Open data that programs read: in every CSV file a site publishes (each
//! indicator's, each report's, `data/indicators.csv`), the value, numerator,
//! denominator and target columns hold a plain number or nothing, and the shorthand
//! for a missing or marked figure is in the marker columns beside them; the JSON has
//! `null` and the same markers. Words a spreadsheet would run as a formula are
//! written with a leading `'` (OWASP's advice on CSV injection).

mod common;

use common::{Site, example_site, fixture};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The headings of the number columns and of their marker columns, in one language.
struct Headings {
    value: &'static str,
    numerator: &'static str,
    denominator: &'static str,
    target: &'static str,
    marker: &'static str,
    target_marker: &'static str,
    title: &'static str,
    commentary: &'static str,
    period: &'static str,
    indicator: &'static str,
}

fn headings(lang: &str) -> Headings {
    match lang {
        "cy" => Headings {
            value: "Gwerth",
            numerator: "Rhifiadur",
            denominator: "Enwadur",
            target: "Targed",
            marker: "Symbol",
            target_marker: "Symbol y targed",
            title: "Dangosydd",
            commentary: "Sylwebaeth",
            period: "Cyfnod",
            indicator: "Dynodydd y dangosydd",
        },
        _ => Headings {
            value: "Value",
            numerator: "Numerator",
            denominator: "Denominator",
            target: "Target",
            marker: "Marker",
            target_marker: "Target marker",
            title: "Indicator",
            commentary: "Commentary",
            period: "Period",
            indicator: "Indicator ID",
        },
    }
}

/// A number as the data files write it: an optional minus, digits, and decimals
/// without trailing zeros (`1754`, `31.3`, `0.25`), nothing else.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, decimals) = match digits.split_once('.') {
        Some((w, d)) => (w, Some(d)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole)
        && decimals.is_none_or(|d| all_digits(d) && !d.ends_with('0'))
        && s.parse::<f64>().is_ok()
}

/// Whether a spreadsheet program would run `cell` as a formula (OWASP): it begins
/// with `=`, `+`, `-` (and is not a number), `@`, a tab or a carriage return.
fn runs_as_formula(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => !is_plain_number(cell),
        _ => false,
    }
}

/// One row of a CSV file, by heading.
type Row = std::collections::BTreeMap<String, String>;

/// Every CSV file under `public`, with its language and its rows.
fn csv_files(public: &Path) -> Vec<(String, PathBuf, Vec<Row>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(public) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let lang = path
            .strip_prefix(public)
            .unwrap()
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        // The `csv` crate, as a program reading the file would.
        let bytes = std::fs::read(&path).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows = reader
            .records()
            .map(|r| {
                let r = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(String::from))
                    .collect()
            })
            .collect();
        files.push((lang, path, rows));
    }
    files
}

/// What [`numbers_or_nothing`] found: enough to know it looked at what it should.
#[derive(Default, Debug)]
struct Seen {
    files: usize,
    rows: usize,
    values: usize,
    missing_values: usize,
    target_markers: usize,
}

/// Checks every CSV file under `public`: number columns hold a plain number or
/// nothing, a missing value is `[x]` in the marker column, a target that is not a
/// figure has its marker, and no cell would run as a formula.
fn numbers_or_nothing(public: &Path) -> Seen {
    let mut seen = Seen::default();
    for (lang, path, rows) in csv_files(public) {
        let h = headings(&lang);
        let file = path.strip_prefix(public).unwrap().display().to_string();
        seen.files += 1;
        for row in rows {
            seen.rows += 1;
            let cell = |name: &str| {
                row.get(name)
                    .unwrap_or_else(|| panic!("{file}: no column `{name}` in {row:?}"))
                    .as_str()
            };
            for name in [h.value, h.numerator, h.denominator, h.target] {
                let c = cell(name);
                assert!(
                    c.is_empty() || is_plain_number(c),
                    "{file}: `{name}` holds `{c}`, not a number or nothing: {row:?}"
                );
            }
            let (value, marker) = (cell(h.value), cell(h.marker));
            assert!(
                ["", "[x]", "[p]", "[r]", "[p] [r]"].contains(&marker),
                "{file}: marker `{marker}`"
            );
            if value.is_empty() {
                seen.missing_values += 1;
                assert_eq!(marker, "[x]", "{file}: an empty value is marked: {row:?}");
                assert_eq!(cell(h.numerator), "", "{file}: {row:?}");
                assert_eq!(cell(h.denominator), "", "{file}: {row:?}");
            } else {
                seen.values += 1;
                assert_ne!(marker, "[x]", "{file}: a value is available: {row:?}");
            }
            assert_eq!(
                cell(h.numerator).is_empty(),
                cell(h.denominator).is_empty(),
                "{file}: {row:?}"
            );
            let target_marker = cell(h.target_marker);
            assert!(
                ["", "[x]", "[z]"].contains(&target_marker),
                "{file}: target marker `{target_marker}`"
            );
            if !target_marker.is_empty() {
                seen.target_markers += 1;
                assert_eq!(cell(h.target), "", "{file}: {row:?}");
            }
            for (name, c) in &row {
                assert!(
                    !runs_as_formula(c),
                    "{file}: `{name}` would run as a formula: `{c}`"
                );
            }
        }
    }
    seen
}

/// Every figure in the JSON files: numbers or `null`, with the same markers.
fn json_numbers_or_null(public: &Path) -> usize {
    let mut figures = 0;
    let mut check = |f: &Value, file: &str| {
        figures += 1;
        for key in ["value", "numerator", "denominator", "target"] {
            assert!(
                f[key].is_null() || f[key].is_number(),
                "{file}: `{key}` is {}",
                f[key]
            );
        }
        assert_eq!(f["value"].is_null(), f["marker"] == "[x]", "{file}: {f}");
        assert!(
            f["target_marker"].is_null() || f["target"].is_null(),
            "{file}: {f}"
        );
    };
    for entry in walkdir::WalkDir::new(public) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let file = path.display().to_string();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for ind in json["indicators"].as_array().into_iter().flatten() {
            ind["figures"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(|f| check(f, &file));
            for t in ind["targets"].as_array().unwrap() {
                assert!(t["target"].is_null() || t["target"].is_number(), "{t}");
                assert_eq!(t["target"].is_null(), !t["target_marker"].is_null(), "{t}");
            }
        }
        for section in json["sections"].as_array().into_iter().flatten() {
            for ind in section["indicators"].as_array().unwrap() {
                check(&ind["figure"], &file);
            }
        }
    }
    figures
}

#[test]
fn the_example_publishes_numbers_or_nothing() {
    let site = example_site();
    site.build_ok(&[]);
    let seen = numbers_or_nothing(&site.public());
    // Each language: a file per indicator (42), the report's, the site-wide file.
    assert!(seen.files >= 2 * (42 + 1 + 1), "{seen:?}");
    assert!(seen.values >= 48 && seen.target_markers > 0, "{seen:?}");
    assert!(json_numbers_or_null(&site.public()) >= 36);
}

/// The travel fixture (gaps, provisional and revised figures, lower-is-better and
/// neither) with one more indicator: no figure for the report's quarter, a target not
/// stated and one not appropriate, and words a spreadsheet would run as formulas.
fn site_with_gaps() -> Site {
    let site = fixture("travel");
    site.write(
        "content/indicators/missing.md",
        "---
title: \"=SUM(1+2) children waiting\"
unit: count
direction: lower
values:
  2018-19 Q2: 4
targets:
  2018-19: not-appropriate
  2019-20: not-stated
commentary:
  2018-19 Q2: \"@team: four were waiting\"
  2019-20 Q2: \"-3 on the quarter before; no figure yet.\"
rationale:
  2018-19: Demand-led.
---
Children waiting.
",
    );
    site.write(
        "content/indicators/missing.cy.md",
        "---
title: \"+1 o blant yn aros\"
commentary:
  2018-19 Q2: \"@tîm: roedd pedwar yn aros\"
  2019-20 Q2: \"-3 o’i gymharu â’r chwarter cynt; dim ffigur eto.\"
rationale:
  2018-19: Yn dibynnu ar y galw.
---
Plant yn aros.
",
    );
    site.replace(
        "content/reports/2019-20-q2.md",
        "[neither, gappy]",
        "[neither, gappy, missing]",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn a_site_with_gaps_publishes_numbers_or_nothing_and_marks_what_is_missing() {
    let site = site_with_gaps();
    let public = site.public();
    let seen = numbers_or_nothing(&public);
    assert!(
        seen.missing_values >= 6 && seen.target_markers >= 6,
        "{seen:?}"
    );
    json_numbers_or_null(&public);
    for lang in ["en", "cy"] {
        let h = headings(lang);
        // The indicator's file, the report's and the site-wide file: the quarter with
        // no figure has an empty value and `[x]` beside it.
        for file in [
            "indicators/missing/missing.csv",
            "reports/2019-20-q2/2019-20-q2.csv",
            "data/indicators.csv",
        ] {
            let rows: Vec<Row> = csv_files(&public)
                .into_iter()
                .find(|(_, p, _)| p.ends_with(format!("{lang}/{file}")))
                .unwrap_or_else(|| panic!("no {lang}/{file}"))
                .2;
            let row = |period: &str| {
                rows.iter()
                    .find(|r| {
                        r.get(h.indicator).is_none_or(|i| i == "missing") && r[h.period] == period
                    })
                    .unwrap_or_else(|| panic!("{lang}/{file}: no row for {period}"))
            };
            let q2 = row("2019-20 Q2");
            assert_eq!(
                (q2[h.value].as_str(), q2[h.marker].as_str()),
                ("", "[x]"),
                "{lang}/{file}"
            );
            assert_eq!(
                (q2[h.target].as_str(), q2[h.target_marker].as_str()),
                ("", "[x]"),
                "{lang}/{file}: a target not stated"
            );
            if file.starts_with("reports/") {
                continue;
            }
            let earlier = row("2018-19 Q2");
            assert_eq!(
                (earlier[h.value].as_str(), earlier[h.marker].as_str()),
                ("4", "")
            );
            assert_eq!(
                (
                    earlier[h.target].as_str(),
                    earlier[h.target_marker].as_str()
                ),
                ("", "[z]"),
                "{lang}/{file}: target setting not appropriate"
            );
        }
    }
    // The JSON: `null` and the markers.
    let json: Value = serde_json::from_str(&site.read("public/en/data/indicators.json")).unwrap();
    let missing = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"] == "missing")
        .unwrap();
    let q2 = missing["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["period"] == "2019-20 Q2")
        .unwrap();
    assert!(q2["value"].is_null(), "{q2}");
    assert_eq!(q2["marker"], "[x]");
    assert!(q2["target"].is_null());
    assert_eq!(q2["target_marker"], "[x]");
    let targets = missing["targets"].as_array().unwrap();
    assert_eq!(targets[0]["target_marker"], "[z]", "{missing}");
    assert_eq!(targets[1]["target_marker"], "[x]", "{missing}");
}

#[test]
fn words_a_spreadsheet_would_run_are_written_with_a_leading_apostrophe() {
    let site = site_with_gaps();
    let public = site.public();
    for (lang, title, commentary) in [
        (
            "en",
            "'=SUM(1+2) children waiting",
            "'-3 on the quarter before; no figure yet.",
        ),
        (
            "cy",
            "'+1 o blant yn aros",
            "'-3 o’i gymharu â’r chwarter cynt; dim ffigur eto.",
        ),
    ] {
        let h = headings(lang);
        for (_, path, rows) in csv_files(&public.join(lang)) {
            let path = path.display().to_string();
            if !path.contains("missing") && !path.contains("2019-20-q2") && !path.contains("data/")
            {
                continue;
            }
            for row in rows
                .iter()
                .filter(|r| r.get(h.indicator).is_none_or(|i| i == "missing"))
            {
                if let Some(t) = row.get(h.title) {
                    assert_eq!(t, title, "{path}");
                }
                if row[h.period] == "2019-20 Q2" {
                    assert_eq!(row[h.commentary], commentary, "{path}");
                }
                if row[h.period] == "2018-19 Q2" {
                    assert!(row[h.commentary].starts_with("'@t"), "{row:?}");
                }
            }
        }
        // JSON is for programs, which run nothing: the words as written.
        let json: Value = serde_json::from_str(
            &site.read(&format!("public/{lang}/reports/2019-20-q2/2019-20-q2.json")),
        )
        .unwrap();
        let row = json["sections"][1]["indicators"][2].clone();
        assert_eq!(row["indicator"], "missing");
        assert_eq!(row["title"].as_str(), title.strip_prefix('\''));
    }
    // The indicator's own file has no title column, but its words are neutralised too.
    let en = std::fs::read_to_string(public.join("en/indicators/missing/missing.csv")).unwrap();
    assert!(en.contains("'-3 on the quarter before"), "{en}");
}
