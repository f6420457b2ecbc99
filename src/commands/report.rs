//! doctor's run and its report as text, for `doctor` and `setup`.

use anstyle::{AnsiColor, Style};

use super::connection::{http, project_dir};
use super::ui::Ui;
use crate::config::{Checks, Connection};
use crate::deployment::urls;
use crate::doctor::{self, Inputs, Report, Status};
use crate::failure::Failure;
use crate::local_env::LocalEnv;

/// Finds the endpoints and runs every check; the deployment URL comes back for the heading.
pub fn check(local: &LocalEnv, connection: &Connection, checks: &Checks) -> Result<(String, Report), Failure> {
    let c = connection;
    let project = project_dir()?;
    let endpoints = urls::endpoints(&c.selector, checks.site_url.as_deref(), &project, local, &http(c))?;
    let inputs =
        Inputs::gather(local, endpoints, &project, &checks.adapter_module, c.timeout, c.allow_insecure_http);
    let report = doctor::run(&inputs);
    Ok((inputs.endpoints.deployment_url, report))
}

fn mark(status: Status) -> (Style, &'static str) {
    match status {
        Status::Pass => (AnsiColor::Green.on_default().bold(), "pass"),
        Status::Warn => (AnsiColor::Yellow.on_default().bold(), "warn"),
        Status::Fail => (AnsiColor::Red.on_default().bold(), "fail"),
        Status::Skip => (AnsiColor::BrightBlack.on_default(), "skip"),
    }
}

pub fn render(ui: &Ui, url: &str, report: &Report) -> Result<(), Failure> {
    let mut lines = vec![format!("convex-authjs doctor: {url}")];
    for check in &report.checks {
        let (style, word) = mark(check.status);
        lines.push(format!("  {style}{word}{style:#}  {:<29} {}", check.id.as_str(), check.summary));
        if let Some(hint) = &check.hint {
            lines.push(format!("        {:<29} hint: {hint}", ""));
        }
    }
    let count = |s: Status| report.checks.iter().filter(|c| c.status == s).count();
    lines.push(format!(
        "{} passed, {} warned, {} failed, {} skipped",
        count(Status::Pass),
        count(Status::Warn),
        count(Status::Fail),
        count(Status::Skip)
    ));
    ui.result(&lines.join("\n"))
}
