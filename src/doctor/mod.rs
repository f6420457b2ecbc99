//! doctor: proves the chain works, from the env file to a token Convex accepts.
//!
//! The result is data first (a [`Report`]); the command renders it as text or JSON and derives
//! the exit code from it. Independent checks run at once on threads; every request is cut short
//! at one deadline, so a hung server bounds the run instead of stalling it. When a check fails,
//! the checks that need its result are skipped, so only the root cause reads `fail`.

mod checks;
pub mod rules;

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::http::Http;
use crate::keys::{KeyProblem, PrivateKey};

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
    pub id: &'static str,
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

/// Everything doctor knows before it touches the network.
pub struct Inputs {
    /// The deployment (`.convex.cloud`) URL, and where it came from.
    pub deployment_url: String,
    pub url_source: String,
    /// `NEXT_PUBLIC_CONVEX_URL`, from which the setup guide's signer derives its issuer.
    pub public_url: Option<String>,
    /// The site URL when the user or the env file gave it; otherwise asked or derived.
    pub site_url: Option<(String, String)>,
    pub private_key: LocalValue<PrivateKey, KeyProblem>,
    pub secret: LocalValue<String, ()>,
    pub admin_key: Option<String>,
    pub adapter_module: String,
    pub timeout: Duration,
    pub allow_insecure_http: bool,
}

/// A local value: present and usable, present and broken, or missing; with where it was read.
pub enum LocalValue<T, E> {
    Ok(T, String),
    Broken(E, String, String),
    Missing,
}

/// A check's outcome before it is timed and named.
struct Outcome {
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

/// Runs a check and times it.
fn timed(f: impl FnOnce() -> Outcome) -> (Outcome, u64) {
    let start = Instant::now();
    let outcome = f();
    (outcome, start.elapsed().as_millis() as u64)
}

pub fn run(inputs: &Inputs) -> Report {
    let start = Instant::now();
    let deadline = start + inputs.timeout;
    let http = Http::new(inputs.timeout, inputs.allow_insecure_http).until(deadline);
    let results = checks::all(inputs, &http);
    let checks: Vec<Check> = results
        .into_iter()
        .map(|(id, (outcome, ms))| Check {
            id,
            status: outcome.status,
            summary: outcome.summary,
            hint: outcome.hint,
            ms,
        })
        .collect();
    let ok = checks.iter().all(|c| c.status != Status::Fail);
    Report { ok, checks }
}
