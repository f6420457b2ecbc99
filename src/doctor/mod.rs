//! doctor: proves the chain works, from the env file to a token Convex accepts.
//!
//! The result is data first (a [`Report`]); the command renders it as text or JSON and derives
//! the exit code from it. The checks that need the network run at once, each on its own thread;
//! every request is cut short at one deadline, so a hung server bounds the run instead of
//! stalling it. Then the table in `id.rs` skips every check whose needs did not hold, so only
//! the root cause reads `fail`.
//!
//! The checks live by family: `local` (the env file), `code` (the project's code, before it is
//! deployed), `site` (the `/.well-known` routes and what the served keys say), `remote` (the
//! deployment: the token, the adapter, the variables).

mod app;
pub mod ci;
mod code;
pub mod hosting;
mod id;
mod inputs;
mod local;
mod outcome;
pub mod project;
mod remote;
pub mod rules;
mod site;

use std::collections::BTreeMap;

use serde::Serialize;

pub use id::CheckId;
pub use inputs::{Inputs, LocalValue};
pub use outcome::Status;

use inputs::Probes;
use outcome::{Outcome, Timed, timed};

use std::path::Path;
use std::time::{Duration, Instant};

use crate::deployment::Selector;
use crate::deployment::urls::{self, UrlError};
use crate::http::Http;
use crate::local_env::LocalEnv;

/// The module in the Convex folder that holds the adapter's functions, unless told otherwise.
pub const DEFAULT_ADAPTER_MODULE: &str = crate::init::ADAPTER_MODULE;

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The project's file it is about, for the `code.*` checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ok: bool,
    pub checks: Vec<Check>,
}

/// What doctor is asked, besides the project's values: which deployment, the site URL and the
/// adapter's module when given, and the deployment's URL when the run knows it already (a
/// deploy key's, looked up by the push before).
pub struct Request<'a> {
    pub selector: &'a Selector,
    pub site_url: Option<&'a str>,
    pub adapter_module: &'a str,
    pub project: &'a Path,
    /// `--convex-dir`: the Convex folder of another package of the workspace.
    pub convex_dir: Option<&'a Path>,
    pub known_url: Option<&'a str>,
}

/// Finds the endpoints and runs every check, all within `timeout` (the deploy key's lookup
/// included), over the run's client; the deployment URL comes back for the report's heading.
pub fn check(local: &LocalEnv, request: Request, http: &Http, timeout: Duration) -> Result<(String, Report), UrlError> {
    let http = http.bounded(Instant::now() + timeout);
    let endpoints =
        urls::endpoints(request.selector, request.site_url, request.project, local, &http, request.known_url)?;
    let mut inputs = Inputs::gather(local, endpoints, request.project, request.adapter_module);
    inputs.convex_dir = request.convex_dir.map(Path::to_path_buf);
    let report = run(&inputs, &http);
    Ok((inputs.endpoints.deployment_url, report))
}

pub fn run(inputs: &Inputs, http: &Http) -> Report {
    let (site, site_note) = inputs.endpoints.site_url(http);
    let key = inputs::usable(&inputs.private_key);
    let probes = key.map(|k| Probes::sign(k, &site));
    let mut fixes = inputs.fixes();

    let mut results: BTreeMap<CheckId, Timed> = BTreeMap::new();
    results.insert(CheckId::EnvPrivateKey, timed(|| local::private_key(inputs)));
    results.insert(CheckId::EnvAdapterSecret, timed(|| local::adapter_secret(inputs)));
    results.insert(CheckId::EnvConvexUrl, timed(|| local::convex_url(inputs, &site, site_note)));
    let issuers = code::Issuers {
        signer: inputs.signer_issuer.as_ref(),
        site: &site,
        site_known: site_note.is_none(),
        env_file: &inputs.env_file,
    };
    results.extend(code::checks(inputs, &issuers));
    // What the files have and the deployment lacks is written but not deployed.
    let passed = |id: CheckId| results.get(&id).is_some_and(|(outcome, _)| outcome.status == Status::Pass);
    fixes.written = inputs::Written { routes: passed(CheckId::CodeRoutes), adapter: passed(CheckId::CodeAdapter) };
    let fixes = &fixes;

    // Every request at once: discovery with the usual JWKS address beside it, the probe tokens
    // (without and with kid), the adapter with the right and a wrong secret, the variables.
    let (discovery, prefetched, tokens, adapter_right, adapter_wrong, deployment_env) = std::thread::scope(|scope| {
        let discovery = scope.spawn(|| site::discovery(http, &site, fixes));
        let prefetched = scope.spawn(|| site::fetch_jwks(http, &site::conventional_jwks_uri(&site)));
        let tokens = probes.as_ref().map(|p| {
            let plain = scope.spawn(|| timed(|| remote::token_convex(http, inputs, &site, &p.plain)));
            let with_kid = scope.spawn(|| timed(|| remote::token_convex(http, inputs, &site, &p.with_kid)));
            (plain, with_kid)
        });
        let adapter_right = scope.spawn(|| match &inputs.secret {
            Ok((value, source)) => Some(timed(|| remote::adapter_secret(http, inputs, fixes, value, source))),
            Err(_) => None,
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
    let mut needs_kid = false;
    if let Some(jwks_uri) = jwks_uri {
        let signer = inputs.signer.as_ref();
        let served = site::served_keys(http, &site, &jwks_uri, prefetched, key.zip(probes.as_ref()), fixes, signer);
        needs_kid = served.needs_kid;
        results.extend(served.results);
    }
    if let Some((plain, with_kid)) = tokens {
        results.insert(CheckId::TokenConvex, if needs_kid { with_kid } else { plain });
    }
    if let Some(adapter_right) = adapter_right {
        results.insert(CheckId::AdapterSecret, adapter_right);
    }
    results.insert(CheckId::AdapterRejectsWrongSecret, adapter_wrong);
    results.insert(CheckId::DeploymentEnv, deployment_env);
    id::apply_needs(&mut results);
    id::one_failure_per_outage(&mut results);

    let checks: Vec<Check> = CheckId::ALL
        .iter()
        .map(|id| {
            let (outcome, ms) = results.remove(id).unwrap_or_else(|| (Outcome::skip("was not run"), 0));
            Check {
                id: *id,
                status: outcome.status,
                summary: outcome.summary,
                hint: outcome.hint,
                file: outcome.file,
                ms,
            }
        })
        .collect();
    let ok = checks.iter().all(|c| c.status != Status::Fail);
    Report { ok, checks }
}
