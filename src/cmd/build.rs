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
        dangos::import::recover(&self.root.root);
        let overrides = self.output.overrides(self.drafts);
        match dangos::build::build(&self.root.root, &overrides) {
            Ok(s) => {
                // Warnings do not stop the build (the exit code stays 0), but are
                // shown as `check` shows them, before the line that says it is done.
                if !s.warnings.is_empty() {
                    eprint_whole(&format!("{}\n", s.warnings));
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
                eprint_whole(&format!(
                    "{diags}\nThe build failed with {}; the output folder was left as it was.\n",
                    dangos::watch::problems_counted(&diags)
                ));
                ExitCode::FAILURE
            }
        }
    }
}

/// Writes `text` to stderr in one call. Stderr is unbuffered, and printing
/// diagnostics piece by piece made a system call per piece: a site with thousands of
/// warnings made more `write` calls than it has output files.
fn eprint_whole(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
