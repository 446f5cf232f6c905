//! Charts on built pages: one image per chart, named and described once, in the
//! page's language; the scale note and the legend's years; targets not stated.

use super::common;
use super::{select, text};
use scraper::Html;

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
            let unit = text(&select(&doc, "svg.chart-wide text.chart-unit")[0]);
            let desc = text(&desc[0]);
            // (In the page's text: its figures are wrapped in spans that keep them on
            // one line.)
            assert_eq!(
                text(&doc.root_element()).matches(&desc).count(),
                1,
                "{lang}/{}: the description is on the page once",
                ind.id
            );
            if lang == "cy" {
                // Quarters over their year, in Welsh; the value axis names its unit.
                assert!(
                    svg_text.contains("Ch2")
                        && svg_text.contains("2019-20")
                        && !svg_text.contains("Q2"),
                    "cy/{}: Welsh period labels: {svg_text}",
                    ind.id
                );
                assert!(
                    ["Nifer", "%", "Diwrnodau"].contains(&unit.as_str()),
                    "cy/{}: the unit above the axis: {unit}",
                    ind.id
                );
                assert!(
                    desc.contains("yng Nghwarter 2 2019-20"),
                    "cy/{}: Welsh description: {desc}",
                    ind.id
                );
            } else {
                assert!(
                    svg_text.contains("Q2") && svg_text.contains("2019-20"),
                    "en/{}: {svg_text}",
                    ind.id
                );
                assert!(
                    ["Number", "%", "Days"].contains(&unit.as_str()),
                    "en/{}: the unit above the axis: {unit}",
                    ind.id
                );
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
            .any(|n| n.starts_with("Mae’r raddfa’n dechrau ar 3")),
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
                "Targed heb ei osod"
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
    // No target figure, and the marker of one not available beside it.
    assert!(csv.contains(",,[x],none,"), "{csv}");
    let json = std::fs::read_to_string(site.public().join("en/data/indicators.json")).unwrap();
    assert!(
        json.contains("\"target_marker\": \"[x]\""),
        "indicators.json"
    );
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

/// A count of twelve quarters is a line (as a time series is), on a scale that starts
/// near its figures and says so, in whole steps, under an axis that names its unit;
/// two quarters of it are bars from zero. In each language.
#[test]
fn a_long_count_is_a_line_in_whole_steps_and_a_short_one_is_bars() {
    let site = common::fixture("valid");
    let quarter = |i: i32| format!("{}-{:02} Q{}", 2017 + i / 4, (18 + i / 4) % 100, i % 4 + 1);
    for (id, n) in [("long-count", 12), ("short-count", 2)] {
        let values: String = (0..n)
            .map(|i| format!("  {}: {}\n", quarter(i), 19 + (i * 7) % 13))
            .collect();
        site.write(
            &format!("content/indicators/{id}.md"),
            &format!(
                "---\ntitle: Count {id}\nunit: count\ndirection: lower\nvalues:\n{values}---\nBody.\n"
            ),
        );
        site.write(
            &format!("content/indicators/{id}.cy.md"),
            &format!("---\ntitle: Cyfrif {id}\n---\nCorff.\n"),
        );
    }
    site.build_ok(&[]);
    for (lang, unit, scale) in [
        ("en", "Number", "The scale starts at"),
        ("cy", "Nifer", "Mae’r raddfa’n dechrau ar"),
    ] {
        let page = |id: &str| {
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
        let long = page("long-count");
        assert_eq!(
            select(&long, ".chart-legend .swatch-value-line").len(),
            1,
            "{lang}: a line"
        );
        assert!(
            select(&long, ".chart svg rect[data-value]").is_empty(),
            "{lang}: no bars"
        );
        let notes: Vec<String> = select(&long, ".chart-note").iter().map(text).collect();
        assert!(
            notes.iter().any(|n| n.starts_with(scale)),
            "{lang}: {notes:?}"
        );
        for svg in select(&long, ".chart svg") {
            let unit_text: Vec<String> = svg
                .select(&scraper::Selector::parse("text.chart-unit").unwrap())
                .map(|t| text(&t))
                .collect();
            assert_eq!(unit_text, [unit], "{lang}");
            for t in svg.select(&scraper::Selector::parse("g[text-anchor=end] text").unwrap()) {
                let tick = text(&t);
                assert!(
                    tick.chars().all(|c| c.is_ascii_digit() || c == ','),
                    "{lang}: a whole step, not {tick}"
                );
            }
        }
        let short = page("short-count");
        assert_eq!(
            select(&short, ".chart-legend .swatch-value").len(),
            1,
            "{lang}: bars"
        );
        assert!(
            !select(&short, ".chart svg rect[data-value]").is_empty(),
            "{lang}"
        );
        let notes: Vec<String> = select(&short, ".chart-note").iter().map(text).collect();
        assert!(
            !notes.iter().any(|n| n.starts_with(scale)),
            "{lang}: from zero: {notes:?}"
        );
    }
}
