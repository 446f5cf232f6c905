//! Loading `content/`: which groups of files to read and parse, with a cache that
//! keeps the groups whose files did not change.

use super::pair::pair;
use super::walk::walk;
use super::*;
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// A file found in `content/`, before it is read.
pub(super) struct Listed {
    pub(super) kind: Kind,
    pub(super) slug: String,
    pub(super) lang: usize,
    /// Relative to the site root.
    pub(super) path: PathBuf,
    /// Where to read it.
    pub(super) abs: PathBuf,
    pub(super) stamp: Stamp,
}

/// A file found in `content/`, read.
pub(super) struct Found {
    pub(super) lang: usize,
    pub(super) source: Source,
}

/// What a file's metadata says of its contents: its length and when it was last
/// written. The same stamp means the same contents only if the file had been left
/// alone for a while before it was read (see [`ParseCache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: Option<SystemTime>,
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
        .map(|(key, todo)| match todo {
            Ok(hit) => (key, hit, Diagnostics::default()),
            Err(listed) => {
                let (parsed, unread) = parse_group(config, &key, listed);
                (key, parsed, unread)
            }
        })
        .collect();
    let mut content = Content::default();
    for ((kind, slug), parsed, unread) in parsed {
        diags.0.extend(unread.0);
        diags.0.extend(parsed.diags.0.iter().cloned());
        if !content.add(&parsed.item) {
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

/// Reads and parses a group of files, for the cache: problems reading are returned
/// apart, as they are not kept (the files are read again next time).
fn parse_group(
    config: &Config,
    (kind, slug): &GroupKey,
    listed: Vec<Listed>,
) -> (Cached, Diagnostics) {
    let (kind, slug) = (*kind, slug.as_str());
    let read_at = SystemTime::now();
    let stamps: Vec<(PathBuf, Stamp)> = listed.iter().map(|f| (f.path.clone(), f.stamp)).collect();
    let mut unread = Diagnostics::default();
    let (files, unreadable) = read(listed, &mut unread);
    let mut d = Diagnostics::default();
    let item = match kind {
        Kind::Home => Group::Home(pair(config, kind, slug, files, &unreadable, &mut d)),
        Kind::Indicator => Group::Indicator(pair(config, kind, slug, files, &unreadable, &mut d)),
        Kind::Report => Group::Report(pair(config, kind, slug, files, &unreadable, &mut d)),
        Kind::TargetYear => Group::TargetYear(pair(config, kind, slug, files, &unreadable, &mut d)),
        Kind::Page => Group::Page(pair(config, kind, slug, files, &unreadable, &mut d)),
    };
    // A group with a file that could not be read is not kept: it is read again.
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
    (parsed, unread)
}

impl Content {
    /// Adds a group's item, if it could be read (the model shares it with the
    /// cache); says whether it could.
    fn add(&mut self, item: &Group) -> bool {
        match item {
            Group::Home(home) => {
                self.home = home.clone();
                self.home.is_some()
            }
            Group::Indicator(i) => push(&mut self.indicators, i),
            Group::Report(r) => push(&mut self.reports, r),
            Group::TargetYear(t) => push(&mut self.target_years, t),
            Group::Page(p) => push(&mut self.pages, p),
        }
    }
}

/// Reads the files of a group, in parallel; those that cannot be read are reported,
/// once each, and their languages returned with what was read.
fn read(listed: Vec<Listed>, diags: &mut Diagnostics) -> (Vec<Found>, Vec<usize>) {
    let read: Vec<Result<Found, (usize, Diagnostic)>> = listed
        .into_par_iter()
        .map(|f| match std::fs::read(&f.abs) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Found {
                    lang: f.lang,
                    source: Source {
                        path: f.path,
                        text,
                        body: String::new(),
                        lines: Default::default(),
                    },
                }),
                Err(e) => Err((f.lang, not_utf8(&f.path, e))),
            },
            Err(e) => Err((
                f.lang,
                Diagnostic::in_file(Code::Unreadable, &f.path, format!("cannot read: {e}"))
                    .help("check that the file exists and that you may read it"),
            )),
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    let mut unreadable = Vec::new();
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err((lang, d)) => {
                unreadable.push(lang);
                diags.push(d);
            }
        }
    }
    (files, unreadable)
}

/// A file that is not UTF-8 text: where its first bad byte is.
fn not_utf8(path: &std::path::Path, e: std::string::FromUtf8Error) -> Diagnostic {
    let valid = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    // The good part is UTF-8 by definition.
    let good = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let (line, column) = crate::diagnostics::line_col(good, good.len());
    Diagnostic::in_file(Code::Unreadable,
        path,
        format!("this file is not UTF-8 text: byte {valid} (0x{:02x}) is not a character", bytes[valid]),
    )
    .at(Some(good), line, Some(column))
    .help("content files must be UTF-8 text; re-save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
}

/// One group of files parsed: the item, if it could be read.
enum Group {
    Home(Option<Arc<Localised<PageFront, PageWords>>>),
    Indicator(Option<Arc<Localised<IndicatorFront, IndicatorWords>>>),
    Report(Option<Arc<Localised<ReportFront, ReportWords>>>),
    TargetYear(Option<Arc<Localised<TargetYearFront, TargetYearWords>>>),
    Page(Option<Arc<Localised<PageFront, PageWords>>>),
}

/// Adds an item if it could be read; says whether it could.
fn push<T>(items: &mut Vec<Arc<T>>, item: &Option<Arc<T>>) -> bool {
    items.extend(item.iter().cloned());
    item.is_some()
}
