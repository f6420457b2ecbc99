//! doctor's checks of the hosting provider (`--host`): the Next.js server's variables are there
//! for the stage, and the key and secret it holds are the deployment's. Secrets are write-only
//! on the hosts: they are judged by the plain witnesses setup keeps beside them, never read.

use std::collections::BTreeMap;

use super::outcome::{Outcome, Status};
use super::{Check, CheckId, Report};
use crate::host::{self, Held, Host, Provider, Stage};
use crate::keys::ServedJwks;
use crate::secrets::{Secret, printable};
use crate::vars::{ADAPTER_SECRET, ADAPTER_SECRET_SHA256, AUTH_SECRET, KEY_ID, PRIVATE_KEY, SITE_URL, TRUST_HOST};

/// What the host's checks compare with: the deployment's JWKS and adapter secret.
pub struct Deployment<'a> {
    pub jwks: &'a ServedJwks,
    pub secret: Option<&'a Secret>,
}

/// The variables the Next.js server reads in each stage. Previews get their site URL from the
/// preview deployment each build makes, so none is set for them.
pub fn needed(stage: Stage) -> &'static [&'static str] {
    match stage {
        Stage::Production => &[PRIVATE_KEY, ADAPTER_SECRET, AUTH_SECRET, SITE_URL],
        Stage::Preview => &[PRIVATE_KEY, ADAPTER_SECRET, AUTH_SECRET],
    }
}

/// Adds `host.env` and `host.key` to `report`. The production values that live only on the host
/// are not missing here: the local checks that failed for want of them are skipped instead.
pub fn add(report: &mut Report, host: &Host, held: &BTreeMap<String, Held>, deployment: Deployment) {
    let place = &host.describe();
    for check in report.checks.iter_mut() {
        let local = matches!(check.id, CheckId::EnvPrivateKey | CheckId::EnvAdapterSecret);
        if local && check.status == Status::Fail && check.summary.ends_with("is not set") {
            check.status = Status::Skip;
            check.summary = format!("not here: {place} holds it (host.env and host.key check it)");
            check.hint = None;
        }
    }
    let fix = "convex-authjs setup --host with --prod or --preview puts them there";
    let outcomes = [
        (CheckId::HostEnv, env(place, host.stage, host.provider, held, fix)),
        (CheckId::HostKey, key(place, held, deployment)),
    ];
    for (id, outcome) in outcomes {
        report.checks.push(Check {
            id,
            status: outcome.status,
            summary: outcome.summary,
            hint: outcome.hint,
            file: None,
            ms: 0,
        });
    }
    report.ok = report.checks.iter().all(|c| c.status != Status::Fail);
}

fn env(place: &str, stage: Stage, provider: Provider, held: &BTreeMap<String, Held>, fix: &str) -> Outcome {
    let needed = needed(stage);
    let mut missing: Vec<&str> = needed.iter().copied().filter(|name| !held.contains_key(*name)).collect();
    if host::needs_trust_host(provider, held) && !held.contains_key(TRUST_HOST) {
        missing.push(TRUST_HOST);
    }
    if !missing.is_empty() {
        return Outcome::fail(format!("{place} lacks {}", missing.join(", ")), fix);
    }
    let readable: Vec<&str> = [PRIVATE_KEY, ADAPTER_SECRET, AUTH_SECRET]
        .into_iter()
        .filter(|name| held.get(*name).is_some_and(|h| !h.secret))
        .collect();
    if !readable.is_empty() {
        return Outcome::warn(
            format!("{place} holds {} as readable variables", readable.join(", ")),
            "make them secret (write-only) in the host's settings: anyone who can read the project's settings can sign as your server",
        );
    }
    Outcome::pass(format!("{place} holds all {} variables", needed.len()))
}

fn key(place: &str, held: &BTreeMap<String, Held>, deployment: Deployment) -> Outcome {
    let witness = |name: &str| held.get(name).and_then(|h| h.value.clone());
    let Some(kid) = witness(KEY_ID) else {
        return Outcome::warn(
            format!("cannot tell which key {place} signs with: it has no {KEY_ID}"),
            "run convex-authjs setup (or keys rotate) with --host, which sets the key and its kid together",
        );
    };
    let kid = printable(&kid);
    if !deployment.jwks.has_kid(&kid) {
        return Outcome::fail(
            format!("{place} signs with key {kid}, which the deployment does not serve: every token is rejected"),
            "put the host's key on the deployment (convex-authjs env push --prod with that key), or a new pair on both: convex-authjs setup --prod --host … --force",
        );
    }
    match (witness(ADAPTER_SECRET_SHA256), deployment.secret) {
        (Some(sha), Some(secret)) if sha != host::fingerprint(secret) => Outcome::fail(
            format!("{place}'s {ADAPTER_SECRET} is not the deployment's: every adapter call is refused"),
            "run convex-authjs setup --host again: it puts the deployment's secret on the host",
        ),
        (None, _) => Outcome::warn(
            format!(
                "{place} signs with {kid}, served by the deployment; its {ADAPTER_SECRET} cannot be compared (no {ADAPTER_SECRET_SHA256})"
            ),
            "run convex-authjs setup with --host, which sets the secret and its fingerprint together",
        ),
        _ => Outcome::pass(format!("{place} signs with {kid}, served by the deployment, and has its adapter secret")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(value: &str) -> Held {
        Held { secret: false, value: Some(value.into()), shared: false }
    }

    fn secret() -> Held {
        Held { secret: true, value: None, shared: false }
    }

    #[test]
    fn the_host_is_judged_by_its_witnesses() {
        let jwks = ServedJwks::parse(r#"{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}"#).unwrap();
        let (right, wrong) = (Secret::new("s3cret"), Secret::new("other"));
        let mut held: BTreeMap<String, Held> =
            [PRIVATE_KEY, ADAPTER_SECRET, AUTH_SECRET].iter().map(|n| (n.to_string(), secret())).collect();
        held.insert(SITE_URL.into(), plain("https://x.convex.site"));
        held.insert(KEY_ID.into(), plain("k1"));
        held.insert(ADAPTER_SECRET_SHA256.into(), plain(&host::fingerprint(&right)));
        let deployment = |secret| Deployment { jwks: &jwks, secret };
        assert_eq!(env("Vercel", Stage::Production, Provider::Vercel, &held, "").status, Status::Pass);
        assert_eq!(key("Vercel", &held, deployment(Some(&right))).status, Status::Pass);
        assert_eq!(key("Vercel", &held, deployment(Some(&wrong))).status, Status::Fail);
        let mut other_kid = held.clone();
        other_kid.insert(KEY_ID.into(), plain("k2"));
        assert_eq!(key("Vercel", &other_kid, deployment(Some(&right))).status, Status::Fail);
        let mut lacking = held.clone();
        lacking.remove(AUTH_SECRET);
        let outcome = env("Vercel", Stage::Production, Provider::Vercel, &lacking, "");
        assert_eq!((outcome.status, outcome.summary.as_str()), (Status::Fail, "Vercel lacks AUTH_SECRET"));
        lacking.insert(AUTH_SECRET.into(), plain("readable"));
        assert_eq!(env("Vercel", Stage::Production, Provider::Vercel, &lacking, "").status, Status::Warn);
        held.remove(SITE_URL);
        assert_eq!(
            env("Vercel", Stage::Preview, Provider::Vercel, &held, "").status,
            Status::Pass,
            "previews need no site URL"
        );
        let netlify = env("Netlify", Stage::Preview, Provider::Netlify, &held, "");
        assert_eq!((netlify.status, netlify.summary.as_str()), (Status::Fail, "Netlify lacks AUTH_TRUST_HOST"));
        held.insert(crate::vars::AUTH_URL.into(), plain("https://app.example"));
        assert_eq!(env("Netlify", Stage::Preview, Provider::Netlify, &held, "").status, Status::Pass);
    }
}
