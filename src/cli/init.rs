//! `init`'s arguments.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct Init {
    /// Show a unified diff of every change, and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Also run the package manager's install command for the packages the code needs
    #[arg(long)]
    pub install: bool,

    /// A sign-in provider for the Auth.js config, by Auth.js's id (github, google, discord, …);
    /// repeat it for more
    #[arg(long = "provider", value_name = "ID")]
    pub providers: Vec<String>,

    /// The Convex folder, when it is not this app's own: a workspace package's (such as
    /// ../../packages/backend/convex), which the app depends on and imports by name
    #[arg(long, value_name = "PATH")]
    pub convex_dir: Option<PathBuf>,
}
