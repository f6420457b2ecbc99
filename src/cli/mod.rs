//! The command line, declared. Every flag's `///` comment is its `--help` text. Nothing here
//! acts: `config.rs` turns these structs into plain configuration before anything runs. The
//! commands' own arguments are in `keys.rs` (keys, secret), `deployment.rs` (env push,
//! doctor, setup) and `init.rs`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
pub use clap_complete::Shell;

use crate::local_env::DEFAULT_ENV_FILE;

/// Set up and verify the keys and secrets of the Convex Adapter for Auth.js.
///
/// Generates the RS256 key pair (CONVEX_AUTH_PRIVATE_KEY for Next.js, JWKS for Convex) and the
/// shared CONVEX_AUTH_ADAPTER_SECRET, and writes them into your Next.js env file safely.
#[derive(Debug, Parser)]
#[command(
    name = "convex-authjs",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "\
Examples:
  convex-authjs setup                          # a Next.js + Convex app to verified Auth.js auth
  convex-authjs doctor                         # prove it works; run it in CI after every deploy
  convex-authjs keys generate                  # a key pair, printed as the setup guide prints it"
)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The Next.js env file to read values from and write them to
    #[arg(long, global = true, value_name = "PATH", default_value = DEFAULT_ENV_FILE)]
    pub env_file: PathBuf,

    /// Print one JSON document on stdout and nothing else there
    #[arg(long, global = true)]
    pub json: bool,

    /// When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Print nothing but errors and the values you asked for
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Never prompt: a question that needs an answer becomes an error naming the flag to pass
    #[arg(short, long, global = true)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The variables every command that talks to a deployment reads, for their `--help`.
macro_rules! deployment_env {
    () => {
        "  CONVEX_DEPLOY_KEY              a deploy key: the deployment and its key, for CI
  CONVEX_SELF_HOSTED_URL         a self-hosted backend's URL, with CONVEX_SELF_HOSTED_ADMIN_KEY
  CONVEX_SELF_HOSTED_ADMIN_KEY   its admin key
  NEXT_PUBLIC_CONVEX_URL         the deployment URL `npx convex dev` writes
  NEXT_PUBLIC_CONVEX_SITE_URL    the site URL (the token issuer) `npx convex dev` writes
  CI                             set: never prompt
  NO_COLOR                       set: no colours"
    };
}

/// The variables `--host` reads, for the commands that take it.
macro_rules! host_env {
    () => {
        "
  VERCEL_TOKEN                   with --host vercel: the API token (vercel.com/account/tokens)
  NETLIFY_AUTH_TOKEN             with --host netlify: the API token
  VERCEL_PROJECT_ID, NETLIFY_SITE_ID   the host's project, where no link is in the folder"
    };
}

mod deployment;
mod init;
mod keys;
mod parse;

pub use deployment::{CheckArgs, DeploymentArgs, Doctor, EnvCommand, EnvPush, HostArgs, Reach, Setup};
pub use init::Init;
pub use keys::{KeysCommand, KeysGenerate, KeysPrune, KeysRotate, KeysStatus, SecretCommand, SecretGenerate};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a project: the adapter's code, the key and secrets, the deployment, then doctor
    ///
    /// Writes the adapter's code as `init` does (in a Next.js app), creates the key and secrets
    /// that are missing in the env file (nothing is replaced without --force or a yes), pushes
    /// JWKS and the adapter secret, and ends with doctor's report and what is left to do. One
    /// plan, one question (or --yes); a second run on a set-up project changes nothing.
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment; doctor's run at the end is bounded by it as a whole")),
        after_help = concat!("\
Examples:
  convex-authjs setup                          # after `npx convex dev`: dev deployment
  convex-authjs setup --dry-run                # show what would change, change nothing
  convex-authjs setup --provider google        # with sign-in through Google
  CONVEX_DEPLOY_KEY=prod:... convex-authjs setup --prod --yes --print-hosting-env
  CONVEX_DEPLOY_KEY=prod:... convex-authjs setup --prod --host vercel --redeploy

Environment:
", deployment_env!(), host_env!())
    )]
    Setup(Setup),

    /// Write the adapter's code into the project: tables, Convex functions, routes, signer
    ///
    /// Shows a plan first, one line per file: create, update (our part inserted into your own
    /// file, in its style), unchanged, or manual (a file we leave to you, with the exact lines to
    /// add). Asks once, then writes; a second run changes nothing. Run it in your app's folder.
    #[command(after_help = "\
Examples:
  convex-authjs init                           # show the plan, ask, write
  convex-authjs init --dry-run                 # the diff of every change; write nothing
  convex-authjs init --yes --install           # write, then install next-auth and jose
  convex-authjs init --provider github         # with sign-in through GitHub
  convex-authjs init --convex-dir ../../packages/backend/convex   # the workspace's backend")]
    Init(Init),

    /// Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment
    ///
    /// One line per check (pass, warn, fail, skip) with the fix for each problem. Exit code 0
    /// when nothing failed, 1 when something did, 2 when doctor could not run at all.
    #[command(
        mut_arg("timeout", |a| a.help("Seconds the whole run may take, every request included")),
        after_help = concat!("\
Examples:
  convex-authjs doctor                         # the dev deployment in .env.local
  convex-authjs doctor --json                  # one JSON document, for other tools
  CONVEX_DEPLOY_KEY=prod:... convex-authjs doctor --prod
  CONVEX_DEPLOY_KEY=prod:... convex-authjs doctor --prod --host vercel --junit report.xml

Environment:
", deployment_env!(), host_env!())
    )]
    Doctor(Doctor),

    /// Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment
    #[command(subcommand)]
    Env(EnvCommand),

    /// Generate the RS256 key pair, or print the JWKS of the key you have
    #[command(subcommand)]
    Keys(KeysCommand),

    /// Generate the adapter's shared secret (CONVEX_AUTH_ADAPTER_SECRET)
    #[command(subcommand)]
    Secret(SecretCommand),

    /// Print the shell completion script for SHELL on stdout
    #[command(after_help = "\
Examples:
  convex-authjs completions bash > ~/.local/share/bash-completion/completions/convex-authjs
  convex-authjs completions zsh > ~/.zfunc/_convex-authjs
  convex-authjs completions fish > ~/.config/fish/completions/convex-authjs.fish")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// The completion script for `shell`, as clap_complete writes it.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "convex-authjs", out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_flag_and_command_has_help() {
        fn walk(cmd: &clap::Command) {
            for arg in cmd.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                assert!(builtin || arg.get_help().is_some(), "{} --{} has no help", cmd.get_name(), arg.get_id());
            }
            for sub in cmd.get_subcommands() {
                assert!(sub.get_about().is_some(), "{} has no about", sub.get_name());
                walk(sub);
            }
        }
        walk(&Cli::command());
    }
}
