//! Charts: golden SVGs for a few typical cases (both variants, compared byte for byte
//! with files under tests/golden/charts/; after a deliberate change, look at the new
//! SVGs and accept them with `UPDATE_GOLDEN=1 cargo test --test charts`), the layout
//! rules (labels at their own ticks, honest scales), and the built pages.

#[path = "../common/mod.rs"]
mod common;
mod pages;

use dangos::figures::NumberFormat;
use dangos::render::chart::{self, ChartData, ChartTheme, PeriodWords, Quarters, Shape};
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

/// The axis words of `n` quarters from 2017-18 Q1, in two levels.
fn quarter_words(n: usize) -> PeriodWords {
    PeriodWords {
        labels: quarters(n),
        quarters: Some(Quarters {
            quarter: (0..n).map(|i| format!("Q{}", i % 4 + 1)).collect(),
            year: (0..n)
                .map(|i| format!("{}-{:02}", 2017 + i / 4, (18 + i / 4) % 100))
                .collect(),
        }),
    }
}

fn data(
    labels: Vec<String>,
    values: Vec<Option<f64>>,
    targets: Vec<Option<f64>>,
    shape: Shape,
    percent: bool,
) -> ChartData {
    ChartData {
        words: quarter_words(labels.len()),
        values,
        targets,
        shape,
        from_zero: shape == Shape::Bars,
        whole: !percent,
        ceiling: percent.then_some(100.0),
        unit: if percent { "%".into() } else { "Number".into() },
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
                Shape::Bars,
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

/// The SVG's `<text>` elements: (x, text, rotated), in the order drawn.
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

/// Each period's centre, by slot: its bar's middle (bars name their period), or its
/// point (a line's markers, one per value, in order); a gap has none.
fn centres(svg: &str, d: &ChartData) -> Vec<Option<f64>> {
    let doc = Html::parse_fragment(svg);
    let mut at = vec![None; d.values.len()];
    if d.shape == Shape::Line {
        let slots = (0..d.values.len()).filter(|&i| d.values[i].is_some());
        let markers = select(&doc, "circle[r=\"4\"]");
        assert_eq!(markers.len(), slots.clone().count(), "a marker per value");
        for (i, m) in slots.zip(markers) {
            at[i] = Some(m.value().attr("cx").unwrap().parse().unwrap());
        }
        return at;
    }
    for e in select(&doc, "[data-category]") {
        let a = |n: &str| e.value().attr(n).map(|v| v.parse::<f64>().unwrap());
        let category = e.value().attr("data-category").unwrap();
        let i = d.words.labels.iter().position(|l| l == category).unwrap();
        at[i] = Some(a("x").unwrap() + a("width").unwrap() / 2.0);
    }
    at
}

/// The slot under `x`, from the centres known (two points fix the slots' spacing).
fn slot_at(centres: &[Option<f64>], x: f64) -> (usize, f64) {
    let known: Vec<(usize, f64)> = centres
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c)))
        .collect();
    let (i0, x0) = known[0];
    let width = match known.last() {
        Some(&(i1, x1)) if i1 > i0 => (x1 - x0) / (i1 - i0) as f64,
        _ => return (i0, x0),
    };
    let i = ((x - x0) / width).round() as i64 + i0 as i64;
    let i = i.clamp(0, centres.len() as i64 - 1) as usize;
    (i, x0 + (i as f64 - i0 as f64) * width)
}

/// A series of years (no two-level axis): eight of them.
pub(crate) fn years() -> ChartData {
    let labels: Vec<String> = (0..8)
        .map(|i| format!("{}-{:02}", 2012 + i, (13 + i) % 100))
        .collect();
    let mut d = data(
        labels.clone(),
        (0..8).map(|i| Some(40.0 + f64::from(i) * 3.1)).collect(),
        vec![Some(50.0); 8],
        Shape::Line,
        true,
    );
    d.words = PeriodWords {
        labels,
        quarters: None,
    };
    d
}

#[test]
fn period_labels_sit_at_their_own_points_and_the_latest_is_always_labelled() {
    let mut cases = cases();
    cases.push(("forty", forty()));
    cases.push(("years", years()));
    for (name, d) in cases {
        let n = d.values.len();
        for (svg, variant) in both(&d) {
            let texts = svg_texts(&svg);
            let centres = centres(&svg, &d);
            assert!(!svg.contains("NaN"), "{name} {variant}");
            // The words drawn as period labels, and the slot each is read with.
            let (words, years): (Vec<&String>, Vec<&String>) = match &d.words.quarters {
                Some(q) => (q.quarter.iter().collect(), q.year.iter().collect()),
                None => (d.words.labels.iter().collect(), Vec::new()),
            };
            let mut shown = Vec::new();
            for (x, word, rotated) in &texts {
                if !words.contains(&word) || years.contains(&word) {
                    continue;
                }
                let (i, centre) = slot_at(&centres, *x);
                assert!(
                    (x - centre).abs() < 0.15 && words[i] == word,
                    "{name} {variant}: {word} at {x}, but slot {i} ({}) is at {centre}",
                    words[i]
                );
                assert!(
                    !rotated || d.words.quarters.is_none(),
                    "{name} {variant}: quarters are never turned"
                );
                shown.push(i);
            }
            // Every `step`th period, back from the latest (quarter words may give way
            // to their years alone, on a long history on a phone).
            if !shown.is_empty() || d.words.quarters.is_none() {
                assert_eq!(shown.last(), Some(&(n - 1)), "{name} {variant}: {shown:?}");
            }
            let steps: Vec<usize> = shown.windows(2).map(|w| w[1] - w[0]).collect();
            assert!(
                steps.windows(2).all(|w| w[0] == w[1]),
                "{name} {variant}: {shown:?}"
            );
            // Each year once at most, in time order, the latest always, each under
            // its own quarters.
            if let Some(q) = &d.words.quarters {
                let drawn: Vec<(f64, &String)> = texts
                    .iter()
                    .filter(|t| q.year.contains(&t.1))
                    .map(|t| (t.0, &t.1))
                    .collect();
                assert_eq!(drawn.last().map(|t| t.1), q.year.last(), "{name} {variant}");
                for pair in drawn.windows(2) {
                    assert!(pair[0].0 < pair[1].0 && pair[0].1 != pair[1].1, "{name}");
                }
                for (x, year) in drawn {
                    let (i, _) = slot_at(&centres, x);
                    let first = q.year.iter().position(|y| y == year).unwrap();
                    let last = q.year.iter().rposition(|y| y == year).unwrap();
                    assert!(
                        (first.saturating_sub(1)..=last + 1).contains(&i),
                        "{name} {variant}: {year} under slot {i}"
                    );
                }
            }
        }
    }
}

/// At the width of a laptop's page, a chart of up to twelve quarters labels every
/// quarter, and each financial year once, with nothing turned; the value axis names
/// its unit.
#[test]
fn a_wide_chart_of_up_to_twelve_quarters_labels_every_period() {
    for (name, d) in cases() {
        let wide = chart::draw(&d, &theme()).unwrap().wide;
        let texts = svg_texts(&wide);
        let q = d.words.quarters.as_ref().unwrap();
        let quarters = texts.iter().filter(|t| q.quarter.contains(&t.1)).count();
        assert_eq!(quarters, d.values.len(), "{name}: a word per quarter");
        let mut years = q.year.clone();
        years.dedup();
        for year in &years {
            let count = texts.iter().filter(|t| t.1 == *year).count();
            assert_eq!(count, 1, "{name}: {year} once");
        }
        assert!(texts.iter().all(|t| !t.2), "{name}: nothing turned");
        assert!(
            wide.contains(&format!(
                "class=\"chart-unit\" x=\"8\" y=\"16\">{}<",
                d.unit
            )),
            "{name}: the unit above the axis"
        );
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
        .filter(|t| {
            !t.1.is_empty()
                && t.1
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
        .map(|t| t.1.replace(',', "").parse::<f64>().unwrap())
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
    // Bars start at zero whatever the figures.
    let counts = data(
        quarters(3),
        vec![Some(900.0), Some(950.0), Some(1000.0)],
        vec![None; 3],
        Shape::Bars,
        false,
    );
    assert_eq!(chart::draw(&counts, &theme()).unwrap().axis.min, 0.0);
    // A line of counts starts near its figures (the page says where), in whole steps.
    let mut line = counts.clone();
    line.shape = Shape::Line;
    line.from_zero = false;
    let axis = chart::draw(&line, &theme()).unwrap().axis;
    assert!(axis.min > 0.0 && axis.min < 900.0, "{axis:?}");
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
    // A target across the chart is a plain dashed line from the axis to the plot's
    // end: no dot at its start and no arrowhead at its end, which no legend explains.
    for (case, target) in [(&c[0].1, 80.0), (&c[1].1, 900.0)] {
        for (svg, variant) in both(case) {
            let doc = Html::parse_fragment(&svg);
            let orange = |e: &scraper::ElementRef<'_>| {
                ["fill", "stroke"].iter().any(|a| {
                    e.value()
                        .attr(a)
                        .is_some_and(|c| c.eq_ignore_ascii_case("#d0640a"))
                })
            };
            let marks: Vec<_> = select(&doc, "circle, path")
                .into_iter()
                .filter(|e| orange(e))
                .collect();
            assert!(
                marks.is_empty(),
                "{target}, {variant}: {} marks",
                marks.len()
            );
            let lines: Vec<_> = select(&doc, "line[stroke-dasharray]")
                .into_iter()
                .filter(|e| orange(e))
                .collect();
            assert_eq!(lines.len(), 1, "{target}, {variant}");
            let axis = select(&doc, "line")
                .into_iter()
                .find(|l| l.value().attr("x1") == l.value().attr("x2"))
                .unwrap();
            assert_eq!(
                lines[0].value().attr("x1"),
                axis.value().attr("x1"),
                "{target}, {variant}: from the axis"
            );
        }
    }
}

/// Counts, and any figure published without decimals, are ticked in whole numbers.
#[test]
fn whole_figures_have_whole_ticks() {
    for (values, shape) in [
        (vec![Some(0.0), Some(3.0), Some(2.0)], Shape::Bars),
        (vec![Some(7.0), Some(9.0), Some(8.0)], Shape::Bars),
        (
            (0..12)
                .map(|i| Some(19.0 + f64::from(i % 5) * 2.0))
                .collect(),
            Shape::Line,
        ),
        (
            (0..12).map(|i| Some(1.0 + f64::from(i % 3))).collect(),
            Shape::Line,
        ),
    ] {
        let n = values.len();
        let mut d = data(quarters(n), values.clone(), vec![None; n], shape, false);
        d.from_zero = shape == Shape::Bars;
        let drawn = chart::draw(&d, &theme()).unwrap();
        for i in 0..=drawn.axis.splits {
            let tick = drawn.axis.tick(i).to_f64();
            assert_eq!(tick, tick.round(), "{values:?}: a tick at {tick}");
        }
        for (x, label, _) in svg_texts(&drawn.wide) {
            assert!(!label.contains('.'), "{values:?}: {label} at {x}");
        }
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
    for (name, en) in cases()
        .into_iter()
        .chain([("forty", forty()), ("years", years())])
    {
        let mut cy = en.clone();
        let welsh = |w: &Vec<String>| w.iter().map(|l| l.replace('Q', "Ch")).collect::<Vec<_>>();
        cy.words.labels = welsh(&en.words.labels);
        if let Some(q) = &mut cy.words.quarters {
            q.quarter = welsh(&q.quarter);
        }
        cy.unit = "Nifer".into();
        let cell = chart::DrawingCell::new();
        let english =
            chart::draw_shared(&en, std::slice::from_ref(&cy.words), &t, Some(&cell)).unwrap();
        assert!(cell.get().is_some(), "{name}: the drawing is kept");
        let kept =
            chart::draw_shared(&cy, std::slice::from_ref(&en.words), &t, Some(&cell)).unwrap();
        let fresh = chart::draw_shared(&cy, std::slice::from_ref(&en.words), &t, None).unwrap();
        assert_eq!(kept, fresh, "{name}");
        let latest = match &cy.words.quarters {
            Some(q) => q.year.last().unwrap(),
            None => cy.words.labels.last().unwrap(),
        };
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
