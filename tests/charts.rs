//! Charts: golden SVGs for a few typical cases (both variants, compared byte for byte
//! with files under tests/golden/charts/; after a deliberate change, look at the new
//! SVGs and accept them with `UPDATE_GOLDEN=1 cargo test --test charts`), the layout
//! rules (labels at their own ticks, honest scales), and the built pages.

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

/// Each period's centre: its bar's middle or its point.
fn centres(svg: &str) -> Vec<(String, f64)> {
    let doc = Html::parse_fragment(svg);
    select(&doc, "[data-category]")
        .iter()
        .map(|e| {
            let a = |n: &str| e.value().attr(n).map(|v| v.parse::<f64>().unwrap());
            let x = match a("cx") {
                Some(cx) => cx,
                None => a("x").unwrap() + a("width").unwrap() / 2.0,
            };
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
            for (period, x) in centres(&svg) {
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

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// On the built example site: every indicator with a value has one chart in each
/// language, drawn twice (wide and narrow) but one image to a screen reader, named
/// once and described once, in that language, beside its data table and CSV; the
/// others have none.
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
            let charts = select(&doc, ".chart");
            if ind.values.is_empty() {
                assert!(
                    charts.is_empty() && select(&doc, "svg.chart-svg").is_empty(),
                    "{lang}/{}: an indicator without values has no chart",
                    ind.id
                );
                continue;
            }
            assert_eq!(charts.len(), 1, "{lang}/{}: exactly one chart", ind.id);
            let images = select(&doc, "figure [role=img]");
            assert_eq!(images.len(), 1, "{lang}/{}: one image", ind.id);
            let name = images[0].value().attr("aria-label").unwrap_or_default();
            let phrase = if lang == "en" {
                "figures by period"
            } else {
                "ffigurau fesul cyfnod"
            };
            assert!(name.contains(phrase), "{lang}/{}: {name}", ind.id);
            let drawings = select(&doc, ".chart > svg");
            assert_eq!(drawings.len(), 2, "{lang}/{}: wide and narrow", ind.id);
            for d in &drawings {
                assert_eq!(
                    d.value().attr("aria-hidden"),
                    Some("true"),
                    "{lang}/{}",
                    ind.id
                );
            }
            assert!(
                select(&doc, ".chart title, .chart desc").is_empty(),
                "{lang}/{}: the drawings carry no second text alternative",
                ind.id
            );
            let desc = select(&doc, ".chart-description");
            assert_eq!(desc.len(), 1, "{lang}/{}: one description", ind.id);
            let svg = select(&doc, "svg.chart-wide")[0];
            let svg_text = text(&svg);
            let desc = text(&desc[0]);
            assert_eq!(
                html.matches(&desc).count(),
                1,
                "{lang}/{}: the description is on the page once",
                ind.id
            );
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
    let desc = text(&select(&doc, ".chart-description")[0]);
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
    let desc = text(&select(&doc, ".chart-description")[0]);
    assert!(
        desc.contains(" o ") && desc.contains("Targed ar gyfer"),
        "{desc}"
    );
}

/// A line whose scale does not start at zero says so under the chart, in words, in
/// each language; a bar chart (from zero) does not.
#[test]
fn a_scale_that_does_not_start_at_zero_says_so() {
    let site = common::fixture("valid");
    let values: String = (0..12)
        .map(|i| {
            format!(
                "\"{}-{:02} Q{}\" = {}\n",
                2017 + i / 4,
                (18 + i / 4) % 100,
                i % 4 + 1,
                3.5 + f64::from(i % 5) * 0.5
            )
        })
        .collect();
    site.write(
        "content/indicators/small-rates.md",
        &format!(
            "+++\ntitle = \"Small rates\"\nunit = \"percent\"\ndirection = \"lower\"\n\n[values]\n{values}\n[targets]\n\"2018-19\" = \"not-stated\"\n+++\nBody.\n"
        ),
    );
    site.write(
        "content/indicators/small-rates.cy.md",
        "+++\ntitle = \"Cyfraddau bach\"\n+++\nCorff.\n",
    );
    site.build_ok(&[]);
    let page = |lang: &str, id: &str| {
        Html::parse_document(
            &std::fs::read_to_string(
                site.public()
                    .join(lang)
                    .join("indicators")
                    .join(id)
                    .join("index.html"),
            )
            .unwrap(),
        )
    };
    let notes = |doc: &Html| {
        select(doc, ".chart-note")
            .iter()
            .map(text)
            .collect::<Vec<_>>()
    };
    let en = notes(&page("en", "small-rates"));
    assert!(
        en.iter().any(|n| n.starts_with("The scale starts at 3")),
        "{en:?}"
    );
    let cy = notes(&page("cy", "small-rates"));
    assert!(
        cy.iter()
            .any(|n| n.starts_with("Mae'r raddfa'n dechrau ar 3")),
        "{cy:?}"
    );
    // Every year without a target line is named, with the reason.
    for year in ["2017-18", "2019-20"] {
        assert!(
            en.iter()
                .any(|n| n.contains(year) && n.contains("no target was set")),
            "{year}: {en:?}"
        );
    }
    assert!(
        en.iter()
            .any(|n| n.contains("2018-19") && n.contains("not stated")),
        "{en:?}"
    );
    let bars = notes(&page("en", "re-referrals"));
    assert!(!bars.iter().any(|n| n.contains("scale")), "{bars:?}");
}

/// `not-stated`: the source gave a status but not the target. Pages say so in both
/// languages, the data files carry the code, and the status is none, with the reason.
#[test]
fn a_target_not_stated_is_said_in_words_and_codes() {
    let site = common::example_site();
    site.build_ok(&[]);
    let id = "wellbeing-assessments-timescales";
    for (lang, words) in [("en", "Target not stated"), ("cy", "Targed heb ei nodi")] {
        let html = std::fs::read_to_string(
            site.public()
                .join(lang)
                .join("indicators")
                .join(id)
                .join("index.html"),
        )
        .unwrap();
        let doc = Html::parse_document(&html);
        let cells: Vec<String> = select(&doc, "table.data td").iter().map(text).collect();
        assert!(cells.iter().any(|c| c == words), "{lang}: {cells:?}");
        assert!(
            !html.contains(if lang == "en" {
                "No target set"
            } else {
                "Dim targed wedi"
            }),
            "{lang}"
        );
    }
    let csv = std::fs::read_to_string(
        site.public()
            .join("en/indicators")
            .join(id)
            .join(format!("{id}.csv")),
    )
    .unwrap();
    assert!(csv.contains(",not-stated,none,"), "{csv}");
    let json = std::fs::read_to_string(site.public().join("en/data/indicators.json")).unwrap();
    assert!(json.contains("\"not-stated\""), "indicators.json");
}

/// `not-stated` is read from TOML front matter as from YAML.
#[test]
fn not_stated_is_read_from_toml() {
    let site = common::fixture("valid");
    site.replace(
        "content/indicators/visit-length.md",
        "\"2019-20\" = \"not-appropriate\"",
        "\"2019-20\" = \"not-stated\"",
    );
    site.build_ok(&[]);
    let html = std::fs::read_to_string(site.public().join("en/indicators/visit-length/index.html"))
        .unwrap();
    assert!(html.contains("Target not stated"), "{html}");
}
