//! `env push`: put JWKS and CONVEX_AUTH_ADAPTER_SECRET on the deployment.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::keys::private_key;
use super::store::local_env_failure;
use super::target::{deploy_key_url, http, project_dir, select};
use super::ui::{Ui, code};
use crate::cli::{DeploymentArgs, EnvPush, Via};
use crate::convex::api::{ApiError, Deployment};
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
    pub fn word(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Change => "change",
            Action::Unchanged => "unchanged",
            Action::Set => "set",
        }
    }
}

/// The two values a deployment needs, derived from the local env.
pub struct Values {
    pub jwks: String,
    pub secret: String,
}

impl Values {
    pub fn from_local(local: &LocalEnv, env_file: &Path) -> Result<Values, Failure> {
        let jwks = private_key(local, env_file)?.public_key().jwks().to_json();
        let Some((secret, _)) = local.get(ADAPTER_SECRET) else {
            return Err(Failure::usage(format!(
                "{ADAPTER_SECRET} is not set in the environment or in {}",
                env_file.display()
            ))
            .hint(format!("create one with {}", code("convex-authjs secret generate --write"))));
        };
        Ok(Values { jwks, secret })
    }

    fn pairs(&self) -> [(&'static str, &str); 2] {
        [(JWKS, self.jwks.as_str()), (ADAPTER_SECRET, self.secret.as_str())]
    }
}

/// How the values reach the deployment.
pub enum Route {
    Http { deployment_url: String, key: String, source: KeySource, http: Http },
    Cli { project: PathBuf, flags: Passthrough, which: String },
}

/// What a push would do, worked out without changing anything.
pub struct Plan {
    pub route: Route,
    pub changes: Vec<(&'static str, Action)>,
    /// Secrets that a message from elsewhere could echo back, to scrub from errors.
    secrets: Vec<String>,
}

impl Plan {
    pub fn pending(&self) -> usize {
        self.changes.iter().filter(|(_, a)| *a != Action::Unchanged).count()
    }

    pub fn url(&self) -> Option<&str> {
        match &self.route {
            Route::Http { deployment_url, .. } => Some(deployment_url),
            Route::Cli { .. } => None,
        }
    }

    pub fn via(&self) -> &'static str {
        match self.route {
            Route::Http { .. } => "api",
            Route::Cli { .. } => "cli",
        }
    }

    /// The deployment in a person's words, with how it is reached.
    pub fn describe(&self) -> String {
        match &self.route {
            Route::Http { deployment_url, source, .. } => format!("{deployment_url} (over HTTP, key from {source})"),
            Route::Cli { which, .. } => format!("{which} (through npx convex env set)"),
        }
    }

    pub fn scrub(&self, failure: Failure) -> Failure {
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        failure.scrubbed(&secrets)
    }

    /// Sends what changed: one request over HTTP, or one `npx convex env set` per variable.
    pub fn apply(&self, values: &Values) -> Result<(), Failure> {
        let pending: Vec<(&str, &str)> = values
            .pairs()
            .into_iter()
            .zip(&self.changes)
            .filter(|(_, (_, action))| *action != Action::Unchanged)
            .map(|(pair, _)| pair)
            .collect();
        let result = match &self.route {
            Route::Http { deployment_url, key, source, http } => Deployment::new(http, deployment_url, key)
                .update_env(&pending)
                .map_err(|e| remote_failure(&e, source, &values.pairs())),
            Route::Cli { project, flags, .. } => pending.iter().try_for_each(|(name, value)| {
                let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
                npx::set(project, flags, name, value, &secrets).map_err(|e| npx_failure(&e))
            }),
        };
        result.map_err(|f| self.scrub(f))
    }
}

/// Picks the deployment and how to reach it, and reads what it has now (over HTTP).
pub fn plan(
    deployment: &DeploymentArgs,
    via: Via,
    env_file: &Path,
    local: &LocalEnv,
    values: &Values,
) -> Result<Plan, Failure> {
    let project = project_dir()?;
    let target = select(deployment, &project, local)?;
    let mut secrets = vec![values.secret.clone()];
    if let Target::Api { key, .. } = &target {
        secrets.push(key.clone());
        secrets.push(key.split('|').nth(1).unwrap_or("").to_string());
    }
    let scrub = |f: Failure| {
        let s: Vec<&str> = secrets.iter().map(String::as_str).collect();
        f.scrubbed(&s)
    };
    let route = match (via, target) {
        (Via::Api, Target::Cli) => {
            return Err(Failure::usage("--via api needs a key for the deployment, and none was found").hint(
                "pass --url and --admin-key, set CONVEX_DEPLOY_KEY, or set CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY",
            ));
        }
        (Via::Cli, Target::Api { source: KeySource::AdminKeyFlag, .. }) => {
            return Err(Failure::usage(
                "--via cli cannot take --admin-key: the key would sit in the convex CLI's arguments",
            )
            .hint("use --via api with --admin-key, or set CONVEX_SELF_HOSTED_ADMIN_KEY for the convex CLI"));
        }
        (Via::Cli, _) | (Via::Auto, Target::Cli) => {
            npx::check_ready(&project).map_err(|e| npx_failure(&e))?;
            let which = if deployment.prod {
                "your production deployment".to_string()
            } else if let Some(name) = &deployment.deployment_name {
                format!("deployment {name}")
            } else {
                "your dev deployment".to_string()
            };
            let flags = Passthrough {
                prod: deployment.prod,
                deployment_name: deployment.deployment_name.clone(),
                env_file: (env_file != Path::new(".env.local")).then(|| env_file.to_path_buf()),
            };
            Route::Cli { project, flags, which }
        }
        (Via::Api | Via::Auto, Target::Api { url, key, source }) => {
            let http = http(deployment);
            let deployment_url = match url {
                Some(url) => url,
                None => deploy_key_url(&http, &key, &source)?,
            };
            let deployment_url = deployment_url.trim_end_matches('/').to_string();
            Route::Http { deployment_url, key, source, http }
        }
    };
    let current = match &route {
        Route::Http { deployment_url, key, source, http } => Deployment::new(http, deployment_url, key)
            .list_env()
            .map_err(|e| scrub(remote_failure(&e, source, &values.pairs())))?,
        Route::Cli { .. } => None,
    };
    let changes = values
        .pairs()
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
    Ok(Plan { route, changes, secrets })
}

pub fn push(ui: &Ui, env_file: &Path, args: &EnvPush) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file).map_err(local_env_failure)?;
    let values = Values::from_local(&local, env_file)?;
    let plan = plan(&args.deployment, args.via, env_file, &local, &values)?;
    ui.status(&format!("Plan for {}:", plan.describe()))?;
    for (name, action) in &plan.changes {
        ui.status(&format!("  {:<10} {name}", action.word()))?;
    }
    if plan.pending() == 0 {
        ui.status("Nothing to change: the deployment already has both values.")?;
        return report_json(ui, &plan, false);
    }
    if args.dry_run {
        ui.status("Dry run: nothing was changed.")?;
        return report_json(ui, &plan, false);
    }
    let target = plan.url().map_or_else(|| plan.describe(), str::to_string);
    ui.approve(
        &format!("Apply {} change(s) to {target}?", plan.pending()),
        &format!("not changing {target} without confirmation"),
        "pass --yes to apply the plan above, or --dry-run to only show it",
    )?;
    plan.apply(&values)?;
    let names: Vec<&str> = plan.changes.iter().filter(|(_, a)| *a != Action::Unchanged).map(|(n, _)| *n).collect();
    ui.status(&format!("Set {} on {target}.", names.join(" and ")))?;
    report_json(ui, &plan, true)
}

fn report_json(ui: &Ui, plan: &Plan, applied: bool) -> Result<(), Failure> {
    if !ui.json {
        return Ok(());
    }
    ui.json(&json!({ "target": { "url": plan.url(), "via": plan.via() }, "changes": changes_json(plan), "applied": applied }))
}

pub fn changes_json(plan: &Plan) -> Vec<serde_json::Value> {
    plan.changes.iter().map(|(name, action)| json!({ "name": name, "action": action })).collect()
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
