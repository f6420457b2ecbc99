//! The one exit path: parse, run, report, exit.

#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::Parser;
use convex_authjs::cli::{Cli, ColorWhen};
use convex_authjs::config::Config;
use convex_authjs::environment::Environment;
use convex_authjs::failure::Failure;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

fn main() -> ExitCode {
    // First of all: the environment may already hold a deploy key.
    convex_authjs::core_dumps::forbid();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap uses 2 for usage errors and 0 for --help and --version.
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let choice = match cli.global.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();

    let json = cli.global.json;
    match convex_authjs::run(Config::from_cli(cli, Environment::of_process())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure, json);
            ExitCode::from(failure.exit.code())
        }
    }
}

/// Says why the run ended: on stderr for a person, and with --json also as the one JSON
/// document on stdout, so a tool always gets one.
fn report(failure: &Failure, json: bool) {
    if failure.message.is_empty() {
        return;
    }
    let mut err = anstream::stderr().lock();
    if failure.declined {
        let _ = writeln!(err, "{}", failure.message);
    } else {
        let _ = writeln!(err, "convex-authjs: {ERROR}error:{ERROR:#} {}", failure.message);
    }
    for hint in &failure.hints {
        let _ = writeln!(err, "{HINT}hint:{HINT:#} {hint}");
    }
    if json {
        let mut error = serde_json::json!({ "message": failure.message });
        if !failure.hints.is_empty() {
            error["hint"] = failure.hints.join("; ").into();
        }
        let document = serde_json::json!({ "ok": false, "error": error });
        let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string_pretty(&document).unwrap_or_default());
    }
}
