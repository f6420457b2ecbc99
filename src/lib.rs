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
pub mod http;
pub mod init;
pub mod keys;
pub mod local_env;
pub mod push;
pub mod rotation;
pub mod secrets;
pub mod text_file;
pub mod token;
pub mod vars;

use config::{Command, Config};
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
    let env_file = &config.env_files;
    match config.command {
        Command::KeysGenerate { bits, write, force } => commands::keys::generate(&ui, env_file, bits, write, force),
        Command::KeysJwks => commands::keys::jwks(&ui, env_file),
        Command::KeysRotate(args) => commands::rotation::rotate(&ui, env_file, args),
        Command::KeysPrune(args) => commands::rotation::prune(&ui, env_file, args),
        Command::KeysStatus(args) => commands::rotation::status(&ui, env_file, args),
        Command::SecretGenerate { bytes, raw, write, force } => {
            commands::secret::generate(&ui, env_file, bytes, raw, write, force)
        }
        Command::EnvPush(push) => commands::env_push::push(&ui, env_file, push),
        Command::Doctor(doctor) => commands::doctor::doctor(&ui, env_file, doctor),
        Command::Setup(setup) => commands::setup::setup(&ui, env_file, setup),
        Command::Init(init) => commands::init::init(&ui, init),
        Command::Completions { .. } if config.output.json => {
            Err(Failure::usage("completions prints a shell script, which has no JSON form").hint("drop --json"))
        }
        Command::Completions { script } => ui.result(&script),
    }
}
