//! The one exit path: parse, run, report, exit.

use std::io::Write;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::Parser;
use convex_authjs::cli::{Cli, ColorWhen};
use convex_authjs::config::Config;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

fn main() -> ExitCode {
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

    match convex_authjs::run(Config::from_cli(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                let mut err = anstream::stderr().lock();
                let _ = writeln!(err, "convex-authjs: {ERROR}error:{ERROR:#} {}", failure.message);
                for hint in &failure.hints {
                    let _ = writeln!(err, "{HINT}hint:{HINT:#} {hint}");
                }
            }
            ExitCode::from(failure.exit.code())
        }
    }
}
