//! `dangos new`: writes a correctly formed content file and a translation stub for
//! every other language, with `TODO` where words are needed (which `dangos check`
//! reports until they are replaced). It never overwrites a file.

use crate::config::Config;
use crate::content::{
    CONTENT_DIR, IndicatorFront, Kind, ReportFront, ReportWords, split, translation_path,
};
use crate::import::front_matter_edit::double_quoted as q;
use crate::period::Period;
use serde::de::DeserializeOwned;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum New {
    /// `content/indicators/ID.md`.
    Indicator(String),
    /// `content/reports/PERIOD.md`.
    Report(Period),
    /// `content/targets/YEAR.md`.
    TargetYear(Period),
}

/// Parses the front matter of a content file, YAML or TOML.
fn front<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    split(&text).ok()?.0.parse().ok()
}

/// Default-language files of one kind, sorted.
fn sources(config: &Config, kind: Kind) -> Vec<PathBuf> {
    crate::content::sources(config)
        .into_iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, p)| config.root.join(p))
        .collect()
}

/// The skeletons of new files, with `{name}` (the translation's language) and, in a
/// report's, `{period}`, `{title}` and `{sections}` to fill in: example content, kept
/// as files so that they read as the files they make.
const INDICATOR: &str = include_str!("../scaffold/indicator.md");
const INDICATOR_TRANSLATION: &str = include_str!("../scaffold/indicator.translation.md");
const REPORT: &str = include_str!("../scaffold/report.md");
const REPORT_TRANSLATION: &str = include_str!("../scaffold/report.translation.md");

fn indicator(name: &str) -> (String, String) {
    (
        INDICATOR.to_string(),
        INDICATOR_TRANSLATION.replace("{name}", name),
    )
}

fn report(config: &Config, lang: usize, period: Period) -> (String, String) {
    let name = &config.languages[lang].name;
    let title = q(&format!(
        "TODO: the report's title, e.g. Performance Report, {}",
        match period.quarter {
            Some(n) => format!("Quarter {n} {}", period.year_label()),
            None => period.year_label(),
        }
    ));
    let (mut source_sections, mut translation_sections) = (String::new(), String::new());
    report_sections(
        config,
        lang,
        &mut source_sections,
        &mut translation_sections,
    );
    // The day of publication is not known when a report is started: the skeleton's
    // line is there to fill in, and until it is `check` warns (no-published-date).
    // The sections go in last, so that nothing in them is read as a placeholder.
    let source = REPORT
        .replace("{period}", &period.to_string())
        .replace("{title}", &title)
        .replace("{sections}", &source_sections);
    let translation = REPORT_TRANSLATION
        .replace("{name}", name)
        .replace("{sections}", &translation_sections);
    (source, translation)
}

/// The report with the latest period, if any can be read.
fn latest_report(config: &Config) -> Option<(Period, PathBuf, ReportFront)> {
    let mut latest: Option<(Period, PathBuf, ReportFront)> = None;
    for p in sources(config, Kind::Report) {
        if let Some(f) = front::<ReportFront>(&p)
            && latest
                .as_ref()
                .is_none_or(|(lp, _, _)| f.period.value > *lp)
        {
            latest = Some((f.period.value, p, f));
        }
    }
    latest
}

/// A new report's sections, in the source and its translation into `lang`: a new
/// report usually has the sections of the last one, so it starts from them.
fn report_sections(config: &Config, lang: usize, source: &mut String, translation: &mut String) {
    let name = &config.languages[lang].name;
    match &latest_report(config) {
        Some((_, path, f)) if !f.sections.is_empty() => {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let _ = writeln!(
                source,
                "sections:                 # as in {name}: check them"
            );
            for s in &f.sections {
                let _ = writeln!(source, "  - title: {}", q(&s.title));
                let ids: Vec<&str> = s.indicators.iter().map(|id| id.value.as_str()).collect();
                let _ = writeln!(source, "    indicators: [{}]", ids.join(", "));
            }
            // The translated section titles of that report, when there are some.
            translation
                .push_str("sections:                 # the same sections, in the same order\n");
            let code = &config.languages[lang].code;
            let words = front::<ReportWords>(&translation_path(path, code));
            for (i, s) in f.sections.iter().enumerate() {
                let title = words
                    .as_ref()
                    .and_then(|w| w.sections.get(i))
                    .map(|w| w.title.value.clone())
                    .unwrap_or_else(|| format!("TODO: {} (in {name})", s.title));
                let _ = writeln!(translation, "  - title: {}", q(&title));
            }
        }
        _ => {
            source.push_str(
                "sections:\n  - title: \"TODO: the section's title\"\n    indicators: []      # indicator ids (file names in content/indicators/), e.g. [fam-kpi-01, fam-kpi-02]\n",
            );
            let _ = write!(
                translation,
                "sections:\n  - title: \"TODO: the section's title in {name}\"\n"
            );
        }
    }
}

fn target_year(config: &Config, name: &str, year: Period) -> (String, String) {
    let mut ids = Vec::new();
    for p in sources(config, Kind::Indicator) {
        if let Some(f) = front::<IndicatorFront>(&p)
            && f.targets.contains_key(&year)
        {
            ids.push(
                p.file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string(),
            );
        }
    }
    let mut source = String::new();
    let _ = writeln!(source, "---\nyear: {year}");
    let _ = writeln!(
        source,
        "title: {}",
        q(&format!(
            "TODO: the page's title, e.g. Rationale for {year} Performance Indicator Targets"
        ))
    );
    let _ = writeln!(
        source,
        "# The table's rows, in order: every indicator with a target for {year} (under its\n# `targets`), each with its rationale (under its `rationale`)."
    );
    let _ = writeln!(source, "indicators: [{}]", ids.join(", "));
    source.push_str("---\nTODO: an introduction to the targets (Markdown), or delete this line.\n");
    let translation = format!(
        "---\ntitle: \"TODO: the page's title in {name}\"\n---\nTODO: the introduction in {name}, or delete this line.\n"
    );
    (source, translation)
}

/// Writes the new file and its translation stubs. Returns the files written; writes
/// nothing if any of them exists.
pub fn create(config: &Config, what: &New) -> Result<Vec<PathBuf>, String> {
    // The source file, and the stub for each language (the default's is unused).
    let make = |lang: usize| -> (String, String) {
        let name = &config.languages[lang].name;
        match what {
            New::Indicator(_) => indicator(name),
            New::Report(p) => report(config, lang, *p),
            New::TargetYear(y) => target_year(config, name, *y),
        }
    };
    let (kind, slug) = kind_and_slug(what)?;
    let folder = kind.folder();
    let rel = Path::new(CONTENT_DIR)
        .join(folder)
        .join(format!("{slug}.md"));
    let mut files = vec![(rel.clone(), make(config.default).0)];
    for (i, l) in config.languages.iter().enumerate() {
        if i != config.default {
            files.push((translation_path(&rel, &l.code), make(i).1));
        }
    }
    for (path, _) in &files {
        if config.root.join(path).exists() {
            return Err(format!(
                "{} already exists: dangos new never overwrites a file",
                path.display()
            ));
        }
    }
    std::fs::create_dir_all(config.root.join(CONTENT_DIR).join(folder))
        .map_err(|e| format!("{CONTENT_DIR}/{folder}: {e}"))?;
    let mut written = Vec::new();
    for (path, text) in &files {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(config.root.join(path))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        f.write_all(text.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path.clone());
    }
    Ok(written)
}

/// What kind of file `what` makes, and its slug; an error for an id or year that
/// cannot be one.
fn kind_and_slug(what: &New) -> Result<(Kind, String), String> {
    match what {
        New::Indicator(id) => {
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(format!(
                    "`{id}` cannot be an indicator id: use lowercase letters, digits and hyphens, e.g. fam-kpi-04"
                ));
            }
            Ok((Kind::Indicator, id.clone()))
        }
        New::Report(p) => Ok((Kind::Report, p.slug())),
        New::TargetYear(y) => {
            if y.quarter.is_some() {
                return Err(format!(
                    "a target year is a financial year, such as {}, not a quarter",
                    y.year_label()
                ));
            }
            Ok((Kind::TargetYear, y.slug()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_keys;
    use crate::import::front_matter_edit::KEY_ORDER;

    #[test]
    fn a_new_indicator_s_keys_are_in_the_order_import_inserts_them() {
        let (source, translation) = indicator("Cymraeg");
        for text in [source, translation] {
            let ranks: Vec<usize> = front_keys(&text)
                .iter()
                .map(|k| {
                    KEY_ORDER
                        .iter()
                        .position(|o| *o == k.value)
                        .unwrap_or_else(|| panic!("`{}` is not in KEY_ORDER", k.value))
                })
                .collect();
            assert!(ranks.len() >= 3 && ranks.is_sorted(), "{ranks:?}\n{text}");
        }
    }
}
