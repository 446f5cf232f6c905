//! Open data: the CSV and JSON files parse with real parsers and agree with the
//! figures on the HTML pages, in both languages.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dangos");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Builds a copy of `site` (with the repository's theme); returns the temp folder and
/// the output folder.
fn build(site: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site.join("content"), &dir.path().join("content"));
    std::fs::copy(site.join("site.toml"), dir.path().join("site.toml")).unwrap();
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    let out = Command::new(BIN)
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.path().join("public");
    (dir, public)
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    build(&repo().join("tests/fixtures/valid"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A CSV file as (headers, rows of header → cell).
fn csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = std::fs::read(path).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (headers, rows)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number in a figure as shown on a page: "1,754" → 1754, "3.7%" → 3.7.
fn shown_number(s: &str) -> f64 {
    let digits: String = s
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number in `{s}`"))
}

/// The headings each language's files use, by column key.
fn headings(lang: &str) -> BTreeMap<&'static str, &'static str> {
    let en = [
        ("indicator", "Indicator ID"),
        ("period", "Period"),
        ("period-label", "Period in words"),
        ("value", "Value"),
        ("numerator", "Numerator"),
        ("denominator", "Denominator"),
        ("target", "Target"),
        ("marker", "Marker"),
        ("target-marker", "Target marker"),
        ("status", "Status"),
        ("status-label", "Status in words"),
    ];
    let cy = [
        ("indicator", "Dynodydd y dangosydd"),
        ("period", "Cyfnod"),
        ("period-label", "Cyfnod mewn geiriau"),
        ("value", "Gwerth"),
        ("numerator", "Rhifiadur"),
        ("denominator", "Enwadur"),
        ("target", "Targed"),
        ("marker", "Symbol"),
        ("target-marker", "Symbol y targed"),
        ("status", "Statws"),
        ("status-label", "Statws mewn geiriau"),
    ];
    (if lang == "cy" { cy } else { en }).into_iter().collect()
}

/// Every indicator page's figures table agrees with the indicator's CSV and with the
/// site-wide CSV and JSON, in both languages.
fn agrees_with_pages(public: &Path) {
    for lang in ["en", "cy"] {
        let h = headings(lang);
        let (headers, all) = csv(&public.join(lang).join("data/indicators.csv"));
        for key in h.values() {
            assert!(
                headers.iter().any(|x| x == key),
                "{lang}: no `{key}` in {headers:?}"
            );
        }
        let json: Value =
            serde_json::from_str(&read(&public.join(lang).join("data/indicators.json"))).unwrap();
        assert_eq!(json["language"], lang);
        let ids: Vec<String> = std::fs::read_dir(public.join(lang).join("indicators"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert!(!ids.is_empty());
        for id in &ids {
            let dir = public.join(lang).join("indicators").join(id);
            let html = Html::parse_document(&read(&dir.join("index.html")));
            let (_, rows) = csv(&dir.join(format!("{id}.csv")));
            let site_rows: Vec<&BTreeMap<String, String>> =
                all.iter().filter(|r| r[h["indicator"]] == *id).collect();
            assert_eq!(rows.len(), site_rows.len(), "{lang} {id}");
            let json_ind = json["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["indicator"] == id.as_str())
                .unwrap_or_else(|| panic!("{id} not in indicators.json"));
            let figures = json_ind["figures"].as_array().unwrap();
            assert_eq!(figures.len(), rows.len(), "{lang} {id}");

            // The download link on the page points at the CSV (a page with no figures
            // has no figures to download).
            let link = html
                .select(&sel("section.downloads a[href$='.csv']"))
                .next();
            if rows.is_empty() {
                assert!(link.is_none());
                continue;
            }
            let link = link.unwrap_or_else(|| panic!("{lang} {id}: no CSV link"));
            assert!(
                link.value()
                    .attr("href")
                    .unwrap()
                    .ends_with(&format!("/{lang}/indicators/{id}/{id}.csv")),
                "{:?}",
                link.value().attr("href")
            );

            let table_rows: Vec<ElementRef<'_>> =
                html.select(&sel("table.data tbody tr")).collect();
            assert_eq!(
                table_rows.len(),
                rows.len(),
                "{lang} {id}: one row per period"
            );
            for tr in table_rows {
                let period = text(tr.select(&sel("th")).next().unwrap());
                let cells: Vec<ElementRef<'_>> = tr.select(&sel("td")).collect();
                let row = rows
                    .iter()
                    .find(|r| r[h["period-label"]] == period)
                    .unwrap_or_else(|| panic!("{lang} {id}: {period} not in the CSV"));
                let site_row = site_rows
                    .iter()
                    .find(|r| r[h["period-label"]] == period)
                    .unwrap();
                let figure = figures
                    .iter()
                    .find(|f| f["period_label"] == period.as_str())
                    .unwrap();
                for key in [
                    "period",
                    "value",
                    "numerator",
                    "denominator",
                    "target",
                    "status",
                ] {
                    assert_eq!(row[h[key]], site_row[h[key]], "{lang} {id} {period} {key}");
                }
                assert_eq!(figure["period"], row[h["period"]].as_str());
                let value_cell = text(cells[0]);
                let value = &row[h["value"]];
                if value.is_empty() {
                    // Not available: an empty cell and the shorthand beside it in
                    // CSV, null and the shorthand in JSON.
                    assert_eq!(row[h["marker"]], "[x]");
                    assert!(figure["value"].is_null());
                    assert_eq!(figure["marker"], "[x]");
                } else {
                    let v: f64 = value.parse().expect("a plain number");
                    assert!(!value.contains(','), "plain numbers: {value}");
                    assert!(
                        (shown_number(&value_cell) - v).abs() < 1e-9,
                        "{lang} {id} {period}: page says {value_cell}, CSV {value}"
                    );
                    assert_eq!(figure["value"].as_f64(), Some(v));
                    let (n, d) = (&row[h["numerator"]], &row[h["denominator"]]);
                    if !n.is_empty() {
                        let plain = value_cell.replace(',', "");
                        assert!(
                            plain.contains(&format!("({n} ")) && plain.contains(&format!(" {d})")),
                            "{lang} {id}: page says {value_cell}, CSV {n} of {d}"
                        );
                    }
                }
                // Status: the same code as the page's icon, the same words.
                let status = cells[2].select(&sel(".status")).next().unwrap();
                let class = status.value().attr("class").unwrap();
                assert!(
                    class.contains(&format!("status-{}", row[h["status"]])),
                    "{lang} {id} {period}: {class} vs {}",
                    row[h["status"]]
                );
                assert_eq!(text(status), row[h["status-label"]]);
                // Target: the page shows the CSV's number (or says there is none).
                let target = &row[h["target"]];
                if let Ok(t) = target.parse::<f64>() {
                    assert!((shown_number(&text(cells[1])) - t).abs() < 1e-9);
                }
            }
        }
    }
}

#[test]
fn fixture_data_agrees_with_its_pages() {
    let (_dir, public) = fixture();
    agrees_with_pages(&public);
}

#[test]
fn example_data_agrees_with_its_pages() {
    let (_dir, public) = build(&repo());
    agrees_with_pages(&public);
}

#[test]
fn report_data_agrees_with_the_report_page() {
    let (_dir, public) = fixture();
    for lang in ["en", "cy"] {
        let h = headings(lang);
        let dir = public.join(lang).join("reports/2019-20-q2");
        let html = Html::parse_document(&read(&dir.join("index.html")));
        let json: Value = serde_json::from_str(&read(&dir.join("2019-20-q2.json"))).unwrap();
        let (_, rows) = csv(&dir.join("2019-20-q2.csv"));
        assert_eq!(json["report"]["period"], "2019-20 Q2");
        assert_eq!(
            json["report"]["title"].as_str().unwrap(),
            text(html.select(&sel("h1")).next().unwrap())
        );
        let in_json: Vec<&Value> = json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["indicators"].as_array().unwrap())
            .collect();
        let articles: Vec<ElementRef<'_>> = html.select(&sel("article.kpi")).collect();
        assert_eq!(in_json.len(), articles.len());
        assert_eq!(rows.len(), articles.len());
        for (i, article) in articles.iter().enumerate() {
            let id = article.value().attr("id").unwrap();
            assert_eq!(in_json[i]["indicator"], id);
            assert_eq!(rows[i][h["indicator"]], id);
            assert_eq!(rows[i][h["period"]], "2019-20 Q2");
            let figure = &in_json[i]["figure"];
            match article.select(&sel(".value")).next() {
                Some(v) => {
                    let shown = shown_number(&text(v));
                    assert!((figure["value"].as_f64().unwrap() - shown).abs() < 1e-9);
                    assert_eq!(rows[i][h["value"]].parse::<f64>().unwrap(), shown);
                }
                None => assert!(figure["value"].is_null()),
            }
            let status = article.select(&sel(".status")).next().unwrap();
            assert!(
                status
                    .value()
                    .attr("class")
                    .unwrap()
                    .contains(&format!("status-{}", figure["status"].as_str().unwrap()))
            );
        }
        // Linked from the page.
        let hrefs: Vec<&str> = html
            .select(&sel("section.downloads a"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            hrefs
                .iter()
                .any(|h| h.ends_with("/reports/2019-20-q2/2019-20-q2.csv")),
            "{hrefs:?}"
        );
        assert!(
            hrefs
                .iter()
                .any(|h| h.ends_with("/reports/2019-20-q2/2019-20-q2.json")),
            "{hrefs:?}"
        );
    }
}

#[test]
fn csv_is_rfc_4180_utf8_with_plain_numbers() {
    let (_dir, public) = fixture();
    let bytes = std::fs::read(public.join("cy/data/indicators.csv")).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        text.starts_with('\u{feff}'),
        "a byte order mark, for spreadsheets"
    );
    assert!(text.ends_with("\r\n"));
    // Welsh words survive, and fields with commas are quoted.
    assert!(text.contains("Canran yr asesiadau a gwblhawyd mewn pryd"));
    let (headers, rows) = csv(&public.join("cy/data/indicators.csv"));
    assert_eq!(headers[0], "Dynodydd y dangosydd");
    let fraction = rows
        .iter()
        .find(|r| r["Dynodydd y dangosydd"] == "re-referrals")
        .unwrap();
    assert_eq!(fraction["Gwerth"], "3.7");
    assert_eq!(fraction["Rhifiadur"], "3");
    assert_eq!(fraction["Enwadur"], "82");
    assert_eq!(fraction["Targed"], "10");
    let not_appropriate = rows
        .iter()
        .find(|r| r["Dynodydd y dangosydd"] == "visit-length")
        .unwrap();
    assert_eq!(not_appropriate["Targed"], "");
    assert_eq!(not_appropriate["Symbol y targed"], "[z]");
    assert_eq!(not_appropriate["Statws"], "none");
    assert_eq!(not_appropriate["Uned"], "days");
}

#[test]
fn data_files_are_deterministic_and_listed_on_the_data_page() {
    let (_a, one) = fixture();
    let (_b, two) = fixture();
    for lang in ["en", "cy"] {
        for f in [
            "data/indicators.csv",
            "data/indicators.json",
            "data/index.html",
        ] {
            assert_eq!(
                std::fs::read(one.join(lang).join(f)).unwrap(),
                std::fs::read(two.join(lang).join(f)).unwrap(),
                "{lang}/{f}"
            );
        }
        let page = Html::parse_document(&read(&one.join(lang).join("data/index.html")));
        assert_eq!(page.select(&sel("h1")).count(), 1);
        let hrefs: Vec<String> = page
            .select(&sel("main a"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for want in [
            "data/indicators.csv",
            "data/indicators.json",
            "reports/2019-20-q2/2019-20-q2.csv",
            "reports/2019-20-q2/2019-20-q2.json",
            "indicators/re-referrals/re-referrals.csv",
        ] {
            assert!(
                hrefs
                    .iter()
                    .any(|h| h.ends_with(&format!("/{lang}/{want}"))),
                "{lang}: no link to {want} in {hrefs:?}"
            );
        }
        // Every page's footer links to the data page.
        let home = Html::parse_document(&read(&one.join(lang).join("index.html")));
        assert!(
            home.select(&sel("footer a"))
                .any(|a| a.value().attr("href") == Some(&format!("/kpi/{lang}/data/"))),
            "{lang}: no footer link to the data page"
        );
    }
    let sitemap = read(&one.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/kpi/cy/data/</loc>"));
}
