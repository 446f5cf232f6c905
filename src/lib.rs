//! dangos: a static site generator for bilingual public-sector performance reporting.
//!
//! Data flows one way: `site.toml` + `content/` + the theme → [`content`] (load) →
//! [`model`] (validate and resolve) → [`render`] (pure functions to bytes) →
//! [`output`] (staged, then swapped in). [`build`] strings them together.

#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod figures;
pub mod i18n;
pub mod model;
pub mod output;
pub mod period;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod watch;
