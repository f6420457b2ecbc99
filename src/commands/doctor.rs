//! `doctor`: find the endpoints, run the checks, print the report.

use std::path::Path;

use super::connection::{http, project_dir};
use super::report::render;
use super::ui::Ui;
use crate::config::Doctor;
use crate::deployment::urls;
use crate::doctor::{self, Inputs};
use crate::failure::{Exit, Failure};
use crate::local_env::LocalEnv;

pub fn doctor(ui: &Ui, env_file: &Path, args: Doctor) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file)?;
    let c = &args.connection;
    let endpoints = urls::endpoints(&c.selector, args.site_url.as_deref(), &project_dir()?, &local, &http(c))?;
    let inputs = Inputs::gather(&local, endpoints, &args.adapter_module, c.timeout, c.allow_insecure_http);
    let report = doctor::run(&inputs);
    if ui.json {
        ui.json(&report)?;
    } else {
        render(ui, &inputs.endpoints.deployment_url, &report)?;
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}
