//! `dangos serve`.

use super::args::{Drafts, Poll, Root};
use clap::Args;
use std::net::IpAddr;
use std::process::ExitCode;

/// Preview the site: build it in memory, serve it on this computer, rebuild on every
/// change and reload the open pages (showing any problem over the page).
#[derive(Args)]
pub(crate) struct Serve {
    #[command(flatten)]
    root: Root,
    /// The address to listen on; the default lets only this computer in.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default web browser.
    #[arg(long)]
    open: bool,
    #[command(flatten)]
    poll: Poll,
    #[command(flatten)]
    drafts: Drafts,
}

impl Serve {
    pub(crate) fn run(self) -> ExitCode {
        dangos::import::recover(&self.root.root);
        let options = dangos::serve::Options {
            root: self.root.root,
            bind: self.bind,
            port: self.port,
            open: self.open,
            poll: self.poll.poll,
            drafts: self.drafts.drafts,
        };
        match dangos::serve::run(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(d) => {
                eprintln!("{d}");
                ExitCode::FAILURE
            }
        }
    }
}
