//! The `dangos` command line: parses arguments and hands each subcommand to its file in
//! [`cmd`].

mod cmd;

use clap::{Parser, Subcommand};
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

// The variants carry no doc comments: each subcommand's description is the doc comment
// of its struct in src/cmd/, next to its flags.
#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Build),
    Check(cmd::check::Check),
    Status(cmd::status::Status),
    Translated(cmd::translated::Translated),
    New(cmd::new::New),
    Serve(cmd::serve::Serve),
    Watch(cmd::watch::Watch),
    Import(cmd::import::Import),
    Export(cmd::export::Export),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(c) => c.run(),
        Command::Check(c) => c.run(),
        Command::Status(c) => c.run(),
        Command::Translated(c) => c.run(),
        Command::New(c) => c.run(),
        Command::Serve(c) => c.run(),
        Command::Watch(c) => c.run(),
        Command::Import(c) => c.run(),
        Command::Export(c) => c.run(),
    }
}
