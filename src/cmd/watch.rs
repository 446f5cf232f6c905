//! `dangos watch`.

use super::args::{Drafts, Output, Poll, Root};
use clap::Args;
use std::process::ExitCode;

/// Build the site, then rebuild on every change, writing only the files that changed.
#[derive(Args)]
pub(crate) struct Watch {
    #[command(flatten)]
    root: Root,
    #[command(flatten)]
    output: Output,
    #[command(flatten)]
    drafts: Drafts,
    #[command(flatten)]
    poll: Poll,
}

impl Watch {
    pub(crate) fn run(self) -> ExitCode {
        let overrides = self.output.overrides(self.drafts);
        match dangos::watch::run(&self.root.root, overrides, self.poll.poll) {
            Ok(()) => ExitCode::SUCCESS,
            Err(d) => {
                eprintln!("{d}");
                ExitCode::FAILURE
            }
        }
    }
}
