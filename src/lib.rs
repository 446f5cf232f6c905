//! dangos: a static site generator for bilingual public-sector performance reporting.
//!
//! Data flows one way: `site.toml` + `content/` + the theme ([`theme`]) →
//! [`content`] (load) → [`validate`] (every rule, cross references resolved) → a
//! [`model::Site`] → [`render`] (pure functions to bytes) → [`output`] (staged, then
//! swapped in). [`build`] strings them together; [`rebuild`] redoes only what an edit
//! affects, for the edges [`serve`] and [`watch`].

#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod figures;
pub mod i18n;
pub mod import;
pub mod model;
pub mod output;
pub mod period;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod theme;
pub mod typography;
pub mod validate;
pub mod watch;
