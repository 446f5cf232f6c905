//! A report: its sections' indicators resolved, its words in every language.

use super::errors_since;
use super::{IndicatorIds, resolve_ids};
use crate::config::Config;
use crate::content::{At, Localised, Parsed, ReportFront, ReportWords, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use rustc_hash::FxHashSet;

/// Report `l` in the model's form, its sections' indicators resolved with `by_id`;
/// `None` if it has errors.
pub(super) fn report(
    config: &Config,
    l: &Localised<ReportFront, ReportWords>,
    by_id: &IndicatorIds<'_>,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let src = &l.source.source;
    let f = &l.source.front;
    let before = diags.0.len();
    let sections: Vec<Vec<usize>> = f
        .sections
        .iter()
        .map(|s| resolve_ids(&s.indicators, by_id, src, diags))
        .collect();
    listed_twice(f, src, diags);
    publication(f, src, diags);
    let text = texts(config, l, diags)?;
    if errors_since(diags, before) {
        return None;
    }
    Some(Report {
        slug: l.slug.clone(),
        source: src.path.clone(),
        period: f.period.value,
        published: f.published.as_ref().map(|d| d.value),
        next_update: f.next_update.as_ref().map(|d| d.value),
        sections,
        text,
    })
}

/// A report shows each indicator once; twice would double-count its summary.
fn listed_twice(f: &ReportFront, src: &Source, diags: &mut Diagnostics) {
    let mut seen = FxHashSet::default();
    for id in f.sections.iter().flat_map(|s| &s.indicators) {
        if !seen.insert(&id.value) {
            diags.push(
                Diagnostic::in_file(
                    Code::DuplicateIndicator,
                    &src.path,
                    format!("`{id}` is listed twice in this report"),
                )
                .at_line(src.lines(), id.pos)
                .help("list each indicator in one section only"),
            );
        }
    }
}

/// The report's words in every language, each translation checked against the
/// source; `None` if a translation is missing.
fn texts(
    config: &Config,
    l: &Localised<ReportFront, ReportWords>,
    diags: &mut Diagnostics,
) -> Option<Vec<ReportText>> {
    let src = &l.source.source;
    let f = &l.source.front;
    let mut text = Vec::new();
    for (lang, t) in l.translations.iter().enumerate() {
        if lang == config.default {
            text.push(report_text(
                &f.title,
                &src.body,
                &f.good_news,
                &f.issues_to_monitor,
                f.sections.iter().map(|s| (&s.title, &s.summary)),
            ));
            continue;
        }
        let t = t.as_ref()?;
        let w = &t.front;
        check_translation(f, src, t, &config.languages[lang].name, diags);
        text.push(report_text(
            &w.title,
            &t.source.body,
            &w.good_news,
            &w.issues_to_monitor,
            w.sections.iter().map(|s| (&s.title, &s.summary)),
        ));
    }
    Some(text)
}

/// A translation (in the language called `name`) beside its source `f`: as many
/// good news items, issues and sections, and a summary in both or neither.
fn check_translation(
    f: &ReportFront,
    src: &Source,
    t: &Parsed<ReportWords>,
    name: &str,
    diags: &mut Diagnostics,
) {
    let w = &t.front;
    let mut count = |what: &str, theirs: usize, ours: usize, pos| {
        if theirs != ours {
            diags.push(
                Diagnostic::in_file(Code::TranslationMismatch,
                    &t.source.path,
                    format!("{theirs} {what} here, but {ours} in {}: translations follow their source item for item", src.path.display()),
                )
                .at_line(t.source.lines(), pos)
                .help(format!("give the {name} translation of each of the {ours} {what}, in the same order")),
            );
        }
    };
    count(
        "good_news",
        w.good_news.len(),
        f.good_news.len(),
        w.good_news.pos,
    );
    count(
        "issues_to_monitor",
        w.issues_to_monitor.len(),
        f.issues_to_monitor.len(),
        w.issues_to_monitor.pos,
    );
    count(
        "sections",
        w.sections.len(),
        f.sections.len(),
        w.sections.pos,
    );
    for (i, (s, ws)) in f.sections.iter().zip(w.sections.iter()).enumerate() {
        if s.summary.is_some() != ws.summary.is_some() {
            diags.push(
                Diagnostic::in_file(
                    Code::MissingTranslation,
                    &t.source.path,
                    format!("section {} has a summary in one language only", i + 1),
                )
                .at_line(t.source.lines(), ws.title.pos)
                .help("give the summary in every language, or in none"),
            );
        }
    }
}

/// A report says when it was published, and the next one is due after it. A report
/// without a date still builds (reports written before dates were asked for), but
/// `check` says so: readers of official statistics look for it.
fn publication(f: &ReportFront, src: &Source, diags: &mut Diagnostics) {
    match (&f.published, &f.next_update) {
        (None, _) => diags.push(
            Diagnostic::in_file(Code::NoPublishedDate,
                &src.path,
                "this report does not say when it was published: its pages and feed show no date",
            )
            .at_line(src.lines(), f.title.pos)
            .help("add `published: 2020-05-20` (the day it was published, year-month-day) to its front matter"),
        ),
        (Some(p), Some(n)) if n.value <= p.value => diags.push(
            Diagnostic::in_file(Code::InvalidValue,
                &src.path,
                format!("next_update {} is not after published {}", n.value, p.value),
            )
            .at_line(src.lines(), n.pos)
            .help("give the day the next report is due, after the day this one was published"),
        ),
        _ => {}
    }
}

/// A report's words in one language, from its file: the same for the source and
/// each translation. Titles are typeset as Markdown bodies are.
fn report_text<'a>(
    title: &At<String>,
    body: &str,
    good_news: &[At<String>],
    issues_to_monitor: &[At<String>],
    sections: impl Iterator<Item = (&'a At<String>, &'a Option<At<String>>)>,
) -> ReportText {
    let values = |items: &[At<String>]| items.iter().map(|i| i.value.clone()).collect();
    ReportText {
        title: crate::typography::smart_quotes(&title.value).into_owned(),
        body: body.to_string(),
        good_news: values(good_news),
        issues_to_monitor: values(issues_to_monitor),
        sections: sections
            .map(|(title, summary)| {
                (
                    crate::typography::smart_quotes(&title.value).into_owned(),
                    summary.as_ref().map(|s| s.value.clone()),
                )
            })
            .collect(),
    }
}
