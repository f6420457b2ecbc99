//! The hosting provider's side: the Next.js server's values (the private key, the adapter's
//! secret, Auth.js's secret, the site URL) put on Vercel or Netlify through their HTTP APIs
//! (convex-facts.md §14), planned first like every write.
//!
//! Secret values are write-only on both hosts, so a plan cannot read them back. Beside each
//! one we keep a plain witness that says which value it is without giving it away: the key's
//! kid, and the SHA-256 of the adapter's secret. A rerun compares witnesses, never secrets.

mod netlify;
mod vercel;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::environment::Environment;
use crate::http::{Http, HttpError, Response};
/// What happens to one variable: the words of the deployment's plan.
pub use crate::push::{Action, Change};
use crate::secrets::{self, Secret};

/// Where the Next.js server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Vercel,
    Netlify,
}

impl Provider {
    pub const CHOICES: [(&'static str, Provider); 2] = [("vercel", Provider::Vercel), ("netlify", Provider::Netlify)];

    pub fn name(self) -> &'static str {
        match self {
            Provider::Vercel => "Vercel",
            Provider::Netlify => "Netlify",
        }
    }

    /// The variable the provider's own CLI reads its token from; we read it from nowhere else.
    pub fn token_var(self) -> &'static str {
        match self {
            Provider::Vercel => "VERCEL_TOKEN",
            Provider::Netlify => "NETLIFY_AUTH_TOKEN",
        }
    }

    /// Where the API is; a test points it at a loopback fake.
    fn api(self, process: &Environment) -> String {
        let (var, default) = match self {
            Provider::Vercel => ("CONVEX_AUTHJS_VERCEL_API", "https://api.vercel.com"),
            Provider::Netlify => ("CONVEX_AUTHJS_NETLIFY_API", "https://api.netlify.com"),
        };
        crate::http::normalize(process.get(var).unwrap_or(default))
    }
}

/// Which of the host's environments: the one production builds read, or previews'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Production,
    Preview,
}

impl Stage {
    pub fn word(self) -> &'static str {
        match self {
            Stage::Production => "production",
            Stage::Preview => "preview",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostError {
    #[error("{var} is not set: the {host} API needs a token")]
    NoToken { host: &'static str, var: &'static str },
    #[error("no {host} project is linked to this folder ({file} is missing)")]
    NotLinked { host: &'static str, file: &'static str },
    #[error("{file} is not what {host}'s CLI writes ({reason})")]
    BadLink { host: &'static str, file: String, reason: String },
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("{url} redirected to {location}; not following it with a token")]
    Redirect { url: String, location: String },
    #[error("{host} refused ({status}): {message}")]
    Refused { host: &'static str, status: u16, message: String },
    #[error("{url} answered {status}, a server error")]
    Server { url: String, status: u16 },
    #[error("{url} answered what is not the JSON its API documents ({what})")]
    Unexpected { url: String, what: &'static str },
    /// A variable we would change is one record for several environments on Vercel: changing
    /// it here would change the others too.
    #[error("{name} on {host} is shared by {stage} and other environments: changing it would change theirs too")]
    Shared { host: &'static str, name: &'static str, stage: &'static str },
    /// Netlify keeps whether a variable is secret per variable, and a value update keeps it.
    #[error("{name} is on {host} as a plain variable, where it must be a secret")]
    NotSecret { host: &'static str, name: &'static str },
    #[error("{host} has {witness} but not {name} for {stage}, and its value is not here")]
    Missing { host: &'static str, name: &'static str, witness: &'static str, stage: &'static str },
    #[error("{host} has no {stage} deployment to redeploy")]
    NothingToRedeploy { host: &'static str, stage: &'static str },
}

/// What the host holds for one variable in the stage's environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    pub secret: bool,
    /// The value, for a plain variable that holds one value for the whole stage.
    pub value: Option<String>,
    /// Vercel: the record also serves another environment.
    pub shared: bool,
}

/// How a rerun can tell whether the host holds the wanted value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// Readable: compared as is.
    Plain,
    /// Write-only, with a plain witness beside it: the host holds our value when the witness
    /// variable holds this.
    Witness { name: &'static str, value: String },
    /// Write-only, and any value will do (Auth.js's secret: replacing it signs everyone out).
    Any,
    /// A readable setting the user may have chosen otherwise: any value the host has is kept.
    Setting,
}

/// One variable the host should hold; `value: None` keeps the host's (it is not here).
pub struct Wanted {
    pub name: &'static str,
    pub value: Option<Secret>,
    pub known: Known,
}

impl Wanted {
    pub fn secret(&self) -> bool {
        matches!(self.known, Known::Witness { .. } | Known::Any)
    }
}

/// A host reached: its API, the token, and the project or site the folder is linked to.
pub struct Host {
    pub provider: Provider,
    pub stage: Stage,
    api: String,
    token: Secret,
    project: Project,
    http: Http,
}

enum Project {
    Vercel { id: String, team: Option<String> },
    Netlify { site: String, account: String },
}

impl Host {
    /// The host for `dir`: the token from the environment, the project from `--host-project`,
    /// the provider CLI's own variable, or the link its CLI wrote in `dir`.
    pub fn reach(
        provider: Provider,
        stage: Stage,
        project: Option<&str>,
        dir: &Path,
        process: &Environment,
        http: Http,
    ) -> Result<Host, HostError> {
        let token = match process.get(provider.token_var()) {
            Some(token) if !token.trim().is_empty() => Secret::new(token.trim()),
            _ => return Err(HostError::NoToken { host: provider.name(), var: provider.token_var() }),
        };
        let api = provider.api(process);
        let mut host =
            Host { provider, stage, api, token, project: Project::Vercel { id: String::new(), team: None }, http };
        host.project = match provider {
            Provider::Vercel => {
                let (id, team) = vercel::link(dir, project, process)?;
                Project::Vercel { id, team }
            }
            Provider::Netlify => {
                let site = netlify::link(dir, project, process)?;
                let account = netlify::account(&host, &site)?;
                Project::Netlify { site, account }
            }
        };
        Ok(host)
    }

    /// The host in a person's words.
    pub fn describe(&self) -> String {
        match &self.project {
            Project::Vercel { id, .. } => format!("Vercel project {id} ({})", self.stage.word()),
            Project::Netlify { site, .. } => format!("Netlify site {site} ({})", self.stage.word()),
        }
    }

    /// What the host holds for the stage, by name.
    pub fn held(&self) -> Result<BTreeMap<String, Held>, HostError> {
        match &self.project {
            Project::Vercel { id, team } => vercel::held(self, id, team.as_deref()),
            Project::Netlify { site, account } => netlify::held(self, site, account),
        }
    }

    /// Sets `vars` (those whose change is pending), each as the plan said.
    fn put(&self, vars: &[(&Wanted, Action)]) -> Result<(), HostError> {
        if vars.is_empty() {
            return Ok(());
        }
        let hidden: Vec<&Secret> = vars.iter().filter_map(|(w, _)| w.value.as_ref()).collect();
        let result = match &self.project {
            Project::Vercel { id, team } => vercel::put(self, id, team.as_deref(), vars),
            Project::Netlify { site, account } => netlify::put(self, site, account, vars),
        };
        result.map_err(|e| e.scrubbed(&hidden))
    }

    /// A new production deployment from the latest one, so that it reads the new values;
    /// what the host calls it, when it says.
    pub fn redeploy(&self) -> Result<Option<String>, HostError> {
        match &self.project {
            Project::Vercel { id, team } => vercel::redeploy(self, id, team.as_deref()),
            Project::Netlify { site, .. } => netlify::redeploy(self, site),
        }
    }

    fn authorization(&self) -> Secret {
        Secret::new(format!("Bearer {}", self.token.expose()))
    }

    fn get(&self, path: &str) -> Result<Value, HostError> {
        let url = format!("{}{path}", self.api);
        self.answer(self.http.get(&url, Some(&self.authorization())))
    }

    fn post(&self, path: &str, body: &Value) -> Result<Value, HostError> {
        let url = format!("{}{path}", self.api);
        self.answer(self.http.post_json(&url, Some(&self.authorization()), body))
    }

    fn patch(&self, path: &str, body: &Value) -> Result<Value, HostError> {
        let url = format!("{}{path}", self.api);
        self.answer(self.http.patch_json(&url, Some(&self.authorization()), body))
    }

    /// A 2xx's JSON, or the error, scrubbed of the token (a host may echo what it was sent).
    fn answer(&self, response: Result<Response, HttpError>) -> Result<Value, HostError> {
        let hidden = [&self.token];
        let response = response.map_err(|e| HostError::Http(e).scrubbed(&hidden))?;
        let url = response.url.clone();
        let error = match response.status {
            200..=299 => {
                return serde_json::from_slice(&response.body)
                    .map_err(|_| HostError::Unexpected { url, what: "not JSON" });
            }
            300..=399 => HostError::Redirect {
                url,
                location: response.location.as_deref().map_or("nowhere".into(), secrets::printable),
            },
            status @ 400..=499 => {
                HostError::Refused { host: self.provider.name(), status, message: refusal(&response.body) }
            }
            status => HostError::Server { url, status },
        };
        Err(error.scrubbed(&hidden))
    }
}

/// What a host said when it refused: Vercel's `{"error":{"message"}}`, Netlify's `{"message"}`
/// or `{"msg"}`, else the start of the body; one printable line.
fn refusal(body: &[u8]) -> String {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let said = parsed.as_ref().and_then(|v| {
        [&v["error"]["message"], &v["message"], &v["msg"], &v["error"]].into_iter().find_map(Value::as_str)
    });
    let text = said.map_or_else(|| String::from_utf8_lossy(body).chars().take(200).collect(), str::to_string);
    secrets::printable(&text).trim().to_string()
}

impl HostError {
    /// The same error with every secret taken out of what the host said.
    fn scrubbed(self, hidden: &[&Secret]) -> HostError {
        let clean = |text: String| secrets::scrub(&text, hidden);
        match self {
            HostError::Http(HttpError::Unreachable { url, reason }) => {
                HostError::Http(HttpError::Unreachable { url: clean(url), reason: clean(reason) })
            }
            HostError::Redirect { url, location } => HostError::Redirect { url: clean(url), location: clean(location) },
            HostError::Refused { host, status, message } => {
                HostError::Refused { host, status, message: clean(message) }
            }
            HostError::Server { url, status } => HostError::Server { url: clean(url), status },
            HostError::Unexpected { url, what } => HostError::Unexpected { url: clean(url), what },
            other => other,
        }
    }
}

/// What putting the wanted values on the host would do, worked out without changing anything.
pub struct Plan<'a> {
    pub host: &'a Host,
    pub changes: Vec<Change>,
    wanted: Vec<Wanted>,
}

impl Plan<'_> {
    pub fn pending(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.action != Action::Unchanged)
    }

    pub fn apply(&self) -> Result<(), HostError> {
        let pending: Vec<(&Wanted, Action)> = self
            .wanted
            .iter()
            .zip(&self.changes)
            .filter(|(_, c)| c.action != Action::Unchanged)
            .map(|(w, c)| (w, c.action))
            .collect();
        self.host.put(&pending)
    }
}

/// Plans each wanted variable against what the host holds (see [`action`]).
pub fn plan<'a>(host: &'a Host, held: &BTreeMap<String, Held>, wanted: Vec<Wanted>) -> Result<Plan<'a>, HostError> {
    let changes = wanted
        .iter()
        .map(|w| Ok(Change { name: w.name, action: action(host, w, held)? }))
        .collect::<Result<Vec<_>, HostError>>()?;
    Ok(Plan { host, changes, wanted })
}

/// One variable against what the host holds: a write-only value is judged by its witness.
fn action(host: &Host, wanted: &Wanted, held: &BTreeMap<String, Held>) -> Result<Action, HostError> {
    let (name, stage, provider) = (wanted.name, host.stage.word(), host.provider);
    let Some(now) = held.get(name) else {
        return match (&wanted.value, &wanted.known) {
            (Some(_), _) => Ok(Action::Add),
            (None, Known::Witness { name: witness, .. }) => {
                Err(HostError::Missing { host: provider.name(), name, witness, stage })
            }
            (None, _) => Err(HostError::Missing { host: provider.name(), name, witness: name, stage }),
        };
    };
    let same = match &wanted.known {
        Known::Plain => wanted.value.as_ref().is_none_or(|v| now.value.as_deref().is_some_and(|held| v.same_as(held))),
        Known::Witness { name: witness, value } => {
            held.get(*witness).and_then(|h| h.value.as_deref()) == Some(value.as_str()) && now.secret
        }
        Known::Any | Known::Setting => true,
    };
    if same || wanted.value.is_none() {
        return Ok(Action::Unchanged);
    }
    if now.shared {
        return Err(HostError::Shared { host: provider.name(), name, stage });
    }
    if provider == Provider::Netlify && wanted.secret() && !now.secret {
        return Err(HostError::NotSecret { host: provider.name(), name });
    }
    Ok(Action::Change)
}

/// Whether Auth.js on this host needs `AUTH_TRUST_HOST`: it answers `UntrustedHost` to every
/// request unless it trusts the host name, which it does by itself on Vercel (`VERCEL` is set
/// there), not on Netlify; the user's own `AUTH_URL` does too.
pub fn needs_trust_host(provider: Provider, held: &BTreeMap<String, Held>) -> bool {
    provider == Provider::Netlify && !held.contains_key(crate::vars::AUTH_URL)
}

/// The adapter secret's witness: its SHA-256 in hex, which says whether two values are the
/// same and nothing about either (the secret is 33 random bytes).
pub fn fingerprint(secret: &Secret) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, secret.expose().as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a link file a provider's CLI wrote, as JSON.
fn read_link(host: &'static str, path: &Path, file: &'static str) -> Result<Option<Value>, HostError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(HostError::BadLink { host, file: file.into(), reason: e.to_string() }),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| HostError::BadLink {
        host,
        file: file.into(),
        reason: format!("not JSON: {e}"),
    })
}

/// An id as it goes into a URL path: what the providers' ids are made of, nothing else.
fn path_id(host: &'static str, file: &str, id: &str) -> Result<String, HostError> {
    if !id.is_empty() && id.len() <= 200 && id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        Ok(id.to_string())
    } else {
        Err(HostError::BadLink { host, file: file.into(), reason: format!("{} is not an id", secrets::printable(id)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(provider: Provider) -> Host {
        Host {
            provider,
            stage: Stage::Production,
            api: String::new(),
            token: Secret::new("t"),
            project: Project::Vercel { id: "p".into(), team: None },
            http: Http::new(std::time::Duration::from_secs(1), false),
        }
    }

    fn held(pairs: &[(&str, Held)]) -> BTreeMap<String, Held> {
        pairs.iter().map(|(n, h)| (n.to_string(), h.clone())).collect()
    }

    fn secret_held() -> Held {
        Held { secret: true, value: None, shared: false }
    }

    #[test]
    fn a_write_only_value_is_judged_by_its_witness_and_any_is_never_replaced() {
        let key = |kid: &str| Wanted {
            name: "K",
            value: Some(Secret::new("pem")),
            known: Known::Witness { name: "K_ID", value: kid.into() },
        };
        let plain = |v: &str| Held { secret: false, value: Some(v.into()), shared: false };
        let vercel = host(Provider::Vercel);
        let on_host = held(&[("K", secret_held()), ("K_ID", plain("a"))]);
        assert_eq!(action(&vercel, &key("a"), &on_host), Ok(Action::Unchanged));
        assert_eq!(action(&vercel, &key("b"), &on_host), Ok(Action::Change));
        assert_eq!(action(&vercel, &key("a"), &held(&[])), Ok(Action::Add));
        // A secret kept as a plain variable is changed to a write-only one.
        assert_eq!(action(&vercel, &key("a"), &held(&[("K", plain("pem")), ("K_ID", plain("a"))])), Ok(Action::Change));
        let any = Wanted { name: "A", value: Some(Secret::new("new")), known: Known::Any };
        assert_eq!(action(&vercel, &any, &held(&[("A", secret_held())])), Ok(Action::Unchanged));
        let setting = Wanted { name: "T", value: Some(Secret::new("true")), known: Known::Setting };
        assert!(!setting.secret());
        assert_eq!(action(&vercel, &setting, &held(&[("T", plain("false"))])), Ok(Action::Unchanged), "the user's own");
        assert_eq!(action(&vercel, &setting, &held(&[])), Ok(Action::Add));
        let url = |v: &str| Wanted { name: "U", value: Some(Secret::new(v)), known: Known::Plain };
        assert_eq!(action(&vercel, &url("x"), &held(&[("U", plain("x"))])), Ok(Action::Unchanged));
        assert_eq!(action(&vercel, &url("y"), &held(&[("U", plain("x"))])), Ok(Action::Change));
    }

    #[test]
    fn changes_that_would_reach_further_are_refused() {
        let wanted = Wanted {
            name: "K",
            value: Some(Secret::new("pem")),
            known: Known::Witness { name: "K_ID", value: "new".into() },
        };
        let shared = held(&[("K", Held { shared: true, ..secret_held() })]);
        assert!(matches!(action(&host(Provider::Vercel), &wanted, &shared), Err(HostError::Shared { .. })));
        let plain = held(&[("K", Held { secret: false, value: Some("pem0".into()), shared: false })]);
        assert!(matches!(action(&host(Provider::Netlify), &wanted, &plain), Err(HostError::NotSecret { .. })));
        let kept = Wanted { value: None, ..wanted };
        assert!(matches!(action(&host(Provider::Vercel), &kept, &held(&[])), Err(HostError::Missing { .. })));
    }

    #[test]
    fn the_fingerprint_is_sha256_in_hex() {
        // The SHA-256 test vector of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            fingerprint(&Secret::new("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_refusal_reads_each_hosts_shape() {
        assert_eq!(refusal(br#"{"error":{"code":"forbidden","message":"Not authorized"}}"#), "Not authorized");
        assert_eq!(refusal(br#"{"code":401,"message":"Access Denied"}"#), "Access Denied");
        assert_eq!(refusal(b"plain words\n"), "plain words");
    }
}
