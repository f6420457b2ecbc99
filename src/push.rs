//! Putting `JWKS` and `CONVEX_AUTH_ADAPTER_SECRET` on a deployment: first a [`Plan`] (which
//! deployment, over which channel, and what changes for each variable), worked out without
//! changing anything, then [`Plan::apply`]. `env push` and `setup` share both.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::convex::api::{AdminApi, ApiError};
use crate::convex::npx::{self, NpxError, Passthrough};
use crate::deployment::urls::deploy_key_url;
use crate::deployment::{self, Access, KeySource, SelectionError, Selector};
use crate::http::Http;
use crate::http::normalize;
use crate::local_env::LocalEnv;
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, JWKS};

/// How the user asked us to reach the deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Via {
    /// Over HTTP when we hold a key, else through the convex CLI.
    #[default]
    Auto,
    Api,
    Cli,
}

impl Via {
    /// The ways as the command line spells them.
    pub const CHOICES: &[(&str, Via)] = &[("auto", Via::Auto), ("api", Via::Api), ("cli", Via::Cli)];
}

/// What happens to one variable on the deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Add,
    Change,
    Unchanged,
    /// The current value cannot be read (an older backend): it is set anyway.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change {
    pub name: &'static str,
    pub action: Action,
}

/// The variables to put on the deployment, each with its value.
pub struct Values {
    pairs: Vec<(&'static str, Secret)>,
}

impl Values {
    /// The two values the adapter needs: the (public) JWKS and the shared secret.
    pub fn adapter(jwks: String, secret: Secret) -> Values {
        Values { pairs: vec![(JWKS, Secret::new(jwks)), (ADAPTER_SECRET, secret)] }
    }

    /// Any variables (a key rotation sets JWKS and its record).
    pub fn of(pairs: Vec<(&'static str, Secret)>) -> Values {
        Values { pairs }
    }

    fn pairs(&self) -> &[(&'static str, Secret)] {
        &self.pairs
    }

    /// Every value, to scrub from what a server or the convex CLI says back.
    fn hidden(&self) -> Vec<&Secret> {
        self.pairs.iter().map(|(_, value)| value).collect()
    }
}

/// How the values travel to the deployment.
pub enum Channel {
    Http { url: String, key: Secret, source: KeySource, http: Http },
    ConvexCli { project: PathBuf, flags: Passthrough, which: String },
}

/// Everything a plan needs besides the values.
pub struct Request<'a> {
    pub selector: &'a Selector,
    pub via: Via,
    /// The env file to name to the convex CLI, when it is not the one it reads by default.
    pub convex_cli_env_file: Option<PathBuf>,
    pub http: Http,
    pub project: PathBuf,
    /// The project's default variables for new preview deployments, not one deployment's.
    pub preview: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Selection(#[from] SelectionError),
    #[error("--via api needs a key for the deployment, and none was found")]
    NoKeyForApi,
    #[error("--via cli cannot take --admin-key: the key would sit in the convex CLI's arguments")]
    AdminKeyThroughCli,
    /// Project defaults exist for cloud projects only, and are set with the user's login.
    #[error("--preview sets your cloud project's defaults for preview deployments, which {why}")]
    PreviewDefaults { why: &'static str },
    #[error(transparent)]
    Npx(#[from] NpxError),
    /// The management API could not tell a deploy key's URL.
    #[error("{error}")]
    Lookup { error: ApiError, key_source: KeySource },
    /// The deployment refused or failed; `sizes` are the values' lengths, for a size refusal.
    #[error("{error}")]
    Remote { error: ApiError, key_source: KeySource, sizes: Vec<(&'static str, usize)>, production: bool },
}

/// What a push would do, worked out without changing anything.
pub struct Plan {
    pub channel: Channel,
    pub changes: Vec<Change>,
    /// `--prod`, or a production deploy key.
    pub production: bool,
    /// What the deployment has now for the planned names (empty when it cannot be read).
    current: BTreeMap<String, Secret>,
}

impl Plan {
    pub fn pending(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.action != Action::Unchanged)
    }

    /// The deployment's current value of `name`, when the plan could read it.
    pub fn current(&self, name: &str) -> Option<&Secret> {
        self.current.get(name)
    }

    pub fn url(&self) -> Option<&str> {
        match &self.channel {
            Channel::Http { url, .. } => Some(url),
            Channel::ConvexCli { .. } => None,
        }
    }

    pub fn via(&self) -> &'static str {
        match self.channel {
            Channel::Http { .. } => "api",
            Channel::ConvexCli { .. } => "cli",
        }
    }

    /// The deployment in a person's words, with how it is reached.
    pub fn describe(&self) -> String {
        match &self.channel {
            Channel::Http { url, source, .. } => format!("{url} (over HTTP, key from {source})"),
            Channel::ConvexCli { which, flags, .. } if flags.preview_defaults => {
                format!("{which} (through npx convex env default set)")
            }
            Channel::ConvexCli { which, .. } => format!("{which} (through npx convex env set)"),
        }
    }

    /// Sends what changed: one request over HTTP, or one `npx convex env set` per variable.
    pub fn apply(&self, values: &Values) -> Result<(), PushError> {
        let pairs = values.pairs();
        let pending: Vec<(&str, &Secret)> = pairs
            .iter()
            .filter(|(name, _)| self.pending().any(|c| c.name == *name))
            .map(|(name, value)| (*name, value))
            .collect();
        match &self.channel {
            Channel::Http { url, key, source, http } => AdminApi::new(http, url, key)
                .update_env(&pending)
                .map_err(|e| remote(e, key, source, values, self.production)),
            Channel::ConvexCli { project, flags, .. } => pending.iter().try_for_each(|(name, value)| {
                npx::set(project, flags, name, value, &values.hidden()).map_err(PushError::from)
            }),
        }
    }
}

fn remote(error: ApiError, key: &Secret, source: &KeySource, values: &Values, production: bool) -> PushError {
    PushError::Remote {
        production,
        error: error.scrubbed(&[&[key], values.hidden().as_slice()].concat()),
        key_source: source.clone(),
        sizes: values.pairs().iter().map(|(name, value)| (*name, value.expose().len())).collect(),
    }
}

/// Picks the deployment and the channel, and reads what the deployment has now (over HTTP).
pub fn plan(request: Request, local: &LocalEnv, values: &Values) -> Result<Plan, PushError> {
    let Request { selector, via, convex_cli_env_file, http, project, preview } = request;
    let access = deployment::select(selector, &project, &|name| local.get(name).map(|(v, _)| v));
    if preview {
        let why = match (&access, via) {
            (Ok(Access::Key { source: KeySource::SelfHosted | KeySource::Local(_), .. }), _) => {
                Some("a self-hosted or local deployment does not have")
            }
            (_, Via::Api) => Some("the convex CLI sets with your login, not over a deployment's HTTP API"),
            _ => None,
        };
        if let Some(why) = why {
            return Err(PushError::PreviewDefaults { why });
        }
        // A preview deploy key names no one deployment, but it is what the convex CLI logs in
        // to the project with (as on a Vercel preview build): let the CLI use it.
        match access {
            Err(SelectionError::DeployKeyNeedsUrl { .. }) | Ok(_) => {}
            Err(e) => return Err(e.into()),
        }
        deployment::check_app_folder(&project, &local.file.path, local.file.exists)?;
        npx::check_ready(&project)?;
        let flags = Passthrough { env_file: convex_cli_env_file, preview_defaults: true, ..Passthrough::default() };
        let which = "your project's defaults for preview deployments".to_string();
        let channel = Channel::ConvexCli { project, flags, which };
        return finish(channel, false, values);
    }
    let channel = match (via, access?) {
        (Via::Api, Access::ConvexCli) => return Err(PushError::NoKeyForApi),
        (Via::Cli, Access::Key { source: KeySource::AdminKeyFlag, .. }) => return Err(PushError::AdminKeyThroughCli),
        (Via::Cli, _) | (Via::Auto, Access::ConvexCli) => {
            deployment::check_app_folder(&project, &local.file.path, local.file.exists)?;
            npx::check_ready(&project)?;
            let which = if selector.prod {
                "your production deployment".to_string()
            } else if let Some(name) = &selector.deployment_name {
                format!("deployment {name}")
            } else {
                "your dev deployment".to_string()
            };
            let flags = Passthrough {
                prod: selector.prod,
                deployment_name: selector.deployment_name.clone(),
                env_file: convex_cli_env_file,
                preview_defaults: false,
            };
            Channel::ConvexCli { project, flags, which }
        }
        (Via::Api | Via::Auto, Access::Key { url, key, source }) => {
            let url = match url {
                Some(url) => normalize(&url),
                None => deploy_key_url(&http, &key)
                    .map_err(|error| PushError::Lookup { error, key_source: source.clone() })?,
            };
            Channel::Http { url, key, source, http }
        }
    };
    let production =
        selector.prod || matches!(&channel, Channel::Http { key, .. } if key.expose().starts_with("prod:"));
    finish(channel, production, values)
}

/// Reads what the deployment (or the project's defaults) has now, and plans each variable.
fn finish(channel: Channel, production: bool, values: &Values) -> Result<Plan, PushError> {
    let current: Option<BTreeMap<String, Secret>> = match &channel {
        Channel::Http { url, key, source, http } => AdminApi::new(http, url, key)
            .list_env()
            .map_err(|e| remote(e, key, source, values, production))?
            .map(|vars| vars.into_iter().map(|(name, value)| (name, Secret::new(value))).collect()),
        Channel::ConvexCli { project, flags, .. } => {
            let mut vars = BTreeMap::new();
            for (name, _) in values.pairs() {
                if let Some(value) = npx::get(project, flags, name)? {
                    vars.insert(name.to_string(), value);
                }
            }
            Some(vars)
        }
    };
    let changes = values
        .pairs()
        .iter()
        .map(|(name, value)| {
            let name = *name;
            let action = match current.as_ref().map(|vars| vars.get(name)) {
                None => Action::Set,
                Some(None) => Action::Add,
                Some(Some(old)) if value.same_as(old.expose()) => Action::Unchanged,
                Some(Some(_)) => Action::Change,
            };
            Change { name, action }
        })
        .collect();
    let current = current.unwrap_or_default();
    Ok(Plan { channel, changes, production, current })
}
