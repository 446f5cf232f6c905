//! A figure reads the same everywhere: property tests of the one formatter
//! (`dangos::figures`) against references written independently here, and of real
//! sites built with random figures, whose pages, chart descriptions, CSV and JSON must
//! agree, with statuses that agree with the figures shown beside them. Then the cases
//! of issue 11, one by one.

#[path = "../common/mod.rs"]
mod common;
mod formatter;
mod issue_cases;
mod sites;

pub(crate) use common::csv_rows;
use scraper::Html;

// ---------------------------------------------------------------------------------
// References, written from the rules rather than from the code.

/// `s` (digits with at most one '.') rounded half away from zero to `d` places, by
/// hand on the digits: "1.005" at 2 is "1.01".
pub(crate) fn round_digits(s: &str, d: usize) -> String {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut digits: Vec<u8> = int.bytes().map(|b| b - b'0').collect();
    let mut frac: Vec<u8> = frac.bytes().map(|b| b - b'0').collect();
    let up = frac.len() > d && frac[d] >= 5;
    frac.resize(d, 0);
    digits.extend(&frac);
    if up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let (int, frac) = text.split_at(text.len() - d);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    if neg && digits.iter().any(|&d| d != 0) {
        out.push('-');
    }
    out.push_str(int);
    if d > 0 {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `x` as the decimal it is: Rust prints the shortest digits that read back to it,
/// never in exponent form.
pub(crate) fn reference(x: f64, d: u8) -> String {
    round_digits(&format!("{x}"), usize::from(d))
}

/// `text` with a thousands separator `group` every three digits of the whole part.
pub(crate) fn grouped(text: &str, group: &str, decimal: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push_str(decimal);
        out.push_str(frac);
    }
    out
}

/// A published figure read back: "1.234,5" with group "." and decimal "," is 1234.5.
pub(crate) fn read_back(shown: &str, group: &str, decimal: &str) -> f64 {
    let plain = shown.replace(group, "").replace(decimal, ".");
    plain
        .parse()
        .unwrap_or_else(|_| panic!("not a figure: {shown:?}"))
}

/// Lists `ids` in the fixture's target year (every target needs its table).
pub(crate) fn list_in_target_year(site: &common::Site, ids: &[String]) {
    let list = "indicators: [assessments-on-time, children-waiting, re-referrals, visit-length";
    site.replace(
        "content/targets/2019-20.md",
        list,
        &format!("{list}, {}", ids.join(", ")),
    );
}

/// The language's separators, which the test site sets apart for Welsh (group ".",
/// decimal ",") so that a figure written without the language's format shows.
pub(crate) fn separators(lang: &str) -> (&'static str, &'static str) {
    if lang == "cy" { (".", ",") } else { (",", ".") }
}

/// A site copied from the valid fixture, with Welsh numbers written "1.234,5".
pub(crate) fn site_with_separators() -> common::Site {
    let site = common::fixture("valid");
    site.replace(
        "themes/default/i18n/cy.ftl",
        "number-group-separator = ,\nnumber-decimal-separator = .",
        "number-group-separator = .\nnumber-decimal-separator = ,",
    );
    site
}

/// The CSV heading of a column in a language (the UI string `data-col-NAME`).
pub(crate) fn csv_heading(lang: &str, column: &str) -> String {
    let ftl =
        std::fs::read_to_string(common::repo().join(format!("themes/default/i18n/{lang}.ftl")))
            .unwrap();
    let key = format!("data-col-{column} = ");
    ftl.lines()
        .find_map(|l| l.strip_prefix(&key))
        .unwrap_or_else(|| panic!("{key} in {lang}.ftl"))
        .trim()
        .to_string()
}

/// The status class (`status-on-target`, ...) of row `n` of the figures table.
pub(crate) fn html_status_class(doc: &Html, n: usize) -> String {
    let spans: Vec<String> = doc
        .select(&common::sel("table.data tbody tr td span.status"))
        .map(|e| {
            e.value()
                .classes()
                .find_map(|c| c.strip_prefix("status-"))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    spans[n].clone()
}
