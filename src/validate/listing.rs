//! Rules across files: one indicator defined twice, indicators nothing lists, and a
//! report's indicators with nothing for its period. They read the loaded content
//! (drafts too: a draft report listing an indicator means it is on its way), and
//! run at every build, reused items or not.

use crate::content::{Content, IndicatorFront, Localised};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

pub(super) fn check(content: &Content, diags: &mut Diagnostics) {
    duplicates(content, diags);
    unlisted(content, diags);
    not_stated(content, diags);
}

/// Ids that differ only in case collide on case-insensitive disks and web servers;
/// two indicators with one official reference are one indicator twice.
fn duplicates(content: &Content, diags: &mut Diagnostics) {
    let mut by_lower: FxHashMap<String, &str> = FxHashMap::default();
    let mut by_code: FxHashMap<String, &Localised<IndicatorFront, _>> = FxHashMap::default();
    for l in &content.indicators {
        let src = &l.source.source;
        if let Some(other) = by_lower.insert(l.slug.to_lowercase(), &l.slug) {
            diags.push(
                Diagnostic::in_file(Code::DuplicateIndicator,
                    &src.path,
                    format!(
                        "the ids `{other}` and `{}` differ only in capital letters: on many web servers they are the same address",
                        l.slug
                    ),
                )
                .help("use lowercase file names, and one file per indicator"),
            );
        }
        if let Some(code) = &l.source.front.code {
            let key = code
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase();
            if let Some(other) = by_code.insert(key, l) {
                diags.push(
                    Diagnostic::in_file(
                        Code::DuplicateIndicator,
                        &src.path,
                        format!(
                            "{} has the same reference, `{code}`: is one indicator defined twice?",
                            other.source.source.path.display()
                        ),
                    )
                    .at_line(src.lines(), code.pos)
                    .help("merge the two files, or correct the reference"),
                );
            }
        }
    }
}

/// Indicators no report or target year lists: readers reach them only from the
/// index. Not said when some file could not be read: it may be the one listing it.
fn unlisted(content: &Content, diags: &mut Diagnostics) {
    if !content.broken.is_empty() {
        return;
    }
    let mut mentioned: BTreeSet<&str> = BTreeSet::new();
    for r in &content.reports {
        for s in &r.source.front.sections {
            mentioned.extend(s.indicators.iter().map(|id| id.value.as_str()));
        }
    }
    for t in &content.target_years {
        match &t.source.front.indicators {
            Some(ids) => mentioned.extend(ids.iter().map(|id| id.value.as_str())),
            None => {
                let year = t.source.front.year.value;
                for l in &content.indicators {
                    if l.source.front.targets.contains_key(&year) {
                        mentioned.insert(&l.slug);
                    }
                }
            }
        }
    }
    for l in &content.indicators {
        if !mentioned.contains(l.slug.as_str()) {
            diags.push(
                Diagnostic::in_file(Code::OrphanIndicator,
                    &l.source.source.path,
                    format!(
                        "no report or target year lists `{}`: readers reach it only from the index of indicators",
                        l.slug
                    ),
                )
                .help("add it to a report's section or a target year's `indicators`, or delete it if it is no longer reported"),
            );
        }
    }
}

/// A report's indicator with no figure or words for the report's period shows
/// "Not stated".
fn not_stated(content: &Content, diags: &mut Diagnostics) {
    let fronts: FxHashMap<&str, &IndicatorFront> = content
        .indicators
        .iter()
        .map(|l| (l.slug.as_str(), &l.source.front))
        .collect();
    for r in &content.reports {
        let src = &r.source.source;
        let period = r.source.front.period.value;
        for id in r.source.front.sections.iter().flat_map(|s| &s.indicators) {
            if let Some(ind) = fronts.get(id.value.as_str())
                && !ind.values.contains_key(&period)
                && !ind.commentary.contains_key(&period)
            {
                diags.push(
                    Diagnostic::in_file(Code::NoValue,
                        &src.path,
                        format!("`{id}` has no value or commentary for {period}: the report shows \"Not stated\""),
                    )
                    .at_line(src.lines(), id.pos)
                    .help(format!("add `{period}: <value>` under `values` in content/indicators/{id}.md, or remove it from this report")),
                );
            }
        }
    }
}
