//! The texts of the site's files as `check` reads them: a content file's text is the
//! one the load read (and the build parsed), so no check reads it again; any other
//! file (`site.toml`, a theme's `.ftl`, a file the load could not parse) is read from
//! disk when asked for.

use crate::content::{Content, Localised};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// Every parsed content file's text, by its path relative to the site root.
pub(super) struct Texts<'a> {
    root: &'a Path,
    read: HashMap<&'a Path, &'a str>,
}

impl<'a> Texts<'a> {
    /// The texts of the files in `content`, of the site in `root`.
    pub(super) fn of(root: &'a Path, content: &'a Content) -> Texts<'a> {
        let mut texts = Texts {
            root,
            read: HashMap::new(),
        };
        content.home.iter().for_each(|l| texts.add(l));
        content.indicators.iter().for_each(|l| texts.add(l));
        content.reports.iter().for_each(|l| texts.add(l));
        content.target_years.iter().for_each(|l| texts.add(l));
        content.pages.iter().for_each(|l| texts.add(l));
        texts
    }

    /// Adds an item's files: its default-language file and its translations.
    fn add<F, W>(&mut self, item: &'a Localised<F, W>) {
        let translations = item.translations.iter().flatten().map(|t| &t.source);
        for source in std::iter::once(&item.source.source).chain(translations) {
            self.read.insert(&source.path, &source.text);
        }
    }

    /// The text of the file at `path` (relative to the site root), or `None` if it
    /// cannot be read.
    pub(super) fn get(&self, path: &Path) -> Option<Cow<'a, str>> {
        match self.read.get(path) {
            Some(text) => Some(Cow::Borrowed(*text)),
            None => std::fs::read_to_string(self.root.join(path))
                .ok()
                .map(Cow::Owned),
        }
    }
}
