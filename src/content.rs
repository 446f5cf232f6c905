//! Loading: walks `content/`, splits each file's front matter from its Markdown body,
//! parses the front matter into the raw shapes below, and pairs each default-language
//! file with its translations. Nothing here knows about other files' contents: cross
//! references are resolved in `model`.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::period::Period;
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The folder of content, inside the site root.
pub const CONTENT_DIR: &str = "content";

/// What a content file is, told by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `content/index.md`: the home page's introduction.
    Home,
    /// `content/indicators/ID.md`.
    Indicator,
    /// `content/reports/SLUG.md`.
    Report,
    /// `content/targets/YEAR.md`.
    TargetYear,
    /// `content/pages/SLUG.md`.
    Page,
}

impl Kind {
    /// Front-matter keys that are figures or structure, so belong only in the
    /// default-language file.
    fn figure_keys(self) -> &'static [&'static str] {
        match self {
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
}

/// One file as read: its path (relative to the site root), text, and where its
/// front matter starts, so parse errors can point at the right line.
#[derive(Debug, Clone)]
pub struct Source {
    /// Relative to the site root, e.g. `content/indicators/fam-kpi-01.cy.md`.
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
    /// The Markdown after the front matter.
    pub body: String,
}

/// A parsed file: its source and its front matter.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// Where it came from.
    pub source: Source,
    /// The front matter.
    pub front: T,
}

/// A value for one period: a number, or a numerator and denominator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawValue {
    /// A plain figure: 1754, 76.1, 184.
    Number(f64),
    /// "3 of 82".
    Fraction {
        /// The part.
        numerator: f64,
        /// The whole.
        denominator: f64,
    },
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number such as 76.1, or a numerator and denominator such as { numerator: 3, denominator: 82 }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let (mut numerator, mut denominator) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "numerator" => numerator = Some(map.next_value::<f64>()?),
                        "denominator" => denominator = Some(map.next_value::<f64>()?),
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["numerator", "denominator"],
                            ));
                        }
                    }
                }
                Ok(RawValue::Fraction {
                    numerator: numerator.ok_or_else(|| de::Error::missing_field("numerator"))?,
                    denominator: denominator
                        .ok_or_else(|| de::Error::missing_field("denominator"))?,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A target for one financial year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawTarget {
    /// The value to reach.
    Value(f64),
    /// "Target setting not appropriate".
    NotAppropriate,
}

impl<'de> Deserialize<'de> for RawTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawTarget;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number such as 94.0, or `not-appropriate`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTarget, E> {
                Ok(RawTarget::Value(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTarget, E> {
                Ok(RawTarget::Value(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTarget, E> {
                Ok(RawTarget::Value(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTarget, E> {
                match v {
                    "not-appropriate" => Ok(RawTarget::NotAppropriate),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// What is being measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Unit {
    /// A number of people, events...
    Count,
    /// A percentage (values are 0 to 100).
    Percent,
    /// A number of days.
    Days,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Direction {
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
    /// Neither (a measure of demand, say).
    None,
}

impl TryFrom<String> for Unit {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "count" => Ok(Unit::Count),
            "percent" => Ok(Unit::Percent),
            "days" => Ok(Unit::Days),
            _ => Err(format!(
                "`{s}` is not a unit: expected `count`, `percent` or `days`"
            )),
        }
    }
}

impl TryFrom<String> for Direction {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "higher" => Ok(Direction::Higher),
            "lower" => Ok(Direction::Lower),
            "none" => Ok(Direction::None),
            _ => Err(format!(
                "`{s}` is not a direction: expected `higher` (higher is better), `lower` or `none`"
            )),
        }
    }
}

/// An indicator's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFront {
    /// Words: the indicator's name.
    pub title: String,
    /// The official reference, e.g. `FAM KPI 01`.
    pub code: Option<String>,
    /// What is measured.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// Decimal places shown.
    pub decimals: Option<u8>,
    /// Values per period.
    #[serde(default)]
    pub values: BTreeMap<Period, RawValue>,
    /// Targets per financial year.
    #[serde(default)]
    pub targets: BTreeMap<Period, RawTarget>,
    /// Words: commentary per period.
    #[serde(default)]
    pub commentary: BTreeMap<Period, String>,
    /// Words: why each year's target was set there.
    #[serde(default)]
    pub rationale: BTreeMap<Period, String>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// An indicator's translation: words only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorWords {
    /// The indicator's name.
    pub title: String,
    /// Commentary per period.
    #[serde(default)]
    pub commentary: BTreeMap<Period, String>,
    /// Rationale per target year.
    #[serde(default)]
    pub rationale: BTreeMap<Period, String>,
    /// A short hash of the source file's words when this translation was made (written
    /// by `dangos translated`); `dangos check` reports the translation as stale when
    /// the source's words no longer hash to it.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// A report's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    /// The period reported on.
    pub period: Period,
    /// Words.
    pub title: String,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Words: key messages.
    #[serde(default)]
    pub good_news: Vec<String>,
    /// Words: key messages.
    #[serde(default)]
    pub issues_to_monitor: Vec<String>,
    /// Groups of indicators.
    #[serde(default)]
    pub sections: Vec<SectionFront>,
}

/// A section of a report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    /// Words.
    pub title: String,
    /// Words: Markdown shown above the section's indicators.
    pub summary: Option<String>,
    /// Indicator ids, in order.
    #[serde(default)]
    pub indicators: Vec<String>,
}

/// A report's translation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportWords {
    /// Title.
    pub title: String,
    /// Key messages.
    #[serde(default)]
    pub good_news: Vec<String>,
    /// Key messages.
    #[serde(default)]
    pub issues_to_monitor: Vec<String>,
    /// Section words, in the same order as the source's sections.
    #[serde(default)]
    pub sections: Vec<SectionWords>,
    /// A short hash of the source file's words when this translation was made (written
    /// by `dangos translated`); `dangos check` reports the translation as stale when
    /// the source's words no longer hash to it.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// A section's translation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionWords {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: Option<String>,
}

/// A target year's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetYearFront {
    /// The financial year.
    pub year: Period,
    /// Words.
    pub title: String,
    /// The table's rows, in order.
    pub indicators: Option<Vec<String>>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A page's (or the home page's, or a target year's translation's) words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleWords {
    /// Title.
    pub title: String,
    /// A short hash of the source file's words when this translation was made (written
    /// by `dangos translated`); `dangos check` reports the translation as stale when
    /// the source's words no longer hash to it.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// A plain page's default-language file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Words.
    pub title: String,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A content item in every language: the default-language file and one translation
/// per other language (indexed like `Config::languages`, `None` at the default).
#[derive(Debug, Clone)]
pub struct Localised<F, W> {
    /// The slug: file name without `.md`.
    pub slug: String,
    /// The default-language file.
    pub source: Parsed<F>,
    /// Translations, by language index; `None` at the default language's index.
    pub translations: Vec<Option<Parsed<W>>>,
}

/// Everything in `content/`, parsed and paired, not yet cross-checked. Items are
/// shared with the parse cache of `serve` and `watch`.
#[derive(Debug, Default)]
pub struct Content {
    /// `index.md`.
    pub home: Option<Arc<Localised<PageFront, TitleWords>>>,
    /// Indicators, by slug.
    pub indicators: Vec<Arc<Localised<IndicatorFront, IndicatorWords>>>,
    /// Reports.
    pub reports: Vec<Arc<Localised<ReportFront, ReportWords>>>,
    /// Target years.
    pub target_years: Vec<Arc<Localised<TargetYearFront, TitleWords>>>,
    /// Plain pages.
    pub pages: Vec<Arc<Localised<PageFront, TitleWords>>>,
    /// Items that exist but could not be read (their errors are reported): the
    /// model does not also report references to them as unknown.
    pub broken: std::collections::BTreeSet<(Kind, String)>,
}

/// Front matter as found at the top of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatter<'a> {
    /// Between `---` lines.
    Yaml(&'a str),
    /// Between `+++` lines.
    Toml(&'a str),
}

/// Splits a file into front matter, the line the front matter starts on (1-based),
/// and the body. Accepts a byte-order mark and CRLF line endings.
pub fn split(text: &str) -> Result<(FrontMatter<'_>, usize, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let fence = text[..first_end].trim_end();
    if fence != "---" && fence != "+++" {
        return Err(
            "expected front matter: the first line must be `---` (YAML) or `+++` (TOML)"
                .to_string(),
        );
    }
    let rest = &text[first_end..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let fm = if fence == "---" {
                FrontMatter::Yaml(front)
            } else {
                FrontMatter::Toml(front)
            };
            return Ok((fm, 2, body));
        }
        offset += line.len();
    }
    Err(format!(
        "the front matter is not closed: add a line `{fence}` after it"
    ))
}

/// Parses front matter into `T`, turning parser errors into diagnostics whose line
/// numbers count from the top of the file.
fn parse_front<T: DeserializeOwned>(
    fm: FrontMatter<'_>,
    first_line: usize,
    file: &Source,
) -> Result<T, Diagnostic> {
    let (result, text) = match fm {
        FrontMatter::Yaml(s) => (
            serde_saphyr::from_str::<T>(s).map_err(|e| {
                let loc = e
                    .location()
                    .map(|l| (l.line() as usize, l.column() as usize));
                (yaml_message(&e.without_snippet().to_string()), loc)
            }),
            s,
        ),
        FrontMatter::Toml(s) => (
            toml::from_str::<T>(s).map_err(|e| {
                let loc = e.span().map(|span| line_col(s, span.start));
                (e.message().trim().to_string(), loc)
            }),
            s,
        ),
    };
    let _ = text;
    result.map_err(|(message, loc)| {
        let d = Diagnostic::in_file(&file.path, message);
        match loc {
            Some((line, col)) if line > 0 => {
                d.at(Some(&file.text), line + first_line - 1, Some(col.max(1)))
            }
            _ => d,
        }
    })
}

/// serde-saphyr puts the location (counted from the top of the front matter, not the
/// file) in its message too; we show our own, so drop it.
fn yaml_message(msg: &str) -> String {
    let mut msg = msg.trim().trim_start_matches("error: ");
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        msg = after;
    }
    if let Some(i) = msg.rfind(" at line ") {
        msg = &msg[..i];
    }
    // Say what to do in the author's terms, not the parser's.
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("`{key}` is given twice: keep one");
    }
    msg.to_string()
}

/// Whether some unindented line of `fm` starts with one of `kind`'s figure keys: a
/// cheap look before parsing the front matter a second time for its keys. (A figure
/// it misses, say in a YAML flow mapping, is still caught, as an unknown field.)
fn may_name_a_figure(fm: FrontMatter<'_>, kind: Kind) -> bool {
    let (FrontMatter::Yaml(text) | FrontMatter::Toml(text)) = fm;
    text.lines()
        .map(|line| line.trim_start_matches(['"', '\'']))
        .any(|line| {
            kind.figure_keys().iter().any(|key| {
                line.strip_prefix(key).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with([':', '='])
                })
            })
        })
}

/// Top-level keys of some front matter, with the line each is on.
fn top_level_keys(fm: FrontMatter<'_>) -> Vec<String> {
    let keys: Option<BTreeMap<String, IgnoredAny>> = match fm {
        FrontMatter::Yaml(s) => serde_saphyr::from_str(s).ok(),
        FrontMatter::Toml(s) => toml::from_str(s).ok(),
    };
    keys.map(|k| k.into_keys().collect()).unwrap_or_default()
}

/// A file found in `content/`, before it is read.
struct Listed {
    kind: Kind,
    slug: String,
    lang: usize,
    /// Relative to the site root.
    path: PathBuf,
    /// Where to read it.
    abs: PathBuf,
    stamp: Stamp,
}

/// A file found in `content/`, read.
struct Found {
    lang: usize,
    source: Source,
}

/// What a file's metadata says of its contents: its length and when it was last
/// written. The same stamp means the same contents only if the file had been left
/// alone for a while before it was read (see [`ParseCache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// How long a file must have been left alone before it was read for its stamp to
/// vouch for its contents: file systems that keep times to the second or two (FAT,
/// some network drives) give a file written twice within that time one stamp. Git
/// calls such files "racily clean" and reads them again; so do we.
const RACY: Duration = Duration::from_secs(3);

/// Reads, splits and pairs every file in `content/`. Problems are collected, not
/// returned at the first.
pub fn load(config: &Config) -> Result<Content, Diagnostics> {
    let (content, diags) = load_all(config);
    diags.into_result(content)
}

/// Like [`load`], but returns what could be read along with the problems, so the
/// model can still check the rest and every problem is reported in one run.
pub fn load_all(config: &Config) -> (Content, Diagnostics) {
    load_all_cached(config, None, &BTreeSet::new())
}

/// What the last load parsed, by group of files, so that a rebuild after one file
/// changed reads and parses only that file's group: `dangos serve` and `watch` keep
/// one. A group is used again only if it has the same files, none of them among
/// the files a watcher saw touched, and each with the stamp it had when read, read
/// at least [`RACY`] after it was last written.
#[derive(Default)]
pub struct ParseCache {
    groups: rustc_hash::FxHashMap<GroupKey, Cached>,
}

struct Cached {
    /// The files the group was parsed from, and their stamps then.
    files: Vec<(PathBuf, Stamp)>,
    /// When they were read.
    read_at: SystemTime,
    item: Group,
    diags: Diagnostics,
}

/// A group of files: a default-language file and its translations.
type GroupKey = (Kind, String);

impl Cached {
    /// Whether `files` are the ones this was parsed from, unchanged since.
    fn still(&self, files: &[Listed], touched: &BTreeSet<PathBuf>) -> bool {
        let settled = |stamp: &Stamp| {
            stamp
                .modified
                .and_then(|m| m.checked_add(RACY))
                .is_some_and(|m| m <= self.read_at)
        };
        self.files.len() == files.len()
            && self.files.iter().zip(files).all(|((path, stamp), f)| {
                *path == f.path && *stamp == f.stamp && settled(stamp) && !touched.contains(path)
            })
    }
}

/// Like [`load_all`], reusing the groups of `cache` whose files did not change, and
/// leaving in it what this load parsed. `touched` are files (relative to the root) a
/// watcher saw change: they are read whatever their stamps say. The configuration
/// must be the one the cache was filled with.
pub fn load_all_cached(
    config: &Config,
    mut cache: Option<&mut ParseCache>,
    touched: &BTreeSet<PathBuf>,
) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::default();
    let listed = walk(config, &mut diags);

    // Group by (kind, slug): the default-language file and its translations.
    let mut groups: BTreeMap<GroupKey, Vec<Listed>> = BTreeMap::new();
    for f in listed {
        groups.entry((f.kind, f.slug.clone())).or_default().push(f);
    }
    for files in groups.values_mut() {
        files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    // What did not change is moved out of the old cache; the rest is read and
    // parsed, in parallel (each group is independent), then gathered in the groups'
    // (sorted) order, so the result does not depend on which thread finished first.
    let mut old = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.groups))
        .unwrap_or_default();
    let todo: Vec<(GroupKey, Result<Cached, Vec<Listed>>)> = groups
        .into_iter()
        .map(|(key, files)| match old.remove(&key) {
            Some(hit) if hit.still(&files, touched) => (key, Ok(hit)),
            _ => (key, Err(files)),
        })
        .collect();
    drop(old);
    let parsed: Vec<(GroupKey, Cached, Diagnostics)> = todo
        .into_par_iter()
        .map(|((kind, slug), todo)| {
            let listed = match todo {
                Ok(hit) => return ((kind, slug), hit, Diagnostics::default()),
                Err(listed) => listed,
            };
            let read_at = SystemTime::now();
            let stamps: Vec<(PathBuf, Stamp)> =
                listed.iter().map(|f| (f.path.clone(), f.stamp)).collect();
            // Problems reading are not kept: the file is read again next time.
            let mut unread = Diagnostics::default();
            let files = read(listed, &mut unread);
            let mut d = Diagnostics::default();
            let item = match kind {
                Kind::Home => Group::Home(pair(config, kind, &slug, files, &mut d)),
                Kind::Indicator => Group::Indicator(pair(config, kind, &slug, files, &mut d)),
                Kind::Report => Group::Report(pair(config, kind, &slug, files, &mut d)),
                Kind::TargetYear => Group::TargetYear(pair(config, kind, &slug, files, &mut d)),
                Kind::Page => Group::Page(pair(config, kind, &slug, files, &mut d)),
            };
            let files = if unread.is_empty() {
                stamps
            } else {
                Vec::new()
            };
            let parsed = Cached {
                files,
                read_at,
                item,
                diags: d,
            };
            ((kind, slug), parsed, unread)
        })
        .collect();
    let mut content = Content::default();
    for ((kind, slug), parsed, unread) in parsed {
        diags.0.extend(unread.0);
        diags.0.extend(parsed.diags.0.iter().cloned());
        // The model shares the items with the cache.
        let read = match &parsed.item {
            Group::Home(home) => {
                content.home = home.clone();
                content.home.is_some()
            }
            Group::Indicator(i) => push(&mut content.indicators, i),
            Group::Report(r) => push(&mut content.reports, r),
            Group::TargetYear(t) => push(&mut content.target_years, t),
            Group::Page(p) => push(&mut content.pages, p),
        };
        if !read {
            content.broken.insert((kind, slug.clone()));
        }
        if let Some(cache) = cache.as_deref_mut()
            && !parsed.files.is_empty()
        {
            cache.groups.insert((kind, slug), parsed);
        }
    }
    (content, diags)
}

/// Reads the files of a group, in parallel; those that cannot be read are reported.
fn read(listed: Vec<Listed>, diags: &mut Diagnostics) -> Vec<Found> {
    let read: Vec<Result<Found, Diagnostic>> = listed
        .into_par_iter()
        .map(|f| match std::fs::read_to_string(&f.abs) {
            Ok(text) => Ok(Found {
                lang: f.lang,
                source: Source {
                    path: f.path,
                    text,
                    body: String::new(),
                },
            }),
            Err(e) => Err(Diagnostic::in_file(&f.path, format!("cannot read: {e}"))
                .help("content files must be UTF-8 text; re-save the file as UTF-8")),
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    files
}

/// One group of files parsed: the item, if it could be read.
enum Group {
    Home(Option<Arc<Localised<PageFront, TitleWords>>>),
    Indicator(Option<Arc<Localised<IndicatorFront, IndicatorWords>>>),
    Report(Option<Arc<Localised<ReportFront, ReportWords>>>),
    TargetYear(Option<Arc<Localised<TargetYearFront, TitleWords>>>),
    Page(Option<Arc<Localised<PageFront, TitleWords>>>),
}

/// Adds an item if it could be read; says whether it could.
fn push<T>(items: &mut Vec<Arc<T>>, item: &Option<Arc<T>>) -> bool {
    items.extend(item.iter().cloned());
    item.is_some()
}

/// Parses one group of files (a default-language file and its translations).
fn pair<F: DeserializeOwned, W: DeserializeOwned>(
    config: &Config,
    kind: Kind,
    slug: &str,
    mut files: Vec<Found>,
    diags: &mut Diagnostics,
) -> Option<Arc<Localised<F, W>>> {
    files.sort_by_key(|f| f.lang);
    let default_lang = &config.default_language().code;
    let Some(source_idx) = files.iter().position(|f| f.lang == config.default) else {
        let t = &files[0].source.path;
        let expected = source_path_for(t, &config.languages[files[0].lang].code);
        diags.push(
            Diagnostic::in_file(
                t,
                format!(
                    "this translation has no source file: expected {} (in the default language, `{default_lang}`)",
                    expected.display()
                ),
            )
            .help("figures live once, in the default-language file; create it, or rename this file"),
        );
        return None;
    };
    let source_file = files.remove(source_idx);
    let source = parse_file::<F>(source_file.source, diags);

    let mut translations: Vec<Option<Parsed<W>>> =
        (0..config.languages.len()).map(|_| None).collect();
    let mut missing = vec![true; config.languages.len()];
    missing[config.default] = false;
    for f in files {
        missing[f.lang] = false;
        let src = &source.as_ref().map(|s| s.source.path.clone());
        if let Some(t) = parse_translation::<W>(kind, f.source, src.as_deref(), diags) {
            translations[f.lang] = Some(t);
        }
    }
    let source = source?;
    for (lang, is_missing) in missing.iter().enumerate() {
        if *is_missing {
            let code = &config.languages[lang].code;
            let expected = translation_path_for(&source.source.path, code);
            diags.push(
                Diagnostic::in_file(
                    &source.source.path,
                    format!(
                        "no {} translation: expected {}",
                        config.languages[lang].name,
                        expected.display()
                    ),
                )
                .help("every page is published in every language; add the translation file with the same fields, minus the figures"),
            );
        }
    }
    if translations
        .iter()
        .enumerate()
        .any(|(i, t)| i != config.default && t.is_none())
    {
        return None;
    }
    Some(Arc::new(Localised {
        slug: slug.to_string(),
        source,
        translations,
    }))
}

fn parse_file<T: DeserializeOwned>(source: Source, diags: &mut Diagnostics) -> Option<Parsed<T>> {
    let (fm, first_line, body) = match split(&source.text) {
        Ok(s) => s,
        Err(msg) => {
            diags.push(Diagnostic::in_file(&source.path, msg).at(Some(&source.text), 1, Some(1)));
            return None;
        }
    };
    let body = body.to_string();
    match parse_front::<T>(fm, first_line, &source) {
        Ok(front) => Some(Parsed {
            source: Source { body, ..source },
            front,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Parses a translation, first checking that it holds no figures (a clearer error
/// than "unknown field", and one that names the file where the figure belongs).
fn parse_translation<T: DeserializeOwned>(
    kind: Kind,
    source: Source,
    source_path: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Parsed<T>> {
    if let Ok((fm, _, _)) = split(&source.text)
        && may_name_a_figure(fm, kind)
    {
        let figures: Vec<String> = top_level_keys(fm)
            .into_iter()
            .filter(|k| kind.figure_keys().contains(&k.as_str()))
            .collect();
        let origin = source_path
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "the default-language file".to_string());
        for key in &figures {
            diags.push(
                Diagnostic::in_file(
                    &source.path,
                    format!("`{key}` is a figure, and figures live once: it belongs in {origin}, not in this translation"),
                )
                .at_text(&source.text, &format!("{key}:"))
                .help(format!("delete `{key}` here; {origin} holds it for every language")),
            );
        }
        if !figures.is_empty() {
            return None;
        }
    }
    let before = diags.0.len();
    let parsed = parse_file::<T>(source, diags);
    // A figure nested in a translation (a section's `indicators`) shows up as an
    // unknown field: say what it is.
    for d in &mut diags.0[before..] {
        for key in kind.figure_keys() {
            if d.message.contains(&format!("unknown field `{key}`")) {
                let origin = source_path
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                d.message = format!(
                    "`{key}` is a figure, and figures live once: it belongs in {origin}, not in this translation"
                );
            }
        }
    }
    parsed
}

/// `content/indicators/x.cy.md` → `content/indicators/x.md`.
fn source_path_for(translation: &Path, code: &str) -> PathBuf {
    let name = translation
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let stem = name
        .trim_end_matches(".md")
        .trim_end_matches(&format!(".{code}"));
    translation.with_file_name(format!("{stem}.md"))
}

/// `content/indicators/x.md` → `content/indicators/x.cy.md`.
fn translation_path_for(source: &Path, code: &str) -> PathBuf {
    let stem = source.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    source.with_file_name(format!("{stem}.{code}.md"))
}

/// True for files editors leave behind while saving: never content.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Lists the files of `content/`, with their stamps, reading none.
fn walk(config: &Config, diags: &mut Diagnostics) -> Vec<Listed> {
    let dir = config.root.join(CONTENT_DIR);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::in_file(CONTENT_DIR, "there is no content folder")
                .help("create content/ with index.md, indicators/, reports/, targets/ and pages/ (see README)"),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    let before = diags.0.len();
    // Not sorted: the files are grouped into sorted order after, and sorting
    // thousands of names at every rebuild cost more than the rest of the walk.
    let walker = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_litter(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel(config, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                diags.push(Diagnostic::in_file(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = rel(config, entry.path());
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".md") else {
            continue; // images and other files beside content are not pages
        };
        let parts: Vec<String> = path
            .strip_prefix(CONTENT_DIR)
            .unwrap_or(&path)
            .parent()
            .map(|p| p.iter().map(|c| c.to_string_lossy().to_string()).collect())
            .unwrap_or_default();
        let kind = match parts.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            [] if stem.split('.').next() == Some("index") => Kind::Home,
            ["indicators"] => Kind::Indicator,
            ["reports"] => Kind::Report,
            ["targets"] => Kind::TargetYear,
            ["pages"] => Kind::Page,
            _ => {
                diags.push(Diagnostic::in_file(&path, "dangos does not know what kind of content this is").help(
                    "put indicators in content/indicators/, reports in content/reports/, target years in content/targets/ and other pages in content/pages/ (no subfolders); the home page is content/index.md",
                ));
                continue;
            }
        };
        let (slug, lang) = match stem.rsplit_once('.') {
            None => (stem.to_string(), config.default),
            Some((slug, code)) => match config.language_index(code) {
                Some(l) if l != config.default => (slug.to_string(), l),
                Some(_) => {
                    diags.push(
                        Diagnostic::in_file(
                            &path,
                            format!("`.{code}.md` is the default language's own file"),
                        )
                        .help(format!("rename it to {slug}.md")),
                    );
                    continue;
                }
                None => {
                    diags.push(Diagnostic::in_file(
                        &path,
                        format!(
                            "`{code}` is not one of the site's languages ({}), so this file is not a translation",
                            config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ).help("file names are SLUG.md, or SLUG.CODE.md for a translation; slugs use letters, digits and hyphens"));
                    continue;
                }
            },
        };
        if slug.is_empty()
            || !slug
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            diags.push(
                Diagnostic::in_file(&path, format!("`{slug}` cannot be used in a web address"))
                    .help("use lowercase letters, digits and hyphens, e.g. fam-kpi-01.md"),
            );
            continue;
        }
        found.push(Listed {
            kind,
            slug,
            lang,
            path,
            abs: entry.into_path(),
            stamp: Stamp {
                len: 0,
                modified: None,
            },
        });
    }
    // What the walk found wrong, in the same order every time.
    diags.0[before..].sort();
    // A file that cannot be looked at has no stamp, and is always read.
    found.par_iter_mut().for_each(|f| {
        if let Ok(meta) = std::fs::metadata(&f.abs) {
            f.stamp = Stamp {
                len: meta.len(),
                modified: meta.modified().ok(),
            };
        }
    });
    found
}

fn rel(config: &Config, path: &Path) -> PathBuf {
    path.strip_prefix(&config.root)
        .unwrap_or(path)
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_toml() {
        let (fm, line, body) = split("---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(fm, FrontMatter::Yaml("title: x\n"));
        assert_eq!((line, body), (2, "Body\n"));
        let (fm, _, body) = split("\u{feff}+++\r\ntitle = 'x'\r\n+++\r\n").unwrap();
        assert_eq!(fm, FrontMatter::Toml("title = 'x'\r\n"));
        assert_eq!(body, "");
    }

    #[test]
    fn unclosed_or_missing_front_matter_is_an_error() {
        assert!(split("title: x\n").unwrap_err().contains("first line"));
        assert!(split("---\ntitle: x\n").unwrap_err().contains("not closed"));
    }

    #[test]
    fn values_are_numbers_or_fractions() {
        #[derive(Deserialize)]
        struct D {
            v: BTreeMap<Period, RawValue>,
            t: BTreeMap<Period, RawTarget>,
        }
        let d: D = serde_saphyr::from_str(
            "v:\n  2019-20 Q1: 76.1\n  2019-20 Q2: { numerator: 3, denominator: 82 }\nt:\n  2017-18: not-appropriate\n  2018-19: 94\n",
        )
        .unwrap();
        assert_eq!(d.v.len(), 2);
        assert_eq!(
            d.v[&"2019-20 Q2".parse().unwrap()],
            RawValue::Fraction {
                numerator: 3.0,
                denominator: 82.0
            }
        );
        assert_eq!(d.t[&"2018-19".parse().unwrap()], RawTarget::Value(94.0));
        let bad = serde_saphyr::from_str::<D>("v:\n  2019-20 Q1: 76.1%\nt: {}\n");
        assert!(bad.is_err());
    }
}
