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

use crate::config::Config;
use crate::content::{CONTENT_DIR, FrontMatter, Kind, front_keys, is_editor_litter, split};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The front-matter key a translation records its source's hash under.
pub const KEY: &str = "translated_from";

/// Front-matter keys that are figures or structure: not words, so not hashed.
fn figure_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Indicator => &[
            "code",
            "unit",
            "direction",
            "decimals",
            "values",
            "targets",
            "draft",
        ],
        Kind::Report => &["period", "draft", "indicators"],
        Kind::TargetYear => &["year", "indicators", "draft"],
        Kind::Home | Kind::Page => &["draft"],
    }
}

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

/// The front matter of `text` as a JSON value.
fn front_json(text: &str) -> Result<(Json, String), String> {
    let (fm, _, body) = split(text)?;
    let value: Json = match fm {
        FrontMatter::Yaml(s) if s.trim().is_empty() => Json::Object(Default::default()),
        FrontMatter::Yaml(s) => serde_saphyr::from_str(s).map_err(|e| e.to_string())?,
        FrontMatter::Toml(s) => toml::from_str(s).map_err(|e| e.to_string())?,
    };
    Ok((value, body.to_string()))
}

/// Writes `v` with object keys sorted, so the hash does not depend on key order.
fn canonical(v: &Json, out: &mut String) {
    match v {
        Json::Object(map) => {
            let sorted: BTreeMap<&String, &Json> = map.iter().collect();
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Json::String(k.clone()).to_string());
                out.push(':');
                canonical(v, out);
            }
            out.push('}');
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// 64-bit FNV-1a: tiny, stable across versions and platforms, and plenty to tell
/// one version of a text from another (this is not a security check).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hash of the words of a default-language file of `kind`: 12 hex digits.
pub fn words_hash(kind: Kind, text: &str) -> Result<String, String> {
    let (mut front, body) = front_json(text)?;
    if let Json::Object(map) = &mut front {
        for key in figure_keys(kind) {
            map.remove(*key);
        }
        map.remove(KEY);
        if let Some(Json::Array(sections)) = map.get_mut("sections") {
            for s in sections {
                if let Json::Object(s) = s {
                    s.remove("indicators");
                }
            }
        }
    }
    let mut words = String::new();
    canonical(&front, &mut words);
    words.push_str("\n---\n");
    let body = body.replace("\r\n", "\n");
    for line in body.trim().lines() {
        words.push_str(line.trim_end());
        words.push('\n');
    }
    Ok(format!("{:012x}", fnv1a(words.as_bytes()) >> 16))
}

/// The hash a translation records, and the line it is on.
pub fn recorded_hash(text: &str) -> Option<(String, Option<usize>)> {
    let (fm, _, _) = split(text).ok()?;
    let (FrontMatter::Yaml(front) | FrontMatter::Toml(front)) = fm;
    if !front.contains(KEY) {
        return None;
    }
    let found = front_keys(text)
        .into_iter()
        .find(|k| k.value == KEY)
        .map(|k| (k.pos.line, k.pos.column))
        .filter(|(line, _)| *line > 0)
        // An unquoted hash YAML reads as a number too big for one (`1e1118093217`)
        // leaves the parser without the keys: then the key is found as written.
        .or_else(|| crate::diagnostics::find_line(text, KEY));
    let quoted = front_json(text)
        .ok()
        .and_then(|(f, _)| Some(f.get(KEY)?.as_str()?.trim().to_string()));
    let hash = match quoted {
        Some(h) => h,
        // Unquoted, a hash of digits (`123456789012`) or one like `1e1118093217` reads
        // as a number in YAML (or fails to): take it as written.
        None => {
            let (line, _) = found?;
            let raw = text.lines().nth(line - 1)?;
            let (_, value) = raw.split_once([':', '='])?;
            value.trim().trim_matches(['"', '\'']).to_string()
        }
    };
    Some((hash, found.map(|(l, _)| l)))
}

/// Sets (or replaces) the `translated_from` line of a translation's front matter,
/// keeping everything else, line endings included, as it was.
pub fn set_recorded_hash(text: &str, hash: &str) -> Result<String, String> {
    let (fm, _, _) = split(text)?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = match fm {
        // Quoted: an unquoted hash of digits, or like `1e11`, would read as a number.
        FrontMatter::Yaml(_) => format!("{KEY}: \"{hash}\""),
        FrontMatter::Toml(_) => format!("{KEY} = \"{hash}\""),
    };
    let fence = match fm {
        FrontMatter::Yaml(_) => "---",
        FrontMatter::Toml(_) => "+++",
    };
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let mut lines = text.split_inclusive('\n');
    // The opening fence (after any byte-order mark), then the new line straight after
    // it: in TOML, keys after a [table] header would belong to the table.
    let first = lines.next().unwrap_or_default();
    out.push_str(first);
    out.push_str(&line);
    out.push_str(nl);
    let mut in_front = true;
    for l in lines {
        let trimmed = l.trim_end();
        if in_front && trimmed == fence {
            in_front = false;
        } else if in_front {
            let key = trimmed.split([':', '=']).next().unwrap_or("").trim();
            if key == KEY || key == format!("\"{KEY}\"") {
                continue; // the old record
            }
        }
        out.push_str(l);
    }
    Ok(out)
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

/// The kind of a content file, from its folder (as `content::load` decides it).
fn kind_of(rel: &Path) -> Option<Kind> {
    let parts: Vec<String> = rel
        .parent()?
        .iter()
        .map(|c| c.to_string_lossy().to_string())
        .collect();
    let name = rel.file_name()?.to_string_lossy();
    match parts.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] if name.split('.').next() == Some("index") => Some(Kind::Home),
        ["indicators"] => Some(Kind::Indicator),
        ["reports"] => Some(Kind::Report),
        ["targets"] => Some(Kind::TargetYear),
        ["pages"] => Some(Kind::Page),
        _ => None,
    }
}

/// The default-language files of `content/`, with their kinds, sorted.
pub fn sources(config: &Config) -> Vec<(Kind, PathBuf)> {
    let dir = config.root.join(CONTENT_DIR);
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_litter(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let name = rel.file_name().unwrap_or_default().to_string_lossy();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        if stem.contains('.') {
            continue; // a translation
        }
        if let Some(kind) = kind_of(rel) {
            out.push((kind, Path::new(CONTENT_DIR).join(rel)));
        }
    }
    out
}

/// `content/indicators/x.md` → `content/indicators/x.cy.md`.
pub fn translation_path(source: &Path, code: &str) -> PathBuf {
    let stem = source.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    source.with_file_name(format!("{stem}.{code}.md"))
}

/// Every translation the site should have, and where each stands.
pub fn translations(config: &Config) -> Vec<Translation> {
    let mut out = Vec::new();
    for (kind, source) in sources(config) {
        let Ok(text) = std::fs::read_to_string(config.root.join(&source)) else {
            continue;
        };
        let current = words_hash(kind, &text).ok();
        for (lang, l) in config.languages.iter().enumerate() {
            if lang == config.default {
                continue;
            }
            let path = translation_path(&source, &l.code);
            let (state, line) = match std::fs::read_to_string(config.root.join(&path)) {
                Err(_) => (State::Missing, None),
                Ok(t) => match (recorded_hash(&t), &current) {
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
    // A relative path is taken from the current folder, or else from the site root
    // (`dangos translated --root site content/x.cy.md`).
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
    let kind = kind_of(rel).ok_or_else(|| {
        format!(
            "{} is not a content file dangos knows (indicators/, reports/, targets/, pages/ or index.md)",
            file.display()
        )
    })?;
    let name = rel.file_name().unwrap_or_default().to_string_lossy();
    let stem = name
        .strip_suffix(".md")
        .ok_or_else(|| format!("{} is not a .md file", file.display()))?;
    let rel = Path::new(CONTENT_DIR).join(rel);
    let (source, targets): (PathBuf, Vec<PathBuf>) = match stem.rsplit_once('.') {
        Some((slug, code)) => {
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
            (rel.with_file_name(format!("{slug}.md")), vec![rel.clone()])
        }
        None => {
            let targets: Vec<PathBuf> = config
                .languages
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != config.default)
                .map(|(_, l)| translation_path(&rel, &l.code))
                .filter(|p| config.root.join(p).is_file())
                .collect();
            if targets.is_empty() {
                return Err(format!("{} has no translation yet", rel.display()));
            }
            (rel.clone(), targets)
        }
    };
    let source_text = std::fs::read_to_string(config.root.join(&source))
        .map_err(|e| format!("{}: {e}", source.display()))?;
    let hash = words_hash(kind, &source_text).map_err(|e| format!("{}: {e}", source.display()))?;
    let mut done = Vec::new();
    for t in targets {
        let path = config.root.join(&t);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", t.display()))?;
        let new = set_recorded_hash(&text, &hash).map_err(|e| format!("{}: {e}", t.display()))?;
        if new != text {
            let tmp = path.with_extension("md.dangos-tmp");
            std::fs::write(&tmp, &new).map_err(|e| format!("{}: {e}", tmp.display()))?;
            std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", t.display()))?;
        }
        done.push((t, hash.clone()));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_that_read_as_numbers_are_kept_as_written() {
        for hash in ["1e1118093217", "123456789012", "0x12ab34cd56"] {
            let text = set_recorded_hash("---\ntitle: Helo\n---\nCorff.\n", hash).unwrap();
            assert_eq!(
                recorded_hash(&text),
                Some((hash.to_string(), Some(2))),
                "{text}"
            );
            let by_hand = format!("---\ntranslated_from: {hash}\ntitle: Helo\n---\n");
            assert_eq!(recorded_hash(&by_hand), Some((hash.to_string(), Some(2))));
        }
    }

    const YAML: &str = "---\ntitle: Hello\nunit: count\nvalues:\n  2019-20 Q2: 3\ncommentary:\n  2019-20 Q2: Up.\n---\nBody text.\n";

    #[test]
    fn the_hash_follows_words_not_figures_or_format() {
        let h = words_hash(Kind::Indicator, YAML).unwrap();
        assert_eq!(h.len(), 12);
        let figures = YAML.replace("2019-20 Q2: 3", "2019-20 Q2: 4");
        assert_eq!(words_hash(Kind::Indicator, &figures).unwrap(), h);
        let toml = "+++\ntitle = \"Hello\"\nunit = \"count\"\n[commentary]\n\"2019-20 Q2\" = \"Up.\"\n+++\nBody text.   \r\n";
        assert_eq!(words_hash(Kind::Indicator, toml).unwrap(), h);
        let words = YAML.replace("Up.", "Down.");
        assert_ne!(words_hash(Kind::Indicator, &words).unwrap(), h);
        let body = YAML.replace("Body text.", "Other text.");
        assert_ne!(words_hash(Kind::Indicator, &body).unwrap(), h);
    }

    #[test]
    fn a_section_s_indicators_are_structure() {
        let a = "---\nperiod: 2019-20 Q2\ntitle: R\nsections:\n  - title: S\n    indicators: [a]\n---\n";
        let b = a.replace("[a]", "[a, b]");
        assert_eq!(
            words_hash(Kind::Report, a).unwrap(),
            words_hash(Kind::Report, &b).unwrap()
        );
    }

    #[test]
    fn recording_adds_or_replaces_one_line() {
        let t = "---\ntitle: Helo\n---\nCorff.\n";
        let once = set_recorded_hash(t, "abc").unwrap();
        assert_eq!(
            once,
            "---\ntranslated_from: \"abc\"\ntitle: Helo\n---\nCorff.\n"
        );
        assert_eq!(recorded_hash(&once), Some(("abc".to_string(), Some(2))));
        let twice = set_recorded_hash(&once, "def").unwrap();
        assert_eq!(
            twice,
            "---\ntranslated_from: \"def\"\ntitle: Helo\n---\nCorff.\n"
        );
        let toml = "+++\r\ntitle = \"Helo\"\r\n[commentary]\r\n+++\r\n";
        let t = set_recorded_hash(toml, "abc").unwrap();
        assert_eq!(
            t,
            "+++\r\ntranslated_from = \"abc\"\r\ntitle = \"Helo\"\r\n[commentary]\r\n+++\r\n"
        );
        assert_eq!(recorded_hash(&t).unwrap().0, "abc");
    }
}
