//! `doctor`: run the checks, print the report.

use super::report::{check, render};
use super::ui::Ui;
use crate::cli::Doctor;
use crate::config::Connection;
use crate::failure::{Exit, Failure};
use crate::local_env::{EnvSources, LocalEnv, Mode};

pub fn doctor(ui: &Ui, env_file: &EnvSources, connection: &Connection, args: &Doctor) -> Result<(), Failure> {
    let local = LocalEnv::load(env_file, Mode::for_prod(connection.selector.prod))?;
    let (url, report) = check(&local, connection, &args.checks, None)?;
    if ui.json {
        ui.json(&report)?;
    } else {
        render(ui, &url, &report, false)?;
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}
