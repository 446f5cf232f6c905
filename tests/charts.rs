//! Golden tests for charts: the SVG for a few typical cases is compared byte for byte
//! with a file under tests/golden/charts/. After a deliberate change, look at the new
//! SVGs and accept them with `UPDATE_GOLDEN=1 cargo test --test charts`.

mod common;

use dangos::figures::NumberFormat;
use dangos::render::chart::{self, ChartData, ChartTheme, Shape};
use scraper::{Html, Selector};
use std::path::Path;

fn theme() -> ChartTheme {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/chart.toml"
    ))
    .unwrap();
    toml::from_str(&text).unwrap()
}

fn quarters(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("Q{} {}-{:02}", i % 4 + 1, 2017 + i / 4, (18 + i / 4) % 100))
        .collect()
}

fn data(
    labels: Vec<String>,
    values: Vec<Option<f64>>,
    targets: Vec<Option<f64>>,
    shape: Shape,
    percent: bool,
) -> ChartData {
    ChartData {
        labels,
        values,
        targets,
        shape,
        from_zero: !percent,
        ceiling: percent.then_some(100.0),
        suffix: if percent { "%".into() } else { String::new() },
        value_name: "Value".into(),
        target_name: "Target".into(),
        format: NumberFormat::new(",", "."),
    }
}

fn cases() -> Vec<(&'static str, ChartData)> {
    vec![
        (
            "one-value",
            data(
                quarters(1),
                vec![Some(76.1)],
                vec![Some(80.0)],
                Shape::Bars,
                true,
            ),
        ),
        (
            "two-values-with-target",
            data(
                quarters(2),
                vec![Some(797.0), Some(947.0)],
                vec![Some(900.0), Some(900.0)],
                Shape::Bars,
                false,
            ),
        ),
        (
            "twelve-quarters-target-changes",
            data(
                quarters(12),
                (0..12)
                    .map(|i| {
                        if i == 5 {
                            None
                        } else {
                            Some(70.0 + (i as f64 * 1.7) % 9.0)
                        }
                    })
                    .collect(),
                (0..12)
                    .map(|i| {
                        if i < 4 {
                            Some(75.0)
                        } else if i < 8 {
                            None
                        } else {
                            Some(80.0)
                        }
                    })
                    .collect(),
                Shape::Line,
                true,
            ),
        ),
        (
            "no-target",
            data(
                quarters(3),
                vec![Some(184.0), Some(150.0), Some(201.0)],
                vec![None; 3],
                Shape::Line,
                false,
            ),
        ),
    ]
}

#[test]
fn charts_match_their_golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/charts");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (name, d) in cases() {
        let svg = chart::accessible(&chart::svg(&d, &theme()).unwrap(), name, "");
        let path = dir.join(format!("{name}.svg"));
        if update {
            std::fs::write(&path, &svg).unwrap();
            continue;
        }
        let golden = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}: run with UPDATE_GOLDEN=1", path.display()));
        if golden != svg {
            mismatches.push(name);
        }
    }
    assert!(
        mismatches.is_empty(),
        "charts differ from their golden files: {mismatches:?}"
    );
}

#[test]
fn every_period_keeps_its_label_and_gaps_are_not_zeros() {
    for (name, d) in cases() {
        let svg = chart::svg(&d, &theme()).unwrap();
        for label in &d.labels {
            assert!(
                svg.contains(label.as_str()),
                "{name}: label {label} dropped"
            );
        }
        assert!(!svg.contains("NaN"), "{name}");
    }
}

#[test]
fn charts_are_deterministic() {
    for (name, d) in cases() {
        assert_eq!(
            chart::svg(&d, &theme()).unwrap(),
            chart::svg(&d, &theme()).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn target_lines_are_dashed_and_absent_without_targets() {
    let c = cases();
    let with = chart::svg(&c[0].1, &theme()).unwrap();
    assert!(
        with.contains("stroke-dasharray=\"8,5\""),
        "one value: dashed target line"
    );
    let stepped = chart::svg(&c[2].1, &theme()).unwrap();
    assert!(
        stepped.contains("stroke-dasharray=\"8,5\""),
        "twelve quarters: dashed target steps"
    );
    let without = chart::svg(&c[3].1, &theme()).unwrap();
    assert!(!without.contains("8,5"), "no target: no target line");
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// On the built example site: every indicator with a value has one accessible chart in
/// each language, in that language, beside its data table and CSV; the others have none.
#[test]
fn built_indicator_pages_have_accessible_charts_in_their_language() {
    let site = common::example_site();
    site.build_ok(&[]);
    let model = dangos::build::build_site(&site.root, &Default::default())
        .unwrap()
        .site;
    let public = site.public();
    let mut with_values = 0;
    for ind in &model.indicators {
        for lang in ["en", "cy"] {
            let html = std::fs::read_to_string(
                public
                    .join(lang)
                    .join("indicators")
                    .join(&ind.id)
                    .join("index.html"),
            )
            .unwrap();
            let doc = Html::parse_document(&html);
            let charts = select(&doc, "svg.chart");
            if ind.values.is_empty() {
                assert!(
                    charts.is_empty(),
                    "{lang}/{}: an indicator without values has no chart",
                    ind.id
                );
                continue;
            }
            assert_eq!(charts.len(), 1, "{lang}/{}: exactly one chart", ind.id);
            let svg = charts[0];
            assert_eq!(svg.value().attr("role"), Some("img"), "{lang}/{}", ind.id);
            let title = select(&doc, "svg.chart > title");
            let desc = select(&doc, "svg.chart > desc");
            assert!(
                !title.is_empty() && !text(&title[0]).is_empty(),
                "{lang}/{}: title",
                ind.id
            );
            assert!(
                !desc.is_empty() && !text(&desc[0]).is_empty(),
                "{lang}/{}: desc",
                ind.id
            );
            let svg_text = text(&svg);
            let desc = text(&desc[0]);
            if lang == "cy" {
                assert!(
                    svg_text.contains("Ch2 2019-20") && !svg_text.contains("Q2 2019-20"),
                    "cy/{}: Welsh period labels: {svg_text}",
                    ind.id
                );
                assert!(
                    desc.contains("yng Nghwarter 2 2019-20"),
                    "cy/{}: Welsh description: {desc}",
                    ind.id
                );
            } else {
                assert!(svg_text.contains("Q2 2019-20"), "en/{}: {svg_text}", ind.id);
                assert!(
                    desc.contains("in Quarter 2 2019-20"),
                    "en/{}: {desc}",
                    ind.id
                );
            }
            // The data beside the chart: a table with a caption and header scopes, whose
            // value cells hold the figures the description states.
            let table = select(&doc, "table.data");
            assert_eq!(table.len(), 1, "{lang}/{}: one data table", ind.id);
            assert!(!select(&doc, "table.data caption").is_empty());
            assert!(!select(&doc, "table.data th[scope=row]").is_empty());
            let first_value = desc.split(' ').next().unwrap().to_string();
            let cells: Vec<String> = select(&doc, "table.data td").iter().map(text).collect();
            assert!(
                cells.iter().any(|c| c.starts_with(&first_value)),
                "{lang}/{}: table has {first_value}: {cells:?}",
                ind.id
            );
            let csv = select(&doc, "a[href$='.csv']");
            assert!(!csv.is_empty(), "{lang}/{}: a CSV link", ind.id);
            with_values += usize::from(lang == "en");
        }
    }
    assert_eq!(
        with_values, 8,
        "the example site states values for 8 indicators"
    );
}

#[test]
fn describes_the_change_since_the_period_before() {
    let site = common::fixture("valid");
    site.build_ok(&[]);
    let model = dangos::build::build_site(&site.root, &Default::default())
        .unwrap()
        .site;
    let ind = model
        .indicators
        .iter()
        .find(|i| i.values.len() >= 2)
        .expect("the valid fixture has an indicator with history");
    let html = std::fs::read_to_string(
        site.public()
            .join("en/indicators")
            .join(&ind.id)
            .join("index.html"),
    )
    .unwrap();
    let doc = Html::parse_document(&html);
    let desc = text(&select(&doc, "svg.chart > desc")[0]);
    assert!(
        desc.contains(" from ") && desc.contains("Target for"),
        "{desc}"
    );
    let html = std::fs::read_to_string(
        site.public()
            .join("cy/indicators")
            .join(&ind.id)
            .join("index.html"),
    )
    .unwrap();
    let doc = Html::parse_document(&html);
    let desc = text(&select(&doc, "svg.chart > desc")[0]);
    assert!(
        desc.contains(" o ") && desc.contains("Targed ar gyfer"),
        "{desc}"
    );
}
