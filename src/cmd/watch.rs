//! `dangos watch`.

use super::args::{Drafts, Output, Poll, Root};
use clap::Args;
use std::process::ExitCode;

/// Build the site, then rebuild on every change, writing only the files that changed.
#[derive(Args)]
pub(crate) struct Watch {
    #[command(flatten)]
    pub(crate) root: Root,
    #[command(flatten)]
    pub(crate) output: Output,
    #[command(flatten)]
    pub(crate) drafts: Drafts,
    #[command(flatten)]
    pub(crate) poll: Poll,
}

impl Watch {
    pub(crate) fn run(self) -> ExitCode {
        dangos::import::recover(&self.root.root);
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
