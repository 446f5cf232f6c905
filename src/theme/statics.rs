//! The theme's and the site's static files, to copy.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Files of the theme's `static/` folder and the site's own `static/`, to copy.
pub(super) fn static_files(config: &Config) -> Result<Vec<(PathBuf, Vec<u8>)>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    // The site's own static files override the theme's.
    for dir in [config.theme_dir.join("static"), config.root.join("static")] {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::content::is_editor_litter(&name) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(rel, bytes);
                }
                Err(e) => diags.push(Diagnostic::in_file(
                    Code::Theme,
                    entry.path(),
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
    let dirs: Vec<PathBuf> = match config.shared_base {
        Some(_) => vec![PathBuf::from("static")],
        None => (0..config.languages.len())
            .map(|l| config.language_dir(l).join("static"))
            .collect(),
    };
    let out = dirs
        .iter()
        .flat_map(|d| {
            files
                .iter()
                .map(move |(rel, bytes)| (d.join(rel), bytes.clone()))
        })
        .collect();
    diags.into_result(out)
}
