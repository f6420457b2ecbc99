//! The command line, declared. Every flag's `///` comment is its `--help` text. Nothing here
//! acts: `config.rs` turns these structs into plain configuration before anything runs.

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
pub use clap_complete::Shell;

use crate::doctor::DEFAULT_ADAPTER_MODULE;
use crate::keys::Bits;
use crate::local_env::DEFAULT_ENV_FILE;
use crate::push::Via;
use crate::rotation::DEFAULT_WAIT_SECS;
use crate::secret::{DEFAULT_BYTES, MAX_BYTES, MIN_BYTES};
use crate::secrets::Secret;

/// A flag that takes one of a domain type's named values (`--bits`, `--via`).
fn choice<T: Copy + Send + Sync + 'static>(table: &'static [(&'static str, T)]) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(table.iter().map(|(name, _)| *name))
        .map(move |name| table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).expect("clap checked the name"))
}

/// A flag that holds a key: kept as a [`Secret`], so no `Debug` of these structs shows it.
fn secret_parser(text: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::new(text))
}

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a project: create the key and secret in the env file, push them, run doctor
    ///
    /// Creates only what is missing (nothing is replaced without --force or a yes), shows the
    /// plan, asks (or needs --yes), applies it, and ends with doctor's report. A second run on a
    /// set-up project changes nothing.
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment; doctor's run at the end is bounded by it as a whole")),
        after_help = concat!("\
Examples:
  convex-authjs setup                          # after `npx convex dev`: dev deployment
  convex-authjs setup --dry-run                # show what would change, change nothing
  CONVEX_DEPLOY_KEY=prod:... convex-authjs setup --prod --yes --print-hosting-env

Environment:
", deployment_env!())
    )]
    Setup(Setup),

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

Environment:
", deployment_env!())
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

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Generate a new key pair; prints the two lines of the setup guide's generateKeys.mjs
    ///
    /// Without --write it prints CONVEX_AUTH_PRIVATE_KEY="…" (newlines written as \n), a blank
    /// line, and JWKS=… . No network, no project needed.
    #[command(after_help = "\
Examples:
  convex-authjs keys generate                  # print both lines, as generateKeys.mjs does
  convex-authjs keys generate --write          # store the key in .env.local; prints only its id
  convex-authjs keys generate --bits 4096 --json

Environment:
  CONVEX_AUTH_PRIVATE_KEY   with --write: a value here is what Next.js uses, over the file's")]
    Generate(KeysGenerate),

    /// Print the JWKS (public key set) of the private key in the environment or env file
    #[command(after_help = "\
Examples:
  convex-authjs keys jwks                      # the JWKS of the key in .env.local
  convex-authjs keys jwks --env-file .env.production.local

Environment:
  CONVEX_AUTH_PRIVATE_KEY   read before the env file, as Next.js reads it")]
    Jwks,

    /// Rotate the signing key with no token rejected: publish a new key beside the current one,
    /// wait out Convex's JWKS cache, then switch the signer
    ///
    /// The signer must send kid (doctor says whether yours does). On dev the new key replaces
    /// CONVEX_AUTH_PRIVATE_KEY in the env file; on --prod it goes to your host (printed, or a
    /// file you name). Run `keys prune` once the old key's tokens have expired (1 h).
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment")),
        after_help = concat!("\
Examples:
  convex-authjs keys rotate                    # dev: .env.local and your dev deployment
  convex-authjs keys rotate --wait 60          # wait longer for Convex's JWKS cache
  CONVEX_DEPLOY_KEY=prod:... convex-authjs keys rotate --prod --print-hosting-env

Environment:
", deployment_env!())
    )]
    Rotate(KeysRotate),

    /// Remove retired keys from the deployment's JWKS, once no token they signed can be valid
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment")),
        after_help = concat!("\
Examples:
  convex-authjs keys prune                     # refuses while a retired key's tokens may be valid
  convex-authjs keys prune --force             # remove them now (their tokens are rejected)

Environment:
", deployment_env!())
    )]
    Prune(KeysPrune),

    /// Show which keys are local, served, and on the deployment, which one signs, and when each
    /// retired key is safe to prune
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request")),
        after_help = concat!("\
Examples:
  convex-authjs keys status
  convex-authjs keys status --prod --json

Environment:
", deployment_env!())
    )]
    Status(KeysStatus),
}

#[derive(Debug, Args)]
pub struct KeysRotate {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    /// How to reach the deployment, as for `env push`
    #[arg(long, default_value = Via::CHOICES[0].0, value_parser = choice(Via::CHOICES), value_name = "HOW")]
    pub via: Via,

    /// Seconds to wait between publishing the new key and switching the signer: Convex's JWKS
    /// cache time (max-age plus stale-while-revalidate of your /.well-known/jwks.json route)
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_WAIT_SECS)]
    pub wait: u64,

    /// With --prod: print the new CONVEX_AUTH_PRIVATE_KEY for your hosting provider
    #[arg(long, requires = "prod")]
    pub print_hosting_env: bool,

    /// With --prod: write the new CONVEX_AUTH_PRIVATE_KEY into this file for your host
    #[arg(long, value_name = "PATH", requires = "prod")]
    pub hosting_env_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct KeysPrune {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    /// How to reach the deployment, as for `env push`
    #[arg(long, default_value = Via::CHOICES[0].0, value_parser = choice(Via::CHOICES), value_name = "HOW")]
    pub via: Via,

    /// Remove retired keys even while tokens they signed may be valid (those are rejected)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct KeysStatus {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    /// How to reach the deployment, as for `env push`
    #[arg(long, default_value = Via::CHOICES[0].0, value_parser = choice(Via::CHOICES), value_name = "HOW")]
    pub via: Via,
}

#[derive(Debug, Args)]
pub struct KeysGenerate {
    /// RSA key size in bits
    #[arg(long, default_value = Bits::CHOICES[0].0, value_parser = choice(Bits::CHOICES), value_name = "BITS")]
    pub bits: Bits,

    /// Store CONVEX_AUTH_PRIVATE_KEY in the env file instead of printing it
    #[arg(long)]
    pub write: bool,

    /// With --write: replace an existing CONVEX_AUTH_PRIVATE_KEY (signs out every session)
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>
    #[command(after_help = "\
Examples:
  convex-authjs secret generate                # print CONVEX_AUTH_ADAPTER_SECRET=...
  convex-authjs secret generate --write        # store it in .env.local
  convex-authjs secret generate --raw          # the value alone, for a pipe

Environment:
  CONVEX_AUTH_ADAPTER_SECRET   with --write: a value here is what Next.js uses, over the file's")]
    Generate(SecretGenerate),
}

#[derive(Debug, Args)]
pub struct SecretGenerate {
    /// How many random bytes (at least 32); 33 bytes give 44 base64 characters
    #[arg(long, default_value_t = DEFAULT_BYTES, value_name = "N", value_parser = clap::value_parser!(u16).range(i64::from(MIN_BYTES)..=i64::from(MAX_BYTES)))]
    pub bytes: u16,

    /// Print the value alone, without CONVEX_AUTH_ADAPTER_SECRET=
    #[arg(long, conflicts_with = "write")]
    pub raw: bool,

    /// Store CONVEX_AUTH_ADAPTER_SECRET in the env file instead of printing it
    #[arg(long)]
    pub write: bool,

    /// With --write: replace an existing CONVEX_AUTH_ADAPTER_SECRET
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment
    ///
    /// Shows the plan first (add, change or unchanged; never a value), then asks, or needs --yes
    /// when there is no terminal. The private key itself is never sent.
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment")),
        after_help = concat!("\
Examples:
  convex-authjs env push                       # the dev deployment, through your convex login
  convex-authjs env push --dry-run             # show the plan, change nothing
  CONVEX_DEPLOY_KEY=prod:... convex-authjs env push --prod --yes

Environment:
", deployment_env!())
    )]
    Push(EnvPush),
}

#[derive(Debug, Args)]
pub struct EnvPush {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    /// How to reach the deployment: over HTTP with a key (api), through `npx convex env set`
    /// (cli), or api when a key is known and cli otherwise (auto)
    #[arg(long, default_value = Via::CHOICES[0].0, value_parser = choice(Via::CHOICES), value_name = "HOW")]
    pub via: Via,

    /// Show the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Set them as your project's default variables for new preview deployments (through
    /// `npx convex env default set --type preview`), instead of on one deployment
    #[arg(long, conflicts_with_all = ["prod", "deployment_name", "url", "admin_key"])]
    pub preview: bool,
}

#[derive(Debug, Args)]
pub struct Doctor {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub checks: CheckArgs,
}

/// What doctor checks against; shared by `doctor` and `setup`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of
    /// the deployment with an admin key, else derived from the deployment URL]
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,

    /// The module in convex/ that holds the adapter's functions
    #[arg(long, value_name = "NAME", default_value = DEFAULT_ADAPTER_MODULE)]
    pub adapter_module: String,
}

#[derive(Debug, Args)]
pub struct Setup {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    /// How to reach the deployment, as for `env push`
    #[arg(long, default_value = Via::CHOICES[0].0, value_parser = choice(Via::CHOICES), value_name = "HOW")]
    pub via: Via,

    /// Replace an existing private key and adapter secret with new ones (signs out every session)
    #[arg(long)]
    pub force: bool,

    /// Also print CONVEX_AUTH_PRIVATE_KEY and CONVEX_AUTH_ADAPTER_SECRET for your hosting provider
    #[arg(long)]
    pub print_hosting_env: bool,

    /// With --prod: also write the production values into this file (.env.production.local, or
    /// one you hand to your host), never into .env.local
    #[arg(long, value_name = "PATH", requires = "prod")]
    pub hosting_env_file: Option<PathBuf>,

    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Put the values in your project's defaults for new preview deployments (as `env push
    /// --preview`), keeping them in the env file for your host's preview environment
    #[arg(long, conflicts_with_all = ["prod", "deployment_name", "url", "admin_key"])]
    pub preview: bool,

    #[command(flatten)]
    pub checks: CheckArgs,
}

/// Which deployment, and how to reach it; shared by every command that talks to Convex.
#[derive(Debug, Clone, Args)]
pub struct DeploymentArgs {
    /// Target your production deployment instead of the dev one
    #[arg(long, conflicts_with = "deployment_name")]
    pub prod: bool,

    /// Target the deployment with this name
    #[arg(long, value_name = "NAME")]
    pub deployment_name: Option<String>,

    /// The deployment's URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)
    #[arg(long, value_name = "KEY", requires = "url", value_parser = secret_parser)]
    pub admin_key: Option<Secret>,

    /// Seconds to wait for the network (for doctor: the bound on the whole run)
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)
    #[arg(long)]
    pub allow_insecure_http: bool,
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
