//! What a content file's path says, reading nothing: its kind (from its folder), its
//! slug and language code (from its name), and where its source or translation is.

use super::Kind;
use std::path::{Path, PathBuf};

impl Kind {
    /// The folder of `content/` that holds this kind; the home page is `content/`
    /// itself.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Home => "",
            Kind::Indicator => "indicators",
            Kind::Report => "reports",
            Kind::TargetYear => "targets",
            Kind::Page => "pages",
        }
    }

    /// The kind of a file from its path inside `content/` (`indicators/x.md`,
    /// `index.cy.md`); `None` for a folder dangos does not read.
    pub fn from_path(rel: &Path) -> Option<Kind> {
        let mut folders = rel.parent()?.iter();
        let Some(folder) = folders.next() else {
            let name = rel.file_name()?.to_string_lossy();
            return (name.split('.').next() == Some("index")).then_some(Kind::Home);
        };
        if folders.next().is_some() {
            return None; // no subfolders
        }
        [Kind::Indicator, Kind::Report, Kind::TargetYear, Kind::Page]
            .into_iter()
            .find(|k| folder == k.folder())
    }
}

/// A content file's name split into its slug and its language code:
/// `x.cy.md` → `("x", Some("cy"))`, `x.md` → `("x", None)`; `None` if it is not
/// Markdown.
pub fn slug_and_code(name: &str) -> Option<(&str, Option<&str>)> {
    let stem = name.strip_suffix(".md")?;
    Some(match stem.rsplit_once('.') {
        Some((slug, code)) => (slug, Some(code)),
        None => (stem, None),
    })
}

/// `content/indicators/x.md` → `content/indicators/x.cy.md`.
pub fn translation_path(source: &Path, code: &str) -> PathBuf {
    let stem = source.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    source.with_file_name(format!("{stem}.{code}.md"))
}

/// `content/indicators/x.cy.md` → `content/indicators/x.md`.
pub fn source_path(translation: &Path) -> PathBuf {
    let name = translation
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let slug = slug_and_code(name).map_or(name, |(slug, _)| slug);
    translation.with_file_name(format!("{slug}.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_folders() {
        let kind = |p: &str| Kind::from_path(Path::new(p));
        assert_eq!(kind("indicators/x.md"), Some(Kind::Indicator));
        assert_eq!(kind("reports/x.cy.md"), Some(Kind::Report));
        assert_eq!(kind("targets/2019-20.md"), Some(Kind::TargetYear));
        assert_eq!(kind("pages/about.md"), Some(Kind::Page));
        assert_eq!(kind("index.md"), Some(Kind::Home));
        assert_eq!(kind("index.cy.md"), Some(Kind::Home));
        assert_eq!(kind("other.md"), None);
        assert_eq!(kind("indicators/sub/x.md"), None);
        assert_eq!(kind("news/x.md"), None);
        for k in [Kind::Indicator, Kind::Report, Kind::TargetYear, Kind::Page] {
            assert_eq!(kind(&format!("{}/x.md", k.folder())), Some(k));
        }
    }

    #[test]
    fn a_translation_and_its_source_find_each_other() {
        let source = Path::new("content/indicators/fam-kpi-01.md");
        let t = translation_path(source, "cy");
        assert_eq!(t, Path::new("content/indicators/fam-kpi-01.cy.md"));
        assert_eq!(source_path(&t), source);
        assert_eq!(source_path(source), source);
        assert_eq!(slug_and_code("x.cy.md"), Some(("x", Some("cy"))));
        assert_eq!(slug_and_code("x.md"), Some(("x", None)));
        assert_eq!(slug_and_code("x.txt"), None);
    }
}
