//! `dangos import`.

use super::args::Root;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a spreadsheet's figures (CSV, XLSX or ODS) into the indicators' files: all
/// of them, or none if any row is wrong. See README, "Importing a quarter's figures".
#[derive(Args)]
pub(crate) struct Import {
    #[command(flatten)]
    root: Root,
    /// The spreadsheet: columns indicator, period, value (or numerator and
    /// denominator), and optionally target and commentary.
    file: PathBuf,
    /// Show what would change, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Replace figures that differ from the files' (each is listed).
    #[arg(long)]
    overwrite: bool,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// Numbers written as text have a decimal comma (`78,9`; `1.850` is 1850).
    /// Without this or --decimal-point, the file's own numbers say which.
    #[arg(long, conflicts_with = "decimal_point")]
    decimal_comma: bool,
    /// Numbers written as text have a decimal point (`78.9`; `1,850` is 1850).
    #[arg(long)]
    decimal_point: bool,
}

impl Import {
    pub(crate) fn run(self) -> ExitCode {
        let options = dangos::import::Options {
            root: self.root.root,
            file: self.file,
            sheet: self.sheet,
            dry_run: self.dry_run,
            overwrite: self.overwrite,
            decimal: match (self.decimal_comma, self.decimal_point) {
                (true, _) => Some(dangos::import::Decimal::Comma),
                (_, true) => Some(dangos::import::Decimal::Point),
                _ => None,
            },
        };
        match dangos::import::import(&options) {
            Ok(outcome) => {
                print!("{}", outcome.to_text());
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprint!("{diags}");
                eprintln!("\n{}", dangos::import::NOTHING_WRITTEN);
                ExitCode::FAILURE
            }
        }
    }
}
