//! Real sites with random figures: page, chart description, CSV and JSON agree, in
//! both languages, and so does the status beside them.

use crate::formatter::figure;
use crate::{
    common, csv_heading, csv_rows, html_status_class, list_in_target_year, read_back, separators,
    site_with_separators,
};
use dangos::figures::{NumberFormat, Rounded};
use dangos::model::Value;
use proptest::prelude::*;
use scraper::Html;
use serde_json::Value as Json;
use std::path::Path;

/// One generated indicator.
#[derive(Debug, Clone)]
struct Case {
    unit: &'static str,
    higher: bool,
    decimals: u8,
    /// Two quarters' values.
    values: Vec<Value>,
    target: f64,
}

/// An indicator of any unit, direction and decimal places, with one to three values
/// (percentages within 0-100).
fn case() -> impl Strategy<Value = Case> {
    let value = |percent: bool| -> BoxedStrategy<Value> {
        if percent {
            prop_oneof![
                (0u32..=1000, 1u32..=1000).prop_map(|(a, b)| Value::Fraction {
                    numerator: f64::from(a.min(b)),
                    denominator: f64::from(b),
                }),
                (0u32..=100_000, 0u32..4)
                    .prop_map(|(n, p)| Value::Number(f64::from(n) / 10f64.powi(p as i32 + 3))),
            ]
            .boxed()
        } else {
            figure().prop_map(|x| Value::Number(x.abs())).boxed()
        }
    };
    (0usize..3, any::<bool>(), 0u8..=3).prop_flat_map(move |(u, higher, decimals)| {
        let unit = ["count", "percent", "days"][u];
        let percent = unit == "percent";
        (
            proptest::collection::vec(value(percent), 1..=3),
            if percent {
                (0.0f64..100.0).boxed()
            } else {
                figure().prop_map(f64::abs).boxed()
            },
        )
            .prop_map(move |(values, target)| {
                // A figure is written with no more places than it is published with
                // (`too-precise`, issue 20); only a fraction's percentage is rounded.
                let written = |x: f64| crate::reference(x, decimals).parse::<f64>().unwrap();
                let values = values
                    .into_iter()
                    .map(|v| match v {
                        Value::Number(x) => Value::Number(written(x)),
                        fraction => fraction,
                    })
                    .collect();
                Case {
                    unit,
                    higher,
                    decimals,
                    values,
                    target: written(target),
                }
            })
    })
}

/// A YAML number as written in a file: the shortest decimal, never an exponent.
fn yaml(x: f64) -> String {
    format!("{x:?}")
        .parse::<f64>()
        .map(|_| format!("{x}"))
        .unwrap()
}

const QUARTERS: [&str; 3] = ["2019-20 Q1", "2019-20 Q2", "2019-20 Q3"];

/// Adds indicator `id` of `case` to the site.
fn write_indicator(site: &common::Site, id: &str, case: &Case) {
    let values: String = case
        .values
        .iter()
        .zip(QUARTERS)
        .map(|(v, q)| match v {
            Value::Number(n) => format!("  {q}: {}\n", yaml(*n)),
            Value::Fraction {
                numerator,
                denominator,
            } => format!(
                "  {q}: {{ numerator: {}, denominator: {} }}\n",
                yaml(*numerator),
                yaml(*denominator)
            ),
        })
        .collect();
    site.write(
        &format!("content/indicators/{id}.md"),
        &format!(
            "---\ntitle: Property {id}\nunit: {}\ndirection: {}\ndecimals: {}\nvalues:\n{values}targets:\n  2019-20: {}\n---\nA generated indicator.\n",
            case.unit,
            if case.higher { "higher" } else { "lower" },
            case.decimals,
            yaml(case.target),
        ),
    );
    site.write(
        &format!("content/indicators/{id}.cy.md"),
        &format!("---\ntitle: Dangosydd prawf {id}\n---\nDangosydd a gynhyrchwyd.\n"),
    );
}

/// Checks every figure of indicator `id` in `lang` on the built site.
fn check_indicator(public: &Path, lang: &str, id: &str, case: &Case) {
    let (group, decimal) = separators(lang);
    let html = std::fs::read_to_string(
        public
            .join(lang)
            .join("indicators")
            .join(id)
            .join("index.html"),
    )
    .unwrap();
    let doc = Html::parse_document(&html);
    let rows = csv_rows(
        &public
            .join(lang)
            .join("indicators")
            .join(id)
            .join(format!("{id}.csv")),
    );
    let json: Json = serde_json::from_str(
        &std::fs::read_to_string(public.join(lang).join("data/indicators.json")).unwrap(),
    )
    .unwrap();
    let json = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"] == id)
        .unwrap_or_else(|| panic!("{id} in indicators.json"))
        .clone();
    let cells = common::texts(&doc, "table.data tbody tr");
    let desc = common::one_text(&doc, ".chart-description", id);
    let target_shown =
        NumberFormat::new(group, decimal).number(Rounded::new(case.target, case.decimals));
    for (i, v) in case.values.iter().enumerate() {
        let r = Rounded::value(*v, case.decimals);
        let shown = NumberFormat::new(group, decimal).number(r);
        let what = format!(
            "{lang}/{id} {} ({v:?}, {} places)",
            QUARTERS[i], case.decimals
        );
        // The page: the table row of the period (latest first) starts with it.
        let row = &cells[case.values.len() - 1 - i];
        assert!(
            row.contains(&shown),
            "{what}: page row {row:?} should show {shown}"
        );
        assert_eq!(read_back(&shown, group, decimal), r.to_f64());
        // CSV and JSON: the same figure, plainly.
        assert_eq!(rows[i][&csv_heading(lang, "period")].as_str(), QUARTERS[i]);
        let csv_cell = &rows[i][&csv_heading(lang, "value")];
        assert_eq!(csv_cell, &r.plain(), "{what}: CSV");
        assert_eq!(
            read_back(&shown, group, decimal),
            csv_cell.parse::<f64>().unwrap(),
            "{what}: the page and the CSV read the same"
        );
        let jv = json["figures"][i]["value"].as_f64().unwrap();
        assert_eq!(jv, csv_cell.parse::<f64>().unwrap(), "{what}: JSON");
        // The chart's description states the latest figure, and the one before when
        // it differs (else it says "the same as").
        let latest = case.values.len() - 1;
        let latest_shown = NumberFormat::new(group, decimal)
            .number(Rounded::value(case.values[latest], case.decimals));
        if i == latest || (i + 1 == latest && shown != latest_shown) {
            assert!(desc.contains(&shown), "{what}: description {desc:?}");
        }
        // The status beside the figures agrees with them.
        let status_code = &rows[i][&csv_heading(lang, "status")];
        let v = r.to_f64();
        let g = read_back(&target_shown, group, decimal);
        let shortfall = if case.higher { g - v } else { v - g };
        let on = status_code == "on-target";
        assert_eq!(
            on,
            shortfall <= 0.0,
            "{what}: {v} against {g} is {status_code}"
        );
        assert!(
            row.contains(&target_shown),
            "{what}: the row shows the target {target_shown}: {row:?}"
        );
        let page_status = html_status_class(&doc, case.values.len() - 1 - i);
        assert_eq!(&page_status, status_code, "{what}: the page's status");
    }
    assert_eq!(
        rows[0][&csv_heading(lang, "target")],
        Rounded::new(case.target, case.decimals).plain(),
        "{lang}/{id}: the target as published"
    );
}

proptest! {
    // Each case builds a real site (a second or so on a loaded machine).
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn built_sites_publish_each_figure_the_same_everywhere(
        cases in proptest::collection::vec(case(), 3..=4)
    ) {
        let site = site_with_separators();
        let ids: Vec<String> = (0..cases.len()).map(|i| format!("prop-{i}")).collect();
        for (id, c) in ids.iter().zip(&cases) {
            write_indicator(&site, id, c);
        }
        list_in_target_year(&site, &ids);
        site.build_ok(&[]);
        for (i, c) in cases.iter().enumerate() {
            for lang in ["en", "cy"] {
                check_indicator(&site.public(), lang, &format!("prop-{i}"), c);
            }
        }
    }
}
