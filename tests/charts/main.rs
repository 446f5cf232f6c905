//! Charts: golden SVGs for a few typical cases (both variants, compared byte for byte
//! with files under tests/golden/charts/; after a deliberate change, look at the new
//! SVGs and accept them with `UPDATE_GOLDEN=1 cargo test --test charts`), the layout
//! rules (labels at their own ticks, honest scales), and the built pages.

#[path = "../common/mod.rs"]
mod common;
mod pages;

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

/// Both drawings of a chart.
fn both(d: &ChartData) -> [(String, &'static str); 2] {
    let drawn = chart::draw(d, &theme()).unwrap();
    [(drawn.wide, "wide"), (drawn.narrow, "narrow")]
}

#[test]
fn charts_match_their_golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/charts");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (name, d) in cases() {
        for (svg, variant) in both(&d) {
            let name = if variant == "wide" {
                name.to_string()
            } else {
                format!("{name}-{variant}")
            };
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
    }
    assert!(
        mismatches.is_empty(),
        "charts differ from their golden files: {mismatches:?}"
    );
}

/// A long history: forty quarters of a percentage, with a gap.
fn forty() -> ChartData {
    data(
        quarters(40),
        (0..40)
            .map(|i| (i != 17).then_some(3.5 + (i as f64 * 0.37) % 2.0))
            .collect(),
        vec![Some(4.0); 40],
        Shape::Line,
        true,
    )
}

/// The SVG's `<text>` elements: (x, text, rotated).
fn svg_texts(svg: &str) -> Vec<(f64, String, bool)> {
    let doc = Html::parse_fragment(svg);
    select(&doc, "text")
        .iter()
        .map(|t| {
            let x = t.value().attr("x").unwrap().parse().unwrap();
            (x, text(t), t.value().attr("transform").is_some())
        })
        .collect()
}

/// Each period's centre: its bar's middle (bars name their period), or its point (a
/// line's markers, one per value, in order).
fn centres(svg: &str, d: &ChartData) -> Vec<(String, f64)> {
    let doc = Html::parse_fragment(svg);
    if d.shape == Shape::Line {
        let periods = d.labels.iter().zip(&d.values).filter(|(_, v)| v.is_some());
        let markers = select(&doc, "circle[r=\"4\"]");
        assert_eq!(markers.len(), periods.clone().count(), "a marker per value");
        return periods
            .zip(markers)
            .map(|((l, _), m)| (l.clone(), m.value().attr("cx").unwrap().parse().unwrap()))
            .collect();
    }
    select(&doc, "[data-category]")
        .iter()
        .map(|e| {
            let a = |n: &str| e.value().attr(n).map(|v| v.parse::<f64>().unwrap());
            let x = a("x").unwrap() + a("width").unwrap() / 2.0;
            (e.value().attr("data-category").unwrap().to_string(), x)
        })
        .collect()
}

#[test]
fn period_labels_sit_at_their_own_points_and_the_latest_is_always_labelled() {
    let mut cases = cases();
    cases.push(("forty", forty()));
    for (name, d) in cases {
        for (svg, variant) in both(&d) {
            let texts = svg_texts(&svg);
            let labels: Vec<&(f64, String, bool)> =
                texts.iter().filter(|t| d.labels.contains(&t.1)).collect();
            assert!(!labels.is_empty(), "{name} {variant}: no period labels");
            assert_eq!(
                labels.last().unwrap().1,
                *d.labels.last().unwrap(),
                "{name} {variant}: the latest period is labelled"
            );
            for (period, x) in centres(&svg, &d) {
                if let Some(label) = labels.iter().find(|l| l.1 == period) {
                    assert!(
                        (label.0 - x).abs() < 0.15,
                        "{name} {variant}: {period} labelled at {} but drawn at {x}",
                        label.0
                    );
                }
            }
            // Shown labels are evenly spaced: every `step`th period, back from the latest.
            let shown: Vec<usize> = labels
                .iter()
                .map(|l| d.labels.iter().position(|p| *p == l.1).unwrap())
                .collect();
            let steps: Vec<usize> = shown.windows(2).map(|w| w[1] - w[0]).collect();
            assert!(
                steps.windows(2).all(|w| w[0] == w[1]),
                "{name} {variant}: {shown:?}"
            );
            assert!(!svg.contains("NaN"), "{name} {variant}");
        }
    }
}

#[test]
fn a_wide_chart_of_up_to_twelve_quarters_labels_every_period() {
    for (name, d) in cases() {
        let wide = chart::draw(&d, &theme()).unwrap().wide;
        for label in &d.labels {
            assert!(
                wide.contains(label.as_str()),
                "{name}: label {label} dropped"
            );
        }
    }
}

/// The drawn size of each variant: text at the theme's 14 px stays at least 12 CSS
/// px when the wide one fits a 960 px page and the narrow one a 288 px phone column.
#[test]
fn each_variant_fits_the_width_it_is_read_at() {
    let t = theme();
    let mut cases = cases();
    cases.push(("forty", forty()));
    for (name, d) in cases {
        let drawn = chart::draw(&d, &t).unwrap();
        for (svg, room) in [(&drawn.wide, 960.0), (&drawn.narrow, 288.0)] {
            let doc = Html::parse_fragment(svg);
            let root = select(&doc, "svg")[0];
            let width: f64 = root.value().attr("width").unwrap().parse().unwrap();
            let size: f64 = root.value().attr("font-size").unwrap().parse().unwrap();
            let shown = size * (room / width).min(1.0);
            assert!(shown >= 12.0, "{name}: {width} px wide: text at {shown} px");
            assert!(
                select(&doc, "text[font-size]").is_empty(),
                "{name}: every label at the chart's size"
            );
            assert_eq!(root.value().attr("aria-hidden"), Some("true"), "{name}");
        }
    }
}

/// The top of the y axis: its highest label.
fn axis_top(svg: &str) -> f64 {
    svg_texts(svg)
        .iter()
        .filter(|t| t.1.ends_with('%') || t.1.chars().all(|c| c.is_ascii_digit() || c == ','))
        .map(|t| {
            t.1.trim_end_matches('%')
                .replace(',', "")
                .parse::<f64>()
                .unwrap()
        })
        .fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn scales_are_honest() {
    // A lone 3.7% does not fill its chart; against a target of 10 the scale covers both.
    let alone = data(quarters(1), vec![Some(3.7)], vec![None], Shape::Bars, true);
    let drawn = chart::draw(&alone, &theme()).unwrap();
    assert_eq!(drawn.axis.min, 0.0, "bars start at zero");
    assert!(
        axis_top(&drawn.wide) >= 3.7 * 1.15,
        "{}",
        axis_top(&drawn.wide)
    );
    let against = data(
        quarters(1),
        vec![Some(3.7)],
        vec![Some(10.0)],
        Shape::Bars,
        true,
    );
    let top = axis_top(&chart::draw(&against, &theme()).unwrap().wide);
    assert!(top >= 10.0 * 1.15, "{top}");
    // Counts start at zero whatever the figures.
    let counts = data(
        quarters(3),
        vec![Some(900.0), Some(950.0), Some(1000.0)],
        vec![None; 3],
        Shape::Line,
        false,
    );
    assert_eq!(chart::draw(&counts, &theme()).unwrap().axis.min, 0.0);
    // Small percentages on a line: the scale starts near them, and says so (see
    // the page test below); the lowest is not on the baseline.
    let line = chart::draw(&forty(), &theme()).unwrap();
    assert!(
        line.axis.min > 0.0 && line.axis.min < 3.5,
        "{:?}",
        line.axis
    );
}

#[test]
fn charts_are_deterministic() {
    for (name, d) in cases() {
        assert_eq!(
            chart::draw(&d, &theme()).unwrap(),
            chart::draw(&d, &theme()).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn target_lines_are_dashed_and_absent_without_targets() {
    let c = cases();
    for (svg, variant) in both(&c[0].1) {
        assert!(
            svg.contains("stroke-dasharray=\"8,5\""),
            "one value, {variant}: dashed target line"
        );
    }
    for (svg, variant) in both(&c[2].1) {
        assert!(
            svg.contains("stroke-dasharray=\"8,5\""),
            "twelve quarters, {variant}: dashed target steps"
        );
    }
    for (svg, variant) in both(&c[3].1) {
        assert!(!svg.contains("8,5"), "no target, {variant}: no target line");
    }
}

pub(crate) fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

pub(crate) fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// One drawing serves every language: the Welsh chart made from the English one's
/// drawing is the Welsh chart drawn afresh (laid out for both wordings).
#[test]
fn a_drawing_kept_for_one_language_serves_the_other() {
    let t = theme();
    for (name, en) in cases().into_iter().chain([("forty", forty())]) {
        let mut cy = en.clone();
        cy.labels = en.labels.iter().map(|l| l.replace('Q', "Ch")).collect();
        let cell = chart::DrawingCell::new();
        let english =
            chart::draw_shared(&en, std::slice::from_ref(&cy.labels), &t, Some(&cell)).unwrap();
        assert!(cell.get().is_some(), "{name}: the drawing is kept");
        let kept =
            chart::draw_shared(&cy, std::slice::from_ref(&en.labels), &t, Some(&cell)).unwrap();
        let fresh = chart::draw_shared(&cy, std::slice::from_ref(&en.labels), &t, None).unwrap();
        assert_eq!(kept, fresh, "{name}");
        let latest = cy.labels.last().unwrap();
        assert!(kept.narrow.contains(&format!(">{latest}<")), "{name}");
        assert!(
            !kept.wide.contains(">Q") && !kept.narrow.contains("\"Q"),
            "{name}"
        );
        // Both languages' charts are laid out alike.
        let head = |s: &str| s[..s.find('>').unwrap()].to_string();
        assert_eq!(head(&english.wide), head(&kept.wide), "{name}");
        assert_eq!(head(&english.narrow), head(&kept.narrow), "{name}");
    }
}
