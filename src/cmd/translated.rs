//! `dangos translated`.

use super::args::Root;
use super::load_config;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Record that a translation is up to date with its source file's words (given a
/// source file, records it in each of its translations).
#[derive(Args)]
pub(crate) struct Translated {
    #[command(flatten)]
    root: Root,
    /// Translation files, e.g. content/indicators/fam-kpi-01.cy.md.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

impl Translated {
    pub(crate) fn run(self) -> ExitCode {
        let config = match load_config(&self.root) {
            Ok(c) => c,
            Err(code) => return code,
        };
        let mut ok = true;
        for file in self.files {
            match dangos::check::translations::mark_translated(&config, &file) {
                Ok(done) => {
                    for (path, hash) in done {
                        println!("{}: translated_from {hash}", path.display());
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ok = false;
                }
            }
        }
        if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
