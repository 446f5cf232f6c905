//! The theme's chart settings: sizes, colours and the font the labels are measured
//! and drawn with. Drawing is `render::chart`'s (with `render::chart_svg`, where every charts-rs call
//! lives).

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;

/// The theme's chart settings (`THEME/chart.toml`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChartTheme {
    /// Widest SVG of the wide variant, whatever the number of periods (beyond it,
    /// period labels are thinned, never shrunk). Drawn at its own size and only ever
    /// scaled down: at most the page's width, so its text stays at `font_size`.
    pub width: f32,
    /// Width per period: a chart of one or two values stays small, not a stretched block.
    pub slot_width: f32,
    /// Narrowest SVG of the wide variant.
    pub min_width: f32,
    /// Height of the wide variant's plot (period labels go below it).
    pub height: f32,
    /// Width of the narrow variant, shown on phones: at most the narrowest page's
    /// width (288 px at 320 px), so its text stays near `font_size`.
    pub narrow_width: f32,
    /// Height of the narrow variant's plot.
    pub narrow_height: f32,
    /// The font family labels are measured and drawn with.
    pub font_family: String,
    /// The font file (relative to the theme) registered with charts-rs.
    pub font_file: Option<String>,
    /// Label size.
    pub font_size: f32,
    /// Background.
    pub background: String,
    /// Label colour.
    pub text: String,
    /// Axis colour.
    pub axis: String,
    /// Grid colour.
    pub grid: String,
    /// Value line or bars.
    pub value: String,
    /// Target line.
    pub target: String,
    /// The font file's contents, read with the settings; the chart module registers
    /// it with charts-rs before its first chart.
    #[serde(skip)]
    pub font: Option<Font>,
}

/// A chart font, read from the theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Font {
    /// Where it was read from, for messages.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Arc<[u8]>,
}

impl ChartTheme {
    /// Reads `chart.toml` from the theme and registers its font.
    pub fn load(config: &Config) -> Result<ChartTheme, Diagnostics> {
        let path = config.theme_dir.join("chart.toml");
        let rel = path
            .strip_prefix(&config.root)
            .unwrap_or(&path)
            .to_path_buf();
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::in_file(
                Code::Theme,
                &rel,
                format!("cannot read the theme's chart settings: {e}"),
            )
        })?;
        let theme: ChartTheme = toml::from_str(&text).map_err(|e| {
            let d = Diagnostic::in_file(Code::Theme, &rel, e.message().trim().to_string());
            match e.span() {
                Some(s) => {
                    let (line, col) = crate::diagnostics::line_col(&text, s.start);
                    d.at(Some(&text), line, Some(col))
                }
                None => d,
            }
        })?;
        let mut theme = theme;
        if let Some(file) = &theme.font_file {
            let path = config.theme_dir.join(file);
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::in_file(
                    Code::Theme,
                    &rel,
                    format!("cannot read the chart font {}: {e}", path.display()),
                )
            })?;
            theme.font = Some(Font {
                path,
                bytes: bytes.into(),
            });
        }
        Ok(theme)
    }
}
