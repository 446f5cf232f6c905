//! `dangos export`.

use super::args::Root;
use clap::Args;
use dangos::import::export;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write every figure in the columns `import` reads, a row per indicator and period.
#[derive(Args)]
pub(crate) struct Export {
    #[command(flatten)]
    root: Root,
    /// `csv` or `xlsx`.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    // Not the shared `--output` of build and watch: this one names a file, not a folder.
    /// The file to write (never one that exists); CSV goes to standard output without it.
    #[arg(long)]
    output: Option<PathBuf>,
}

/// File formats of `export`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Csv,
    Xlsx,
}

impl Export {
    pub(crate) fn run(self) -> ExitCode {
        let format = match self.format {
            Format::Csv => export::Format::Csv,
            Format::Xlsx => export::Format::Xlsx,
        };
        match export::export(&self.root.root, format, self.output.as_deref()) {
            Ok(rows) => {
                if let Some(out) = self.output {
                    println!("Wrote {rows} rows to {}", out.display());
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprint!("{diags}");
                ExitCode::FAILURE
            }
        }
    }
}
