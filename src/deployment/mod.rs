//! Which Convex deployment a command talks to, and with which key. The order mirrors the convex
//! CLI (convex-js `src/cli/lib/deploymentSelection.ts`), so a project that works with
//! `npx convex` works here: flags; a deploy key; the self-hosted pair; a local deployment's
//! `.convex/local/default/config.json`; otherwise the convex CLI itself picks (no key for us).
//!
//! The words: a [`Selector`] is what the user asked for; [`Access`] is what we found, a key and
//! maybe its URL, or only the convex CLI; `urls` turns that into the URLs a command talks to.

pub mod channel;
pub mod urls;

use std::path::{Path, PathBuf};

use crate::secrets::Secret;

/// Which deployment the user asked for, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Selector {
    pub url: Option<String>,
    pub admin_key: Option<Secret>,
    pub prod: bool,
    pub deployment_name: Option<String>,
}

/// Where the key came from: named in every message about a rejected key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    AdminKeyFlag,
    DeployKey(&'static str),
    SelfHosted,
    Local(PathBuf),
}

impl std::fmt::Display for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::AdminKeyFlag => write!(f, "--admin-key"),
            KeySource::DeployKey(var) => write!(f, "{var}"),
            KeySource::SelfHosted => write!(f, "CONVEX_SELF_HOSTED_ADMIN_KEY"),
            KeySource::Local(path) => write!(f, "the local deployment's {}", path.display()),
        }
    }
}

/// How the deployment can be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// We hold a key. `url` is `None` for a deploy key whose URL must be asked of Convex.
    Key { url: Option<String>, key: Secret, source: KeySource },
    /// No key: only `npx convex`, with the user's login, can reach the deployment.
    ConvexCli,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("--url needs an admin key to go with it")]
    UrlWithoutKey,
    #[error("--admin-key needs the deployment's URL to go with it")]
    KeyWithoutUrl,
    #[error("CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY go together, and {missing} is not set")]
    SelfHostedIncomplete { missing: &'static str },
    #[error("CONVEX_SELF_HOSTED_URL and CONVEX_DEPLOYMENT are both set, so the deployment is ambiguous")]
    SelfHostedWithDeployment,
    #[error("--prod was given, but {var} is a key for a dev deployment")]
    DeployKeyForDev { var: &'static str },
    #[error("{var} is a preview or project key, which does not name one deployment")]
    DeployKeyNeedsUrl { var: &'static str },
    #[error("cannot read {}: {reason}", path.display())]
    LocalConfig { path: PathBuf, reason: String },
    #[error("--prod was given, but the deployment is {what}, which has no production deployment")]
    NoProduction { what: &'static str },
    #[error("{} is not a Convex app folder: it has no package.json and no {}", folder.display(), env_file.display())]
    NotAnApp { folder: PathBuf, env_file: PathBuf },
}

/// With no key to reach a deployment, the project's own files must say which: a folder with
/// neither a package.json nor the env file is not the app (the user is in the wrong folder).
pub fn check_app_folder(project: &Path, env_file: &Path, env_file_exists: bool) -> Result<(), SelectionError> {
    if env_file_exists || project.join("package.json").is_file() {
        return Ok(());
    }
    Err(SelectionError::NotAnApp { folder: project.to_path_buf(), env_file: env_file.to_path_buf() })
}

/// Picks the deployment. `env` gives a variable from the process environment or the env file.
pub fn select(
    selector: &Selector,
    project: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Access, SelectionError> {
    match (&selector.url, &selector.admin_key) {
        (Some(url), Some(key)) => {
            return Ok(Access::Key { url: Some(url.clone()), key: key.clone(), source: KeySource::AdminKeyFlag });
        }
        (None, Some(_)) => return Err(SelectionError::KeyWithoutUrl),
        _ => {}
    }
    for var in ["CONVEX_DEPLOY_KEY", "CONVEX_DEPLOYMENT_TOKEN"] {
        if let Some(key) = env(var) {
            let kind = key.split('|').next().unwrap_or("");
            let preview_or_project = kind.starts_with("preview:") || kind.starts_with("project:");
            if preview_or_project && selector.url.is_none() {
                return Err(SelectionError::DeployKeyNeedsUrl { var });
            }
            if selector.prod && kind.starts_with("dev:") {
                return Err(SelectionError::DeployKeyForDev { var });
            }
            return Ok(Access::Key {
                url: selector.url.clone(),
                key: Secret::new(key),
                source: KeySource::DeployKey(var),
            });
        }
    }
    if selector.url.is_some() {
        return Err(SelectionError::UrlWithoutKey);
    }
    match (env("CONVEX_SELF_HOSTED_URL"), env("CONVEX_SELF_HOSTED_ADMIN_KEY")) {
        (Some(_), Some(_)) if env("CONVEX_DEPLOYMENT").is_some() => {
            return Err(SelectionError::SelfHostedWithDeployment);
        }
        (Some(_), Some(_)) if selector.prod => {
            return Err(SelectionError::NoProduction { what: "self-hosted (CONVEX_SELF_HOSTED_URL)" });
        }
        (Some(url), Some(key)) => {
            return Ok(Access::Key { url: Some(url), key: Secret::new(key), source: KeySource::SelfHosted });
        }
        (Some(_), None) => {
            return Err(SelectionError::SelfHostedIncomplete { missing: "CONVEX_SELF_HOSTED_ADMIN_KEY" });
        }
        (None, Some(_)) => {
            return Err(SelectionError::SelfHostedIncomplete { missing: "CONVEX_SELF_HOSTED_URL" });
        }
        (None, None) => {}
    }
    let is_local = env("CONVEX_DEPLOYMENT").is_some_and(|d| d.starts_with("local:") || d.starts_with("anonymous:"));
    if is_local && selector.prod {
        return Err(SelectionError::NoProduction { what: "a local deployment (CONVEX_DEPLOYMENT=local:…)" });
    }
    if is_local && !selector.prod && selector.deployment_name.is_none() {
        let path = project.join(".convex/local/default/config.json");
        if path.exists() {
            return local_target(&path);
        }
    }
    Ok(Access::ConvexCli)
}

/// `npx convex dev --local` keeps the backend's port and admin key here.
fn local_target(path: &Path) -> Result<Access, SelectionError> {
    let fail = |reason: String| SelectionError::LocalConfig { path: path.to_path_buf(), reason };
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let config: serde_json::Value = serde_json::from_str(&text).map_err(|e| fail(format!("not JSON ({e})")))?;
    let port = config["ports"]["cloud"].as_u64().ok_or_else(|| fail("no ports.cloud".into()))?;
    let key = config["adminKey"].as_str().ok_or_else(|| fail("no adminKey".into()))?;
    Ok(Access::Key {
        url: Some(format!("http://127.0.0.1:{port}")),
        key: Secret::new(key),
        source: KeySource::Local(path.to_path_buf()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(selector: Selector, vars: &[(&str, &str)]) -> Result<Access, SelectionError> {
        let env = |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
        select(&selector, Path::new("/nonexistent"), &env)
    }

    fn api(url: Option<&str>, key: &str, source: KeySource) -> Result<Access, SelectionError> {
        Ok(Access::Key { url: url.map(str::to_string), key: Secret::new(key), source })
    }

    #[test]
    fn debug_output_never_shows_a_key() {
        let selector = Selector {
            url: Some("https://a.convex.cloud".into()),
            admin_key: Some(Secret::new("admin-key-1234")),
            ..Default::default()
        };
        let access = pick(selector.clone(), &[]).unwrap();
        let shown = format!("{selector:?} {access:?}");
        assert!(!shown.contains("admin-key-1234"), "{shown}");
    }

    #[test]
    fn flags_come_first() {
        let flags = Selector {
            url: Some("https://a.convex.cloud".into()),
            admin_key: Some(Secret::new("k")),
            ..Default::default()
        };
        assert_eq!(
            pick(flags, &[("CONVEX_DEPLOY_KEY", "prod:x|y")]),
            api(Some("https://a.convex.cloud"), "k", KeySource::AdminKeyFlag)
        );
        let key_only = Selector { admin_key: Some(Secret::new("k")), ..Default::default() };
        assert_eq!(pick(key_only, &[]), Err(SelectionError::KeyWithoutUrl));
    }

    #[test]
    fn deploy_keys() {
        let key = "prod:happy-otter-123|secret";
        assert_eq!(
            pick(Selector::default(), &[("CONVEX_DEPLOY_KEY", key)]),
            api(None, key, KeySource::DeployKey("CONVEX_DEPLOY_KEY"))
        );
        let with_url = Selector { url: Some("https://u".into()), prod: true, ..Default::default() };
        assert_eq!(
            pick(with_url, &[("CONVEX_DEPLOYMENT_TOKEN", key)]),
            api(Some("https://u"), key, KeySource::DeployKey("CONVEX_DEPLOYMENT_TOKEN"))
        );
        let prod = Selector { prod: true, ..Default::default() };
        assert_eq!(
            pick(prod, &[("CONVEX_DEPLOY_KEY", "dev:x|y")]),
            Err(SelectionError::DeployKeyForDev { var: "CONVEX_DEPLOY_KEY" })
        );
        assert_eq!(
            pick(Selector::default(), &[("CONVEX_DEPLOY_KEY", "preview:team:proj|y")]),
            Err(SelectionError::DeployKeyNeedsUrl { var: "CONVEX_DEPLOY_KEY" })
        );
    }

    #[test]
    fn self_hosted_pair() {
        let pair = [("CONVEX_SELF_HOSTED_URL", "http://127.0.0.1:3210"), ("CONVEX_SELF_HOSTED_ADMIN_KEY", "k")];
        assert_eq!(pick(Selector::default(), &pair), api(Some("http://127.0.0.1:3210"), "k", KeySource::SelfHosted));
        assert_eq!(
            pick(Selector::default(), &pair[..1]),
            Err(SelectionError::SelfHostedIncomplete { missing: "CONVEX_SELF_HOSTED_ADMIN_KEY" })
        );
        let both = [pair[0], pair[1], ("CONVEX_DEPLOYMENT", "dev:x")];
        assert_eq!(pick(Selector::default(), &both), Err(SelectionError::SelfHostedWithDeployment));
    }

    #[test]
    fn otherwise_the_convex_cli() {
        assert_eq!(pick(Selector::default(), &[("CONVEX_DEPLOYMENT", "dev:x")]), Ok(Access::ConvexCli));
        let url_only = Selector { url: Some("https://u".into()), ..Default::default() };
        assert_eq!(pick(url_only, &[]), Err(SelectionError::UrlWithoutKey));
    }

    #[test]
    fn local_deployment_config() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join(".convex/local/default");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("config.json"), r#"{"ports":{"cloud":3210,"site":3211},"adminKey":"local-key"}"#)
            .unwrap();
        let env = |name: &str| (name == "CONVEX_DEPLOYMENT").then(|| "local:local-me-app".to_string());
        let target = select(&Selector::default(), dir.path(), &env).unwrap();
        assert_eq!(
            target,
            Access::Key {
                url: Some("http://127.0.0.1:3210".into()),
                key: Secret::new("local-key"),
                source: KeySource::Local(config.join("config.json"))
            }
        );
    }
}
