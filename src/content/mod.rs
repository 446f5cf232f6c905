//! Loading: walks `content/`, splits each file's front matter from its Markdown body,
//! parses the front matter into the raw shapes below, and pairs each default-language
//! file with its translations. Nothing here knows about other files' contents: cross
//! references are resolved in `model`.

mod declare;
mod fields;
mod front_matter;
mod kinds;
mod load;
mod pair;
mod path;
mod raw;
mod span;
mod walk;

pub use crate::model::{Direction, Unit};
pub use declare::{HasPeriods, HasWords, ModelText, Translates};
pub(crate) use declare::{concat as concat_keys, total as total_keys};
pub use fields::{Shape, WordAt};
pub use front_matter::{FrontMatter, front_keys, front_scalar, front_strings, split};
pub use kinds::*;
pub use load::{ParseCache, load, load_all, load_all_cached};
pub use path::{slug_and_code, source_path, translation_path};
pub use raw::*;
pub use span::{At, Periods, Repeat};
pub use walk::{is_editor_litter, sources};

use std::path::PathBuf;
use std::sync::Arc;

/// The folder of content, inside the site root.
pub const CONTENT_DIR: &str = "content";

/// The front-matter key under which a translation records the hash of its source's
/// words (see [`crate::check::translations`]): `dangos translated` writes it, `check`
/// reads it, and `import` keeps it first in an indicator's keys.
pub const TRANSLATED_FROM: &str = "translated_from";

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
    /// default-language file, and are not words a translation's hash covers.
    pub(crate) fn figure_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Indicator => IndicatorFront::FIGURE_KEYS,
            Kind::Report => ReportFront::FIGURE_KEYS,
            Kind::TargetYear => TargetYearFront::FIGURE_KEYS,
            Kind::Home | Kind::Page => PageFront::FIGURE_KEYS,
        }
    }
}

/// One file as read: its path (relative to the site root), text, and where its
/// front matter starts, so parse errors can point at the right line.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Relative to the site root, e.g. `content/indicators/fam-kpi-01.cy.md`.
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
    /// The Markdown after the front matter.
    pub body: String,
    /// Where the lines of `text` start, found when a problem is first placed in it.
    pub lines: crate::diagnostics::LineStarts,
}

impl Source {
    /// The lines of the file, to place problems in (see
    /// [`Diagnostic::at_line`](crate::diagnostics::Diagnostic::at_line)).
    pub fn lines(&self) -> crate::diagnostics::Lines<'_> {
        self.lines.of(&self.text)
    }
}

/// A parsed file: its source and its front matter.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// Where it came from.
    pub source: Source,
    /// The front matter.
    pub front: T,
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
    pub home: Option<Arc<Localised<PageFront, PageWords>>>,
    /// Indicators, by slug.
    pub indicators: Vec<Arc<Localised<IndicatorFront, IndicatorWords>>>,
    /// Reports.
    pub reports: Vec<Arc<Localised<ReportFront, ReportWords>>>,
    /// Target years.
    pub target_years: Vec<Arc<Localised<TargetYearFront, TargetYearWords>>>,
    /// Plain pages.
    pub pages: Vec<Arc<Localised<PageFront, PageWords>>>,
    /// Items that exist but could not be read (their errors are reported): the
    /// model does not also report references to them as unknown.
    pub broken: std::collections::BTreeSet<(Kind, String)>,
}
