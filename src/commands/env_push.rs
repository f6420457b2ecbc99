//! `env push`: put JWKS and CONVEX_AUTH_ADAPTER_SECRET on the deployment.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde_json::json;

use super::keys::private_key;
use super::store::local_env_failure;
use super::target::select;
use super::ui::{Ui, code};
use crate::cli::{EnvPush, Via};
use crate::convex::api::{self, ApiError, Deployment};
use crate::convex::npx::{self, NpxError, Passthrough};
use crate::deployment::{KeySource, Target};
use crate::error::Failure;
use crate::http::{Http, HttpError};
use crate::local_env::{ADAPTER_SECRET, LocalEnv};

pub const JWKS: &str = "JWKS";
/// Convex's limit on one value (convex-facts.md §2).
const MAX_VALUE: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Add,
    Change,
    Unchanged,
    /// The current value cannot be read (the convex CLI, or an older backend): it is set anyway.
    Set,
}

impl Action {
    fn word(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Change => "change",
            Action::Unchanged => "unchanged",
            Action::Set => "set",
        }
    }
}

pub fn push(ui: &Ui, env_file: &Path, args: &EnvPush) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file).map_err(local_env_failure)?;
    let public = private_key(&local, env_file)?.public_key();
    let jwks = public.jwks().to_json();
    let Some((secret, _)) = local.get(ADAPTER_SECRET) else {
        return Err(Failure::usage(format!(
            "{ADAPTER_SECRET} is not set in the environment or in {}",
            env_file.display()
        ))
        .hint(format!("create one with {}", code("convex-authjs secret generate --write"))));
    };
    let values = [(JWKS, jwks.as_str()), (ADAPTER_SECRET, secret.as_str())];
    let project =
        std::env::current_dir().map_err(|e| Failure::usage(format!("cannot read the current folder: {e}")))?;
    let target = select(&args.deployment, &project, &local)?;
    let secrets = target_secrets(&target, &secret);

    let result = match (args.via, &target) {
        (Via::Api, Target::Cli) => Err(Failure::usage("--via api needs a key for the deployment, and none was found").hint(
            "pass --url and --admin-key, set CONVEX_DEPLOY_KEY, or set CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY",
        )),
        (Via::Cli, Target::Api { source: KeySource::AdminKeyFlag, .. }) => {
            Err(Failure::usage("--via cli cannot take --admin-key: the key would sit in the convex CLI's arguments")
                .hint("use --via api with --admin-key, or set CONVEX_SELF_HOSTED_ADMIN_KEY for the convex CLI"))
        }
        (Via::Cli, _) | (Via::Auto, Target::Cli) => push_with_cli(ui, &project, env_file, args, &values, &secrets),
        (Via::Api | Via::Auto, Target::Api { url, key, source }) => {
            push_over_http(ui, args, url.as_deref(), key, source, &values)
        }
    };
    result.map_err(|f| f.scrubbed(&secrets))
}

/// Everything secret that a message from elsewhere could echo back.
fn target_secrets<'a>(target: &'a Target, secret: &'a str) -> Vec<&'a str> {
    match target {
        Target::Api { key, .. } => vec![secret, key.as_str(), key.split('|').nth(1).unwrap_or("")],
        Target::Cli => vec![secret],
    }
}

fn show_plan(ui: &Ui, heading: &str, plan: &[(&str, Action)]) -> Result<(), Failure> {
    ui.status(heading)?;
    for (name, action) in plan {
        ui.status(&format!("  {:<10} {name}", action.word()))?;
    }
    Ok(())
}

fn report_json(ui: &Ui, url: Option<&str>, via: &str, plan: &[(&str, Action)], applied: bool) -> Result<(), Failure> {
    if !ui.json {
        return Ok(());
    }
    let changes: Vec<_> = plan.iter().map(|(name, action)| json!({ "name": name, "action": action })).collect();
    ui.json(&json!({ "target": { "url": url, "via": via }, "changes": changes, "applied": applied }))
}

fn push_over_http(
    ui: &Ui,
    args: &EnvPush,
    url: Option<&str>,
    key: &str,
    source: &KeySource,
    values: &[(&str, &str); 2],
) -> Result<(), Failure> {
    let d = &args.deployment;
    let http = Http::new(Duration::from_secs(d.timeout), d.allow_insecure_http);
    let url = match url {
        Some(url) => url.to_string(),
        None => {
            let host = std::env::var("CONVEX_PROVISION_HOST").unwrap_or_else(|_| api::DEFAULT_PROVISION_HOST.into());
            api::url_for_deploy_key(&http, &host, key).map_err(|e| {
                remote_failure(&e, source, values).hint(format!(
                    "or skip the lookup: pass the deployment's URL with {}",
                    code("--url https://<name>.convex.cloud")
                ))
            })?
        }
    };
    let deployment = Deployment::new(&http, &url, key);
    let current = deployment.list_env().map_err(|e| remote_failure(&e, source, values))?;
    let plan: Vec<(&str, Action)> = values
        .iter()
        .map(|(name, value)| {
            let action = match current.as_ref().map(|vars| vars.get(*name)) {
                None => Action::Set,
                Some(None) => Action::Add,
                Some(Some(old)) if old == value => Action::Unchanged,
                Some(Some(_)) => Action::Change,
            };
            (*name, action)
        })
        .collect();
    show_plan(ui, &format!("Plan for {} (over HTTP, key from {source}):", deployment.url), &plan)?;
    let pending: Vec<(&str, &str)> = values
        .iter()
        .zip(&plan)
        .filter(|(_, (_, action))| *action != Action::Unchanged)
        .map(|((name, value), _)| (*name, *value))
        .collect();
    if pending.is_empty() {
        ui.status("Nothing to change: the deployment already has both values.")?;
        return report_json(ui, Some(&deployment.url), "api", &plan, false);
    }
    if args.dry_run {
        ui.status("Dry run: nothing was changed.")?;
        return report_json(ui, Some(&deployment.url), "api", &plan, false);
    }
    ui.approve(
        &format!("Apply {} change(s) to {}?", pending.len(), deployment.url),
        &format!("not changing {} without confirmation", deployment.url),
        "pass --yes to apply the plan above, or --dry-run to only show it",
    )?;
    deployment.update_env(&pending).map_err(|e| remote_failure(&e, source, values))?;
    let names: Vec<&str> = pending.iter().map(|(n, _)| *n).collect();
    ui.status(&format!("Set {} on {}.", names.join(" and "), deployment.url))?;
    report_json(ui, Some(&deployment.url), "api", &plan, true)
}

fn push_with_cli(
    ui: &Ui,
    project: &Path,
    env_file: &Path,
    args: &EnvPush,
    values: &[(&str, &str); 2],
    secrets: &[&str],
) -> Result<(), Failure> {
    npx::check_ready(project).map_err(|e| npx_failure(&e))?;
    let d = &args.deployment;
    let flags = Passthrough {
        prod: d.prod,
        deployment_name: d.deployment_name.clone(),
        env_file: (env_file != Path::new(".env.local")).then(|| env_file.to_path_buf()),
    };
    let plan: Vec<(&str, Action)> = values.iter().map(|(name, _)| (*name, Action::Set)).collect();
    let which = if d.prod {
        "your production deployment".to_string()
    } else if let Some(name) = &d.deployment_name {
        format!("deployment {name}")
    } else {
        "your dev deployment".to_string()
    };
    show_plan(ui, &format!("Plan for {which} (through npx convex env set):"), &plan)?;
    if args.dry_run {
        ui.status("Dry run: nothing was changed.")?;
        return report_json(ui, None, "cli", &plan, false);
    }
    ui.approve(
        &format!("Set {} variables on {which}?", values.len()),
        &format!("not changing {which} without confirmation"),
        "pass --yes to apply the plan above, or --dry-run to only show it",
    )?;
    for (name, value) in values {
        npx::set(project, &flags, name, value, secrets).map_err(|e| npx_failure(&e))?;
    }
    ui.status(&format!("Set {JWKS} and {ADAPTER_SECRET} on {which}."))?;
    report_json(ui, None, "cli", &plan, true)
}

fn npx_failure(e: &NpxError) -> Failure {
    match e {
        NpxError::NoNpx => Failure::usage(e.to_string())
            .hint("install Node.js (npx comes with npm), or push over HTTP: set CONVEX_DEPLOY_KEY, or pass --url and --admin-key"),
        NpxError::NoConvexPackage { .. } => Failure::usage(e.to_string())
            .hint(format!("run {} in your project first, or push over HTTP with CONVEX_DEPLOY_KEY", code("npm install convex"))),
        NpxError::Failed { .. } => {
            Failure::refused(e.to_string()).hint(format!("run {} to see the whole error", code("npx convex env list")))
        }
    }
}

/// One line that says what the deployment (or the network) did, and what to do about it.
pub fn remote_failure(e: &ApiError, source: &KeySource, values: &[(&str, &str)]) -> Failure {
    let message = e.to_string();
    match e {
        ApiError::Http(HttpError::Insecure { .. } | HttpError::BadUrl { .. }) => {
            Failure::usage(message).hint("use the https:// URL, or pass --allow-insecure-http if you mean it")
        }
        ApiError::Http(HttpError::Timeout { .. }) => {
            Failure::refused(message).hint("raise --timeout, or check your network")
        }
        ApiError::Http(HttpError::Unreachable { .. }) => {
            Failure::refused(message).hint("check the deployment URL (--url, CONVEX_SELF_HOSTED_URL) and your network")
        }
        ApiError::Http(HttpError::TooLarge { .. }) => {
            Failure::refused(message).hint("check that the URL is your Convex deployment")
        }
        ApiError::Redirect { .. } => Failure::refused(message)
            .hint("if you trust the new address, pass it with --url; keys never follow a redirect"),
        ApiError::Refused { status, code, message: said } => {
            let code = code.as_deref().unwrap_or("");
            if matches!(code, "BadAdminKey" | "BadDeployKey")
                || *status == 401
                || said.starts_with("You do not have permission")
            {
                return Failure::refused(format!("the deployment rejected the key from {source}: {said}"))
                    .hint(key_hint(source));
            }
            match code {
                "EnvironmentVariableValueTooLarge" => {
                    let sizes: Vec<String> = values.iter().map(|(n, v)| format!("{n} is {} bytes", v.len())).collect();
                    Failure::refused(format!("the deployment refused a value over its limit of {MAX_VALUE} bytes ({})", sizes.join(", ")))
                        .hint("use a 2048-bit key (keys generate --bits 2048) or a shorter secret")
                }
                "InvalidAuthConfig" | "AuthConfigMissingEnvironmentVariable" => {
                    Failure::refused(format!("the deployment refused the change: {said}")).hint(
                        "every change of variables re-checks convex/auth.config.ts: fix it there, run `npx convex deploy`, then push again",
                    )
                }
                _ => Failure::refused(format!("the deployment refused the change: {message}")),
            }
        }
        ApiError::Server { .. } => {
            Failure::refused(message).hint("the deployment had a problem: try again in a minute")
        }
        ApiError::NotJson { content_type, .. } => {
            let html = content_type.as_deref().is_some_and(|t| t.contains("html"));
            let hint = if html {
                "that looks like a web page: pass the deployment URL (https://<name>.convex.cloud), not the site or dashboard"
            } else {
                "check that the URL is your Convex deployment"
            };
            Failure::refused(message).hint(hint)
        }
    }
}

fn key_hint(source: &KeySource) -> String {
    match source {
        KeySource::AdminKeyFlag => "check --admin-key: it must belong to the deployment at --url".into(),
        KeySource::DeployKey(var) => {
            format!(
                "check {var}: it may be revoked or for another deployment; create a new one in the dashboard's settings"
            )
        }
        KeySource::SelfHosted => "check CONVEX_SELF_HOSTED_ADMIN_KEY against your self-hosted backend".into(),
        KeySource::Local(_) => "restart `npx convex dev --local`, which writes a fresh admin key".into(),
    }
}
