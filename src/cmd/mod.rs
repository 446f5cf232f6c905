//! The subcommands: each one's command line and the thin glue that calls the library.
//! This lives in the binary, not the library: the library never depends on it.

pub(crate) mod args;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod serve;
pub(crate) mod status;
pub(crate) mod translated;
pub(crate) mod watch;

use dangos::config::{Config, Overrides};
use std::process::ExitCode;

/// The site's configuration as written, for the commands that read it without building;
/// on failure the problem is printed and the exit code returned.
fn load_config(root: &args::Root) -> Result<Config, ExitCode> {
    Config::load(&root.root, &Overrides::default()).map_err(|d| {
        eprintln!("{d}");
        ExitCode::FAILURE
    })
}
