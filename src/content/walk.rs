//! Listing `content/`: each file's kind, slug and language, told by its folder and
//! name, reading none.

use super::load::{Listed, Stamp};
use super::*;
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::Path;

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
pub(super) fn walk(config: &Config, diags: &mut Diagnostics) -> Vec<Listed> {
    let dir = config.root.join(CONTENT_DIR);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::in_file(Code::MissingContent, CONTENT_DIR, "there is no content folder")
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
        let listed = match entry {
            Ok(entry) => listed(config, entry),
            Err(e) => Err(unreadable(config, &e)),
        };
        match listed {
            Ok(Some(f)) => found.push(f),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
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

/// A file or folder of `content/` the walk could not look at.
fn unreadable(config: &Config, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| rel(config, p))
        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    Diagnostic::in_file(Code::Unreadable, path, format!("cannot read: {e}"))
        .help("check that the folder exists and that you may read it")
}

/// A content file, told by its folder and name (its stamp still to be read); `None`
/// for what is not a page (a folder, an image beside content), a problem for a page
/// misnamed or misplaced.
fn listed(config: &Config, entry: walkdir::DirEntry) -> Result<Option<Listed>, Diagnostic> {
    if !entry.file_type().is_file() {
        return Ok(None);
    }
    let path = rel(config, entry.path());
    let name = entry.file_name().to_string_lossy().to_string();
    let Some((slug, code)) = slug_and_code(&name) else {
        return Ok(None); // images and other files beside content are not pages
    };
    let Some(kind) = Kind::from_path(path.strip_prefix(CONTENT_DIR).unwrap_or(&path)) else {
        return Err(Diagnostic::in_file(Code::MisplacedFile, &path, "dangos does not know what kind of content this is").help(
            "put indicators in content/indicators/, reports in content/reports/, target years in content/targets/ and other pages in content/pages/ (no subfolders); the home page is content/index.md",
        ));
    };
    let lang = language(config, &path, slug, code)?;
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Diagnostic::in_file(
            Code::MisplacedFile,
            &path,
            format!("`{slug}` cannot be used in a web address"),
        )
        .help("use lowercase letters, digits and hyphens, e.g. fam-kpi-01.md"));
    }
    Ok(Some(Listed {
        kind,
        slug: slug.to_string(),
        lang,
        path,
        abs: entry.into_path(),
        stamp: Stamp {
            len: 0,
            modified: None,
        },
    }))
}

/// The language of the file at `path`: the default without a code, else the other
/// language whose code it has.
fn language(
    config: &Config,
    path: &Path,
    slug: &str,
    code: Option<&str>,
) -> Result<usize, Diagnostic> {
    let Some(code) = code else {
        return Ok(config.default);
    };
    match config.language_index(code) {
        Some(l) if l != config.default => Ok(l),
        Some(_) => Err(Diagnostic::in_file(
            Code::MisplacedFile,
            path,
            format!("`.{code}.md` is the default language's own file"),
        )
        .help(format!("rename it to {slug}.md"))),
        None => Err(Diagnostic::in_file(Code::MisplacedFile,
            path,
            format!(
                "`{code}` is not one of the site's languages ({}), so this file is not a translation",
                config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
            ),
        ).help("file names are SLUG.md, or SLUG.CODE.md for a translation; slugs use letters, digits and hyphens")),
    }
}

/// The default-language files of `content/`, with their kinds, sorted, relative to
/// the site root.
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
        if !matches!(slug_and_code(&name), Some((_, None))) {
            continue; // not Markdown, or a translation
        }
        if let Some(kind) = Kind::from_path(rel) {
            out.push((kind, Path::new(CONTENT_DIR).join(rel)));
        }
    }
    out
}

fn rel(config: &Config, path: &Path) -> PathBuf {
    path.strip_prefix(&config.root)
        .unwrap_or(path)
        .to_path_buf()
}
