//! `dangos new`.

use super::args::Root;
use super::load_config;
use clap::{Args, Subcommand};
use dangos::period::PeriodError;
use dangos::scaffold;
use std::process::ExitCode;

/// Write a new content file and its translation stubs (never overwriting).
#[derive(Args)]
pub(crate) struct New {
    #[command(flatten)]
    pub(crate) root: Root,
    #[command(subcommand)]
    what: Kind,
}

/// What `new` writes.
#[derive(Subcommand)]
enum Kind {
    /// content/indicators/ID.md
    Indicator {
        /// The id: the file name and the last part of the page's address, e.g. fam-kpi-04.
        id: String,
    },
    /// content/reports/PERIOD.md, with the sections of the latest report.
    Report {
        /// The period, e.g. "2019-20 Q3" (quoted, or as two words).
        #[arg(required = true, num_args = 1..=2)]
        period: Vec<String>,
    },
    /// content/targets/YEAR.md, listing every indicator with a target for the year.
    TargetYear {
        /// The financial year, e.g. 2020-21.
        year: String,
    },
}

impl New {
    pub(crate) fn run(self) -> ExitCode {
        let what = match self.what {
            Kind::Indicator { id } => Ok(scaffold::New::Indicator(id)),
            Kind::Report { period } => period
                .join(" ")
                .parse()
                .map(scaffold::New::Report)
                .map_err(|e: PeriodError| e.to_string()),
            Kind::TargetYear { year } => year
                .parse()
                .map(scaffold::New::TargetYear)
                .map_err(|e: PeriodError| e.to_string()),
        };
        let what = match what {
            Ok(w) => w,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        // A problem with site.toml is printed as every command prints it.
        let config = match load_config(&self.root) {
            Ok(c) => c,
            Err(code) => return code,
        };
        match scaffold::create(&config, &what) {
            Ok(files) => {
                for f in &files {
                    println!("created {}", f.display());
                }
                println!("Replace each TODO with the words, then run `dangos check`.");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
