//! One deployment, reached once per run: [`connect`] selects it (flags, keys, the convex CLI),
//! asks a deploy key's URL once, and keeps the run's one HTTP client. What it holds is read
//! with [`Deployment::vars`] and written with [`Deployment::set`]; `env push`, `setup` and the
//! key rotation all work over the same value.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::urls::deploy_key_url;
use super::{Access, KeySource, SelectionError, Selector};
use crate::convex::api::{AdminApi, ApiError};
use crate::convex::npx::{self, NpxError, Passthrough};
use crate::http::{Http, normalize};
use crate::local_env::LocalEnv;
use crate::secrets::Secret;

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

/// How values travel to the deployment.
pub enum Channel {
    Http { url: String, key: Secret, source: KeySource },
    ConvexCli { project: PathBuf, flags: Passthrough, which: String },
}

/// Everything [`connect`] needs.
pub struct Reach<'a> {
    pub selector: &'a Selector,
    pub via: Via,
    /// The env file to name to the convex CLI, when it is not the one it reads by default.
    pub convex_cli_env_file: Option<PathBuf>,
    /// The run's one client: every request of the run goes through it.
    pub http: Http,
    pub project: PathBuf,
    /// The project's default variables for new preview deployments, not one deployment's.
    pub preview: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReachError {
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
    #[error(
        "the deployment's JWKS belongs to Convex Auth (JWT_PRIVATE_KEY is set beside it): replacing it would sign out its users"
    )]
    JwksOfConvexAuth,
    /// The deployment refused or failed; `sizes` are the values' lengths, for a size refusal.
    #[error("{error}")]
    Remote { error: ApiError, key_source: KeySource, sizes: Vec<(&'static str, usize)>, production: bool },
}

/// The deployment a run talks to.
pub struct Deployment {
    pub channel: Channel,
    /// `--prod`, or a production deploy key.
    pub production: bool,
    http: Http,
}

/// A production deployment: `--prod`, or a production deploy key (`prod:<name>|…`).
pub fn is_production(selector: &Selector, key: Option<&Secret>) -> bool {
    selector.prod || key.is_some_and(|key| key.expose().starts_with("prod:"))
}

/// Selects the deployment and the channel, as the convex CLI would (`super::select`).
pub fn connect(reach: Reach, local: &LocalEnv) -> Result<Deployment, ReachError> {
    let Reach { selector, via, convex_cli_env_file, http, project, preview } = reach;
    let access = super::select(selector, &project, &|name| local.get(name).map(|(v, _)| v));
    if preview {
        let why = match (&access, via) {
            (Ok(Access::Key { source: KeySource::SelfHosted | KeySource::Local(_), .. }), _) => {
                Some("a self-hosted or local deployment does not have")
            }
            (_, Via::Api) => Some("the convex CLI sets with your login, not over a deployment's HTTP API"),
            _ => None,
        };
        if let Some(why) = why {
            return Err(ReachError::PreviewDefaults { why });
        }
        // A preview deploy key names no one deployment, but it is what the convex CLI logs in
        // to the project with (as on a Vercel preview build): let the CLI use it.
        match access {
            Err(SelectionError::DeployKeyNeedsUrl { .. }) | Ok(_) => {}
            Err(e) => return Err(e.into()),
        }
        super::check_app_folder(&project, &local.file.path, local.file.exists)?;
        npx::check_ready(&project)?;
        let flags = Passthrough { env_file: convex_cli_env_file, preview_defaults: true, ..Passthrough::default() };
        let which = "your project's defaults for preview deployments".to_string();
        return Ok(Deployment { channel: Channel::ConvexCli { project, flags, which }, production: false, http });
    }
    let channel = match (via, access?) {
        (Via::Api, Access::ConvexCli) => return Err(ReachError::NoKeyForApi),
        (Via::Cli, Access::Key { source: KeySource::AdminKeyFlag, .. }) => return Err(ReachError::AdminKeyThroughCli),
        (Via::Cli, _) | (Via::Auto, Access::ConvexCli) => {
            super::check_app_folder(&project, &local.file.path, local.file.exists)?;
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
                None => deploy_key_url(&http, &key, &local.process)
                    .map_err(|error| ReachError::Lookup { error, key_source: source.clone() })?,
            };
            Channel::Http { url, key, source }
        }
    };
    let key = match &channel {
        Channel::Http { key, .. } => Some(key),
        Channel::ConvexCli { .. } => None,
    };
    let production = is_production(selector, key);
    Ok(Deployment { channel, production, http })
}

impl Deployment {
    /// The deployment's current values of `names` (those it has); `None` when it cannot list
    /// them (an older self-hosted backend without the endpoint). `about` are values the run
    /// means to set: an error names their sizes and never shows them.
    pub fn vars(
        &self,
        names: &[&'static str],
        about: &[(&'static str, Secret)],
    ) -> Result<Option<BTreeMap<String, Secret>>, ReachError> {
        match &self.channel {
            Channel::Http { url, key, source } => {
                let listed =
                    AdminApi::new(&self.http, url, key).list_env().map_err(|e| self.remote(e, key, source, about))?;
                Ok(listed.map(|vars| {
                    vars.into_iter()
                        .filter(|(name, _)| names.contains(&name.as_str()))
                        .map(|(name, value)| (name, Secret::new(value)))
                        .collect()
                }))
            }
            Channel::ConvexCli { project, flags, .. } => {
                let mut vars = BTreeMap::new();
                for name in names {
                    if let Some(value) = npx::get(project, flags, name)? {
                        vars.insert(name.to_string(), value);
                    }
                }
                Ok(Some(vars))
            }
        }
    }

    /// Sets `pairs`: one request over HTTP, or one `npx convex env set` each.
    pub fn set(&self, pairs: &[(&'static str, Secret)]) -> Result<(), ReachError> {
        let hidden: Vec<&Secret> = pairs.iter().map(|(_, value)| value).collect();
        match &self.channel {
            Channel::Http { url, key, source } => {
                let sent: Vec<(&str, &Secret)> = pairs.iter().map(|(name, value)| (*name, value)).collect();
                AdminApi::new(&self.http, url, key).update_env(&sent).map_err(|e| self.remote(e, key, source, pairs))
            }
            Channel::ConvexCli { project, flags, .. } => pairs
                .iter()
                .try_for_each(|(name, value)| npx::set(project, flags, name, value, &hidden).map_err(ReachError::from)),
        }
    }

    /// A failure of the deployment, scrubbed of the key and of every value sent or meant.
    fn remote(&self, error: ApiError, key: &Secret, source: &KeySource, sent: &[(&'static str, Secret)]) -> ReachError {
        let hidden: Vec<&Secret> = std::iter::once(key).chain(sent.iter().map(|(_, value)| value)).collect();
        ReachError::Remote {
            production: self.production,
            error: error.scrubbed(&hidden),
            key_source: source.clone(),
            sizes: sent.iter().map(|(name, value)| (*name, value.expose().len())).collect(),
        }
    }

    /// The site URL the deployment says it has (with a key: custom domains, self-hosted and
    /// local deployments included); `None` when it cannot be asked or does not say.
    pub fn site_url(&self) -> Option<String> {
        match &self.channel {
            Channel::Http { url, key, .. } => AdminApi::new(&self.http, url, key).site_url().ok(),
            Channel::ConvexCli { .. } => None,
        }
    }

    /// The run's HTTP client, for other requests of the same run (the site's JWKS).
    pub fn http(&self) -> &Http {
        &self.http
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
}
