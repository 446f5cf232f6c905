//! `dangos check`, `status`, `translated` and `new`, run as a user would run them, on
//! copies of the fixture site with exactly one defect each.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dangos");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/valid` with the repository's theme, in a temp folder.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/valid"), dir.path());
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

/// A copy of the repository's own example site.
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    if repo().join("static").is_dir() {
        copy_dir(&repo().join("static"), &dir.path().join("static"));
    }
    dir
}

/// Replaces `from` (which must be there) with `to` in a file of the site.
fn edit(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs `dangos ARGS[0] --root SITE ARGS[1..]`.
fn dangos(site: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .arg(args[0])
        .arg("--root")
        .arg(site)
        .args(&args[1..])
        .current_dir(site)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `dangos check --format json [extra]`: exit code and findings.
fn check(site: &Path, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend(extra);
    let (code, out, err) = dangos(site, &args);
    let findings: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("check --format json printed no JSON ({e}):\n{out}\n{err}"));
    (code, findings.as_array().unwrap().clone())
}

fn errors(findings: &[Value]) -> Vec<&Value> {
    findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect()
}

/// Asserts that the only errors are `code`, at least one of them in `file`, and
/// returns that one.
fn only_error<'a>(findings: &'a [Value], code: &str, file: &str) -> &'a Value {
    let errs = errors(findings);
    assert!(
        errs.iter().all(|f| f["code"] == code),
        "expected only {code} errors, got {errs:#?}"
    );
    errs.iter()
        .find(|f| f["file"] == file)
        .copied()
        .unwrap_or_else(|| panic!("no {code} error in {file}: {findings:#?}"))
}

/// Makes one edit to the fixture, and checks that `check` then fails with `code`
/// errors only, one of them in `file`, which is returned.
fn one_error_after_edit(file: &str, from: &str, to: &str, code: &str) -> Value {
    let site = fixture();
    edit(site.path(), file, from, to);
    let (exit, findings) = check(site.path(), &[]);
    assert_eq!(exit, 1, "{findings:#?}");
    only_error(&findings, code, file).clone()
}

#[test]
fn the_fixture_site_passes_strictly() {
    let site = fixture();
    let (code, findings) = check(site.path(), &["--strict"]);
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(code, 0);
}

#[test]
fn the_example_site_has_no_errors_and_check_writes_nothing() {
    let site = example();
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(errors(&findings), Vec::<&Value>::new());
    assert_eq!(code, 0);
    assert!(
        !site.path().join("public").exists(),
        "check must not write the site"
    );
}

#[test]
fn json_findings_have_the_documented_shape() {
    let site = fixture();
    edit(
        site.path(),
        "content/indicators/assessments-on-time.md",
        "2019-20 Q2: 78.0",
        "2019-20 Q2: 104",
    );
    let (_, findings) = check(site.path(), &[]);
    for f in &findings {
        let keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        let mut keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["code", "file", "line", "message", "severity"]);
    }
}

#[test]
fn a_broken_link_is_an_error_with_its_line() {
    let f = one_error_after_edit(
        "content/pages/accessibility.md",
        "Email the test service.",
        "Email the test service, or see [the old page](/kpi/en/no-such-page/).",
        "broken-link",
    );
    assert_eq!(f["line"], 8);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("/kpi/en/no-such-page/")
    );
}

#[test]
fn a_broken_link_is_shown_at_its_line_and_column_with_the_line_itself() {
    let site = fixture();
    edit(
        site.path(),
        "content/pages/accessibility.md",
        "Email the test service.",
        "Email the test service, or see [the old page](/kpi/en/no-such-page/).",
    );
    let (code, out, _) = dangos(site.path(), &["check"]);
    assert_eq!(code, 1);
    let at = "error[broken-link]: content/pages/accessibility.md:8:";
    let start = out.find(at).unwrap_or_else(|| panic!("{out}"));
    let column: usize = out[start + at.len()..]
        .split(':')
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column: {out}"));
    let line = "Email the test service, or see [the old page](/kpi/en/no-such-page/).";
    assert!(out.contains(&format!(" 8 | {line}")), "{out}");
    // The column is the link's, and the caret under the line points at it.
    assert_eq!(column, line.find("[the old page]").unwrap() + 1, "{out}");
    assert!(out.contains(&format!("   | {:>column$}", "^")), "{out}");
}

#[test]
fn a_link_to_a_missing_content_file_is_a_broken_link_in_the_file_that_has_it() {
    let f = one_error_after_edit(
        "content/reports/2019-20-q2.cy.md",
        "@/indicators/children-waiting.md",
        "@/indicators/children-wating.md",
        "broken-link",
    );
    assert_eq!(f["line"], 14);
}

#[test]
fn a_broken_fragment_is_an_error() {
    let f = one_error_after_edit(
        "content/index.cy.md",
        "accessibility.md#contact",
        "accessibility.md#cyswllt",
        "broken-fragment",
    );
    assert_eq!(f["line"], 6);
}

#[test]
fn a_missing_translation_is_an_error() {
    let site = fixture();
    std::fs::remove_file(site.path().join("content/indicators/visit-length.cy.md")).unwrap();
    let (code, findings) = check(site.path(), &[]);
    only_error(
        &findings,
        "missing-translation",
        "content/indicators/visit-length.md",
    );
    assert_eq!(code, 1);
    let (_, status, _) = dangos(site.path(), &["status"]);
    assert!(
        status.contains("content/indicators/visit-length.cy.md"),
        "{status}"
    );
}

#[test]
fn a_missing_ui_string_is_an_error() {
    let f = one_error_after_edit(
        "themes/default/i18n/cy.ftl",
        "nav-home = Hafan\n",
        "",
        "missing-ui-string",
    );
    assert!(f["message"].as_str().unwrap().contains("nav-home"));
}

#[test]
fn a_stale_translation_is_a_warning_until_marked_translated() {
    let site = fixture();
    let cy = "content/indicators/re-referrals.cy.md";
    let (code, out, err) = dangos(site.path(), &["translated", cy]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(site.path().join(cy)).unwrap();
    assert!(text.starts_with("---\ntranslated_from: "), "{text}");
    // Still builds, and is up to date.
    let (code, findings) = check(site.path(), &["--strict"]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?}");

    // A figure changes: still up to date. A word changes: stale.
    edit(
        site.path(),
        "content/indicators/re-referrals.md",
        "numerator: 3",
        "numerator: 4",
    );
    assert_eq!(check(site.path(), &["--strict"]).0, 0);
    edit(
        site.path(),
        "content/indicators/re-referrals.md",
        "3 of the 82 referrals",
        "4 of the 82 referrals",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(code, 0, "a stale translation is a warning");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "stale-translation");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["file"], cy);
    assert_eq!(findings[0]["line"], 2);
    assert_eq!(check(site.path(), &["--strict"]).0, 1);
    let (_, status, _) = dangos(site.path(), &["status", "--format", "json"]);
    let status: Value = serde_json::from_str(&status).unwrap();
    let file = status["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == cy)
        .unwrap();
    assert_eq!(file["state"], "stale");

    // The translator updates it and says so.
    edit(site.path(), cy, "Roedd 3 o'r 82", "Roedd 4 o'r 82");
    assert_eq!(dangos(site.path(), &["translated", cy]).0, 0);
    assert_eq!(check(site.path(), &["--strict"]).0, 0);
}

#[test]
fn a_percentage_over_100_is_an_error() {
    let f = one_error_after_edit(
        "content/indicators/assessments-on-time.md",
        "2019-20 Q2: 78.0",
        "2019-20 Q2: 104",
        "percent-over-100",
    );
    assert_eq!(f["line"], 9);
}

#[test]
fn nine_of_eight_is_an_error() {
    let f = one_error_after_edit(
        "content/indicators/re-referrals.md",
        "{ numerator: 3, denominator: 82 }",
        "{ numerator: 9, denominator: 8 }",
        "numerator-over-denominator",
    );
    assert_eq!(f["line"], 6);
}

#[test]
fn a_negative_count_is_an_error() {
    one_error_after_edit(
        "content/indicators/children-waiting.md",
        "2019-20 Q2: 30",
        "2019-20 Q2: -30",
        "negative-count",
    );
}

#[test]
fn a_repeated_period_is_an_error() {
    let f = one_error_after_edit(
        "content/indicators/assessments-on-time.md",
        "  2019-20 Q2: 78.0\n",
        "  2019-20 Q2: 78.0\n  2019-20 Q2: 79.0\n",
        "duplicate-period",
    );
    assert!(f["line"].is_u64(), "{f}");
}

#[test]
fn one_period_written_two_ways_is_a_repeated_period() {
    let f = one_error_after_edit(
        "content/indicators/visit-length.md",
        "\"2019-20 Q2\" = 184\n",
        "\"2019-20 Q2\" = 184\n\"2019/20 Q2\" = 180\n",
        "duplicate-period",
    );
    assert_eq!(f["line"], 8);
}

#[test]
fn periods_out_of_order_are_a_warning() {
    let site = fixture();
    edit(
        site.path(),
        "content/indicators/assessments-on-time.md",
        "  2019-20 Q1: 82.0\n  2019-20 Q2: 78.0\n",
        "  2019-20 Q2: 78.0\n  2019-20 Q1: 82.0\n",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "period-order");
    assert_eq!(code, 0);
}

#[test]
fn an_unknown_indicator_in_a_report_is_an_error() {
    let f = one_error_after_edit(
        "content/reports/2019-20-q2.md",
        "[assessments-on-time, re-referrals]",
        "[assessments-on-time, re-referals]",
        "unknown-indicator",
    );
    assert_eq!(f["line"], 13);
}

#[test]
fn a_target_without_rationale_is_a_warning() {
    let site = fixture();
    edit(
        site.path(),
        "content/indicators/children-waiting.md",
        "rationale:\n  2019-20: Reduce the waiting list.\n",
        "",
    );
    edit(
        site.path(),
        "content/indicators/children-waiting.cy.md",
        "rationale:\n  2019-20: Lleihau'r rhestr aros.\n",
        "",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "target-without-rationale");
    assert_eq!(
        findings[0]["file"],
        "content/indicators/children-waiting.md"
    );
    assert_eq!(findings[0]["line"], 8);
    assert_eq!(code, 0);
    assert_eq!(check(site.path(), &["--strict"]).0, 1);
}

#[test]
fn an_untranslated_page_is_an_error() {
    let site = fixture();
    std::fs::copy(
        site.path().join("content/pages/accessibility.md"),
        site.path().join("content/pages/accessibility.cy.md"),
    )
    .unwrap();
    let (code, findings) = check(site.path(), &[]);
    only_error(
        &findings,
        "untranslated-page",
        "content/pages/accessibility.cy.md",
    );
    assert_eq!(code, 1);
}

#[test]
fn an_indicator_no_one_lists_is_a_warning() {
    let site = fixture();
    edit(
        site.path(),
        "content/reports/2019-20-q2.md",
        "      - visit-length\n",
        "",
    );
    edit(
        site.path(),
        "content/targets/2019-20.md",
        ", visit-length]",
        "]",
    );
    edit(
        site.path(),
        "content/indicators/visit-length.md",
        "[targets]\n\"2019-20\" = \"not-appropriate\"\n",
        "",
    );
    edit(
        site.path(),
        "content/indicators/visit-length.md",
        "\n[rationale]\n\"2019-20\" = \"Target setting not appropriate.\"\n",
        "",
    );
    edit(
        site.path(),
        "content/indicators/visit-length.cy.md",
        "\n[rationale]\n\"2019-20\" = \"Nid yw'n briodol gosod targed.\"\n",
        "",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "orphan-indicator");
    assert_eq!(findings[0]["file"], "content/indicators/visit-length.md");
    assert_eq!(code, 0);
}

#[test]
fn the_text_report_shows_problems_as_build_does_and_says_what_to_do() {
    let site = fixture();
    edit(
        site.path(),
        "content/indicators/re-referrals.md",
        "{ numerator: 3, denominator: 82 }",
        "{ numerator: 9, denominator: 8 }",
    );
    let (code, out, _) = dangos(site.path(), &["check"]);
    assert_eq!(code, 1);
    // As `build` prints it: code, file, line and column, then the line itself.
    assert!(
        out.contains("error[numerator-over-denominator]: content/indicators/re-referrals.md:6:"),
        "{out}"
    );
    assert!(
        out.contains(" 6 |   2019-20 Q2: { numerator: 9, denominator: 8 }"),
        "{out}"
    );
    assert!(out.contains("help: "), "{out}");
    assert!(out.contains("Translations into Cymraeg"), "{out}");
    assert!(out.contains("1 error, 0 warnings"), "{out}");
}

/// Replaces every TODO line of the files `dangos new` wrote with real words, in the
/// file's language.
fn fill_in(site: &Path, files: &[&str]) {
    for (n, file) in files.iter().enumerate() {
        let path = site.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let words = if file.ends_with(".cy.md") {
            "Geiriau Cymraeg go iawn"
        } else {
            "Real English words"
        };
        let filled = text.replace("TODO", &format!("{words} {n}"));
        std::fs::write(&path, filled).unwrap();
    }
}

#[test]
fn new_indicator_builds_and_passes_check_once_filled_in() {
    let site = fixture();
    let (code, out, err) = dangos(site.path(), &["new", "indicator", "new-kpi"]);
    assert_eq!(code, 0, "{out}{err}");
    let files = [
        "content/indicators/new-kpi.md",
        "content/indicators/new-kpi.cy.md",
    ];
    for f in files {
        assert!(out.contains(f), "{out}");
    }
    // As written it builds, but check says what is left to do.
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        errors(&findings).iter().all(|f| f["code"] == "todo"),
        "{findings:#?}"
    );
    assert!(findings.iter().any(|f| f["file"] == files[1]));

    fill_in(site.path(), &files);
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(errors(&findings), Vec::<&Value>::new());
    assert_eq!(code, 0);
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = dangos(
        site.path(),
        &[
            "build",
            "--output",
            out.path().join("public").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");

    // Never overwrites.
    let before = std::fs::read_to_string(site.path().join(files[0])).unwrap();
    let (code, _, err) = dangos(site.path(), &["new", "indicator", "new-kpi"]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(site.path().join(files[0])).unwrap(),
        before
    );
}

#[test]
fn new_report_starts_from_the_latest_report_and_passes_once_filled_in() {
    let site = fixture();
    let (code, out, err) = dangos(site.path(), &["new", "report", "2019-20", "Q3"]);
    assert_eq!(code, 0, "{out}{err}");
    let files = [
        "content/reports/2019-20-q3.md",
        "content/reports/2019-20-q3.cy.md",
    ];
    let text = std::fs::read_to_string(site.path().join(files[0])).unwrap();
    assert!(text.contains("period: 2019-20 Q3"), "{text}");
    assert!(
        text.contains("[assessments-on-time, re-referrals]"),
        "{text}"
    );
    let cy = std::fs::read_to_string(site.path().join(files[1])).unwrap();
    assert!(cy.contains("Cynllun corfforaethol"), "{cy}");

    fill_in(site.path(), &files);
    // Until its publication date is given, check says so.
    let (_, findings) = check(site.path(), &[]);
    assert!(
        findings.iter().any(|f| f["code"] == "no-published-date"),
        "{findings:#?}"
    );
    edit(
        site.path(),
        files[0],
        "# published: YYYY-MM-DD",
        "published: 2020-02-13",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(errors(&findings), Vec::<&Value>::new());
    assert_eq!(code, 0);
    // Its indicators have no figures for Q3 yet: said, as warnings.
    assert!(
        findings.iter().all(|f| f["code"] == "no-value"),
        "{findings:#?}"
    );

    let (code, _, err) = dangos(site.path(), &["new", "report", "2019-20 Q3"]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn new_target_year_lists_the_indicators_with_targets_and_passes_once_filled_in() {
    let site = fixture();
    edit(
        site.path(),
        "content/indicators/children-waiting.md",
        "targets:\n  2019-20: 20\n",
        "targets:\n  2019-20: 20\n  2020-21: 15\n",
    );
    edit(
        site.path(),
        "content/indicators/children-waiting.md",
        "  2019-20: Reduce the waiting list.\n",
        "  2019-20: Reduce the waiting list.\n  2020-21: Reduce it further.\n",
    );
    edit(
        site.path(),
        "content/indicators/children-waiting.cy.md",
        "  2019-20: Lleihau'r rhestr aros.\n",
        "  2019-20: Lleihau'r rhestr aros.\n  2020-21: Ei lleihau ymhellach.\n",
    );
    let (code, out, err) = dangos(site.path(), &["new", "target-year", "2020-21"]);
    assert_eq!(code, 0, "{out}{err}");
    let files = [
        "content/targets/2020-21.md",
        "content/targets/2020-21.cy.md",
    ];
    let text = std::fs::read_to_string(site.path().join(files[0])).unwrap();
    assert!(text.contains("indicators: [children-waiting]"), "{text}");
    fill_in(site.path(), &files);
    let (code, findings) = check(site.path(), &["--strict"]);
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(code, 0);

    let (code, _, err) = dangos(site.path(), &["new", "target-year", "2020-21 Q1"]);
    assert_eq!(code, 1, "a quarter is not a target year");
    assert!(!err.is_empty());
}

#[test]
fn a_broken_link_in_a_template_is_one_error_for_every_page() {
    let site = fixture();
    edit(
        site.path(),
        "themes/default/templates/base.html",
        "<li>{{ t(\"footer-made-with\") }}</li>",
        "<li><a href=\"{{ nav.home }}about-us/\">{{ t(\"footer-made-with\") }}</a></li>",
    );
    let (code, findings) = check(site.path(), &[]);
    let f = only_error(&findings, "broken-link", "themes/default/templates");
    assert_eq!(errors(&findings).len(), 1, "{findings:#?}");
    assert!(f["message"].as_str().unwrap().contains("about-us/"));
    assert_eq!(code, 1);
}

#[test]
fn a_ui_string_copied_untranslated_is_a_warning() {
    let site = fixture();
    edit(
        site.path(),
        "themes/default/i18n/cy.ftl",
        "skip-to-content = Neidio i’r prif gynnwys",
        "skip-to-content = Skip to main content",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "untranslated-text");
    assert_eq!(findings[0]["file"], "themes/default/i18n/cy.ftl");
    assert!(findings[0]["line"].is_u64());
    assert_eq!(code, 0);
}

/// The word checks read every words field a kind declares (`src/content/kinds.rs`),
/// an indicator's theme too: once a field that the checks did not read.
#[test]
fn a_todo_in_an_indicator_s_theme_is_found() {
    let site = fixture();
    let file = "content/indicators/children-waiting.md";
    edit(
        site.path(),
        file,
        "unit: count",
        "theme: \"TODO: a theme\"\nunit: count",
    );
    edit(
        site.path(),
        "content/indicators/children-waiting.cy.md",
        "commentary:",
        "theme: Plant\ncommentary:",
    );
    let (code, findings) = check(site.path(), &[]);
    assert_eq!(code, 1);
    let todo = only_error(&findings, "todo", file);
    assert_eq!(todo["line"], 3, "{todo:#?}");
}
