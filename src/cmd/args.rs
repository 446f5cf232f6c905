//! Arguments shared by several subcommands, declared once and flattened into each
//! (`#[command(flatten)]`), so a flag means and reads the same everywhere.

use clap::Args;
use dangos::config::Overrides;
use std::path::PathBuf;

/// `--root`: where the site is.
#[derive(Args)]
pub(crate) struct Root {
    /// The site folder, holding site.toml, content/ and themes/.
    // `global` so that `dangos new indicator ID --root DIR` works as well as
    // `dangos new --root DIR indicator ID`; it changes nothing for commands
    // without subcommands of their own.
    #[arg(long, default_value = ".", global = true)]
    pub(crate) root: PathBuf,
}

/// `--drafts`: whether content marked `draft: true` takes part.
#[derive(Args)]
pub(crate) struct Drafts {
    /// Include content marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
}

/// `--output` and `--base-url`: where a written site goes and the URL it is published
/// under, for the commands that write the site to disk.
#[derive(Args)]
pub(crate) struct Output {
    /// Write here instead of site.toml's `output` (relative to the root).
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Publish under this URL instead of site.toml's base URLs, e.g. http://localhost:8000/
    #[arg(long)]
    pub(crate) base_url: Option<String>,
}

impl Output {
    /// The overrides of site.toml that these flags and `--drafts` ask for.
    pub(crate) fn overrides(self, drafts: Drafts) -> Overrides {
        Overrides {
            output: self.output,
            base_url: self.base_url,
            drafts: drafts.drafts,
        }
    }
}

/// `--poll`: how the commands that follow changes learn of them.
#[derive(Args)]
pub(crate) struct Poll {
    /// Look for changes by polling, for network drives where change events do not arrive.
    #[arg(long)]
    pub(crate) poll: bool,
}

/// Output formats of `check` and `status`. Each command documents its own `--format`,
/// as the JSON they write differs.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}
