//! Direction of travel that matches the figures (issue 21): the arrow shows which way
//! the published figure moved, the words say by how much and whether that is better,
//! and a gap is reached across and named. On a fixture (`tests/fixtures/travel_change`)
//! whose report is for 2019-20 Q4:
//! - `waiting` (days, lower is better): 35 → 30 since Q3, 30 a year earlier.
//! - `complaints` (count, lower is better): 0 → 3.
//! - `reviews` (percent, higher is better): 92.7 in Q2, no figure for Q3, 0.0 in Q4.
//! - `rate` (percent, higher is better): 60.0 → 62.5.
//! - `referrals` (count, neither way better): 100 → 110.
//! - `newcomer`: its first figure. `distant`: its last figure five quarters back.
//! - `yearly` (years): 2017-18, 2018-19, no 2019-20, 2020-21.

mod common;

use common::*;
use serde_json::Value;
use std::sync::LazyLock;

static BUILT: LazyLock<Site> = LazyLock::new(|| {
    let site = shared_site("travel_change");
    let run = site.build_ok(&[]);
    // `yearly` is in no report: its page and data files are what it is for.
    let warnings = run.stderr.matches("warning[").count();
    assert_eq!(
        warnings,
        run.stderr.matches("warning[orphan-indicator]").count(),
        "{run}"
    );
    site
});

/// One direction of travel as shown and published.
struct Expected {
    id: &'static str,
    /// The judgement's code.
    key: &'static str,
    /// `data-movement`, none when not comparable.
    movement: Option<&'static str>,
    /// The words in English and Welsh.
    en: &'static str,
    cy: &'static str,
    /// The CSV's change and period compared with.
    change: &'static str,
    from: &'static str,
}

const NOT_COMPARABLE: (&str, Option<&str>, &str, &str, &str, &str) = (
    "not-comparable",
    None,
    "Not comparable",
    "Dim modd cymharu",
    "",
    "",
);

const fn e(
    id: &'static str,
    (key, movement, en, cy, change, from): (
        &'static str,
        Option<&'static str>,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
) -> Expected {
    Expected {
        id,
        key,
        movement,
        en,
        cy,
        change,
        from,
    }
}

/// Since the previous period, for 2019-20 Q4.
const PREVIOUS: [Expected; 7] = [
    // Lower is better, and it fell: the arrow points down, the words say improved.
    e(
        "waiting",
        (
            "improved",
            Some("down"),
            "Down 5 days: improved",
            "I lawr 5 diwrnod: wedi gwella",
            "-5",
            "2019-20 Q3",
        ),
    ),
    // A count from nothing, lower better: up, and worse.
    e(
        "complaints",
        (
            "worsened",
            Some("up"),
            "Up 3: worsened",
            "I fyny 3: wedi gwaethygu",
            "3",
            "2019-20 Q3",
        ),
    ),
    // Across the quarter with no figure, compared with Q2, which is named.
    e(
        "reviews",
        (
            "worsened",
            Some("down"),
            "Down 92.7 points: worsened",
            "I lawr 92.7 pwynt: wedi gwaethygu",
            "-92.7",
            "2019-20 Q2",
        ),
    ),
    // A percentage changes by points.
    e(
        "rate",
        (
            "improved",
            Some("up"),
            "Up 2.5 points: improved",
            "I fyny 2.5 pwynt: wedi gwella",
            "2.5",
            "2019-20 Q3",
        ),
    ),
    // Neither way better: increased, with the amount.
    e(
        "referrals",
        (
            "increased",
            Some("up"),
            "Increased by 10",
            "Wedi cynyddu 10",
            "10",
            "2019-20 Q3",
        ),
    ),
    // A first figure; a figure more than a year after the one before.
    e("newcomer", NOT_COMPARABLE),
    e("distant", NOT_COMPARABLE),
];

/// Since a year earlier, for those that have a figure then.
const YEAR: [Expected; 2] = [
    // Equal figures: level, no change, a change of 0.
    e(
        "waiting",
        (
            "unchanged",
            Some("level"),
            "No change",
            "Dim newid",
            "0",
            "2018-19 Q4",
        ),
    ),
    e(
        "reviews",
        (
            "worsened",
            Some("down"),
            "Down 90.0 points: worsened",
            "I lawr 90.0 pwynt: wedi gwaethygu",
            "-90",
            "2018-19 Q4",
        ),
    ),
];

/// The gap `reviews` is compared across, in words.
fn gap(lang: &str) -> &'static str {
    match lang {
        "en" => "(since Quarter 2 2019-20: no figure for Quarter 3 2019-20)",
        _ => "(ers Chwarter 2 2019-20: dim ffigur ar gyfer Chwarter 3 2019-20)",
    }
}

/// The scorecard's travel cells of indicator `id` on a report page.
fn scorecard_cells(html: &scraper::Html, id: &str) -> Vec<(String, Option<String>, String)> {
    let href = format!("#{id}");
    let row = html
        .select(&sel(".scorecard-table tbody tr"))
        .find(|tr| {
            tr.select(&sel("th a"))
                .next()
                .is_some_and(|a| a.value().attr("href") == Some(href.as_str()))
        })
        .unwrap_or_else(|| panic!("no scorecard row for {id}"));
    row.select(&sel(".travel"))
        .map(|el| {
            let class = el.value().attr("class").unwrap();
            let key = class
                .split(' ')
                .find_map(|c| c.strip_prefix("travel-"))
                .unwrap();
            let movement = el.value().attr("data-movement").map(str::to_string);
            (key.to_string(), movement, text(el))
        })
        .collect()
}

#[test]
fn arrows_follow_the_figures_and_words_give_the_change_and_the_judgement() {
    let out = BUILT.public();
    for lang in ["en", "cy"] {
        let rel = format!("{lang}/reports/2019-20-q4/index.html");
        let html = page(&out, &rel);
        for (i, expected) in PREVIOUS.iter().chain(&YEAR).enumerate() {
            let since_year = i >= PREVIOUS.len();
            let cells = scorecard_cells(&html, expected.id);
            let (key, movement, words) = &cells[usize::from(since_year)];
            let mut want = if lang == "en" {
                expected.en
            } else {
                expected.cy
            }
            .to_string();
            if expected.id == "reviews" && !since_year {
                want = format!("{want} {}", gap(lang));
            }
            assert_eq!(
                (key.as_str(), movement.as_deref(), words.as_str()),
                (expected.key, expected.movement, want.as_str()),
                "{rel} {}",
                expected.id
            );
        }
        // The arrow is the movement's, whatever the judgement.
        let waiting = html
            .select(&sel(".scorecard-table .travel[data-movement=down] use"))
            .next()
            .unwrap();
        assert_eq!(waiting.value().attr("href"), Some("#travel-icon-down"));
        assert!(
            html.select(&sel("svg.travel-symbols symbol#travel-icon-up"))
                .next()
                .is_some(),
            "{rel}: the arrows are on the page"
        );
    }
}

#[test]
fn data_files_publish_the_change_and_the_period_compared_with() {
    let out = BUILT.public();
    for lang in ["en", "cy"] {
        let (h_change, h_from, h_year_change, h_year_from, h_words) = if lang == "en" {
            (
                "Change since the previous period",
                "Previous period with a figure",
                "Change since a year earlier",
                "Same period a year earlier",
                "Since the previous period in words",
            )
        } else {
            (
                "Newid ers y cyfnod blaenorol",
                "Y cyfnod blaenorol â ffigur",
                "Newid ers yr un cyfnod flwyddyn ynghynt",
                "Yr un cyfnod flwyddyn ynghynt",
                "Ers y cyfnod blaenorol mewn geiriau",
            )
        };
        let base = format!("{lang}/reports/2019-20-q4/2019-20-q4");
        let rows = csv_rows(&out.join(format!("{base}.csv")));
        let json: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(format!("{base}.json"))).unwrap(),
        )
        .unwrap();
        let figures: Vec<&Value> = json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["indicators"].as_array().unwrap())
            .collect();
        let year_of = |id: &str| YEAR.iter().find(|y| y.id == id);
        for expected in &PREVIOUS {
            let id = expected.id;
            let row = rows.iter().find(|r| r.values().any(|v| v == id)).unwrap();
            let words = if lang == "en" {
                expected.en
            } else {
                expected.cy
            };
            assert_eq!(row[h_words], words, "{lang} {id}");
            let (year_change, year_from) = year_of(id).map_or(("", ""), |y| (y.change, y.from));
            assert_eq!(
                [
                    &row[h_change],
                    &row[h_from],
                    &row[h_year_change],
                    &row[h_year_from]
                ],
                [expected.change, expected.from, year_change, year_from],
                "{lang} {id}"
            );
            // JSON: the change a number (null when not comparable), the period a code.
            let figure = &figures.iter().find(|f| f["indicator"] == id).unwrap()["figure"];
            let number = |s: &str| match s {
                "" => Value::Null,
                s => serde_json::from_str::<Value>(s).unwrap(),
            };
            let code = |s: &str| match s {
                "" => Value::Null,
                s => Value::from(s),
            };
            assert_eq!(figure["travel_previous"], expected.key, "{lang} {id}");
            assert_eq!(
                figure["travel_previous_change"],
                number(expected.change),
                "{lang} {id}"
            );
            assert_eq!(
                figure["travel_previous_from"],
                code(expected.from),
                "{lang} {id}"
            );
            assert_eq!(
                figure["travel_year_change"],
                number(year_change),
                "{lang} {id}"
            );
            assert_eq!(figure["travel_year_from"], code(year_from), "{lang} {id}");
        }
        // The data page says what the new columns hold.
        let data = page(&out, &format!("{lang}/data/index.html"));
        let documented = data.root_element().text().collect::<String>();
        for heading in [h_change, h_from, h_year_change, h_year_from] {
            assert!(
                documented.contains(heading),
                "{lang}: {heading} not documented"
            );
        }
    }
}

#[test]
fn a_gap_is_reached_across_within_a_year_and_named_on_the_indicator_page() {
    let out = BUILT.public();
    for lang in ["en", "cy"] {
        let html = page(&out, &format!("{lang}/indicators/reviews/index.html"));
        let named: Vec<String> = html
            .select(&sel("table.data .travel-from"))
            .map(text)
            .collect();
        // Latest first: Q4 compared with Q2; Q2 with 2018-19 Q4, across Q1.
        let q2 = match lang {
            "en" => "(since Quarter 4 2018-19: no figure for Quarter 1 2019-20)",
            _ => "(ers Chwarter 4 2018-19: dim ffigur ar gyfer Chwarter 1 2019-20)",
        };
        assert_eq!(
            named,
            [gap(lang), q2],
            "{lang}: each row names the quarter compared with"
        );
    }
    // A year: the year before only. 2020-21 is not compared with 2018-19.
    let rows = csv_rows(&out.join("en/indicators/yearly/yearly.csv"));
    let cells: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["Period"].as_str(),
                r["Since the previous period"].as_str(),
                r["Change since the previous period"].as_str(),
                r["Previous period with a figure"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("2017-18", "not-comparable", "", ""),
            ("2018-19", "improved", "5", "2017-18"),
            // The missing year is a row of its own, with no figure to compare.
            ("2019-20", "not-comparable", "", ""),
            ("2020-21", "not-comparable", "", ""),
        ]
    );
    // Quarters: four back at most (`distant`'s 2018-19 Q3 is five back).
    let rows = csv_rows(&out.join("en/indicators/distant/distant.csv"));
    let q4 = rows.iter().find(|r| r["Period"] == "2019-20 Q4").unwrap();
    assert_eq!(q4["Since the previous period"], "not-comparable");
}
