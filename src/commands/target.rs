//! Which deployment a command talks to, as flags and the env file say.

use std::path::Path;

use crate::cli::DeploymentArgs;
use crate::deployment::{self, Selection, SelectionError, Target};
use crate::error::Failure;
use crate::local_env::LocalEnv;

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
