//! Publication details, the licence and contact, the Atom feeds and the navigation
//! (issue 13), checked on real builds of the `valid` fixture with more reports.

mod common;

use atom_syndication::Feed;
use common::*;
use scraper::Html;
use std::path::Path;

const LANGS: [&str; 2] = ["cy", "en"];

/// The `valid` fixture with a contact, a logo, an earlier report (published), an
/// older one with no date, an indicator only the earlier report lists and one no
/// report lists.
fn publishing_site() -> Site {
    let site = fixture("valid");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!(
            "{config}\n[contact]\nteam = {{ en = \"Performance team\", cy = \"Tîm perfformiad\" }}\nemail = \"kpi@example.org\"\ntelephone = \"029 2087 2087\"\n\n[logo]\nfile = \"images/logo.svg\"\nalt = {{ en = \"Test Council\", cy = \"Cyngor Prawf\" }}\n"
        ),
    );
    site.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n",
    );
    site.write(
        "content/reports/2019-20-q1.md",
        "---\nperiod: 2019-20 Q1\ntitle: Performance report, Quarter 1 2019-20\npublished: 2019-08-01\nsections:\n  - title: Older plan\n    indicators: [visits-done]\n---\n",
    );
    site.write(
        "content/reports/2019-20-q1.cy.md",
        "---\ntitle: Adroddiad perfformiad, Chwarter 1 2019-20\nsections:\n  - title: Hen gynllun\n---\n",
    );
    site.write(
        "content/reports/2018-19-q4.md",
        "---\nperiod: 2018-19 Q4\ntitle: Performance report, Quarter 4 2018-19\n---\n",
    );
    site.write(
        "content/reports/2018-19-q4.cy.md",
        "---\ntitle: Adroddiad perfformiad, Chwarter 4 2018-19\n---\n",
    );
    site.write(
        "content/indicators/visits-done.md",
        "---\ntitle: Visits done\nunit: count\ndirection: higher\nvalues:\n  2019-20 Q1: 12\n---\n",
    );
    site.write(
        "content/indicators/visits-done.cy.md",
        "---\ntitle: Ymweliadau a wnaed\n---\n",
    );
    site.write(
        "content/indicators/lonely-measure.md",
        "---\ntitle: A lonely measure\nunit: count\ndirection: none\nvalues:\n  2019-20 Q2: 3\n---\n",
    );
    site.write(
        "content/indicators/lonely-measure.cy.md",
        "---\ntitle: Mesur unig\n---\n",
    );
    site
}

fn built() -> (Site, std::path::PathBuf) {
    let site = publishing_site();
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.contains("no-published-date"),
        "the undated report is warned of\n{run}"
    );
    let out = site.public();
    (site, out)
}

fn attr(html: &Html, css: &str, name: &str) -> Vec<String> {
    html.select(&sel(css))
        .map(|e| e.value().attr(name).unwrap_or_default().to_string())
        .collect()
}

/// Every HTML page of a language folder.
fn html_pages(out: &Path, lang: &str) -> Vec<(String, Html)> {
    language_pages(out, lang)
        .into_iter()
        .map(|p| {
            let rel = format!("{lang}/{p}");
            let html = page(out, &rel);
            (rel, html)
        })
        .collect()
}

#[test]
fn publication_dates_show_in_each_language_inside_time() {
    let (_site, out) = built();
    for (lang, published, next) in [
        ("en", "14 November 2019", "13 February 2020"),
        ("cy", "14 Tachwedd 2019", "13 Chwefror 2020"),
    ] {
        for rel in [
            format!("{lang}/reports/2019-20-q2/index.html"),
            format!("{lang}/index.html"),
        ] {
            let html = page(&out, &rel);
            let times = texts(&html, ".publication time");
            assert_eq!(times, [published, next], "{rel}");
            assert_eq!(
                attr(&html, ".publication time", "datetime"),
                ["2019-11-14", "2020-02-13"],
                "{rel}"
            );
        }
        // The undated report says nothing of a date; the list says it is not stated.
        let html = page(&out, &format!("{lang}/reports/2018-19-q4/index.html"));
        assert!(texts(&html, ".publication").is_empty());
        let list = page(&out, &format!("{lang}/reports/index.html"));
        let rows = texts(&list, "tbody tr");
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows[0].contains(published), "{rows:?}");
        assert!(
            rows[1].contains(if lang == "en" {
                "1 August 2019"
            } else {
                "1 Awst 2019"
            }),
            "{rows:?}"
        );
    }
    let json = site_json(&out, "en/reports/2019-20-q2/2019-20-q2.json");
    assert_eq!(json["report"]["published"], "2019-11-14");
    assert_eq!(json["report"]["next_update"], "2020-02-13");
    let json = site_json(&out, "cy/reports/2018-19-q4/2018-19-q4.json");
    assert!(json["report"]["published"].is_null());
}

fn site_json(out: &Path, rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_footer_links_the_licence_and_the_contact_and_the_data_states_the_licence() {
    let (_site, out) = built();
    for (lang, licence, name, team) in [
        (
            "en",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "Open Government Licence v3.0",
            "Performance team",
        ),
        (
            "cy",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence-cymraeg/version/3/",
            "Trwydded Llywodraeth Agored v3.0",
            "Tîm perfformiad",
        ),
    ] {
        let pages = html_pages(&out, lang);
        assert!(pages.len() > 10);
        for (rel, html) in &pages {
            assert_eq!(
                attr(html, "footer a[rel=license]", "href"),
                [licence],
                "{rel}"
            );
            assert_eq!(
                attr(html, "footer a[href^='mailto:']", "href"),
                ["mailto:kpi@example.org"],
                "{rel}"
            );
            assert_eq!(
                attr(html, "footer a[href^='tel:']", "href"),
                ["tel:02920872087"],
                "{rel}"
            );
            assert!(
                texts(html, "footer .contact").concat().contains(team),
                "{rel}"
            );
        }
        let data = page(&out, &format!("{lang}/data/index.html"));
        assert_eq!(attr(&data, "main a[rel=license]", "href"), [licence]);
        for file in [
            format!("{lang}/data/indicators.json"),
            format!("{lang}/reports/2019-20-q2/2019-20-q2.json"),
        ] {
            let json = site_json(&out, &file);
            assert_eq!(json["licence"]["url"], licence, "{file}");
            assert_eq!(json["licence"]["name"], name, "{file}");
        }
    }
}

#[test]
fn a_licence_in_site_toml_replaces_the_default_in_each_language() {
    let site = fixture("valid");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!(
            "{config}\n[licence]\nname = {{ en = \"CC BY 4.0\", cy = \"CC BY 4.0 (Cymraeg)\" }}\nurl = {{ en = \"https://creativecommons.org/licenses/by/4.0/\", cy = \"https://creativecommons.org/licenses/by/4.0/deed.cy\" }}\n"
        ),
    );
    site.build_ok(&[]);
    let out = site.public();
    let html = page(&out, "cy/index.html");
    assert_eq!(
        attr(&html, "footer a[rel=license]", "href"),
        ["https://creativecommons.org/licenses/by/4.0/deed.cy"]
    );
    assert_eq!(
        texts(&html, "footer a[rel=license]"),
        ["CC BY 4.0 (Cymraeg)"]
    );
    assert!(
        texts(&html, "footer .contact").is_empty(),
        "no contact given"
    );
    let json = site_json(&out, "en/data/indicators.json");
    assert_eq!(json["licence"]["name"], "CC BY 4.0");

    // A language left out is one error, at its line.
    site.write(
        "site.toml",
        &format!("{config}\n[licence]\nname = {{ en = \"CC BY 4.0\" }}\nurl = {{ en = \"https://a.example/\", cy = \"https://a.example/cy\" }}\n"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    let line = config.lines().count() + 3;
    assert!(run.stderr.contains(&format!("site.toml:{line}:")), "{run}");
    assert!(
        run.stderr
            .contains("licence.name has nothing for language `cy`"),
        "{run}"
    );
}

#[test]
fn each_language_has_a_valid_atom_feed_of_dated_reports_newest_first() {
    let (_site, out) = built();
    for (lang, title, first, summary) in [
        (
            "en",
            "Test service performance: performance reports",
            "Performance report, Quarter 2 2019-20",
            "Performance report for Quarter 2 2019-20.",
        ),
        (
            "cy",
            "Perfformiad y Gwasanaeth Prawf: adroddiadau perfformiad",
            "Adroddiad perfformiad, Chwarter 2 2019-20",
            "Adroddiad perfformiad ar gyfer Chwarter 2 2019-20.",
        ),
    ] {
        let bytes = std::fs::read(out.join(lang).join("feed.xml")).unwrap();
        let feed = Feed::read_from(&bytes[..]).expect("the feed parses as Atom");
        assert_eq!(feed.title().as_str(), title);
        assert_eq!(feed.lang(), Some(lang));
        assert_eq!(
            feed.id(),
            format!("https://example.org/kpi/{lang}/feed.xml")
        );
        assert_eq!(feed.updated().to_rfc3339(), "2019-11-14T00:00:00+00:00");
        assert_eq!(feed.authors().len(), 1);
        assert!(!feed.authors()[0].name().is_empty());
        let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
        assert_eq!(self_link.href(), feed.id());
        // The undated report is not in it: a feed entry needs a date.
        let entries = feed.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].title().as_str(), first);
        assert_eq!(
            entries[0].id(),
            format!("https://example.org/kpi/{lang}/reports/2019-20-q2/")
        );
        assert_eq!(entries[0].links()[0].href(), entries[0].id());
        assert_eq!(entries[0].summary().unwrap().as_str(), summary);
        assert_eq!(
            entries[1].published().unwrap().to_rfc3339(),
            "2019-08-01T00:00:00+00:00"
        );

        // Every page links its language's feed from its head, titled in that
        // language; the home page links it too.
        for (rel, html) in html_pages(&out, lang) {
            let css = "head link[rel=alternate][type='application/atom+xml']";
            assert_eq!(
                attr(&html, css, "href"),
                [format!("/kpi/{lang}/feed.xml")],
                "{rel}"
            );
            assert_eq!(attr(&html, css, "title"), [title], "{rel}");
        }
        let home = page(&out, &format!("{lang}/index.html"));
        assert_eq!(
            attr(&home, "main a[type='application/atom+xml']", "href"),
            [format!("/kpi/{lang}/feed.xml")]
        );
    }
}

#[test]
fn no_dated_report_means_no_feed_and_no_feed_link() {
    let site = fixture("valid");
    site.replace(
        "content/reports/2019-20-q2.md",
        "published: 2019-11-14\nnext_update: 2020-02-13\n",
        "",
    );
    site.build_ok(&[]);
    let out = site.public();
    assert!(!out.join("en/feed.xml").exists());
    let html = page(&out, "en/index.html");
    assert!(attr(&html, "link[type='application/atom+xml']", "href").is_empty());
}

#[test]
fn the_main_navigation_has_five_sections_and_marks_the_current_one() {
    let (_site, out) = built();
    for (lang, words) in [
        (
            "en",
            ["Home", "Reports", "Indicators", "Targets", "Open data"],
        ),
        (
            "cy",
            [
                "Hafan",
                "Adroddiadau",
                "Dangosyddion",
                "Targedau",
                "Data agored",
            ],
        ),
    ] {
        for (rel, section, current) in [
            ("index.html", 0, "page"),
            ("reports/index.html", 1, "page"),
            ("reports/2019-20-q2/index.html", 1, "true"),
            ("indicators/index.html", 2, "page"),
            ("indicators/visits-done/index.html", 2, "true"),
            ("targets/index.html", 3, "page"),
            ("targets/2019-20/index.html", 3, "true"),
            ("data/index.html", 4, "page"),
        ] {
            let html = page(&out, &format!("{lang}/{rel}"));
            assert_eq!(texts(&html, ".site-nav a"), words, "{lang}/{rel}");
            let marked: Vec<(String, String)> = html
                .select(&sel(".site-nav a[aria-current]"))
                .map(|a| (text(a), a.value().attr("aria-current").unwrap().to_string()))
                .collect();
            assert_eq!(
                marked,
                [(words[section].to_string(), current.to_string())],
                "{lang}/{rel}"
            );
        }
        let targets = page(&out, &format!("{lang}/targets/index.html"));
        assert_eq!(
            attr(&targets, "main tbody a", "href"),
            [format!("/kpi/{lang}/targets/2019-20/")]
        );
    }
    // Both lists are in the sitemap with their alternates.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for page in ["reports/", "targets/"] {
        for lang in LANGS {
            let loc = format!("<loc>https://example.org/kpi/{lang}/{page}</loc>");
            assert!(sitemap.contains(&loc), "{loc}");
        }
        let alt = format!("hreflang=\"cy\" href=\"https://example.org/kpi/cy/{page}\"");
        assert_eq!(sitemap.matches(&alt).count(), 2, "{alt}");
    }
}

#[test]
fn the_logo_is_copied_and_shown_with_its_words_in_each_language() {
    let (_site, out) = built();
    assert!(out.join("static/images/logo.svg").is_file());
    for (lang, alt) in [("en", "Test Council"), ("cy", "Cyngor Prawf")] {
        let html = page(&out, &format!("{lang}/index.html"));
        assert_eq!(attr(&html, "header img.logo", "alt"), [alt]);
        assert_eq!(
            attr(&html, "header img.logo", "src"),
            ["/kpi/static/images/logo.svg"]
        );
    }
}

#[test]
fn the_indicators_index_is_grouped_by_report_section_in_title_order() {
    let (site, out) = built();
    let groups = |lang: &str| -> Vec<(String, Vec<String>)> {
        let html = page(&out, &format!("{lang}/indicators/index.html"));
        html.select(&sel(".indicator-groups section"))
            .map(|s| {
                let title = s.select(&sel("h2")).map(text).collect::<String>();
                let rows = s.select(&sel("tbody th a")).map(text).collect();
                (title, rows)
            })
            .collect()
    };
    let en = groups("en");
    let names: Vec<&str> = en.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        names,
        [
            "Corporate plan",
            "Directorate plan",
            "Older plan",
            "Other indicators"
        ]
    );
    assert_eq!(en[2].1, ["Visits done"]);
    assert_eq!(en[3].1, ["A lonely measure"]);
    let sorted = |rows: &[String]| {
        let mut s = rows.to_vec();
        s.sort_by_key(|r| r.to_lowercase());
        s == rows
    };
    assert!(en.iter().all(|(_, rows)| sorted(rows)), "{en:?}");
    let cy = groups("cy");
    assert_eq!(cy[2].0, "Hen gynllun");
    assert_eq!(cy[3].0, "Dangosyddion eraill");
    // A figure and its fraction stay on one line.
    let html = page(&out, "en/indicators/index.html");
    assert!(!texts(&html, "td .figure").is_empty());

    // With a theme, indicators are grouped by theme instead.
    for (id, en_theme, cy_theme) in [
        ("visits-done", "Visits", "Ymweliadau"),
        ("lonely-measure", "Visits", "Ymweliadau"),
    ] {
        site.replace(
            &format!("content/indicators/{id}.md"),
            "unit: count",
            &format!("theme: {en_theme}\nunit: count"),
        );
        let cy_file = format!("content/indicators/{id}.cy.md");
        let text = site.read(&cy_file);
        site.write(
            &cy_file,
            &text.replacen("---\n", &format!("---\ntheme: {cy_theme}\n"), 1),
        );
    }
    site.build_ok(&[]);
    let en = groups("en");
    assert_eq!(
        en[0],
        (
            "Visits".to_string(),
            vec!["A lonely measure".to_string(), "Visits done".to_string()]
        )
    );
    assert_eq!(en[1].0, "Other indicators");
    assert_eq!(en[1].1.len(), 4);
    assert_eq!(groups("cy")[0].0, "Ymweliadau");
}

#[test]
fn a_theme_in_one_language_only_is_an_error() {
    let site = fixture("valid");
    site.replace(
        "content/indicators/children-waiting.md",
        "unit: count",
        "theme: Waiting\nunit: count",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains("`theme` is given in one language only"),
        "{run}"
    );
}
