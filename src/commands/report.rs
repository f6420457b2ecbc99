//! doctor's run and its report as text, for `doctor` and `setup`.

use anstyle::{AnsiColor, Style};

use super::connection::project_dir;
use super::ui::{Ui, wrap};
use crate::cli::CheckArgs;
use crate::config::Connection;
use crate::doctor::{self, Report, Status};
use crate::failure::Failure;
use crate::http::Http;
use crate::local_env::LocalEnv;

/// Runs every check over `http` (the run's client); the deployment URL comes back for the
/// heading. `known_url` is the deployment's URL when the run has it already.
pub fn check(
    local: &LocalEnv,
    connection: &Connection,
    checks: &CheckArgs,
    http: &Http,
    known_url: Option<&str>,
) -> Result<(String, Report), Failure> {
    let project = project_dir()?;
    let request = doctor::Request {
        selector: &connection.selector,
        site_url: checks.site_url.as_deref(),
        adapter_module: &checks.adapter_module,
        project: &project,
        convex_dir: checks.convex_dir.as_deref(),
        known_url,
    };
    Ok(doctor::check(local, request, http, connection.timeout)?)
}

/// The colour of a status word.
fn color(status: Status) -> Style {
    match status {
        Status::Pass => AnsiColor::Green.on_default().bold(),
        Status::Warn => AnsiColor::Yellow.on_default().bold(),
        Status::Fail => AnsiColor::Red.on_default().bold(),
        Status::Skip => AnsiColor::BrightBlack.on_default(),
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
        let (style, word) = (color(check.status), check.status.as_str());
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
