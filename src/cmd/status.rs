//! `dangos status`.

use super::args::{Format, Root};
use super::load_config;
use clap::Args;
use dangos::check::translations;
use std::process::ExitCode;

/// Show the translator's job: per kind of content, how many translations are up to
/// date, stale, not recorded, or missing.
#[derive(Args)]
pub(crate) struct Status {
    #[command(flatten)]
    root: Root,
    /// `text` or `json`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

impl Status {
    pub(crate) fn run(self) -> ExitCode {
        let config = match load_config(&self.root) {
            Ok(c) => c,
            Err(code) => return code,
        };
        let all = translations::translations(&config);
        match self.format {
            Format::Text => print!("{}", translations::status_text(&config, &all)),
            Format::Json => print!("{}", translations::status_json(&config, &all)),
        }
        ExitCode::SUCCESS
    }
}
