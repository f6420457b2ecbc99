//! The site's checks: the `/.well-known` routes of `convex/http.ts`, and what the served keys
//! say about the local key and the tokens it signs.

use serde_json::Value;

use super::id::CheckId;
use super::inputs::Fixes;
use super::inputs::Probes;
use super::outcome::{Outcome, Status, Timed, timed};
use super::project::Signer;
use super::rules::{self, Choice};
use crate::hints;
use crate::http::{Http, HttpError, Response, origin};
use crate::keys::{Jwk, PrivateKey, PublicKey, ServedJwks};
use crate::token;

/// Where the setup guide's http.ts serves the JWKS. It is fetched alongside discovery, and
/// used when discovery's `jwks_uri` names it, which saves a round trip in the usual setup.
pub(super) fn conventional_jwks_uri(site: &str) -> String {
    format!("{site}/.well-known/jwks.json")
}

/// A response, and the address it was redirected to within the same origin.
pub(super) type Fetched = Result<(Response, Option<String>), Outcome>;

pub(super) fn fetch_jwks(http: &Http, url: &str) -> Fetched {
    get_same_origin(http, url)
}

/// site.jwks, and when it passes, keys.match and token.local from the served keys.
pub(super) fn served_keys(
    http: &Http,
    site: &str,
    jwks_uri: &str,
    prefetched: Fetched,
    key: Option<(&PrivateKey, &Probes)>,
    fixes: &Fixes,
    signer: Option<&Signer>,
) -> Served {
    let fetched = if jwks_uri == conventional_jwks_uri(site) { prefetched } else { get_same_origin(http, jwks_uri) };
    let mut served = None;
    let jwks = timed(|| {
        let (outcome, keys) = jwks_check(jwks_uri, fetched, fixes);
        served = keys;
        outcome
    });
    let needs_kid = served.as_ref().is_some_and(|keys| rules::eligible(keys).len() > 1);
    let mut results = vec![(CheckId::SiteJwks, jwks)];
    if let (Some(served), Some((key, probes))) = (served, key) {
        let public = key.public_key();
        results.push((CheckId::KeysMatch, timed(|| keys_match_check(&public, &served, fixes))));
        results.push((CheckId::TokenLocal, timed(|| token_local_check(probes, site, &served, fixes, signer))));
    }
    Served { results, needs_kid }
}

/// What the served JWKS gave: its checks, and whether tokens need a `kid` (several keys).
pub(super) struct Served {
    pub results: Vec<(CheckId, Timed)>,
    pub needs_kid: bool,
}

/// site.discovery, and the `jwks_uri` when it passes.
pub(super) fn discovery(http: &Http, site: &str, fixes: &Fixes) -> (Timed, Option<String>) {
    let mut jwks_uri = None;
    let outcome = timed(|| {
        let (outcome, uri) = discovery_check(http, site, fixes);
        jwks_uri = uri.filter(|_| outcome.status != Status::Fail);
        outcome
    });
    (outcome, jwks_uri)
}

pub(super) fn network_failure(e: &HttpError) -> Outcome {
    let hint = hints::http_hint(e);
    match e {
        HttpError::Timeout { url, .. } => {
            Outcome::unreachable(url, format!("timed out: no answer from {url} before the deadline"), hint)
        }
        HttpError::Unreachable { url, .. } => Outcome::unreachable(url, e.to_string(), hint),
        _ => Outcome::fail(e.to_string(), hint),
    }
}

/// GET that follows redirects only within the same origin, as a careful verifier should.
fn get_same_origin(http: &Http, url: &str) -> Fetched {
    let mut current = url.to_string();
    let mut moved = None;
    for _ in 0..4 {
        let response = http.get(&current, None).map_err(|e| network_failure(&e))?;
        if !(300..400).contains(&response.status) {
            return Ok((response, moved));
        }
        let location = response.location.clone().unwrap_or_default();
        let next = reqwest::Url::parse(&current)
            .and_then(|base| base.join(&location))
            .map(|u| u.to_string())
            .unwrap_or(location);
        if origin(&next) != origin(url) {
            return Err(Outcome::fail(
                format!("{current} redirects to {next}, another origin"),
                "serve the /.well-known routes from the site itself, without a redirect",
            ));
        }
        moved = Some(next.clone());
        current = next;
    }
    Err(Outcome::fail(format!("{url} redirects too many times"), "serve the route without redirects"))
}

fn redirect_note(moved: &Option<String>) -> String {
    moved.as_ref().map_or(String::new(), |to| format!(" (redirected within the same origin to {to})"))
}

fn discovery_check(http: &Http, site: &str, fixes: &Fixes) -> (Outcome, Option<String>) {
    let url = format!("{site}/.well-known/openid-configuration");
    let (response, moved) = match get_same_origin(http, &url) {
        Ok(r) => r,
        Err(outcome) => return (outcome, None),
    };
    if response.status != 200 {
        return (Outcome::fail(format!("{url} answered {}", response.status), fixes.routes()), None);
    }
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    let Some(body) = body.filter(|b| b.is_object()) else {
        let what = response.content_type.clone().unwrap_or_else(|| "an empty answer".into());
        return (
            Outcome::fail(
                format!("{url} is not JSON ({what})"),
                format!("return the discovery document from {}", fixes.routes_file()),
            ),
            None,
        );
    };
    if !response.is_json() {
        let what = response.content_type.clone().unwrap_or_else(|| "no Content-Type".into());
        return (
            Outcome::fail(
                format!("{url} is served as {what}"),
                "set headers: { \"Content-Type\": \"application/json\" } on the route in convex/http.ts",
            ),
            None,
        );
    }
    let issuer = body["issuer"].as_str().unwrap_or("");
    if issuer != site {
        let (summary, hint) = if issuer == format!("{site}/") {
            (
                "has a trailing slash".to_string(),
                "in convex/http.ts use issuer: process.env.CONVEX_SITE_URL, with no trailing slash".to_string(),
            )
        } else if issuer.is_empty() {
            (
                "is missing".to_string(),
                "return issuer: process.env.CONVEX_SITE_URL from the route in convex/http.ts".to_string(),
            )
        } else {
            (
                format!("{issuer} is not the site URL {site}"),
                "use issuer: process.env.CONVEX_SITE_URL in convex/http.ts, and the same URL as iss when signing"
                    .to_string(),
            )
        };
        return (Outcome::fail(format!("issuer {summary}"), hint), None);
    }
    let Some(jwks_uri) = body["jwks_uri"].as_str() else {
        return (
            Outcome::fail(
                "the discovery document has no jwks_uri",
                format!("return jwks_uri from {}", fixes.routes_file()),
            ),
            None,
        );
    };
    if origin(jwks_uri) != origin(site) {
        return (
            Outcome::fail(
                format!("jwks_uri {jwks_uri} is on another origin than {site}"),
                "serve /.well-known/jwks.json from the site itself",
            ),
            None,
        );
    }
    (
        Outcome::pass(format!("issuer {issuer}, jwks_uri {jwks_uri}{}", redirect_note(&moved))),
        Some(jwks_uri.to_string()),
    )
}

fn jwks_check(url: &str, fetched: Fetched, fixes: &Fixes) -> (Outcome, Option<Vec<Jwk>>) {
    let (response, moved) = match fetched {
        Ok(r) => r,
        Err(outcome) => return (outcome, None),
    };
    if response.status != 200 {
        let hint = if response.status >= 500 {
            format!("the route failed: is JWKS set on the deployment? {}", fixes.push)
        } else {
            fixes.routes()
        };
        return (Outcome::fail(format!("{url} answered {}", response.status), hint), None);
    }
    let content_type = response.media_type().map(str::to_ascii_lowercase);
    if let Some(t) = content_type.as_deref().filter(|t| *t != "application/json" && *t != "application/jwk-set+json") {
        return (
            Outcome::fail(
                format!("{url} is served as {t}, which Convex refuses"),
                "in convex/http.ts return new Response(process.env.JWKS, { headers: { \"Content-Type\": \"application/json\" } })",
            ),
            None,
        );
    }
    let keys = serde_json::from_slice::<Value>(&response.body).ok().as_ref().and_then(rules::keys_of);
    let Some(keys) = keys else {
        return (
            Outcome::fail(
                format!("{url} is not a JSON Web Key Set"),
                format!("set JWKS on the deployment: {}", fixes.push),
            ),
            None,
        );
    };
    let eligible = rules::eligible(&keys).len();
    if eligible == 0 {
        return (
            Outcome::fail(
                format!("{} key(s), none an RSA key for RS256 signatures", keys.len()),
                format!("publish your key's JWKS: {}", fixes.push),
            ),
            None,
        );
    }
    let leaks =
        std::str::from_utf8(&response.body).ok().and_then(ServedJwks::parse).map(|j| j.leaks()).unwrap_or_default();
    if let Some(leak) = leaks.first() {
        return (
            Outcome::warn(
                format!("{url} publishes {}: anyone can sign with it", leak.describe()),
                format!(
                    "make a new key ({}) and publish its public half alone ({})",
                    "convex-authjs keys generate --write --force", fixes.push
                ),
            ),
            Some(keys),
        );
    }
    (Outcome::pass(format!("{} key(s), {eligible} usable for RS256{}", keys.len(), redirect_note(&moved))), Some(keys))
}

fn keys_match_check(public: &PublicKey, served: &[Jwk], fixes: &Fixes) -> Outcome {
    let eligible = rules::eligible(served);
    if eligible.iter().any(|k| PublicKey::from_jwk(k).as_ref() == Some(public)) {
        return Outcome::pass(format!("the served JWKS holds your key (key id {})", public.kid()));
    }
    Outcome::fail(
        "the served JWKS does not hold the public half of CONVEX_AUTH_PRIVATE_KEY: they come from different key pairs",
        format!("publish the JWKS of the key you have: {}", fixes.push),
    )
}

/// Verifies the probes by Convex's key choice: first the one signed as the setup guide's app
/// signs (no `kid`); with several keys served, tokens need a `kid`,
/// and the project's signer (when doctor found it) must send one.
fn token_local_check(probes: &Probes, site: &str, served: &[Jwk], fixes: &Fixes, signer: Option<&Signer>) -> Outcome {
    let eligible = rules::eligible(served);
    let verify = |token: &str, kid: Option<&str>| -> Result<(), Choice> {
        let parsed = token::parse(token).expect("our own token parses");
        match rules::choose(&eligible, kid) {
            Choice::Key(public) if public.verify_rs256(parsed.signing_input.as_bytes(), &parsed.signature) => Ok(()),
            Choice::Key(public) => Err(Choice::Key(public)),
            other => Err(other),
        }
    };
    match verify(&probes.plain, None) {
        Ok(()) => {
            Outcome::pass(format!("a token for iss {site}, aud convex, without kid verifies against the served key"))
        }
        Err(Choice::Ambiguous(n)) => {
            let kid = &probes.kid;
            match (verify(&probes.with_kid, Some(kid)), signer) {
                (Ok(()), Some(signer)) if signer.sends_kid => Outcome::pass(format!(
                    "the JWKS has {n} keys; a token with kid {kid} verifies, and the signer in {} sends kid",
                    signer.path.display()
                )),
                (Ok(()), Some(signer)) => Outcome::warn(
                    format!(
                        "the JWKS has {n} keys, and the signer in {} sends no kid: Convex rejects its tokens",
                        signer.path.display()
                    ),
                    format!(
                        "in {} sign with setProtectedHeader({{ alg: \"RS256\", kid: \"{kid}\" }}), or serve one key",
                        signer.path.display()
                    ),
                ),
                (Ok(()), None) => Outcome::warn(
                    format!("the JWKS has {n} keys, so Convex only accepts tokens that carry kid {kid}"),
                    format!(
                        "sign with setProtectedHeader({{ alg: \"RS256\", kid: \"{kid}\" }}) in your Auth.js session callback, or serve one key"
                    ),
                ),
                (Err(_), _) => Outcome::fail(
                    format!("the JWKS has {n} keys and none has kid {kid}"),
                    format!("publish your key's JWKS: {}", fixes.push),
                ),
            }
        }
        Err(_) => Outcome::fail(
            "a token signed with your key does not verify against the served JWKS",
            format!("publish the JWKS of the key you have: {}", fixes.push),
        ),
    }
}
