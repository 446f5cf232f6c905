//! The `dangos` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand};
use dangos::config::Overrides;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Build a bilingual (Welsh/English) performance-reporting website from Markdown.
#[derive(Parser)]
#[command(name = "dangos", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ unless site.toml says otherwise).
    Build {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write here instead of site.toml's `output` (relative to the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of site.toml's base URLs, e.g. http://localhost:8000/
        #[arg(long)]
        base_url: Option<String>,
        /// Include content marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check that the site is ready to publish: builds in memory (writing nothing) and
    /// reports broken links, missing or stale translations, impossible figures...
    Check {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail (exit code 1) on warnings too, not only on errors.
        #[arg(long)]
        strict: bool,
        /// `text` for people, `json` for tools: [{"file", "line", "severity", "code", "message"}].
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Check content marked `draft: true` too.
        #[arg(long)]
        drafts: bool,
    },
    /// Show the translator's job: per kind of content, how many translations are up to
    /// date, stale, not recorded, or missing.
    Status {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` or `json`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Record that a translation is up to date with its source file's words (given a
    /// source file, records it in each of its translations).
    Translated {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Translation files, e.g. content/indicators/fam-kpi-01.cy.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a new content file and its translation stubs (never overwriting).
    New {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        what: NewKind,
    },
    /// Preview the site: build it in memory, serve it on this computer, rebuild on every
    /// change and reload the open pages (showing any problem over the page).
    Serve {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; the default lets only this computer in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default web browser.
        #[arg(long)]
        open: bool,
        /// Look for changes by polling, for network drives where change events do not arrive.
        #[arg(long)]
        poll: bool,
        /// Include content marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site, then rebuild on every change, writing only the files that changed.
    Watch {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write here instead of site.toml's `output` (relative to the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of site.toml's base URLs, e.g. http://localhost:8000/
        #[arg(long)]
        base_url: Option<String>,
        /// Include content marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Look for changes by polling, for network drives where change events do not arrive.
        #[arg(long)]
        poll: bool,
    },
}

/// Output formats of `check` and `status`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum NewKind {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let overrides = Overrides {
                output,
                base_url,
                drafts,
            };
            match dangos::build::build(&root, &overrides) {
                Ok(s) => {
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
                    let n = diags
                        .0
                        .iter()
                        .filter(|d| d.severity() == dangos::diagnostics::Severity::Error)
                        .count();
                    eprintln!(
                        "\nThe build failed with {n} problem{}; the output folder was left as it was.",
                        if n == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            root,
            strict,
            format,
            drafts,
        } => {
            let overrides = Overrides {
                drafts,
                ..Overrides::default()
            };
            let report = dangos::check::check(&root, &overrides);
            match format {
                Format::Text => print!("{}", report.to_text()),
                Format::Json => print!("{}", report.to_json()),
            }
            if report.passes(strict) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Status { root, format } => {
            let config = match dangos::config::Config::load(&root, &Overrides::default()) {
                Ok(c) => c,
                Err(d) => {
                    eprintln!("{d}");
                    return ExitCode::FAILURE;
                }
            };
            let all = dangos::check::translations::translations(&config);
            match format {
                Format::Text => print!(
                    "{}",
                    dangos::check::translations::status_text(&config, &all)
                ),
                Format::Json => print!(
                    "{}",
                    dangos::check::translations::status_json(&config, &all)
                ),
            }
            ExitCode::SUCCESS
        }
        Command::Translated { root, files } => {
            let config = match dangos::config::Config::load(&root, &Overrides::default()) {
                Ok(c) => c,
                Err(d) => {
                    eprintln!("{d}");
                    return ExitCode::FAILURE;
                }
            };
            let mut ok = true;
            for file in files {
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
        Command::New { root, what } => {
            let what = match what {
                NewKind::Indicator { id } => Ok(dangos::scaffold::New::Indicator(id)),
                NewKind::Report { period } => period
                    .join(" ")
                    .parse()
                    .map(dangos::scaffold::New::Report)
                    .map_err(|e: dangos::period::PeriodError| e.to_string()),
                NewKind::TargetYear { year } => year
                    .parse()
                    .map(dangos::scaffold::New::TargetYear)
                    .map_err(|e: dangos::period::PeriodError| e.to_string()),
            };
            match what.and_then(|w| dangos::scaffold::create(&root, &w)) {
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
        Command::Serve {
            root,
            bind,
            port,
            open,
            poll,
            drafts,
        } => {
            let options = dangos::serve::Options {
                root,
                bind,
                port,
                open,
                poll,
                drafts,
            };
            match dangos::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Watch {
            root,
            output,
            base_url,
            drafts,
            poll,
        } => {
            let overrides = Overrides {
                output,
                base_url,
                drafts,
            };
            match dangos::watch::run(&root, overrides, poll) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
