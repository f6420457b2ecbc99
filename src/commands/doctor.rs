//! `doctor`: run the checks, print the report (and, for CI, JUnit XML and GitHub's annotations
//! and step summary).

use std::path::Path;

use super::connection::{connect, http};
use super::hosting;
use super::report::{check, render};
use super::ui::Ui;
use crate::cli::Doctor;
use crate::config::Connection;
use crate::deployment::channel::Via;
use crate::doctor::ci;
use crate::failure::{Exit, Failure};
use crate::local_env::{EnvSources, LocalEnv, Mode};

pub fn doctor(ui: &Ui, env_file: &EnvSources, connection: &Connection, args: &Doctor) -> Result<(), Failure> {
    let prod = connection.selector.prod;
    let local = LocalEnv::load(env_file, Mode::for_prod(prod))?;
    let stage = hosting::stage_of(&args.host, prod, false)?;
    let host = hosting::reach(&args.host, stage, connection, &env_file.process)?;
    let (url, mut report) = check(&local, connection, &args.checks, &http(connection), None)?;
    // The host's checks compare its witnesses with what the deployment has.
    if let Some(host) = &host {
        hosting::check(&mut report, host, &connect(connection, Via::Auto, false, &local)?)?;
    }
    if let Some(path) = &args.junit {
        std::fs::write(path, ci::junit(&url, &report)).map_err(|e| {
            Failure::usage(format!("cannot write {}: {e}", path.display())).hint("pass another --junit PATH")
        })?;
    }
    // Under GitHub Actions: a table for the run's summary page, and an annotation per problem.
    let github = env_file.process.get("GITHUB_ACTIONS") == Some("true");
    if let Some(summary) = env_file.process.get("GITHUB_STEP_SUMMARY").filter(|_| github) {
        append(Path::new(summary), &ci::step_summary(&url, &report));
    }
    if ui.json {
        ui.json(&report)?;
    } else {
        render(ui, &url, &report, false)?;
        if github {
            for command in ci::github_commands(&report) {
                ui.result(&command)?;
            }
        }
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}

/// Adds `text` to the step summary file; a summary that cannot be written is no failure of
/// the checks.
fn append(path: &Path, text: &str) {
    use std::io::Write;
    if let Ok(mut file) = std::fs::OpenOptions::new().append(true).create(true).open(path) {
        let _ = file.write_all(text.as_bytes());
    }
}
