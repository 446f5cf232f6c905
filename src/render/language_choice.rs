//! The bilingual page at the shared base URL.

use super::urls::{Links, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::theme::templates;
use minijinja::Environment;
use std::path::{Path, PathBuf};

/// The bilingual page at the shared base URL: each language offered in itself, with
/// equal prominence, and no automatic redirect.
pub(super) fn language_choice(
    site: &Site,
    env: &Environment<'_>,
    templates_dir: &Path,
) -> Result<OutputFile, Diagnostic> {
    let links = Links {
        config: &site.config,
    };
    let languages: Vec<_> = site
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            minijinja::context! {
                code => l.code.clone(), name => l.name.clone(), title => l.title.clone(), description => l.description.clone(),
                href => links.href(i, i, ""),
                absolute => links.absolute(i, ""),
            }
        })
        .collect();
    let first = &site.config.languages[0];
    let html = env
        .get_template("language_choice.html")
        .and_then(|t| {
            t.render(minijinja::context! {
                languages => languages,
                lang => first.code.clone(),
                static_url => links.static_url(0),
                x_default => site.config.shared_base.as_ref().map(|b| b.full()),
            })
        })
        .map_err(|e| templates::template_error(templates_dir, &e))?;
    Ok((PathBuf::from("index.html"), html.into_bytes()))
}
