//! doctor: proves the chain works, from the env file to a token Convex accepts.
//!
//! The result is data first (a [`Report`]); the command renders it as text or JSON and derives
//! the exit code from it. The checks that need the network run at once, each on its own thread;
//! every request is cut short at one deadline, so a hung server bounds the run instead of
//! stalling it. Then the table in `id.rs` skips every check whose needs did not hold, so only
//! the root cause reads `fail`.
//!
//! The checks live by family: `local` (the env file), `site` (the `/.well-known` routes and
//! what the served keys say), `remote` (the deployment: the token, the adapter, the variables).

mod id;
mod local;
mod remote;
pub mod rules;
mod site;

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

pub use id::CheckId;

use crate::deployment::urls::Endpoints;
use crate::http::Http;
use crate::keys::{KeyProblem, PrivateKey};
use crate::local_env::{LocalEnv, Source};
use crate::secrets::Secret;
use crate::token;
use crate::vars::{ADAPTER_SECRET, PRIVATE_KEY};

/// The module in the Convex folder that holds the adapter's functions, unless told otherwise.
pub const DEFAULT_ADAPTER_MODULE: &str = "authAdapter";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ok: bool,
    pub checks: Vec<Check>,
}

/// A local value: usable, present but broken, or missing; with where it was read.
pub enum LocalValue<T> {
    Usable { value: T, source: Source },
    Broken { problem: KeyProblem, source: Source },
    Missing,
}

impl<T> LocalValue<T> {
    pub fn usable(&self) -> Option<&T> {
        match self {
            LocalValue::Usable { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// Everything doctor knows before it touches the network.
pub struct Inputs {
    pub endpoints: Endpoints,
    pub private_key: LocalValue<PrivateKey>,
    pub secret: LocalValue<Secret>,
    pub adapter_module: String,
    pub timeout: Duration,
    pub allow_insecure_http: bool,
}

impl Inputs {
    /// Reads the two local values as the Next.js server would.
    pub fn gather(
        local: &LocalEnv,
        endpoints: Endpoints,
        adapter_module: &str,
        timeout: Duration,
        insecure: bool,
    ) -> Inputs {
        let private_key = match local.secret(PRIVATE_KEY) {
            None => LocalValue::Missing,
            Some((pem, source)) => match PrivateKey::from_pem(&pem) {
                Ok(value) => LocalValue::Usable { value, source },
                Err(problem) => LocalValue::Broken { problem, source },
            },
        };
        let secret = match local.secret(ADAPTER_SECRET) {
            Some((value, source)) => LocalValue::Usable { value, source },
            None => LocalValue::Missing,
        };
        Inputs {
            endpoints,
            private_key,
            secret,
            adapter_module: adapter_module.to_string(),
            timeout,
            allow_insecure_http: insecure,
        }
    }
}

/// A check's outcome before it is timed and named.
pub(crate) struct Outcome {
    status: Status,
    summary: String,
    hint: Option<String>,
}

impl Outcome {
    fn pass(summary: impl Into<String>) -> Outcome {
        Outcome { status: Status::Pass, summary: summary.into(), hint: None }
    }
    fn warn(summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome { status: Status::Warn, summary: summary.into(), hint: Some(hint.into()) }
    }
    fn fail(summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome { status: Status::Fail, summary: summary.into(), hint: Some(hint.into()) }
    }
    fn skip(summary: impl Into<String>) -> Outcome {
        Outcome { status: Status::Skip, summary: summary.into(), hint: None }
    }
}

/// An outcome and how long it took, in milliseconds.
type Timed = (Outcome, u64);

fn timed(f: impl FnOnce() -> Outcome) -> Timed {
    let start = Instant::now();
    let outcome = f();
    (outcome, start.elapsed().as_millis() as u64)
}

/// The probe tokens, signed once: token.local verifies exactly what token.convex sends. The
/// app's signer may send no kid; when the served JWKS turns out to hold several keys, a token
/// with kid is what can work, so both are sent at once and token.local's verdict picks.
struct Probes {
    plain: String,
    with_kid: String,
    kid: String,
}

impl Probes {
    fn sign(key: &PrivateKey, site: &str) -> Probes {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let kid = key.public_key().kid();
        Probes { plain: token::sign(key, site, None, now), with_kid: token::sign(key, site, Some(&kid), now), kid }
    }
}

pub fn run(inputs: &Inputs) -> Report {
    let deadline = Instant::now() + inputs.timeout;
    let http = Http::new(inputs.timeout, inputs.allow_insecure_http).until(deadline);
    let http = &http;
    let (site, site_note) = inputs.endpoints.site_url(http);
    let key = inputs.private_key.usable();
    let probes = key.map(|k| Probes::sign(k, &site));

    let mut results: BTreeMap<CheckId, Timed> = BTreeMap::new();
    results.insert(CheckId::EnvPrivateKey, timed(|| local::private_key(inputs)));
    results.insert(CheckId::EnvAdapterSecret, timed(|| local::adapter_secret(inputs)));
    results.insert(CheckId::EnvConvexUrl, timed(|| local::convex_url(inputs, &site, site_note)));

    // Every request at once: discovery with the usual JWKS address beside it, the probe tokens
    // (without and with kid), the adapter with the right and a wrong secret, the variables.
    let (discovery, prefetched, tokens, adapter_right, adapter_wrong, deployment_env) = std::thread::scope(|scope| {
        let discovery = scope.spawn(|| site::discovery(http, &site));
        let prefetched = scope.spawn(|| site::fetch_jwks(http, &site::conventional_jwks_uri(&site)));
        let tokens = probes.as_ref().map(|p| {
            let plain = scope.spawn(|| timed(|| remote::token_convex(http, inputs, &site, &p.plain)));
            let with_kid = scope.spawn(|| timed(|| remote::token_convex(http, inputs, &site, &p.with_kid)));
            (plain, with_kid)
        });
        let adapter_right = scope.spawn(|| match &inputs.secret {
            LocalValue::Usable { value, source } => Some(timed(|| remote::adapter_secret(http, inputs, value, source))),
            _ => None,
        });
        let adapter_wrong = scope.spawn(|| timed(|| remote::adapter_rejects(http, inputs)));
        let deployment_env = scope.spawn(|| timed(|| remote::deployment_env(http, inputs)));
        let join = "a check does not panic";
        (
            discovery.join().expect(join),
            prefetched.join().expect(join),
            tokens.map(|(plain, with_kid)| (plain.join().expect(join), with_kid.join().expect(join))),
            adapter_right.join().expect(join),
            adapter_wrong.join().expect(join),
            deployment_env.join().expect(join),
        )
    });

    let (discovery, jwks_uri) = discovery;
    results.insert(CheckId::SiteDiscovery, discovery);
    if let Some(jwks_uri) = jwks_uri {
        let served = site::served_keys(http, &site, &jwks_uri, prefetched, key.zip(probes.as_ref()));
        results.extend(served);
    }
    if let Some((plain, with_kid)) = tokens {
        let kid_needed = results.get(&CheckId::TokenLocal).is_some_and(|(o, _)| o.status == Status::Warn);
        results.insert(CheckId::TokenConvex, if kid_needed { with_kid } else { plain });
    }
    if let Some(adapter_right) = adapter_right {
        results.insert(CheckId::AdapterSecret, adapter_right);
    }
    results.insert(CheckId::AdapterRejectsWrongSecret, adapter_wrong);
    results.insert(CheckId::DeploymentEnv, deployment_env);
    id::apply_needs(&mut results);

    let checks: Vec<Check> = CheckId::ALL
        .iter()
        .map(|id| {
            let (outcome, ms) = results.remove(id).unwrap_or_else(|| (Outcome::skip("was not run"), 0));
            Check { id: *id, status: outcome.status, summary: outcome.summary, hint: outcome.hint, ms }
        })
        .collect();
    let ok = checks.iter().all(|c| c.status != Status::Fail);
    Report { ok, checks }
}
