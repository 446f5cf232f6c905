//! An import's last check: the site with the edited files, loaded, validated and
//! rendered as `dangos build` does (the one set of rules), in a temporary copy of
//! `content/`. A problem the check finds at an entry the import wrote is reported
//! against the spreadsheet's row (or cell) that brought it, not against a line of a
//! file that was never written.

use super::table::Table;
use crate::build;
use crate::config::Config;
use crate::content::{self, CONTENT_DIR, Periods};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::import::front_matter_edit::Field;
use crate::period::Period;
use crate::theme::Theme;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// Where an entry an import writes came from.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// The file written (relative to the root).
    pub(crate) file: PathBuf,
    pub(crate) field: Field,
    pub(crate) period: Period,
    /// The row's line or number, and the cell's column.
    pub(crate) row: usize,
    pub(crate) col: usize,
}

/// Checks the site with `edited` files (path relative to the root, old text, new
/// text) in place of the originals, in `copy` (an empty folder), writing nothing in
/// the site.
pub(crate) fn check_site(
    config: &Config,
    copy: &Path,
    edited: &[super::Edited],
    table: &Table,
    origins: &[Origin],
) -> Result<(), Diagnostics> {
    let fail = |e: std::io::Error| {
        Diagnostics::from(Diagnostic::new(
            Code::ImportWrite,
            format!("cannot copy content/ to check the import: {e}"),
        ))
    };
    let mut passed_over = Vec::new();
    copy_dir(
        &config.root.join(CONTENT_DIR),
        &copy.join(CONTENT_DIR),
        Path::new(CONTENT_DIR),
        &mut passed_over,
    )
    .map_err(fail)?;
    for path in passed_over {
        eprintln!(
            "warning: {} is not a regular file or folder: the import passed over it, as `dangos build` does",
            path.display()
        );
    }
    for (path, _, new) in edited {
        std::fs::write(copy.join(path), new).map_err(fail)?;
    }
    let trial = Config {
        root: copy.to_path_buf(),
        drafts: false,
        ..config.clone()
    };
    check(trial.clone(), config).map_err(|d| {
        let mut d = to_rows(&trial, d, table, origins);
        d.push(Diagnostic::new(
            Code::ImportCheck,
            "with the imported figures, `dangos build` would find these problems:",
        ));
        d.sorted()
    })
}

/// What `dangos build` does short of writing: the content of `site`, the theme of
/// `theme_from`.
fn check(site: Config, theme_from: &Config) -> Result<(), Diagnostics> {
    let (site, theme) = rayon::join(|| build::load_site(site), || Theme::load(theme_from));
    let site = site?;
    let theme = theme?;
    build::render_pages(&site, &theme).map(|_| ())
}

/// Copies the regular files and folders of `from` into `to`, as `dangos build` reads
/// them: links are not followed, and anything else (a FIFO, a socket, a link) is
/// never opened (a FIFO would be waited on) but named in `passed_over` (by `shown`,
/// its path as the user knows it). Files editors leave while saving are left out.
fn copy_dir(
    from: &Path,
    to: &Path,
    shown: &Path,
    passed_over: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if content::is_editor_litter(&name.to_string_lossy()) {
            continue;
        }
        // `file_type` does not follow links: a link is a link here.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_dir(
                &entry.path(),
                &to.join(&name),
                &shown.join(&name),
                passed_over,
            )?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(&name))?;
        } else {
            passed_over.push(shown.join(&name));
        }
    }
    Ok(())
}

/// The check's problems, those at an entry the import wrote reported against the
/// spreadsheet's row instead.
fn to_rows(trial: &Config, diags: Diagnostics, table: &Table, origins: &[Origin]) -> Diagnostics {
    let (content, _) = content::load_all(trial);
    // Where each entry written now is: (file, line) -> the origin of the entry.
    let mut files: FxHashMap<&Path, Vec<&Origin>> = FxHashMap::default();
    for o in origins {
        files.entry(o.file.as_path()).or_default().push(o);
    }
    let mut at: FxHashMap<(PathBuf, usize), &Origin> = FxHashMap::default();
    let mut place = |path: &Path, line_of: &dyn Fn(&Origin) -> usize| {
        for o in files.get(path).into_iter().flatten() {
            let line = line_of(o);
            if line > 0 {
                at.insert((path.to_path_buf(), line), o);
            }
        }
    };
    for l in &content.indicators {
        let f = &l.source.front;
        place(&l.source.source.path, &|o| match o.field {
            Field::Values => line(&f.values, &o.period),
            Field::Targets => line(&f.targets, &o.period),
            Field::Commentary => line(&f.commentary, &o.period),
        });
        for t in l.translations.iter().flatten() {
            place(&t.source.path, &|o| match o.field {
                Field::Commentary => line(&t.front.commentary, &o.period),
                _ => 0,
            });
        }
    }
    Diagnostics(
        diags
            .0
            .into_iter()
            .map(|d| {
                let key = d.file.clone().zip(d.line);
                match key.and_then(|k| at.get(&k)) {
                    Some(o) => from_row(d, table, o),
                    None => d,
                }
            })
            .collect(),
    )
}

/// The line a period's entry is on (0 if it has none).
fn line<V>(map: &Periods<V>, p: &Period) -> usize {
    map.pos(p).line
}

/// A problem at an entry the import wrote, told of the row that brought it.
fn from_row(d: Diagnostic, table: &Table, o: &Origin) -> Diagnostic {
    let what = match o.field {
        Field::Values => "figure",
        Field::Targets => "target",
        Field::Commentary => "commentary",
    };
    table
        .problem(
            d.code,
            o.row,
            o.col,
            &format!("{} (for {}, which was left as it was)", d.message, o.file.display()),
        )
        .help(format!(
            "correct the {what} in this row of the spreadsheet (or the row's indicator, if the {what} is another's), then import again"
        ))
}
