//! convex-authjs: sets up and verifies the keys and secrets of the Convex Adapter for Auth.js.
//!
//! `cli` declares the command line; `commands` runs it; the rest is the domain, which returns
//! data and errors and never prints.

pub mod cli;
mod commands;
pub mod convex;
pub mod deployment;
pub mod doctor;
pub mod dotenv;
pub mod error;
pub mod http;
pub mod keys;
pub mod local_env;
pub mod secret;
pub mod token;

use cli::{Cli, Command, EnvCommand, KeysCommand, SecretCommand};
use error::Failure;

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    let g = &cli.global;
    let ui = commands::Ui { json: g.json, quiet: g.quiet, yes: g.yes };
    match &cli.command {
        Command::Keys(KeysCommand::Generate(args)) => commands::keys::generate(&ui, &g.env_file, args),
        Command::Keys(KeysCommand::Jwks) => commands::keys::jwks(&ui, &g.env_file),
        Command::Secret(SecretCommand::Generate(args)) => commands::secret::generate(&ui, &g.env_file, args),
        Command::Env(EnvCommand::Push(args)) => commands::env_push::push(&ui, &g.env_file, args),
        Command::Setup(args) => commands::setup::setup(&ui, &g.env_file, args),
        Command::Doctor(args) => commands::doctor::doctor(&ui, &g.env_file, args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            cli::completions(*shell, &mut out);
            ui.result(String::from_utf8_lossy(&out).trim_end())
        }
    }
}
