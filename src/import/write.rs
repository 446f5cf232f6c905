//! The two last steps of an import: checking the edited site as `dangos build` would,
//! in a temporary copy of `content/`, and writing the files so that a crash leaves
//! each one either as it was or as it should be.

use crate::build;
use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::theme::Theme;
use std::io::Write as _;
use std::path::Path;

/// Loads, validates and renders the site with `edited` files (path relative to the
/// root, old text, new text) in place of the originals, writing nothing in the site.
pub(crate) fn check_site(config: &Config, edited: &[super::Edited]) -> Result<(), Diagnostics> {
    let dir = tempfile::Builder::new()
        .prefix("dangos-import-")
        .tempdir()
        .map_err(|e| {
            Diagnostic::new(format!(
                "cannot make a temporary folder to check the import in: {e}"
            ))
        })?;
    copy_dir(
        &config.root.join(CONTENT_DIR),
        &dir.path().join(CONTENT_DIR),
    )?;
    for (path, _, new) in edited {
        std::fs::write(dir.path().join(path), new)
            .map_err(|e| Diagnostic::new(format!("cannot write to the temporary folder: {e}")))?;
    }
    let trial = Config {
        root: dir.path().to_path_buf(),
        drafts: false,
        ..config.clone()
    };
    let result = check(trial, config);
    result.map_err(|mut d| {
        d.0.insert(
            0,
            Diagnostic::new("with the imported figures, `dangos build` would find these problems:"),
        );
        d
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

fn copy_dir(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::new(format!("cannot copy content/ to check the import: {e}"))
    };
    std::fs::create_dir_all(to).map_err(fail)?;
    for entry in std::fs::read_dir(from).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(fail)?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(fail)?;
        }
    }
    Ok(())
}

/// Writes every file, having first checked that none changed since it was read (an
/// editor saving one meanwhile): each is written to a temporary file beside it,
/// flushed to disk, and renamed over it.
pub(crate) fn write_all(root: &Path, edited: &[super::Edited]) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::default();
    for (path, old, _) in edited {
        match std::fs::read_to_string(root.join(path)) {
            Ok(now) if now == *old => {}
            _ => diags.push(
                Diagnostic::in_file(path, "the file changed while the import was running")
                    .help("save your edits, then import again"),
            ),
        }
    }
    diags.into_result(())?;
    for (path, _, new) in edited {
        replace(&root.join(path), new.as_bytes())
            .map_err(|e| Diagnostic::in_file(path, format!("cannot write the file: {e}")))?;
    }
    Ok(())
}

/// Replaces `path` with `bytes` atomically. The temporary file's name starts with a
/// dot, which `serve`, `watch` and builds pass over; the rename is what they see.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".dangos-import-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename itself is on disk once the folder is.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
