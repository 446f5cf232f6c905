//! Rendering: pure functions from the model to the bytes of every output file. Each
//! page is rendered once per language, in parallel; nothing here touches the disk
//! except reading the theme (in `build`).

mod affected;
pub mod chart;
mod chart_svg;
pub mod data;
mod driver;
mod feed;
mod figure_cache;
mod fragments;
mod language_choice;
pub mod markdown;
mod pages;
mod publication;
mod renderer;
mod sitemap;
mod urls;
mod views;
mod word_cache;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Site;
use serde::Serialize;
use std::path::PathBuf;

pub use affected::{Affected, Langs};
pub use driver::{Each, Jobs, render_each, render_each_with, render_some};
pub use figure_cache::FigureCache;
pub use renderer::site_link;
pub use urls::{OutputFile, PageId};

/// `m` locked, for the caches a render shares between its threads: a panic in
/// another render thread left nothing half-written in them.
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Any serialisable value as a template value.
fn ser<T: Serialize>(v: &T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

/// A problem with a UI string (a label, a column heading, a status) as a diagnostic
/// naming language `lang`'s strings file.
fn ui_strings_error(site: &Site, lang: usize, m: String) -> Diagnostic {
    Diagnostic::in_file(
        Code::MissingUiString,
        ui_strings_file(&site.config, lang),
        m,
    )
}

/// Language `lang`'s strings file, relative to the site root.
fn ui_strings_file(config: &Config, lang: usize) -> PathBuf {
    let ui = config
        .theme_dir
        .join("i18n")
        .join(format!("{}.ftl", config.languages[lang].code));
    ui.strip_prefix(&config.root).unwrap_or(&ui).to_path_buf()
}
