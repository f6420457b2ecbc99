//! The URLs a command talks to: the deployment's (`https://<name>.convex.cloud`, the API) and
//! its site's (`https://<name>.convex.site`, the token issuer), each with where it came from,
//! so that every message can name the variable or flag to fix.

use std::path::{Path, PathBuf};

use super::channel::is_production;
use super::{Access, KeySource, SelectionError, Selector};
use crate::convex::api::{self, AdminApi, ApiError};
use crate::environment::Environment;
use crate::http::{Http, HttpError, normalize};
use crate::local_env::LocalEnv;
use crate::secrets::Secret;

/// The site URL when nothing better is known: `.convex.cloud` → `.convex.site`, and a local
/// backend's `:3210` → `:3211`.
pub fn default_site_url(convex_url: &str) -> String {
    let url = normalize(convex_url);
    if let Some(head) = url.strip_suffix(".convex.cloud") {
        return format!("{head}.convex.site");
    }
    if let Some(head) = url.strip_suffix(":3210") {
        return format!("{head}:3211");
    }
    url
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error(transparent)]
    Selection(#[from] SelectionError),
    #[error("doctor cannot look a deployment up by name")]
    ByName,
    #[error("doctor --prod needs the production deployment's URL")]
    ProdNeedsUrl,
    #[error("no deployment URL: NEXT_PUBLIC_CONVEX_URL is not set in the environment or {}", env_file.display())]
    NoUrl { env_file: PathBuf },
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The management API could not tell a deploy key's URL.
    #[error("{error}")]
    Lookup { error: ApiError, key_source: KeySource },
}

/// The URL of a deploy key's deployment, asked of Convex's management API as `npx convex`
/// does (`CONVEX_PROVISION_HOST` in the process environment overrides it, as in the CLI). The
/// key never shows in errors.
pub fn deploy_key_url(http: &Http, key: &Secret, process: &Environment) -> Result<String, ApiError> {
    let host = process.get("CONVEX_PROVISION_HOST").unwrap_or(api::DEFAULT_PROVISION_HOST);
    api::url_for_deploy_key(http, &normalize(host), key).map_err(|e| e.scrubbed(&[key]))
}

/// Where doctor looks: the deployment, the site when it is known up front, and a key when we
/// have one.
#[derive(Debug)]
pub struct Endpoints {
    pub deployment_url: String,
    /// The variable or flag the deployment URL came from.
    pub url_source: String,
    pub admin: Option<(Secret, KeySource)>,
    /// `--site-url`, or `NEXT_PUBLIC_CONVEX_SITE_URL` for the dev deployment, with its source.
    pub site_url: Option<(String, String)>,
    /// A production deployment (`--prod`, or a production deploy key): fixes are deployed with
    /// `npx convex deploy` there, and with `npx convex dev` elsewhere.
    pub production: bool,
}

/// Finds doctor's endpoints: the deployment as `select` picks it, else the public URL the
/// Next.js app uses. Without a key, only a URL is needed: doctor's checks use public endpoints.
pub fn endpoints(
    selector: &Selector,
    site_flag: Option<&str>,
    project: &Path,
    local: &LocalEnv,
    http: &Http,
    known_url: Option<&str>,
) -> Result<Endpoints, UrlError> {
    if selector.deployment_name.is_some() {
        return Err(UrlError::ByName);
    }
    let env = |name: &str| local.get(name).map(|(v, _)| v);
    let from_env = |name: &str| local.get(name).map(|(v, source)| (normalize(&v), format!("{name} in {source}")));

    let (deployment_url, url_source, admin) = match super::select(selector, project, &env) {
        Ok(Access::Key { url: Some(url), key, source }) => {
            let origin = match &source {
                _ if selector.url.is_some() => "--url".to_string(),
                KeySource::SelfHosted => "CONVEX_SELF_HOSTED_URL".to_string(),
                other => other.to_string(),
            };
            (normalize(&url), origin, Some((key, source)))
        }
        Ok(Access::Key { url: None, key, source }) => {
            let url = match known_url {
                Some(url) => normalize(url),
                None => deploy_key_url(http, &key, &local.process)
                    .map_err(|error| UrlError::Lookup { error, key_source: source.clone() })?,
            };
            (url, format!("{source} (its URL asked of Convex)"), Some((key, source)))
        }
        Ok(Access::ConvexCli) | Err(SelectionError::UrlWithoutKey) => {
            if selector.prod && selector.url.is_none() {
                return Err(UrlError::ProdNeedsUrl);
            }
            let found = selector
                .url
                .as_deref()
                .map(|u| (normalize(u), "--url".to_string()))
                .or_else(|| from_env("NEXT_PUBLIC_CONVEX_URL"))
                .or_else(|| from_env("CONVEX_URL"));
            let Some((url, source)) = found else {
                super::check_app_folder(project, &local.file.path, local.file.exists)?;
                return Err(UrlError::NoUrl { env_file: local.file.path.clone() });
            };
            (url, source, None)
        }
        Err(e) => return Err(e.into()),
    };

    // The env file describes the dev deployment; with --prod only flags and keys count.
    let site_url = match (site_flag, selector.prod) {
        (Some(site), _) => Some((normalize(site), "--site-url".to_string())),
        (None, false) => from_env("NEXT_PUBLIC_CONVEX_SITE_URL"),
        (None, true) => None,
    };
    crate::http::check_credentials(&deployment_url)?;
    if let Some((site, _)) = &site_url {
        crate::http::check_credentials(site)?;
    }
    let production = is_production(selector, admin.as_ref().map(|(key, _)| key));
    Ok(Endpoints { deployment_url, url_source, admin, site_url, production })
}

impl Endpoints {
    /// The site URL tokens are issued for, and a note when it had to be guessed: the one given,
    /// else what the deployment says with a key, else the `.convex.site` rewrite.
    pub fn site_url(&self, http: &Http) -> (String, Option<&'static str>) {
        if let Some((url, _)) = &self.site_url {
            return (url.clone(), None);
        }
        let derived = default_site_url(&self.deployment_url);
        let Some((key, _)) = &self.admin else {
            return (derived, Some("derived from the deployment URL"));
        };
        match AdminApi::new(http, &self.deployment_url, key).site_url() {
            Ok(site) => (site, None),
            Err(_) => (derived, Some("derived from the deployment URL; the deployment did not say")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_url_rewrites() {
        assert_eq!(default_site_url("https://happy-otter-123.convex.cloud/"), "https://happy-otter-123.convex.site");
        assert_eq!(default_site_url("http://127.0.0.1:3210"), "http://127.0.0.1:3211");
    }
}
