//! A figure reads the same everywhere: property tests of the one formatter
//! (`dangos::figures`) against references written independently here, and of real
//! sites built with random figures, whose pages, chart descriptions, CSV and JSON must
//! agree, with statuses that agree with the figures shown beside them. Then the cases
//! of issue 11, one by one.

mod common;

use dangos::config::Thresholds;
use dangos::content::Direction;
use dangos::figures::{self, NumberFormat, Rounded};
use dangos::model::{Status, Target, Value};
use proptest::prelude::*;
use scraper::Html;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;

// ---------------------------------------------------------------------------------
// References, written from the rules rather than from the code.

/// `s` (digits with at most one '.') rounded half away from zero to `d` places, by
/// hand on the digits: "1.005" at 2 is "1.01".
fn round_digits(s: &str, d: usize) -> String {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut digits: Vec<u8> = int.bytes().map(|b| b - b'0').collect();
    let mut frac: Vec<u8> = frac.bytes().map(|b| b - b'0').collect();
    let up = frac.len() > d && frac[d] >= 5;
    frac.resize(d, 0);
    digits.extend(&frac);
    if up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let (int, frac) = text.split_at(text.len() - d);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    if neg && digits.iter().any(|&d| d != 0) {
        out.push('-');
    }
    out.push_str(int);
    if d > 0 {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `x` as the decimal it is: Rust prints the shortest digits that read back to it,
/// never in exponent form.
fn reference(x: f64, d: u8) -> String {
    round_digits(&format!("{x}"), usize::from(d))
}

/// `text` with a thousands separator `group` every three digits of the whole part.
fn grouped(text: &str, group: &str, decimal: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push_str(decimal);
        out.push_str(frac);
    }
    out
}

/// A published figure read back: "1.234,5" with group "." and decimal "," is 1234.5.
fn read_back(shown: &str, group: &str, decimal: &str) -> f64 {
    let plain = shown.replace(group, "").replace(decimal, ".");
    plain
        .parse()
        .unwrap_or_else(|_| panic!("not a figure: {shown:?}"))
}

// ---------------------------------------------------------------------------------
// Strategies.

/// Figures as people type them (a few decimals, halves on the rounding edge), counts
/// up to 10^15, and any double in a wide range.
fn figure() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0i64..1_000_000, 0u32..5).prop_map(|(n, p)| n as f64 / 10f64.powi(p as i32)),
        (0i64..200_000, 1u32..5).prop_map(|(n, p)| (n as f64 * 10.0 + 5.0) / 10f64.powi(p as i32)),
        (0u64..=1_000_000_000_000_000).prop_map(|n| n as f64),
        (0u32..16).prop_map(|e| 10f64.powi(e as i32)),
        -1e12f64..1e12,
        -100.0f64..100.0,
    ]
}

fn decimals() -> impl Strategy<Value = u8> {
    0u8..=6
}

// ---------------------------------------------------------------------------------
// The formatter on its own: many cases.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The published figure is the decimal the number is, rounded half away from
    /// zero: no binary artefact (6.25 is 6.3, 10^12 is exact).
    #[test]
    fn rounds_the_decimal_half_away_from_zero(x in figure(), d in decimals()) {
        let shown = NumberFormat::new("", ".").number(Rounded::new(x, d));
        prop_assert_eq!(shown, reference(x, d), "{} at {} places", x, d);
    }

    /// Thousands are grouped in the language's format, and nothing else changes.
    #[test]
    fn groups_thousands_in_the_languages_format(x in figure(), d in decimals()) {
        let r = Rounded::new(x, d);
        let plain = NumberFormat::new("", ".").number(r);
        prop_assert_eq!(NumberFormat::new(",", ".").number(r), grouped(&plain, ",", "."));
        prop_assert_eq!(NumberFormat::new(".", ",").number(r), grouped(&plain, ".", ","));
    }

    /// The data files' figure is the page's, written plainly; JSON's number is the
    /// same number (and the same digits, up to 15 of them).
    #[test]
    fn data_files_publish_the_page_figure(x in figure(), d in decimals()) {
        let r = Rounded::new(x, d);
        let page = NumberFormat::new(",", ".").number(r);
        let csv = r.plain();
        prop_assert_eq!(read_back(&page, ",", "."), csv.parse::<f64>().unwrap());
        prop_assert!(!csv.contains(',') && !csv.ends_with('.'));
        if csv.contains('.') {
            prop_assert!(!csv.ends_with('0'), "{}", csv);
        }
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(json.parse::<f64>().unwrap(), csv.parse::<f64>().unwrap());
        let digits = csv.chars().filter(char::is_ascii_digit).count();
        if digits <= 15 {
            prop_assert_eq!(json, csv);
        }
        prop_assert_eq!(r.to_f64(), read_back(&page, ",", "."));
    }

    /// A fraction's percentage is exact: 1 of 16 is 6.25, so 6.3.
    #[test]
    fn fractions_make_exact_percentages(a in 0u64..1_000_000, b in 1u64..1_000_000, d in 0u8..=4) {
        // round(a / b * 100 * 10^d), half up, in integers.
        let scale = 100 * 10u128.pow(u32::from(d));
        let units = (2 * u128::from(a) * scale + u128::from(b)) / (2 * u128::from(b));
        let whole = units / 10u128.pow(u32::from(d));
        let part = units % 10u128.pow(u32::from(d));
        let expected = if d == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{part:0w$}", w = usize::from(d))
        };
        let shown = NumberFormat::new("", ".").number(Rounded::percentage(a as f64, b as f64, d));
        prop_assert_eq!(shown, expected, "{} of {}", a, b);
    }

    /// The status agrees with the figures shown: equal figures are on target, a
    /// figure shown on the right side of its target is on target, one on the wrong
    /// side is not, and "close" is within the threshold of the figures shown.
    #[test]
    fn status_agrees_with_the_figures_shown(
        value in prop_oneof![
            figure().prop_map(Value::Number),
            (0u32..2000, 1u32..2000).prop_map(|(n, d)| Value::Fraction {
                numerator: f64::from(n),
                denominator: f64::from(d),
            }),
        ],
        target in figure(),
        near in any::<bool>(),
        higher in any::<bool>(),
        d in decimals(),
        close_within in 0u32..20,
    ) {
        let shown_value = Rounded::value(value, d);
        // Half the cases aim at the value itself, to land on the edges.
        let target = if near { shown_value.to_f64() } else { target };
        let direction = if higher { Direction::Higher } else { Direction::Lower };
        let t = Thresholds { close_within: f64::from(close_within) };
        let status = figures::status(Some(value), Some(Target::Value(target)), direction, d, t)
            .expect("a value, a target and a direction give a status");
        let v = read_back(&NumberFormat::new(",", ".").number(shown_value), ",", ".");
        let g = read_back(&NumberFormat::new(",", ".").number(Rounded::new(target, d)), ",", ".");
        let shortfall = if higher { g - v } else { v - g };
        if shortfall <= 0.0 {
            prop_assert_eq!(status, Status::OnTarget, "{} against {}", v, g);
        } else {
            prop_assert_ne!(status, Status::OnTarget, "{} against {}", v, g);
            let threshold = g.abs() * f64::from(close_within) / 100.0;
            // Exactly on the threshold, doubles may fall either way.
            if (shortfall - threshold).abs() > 1e-6 * threshold.max(1.0) {
                let expected = if shortfall <= threshold { Status::Close } else { Status::OffTarget };
                prop_assert_eq!(status, expected, "{} against {}", v, g);
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Real sites with random figures: page, chart description, CSV and JSON agree.

#[derive(Debug, Clone)]
struct Case {
    unit: &'static str,
    higher: bool,
    decimals: u8,
    /// Two quarters' values.
    values: Vec<Value>,
    target: f64,
}

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
            .prop_map(move |(values, target)| Case {
                unit,
                higher,
                decimals,
                values,
                target,
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
        &format!("---\ntitle: Eiddo {id}\n---\nDangosydd a gynhyrchwyd.\n"),
    );
}

/// Lists `ids` in the fixture's target year (every target needs its table).
fn list_in_target_year(site: &common::Site, ids: &[String]) {
    let list = "indicators: [assessments-on-time, children-waiting, re-referrals, visit-length";
    site.replace(
        "content/targets/2019-20.md",
        list,
        &format!("{list}, {}", ids.join(", ")),
    );
}

/// The cells of a CSV file by column heading.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The language's separators, which the test site sets apart for Welsh (group ".",
/// decimal ",") so that a figure written without the language's format shows.
fn separators(lang: &str) -> (&'static str, &'static str) {
    if lang == "cy" { (".", ",") } else { (",", ".") }
}

/// A site copied from the valid fixture, with Welsh numbers written "1.234,5".
fn site_with_separators() -> common::Site {
    let site = common::fixture("valid");
    site.replace(
        "themes/default/i18n/cy.ftl",
        "number-group-separator = ,\nnumber-decimal-separator = .",
        "number-group-separator = .\nnumber-decimal-separator = ,",
    );
    site
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
    let desc = common::one_text(&doc, "svg.chart > desc", id);
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

/// The CSV heading of a column in a language (the UI string `data-col-NAME`).
fn csv_heading(lang: &str, column: &str) -> String {
    let ftl =
        std::fs::read_to_string(common::repo().join(format!("themes/default/i18n/{lang}.ftl")))
            .unwrap();
    let key = format!("data-col-{column} = ");
    ftl.lines()
        .find_map(|l| l.strip_prefix(&key))
        .unwrap_or_else(|| panic!("{key} in {lang}.ftl"))
        .trim()
        .to_string()
}

/// The status class (`status-on-target`, ...) of row `n` of the figures table.
fn html_status_class(doc: &Html, n: usize) -> String {
    let spans: Vec<String> = doc
        .select(&common::sel("table.data tbody tr td span.status"))
        .map(|e| {
            e.value()
                .classes()
                .find_map(|c| c.strip_prefix("status-"))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    spans[n].clone()
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

// ---------------------------------------------------------------------------------
// The cases of issue 11, each as a new user reported it.

/// A site holding every case, built.
fn issue_site() -> common::Site {
    {
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
            "unit: days\ndirection: higher\ndecimals: 0\nvalues:\n  2019-20 Q2: 12.5\ntargets:\n  2019-20: 13\n",
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
    // 12.5 days against 13, higher is better, no decimals: "13 days | 13 days".
    let doc = indicator_page(&site, "half-day", "en");
    let row = &table_rows(&doc)[0];
    assert!(
        row.contains("13 days") && row.contains("On target"),
        "{row}"
    );
    let desc = common::one_text(&doc, "svg.chart > desc", "half-day");
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
    let desc = common::one_text(&doc, "svg.chart > desc", "trillion");
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
    common::texts(doc, "svg.chart text")
}

#[test]
fn axis_labels_are_the_exact_round_steps_and_every_period_is_labelled() {
    let site = issue_site();
    for (lang, group) in [("en", ","), ("cy", ".")] {
        let texts = svg_texts(&indicator_page(&site, "axis-noise", lang));
        let numbers: Vec<&String> = texts
            .iter()
            .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .collect();
        assert!(numbers.len() >= 4, "{lang}: {texts:?}");
        for n in &numbers {
            let x: u64 = n
                .replace(group, "")
                .parse()
                .unwrap_or_else(|_| panic!("{n}"));
            assert_eq!(x % 100_000_000_000, 0, "{lang}: {n} is not a round step");
            assert_eq!(**n, grouped(&x.to_string(), group, ""), "{lang}: grouping");
        }
        assert!(
            numbers.contains(&&grouped("1200000000000", group, "")),
            "{lang}: {texts:?}"
        );
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
    let svg = doc.select(&common::sel("svg.chart")).next().unwrap().html();
    let bars: Vec<(String, f32)> = doc
        .select(&common::sel("svg.chart rect[data-category]"))
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
    let desc = common::one_text(&doc, "svg.chart > desc", "zero-bar");
    assert!(desc.contains("up from 0 "), "{desc}");
}
