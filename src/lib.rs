//! convex-authjs: sets up and verifies the keys and secrets of the Convex Adapter for Auth.js.
//!
//! `cli` declares the command line and `config` turns it into plain configuration; `commands`
//! runs one command each; the rest is the domain, which returns data and errors and never
//! prints. `explain` is where those errors become the words and exit codes a user sees.

#![forbid(unsafe_code)]

pub mod adapter_secret;
pub mod cli;
mod commands;
pub mod config;
pub mod convex;
pub mod core_dumps;
pub mod deployment;
pub mod doctor;
pub mod dotenv;
pub mod environment;
pub mod explain;
pub mod failure;
pub mod hints;
pub mod host;
pub mod http;
pub mod init;
pub mod keys;
pub mod local_env;
pub mod push;
pub mod rotation;
pub mod secrets;
pub mod source_files;
pub mod text_file;
pub mod token;
pub mod vars;

use config::Config;
use failure::Failure;

pub use commands::Streams;

/// Runs one command, its output on this process's stdout and stderr.
pub fn run(config: Config) -> Result<(), Failure> {
    let streams = Streams::process(&config.env_files.process);
    run_with(config, streams)
}

/// Runs one command, its output on `streams` (a test's buffers, say).
pub fn run_with(config: Config, streams: Streams) -> Result<(), Failure> {
    let ui = commands::Ui::new(config.output, &config.env_files.process, streams);
    let files = &config.env_files;
    match &config.command {
        cli::Command::Keys(cli::KeysCommand::Generate(a)) => commands::keys::generate(&ui, files, a),
        cli::Command::Keys(cli::KeysCommand::Jwks) => commands::keys::jwks(&ui, files),
        cli::Command::Keys(cli::KeysCommand::Rotate(a)) => {
            commands::rotation::rotate(&ui, files, &config.connection(&a.deployment), a)
        }
        cli::Command::Keys(cli::KeysCommand::Prune(a)) => {
            commands::rotation::prune(&ui, files, &config.connection(&a.deployment), a)
        }
        cli::Command::Keys(cli::KeysCommand::Status(a)) => {
            commands::rotation::status(&ui, files, &config.connection(&a.deployment), a)
        }
        cli::Command::Secret(cli::SecretCommand::Generate(a)) => commands::secret::generate(&ui, files, a),
        cli::Command::Env(cli::EnvCommand::Push(a)) => {
            commands::env_push::push(&ui, files, &config.connection(&a.deployment), a)
        }
        cli::Command::Doctor(a) => commands::doctor::doctor(&ui, files, &config.connection(&a.deployment), a),
        cli::Command::Setup(a) => commands::setup::setup(&ui, files, &config.connection(&a.deployment), a),
        cli::Command::Init(a) => commands::init::init(&ui, a),
        cli::Command::Completions { shell } => commands::completions::print(&ui, *shell),
    }
}
