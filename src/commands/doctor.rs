//! `doctor`: run the checks, print the report.

use std::path::Path;

use super::report::{check, render};
use super::ui::Ui;
use crate::config::Doctor;
use crate::failure::{Exit, Failure};
use crate::local_env::LocalEnv;

pub fn doctor(ui: &Ui, env_file: &Path, args: Doctor) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file)?;
    let (url, report) = check(&local, &args.connection, &args.checks)?;
    if ui.json {
        ui.json(&report)?;
    } else {
        render(ui, &url, &report)?;
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}
