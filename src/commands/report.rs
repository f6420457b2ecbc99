//! doctor's run and its report as text, for `doctor` and `setup`.

use std::time::Instant;

use anstyle::{AnsiColor, Style};

use super::connection::{http, project_dir};
use super::ui::{Ui, wrap};
use crate::cli::CheckArgs;
use crate::config::Connection;
use crate::deployment::urls;
use crate::doctor::{self, Inputs, Report, Status};
use crate::failure::Failure;
use crate::local_env::LocalEnv;

/// Finds the endpoints and runs every check; the deployment URL comes back for the heading.
/// `known_url` is the deployment's URL when the run has it already (a deploy key's, looked up).
pub fn check(
    local: &LocalEnv,
    connection: &Connection,
    checks: &CheckArgs,
    known_url: Option<&str>,
) -> Result<(String, Report), Failure> {
    let c = connection;
    // --timeout bounds the whole run: the deploy key's URL lookup and every check.
    let deadline = Instant::now() + c.timeout;
    let project = project_dir()?;
    let http = http(c).until(deadline);
    let endpoints = urls::endpoints(&c.selector, checks.site_url.as_deref(), &project, local, &http, known_url)?;
    let (timeout, insecure) = (c.timeout, c.allow_insecure_http);
    let inputs = Inputs::gather(local, endpoints, &project, &checks.adapter_module, timeout, deadline, insecure);
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

/// Where a check's summary starts: after `  pass  ` and the widest id.
const TEXT_COLUMN: usize = 38;

/// The report as text. `problems_only` (setup's --quiet) keeps the failures and warnings alone.
pub fn render(ui: &Ui, url: &str, report: &Report, problems_only: bool) -> Result<(), Failure> {
    let width = ui.width();
    let mut lines = vec![format!("convex-authjs doctor: {url}")];
    let shown = report.checks.iter().filter(|c| !problems_only || matches!(c.status, Status::Fail | Status::Warn));
    for check in shown {
        let (style, word) = mark(check.status);
        let head = format!("  {style}{word}{style:#}  {:<29} ", check.id.as_str());
        lines.push(format!("{head}{}", wrap(&check.summary, TEXT_COLUMN, width)));
        if let Some(hint) = &check.hint {
            let hint = wrap(&format!("hint: {hint}"), TEXT_COLUMN + "hint: ".len(), width);
            lines.push(format!("{:TEXT_COLUMN$}{hint}", ""));
        }
    }
    if problems_only {
        lines.remove(0);
        return if lines.is_empty() { Ok(()) } else { ui.result(&lines.join("\n")) };
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
