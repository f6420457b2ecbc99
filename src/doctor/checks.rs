//! The checks themselves. Each returns an [`Outcome`] with a summary and, when it is not a pass,
//! a hint that names the exact fix.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::rules::{self, Choice};
use super::{Inputs, LocalValue, Outcome, Status, timed};
use crate::convex::api::{ApiError, Deployment};
use crate::http::{Http, HttpError, Response};
use crate::keys::{Jwk, PrivateKey, PublicKey};
use crate::token;

const ENV_PUSH: &str = "run `convex-authjs env push` (add --prod for production)";

type Timed = (Outcome, u64);

pub(super) fn all(inputs: &Inputs, http: &Http) -> Vec<(&'static str, Timed)> {
    let private_key = timed(|| private_key_check(inputs));
    let secret = timed(|| secret_check(inputs));
    let (site, site_note) = site_url(inputs, http);
    let convex_url = timed(|| convex_url_check(inputs, &site, site_note.as_deref()));

    let key = match &inputs.private_key {
        LocalValue::Ok(key, _) => Some(key),
        _ => None,
    };
    let probes = key.map(|k| Probes::sign(k, &site));
    let deployment = inputs.admin_key.as_deref().map(|k| Deployment::new(http, &inputs.deployment_url, k));

    // Independent chains at once: the site's endpoints, the token sent to Convex, the adapter
    // (right and wrong secret) and the deployment's variables. token.convex is sent before the
    // site chain finishes and only reported when the checks it depends on pass.
    let (site_chain, token_convex, adapter_right, adapter_wrong, deployment_env) = std::thread::scope(|scope| {
        let site_chain = scope.spawn(|| site_chain(http, &site, key.zip(probes.as_ref())));
        let token_convex = scope.spawn(|| {
            probes.as_ref().map(|Probes { plain, with_kid, .. }| {
                std::thread::scope(|inner| {
                    let kid = inner.spawn(|| timed(|| token_convex_check(http, inputs, &site, with_kid)));
                    let plain = timed(|| token_convex_check(http, inputs, &site, plain));
                    (plain, kid.join().expect("token check does not panic"))
                })
            })
        });
        let adapter_right = scope.spawn(|| match &inputs.secret {
            LocalValue::Ok(secret, source) => Some(timed(|| adapter_secret_check(http, inputs, secret, source))),
            _ => None,
        });
        let adapter_wrong = scope.spawn(|| timed(|| adapter_rejects_check(http, inputs)));
        let deployment_env = scope.spawn(|| deployment.as_ref().map(|d| timed(|| deployment_env_check(d, inputs))));
        (
            site_chain.join().expect("site checks do not panic"),
            token_convex.join().expect("token check does not panic"),
            adapter_right.join().expect("adapter check does not panic"),
            adapter_wrong.join().expect("adapter check does not panic"),
            deployment_env.join().expect("deployment check does not panic"),
        )
    });
    let SiteChain { discovery, jwks, keys_match, token_local } = site_chain;

    let key_missing = || match &inputs.private_key {
        LocalValue::Missing => Outcome::skip("needs CONVEX_AUTH_PRIVATE_KEY (see env.private_key)"),
        _ => Outcome::skip("needs a usable private key (see env.private_key)"),
    };
    let needs = |what: &str| Outcome::skip(format!("needs {what} to pass first"));
    let jwks = jwks.unwrap_or_else(|| (needs("site.discovery"), 0));
    let upstream_ok = matches!(jwks.0.status, Status::Pass | Status::Warn);
    let keys_match = match (key, upstream_ok) {
        (None, _) => (key_missing(), 0),
        (_, false) => (needs("site.jwks"), 0),
        _ => keys_match.unwrap_or_else(|| (needs("site.jwks"), 0)),
    };
    let token_local = match (key, upstream_ok, keys_match.0.status) {
        (None, _, _) => (key_missing(), 0),
        (_, false, _) => (needs("site.jwks"), 0),
        (_, _, Status::Fail) => (needs("keys.match"), 0),
        _ => token_local.unwrap_or_else(|| (needs("site.jwks"), 0)),
    };
    let token_convex = match (token_convex, token_local.0.status) {
        (None, _) => (key_missing(), 0),
        (Some(_), Status::Fail | Status::Skip) => (needs("token.local"), 0),
        (Some((_, with_kid)), Status::Warn) => with_kid,
        (Some((plain, _)), _) => plain,
    };
    let adapter_secret = adapter_right
        .unwrap_or_else(|| (Outcome::skip("needs CONVEX_AUTH_ADAPTER_SECRET (see env.adapter_secret)"), 0));
    let deployment_env = deployment_env.unwrap_or_else(|| {
        (
            Outcome::skip(
                "needs an admin key: set CONVEX_DEPLOY_KEY, or pass --admin-key, to compare the deployment's variables",
            ),
            0,
        )
    });

    vec![
        ("env.convex_url", convex_url),
        ("env.private_key", private_key),
        ("env.adapter_secret", secret),
        ("site.discovery", discovery),
        ("site.jwks", jwks),
        ("keys.match", keys_match),
        ("token.local", token_local),
        ("token.convex", token_convex),
        ("adapter.secret", adapter_secret),
        ("adapter.rejects_wrong_secret", adapter_wrong),
        ("deployment.env", deployment_env),
    ]
}

/// The probe tokens, signed once: token.local verifies exactly what token.convex sends. The
/// app's signer sends no kid; when the served JWKS turns out to hold several keys, a token with
/// kid is what can work, so both are sent at once and token.local's verdict picks.
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

// ---- local values ----

fn private_key_check(inputs: &Inputs) -> Outcome {
    match &inputs.private_key {
        LocalValue::Ok(key, source) => Outcome::pass(format!(
            "RSA {}-bit PKCS#8 key from {source} (key id {})",
            key.bits(),
            key.public_key().kid()
        )),
        LocalValue::Broken(problem, source, hint) => {
            Outcome::fail(format!("CONVEX_AUTH_PRIVATE_KEY in {source} cannot be used: {problem}"), hint.clone())
        }
        LocalValue::Missing => Outcome::fail(
            "CONVEX_AUTH_PRIVATE_KEY is not set",
            "create it with `convex-authjs keys generate --write`, then `convex-authjs env push`",
        ),
    }
}

fn secret_check(inputs: &Inputs) -> Outcome {
    match &inputs.secret {
        LocalValue::Ok(secret, source) if secret.chars().count() < 32 => Outcome::warn(
            format!("CONVEX_AUTH_ADAPTER_SECRET in {source} is only {} characters", secret.chars().count()),
            "use a long random one: `convex-authjs secret generate --write --force`, then `convex-authjs env push`",
        ),
        LocalValue::Ok(secret, source) => {
            Outcome::pass(format!("set in {source} ({} characters)", secret.chars().count()))
        }
        _ => Outcome::fail(
            "CONVEX_AUTH_ADAPTER_SECRET is not set",
            "create it with `convex-authjs secret generate --write`, then `convex-authjs env push`",
        ),
    }
}

/// The site URL tokens are issued for, and a note when it had to be guessed.
fn site_url(inputs: &Inputs, http: &Http) -> (String, Option<String>) {
    if let Some((url, _)) = &inputs.site_url {
        return (url.clone(), None);
    }
    let derived = rules::default_site_url(&inputs.deployment_url);
    let Some(key) = &inputs.admin_key else {
        return (derived, Some("derived from the deployment URL".into()));
    };
    let url = format!("{}/api/v1/get_canonical_urls", inputs.deployment_url.trim_end_matches('/'));
    let asked = http.get(&url, Some(&format!("Convex {key}"))).ok().filter(|r| r.status == 200);
    match asked
        .and_then(|r| serde_json::from_slice::<Value>(&r.body).ok())
        .and_then(|v| v["convexSiteUrl"].as_str().map(str::to_string))
    {
        Some(site) => (site.trim_end_matches('/').to_string(), None),
        None => (derived, Some("derived from the deployment URL; the deployment did not say".into())),
    }
}

fn convex_url_check(inputs: &Inputs, site: &str, note: Option<&str>) -> Outcome {
    let url = &inputs.deployment_url;
    if rules::origin(url).is_none() {
        return Outcome::fail(
            format!("{url} (from {}) is not a URL", inputs.url_source),
            "set NEXT_PUBLIC_CONVEX_URL to https://<name>.convex.cloud, or pass --url",
        );
    }
    let site_note = note.map_or(String::new(), |n| format!(", {n}"));
    let summary = format!("{url} from {}; site {site}{site_note}", inputs.url_source);
    if let Some(public) = &inputs.public_url {
        let same_deployment = public.trim_end_matches('/') == url.trim_end_matches('/');
        let issuer = rules::template_issuer(public);
        if same_deployment && issuer != site {
            return Outcome::warn(
                format!("{summary}; the setup guide's signer would use iss {issuer}, which Convex rejects"),
                format!(
                    "in your Auth.js session callback set the issuer to {site} (NEXT_PUBLIC_CONVEX_SITE_URL) instead of NEXT_PUBLIC_CONVEX_URL.replace(/.cloud$/, \".site\")"
                ),
            );
        }
    }
    Outcome::pass(summary)
}

// ---- the site: discovery, JWKS, and what the served keys say ----

struct SiteChain {
    discovery: Timed,
    jwks: Option<Timed>,
    keys_match: Option<Timed>,
    token_local: Option<Timed>,
}

/// Where the setup guide's http.ts serves the JWKS. It is fetched alongside discovery, and
/// used when discovery's `jwks_uri` names it, which saves a round trip in the usual setup.
fn conventional_jwks_uri(site: &str) -> String {
    format!("{site}/.well-known/jwks.json")
}

type Fetched = Result<(Response, Option<String>), Outcome>;

fn site_chain(http: &Http, site: &str, key: Option<(&PrivateKey, &Probes)>) -> SiteChain {
    let mut jwks_uri = None;
    let (discovery, prefetched) = std::thread::scope(|scope| {
        let prefetch = scope.spawn(|| get_same_origin(http, &conventional_jwks_uri(site)));
        let discovery = timed(|| {
            let (outcome, uri) = discovery_check(http, site);
            jwks_uri = uri;
            outcome
        });
        (discovery, prefetch.join().expect("the JWKS fetch does not panic"))
    });
    let Some(jwks_uri) = jwks_uri.filter(|_| discovery.0.status != Status::Fail) else {
        return SiteChain { discovery, jwks: None, keys_match: None, token_local: None };
    };
    let fetched = if jwks_uri == conventional_jwks_uri(site) { prefetched } else { get_same_origin(http, &jwks_uri) };
    let mut served = None;
    let jwks = timed(|| {
        let (outcome, keys) = jwks_check(&jwks_uri, fetched);
        served = keys;
        outcome
    });
    let (Some(served), Some((key, probes)), Status::Pass | Status::Warn) = (served, key, jwks.0.status) else {
        return SiteChain { discovery, jwks: Some(jwks), keys_match: None, token_local: None };
    };
    let public = key.public_key();
    let keys_match = timed(|| keys_match_check(&public, &served));
    let token_local = timed(|| token_local_check(probes, site, &served));
    SiteChain { discovery, jwks: Some(jwks), keys_match: Some(keys_match), token_local: Some(token_local) }
}

const HTTP_TS: &str = "convex/http.ts (the setup guide's two /.well-known routes), then run `npx convex deploy`";

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
        if rules::origin(&next) != rules::origin(url) {
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

fn network_failure(e: &HttpError) -> Outcome {
    let hint = match e {
        HttpError::Timeout { .. } => "the server did not answer in time: check it is up, or raise --timeout",
        HttpError::Insecure { .. } => "use https://, or pass --allow-insecure-http",
        _ => "check the URL and that the deployment is up",
    };
    match e {
        HttpError::Timeout { url, .. } => {
            Outcome::fail(format!("timed out: no answer from {url} before the deadline"), hint)
        }
        _ => Outcome::fail(e.to_string(), hint),
    }
}

fn redirect_note(moved: &Option<String>) -> String {
    moved.as_ref().map_or(String::new(), |to| format!(" (redirected within the same origin to {to})"))
}

fn discovery_check(http: &Http, site: &str) -> (Outcome, Option<String>) {
    let url = format!("{site}/.well-known/openid-configuration");
    let (response, moved) = match get_same_origin(http, &url) {
        Ok(r) => r,
        Err(outcome) => return (outcome, None),
    };
    if response.status != 200 {
        return (
            Outcome::fail(format!("{url} answered {}", response.status), format!("add or fix the route in {HTTP_TS}")),
            None,
        );
    }
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    let Some(body) = body.filter(|b| b.is_object()) else {
        let what = response.content_type.clone().unwrap_or_else(|| "an empty answer".into());
        return (
            Outcome::fail(
                format!("{url} is not JSON ({what})"),
                format!("return the discovery document from {HTTP_TS}"),
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
            Outcome::fail("the discovery document has no jwks_uri", format!("return jwks_uri from {HTTP_TS}")),
            None,
        );
    };
    if rules::origin(jwks_uri) != rules::origin(site) {
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

fn jwks_check(url: &str, fetched: Fetched) -> (Outcome, Option<Vec<Jwk>>) {
    let (response, moved) = match fetched {
        Ok(r) => r,
        Err(outcome) => return (outcome, None),
    };
    if response.status != 200 {
        let hint = if response.status >= 500 {
            format!("the route failed: is JWKS set on the deployment? {ENV_PUSH}")
        } else {
            format!("add or fix the route in {HTTP_TS}")
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
                format!("set JWKS on the deployment: {ENV_PUSH}"),
            ),
            None,
        );
    };
    let eligible = rules::eligible(&keys).len();
    if eligible == 0 {
        return (
            Outcome::fail(
                format!("{} key(s), none an RSA key for RS256 signatures", keys.len()),
                format!("publish your key's JWKS: {ENV_PUSH}"),
            ),
            None,
        );
    }
    (Outcome::pass(format!("{} key(s), {eligible} usable for RS256{}", keys.len(), redirect_note(&moved))), Some(keys))
}

fn keys_match_check(public: &PublicKey, served: &[Jwk]) -> Outcome {
    let eligible = rules::eligible(served);
    if eligible.iter().any(|k| PublicKey::from_jwk(k).as_ref() == Some(public)) {
        return Outcome::pass(format!("the served JWKS holds your key (key id {})", public.kid()));
    }
    Outcome::fail(
        "the served JWKS does not hold the public half of CONVEX_AUTH_PRIVATE_KEY: they come from different key pairs",
        format!("publish the JWKS of the key you have: {ENV_PUSH}"),
    )
}

/// Verifies the probe signed as the app signs (no `kid`) by Convex's key choice.
fn token_local_check(probes: &Probes, site: &str, served: &[Jwk]) -> Outcome {
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
            match verify(&probes.with_kid, Some(kid)) {
                Ok(()) => Outcome::warn(
                    format!("the JWKS has {n} keys, so Convex only accepts tokens that carry kid {kid}"),
                    format!(
                        "sign with setProtectedHeader({{ alg: \"RS256\", kid: \"{kid}\" }}) in your Auth.js session callback, or serve one key"
                    ),
                ),
                Err(_) => Outcome::fail(
                    format!("the JWKS has {n} keys and none has kid {kid}"),
                    format!("publish your key's JWKS: {ENV_PUSH}"),
                ),
            }
        }
        Err(_) => Outcome::fail(
            "a token signed with your key does not verify against the served JWKS",
            format!("publish the JWKS of the key you have: {ENV_PUSH}"),
        ),
    }
}

// ---- the deployment: the token, the adapter, the variables ----

/// `POST /api/query` for `path` with `args`; the function's `{status,...}` answer.
fn query(
    http: &Http,
    inputs: &Inputs,
    path: &str,
    args: Value,
    authorization: Option<&str>,
) -> Result<(u16, Value), Outcome> {
    let url = format!("{}/api/query", inputs.deployment_url.trim_end_matches('/'));
    let body = json!({ "path": path, "args": args, "format": "json" });
    let response = http.post_json(&url, authorization, &body).map_err(|e| network_failure(&e))?;
    if (300..400).contains(&response.status) {
        let to = response.location.clone().unwrap_or_default();
        return Err(Outcome::fail(
            format!("{url} redirected to {to}; a secret never follows a redirect"),
            "pass the deployment's final URL with --url",
        ));
    }
    let Some(value) = serde_json::from_slice::<Value>(&response.body).ok().filter(|v| v.is_object()) else {
        let what = response.content_type.clone().unwrap_or_else(|| "no content type".into());
        return Err(Outcome::fail(
            format!("{url} answered {} with {what}, not JSON", response.status),
            "check that the URL is your Convex deployment (https://<name>.convex.cloud)",
        ));
    };
    Ok((response.status, value))
}

fn first_line(message: &str) -> String {
    let line = message
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("Uncaught"))
        .or_else(|| message.lines().next())
        .unwrap_or("");
    line.chars().take(200).collect()
}

fn is_redacted(message: &str) -> bool {
    let m = message.trim();
    m.starts_with("[Request ID:") && m.ends_with("Server Error")
}

fn token_convex_check(http: &Http, inputs: &Inputs, site: &str, probe: &str) -> Outcome {
    let path = "convex_authjs_doctor:probe";
    let (status, value) = match query(http, inputs, path, json!({}), Some(&format!("Bearer {probe}"))) {
        Ok(answer) => answer,
        Err(outcome) => return outcome,
    };
    let message = value["errorMessage"].as_str().or_else(|| value["message"].as_str()).unwrap_or("");
    let code = value["code"].as_str().unwrap_or("");
    if value["status"] == "success" || message.contains("Could not find public function") {
        return Outcome::pass(format!("Convex accepted a token signed like your Next.js server signs it (iss {site})"));
    }
    let auth_config = "convex/auth.config.ts must list { domain: process.env.CONVEX_SITE_URL, applicationID: \"convex\" }; then run `npx convex deploy`";
    match code {
        "NoAuthProvider" => {
            Outcome::fail(format!("Convex has no auth provider for iss {site} and aud convex"), auth_config)
        }
        "AuthProviderDiscoveryFailed" => Outcome::fail(
            format!("Convex could not use {site}/.well-known/openid-configuration: {}", first_line(message)),
            "see site.discovery and site.jwks; the routes live in convex/http.ts",
        ),
        "Unauthenticated" | "InvalidAuthHeader" => Outcome::fail(
            format!("Convex rejected the token: {}", first_line(message)),
            format!(
                "the served JWKS and CONVEX_AUTH_PRIVATE_KEY must be one pair ({ENV_PUSH}); check this machine's clock"
            ),
        ),
        _ => Outcome::fail(
            format!("unexpected answer {status}: {}", first_line(if message.is_empty() { code } else { message })),
            auth_config,
        ),
    }
}

fn adapter_path(inputs: &Inputs) -> String {
    format!("{}:getUserByEmail", inputs.adapter_module)
}

/// An address that cannot belong to a user: `.invalid` never resolves (RFC 2606).
fn unused_email() -> String {
    format!("convex-authjs-doctor-{}@example.invalid", &crate::secret::generate(9).replace(['+', '/'], "x"))
}

fn adapter_secret_check(http: &Http, inputs: &Inputs, secret: &str, source: &str) -> Outcome {
    let path = adapter_path(inputs);
    let (_, value) = match query(http, inputs, &path, json!({ "secret": secret, "email": unused_email() }), None) {
        Ok(answer) => answer,
        Err(outcome) => return outcome,
    };
    if value["status"] == "success" {
        return Outcome::pass(format!("{path} accepted the secret from {source}"));
    }
    let message = value["errorMessage"].as_str().unwrap_or("").replace(secret, "[redacted]");
    adapter_error(&path, &message, source)
}

fn adapter_error(path: &str, message: &str, source: &str) -> Outcome {
    if message.contains("Missing CONVEX_AUTH_ADAPTER_SECRET") {
        return Outcome::fail("the deployment has no CONVEX_AUTH_ADAPTER_SECRET", format!("set it: {ENV_PUSH}"));
    }
    if message.contains("without correct secret value") {
        return Outcome::fail(
            format!("the deployment's CONVEX_AUTH_ADAPTER_SECRET differs from the one in {source}"),
            format!("make them equal: {ENV_PUSH}"),
        );
    }
    if message.contains("Could not find public function") {
        return Outcome::fail(
            format!("the adapter is not deployed: {path} does not exist"),
            "copy convex/authAdapter.ts from the setup guide and run `npx convex deploy` (or pass --adapter-module NAME)",
        );
    }
    if message.contains("ArgumentValidationError") {
        return Outcome::fail(
            format!("{path} takes other arguments: {}", first_line(message)),
            "update convex/authAdapter.ts to the setup guide's version and run `npx convex deploy`",
        );
    }
    if is_redacted(message) {
        return Outcome::fail(
            format!("{path} failed and the deployment hides why (production redacts errors)"),
            "run doctor with CONVEX_DEPLOY_KEY (or --admin-key): deployment.env then tells whether the secret differs",
        );
    }
    Outcome::fail(format!("{path} failed: {}", first_line(message)), "see the function's logs in the Convex dashboard")
}

fn adapter_rejects_check(http: &Http, inputs: &Inputs) -> Outcome {
    let path = adapter_path(inputs);
    let wrong = crate::secret::generate(33);
    let (_, value) = match query(http, inputs, &path, json!({ "secret": wrong, "email": unused_email() }), None) {
        Ok(answer) => answer,
        Err(outcome) => return outcome,
    };
    if value["status"] == "success" {
        return Outcome::fail(
            format!("{path} accepted a wrong secret: anyone can read your users table"),
            "restore checkSecret in convex/authAdapter.ts (the setup guide's adapterQuery and adapterMutation) and run `npx convex deploy`",
        );
    }
    let message = value["errorMessage"].as_str().unwrap_or("");
    if message.contains("Could not find public function") {
        return Outcome::skip("the adapter is not deployed (see adapter.secret)");
    }
    if message.contains("without correct secret value")
        || message.contains("Missing CONVEX_AUTH_ADAPTER_SECRET")
        || is_redacted(message)
    {
        return Outcome::pass(format!("{path} refused a wrong secret"));
    }
    Outcome::warn(
        format!("{path} failed with a wrong secret, but not for the secret: {}", first_line(message)),
        "check that convex/authAdapter.ts checks the secret first, as in the setup guide",
    )
}

fn deployment_env_check(deployment: &Deployment, inputs: &Inputs) -> Outcome {
    let vars = match deployment.list_env() {
        Ok(Some(vars)) => vars,
        Ok(None) => return Outcome::skip("this deployment cannot list its variables over HTTP"),
        Err(ApiError::Refused { message, .. }) => {
            return Outcome::fail(
                format!("the deployment rejected the admin key: {message}"),
                "check CONVEX_DEPLOY_KEY or --admin-key",
            );
        }
        Err(e) => return Outcome::fail(e.to_string(), "check the deployment URL and your network"),
    };
    let mut problems = Vec::new();
    if let LocalValue::Ok(key, _) = &inputs.private_key {
        let public = key.public_key();
        let served =
            vars.get("JWKS").and_then(|j| serde_json::from_str::<Value>(j).ok()).as_ref().and_then(rules::keys_of);
        match served {
            None => problems.push("JWKS is not set"),
            Some(keys) if !keys.iter().any(|k| PublicKey::from_jwk(k).as_ref() == Some(&public)) => {
                problems.push("JWKS does not hold your key")
            }
            Some(_) => {}
        }
    }
    if let LocalValue::Ok(secret, _) = &inputs.secret {
        match vars.get("CONVEX_AUTH_ADAPTER_SECRET") {
            None => problems.push("CONVEX_AUTH_ADAPTER_SECRET is not set"),
            Some(theirs)
                if aws_lc_rs::constant_time::verify_slices_are_equal(theirs.as_bytes(), secret.as_bytes()).is_err() =>
            {
                problems.push("CONVEX_AUTH_ADAPTER_SECRET differs from yours")
            }
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Outcome::pass("the deployment's JWKS holds your key and its CONVEX_AUTH_ADAPTER_SECRET equals yours")
    } else {
        Outcome::fail(format!("on the deployment: {}", problems.join("; ")), format!("fix both at once: {ENV_PUSH}"))
    }
}
