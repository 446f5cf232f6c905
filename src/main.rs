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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::path::Path;

    fn parse(args: &[&str]) -> Command {
        let all = std::iter::once("dangos").chain(args.iter().copied());
        Cli::try_parse_from(all)
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
            .command
    }

    /// clap's own consistency checks: no flag declared twice when the shared
    /// arguments are flattened in, no clashing short names or ids.
    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    /// The shared flags reach each command that takes them, and `--root` is accepted
    /// after `new`'s own subcommand as well as before it.
    #[test]
    fn shared_flags_reach_every_command() {
        let Command::Watch(w) = parse(&[
            "watch",
            "--root",
            "site",
            "--output",
            "out",
            "--base-url",
            "http://x/",
            "--drafts",
            "--poll",
        ]) else {
            panic!("not watch")
        };
        assert_eq!(w.root.root, Path::new("site"));
        assert!(w.poll.poll);
        let o = w.output.overrides(w.drafts);
        assert_eq!(o.output.as_deref(), Some(Path::new("out")));
        assert_eq!(o.base_url.as_deref(), Some("http://x/"));
        assert!(o.drafts);

        let Command::Build(b) = parse(&["build"]) else {
            panic!("not build")
        };
        assert_eq!(b.root.root, Path::new("."));
        let o = b.output.overrides(b.drafts);
        assert!(o.output.is_none() && o.base_url.is_none() && !o.drafts);

        for args in [
            &["new", "--root", "site", "indicator", "x"][..],
            &["new", "indicator", "x", "--root", "site"][..],
        ] {
            let Command::New(n) = parse(args) else {
                panic!("not new")
            };
            assert_eq!(n.root.root, Path::new("site"), "{args:?}");
        }
    }
}
