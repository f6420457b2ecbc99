//! Which deployment a command talks to, as flags and the env file say.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::env_push::remote_failure;
use super::ui::code;
use crate::cli::DeploymentArgs;
use crate::convex::api;
use crate::deployment::{self, KeySource, Selection, SelectionError, Target};
use crate::error::Failure;
use crate::http::Http;
use crate::local_env::LocalEnv;

/// The project folder: where `.convex/` and `node_modules/` are looked for.
pub fn project_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir().map_err(|e| Failure::usage(format!("cannot read the current folder: {e}")))
}

/// The URL of a deploy key's deployment, asked of Convex's management API as `npx convex`
/// does (`CONVEX_PROVISION_HOST` overrides it, as in the CLI). The key never shows in errors.
pub fn deploy_key_url(http: &Http, key: &str, source: &KeySource) -> Result<String, Failure> {
    let host = std::env::var("CONVEX_PROVISION_HOST").unwrap_or_else(|_| api::DEFAULT_PROVISION_HOST.into());
    api::url_for_deploy_key(http, &host, key).map_err(|e| {
        remote_failure(&e, source, &[])
            .hint(format!(
                "or skip the lookup: pass the deployment's URL with {}",
                code("--url https://<name>.convex.cloud")
            ))
            .scrubbed(&[key, key.split('|').nth(1).unwrap_or("")])
    })
}

/// The one client for a command's requests, as its flags set it.
pub fn http(args: &DeploymentArgs) -> Http {
    Http::new(Duration::from_secs(args.timeout), args.allow_insecure_http)
}

pub fn selection(args: &DeploymentArgs) -> Selection {
    Selection {
        url: args.url.clone(),
        admin_key: args.admin_key.clone(),
        prod: args.prod,
        deployment_name: args.deployment_name.clone(),
    }
}

pub fn select(args: &DeploymentArgs, project: &Path, local: &LocalEnv) -> Result<Target, Failure> {
    let selection = selection(args);
    deployment::select(&selection, project, &|name| local.get(name).map(|(v, _)| v)).map_err(selection_failure)
}

pub fn selection_failure(e: SelectionError) -> Failure {
    let hint = match &e {
        SelectionError::UrlWithoutKey | SelectionError::KeyWithoutUrl => {
            "pass both --url and --admin-key, or set CONVEX_DEPLOY_KEY"
        }
        SelectionError::SelfHostedIncomplete { .. } => "set both variables, or neither",
        SelectionError::SelfHostedWithDeployment => {
            "remove CONVEX_DEPLOYMENT from .env.local when you use a self-hosted backend"
        }
        SelectionError::DeployKeyForDev { .. } => "use a production deploy key with --prod, or drop --prod",
        SelectionError::DeployKeyNeedsUrl { .. } => "pass the deployment's URL with --url",
        SelectionError::LocalConfig { .. } => "restart `npx convex dev --local`, which rewrites it",
    };
    Failure::usage(e.to_string()).hint(hint)
}
