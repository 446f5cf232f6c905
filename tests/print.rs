//! Printed pages: what only paper shows is in every page (the page's address, its
//! language, the phrase for the date of printing) and each download's full address.
//! How the pages look on paper was checked by eye in Chromium's print to PDF (see
//! README, "Printing").

mod common;

use common::{build, example_site, language_pages, one_text, page, sel};

#[test]
fn every_page_prints_its_address_language_and_date_and_downloads_their_addresses() {
    let site = example_site();
    let out = site.root.join("public");
    let run = build(&site.root, &[]);
    assert_eq!(run.code, 0, "{run}");
    for (lang, language, date, may) in [
        (
            "en",
            "Language: English",
            "Printed on {day} {month} {year}",
            "May",
        ),
        (
            "cy",
            "Iaith: Cymraeg",
            "Argraffwyd ar {day} {month} {year}",
            "Mai",
        ),
    ] {
        for rel in language_pages(&out, lang) {
            let name = format!("{lang}/{rel}");
            let html = page(&out, &name);
            let canonical = html
                .select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.value().attr("href"))
                .unwrap_or_else(|| panic!("{name}: no canonical address"))
                .to_string();
            let footer = one_text(&html, ".print-footer", &name);
            assert!(footer.contains(&canonical), "{name}: {footer}");
            assert!(footer.contains(language), "{name}: {footer}");
            let when = html
                .select(&sel(".print-footer .print-date"))
                .next()
                .unwrap();
            // Hidden until print.js fills in the day: no date rather than a wrong one.
            assert!(when.value().attr("hidden").is_some(), "{name}");
            assert_eq!(when.value().attr("data-phrase"), Some(date), "{name}");
            let months: Vec<&str> = when
                .value()
                .attr("data-months")
                .unwrap()
                .split(',')
                .collect();
            assert_eq!(months.len(), 12, "{name}");
            assert_eq!(months[4].trim(), may, "{name}");
            // Every download link of a report or indicator prints its full address
            // beside it (the data page's many links print their paths, from CSS).
            let downloads = if rel.starts_with("reports/") || rel.starts_with("indicators/") {
                html.select(&sel("a[download]")).collect()
            } else {
                Vec::new()
            };
            for link in downloads {
                let href = link.value().attr("href").unwrap();
                let file = href.rsplit('/').next().unwrap();
                let li = scraper::ElementRef::wrap(link.parent().unwrap()).unwrap();
                let printed = li.select(&sel(".print-url")).next();
                let printed = printed.map(|p| p.text().collect::<String>());
                assert_eq!(
                    printed,
                    Some(format!(" ({canonical}{file})")),
                    "{name}: {href}"
                );
            }
        }
    }
    assert!(out.join("static/print.js").is_file());
    // The report and indicator pages have downloads to print.
    let report = page(&out, "cy/reports/2019-20-q2/index.html");
    assert_eq!(report.select(&sel(".print-url")).count(), 2);
}
