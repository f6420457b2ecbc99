//! `doctor`: gather the local inputs, run the checks, print the report.

use std::path::Path;
use std::time::Duration;

use anstyle::{AnsiColor, Style};

use super::keys::key_hint;
use super::store::local_env_failure;
use super::target::{deploy_key_url, http, project_dir, selection, selection_failure};
use super::ui::Ui;
use crate::cli::Doctor;
use crate::deployment::{self, SelectionError, Target};
use crate::doctor::{self, Inputs, LocalValue, Report, Status};
use crate::error::{Exit, Failure};
use crate::keys::PrivateKey;
use crate::local_env::{ADAPTER_SECRET, LocalEnv, PRIVATE_KEY};

pub fn doctor(ui: &Ui, env_file: &Path, args: &Doctor) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file).map_err(local_env_failure)?;
    let inputs = inputs(&local, env_file, args)?;
    let report = doctor::run(&inputs);
    if ui.json {
        ui.json(&report)?;
    } else {
        render(ui, &inputs.deployment_url, &report)?;
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}

pub(super) fn inputs(local: &LocalEnv, env_file: &Path, args: &Doctor) -> Result<Inputs, Failure> {
    let d = &args.deployment;
    if d.deployment_name.is_some() {
        return Err(Failure::usage("doctor cannot look a deployment up by name")
            .hint("pass its URL with --url, and an admin key with --admin-key or CONVEX_DEPLOY_KEY"));
    }
    let project = project_dir()?;
    let env = |name: &str| local.get(name).map(|(v, _)| v);
    let from_env = |name: &str| local.get(name).map(|(v, source)| (v, format!("{name} in {source}")));

    let (deployment_url, url_source, admin_key) = match deployment::select(&selection(d), &project, &env) {
        Ok(Target::Api { url: Some(url), key, source }) => {
            let origin = if d.url.is_some() { "--url".to_string() } else { format!("{source}") };
            (url, origin, Some(key))
        }
        Ok(Target::Api { url: None, key, source }) => {
            // Without the URL doctor cannot run at all: exit 2, whatever the lookup's failure.
            let url = deploy_key_url(&http(d), &key, &source).map_err(|f| Failure { exit: Exit::Usage, ..f })?;
            (url, format!("{source} (its URL asked of Convex)"), Some(key))
        }
        Ok(Target::Cli) | Err(SelectionError::UrlWithoutKey) => {
            if d.prod && d.url.is_none() {
                return Err(Failure::usage("doctor --prod needs the production deployment's URL")
                    .hint("set CONVEX_DEPLOY_KEY to a production deploy key, or pass --url"));
            }
            let found = d
                .url
                .clone()
                .map(|u| (u, "--url".to_string()))
                .or_else(|| from_env("NEXT_PUBLIC_CONVEX_URL"))
                .or_else(|| from_env("CONVEX_URL"));
            let Some((url, source)) = found else {
                return Err(Failure::usage(format!("no deployment URL: NEXT_PUBLIC_CONVEX_URL is not set in the environment or {}", env_file.display()))
                    .hint("run `npx convex dev` once (it writes NEXT_PUBLIC_CONVEX_URL), or pass --url https://<name>.convex.cloud"));
            };
            (url, source, None)
        }
        Err(e) => return Err(selection_failure(e)),
    };

    // The env file describes the dev deployment; with --prod only flags and keys count.
    let public_url = if d.prod { None } else { env("NEXT_PUBLIC_CONVEX_URL") };
    let site_url = match (&args.site_url, d.prod) {
        (Some(site), _) => Some((site.trim_end_matches('/').to_string(), "--site-url".to_string())),
        (None, false) => from_env("NEXT_PUBLIC_CONVEX_SITE_URL").map(|(u, s)| (u.trim_end_matches('/').to_string(), s)),
        (None, true) => None,
    };
    let private_key = match local.get(PRIVATE_KEY) {
        None => LocalValue::Missing,
        Some((pem, source)) => match PrivateKey::from_pem(&pem) {
            Ok(key) => LocalValue::Ok(key, source.to_string()),
            Err(problem) => {
                let hint = key_hint(&problem, &source);
                LocalValue::Broken(problem, source.to_string(), hint)
            }
        },
    };
    let secret = match local.get(ADAPTER_SECRET) {
        Some((value, source)) => LocalValue::Ok(value, source.to_string()),
        None => LocalValue::Missing,
    };
    Ok(Inputs {
        deployment_url: deployment_url.trim_end_matches('/').to_string(),
        url_source,
        public_url,
        site_url,
        private_key,
        secret,
        admin_key,
        adapter_module: args.adapter_module.clone(),
        timeout: Duration::from_secs(d.timeout),
        allow_insecure_http: d.allow_insecure_http,
    })
}

fn mark(status: Status) -> (Style, &'static str) {
    match status {
        Status::Pass => (AnsiColor::Green.on_default().bold(), "pass"),
        Status::Warn => (AnsiColor::Yellow.on_default().bold(), "warn"),
        Status::Fail => (AnsiColor::Red.on_default().bold(), "fail"),
        Status::Skip => (AnsiColor::BrightBlack.on_default(), "skip"),
    }
}

pub(super) fn render(ui: &Ui, url: &str, report: &Report) -> Result<(), Failure> {
    let mut lines = vec![format!("convex-authjs doctor: {url}")];
    for check in &report.checks {
        let (style, word) = mark(check.status);
        lines.push(format!("  {style}{word}{style:#}  {:<29} {}", check.id, check.summary));
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
