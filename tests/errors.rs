//! Broken sites, one defect each (made in code from the `valid` fixture): the build
//! fails with exit code 1, says where the problem is, and changes nothing: neither
//! the site's sources nor the output folder of the previous, successful build.

mod common;

use common::*;

/// Copies the valid fixture and builds it; breaks it with `break_it`; then builds
/// again with `args` and checks that this build failed cleanly (see [`fails_on`]).
fn fails(break_it: impl FnOnce(&Site), args: &[&str]) -> (Site, Run) {
    let site = fixture("valid");
    site.build_ok(&[]);
    assert!(site.public().join("en/index.html").is_file());
    break_it(&site);
    let run = fails_on(&site, args);
    (site, run)
}

/// Builds `site` with `args` and checks that the build failed with exit code 1,
/// without a panic, and left the whole site folder, output included, byte for byte
/// as it was.
fn fails_on(site: &Site, args: &[&str]) -> Run {
    let before = snapshot(site);
    let run = site.build(args);
    assert_eq!(run.code, 1, "the build should fail with exit code 1\n{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(run.stderr.contains("error"), "{run}");
    let after = snapshot(site);
    assert_same_tree(&before, &after, "a failed build changed the site folder");
    run
}

/// Asserts that stderr contains every one of `needles`.
fn says(run: &Run, needles: &[&str]) {
    for n in needles {
        assert!(run.stderr.contains(n), "stderr should contain `{n}`\n{run}");
    }
}

/// Replaces line `n` (1-based) of a file with what `f` makes of it.
fn edit_line(site: &Site, rel: &str, n: usize, f: impl FnOnce(&str) -> String) {
    let text = site.read(rel);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[n - 1] = f(&lines[n - 1]);
    site.write(rel, &(lines.join("\n") + "\n"));
}

const ASSESSMENTS: &str = "content/indicators/assessments-on-time.md";
const WAITING: &str = "content/indicators/children-waiting.md";
const WAITING_CY: &str = "content/indicators/children-waiting.cy.md";
const REPORT: &str = "content/reports/2019-20-q2.md";
const CY_FTL: &str = "themes/default/i18n/cy.ftl";
const PAGE_HTML: &str = "themes/default/templates/page.html";

fn bad_yaml_on_line_4(site: &Site) {
    edit_line(site, ASSESSMENTS, 4, |l| {
        assert_eq!(l, "unit: percent", "line 4 of the fixture changed");
        "unit: [percent".to_string()
    });
}

fn bad_period(site: &Site) -> usize {
    site.replace(WAITING, "  2019-20 Q2: 30", "  2019-21 Q2: 30")
}

fn bad_template_on_line_3(site: &Site) {
    let text = site.read(PAGE_HTML);
    let mut lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 3 && lines[1].contains("block"), "{text}");
    lines.insert(2, "{{ page_title | }}");
    site.write(PAGE_HTML, &(lines.join("\n") + "\n"));
}

#[test]
fn bad_yaml_names_the_file_and_line() {
    let (_, run) = fails(bad_yaml_on_line_4, &[]);
    says(&run, &[&format!("{ASSESSMENTS}:4")]);
}

/// YAML indents with spaces only. The parser stops after a tab that indents a line,
/// or, when it indents the line after a plain scalar, at that scalar (the line
/// before): either way the error names the tab's own line and column.
#[test]
fn a_tab_in_yaml_indentation_is_named_at_the_tab() {
    for (from, to) in [
        ("  2019-20 Q2: 78.0", "\t2019-20 Q2: 78.0"),
        ("  2019-20: 80\n", "\t  2019-20: 80\n"),
        ("  2019-20 Q1: Above target", "\t2019-20 Q1: Above target"),
    ] {
        let mut line = 0;
        let (_, run) = fails(|s| line = s.replace(ASSESSMENTS, from, to), &[]);
        says(
            &run,
            &[
                &format!("{ASSESSMENTS}:{line}:1: a tab in the indentation"),
                "spaces",
            ],
        );
        assert_eq!(run.stderr.matches("error[").count(), 1, "{run}");
    }
}

#[test]
fn unknown_key_in_site_toml_names_the_key_and_line() {
    let mut line = 0;
    let (_, run) = fails(
        |s| line = s.replace("site.toml", "default_language =", "defualt_language ="),
        &[],
    );
    says(&run, &[&format!("site.toml:{line}"), "defualt_language"]);
}

#[test]
fn a_figure_in_a_translation_names_both_files() {
    let mut line = 0;
    let (_, run) = fails(
        |s| {
            line = s.replace(
                WAITING_CY,
                "title: Nifer y plant sy'n aros am wasanaeth\n",
                "title: Nifer y plant sy'n aros am wasanaeth\nvalues:\n  2019-20 Q2: 30\n",
            ) + 1;
            assert!(s.read(WAITING_CY).lines().nth(line - 1) == Some("values:"));
        },
        &[],
    );
    says(&run, &[&format!("{WAITING_CY}:{line}"), WAITING, "values"]);
}

#[test]
fn a_report_listing_an_unknown_indicator_names_the_id_and_line() {
    let mut line = 0;
    let (_, run) = fails(
        |s| line = s.replace(REPORT, "      - visit-length", "      - no-such-indicator"),
        &[],
    );
    says(&run, &[&format!("{REPORT}:{line}"), "no-such-indicator"]);
}

#[test]
fn a_missing_translation_names_the_expected_file() {
    let (_, run) = fails(|s| s.remove("content/indicators/re-referrals.cy.md"), &[]);
    says(&run, &["content/indicators/re-referrals.cy.md"]);
}

#[test]
fn an_output_folder_without_the_marker_is_refused() {
    // dangos made public/ once, but its marker is gone and someone keeps notes in it.
    let (site, run) = fails(
        |s| {
            std::fs::remove_file(s.public().join(".dangos-output")).unwrap();
            std::fs::write(s.public().join("notes.txt"), "mine").unwrap();
        },
        &[],
    );
    says(&run, &["refus", "public", ".dangos-output"]);
    assert_eq!(
        std::fs::read_to_string(site.public().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn the_site_and_its_sources_are_never_output_folders() {
    let site = fixture("valid");
    site.build_ok(&[]);
    for output in [".", "content", "content/pages", "themes", ".."] {
        let run = fails_on(&site, &["--output", output]);
        assert!(run.stderr.contains("refus"), "--output {output}\n{run}");
    }
}

#[test]
fn the_site_and_its_sources_are_refused_even_with_a_marker() {
    // A marker copied into the wrong place must not make content/ or the site root
    // fair game.
    let site = fixture("valid");
    site.build_ok(&[]);
    for output in [".", "content"] {
        site.write(&format!("{output}/.dangos-output"), "copied by mistake\n");
        let run = fails_on(&site, &["--output", output]);
        assert!(run.stderr.contains("refus"), "--output {output}\n{run}");
        assert!(site.path("content/indicators/re-referrals.md").is_file());
    }
}

#[test]
fn a_bad_period_names_the_file_and_line_and_shows_a_good_one() {
    let mut line = 0;
    let (_, run) = fails(|s| line = bad_period(s), &[]);
    // `2019-20 Q2` appears only in the explanation: the quoted line holds 2019-21.
    says(
        &run,
        &[&format!("{WAITING}:{line}"), "2019-21 Q2", "2019-20 Q2"],
    );
}

#[test]
fn a_missing_ui_string_names_the_key() {
    let (_, run) = fails(
        |s| {
            let text = s.read(CY_FTL);
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("status-close ="))
                .collect();
            assert_eq!(
                kept.len() + 1,
                text.lines().count(),
                "no status-close in cy.ftl"
            );
            s.write(CY_FTL, &(kept.join("\n") + "\n"));
        },
        &[],
    );
    says(&run, &[CY_FTL, "status-close"]);
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let (_, run) = fails(bad_template_on_line_3, &[]);
    says(&run, &[&format!("{PAGE_HTML}:3")]);
}

#[test]
fn a_broken_site_link_in_markdown_names_the_file() {
    let (_, run) = fails(
        |s| {
            s.replace(
                REPORT,
                "(@/indicators/children-waiting.md)",
                "(@/indicators/no-such-page.md)",
            );
        },
        &[],
    );
    says(&run, &[REPORT, "no-such-page"]);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let mut period_line = 0;
    let (_, run) = fails(
        |s| {
            bad_yaml_on_line_4(s);
            period_line = bad_period(s);
            bad_template_on_line_3(s);
        },
        &[],
    );
    says(
        &run,
        &[
            &format!("{ASSESSMENTS}:4"),
            &format!("{WAITING}:{period_line}"),
            &format!("{PAGE_HTML}:3"),
        ],
    );
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .count();
    assert_eq!(errors, 3, "{run}");
}

// ---------------------------------------------------------------------------
// Bugs found while writing these tests (ignored until fixed)

#[test]
fn a_bad_base_url_is_reported_on_its_own_line_not_on_a_comment() {
    // The repository's own site.toml has a comment mentioning base_url above the key.
    let mut line = 0;
    let (_, run) = fails(
        |s| {
            s.replace(
                "site.toml",
                "base_url = \"https://example.org/kpi/\"",
                "# Leave out base_url to give each language its own.\nbase_url = \"example.org/kpi/\"",
            );
            line = line_of(&s.read("site.toml"), "base_url = ");
        },
        &[],
    );
    says(&run, &[&format!("site.toml:{line}:"), "example.org/kpi/"]);
}

#[test]
fn an_unknown_id_that_begins_another_id_is_reported_on_its_own_line() {
    // `assessments` is a typo for `assessments-on-time`, listed on an earlier line.
    let mut line = 0;
    let (_, run) = fails(
        |s| line = s.replace(REPORT, "      - visit-length", "      - assessments"),
        &[],
    );
    says(&run, &[&format!("{REPORT}:{line}:"), "`assessments`"]);
}

#[test]
fn content_and_theme_problems_are_reported_together() {
    let mut line = 0;
    let (_, run) = fails(
        |s| {
            line = s.replace(REPORT, "      - visit-length", "      - no-such-indicator");
            bad_template_on_line_3(s);
        },
        &[],
    );
    says(
        &run,
        &[
            &format!("{REPORT}:{line}"),
            "no-such-indicator",
            &format!("{PAGE_HTML}:3"),
        ],
    );
}

#[test]
fn a_page_may_not_take_the_address_of_a_generated_page() {
    let (_, run) = fails(
        |s| {
            s.write(
                "content/pages/indicators.md",
                "---\ntitle: About our indicators\n---\nHow we measure.\n",
            );
            s.write(
                "content/pages/indicators.cy.md",
                "---\ntitle: Am ein dangosyddion\n---\nSut rydym yn mesur.\n",
            );
        },
        &[],
    );
    says(&run, &["content/pages/indicators.md"]);
}

#[test]
fn an_indicator_listed_twice_in_a_report() {
    // Either an error, like a target year's "listed twice", or one article and one
    // count per indicator.
    let site = fixture("valid");
    site.replace(
        REPORT,
        "      - visit-length",
        "      - visit-length\n      - re-referrals",
    );
    let run = site.build(&[]);
    if run.code == 0 {
        let html = page(&site.public(), "en/reports/2019-20-q2/index.html");
        let articles = html.select(&sel("article#re-referrals")).count();
        assert_eq!(articles, 1, "`id=re-referrals` on {articles} articles");
        let covers = texts(&html, ".summary p");
        assert!(
            covers.contains(&"This report covers 4 indicators.".to_string()),
            "{covers:?}"
        );
    } else {
        assert_eq!(run.code, 1, "{run}");
        says(&run, &[REPORT, "re-referrals"]);
    }
}

#[test]
fn new_without_a_site_says_so_once() {
    // `dangos new` prints a missing site.toml as every command does: one `error:`.
    let site = fixture("valid");
    site.remove("site.toml");
    let root = site.root.to_str().unwrap();
    let run = dangos(&["new", "--root", root, "indicator", "new-kpi"]);
    assert_eq!(run.code, 1, "{run}");
    says(&run, &["site.toml", "--root"]);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error[config]: site.toml: "), "{run}");
    assert!(!run.stderr.contains("error: error"), "{run}");
    assert!(!site.path("content/indicators/new-kpi.md").exists());
}

/// A chart font that is not a font is one problem of the theme, said once and naming
/// its settings file, not once per chart.
#[test]
fn an_unusable_chart_font_is_one_error_naming_the_chart_settings() {
    let (_, run) = fails(
        |site| {
            std::fs::write(
                site.root.join("themes/default/fonts/Roboto-chart.ttf"),
                "not a font",
            )
            .unwrap()
        },
        &[],
    );
    says(
        &run,
        &["themes/default/chart.toml", "cannot use the chart font"],
    );
    assert_eq!(
        run.stderr.matches("cannot use the chart font").count(),
        1,
        "{run}"
    );
}
