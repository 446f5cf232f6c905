//! Figures that cannot be right, and indicators out of place: checks over the loaded
//! (not yet validated) content, so they run even when the model finds other problems.

use super::{Finding, Severity};
use crate::content::{
    Content, FrontMatter, IndicatorFront, Localised, RawTarget, RawValue, Source, Unit, split,
};
use crate::period::Period;
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The 1-based line of the first line containing `needle` after the line that starts
/// the front-matter section `key` (`values:`, `[values]`...), or anywhere.
pub(super) fn line_in(text: &str, key: &str, needle: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        let l = l.trim_end();
        l.starts_with(&format!("{key}:"))
            || l == format!("[{key}]")
            || l.starts_with(&format!("{key} ="))
            || l.starts_with(&format!("{key}="))
    });
    if let Some(start) = start {
        // The section's first line (`values: { 2019-20 Q2: 3 }`) counts too.
        if let Some(i) = lines[start..].iter().position(|l| l.contains(needle)) {
            return Some(start + i + 1);
        }
    }
    lines.iter().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// Keys of a map in the order they are written.
#[derive(Debug, Default)]
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(V)
    }
}

/// The periods of `values` and `targets` as written, to find repeats and disorder
/// that a parsed map hides.
#[derive(Debug, Default, Deserialize)]
struct WrittenPeriods {
    #[serde(default)]
    values: Keys,
    #[serde(default)]
    targets: Keys,
}

fn written_periods(text: &str) -> Option<WrittenPeriods> {
    match split(text).ok()?.0 {
        FrontMatter::Yaml(s) => serde_saphyr::from_str(s).ok(),
        FrontMatter::Toml(s) => toml::from_str(s).ok(),
    }
}

fn finding(
    src: &Source,
    line: Option<usize>,
    severity: Severity,
    code: &'static str,
    message: String,
    help: Option<String>,
) -> Finding {
    Finding {
        file: Some(src.path.clone()),
        line,
        severity,
        code,
        message,
        help,
    }
}

/// Values and targets that cannot be right for the indicator's unit.
fn impossible_figures(
    l: &Localised<IndicatorFront, crate::content::IndicatorWords>,
) -> Vec<Finding> {
    let src = &l.source.source;
    let f = &l.source.front;
    let mut out = Vec::new();
    let unit = f.unit;
    let check_number =
        |what: &str, section: &str, period: &Period, x: f64, out: &mut Vec<Finding>| {
            let line = line_in(&src.text, section, &period.to_string());
            if unit == Unit::Percent && x > 100.0 {
                out.push(finding(
                    src,
                    line,
                    Severity::Error,
                    "percent-over-100",
                    format!(
                        "the {what} for {period} is {x}%, but a percentage cannot be above 100"
                    ),
                    Some("check the figure; if it is a count or a rate, change `unit`".into()),
                ));
            } else if x < 0.0 {
                let code = if unit == Unit::Percent {
                    "negative-percent"
                } else {
                    "negative-count"
                };
                out.push(finding(
                    src,
                    line,
                    Severity::Error,
                    code,
                    format!(
                        "the {what} for {period} is {x}, but a {} cannot be below zero",
                        match unit {
                            Unit::Count => "count",
                            Unit::Percent => "percentage",
                            Unit::Days => "number of days",
                        }
                    ),
                    Some("check the figure and its sign".into()),
                ));
            }
        };
    for (period, v) in &f.values {
        match *v {
            RawValue::Number(x) => check_number("value", "values", period, x, &mut out),
            RawValue::Fraction {
                numerator,
                denominator,
            } => {
                let line = line_in(&src.text, "values", &period.to_string());
                if numerator < 0.0 || denominator < 0.0 {
                    out.push(finding(
                        src,
                        line,
                        Severity::Error,
                        "negative-count",
                        format!(
                            "{numerator} of {denominator} for {period}: a numerator and denominator count people or events, so cannot be below zero"
                        ),
                        Some("check the figures and their signs".into()),
                    ));
                } else if numerator > denominator {
                    out.push(finding(
                        src,
                        line,
                        Severity::Error,
                        "numerator-over-denominator",
                        format!(
                            "{numerator} of {denominator} for {period}: the part is bigger than the whole (that would be {:.1}%)",
                            numerator / denominator * 100.0
                        ),
                        Some("the numerator is the part (3 in \"3 of 82\") and the denominator the whole: are they swapped?".into()),
                    ));
                }
            }
        }
    }
    for (year, t) in &f.targets {
        if let RawTarget::Value(x) = *t {
            check_number("target", "targets", year, x, &mut out);
        }
    }
    // Repeats and disorder, as written.
    if let Some(written) = written_periods(&src.text) {
        for (section, keys) in [("values", &written.values), ("targets", &written.targets)] {
            let mut seen: BTreeMap<Period, &str> = BTreeMap::new();
            let mut last: Option<Period> = None;
            let mut disorder_reported = false;
            for k in &keys.0 {
                let Ok(p) = k.parse::<Period>() else {
                    continue; // the build reports it
                };
                if let Some(first) = seen.get(&p) {
                    out.push(finding(
                        src,
                        line_in(&src.text, section, k),
                        Severity::Error,
                        "duplicate-period",
                        format!("`{k}` under `{section}` is the same period as `{first}`: each period once"),
                        Some("keep one of them".into()),
                    ));
                    continue;
                }
                seen.insert(p, k);
                if let Some(prev) = last
                    && p < prev
                    && !disorder_reported
                {
                    disorder_reported = true;
                    out.push(finding(
                        src,
                        line_in(&src.text, section, k),
                        Severity::Warning,
                        "period-order",
                        format!("under `{section}`, {p} comes after {prev}: periods are easier to check in time order"),
                        Some(format!("list the periods under `{section}` from earliest to latest")),
                    ));
                }
                last = Some(last.map_or(p, |l| l.max(p)));
            }
        }
    }
    out
}

/// A target year's rationale is what readers most often ask for: every target (or
/// "not appropriate") should say why.
fn targets_without_rationale(
    l: &Localised<IndicatorFront, crate::content::IndicatorWords>,
) -> Vec<Finding> {
    let src = &l.source.source;
    let f = &l.source.front;
    let mut out = Vec::new();
    for year in f.targets.keys() {
        let has = f.rationale.get(year).is_some_and(|r| !r.trim().is_empty());
        if !has {
            out.push(finding(
                src,
                line_in(&src.text, "targets", &year.to_string()),
                Severity::Warning,
                "target-without-rationale",
                format!("the target for {year} has no rationale: readers see \"No rationale given\""),
                Some(format!(
                    "add `{year}: <why the target was set there>` under `rationale`, and its translation"
                )),
            ));
        }
    }
    out
}

/// Every check of this module. `complete` is false when some files could not be read:
/// then an indicator may look unlisted only because the report listing it is unread,
/// so orphans are not reported. A draft report or target year counts as listing its
/// indicators: they are on their way.
pub(super) fn check(content: &Content, complete: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in &content.indicators {
        out.extend(impossible_figures(l));
        out.extend(targets_without_rationale(l));
    }

    // Duplicates: ids that differ only in case collide on case-insensitive disks and
    // web servers; two indicators with one official reference are one indicator twice.
    let mut by_lower: HashMap<String, &str> = HashMap::new();
    let mut by_code: HashMap<String, &Localised<IndicatorFront, _>> = HashMap::new();
    for l in &content.indicators {
        if let Some(other) = by_lower.insert(l.slug.to_lowercase(), &l.slug) {
            out.push(Finding {
                file: Some(l.source.source.path.clone()),
                line: None,
                severity: Severity::Error,
                code: "duplicate-indicator",
                message: format!(
                    "the ids `{other}` and `{}` differ only in capital letters: on many web servers they are the same address",
                    l.slug
                ),
                help: Some("use lowercase file names, and one file per indicator".into()),
            });
        }
        if let Some(code) = &l.source.front.code {
            let key = code
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase();
            if let Some(other) = by_code.insert(key, l) {
                let src = &l.source.source;
                out.push(finding(
                    src,
                    line_in(&src.text, "code", code),
                    Severity::Error,
                    "duplicate-indicator",
                    format!(
                        "{} has the same reference, `{code}`: is one indicator defined twice?",
                        other.source.source.path.display()
                    ),
                    Some("merge the two files, or correct the reference".into()),
                ));
            }
        }
    }

    // Indicators listed twice in a report (their sections would share an id), and
    // indicators that nothing lists.
    let mut mentioned: BTreeSet<&str> = BTreeSet::new();
    for r in &content.reports {
        let src = &r.source.source;
        let mut seen = BTreeSet::new();
        for s in &r.source.front.sections {
            for id in &s.indicators {
                mentioned.insert(id);
                if !seen.insert(id) {
                    out.push(finding(
                        src,
                        line_in(&src.text, "sections", id),
                        Severity::Error,
                        "duplicate-indicator",
                        format!("`{id}` is listed twice in this report"),
                        Some("list each indicator once".into()),
                    ));
                }
            }
        }
    }
    for t in &content.target_years {
        match &t.source.front.indicators {
            Some(ids) => mentioned.extend(ids.iter().map(String::as_str)),
            None => {
                let year = t.source.front.year;
                for l in &content.indicators {
                    if l.source.front.targets.contains_key(&year) {
                        mentioned.insert(&l.slug);
                    }
                }
            }
        }
    }
    for l in content.indicators.iter().filter(|_| complete) {
        if !mentioned.contains(l.slug.as_str()) {
            out.push(finding(
                &l.source.source,
                None,
                Severity::Warning,
                "orphan-indicator",
                format!(
                    "no report or target year lists `{}`: readers reach it only from the index of indicators",
                    l.slug
                ),
                Some("add it to a report's section or a target year's `indicators`, or delete it if it is no longer reported".into()),
            ));
        }
    }

    // A report's indicator with no figure for the report's period shows "Not stated".
    let values: HashMap<&str, &IndicatorFront> = content
        .indicators
        .iter()
        .map(|l| (l.slug.as_str(), &l.source.front))
        .collect();
    for r in &content.reports {
        let src = &r.source.source;
        let period = r.source.front.period;
        for id in r.source.front.sections.iter().flat_map(|s| &s.indicators) {
            if let Some(ind) = values.get(id.as_str())
                && !ind.values.contains_key(&period)
                && !ind.commentary.contains_key(&period)
            {
                out.push(finding(
                    src,
                    line_in(&src.text, "sections", id),
                    Severity::Warning,
                    "no-value",
                    format!("`{id}` has no value or commentary for {period}: the report shows \"Not stated\""),
                    Some(format!("add `{period}: <value>` under `values` in content/indicators/{id}.md, or remove it from this report")),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_under_a_section() {
        let text = "---\nvalues:\n  2019-20 Q2: 3\ntargets:\n  2019-20: 4\n---\n";
        assert_eq!(line_in(text, "targets", "2019-20"), Some(5));
        assert_eq!(line_in(text, "values", "2019-20"), Some(3));
        let toml = "+++\n[values]\n\"2019-20 Q2\" = 3\n[targets]\n\"2019-20\" = 4\n+++\n";
        assert_eq!(line_in(toml, "targets", "2019-20"), Some(5));
    }

    #[test]
    fn reads_keys_in_written_order() {
        let w = written_periods("---\nvalues:\n  2019-20 Q2: 1\n  2019-20 Q1: 2\n---\n").unwrap();
        assert_eq!(w.values.0, ["2019-20 Q2", "2019-20 Q1"]);
        let w = written_periods("+++\n[values]\n\"2019-20 Q2\" = 1\n\"2019/20 Q1\" = 2\n+++\n")
            .unwrap();
        assert_eq!(w.values.0, ["2019-20 Q2", "2019/20 Q1"]);
    }
}
