//! A site's theme, loaded: its templates, UI strings, static files and chart colours.
//! Kept apart from the content so that `serve` and `watch` can reload one without
//! re-reading the other.

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::i18n::I18n;
use std::path::PathBuf;
use std::sync::Arc;

mod chart;
mod statics;
pub mod templates;

pub use chart::{ChartTheme, Font};

/// The theme, loaded. A template edit recompiles the templates and re-renders
/// without re-reading `content/`.
pub struct Theme {
    /// UI strings of every language.
    pub i18n: Arc<I18n>,
    /// The compiled templates, one environment per language (each has its own
    /// `t()`, for `i18n` in its language).
    pub envs: Vec<minijinja::Environment<'static>>,
    /// The theme's and the site's static files, at their output paths.
    pub statics: Vec<(PathBuf, Vec<u8>)>,
    /// How the theme draws charts.
    pub chart: ChartTheme,
}

impl Theme {
    /// Reads the UI strings, templates and static files of the site's theme.
    pub fn load(config: &Config) -> Result<Theme, Diagnostics> {
        let i18n = Arc::new(I18n::load(config, crate::figures::write_number)?);
        let envs = templates::environments(config, i18n.clone())?;
        let statics = statics::static_files(config)?;
        let chart = ChartTheme::load(config)?;
        Ok(Theme {
            i18n,
            envs,
            statics,
            chart,
        })
    }

    /// Recompiles the templates, keeping the UI strings and static files.
    pub fn reload_templates(&mut self, config: &Config) -> Result<(), Diagnostics> {
        self.envs = templates::environments(config, self.i18n.clone())?;
        Ok(())
    }

    /// Re-reads the static files, keeping the strings and templates.
    pub fn reload_statics(&mut self, config: &Config) -> Result<(), Diagnostics> {
        self.statics = statics::static_files(config)?;
        Ok(())
    }
}
