//! A period with no figure between two that have one is named, never skipped: the
//! indicator page's history table gives it a row that says "No figure", and the
//! chart's description says which periods have none, in both languages. Built on
//! the travel fixture (`tests/fixtures/travel`), where `gappy` has no figure for the
//! three quarters between 2018-19 Q2 and 2019-20 Q2, with `higher`'s 2019-20 Q1
//! figure taken out (one quarter missing, in a series long enough to be a line).

mod common;

use common::*;
use scraper::Html;

/// The history table's rows: (period, the cells' text).
fn history(html: &Html) -> Vec<(String, Vec<String>)> {
    html.select(&sel("table.history-table tbody tr"))
        .map(|row| {
            let period = row.select(&sel("th")).map(text).collect::<String>();
            let cells = row.select(&sel("td")).map(text).collect();
            (period, cells)
        })
        .collect()
}

#[test]
fn a_missing_period_is_a_row_and_a_sentence_in_both_languages() {
    let site = fixture("travel");
    site.replace("content/indicators/higher.md", "  2019-20 Q1: 65.0\n", "");
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning["), "{run}");
    let out = site.public();
    for (lang, no_figure, quarter, one, many) in [
        (
            "en",
            "No figure",
            "Quarter",
            "No figure for Quarter 1 2019-20.",
            "No figures from Quarter 3 2018-19 to Quarter 1 2019-20.",
        ),
        (
            "cy",
            "Dim ffigur",
            "Chwarter",
            "Dim ffigur ar gyfer Chwarter 1 2019-20.",
            "Dim ffigurau o Chwarter 3 2018-19 i Chwarter 1 2019-20.",
        ),
    ] {
        let q = |n: u8, year: &str| format!("{quarter} {n} {year}");
        for (id, missing, sentence) in [
            ("higher", vec![q(1, "2019-20")], one),
            (
                "gappy",
                vec![q(1, "2019-20"), q(4, "2018-19"), q(3, "2018-19")],
                many,
            ),
        ] {
            let rel = format!("{lang}/indicators/{id}/index.html");
            let html = page(&out, &rel);
            let rows = history(&html);
            // Latest first, every quarter from the first figure to the last.
            let periods: Vec<&str> = rows.iter().map(|(p, _)| p.as_str()).collect();
            let expected: Vec<String> = match id {
                "higher" => vec![
                    q(2, "2019-20"),
                    q(1, "2019-20"),
                    q(4, "2018-19"),
                    q(3, "2018-19"),
                    q(2, "2018-19"),
                    q(1, "2018-19"),
                ],
                _ => vec![
                    q(2, "2019-20"),
                    q(1, "2019-20"),
                    q(4, "2018-19"),
                    q(3, "2018-19"),
                    q(2, "2018-19"),
                ],
            };
            assert_eq!(periods, expected, "{rel}");
            for (period, cells) in &rows {
                // Every row has every column; a missing period's value says so.
                assert_eq!(cells.len(), 5, "{rel}: {period}: {cells:?}");
                assert_eq!(
                    cells[0] == no_figure,
                    missing.contains(period),
                    "{rel}: {period}: {cells:?}"
                );
            }
            // Each such row is marked as one with no figure.
            let marked: Vec<String> = html.select(&sel("tr.no-figure th")).map(text).collect();
            assert_eq!(marked, missing, "{rel}");

            let description = one_text(&html, ".chart-description", &rel);
            assert!(
                description.ends_with(sentence),
                "{rel}: the description should end with `{sentence}`: {description}"
            );
        }
        // A period before the first figure is no gap: `first` has commentary for
        // 2019-20 Q1 and its first figure for Q2. Its row says there is no figure,
        // like a gap's, but its chart's description names no gap.
        let rel = format!("{lang}/indicators/first/index.html");
        let html = page(&out, &rel);
        let rows = history(&html);
        assert_eq!(rows.len(), 2, "{rel}: {rows:?}");
        assert_eq!(rows[1].0, q(1, "2019-20"), "{rel}");
        assert_eq!(rows[1].1[0], no_figure, "{rel}");
        let description = one_text(&html, ".chart-description", &rel);
        assert!(!description.contains(no_figure), "{rel}: {description}");
    }
}

#[test]
fn a_line_breaks_at_a_missing_period() {
    let site = fixture("travel");
    site.replace("content/indicators/higher.md", "  2019-20 Q1: 65.0\n", "");
    site.build_ok(&[]);
    let html = page(&site.public(), "en/indicators/higher/index.html");
    // Six quarters make a line; the value line is drawn as two pieces, one each side
    // of the gap (the second a single point, with its marker), never joined across
    // it. (The target, one figure throughout, is a
    // dashed mark line.)
    for svg in html.select(&sel(".chart svg")) {
        let lines = svg
            .select(&sel("path[fill=\"none\"]"))
            .filter(|p| p.value().attr("stroke-dasharray").is_none())
            .count();
        assert_eq!(lines, 2, "{}", svg.html());
    }
}

#[test]
fn the_open_data_list_a_missing_period_as_the_page_does() {
    let site = fixture("travel");
    site.replace("content/indicators/higher.md", "  2019-20 Q1: 65.0\n", "");
    site.build_ok(&[]);
    let out = site.public();
    for (lang, period, value, marker) in [
        ("en", "Period", "Value", "Marker"),
        ("cy", "Cyfnod", "Gwerth", "Symbol"),
    ] {
        let rel = format!("{lang}/indicators/higher/higher.csv");
        let rows = csv_rows(&out.join(&rel));
        let periods: Vec<&str> = rows.iter().map(|r| r[period].as_str()).collect();
        // Every quarter from the first figure to the last, the gap among them.
        assert_eq!(
            periods,
            [
                "2018-19 Q1",
                "2018-19 Q2",
                "2018-19 Q3",
                "2018-19 Q4",
                "2019-20 Q1",
                "2019-20 Q2"
            ],
            "{rel}"
        );
        let gap = &rows[4];
        assert_eq!(
            (gap[value].as_str(), gap[marker].as_str()),
            ("", "[x]"),
            "{rel}"
        );
        // The site-wide file has the same rows for the indicator.
        let all = csv_rows(&out.join(format!("{lang}/data/indicators.csv")));
        let id = if lang == "en" {
            "Indicator ID"
        } else {
            "Dynodydd y dangosydd"
        };
        let listed = all
            .iter()
            .filter(|r| r.get(id).map(String::as_str) == Some("higher"));
        assert_eq!(listed.count(), 6, "{lang}/data/indicators.csv");
    }
}
