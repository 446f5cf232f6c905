//! `dangos check`.

use super::args::{Drafts, Format, Root};
use clap::Args;
use dangos::config::Overrides;
use std::process::ExitCode;

/// Check that the site is ready to publish: builds in memory (writing nothing) and
/// reports broken links, missing or stale translations, impossible figures...
#[derive(Args)]
pub(crate) struct Check {
    #[command(flatten)]
    root: Root,
    /// Fail (exit code 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// `text` for people, `json` for tools: [{"file", "line", "severity", "code", "message"}].
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    drafts: Drafts,
}

impl Check {
    pub(crate) fn run(self) -> ExitCode {
        dangos::import::recover(&self.root.root);
        let overrides = Overrides {
            drafts: self.drafts.drafts,
            ..Overrides::default()
        };
        let report = dangos::check::check(&self.root.root, &overrides);
        match self.format {
            Format::Text => print!("{}", report.to_text()),
            Format::Json => print!("{}", report.to_json()),
        }
        if report.passes(self.strict) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
