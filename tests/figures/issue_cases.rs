//! The cases of issue 11, each as a new user reported it.

use crate::{
    common, csv_heading, csv_rows, grouped, html_status_class, list_in_target_year,
    site_with_separators,
};
use scraper::Html;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A site holding every case, built.
fn issue_site() -> common::Site {
    let site = site_with_separators();
    let indicator = |id: &str, front: &str| {
        site.write(
            &format!("content/indicators/{id}.md"),
            &format!("---\ntitle: Case {id}\n{front}---\nA case of issue 11.\n"),
        );
        site.write(
            &format!("content/indicators/{id}.cy.md"),
            &format!("---\ntitle: Achos {id}\n---\nAchos o fater 11.\n"),
        );
    };
    indicator(
        "sixteenths",
        "unit: percent\ndirection: higher\ndecimals: 1\nvalues:\n  2019-20 Q1: { numerator: 1, denominator: 16 }\n  2019-20 Q2: { numerator: 5, denominator: 16 }\ntargets:\n  2019-20: 31.3\n",
    );
    indicator(
        "trillion",
        "unit: count\ndirection: higher\nvalues:\n  2019-20 Q1: 500000000000\n  2019-20 Q2: 1000000000000\ntargets:\n  2019-20: 1000000000000\n",
    );
    indicator(
        "long-days",
        "unit: days\ndirection: lower\ndecimals: 3\nvalues:\n  2019-20 Q2: 600000000\n",
    );
    indicator(
        "half-day",
        // Issue 11 typed 12.5 days; since issue 20 a value has no more places than
        // `decimals`, so the half is a fraction's: 25 of 200 is 12.5%.
        "unit: percent\ndirection: higher\ndecimals: 0\nvalues:\n  2019-20 Q2: { numerator: 25, denominator: 200 }\ntargets:\n  2019-20: 13\n",
    );
    let twelve: String = (0..12)
        .map(|i| {
            format!(
                "  {}-{:02} Q{}: {}\n",
                2017 + i / 4,
                (18 + i / 4) % 100,
                i % 4 + 1,
                (i as u64 + 1) * 100_000_000_000
            )
        })
        .collect();
    indicator(
        "axis-noise",
        &format!("unit: count\ndirection: higher\nvalues:\n{twelve}"),
    );
    indicator(
        "zero-bar",
        "unit: count\ndirection: lower\nvalues:\n  2019-20 Q1: 5\n  2019-20 Q3: 0\n  2019-20 Q4: 7\n",
    );
    let ids = ["sixteenths", "trillion", "half-day"].map(String::from);
    list_in_target_year(&site, &ids);
    site.build_ok(&[]);
    site
}

fn indicator_page(site: &common::Site, id: &str, lang: &str) -> Html {
    common::page(
        &site.public(),
        &format!("{lang}/indicators/{id}/index.html"),
    )
}

fn csv_of(site: &common::Site, id: &str, lang: &str) -> Vec<BTreeMap<String, String>> {
    csv_rows(
        &site
            .public()
            .join(format!("{lang}/indicators/{id}/{id}.csv")),
    )
}

fn json_of(site: &common::Site, id: &str, lang: &str) -> Json {
    let all: Json = serde_json::from_str(
        &std::fs::read_to_string(site.public().join(format!("{lang}/data/indicators.json")))
            .unwrap(),
    )
    .unwrap();
    all["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"] == id)
        .unwrap()
        .clone()
}

/// The figures table's rows, latest first, as text.
fn table_rows(doc: &Html) -> Vec<String> {
    common::texts(doc, "table.data tbody tr")
}

#[test]
fn one_of_sixteen_is_6_3_on_the_page_and_in_the_data() {
    let site = issue_site();
    let rows = table_rows(&indicator_page(&site, "sixteenths", "en"));
    assert!(rows[1].contains("6.3% (1 of 16)"), "{rows:?}");
    assert!(rows[0].contains("31.3% (5 of 16)"), "{rows:?}");
    let cy = table_rows(&indicator_page(&site, "sixteenths", "cy"));
    assert!(cy[1].contains("6,3% (1 o 16)"), "{cy:?}");
    let csv = csv_of(&site, "sixteenths", "en");
    assert_eq!(csv[0][&csv_heading("en", "value")], "6.3");
    assert_eq!(csv[1][&csv_heading("en", "value")], "31.3");
    let json = json_of(&site, "sixteenths", "cy");
    assert_eq!(json["figures"][0]["value"], serde_json::json!(6.3));
    assert_eq!(json["figures"][1]["value"], serde_json::json!(31.3));
}

#[test]
fn equal_figures_are_on_target() {
    let site = issue_site();
    // 5 of 16 against 31.3: "31.3% | 31.3% | On target".
    let doc = indicator_page(&site, "sixteenths", "en");
    assert_eq!(html_status_class(&doc, 0), "on-target");
    assert!(table_rows(&doc)[0].contains("On target"));
    assert_eq!(
        csv_of(&site, "sixteenths", "en")[1][&csv_heading("en", "status")],
        "on-target"
    );
    // 12.5% against 13, higher is better, no decimals: "13% | 13%".
    let doc = indicator_page(&site, "half-day", "en");
    let row = &table_rows(&doc)[0];
    assert!(row.contains("13%") && row.contains("On target"), "{row}");
    let desc = common::one_text(&doc, ".chart-description", "half-day");
    assert!(desc.contains("Status: On target"), "{desc}");
    assert_eq!(
        json_of(&site, "half-day", "en")["figures"][0]["status"],
        "on-target"
    );
}

#[test]
fn counts_up_to_a_trillion_print_exactly() {
    let site = issue_site();
    let doc = indicator_page(&site, "trillion", "en");
    let rows = table_rows(&doc);
    assert!(rows[0].contains("1,000,000,000,000"), "{rows:?}");
    assert!(rows[1].contains("500,000,000,000"), "{rows:?}");
    let latest = common::one_text(&doc, "section.latest .value", "trillion");
    assert_eq!(latest, "1,000,000,000,000");
    let desc = common::one_text(&doc, ".chart-description", "trillion");
    assert!(
        desc.contains("1,000,000,000,000") && desc.contains("500,000,000,000"),
        "{desc}"
    );
    assert!(!rows.concat().contains("001"), "{rows:?}");
    let csv = csv_of(&site, "trillion", "en");
    assert_eq!(csv[1][&csv_heading("en", "value")], "1000000000000");
    assert_eq!(
        json_of(&site, "trillion", "en")["figures"][1]["value"],
        1_000_000_000_000i64
    );
    // 600,000,000 days at three places.
    let doc = indicator_page(&site, "long-days", "en");
    assert!(table_rows(&doc)[0].contains("600,000,000.000 days"));
    let doc = indicator_page(&site, "long-days", "cy");
    assert!(
        table_rows(&doc)[0].contains("600.000.000,000"),
        "{:?}",
        table_rows(&doc)
    );
}

/// The chart's text: the SVG's labels, in order.
fn svg_texts(doc: &Html) -> Vec<String> {
    common::texts(doc, "svg.chart-wide text")
}

#[test]
fn axis_labels_are_the_exact_round_steps_and_every_period_is_labelled() {
    let site = issue_site();
    for (lang, group) in [("en", ","), ("cy", ".")] {
        let texts = svg_texts(&indicator_page(&site, "axis-noise", lang));
        let numbers: Vec<&String> = texts
            .iter()
            // (The axis's steps, not the years under its quarters: "2017-18".)
            .filter(|t| t.chars().all(|c| c.is_ascii_digit() || group.contains(c)))
            .collect();
        assert!(numbers.len() >= 4, "{lang}: {texts:?}");
        let mut steps = Vec::new();
        for n in &numbers {
            let x: u64 = n
                .replace(group, "")
                .parse()
                .unwrap_or_else(|_| panic!("{n}"));
            assert_eq!(x % 100_000_000_000, 0, "{lang}: {n} is not a round step");
            assert_eq!(**n, grouped(&x.to_string(), group, ""), "{lang}: grouping");
            steps.push(x);
        }
        // Evenly spaced, and the top above the highest figure, 1.2 trillion.
        steps.sort_unstable();
        assert!(
            steps.windows(3).all(|w| w[1] - w[0] == w[2] - w[1]),
            "{lang}: {steps:?}"
        );
        assert!(steps.last() > Some(&1_200_000_000_000), "{lang}: {texts:?}");
        // Each quarter under its point (the year once beneath its quarters).
        let periods = texts
            .iter()
            .filter(|t| t.starts_with('Q') || t.starts_with("Ch"))
            .count();
        assert_eq!(periods, 12, "{lang}: every period labelled: {texts:?}");
    }
}

#[test]
fn a_zero_bar_is_visible_and_not_a_missing_period() {
    let site = issue_site();
    let doc = indicator_page(&site, "zero-bar", "en");
    let svg = doc
        .select(&common::sel("svg.chart-wide"))
        .next()
        .unwrap()
        .html();
    let bars: Vec<(String, f32)> = doc
        .select(&common::sel("svg.chart-wide rect[data-category]"))
        .map(|r| {
            (
                r.value().attr("data-category").unwrap().to_string(),
                r.value().attr("height").unwrap().parse().unwrap(),
            )
        })
        .collect();
    // Q1 5, Q2 missing (no bar), Q3 zero (a stub), Q4 7.
    assert_eq!(bars.len(), 3, "{bars:?}");
    assert!(!bars.iter().any(|(c, _)| c == "Q2 2019-20"), "{bars:?}");
    let zero = bars.iter().find(|(c, _)| c == "Q3 2019-20").unwrap();
    assert!(zero.1 > 0.0, "a zero bar has a visible stub: {bars:?}");
    assert!(svg.contains("data-value=\"0\""), "{svg}");
    let labels = svg_texts(&doc);
    assert_eq!(
        labels.iter().filter(|t| *t == "0").count(),
        2,
        "axis 0 and the stub's 0: {labels:?}"
    );
    let rows = table_rows(&doc);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Q3 2019-20") || r.contains("0")),
        "{rows:?}"
    );
    let desc = common::one_text(&doc, ".chart-description", "zero-bar");
    assert!(desc.contains("up from 0 "), "{desc}");
}
