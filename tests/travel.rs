//! Direction of travel, the scorecard, actions, and provisional and revised figures,
//! on a fixture of several years of quarters (`tests/fixtures/travel`): what the
//! report and indicator pages show, in both languages, and what the CSV and JSON
//! files publish.
//!
//! The fixture's indicators, for the report's period (2019-20 Q2):
//! - `higher` (percent, higher is better): 65.0 → 70.0 since Q1, 75.0 a year earlier;
//!   off target, with actions; provisional.
//! - `lower` (days, lower is better, no decimals): 13 → 13 since Q1; 15 a year
//!   earlier. Q1 revised.
//! - `first` (percent, lower is better): its first value; Q1 has commentary only.
//! - `neither` (count, neither way better): 120 → 110 since Q1, 100 a year earlier.
//! - `gappy` (count, higher is better): no figure for the three quarters before
//!   (a gap: compared across it with 2018-19 Q2, which it names), 5 a year
//!   earlier; revised.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The fixture, built once for every test here that only reads it.
static BUILT: LazyLock<Site> = LazyLock::new(|| {
    let site = shared_site("travel");
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning["), "{run}");
    site
});

/// (indicator, since the previous period, since a year earlier) for 2019-20 Q2.
const EXPECTED: [(&str, &str, &str); 5] = [
    ("higher", "improved", "worsened"),
    ("lower", "unchanged", "improved"),
    ("first", "not-comparable", "not-comparable"),
    ("neither", "decreased", "increased"),
    ("gappy", "improved", "improved"),
];

/// What each cell of [`EXPECTED`] shows: its movement (`data-movement`), its words
/// with the change, and across a gap the period compared with; the change and the
/// period compared with in data files.
#[allow(clippy::type_complexity)]
fn shown(
    lang: &str,
    id: &str,
) -> [(
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
); 2] {
    let en = lang == "en";
    let w = |e: &'static str, c: &'static str| if en { e } else { c };
    let nc = (None, w("Not comparable", "Dim modd cymharu"), "", "");
    match id {
        "higher" => [
            (
                Some("up"),
                w("Up 5.0 points: improved", "I fyny 5.0 pwynt: wedi gwella"),
                "5",
                "2019-20 Q1",
            ),
            (
                Some("down"),
                w(
                    "Down 5.0 points: worsened",
                    "I lawr 5.0 pwynt: wedi gwaethygu",
                ),
                "-5",
                "2018-19 Q2",
            ),
        ],
        "lower" => [
            (
                Some("level"),
                w("No change", "Dim newid"),
                "0",
                "2019-20 Q1",
            ),
            (
                Some("down"),
                w("Down 2 days: improved", "I lawr 2 ddiwrnod: wedi gwella"),
                "-2",
                "2018-19 Q2",
            ),
        ],
        "first" => [nc, nc],
        "neither" => [
            (
                Some("down"),
                w("Decreased by 10", "Wedi gostwng 10"),
                "-10",
                "2019-20 Q1",
            ),
            (
                Some("up"),
                w("Increased by 10", "Wedi cynyddu 10"),
                "10",
                "2018-19 Q2",
            ),
        ],
        "gappy" => [
            (
                Some("up"),
                w("Up 2: improved", "I fyny 2: wedi gwella"),
                "2",
                "2018-19 Q2",
            ),
            (
                Some("up"),
                w("Up 2: improved", "I fyny 2: wedi gwella"),
                "2",
                "2018-19 Q2",
            ),
        ],
        _ => panic!("{id}"),
    }
}

/// The words `gappy` shows since the previous period: the period compared with,
/// and the quarters with no figure.
fn gap_words(lang: &str) -> &'static str {
    if lang == "en" {
        "(since Quarter 2 2018-19: no figures from Quarter 3 2018-19 to Quarter 1 2019-20)"
    } else {
        "(ers Chwarter 2 2018-19: dim ffigurau o Chwarter 3 2018-19 i Chwarter 1 2019-20)"
    }
}

fn words(lang: &str, code: &str) -> &'static str {
    match (lang, code) {
        ("en", "improved") => "Improved",
        ("en", "worsened") => "Worsened",
        ("en", "unchanged") => "No change",
        ("en", "increased") => "Increased",
        ("en", "decreased") => "Decreased",
        ("en", "not-comparable") => "Not comparable",
        ("cy", "improved") => "Wedi gwella",
        ("cy", "worsened") => "Wedi gwaethygu",
        ("cy", "unchanged") => "Dim newid",
        ("cy", "increased") => "Wedi cynyddu",
        ("cy", "decreased") => "Wedi gostwng",
        ("cy", "not-comparable") => "Dim modd cymharu",
        _ => panic!("{lang} {code}"),
    }
}

/// The travel code of a `.travel` element, from its class.
fn travel_code(el: scraper::ElementRef<'_>) -> String {
    let class = el.value().attr("class").unwrap();
    class
        .split(' ')
        .find_map(|c| c.strip_prefix("travel-"))
        .unwrap_or_else(|| panic!("no travel class in {class}"))
        .to_string()
}

fn json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The CSV headings of the travel columns, per language.
fn travel_headings(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "en" => ("Since the previous period", "Since a year earlier"),
        _ => (
            "Ers y cyfnod blaenorol",
            "Ers yr un cyfnod flwyddyn ynghynt",
        ),
    }
}

#[test]
fn the_report_shows_and_publishes_each_direction_of_travel() {
    let out = BUILT.public();
    for lang in ["en", "cy"] {
        let rel = format!("{lang}/reports/2019-20-q2/index.html");
        let html = page(&out, &rel);
        // The scorecard: a row per indicator, both directions in words and icon.
        for (id, previous, year) in EXPECTED {
            let row = html
                .select(&sel(".scorecard-table tbody tr"))
                .find(|tr| {
                    tr.select(&sel("th a"))
                        .next()
                        .is_some_and(|a| a.value().attr("href") == Some(&format!("#{id}")))
                })
                .unwrap_or_else(|| panic!("{rel}: no scorecard row for {id}"));
            let travels: Vec<_> = row.select(&sel(".travel")).collect();
            assert_eq!(travels.len(), 2, "{rel} {id}");
            for (i, (el, code)) in travels.iter().zip([previous, year]).enumerate() {
                let (movement, label, _, _) = shown(lang, id)[i];
                assert_eq!(travel_code(*el), code, "{rel} {id}");
                assert_eq!(el.value().attr("data-movement"), movement, "{rel} {id}");
                let gap = if id == "gappy" && i == 0 {
                    format!(" {}", gap_words(lang))
                } else {
                    String::new()
                };
                assert_eq!(text(*el), format!("{label}{gap}"), "{rel} {id}");
                // The arrow shows the movement; the judgement is in the words.
                let arrow = el.select(&sel("svg[aria-hidden=true] use")).next();
                let arrow = arrow.and_then(|u| u.value().attr("href"));
                let expected = format!("#travel-icon-{}", movement.unwrap_or("not-comparable"));
                assert_eq!(
                    arrow,
                    Some(expected.as_str()),
                    "{rel} {id}: an arrow beside the words"
                );
            }
            // And the detailed entry says the same.
            let entry: Vec<String> = html
                .select(&sel(&format!("article#{id} .travel")))
                .map(travel_code)
                .collect();
            assert_eq!(entry, [previous, year], "{rel} {id}");
        }
        // Counts by direction above the scorecard: improved twice a year on.
        let counts: BTreeMap<String, (String, String)> = html
            .select(&sel("table.travel-counts tbody tr"))
            .map(|tr| {
                let travel = tr.select(&sel(".travel")).next().unwrap();
                let code = travel_code(travel);
                // A count is of a judgement, whichever way the figures moved: its
                // words, without an amount or a movement.
                assert_eq!(text(travel), words(lang, &code), "{rel}");
                assert_eq!(travel.value().attr("data-movement"), None, "{rel}");
                let n: Vec<String> = tr.select(&sel("td")).map(text).collect();
                (code, (n[0].clone(), n[1].clone()))
            })
            .collect();
        let n = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(counts["improved"], n("2", "2"), "{rel}");
        assert_eq!(counts["worsened"], n("0", "1"), "{rel}");
        assert_eq!(counts["unchanged"], n("1", "0"), "{rel}");
        assert_eq!(counts["increased"], n("0", "1"), "{rel}");
        assert_eq!(counts["decreased"], n("1", "0"), "{rel}");
        assert_eq!(counts["not-comparable"], n("1", "1"), "{rel}");

        // The report's CSV and JSON: the same codes, and the words of the language.
        let (h_prev, h_year) = travel_headings(lang);
        let rows = csv_rows(&out.join(format!("{lang}/reports/2019-20-q2/2019-20-q2.csv")));
        let data = json(&out.join(format!("{lang}/reports/2019-20-q2/2019-20-q2.json")));
        let in_json: Vec<&Value> = data["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["indicators"].as_array().unwrap())
            .collect();
        for (id, previous, year) in EXPECTED {
            let row = rows
                .iter()
                .find(|r| r.values().any(|v| v == id))
                .unwrap_or_else(|| panic!("{lang}: no CSV row for {id}"));
            let [
                (_, prev_words, prev_change, prev_from),
                (_, year_words, year_change, year_from),
            ] = shown(lang, id);
            assert_eq!(row[h_prev], previous, "{lang} {id}");
            assert_eq!(row[h_year], year, "{lang} {id}");
            assert_eq!(row[&format!("{h_prev}{}", label_suffix(lang))], prev_words);
            let (change, from, year_change_col, year_from_col) = change_headings(lang);
            assert_eq!(
                [
                    &row[change],
                    &row[from],
                    &row[year_change_col],
                    &row[year_from_col]
                ],
                [prev_change, prev_from, year_change, year_from],
                "{lang} {id}"
            );
            let figure = &in_json.iter().find(|j| j["indicator"] == id).unwrap()["figure"];
            assert_eq!(figure["travel_previous"], previous, "{lang} {id}");
            assert_eq!(figure["travel_year"], year, "{lang} {id}");
            assert_eq!(figure["travel_year_label"], year_words, "{lang} {id}");
            // The change is a number (null when not comparable), the period a code.
            let number = |s: &str| match s {
                "" => Value::Null,
                s => serde_json::from_str(s).unwrap(),
            };
            let code = |s: &str| match s {
                "" => Value::Null,
                s => Value::from(s),
            };
            assert_eq!(
                [
                    &figure["travel_previous_change"],
                    &figure["travel_previous_from"],
                    &figure["travel_year_change"],
                    &figure["travel_year_from"]
                ],
                [
                    &number(prev_change),
                    &code(prev_from),
                    &number(year_change),
                    &code(year_from)
                ],
                "{lang} {id}"
            );
        }
    }
}

/// The CSV headings of the change and the period compared with, since the previous
/// period and since a year earlier.
fn change_headings(lang: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    match lang {
        "en" => (
            "Change since the previous period",
            "Previous period with a figure",
            "Change since a year earlier",
            "Same period a year earlier",
        ),
        _ => (
            "Newid ers y cyfnod blaenorol",
            "Y cyfnod blaenorol â ffigur",
            "Newid ers yr un cyfnod flwyddyn ynghynt",
            "Yr un cyfnod flwyddyn ynghynt",
        ),
    }
}

fn label_suffix(lang: &str) -> &'static str {
    match lang {
        "en" => " in words",
        _ => " mewn geiriau",
    }
}

/// The four quarters before `p`, latest first ("2019-20 Q1" → "2018-19 Q4", ...,
/// "2018-19 Q1"): where "since the previous period" looks for a figure.
fn quarters_before(p: &str) -> Vec<String> {
    let (year, q) = p.split_once(" Q").unwrap();
    let (mut start, mut q): (u16, u8) = (year[..4].parse().unwrap(), q.parse().unwrap());
    (0..4)
        .map(|_| {
            (start, q) = if q == 1 {
                (start - 1, 4)
            } else {
                (start, q - 1)
            };
            format!("{start}-{:02} Q{q}", (start + 1) % 100)
        })
        .collect()
}

#[test]
fn every_period_of_an_indicator_agrees_with_the_figures_shown() {
    let out = BUILT.public();
    let direction = [
        ("higher", 1.0),
        ("lower", -1.0),
        ("first", -1.0),
        ("neither", 0.0),
        ("gappy", 1.0),
    ];
    for lang in ["en", "cy"] {
        let (h_prev, h_year) = travel_headings(lang);
        for (id, better) in direction {
            let rows = csv_rows(&out.join(format!("{lang}/indicators/{id}/{id}.csv")));
            let period_col = if lang == "en" { "Period" } else { "Cyfnod" };
            let value_col = if lang == "en" { "Value" } else { "Gwerth" };
            let value_of = |p: &str| -> Option<f64> {
                rows.iter()
                    .find(|r| r[period_col] == p)
                    .and_then(|r| r[value_col].parse().ok())
            };
            let html = page(&out, &format!("{lang}/indicators/{id}/index.html"));
            let table_rows: Vec<_> = html.select(&sel("table.data tbody tr")).collect();
            // The table also lists the quarters of a gap, each a row with no figure
            // (tests/gaps.rs); the data file, only periods with a figure or words.
            let gap_rows = html.select(&sel("table.data tbody tr.no-figure")).count();
            let no_value = rows.iter().filter(|r| r[value_col].is_empty()).count();
            assert_eq!(
                table_rows.len() - gap_rows,
                rows.len() - no_value,
                "{lang} {id}"
            );
            for row in &rows {
                let p = &row[period_col];
                let before = quarters_before(p);
                // The latest of the four with a figure; a year earlier, the fourth.
                let prev = before
                    .iter()
                    .find(|q| value_of(q).is_some())
                    .unwrap_or(&before[0]);
                for (earlier, column) in [(prev, h_prev), (&before[3], h_year)] {
                    let expected = match (value_of(earlier), value_of(p)) {
                        (Some(a), Some(b)) if a == b => "unchanged",
                        (Some(a), Some(b)) => {
                            let up = b > a;
                            if better == 0.0 {
                                if up { "increased" } else { "decreased" }
                            } else if (better > 0.0) == up {
                                "improved"
                            } else {
                                "worsened"
                            }
                        }
                        _ => "not-comparable",
                    };
                    assert_eq!(row[column], expected, "{lang} {id} {p} {column}");
                }
                // The page's row for the period shows the same two directions.
                let period_words = &row[if lang == "en" {
                    "Period in words"
                } else {
                    "Cyfnod mewn geiriau"
                }];
                let tr = table_rows
                    .iter()
                    .find(|tr| text(tr.select(&sel("th")).next().unwrap()) == *period_words)
                    .unwrap();
                // A period with no figure is a row marked as one.
                assert_eq!(
                    tr.value().attr("class") == Some("no-figure"),
                    value_of(p).is_none(),
                    "{lang} {id} {p}"
                );
                let shown: Vec<String> = tr.select(&sel(".travel")).map(travel_code).collect();
                assert_eq!(
                    shown,
                    [row[h_prev].clone(), row[h_year].clone()],
                    "{lang} {id} {p}"
                );
            }
        }
    }
}

#[test]
fn equal_after_rounding_is_unchanged_and_a_tolerance_widens_it() {
    let out = BUILT.public();
    // 13 and 13 days: no change. (A value has no more places than `decimals`, so
    // equal as published is equal as written; a fraction's percentage is the one
    // figure rounded, and tests/figures covers it.)
    let rows = csv_rows(&out.join("en/indicators/lower/lower.csv"));
    let q2 = rows.iter().find(|r| r["Period"] == "2019-20 Q2").unwrap();
    assert_eq!(
        (
            q2["Value"].as_str(),
            q2["Since the previous period"].as_str()
        ),
        ("13", "unchanged")
    );

    // Within 10% of the earlier figure counts as no change: 65 → 70 is 7.7%.
    let site = fixture("travel");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[travel]\nunchanged_within = 10.0\n"),
    );
    site.build_ok(&[]);
    let rows = csv_rows(&site.public().join("en/indicators/higher/higher.csv"));
    let q2 = rows.iter().find(|r| r["Period"] == "2019-20 Q2").unwrap();
    assert_eq!(q2["Since the previous period"], "unchanged");
    // 75 → 70 is 6.7% of 75: within 10% too.
    assert_eq!(q2["Since a year earlier"], "unchanged");
}

#[test]
fn actions_show_under_the_commentary_in_both_languages() {
    let out = BUILT.public();
    for (lang, heading, words) in [
        ("en", "Actions", "Two more social workers start in October."),
        (
            "cy",
            "Camau gweithredu",
            "Mae dau weithiwr cymdeithasol arall yn dechrau ym mis Hydref.",
        ),
    ] {
        let report = page(&out, &format!("{lang}/reports/2019-20-q2/index.html"));
        let entry = report.select(&sel("article#higher")).next().unwrap();
        let html = entry.html();
        let (c, a) = (
            html.find("class=\"commentary").unwrap(),
            html.find("class=\"actions").unwrap(),
        );
        assert!(c < a, "actions follow the commentary");
        assert_eq!(texts(&report, "article#higher .actions h4"), [heading]);
        assert_eq!(texts(&report, "article#higher .actions .prose"), [words]);
        let ind = page(&out, &format!("{lang}/indicators/higher/index.html"));
        assert_eq!(texts(&ind, ".actions .prose"), [words], "{lang}");
        // Other entries have none.
        assert!(
            report
                .select(&sel("article#lower .actions"))
                .next()
                .is_none()
        );
        let rows = csv_rows(&out.join(format!("{lang}/reports/2019-20-q2/2019-20-q2.csv")));
        let col = if lang == "en" {
            "Actions"
        } else {
            "Camau gweithredu"
        };
        assert_eq!(rows[0][col], words);
    }
}

#[test]
fn provisional_and_revised_figures_are_marked_and_explained() {
    let out = BUILT.public();
    for (lang, provisional, date) in [
        (
            "en",
            "Provisional: the figure may change.",
            "15 November 2019",
        ),
        ("cy", "Dros dro: gall y ffigur newid.", "15 Tachwedd 2019"),
    ] {
        let rel = format!("{lang}/reports/2019-20-q2/index.html");
        let report = page(&out, &rel);
        let markers = |id: &str| texts(&report, &format!("article#{id} .figures .marker"));
        assert_eq!(markers("higher"), ["[p]"], "{rel}");
        assert_eq!(markers("gappy"), ["[r]"], "{rel}");
        assert!(markers("lower").is_empty(), "{rel}: Q1 was revised, not Q2");
        let key = texts(&report, ".marker-key dd");
        assert_eq!(key.len(), 2, "{rel}: {key:?}");
        assert_eq!(key[0], provisional);
        let time = report
            .select(&sel("article#gappy .revised time"))
            .next()
            .unwrap_or_else(|| panic!("{rel}: no revision date"));
        assert_eq!(time.value().attr("datetime"), Some("2019-11-15"));
        assert_eq!(text(time), date);

        let rows = csv_rows(&out.join(format!("{lang}/reports/2019-20-q2/2019-20-q2.csv")));
        let marker_col = if lang == "en" { "Marker" } else { "Symbol" };
        let revised_col = if lang == "en" {
            "Revised"
        } else {
            "Dyddiad diwygio"
        };
        let cells: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r[marker_col].as_str(), r[revised_col].as_str()))
            .collect();
        assert_eq!(
            cells,
            [
                ("[p]", ""),
                ("", ""),
                ("", ""),
                ("", ""),
                ("[r]", "2019-11-15")
            ]
        );
        let data = json(&out.join(format!("{lang}/reports/2019-20-q2/2019-20-q2.json")));
        let gappy = &data["sections"][1]["indicators"][1]["figure"];
        assert_eq!(gappy["marker"], "[r]");
        assert_eq!(gappy["revised"], "2019-11-15");
        assert!(gappy["revision_reason"].as_str().unwrap().len() > 10);

        // The indicator page: Q1 of `lower` (revised, TOML front matter) is marked
        // in its row, and the history says when and why.
        let ind = page(&out, &format!("{lang}/indicators/lower/index.html"));
        assert_eq!(texts(&ind, "table.data .marker"), ["[r]"]);
        assert_eq!(texts(&ind, ".marker-key dt"), ["[r]"]);
        let time = ind.select(&sel(".revised time")).next().unwrap();
        assert_eq!(time.value().attr("datetime"), Some("2019-11-01"));
    }
}

#[test]
fn a_period_without_a_value_is_not_available_in_data_files() {
    let out = BUILT.public();
    for lang in ["en", "cy"] {
        let rows = csv_rows(&out.join(format!("{lang}/indicators/first/first.csv")));
        let value_col = if lang == "en" { "Value" } else { "Gwerth" };
        let values: Vec<&str> = rows.iter().map(|r| r[value_col].as_str()).collect();
        assert_eq!(values, ["", "40"], "{lang}");
        let marker_col = if lang == "en" { "Marker" } else { "Symbol" };
        let markers: Vec<&str> = rows.iter().map(|r| r[marker_col].as_str()).collect();
        assert_eq!(markers, ["[x]", ""], "{lang}");
        let all = json(&out.join(format!("{lang}/data/indicators.json")));
        let first = all["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["indicator"] == "first")
            .unwrap();
        assert!(first["figures"][0]["value"].is_null());
    }
}
