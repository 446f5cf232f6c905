//! What a changed file affects: its kind of change, from its path, decides which
//! phases of the build a rebuild redoes.

use crate::content::is_editor_litter;
use std::path::{Component, Path};

/// What a changed file affects, and so what a rebuild must redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A file in `content/`: re-read the content and re-render the pages.
    Content,
    /// A template of the theme: recompile the templates and re-render, without
    /// re-reading the content.
    Template,
    /// The theme's UI strings (`i18n/*.ftl`): reload the strings and templates and
    /// re-render.
    Strings,
    /// A static file (the theme's or the site's `static/`): copy the static files; no
    /// page is rendered again.
    Static,
    /// `site.toml`, or a theme file dangos cannot place: rebuild everything.
    Config,
}

/// Every kind of change: what a first build does.
pub const EVERYTHING: [ChangeKind; 5] = [
    ChangeKind::Content,
    ChangeKind::Template,
    ChangeKind::Strings,
    ChangeKind::Static,
    ChangeKind::Config,
];

/// What kind of change a file is, from its path relative to the site root. `theme` is
/// the theme folder relative to the root (`themes/default`), when known. `None` for
/// files that do not affect the site: editor litter, the output folder, `target/`.
pub fn classify(rel: &Path, theme: Option<&Path>) -> Option<ChangeKind> {
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().unwrap_or("\u{0}"),
            _ => "\u{0}",
        })
        .collect();
    if parts.is_empty() || parts.iter().any(|p| *p == "\u{0}" || is_editor_litter(p)) {
        return None;
    }
    match parts[0] {
        crate::config::CONFIG_FILE if parts.len() == 1 => Some(ChangeKind::Config),
        "content" => Some(ChangeKind::Content),
        "static" => Some(ChangeKind::Static),
        "themes" => {
            let Some(theme) = theme else {
                return Some(ChangeKind::Config);
            };
            match rel.strip_prefix(theme) {
                Ok(inside) => match inside.components().next() {
                    Some(c) if c.as_os_str() == "templates" => Some(ChangeKind::Template),
                    Some(c) if c.as_os_str() == "i18n" => Some(ChangeKind::Strings),
                    Some(c) if c.as_os_str() == "static" => Some(ChangeKind::Static),
                    // chart settings, or the theme folder itself renamed
                    _ => Some(ChangeKind::Config),
                },
                // `themes/` itself, or a folder above the theme: it may have moved.
                Err(_) if theme.starts_with(rel) => Some(ChangeKind::Config),
                // another theme, not in use
                Err(_) => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_paths_into_kinds() {
        let theme = Some(Path::new("themes/default"));
        let kind = |p: &str| classify(Path::new(p), theme);
        assert_eq!(kind("site.toml"), Some(ChangeKind::Config));
        assert_eq!(kind("content/indicators/a.md"), Some(ChangeKind::Content));
        assert_eq!(
            kind("content/indicators/a.cy.md"),
            Some(ChangeKind::Content)
        );
        assert_eq!(kind("content"), Some(ChangeKind::Content));
        assert_eq!(
            kind("themes/default/templates/base.html"),
            Some(ChangeKind::Template)
        );
        assert_eq!(
            kind("themes/default/i18n/cy.ftl"),
            Some(ChangeKind::Strings)
        );
        assert_eq!(
            kind("themes/default/static/style.css"),
            Some(ChangeKind::Static)
        );
        assert_eq!(kind("static/logo.svg"), Some(ChangeKind::Static));
        assert_eq!(kind("themes/default/chart.toml"), Some(ChangeKind::Config));
        assert_eq!(kind("themes"), Some(ChangeKind::Config));
        assert_eq!(kind("themes/other/templates/base.html"), None);
        assert_eq!(kind("public/en/index.html"), None);
        assert_eq!(kind("target/debug/dangos"), None);
        assert_eq!(kind("README.md"), None);
        assert_eq!(
            classify(Path::new("themes/x/i18n/en.ftl"), None),
            Some(ChangeKind::Config)
        );
    }

    #[test]
    fn drops_editor_litter() {
        for p in [
            "content/indicators/.a.md.swp",
            "content/indicators/a.md~",
            "content/indicators/.#a.md",
            "content/indicators/#a.md#",
            "content/indicators/4913",
            "content/indicators/a.md.tmp",
            "themes/default/templates/.base.html.swx",
            "content/.git/index",
        ] {
            assert_eq!(classify(Path::new(p), None), None, "{p}");
        }
    }
}
