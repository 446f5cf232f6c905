//! `dangos build`.

use super::args::{Drafts, Output, Root};
use clap::Args;
use std::process::ExitCode;

/// Build the site into the output folder (public/ unless site.toml says otherwise).
#[derive(Args)]
pub(crate) struct Build {
    #[command(flatten)]
    pub(crate) root: Root,
    #[command(flatten)]
    pub(crate) output: Output,
    #[command(flatten)]
    pub(crate) drafts: Drafts,
}

impl Build {
    pub(crate) fn run(self) -> ExitCode {
        let overrides = self.output.overrides(self.drafts);
        match dangos::build::build(&self.root.root, &overrides) {
            Ok(s) => {
                // Warnings do not stop the build (the exit code stays 0), but are
                // shown as `check` shows them, before the line that says it is done.
                if !s.warnings.is_empty() {
                    eprintln!("{}", s.warnings);
                }
                println!(
                    "Built {} pages in each language ({} files) in {} ms",
                    s.pages_per_language,
                    s.files,
                    s.elapsed.as_millis()
                );
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprint!("{diags}");
                eprintln!(
                    "\nThe build failed with {}; the output folder was left as it was.",
                    dangos::watch::problems_counted(&diags)
                );
                ExitCode::FAILURE
            }
        }
    }
}
