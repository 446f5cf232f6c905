//! What the translator needs to know: which translations exist, which are missing,
//! and which were made from an earlier version of their source.
//!
//! A translation records what it was translated from in its front matter:
//! `translated_from: 3f2a9c41d07b` (YAML) or `translated_from = "3f2a9c41d07b"` (TOML).
//! The value is a short hash of the source file's *words*: every front-matter field
//! except the figures and structure (values, targets, unit, period, a section's
//! indicators...), plus the Markdown body. Changing a figure, reformatting the YAML or
//! switching it to TOML leaves the hash alone; changing a word changes it. `dangos
//! translated FILE` writes the current hash; `dangos check` reports a translation whose
//! recorded hash differs from its source's current one as stale.

mod hash;

pub use hash::{recorded_hash, set_recorded_hash, words_hash};

use crate::config::Config;
use crate::content::{CONTENT_DIR, Kind, slug_and_code, source_path, sources, translation_path};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A plural, human name for a kind, for summaries.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home page",
        Kind::Indicator => "indicators",
        Kind::Report => "reports",
        Kind::TargetYear => "target years",
        Kind::Page => "pages",
    }
}

/// Where one content item stands in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Translated from the source as it is now.
    UpToDate,
    /// Translated from an earlier version of the source.
    Stale {
        /// The hash the translation records.
        recorded: String,
        /// The source's hash now.
        current: String,
    },
    /// The translation exists but does not say what it was translated from.
    Unrecorded,
    /// There is no translation file.
    Missing,
}

/// One translation (or missing translation) of one content file.
#[derive(Debug, Clone)]
pub struct Translation {
    /// What kind of content.
    pub kind: Kind,
    /// The default-language file, relative to the site root.
    pub source: PathBuf,
    /// The translation's file (which may not exist), relative to the site root.
    pub path: PathBuf,
    /// Index into `Config::languages`.
    pub lang: usize,
    /// Where it stands.
    pub state: State,
    /// The line of its `translated_from`, when it has one.
    pub line: Option<usize>,
}

/// Every translation the site should have, and where each stands.
pub fn translations(config: &Config) -> Vec<Translation> {
    translations_in(config, |path| {
        std::fs::read_to_string(config.root.join(path))
            .ok()
            .map(Cow::Owned)
    })
}

/// Like [`translations`], with the files' texts from `read` (given a path relative to
/// the site root): `check` gives those it has loaded already.
pub(crate) fn translations_in<'a>(
    config: &Config,
    read: impl Fn(&Path) -> Option<Cow<'a, str>>,
) -> Vec<Translation> {
    let mut out = Vec::new();
    for (kind, source) in sources(config) {
        let Some(text) = read(&source) else {
            continue;
        };
        let current = words_hash(kind, &text).ok();
        for (lang, l) in config.languages.iter().enumerate() {
            if lang == config.default {
                continue;
            }
            let path = translation_path(&source, &l.code);
            let (state, line) = match read(&path) {
                None => (State::Missing, None),
                Some(t) => match (recorded_hash(&t), &current) {
                    (None, _) => (State::Unrecorded, None),
                    (Some((recorded, line)), Some(current)) if &recorded != current => (
                        State::Stale {
                            recorded,
                            current: current.clone(),
                        },
                        line,
                    ),
                    (Some((_, line)), _) => (State::UpToDate, line),
                },
            };
            out.push(Translation {
                kind,
                source: source.clone(),
                path,
                lang,
                state,
                line,
            });
        }
    }
    out
}

/// Counts per language and kind: the size of the translator's job.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Content files of this kind.
    pub total: usize,
    /// Translated from the source as it is now.
    pub up_to_date: usize,
    /// Translated from an earlier version.
    pub stale: usize,
    /// Translated, but not recorded from what (run `dangos translated`).
    pub unrecorded: usize,
    /// Not translated at all.
    pub missing: usize,
}

/// The translation summary: for each non-default language, counts per kind.
pub fn summary(config: &Config, all: &[Translation]) -> Vec<(usize, Vec<(Kind, Counts)>)> {
    let mut out = Vec::new();
    for lang in (0..config.languages.len()).filter(|&l| l != config.default) {
        let mut by_kind: BTreeMap<Kind, Counts> = BTreeMap::new();
        for t in all.iter().filter(|t| t.lang == lang) {
            let c = by_kind.entry(t.kind).or_default();
            c.total += 1;
            match t.state {
                State::UpToDate => c.up_to_date += 1,
                State::Stale { .. } => c.stale += 1,
                State::Unrecorded => c.unrecorded += 1,
                State::Missing => c.missing += 1,
            }
        }
        out.push((lang, by_kind.into_iter().collect()));
    }
    out
}

/// The summary as text, one table per language.
pub fn summary_text(config: &Config, all: &[Translation]) -> String {
    let mut out = String::new();
    for (lang, rows) in summary(config, all) {
        let l = &config.languages[lang];
        let _ = writeln!(out, "Translations into {} ({}):", l.name, l.code);
        let _ = writeln!(
            out,
            "  {:<14}{:>7}{:>12}{:>8}{:>14}{:>9}",
            "", "files", "up to date", "stale", "not recorded", "missing"
        );
        let mut total = Counts::default();
        for (kind, c) in rows {
            let _ = writeln!(
                out,
                "  {:<14}{:>7}{:>12}{:>8}{:>14}{:>9}",
                kind_name(kind),
                c.total,
                c.up_to_date,
                c.stale,
                c.unrecorded,
                c.missing
            );
            total.total += c.total;
            total.up_to_date += c.up_to_date;
            total.stale += c.stale;
            total.unrecorded += c.unrecorded;
            total.missing += c.missing;
        }
        let _ = writeln!(
            out,
            "  {:<14}{:>7}{:>12}{:>8}{:>14}{:>9}",
            "all", total.total, total.up_to_date, total.stale, total.unrecorded, total.missing
        );
    }
    out
}

/// `dangos status`: the summary, then the files that need the translator.
pub fn status_text(config: &Config, all: &[Translation]) -> String {
    let mut out = summary_text(config, all);
    let list = |out: &mut String, title: &str, pick: &dyn Fn(&State) -> bool| {
        let files: Vec<&Translation> = all.iter().filter(|t| pick(&t.state)).collect();
        if !files.is_empty() {
            let _ = writeln!(out, "\n{title}:");
            for t in files {
                let _ = writeln!(out, "  {}", t.path.display());
            }
        }
    };
    list(
        &mut out,
        "Missing (create them with the source's words translated)",
        &|s| *s == State::Missing,
    );
    list(
        &mut out,
        "Stale (the source's words changed since; update, then run `dangos translated FILE`)",
        &|s| matches!(s, State::Stale { .. }),
    );
    list(
        &mut out,
        "Not recorded (check each against its source, then run `dangos translated FILE`)",
        &|s| *s == State::Unrecorded,
    );
    out
}

/// `dangos status --format json`: `{"languages": [{"code", "name", "kinds": [{"kind",
/// "total", "up_to_date", "stale", "unrecorded", "missing"}]}], "files": [{"file",
/// "source", "language", "kind", "state"}]}`.
pub fn status_json(config: &Config, all: &[Translation]) -> String {
    let languages: Vec<Json> = summary(config, all)
        .into_iter()
        .map(|(lang, rows)| {
            let kinds: Vec<Json> = rows
                .into_iter()
                .map(|(kind, c)| {
                    let mut v = serde_json::to_value(c).unwrap_or_default();
                    v["kind"] = Json::from(kind_name(kind));
                    v
                })
                .collect();
            serde_json::json!({
                "code": config.languages[lang].code,
                "name": config.languages[lang].name,
                "kinds": kinds,
            })
        })
        .collect();
    let files: Vec<Json> = all
        .iter()
        .map(|t| {
            serde_json::json!({
                "file": t.path.to_string_lossy().replace('\\', "/"),
                "source": t.source.to_string_lossy().replace('\\', "/"),
                "language": config.languages[t.lang].code,
                "kind": kind_name(t.kind),
                "state": match t.state {
                    State::UpToDate => "up-to-date",
                    State::Stale { .. } => "stale",
                    State::Unrecorded => "unrecorded",
                    State::Missing => "missing",
                },
            })
        })
        .collect();
    let v = serde_json::json!({ "languages": languages, "files": files });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// `dangos translated FILE`: records in a translation (or, given a source file, in
/// each of its translations) that it now matches its source's words. Returns each
/// file written and the hash recorded.
pub fn mark_translated(config: &Config, file: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let (kind, rel) = content_file(config, file)?;
    let name = rel.file_name().unwrap_or_default().to_string_lossy();
    let (slug, code) =
        slug_and_code(&name).ok_or_else(|| format!("{} is not a .md file", file.display()))?;
    let (source, targets): (PathBuf, Vec<PathBuf>) = match code {
        Some(code) => {
            let lang = config.language_index(code).ok_or_else(|| {
                format!(
                    "`{code}` in {} is not one of the site's languages",
                    file.display()
                )
            })?;
            if lang == config.default {
                return Err(format!(
                    "{} is in the default language: name its translation, e.g. {slug}.cy.md",
                    file.display()
                ));
            }
            (source_path(&rel), vec![rel.clone()])
        }
        None => (rel.clone(), existing_translations(config, &rel)?),
    };
    let source_text = std::fs::read_to_string(config.root.join(&source))
        .map_err(|e| format!("{}: {e}", source.display()))?;
    let hash = words_hash(kind, &source_text).map_err(|e| format!("{}: {e}", source.display()))?;
    let mut done = Vec::new();
    for t in targets {
        record_hash(config, &t, &hash)?;
        done.push((t, hash.clone()));
    }
    Ok(done)
}

/// The kind of the content file `file` names, and its path relative to the site
/// root. A relative path is taken from the current folder, or else from the site
/// root (`dangos translated --root site content/x.cy.md`).
fn content_file(config: &Config, file: &Path) -> Result<(Kind, PathBuf), String> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        let here = std::env::current_dir()
            .map_err(|e| e.to_string())?
            .join(file);
        if here.exists() {
            here
        } else {
            config.root.join(file)
        }
    };
    let abs = abs
        .canonicalize()
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let content = config
        .root
        .join(CONTENT_DIR)
        .canonicalize()
        .map_err(|e| format!("{CONTENT_DIR}: {e}"))?;
    let rel = abs.strip_prefix(&content).map_err(|_| {
        format!(
            "{} is not in the site's content folder ({})",
            file.display(),
            content.display()
        )
    })?;
    let kind = Kind::from_path(rel).ok_or_else(|| {
        format!(
            "{} is not a content file dangos knows (indicators/, reports/, targets/, pages/ or index.md)",
            file.display()
        )
    })?;
    Ok((kind, Path::new(CONTENT_DIR).join(rel)))
}

/// The translations of the default-language file `rel` that exist; an error if none.
fn existing_translations(config: &Config, rel: &Path) -> Result<Vec<PathBuf>, String> {
    let targets: Vec<PathBuf> = config
        .languages
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != config.default)
        .map(|(_, l)| translation_path(rel, &l.code))
        .filter(|p| config.root.join(p).is_file())
        .collect();
    if targets.is_empty() {
        return Err(format!("{} has no translation yet", rel.display()));
    }
    Ok(targets)
}

/// Writes `hash` as what the translation `t` was made from, replacing the file
/// whole (written beside it, then renamed), and only if it changes.
fn record_hash(config: &Config, t: &Path, hash: &str) -> Result<(), String> {
    let path = config.root.join(t);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", t.display()))?;
    let new = set_recorded_hash(&text, hash).map_err(|e| format!("{}: {e}", t.display()))?;
    if new != text {
        let tmp = path.with_extension("md.dangos-tmp");
        std::fs::write(&tmp, &new).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", t.display()))?;
    }
    Ok(())
}
