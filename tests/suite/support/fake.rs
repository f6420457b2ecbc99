//! A fake Convex deployment on loopback that behaves as docs/convex-facts.md §2 describes:
//! the environment-variable endpoints with their key checks and name/size rules, and the
//! management API's deploy-key lookup. Switches make it return each error, redirect, hang or
//! answer slowly. Every request is recorded (method, path, Authorization) for the tests.
//!
//! The real `convex` npm CLI is pointed at it in the interop tests, which keeps it honest.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use super::http_server::{self, Reply, Request, Server};
use super::sync;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Value, json};

pub const ADMIN_KEY: &str = "convex-self-hosted|01fakeadminkey0123456789abcdef";
pub const DEPLOY_KEY: &str = "prod:happy-otter-123|eyJ2MiI6ImZha2UtZGVwbG95LWtleSJ9";
/// A preview deploy key, as Vercel's preview builds have it (it names no single deployment).
pub const PREVIEW_DEPLOY_KEY: &str = "preview:acme:app|eyJ2MiI6ImZha2UtcHJldmlldy1rZXkifQ";
/// The login the convex CLI is given with CONVEX_OVERRIDE_ACCESS_TOKEN, for the management API.
pub const ACCESS_TOKEN: &str = "fake-access-token-0123456789";
/// The project the management API says every deployment belongs to.
const PROJECT_ID: u64 = 42;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub body: String,
}

/// What the fake does instead of answering normally.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Reply every request with this status and Convex's `{"code","message"}`.
    Error { status: u16, code: &'static str, message: String },
    /// Reply 307 to this URL.
    Redirect(String),
    /// Never answer (until the test ends).
    Hang,
    /// A web page where JSON belongs.
    Html,
    /// A bare 5xx.
    Status(u16),
    /// No `/api/v1/list_environment_variables` (an older self-hosted backend).
    NoListEndpoint,
    /// A body far larger than anything Convex sends.
    Huge,
    /// Headers at once, then the body one byte a second.
    Trickle,
}

/// How the deployment's `convex/http.ts` routes behave (the setup guide's, by default).
#[derive(Debug, Clone)]
pub struct Site {
    /// The discovery document's issuer; `None` is `CONVEX_SITE_URL`, as in the guide.
    pub issuer: Option<String>,
    pub discovery: Page,
    pub jwks_content_type: String,
    /// Status of the JWKS route when JWKS is set (the guide's route throws, a 500, when not).
    pub jwks_status: u16,
    pub hang: bool,
    /// Redirect discovery to this URL.
    pub redirect_discovery: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Served,
    NotFound,
    Html,
}

impl Default for Site {
    fn default() -> Site {
        Site {
            issuer: None,
            discovery: Page::Served,
            jwks_content_type: "application/json".into(),
            jwks_status: 200,
            hang: false,
            redirect_discovery: None,
        }
    }
}

/// Whether `convex/authAdapter.ts` is deployed, and whether its `checkSecret` is intact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Adapter {
    #[default]
    Deployed,
    Missing,
    AcceptsAnySecret,
}

#[derive(Default)]
pub struct State {
    /// This fake's own address, which the management API hands out for the deploy key.
    pub url: String,
    /// The deployment's site (`CONVEX_SITE_URL`), served by a second listener.
    pub site_url: String,
    pub site: Site,
    pub adapter: Adapter,
    /// A production deployment: function errors are redacted to `[Request ID: …] Server Error`.
    pub redacted: bool,
    /// `convex/auth.config.ts`'s provider domain; `None` is `CONVEX_SITE_URL`, as in the guide.
    pub auth_domain: Option<String>,
    /// Bearer tokens received on `/api/query`, for cross-checks with other verifiers.
    pub bearer_tokens: Vec<String>,
    pub env: BTreeMap<String, String>,
    /// The project's default variables for new preview deployments (the management API).
    pub preview_defaults: BTreeMap<String, String>,
    pub requests: Vec<Recorded>,
    pub fault: Option<Fault>,
    pub delay: Duration,
    /// How long the JWKS fetched for checking tokens is kept, as Convex keeps it by the route's
    /// Cache-Control (and does not refetch on an unknown kid); zero: fetched every time.
    pub jwks_cache: Duration,
    cached_jwks: Option<(std::time::Instant, SiteAnswer)>,
}

pub struct FakeDeployment {
    pub url: String,
    pub site_url: String,
    pub state: Arc<Mutex<State>>,
    /// Dropping them stops the listeners.
    _servers: [Server; 2],
}

impl FakeDeployment {
    pub fn start() -> FakeDeployment {
        let state = Arc::new(Mutex::new(State::default()));
        let (for_cloud, for_site) = (state.clone(), state.clone());
        let cloud = http_server::serve(Arc::new(move |request| handle(request, &for_cloud)));
        let site = http_server::serve(Arc::new(move |request| handle_site(request, &for_site)));
        let (url, site_url) = (cloud.url.clone(), site.url.clone());
        state.lock().unwrap().url = url.clone();
        state.lock().unwrap().site_url = site_url.clone();
        FakeDeployment { url, site_url, state, _servers: [cloud, site] }
    }

    /// Changes the fake's behaviour under its lock.
    pub fn with(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.state.lock().unwrap());
    }

    pub fn set_fault(&self, fault: Fault) {
        self.state.lock().unwrap().fault = Some(fault);
    }

    pub fn set_delay(&self, delay: Duration) {
        self.state.lock().unwrap().delay = delay;
    }

    pub fn env(&self) -> BTreeMap<String, String> {
        self.state.lock().unwrap().env.clone()
    }

    pub fn set_env(&self, name: &str, value: &str) {
        self.state.lock().unwrap().env.insert(name.into(), value.into());
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

fn json_response(status: u16, body: &Value) -> Reply {
    Reply::new(status, Some("application/json"), body.to_string())
}

fn error(status: u16, code: &str, message: &str) -> Reply {
    json_response(status, &json!({ "code": code, "message": message }))
}

fn handle(request: Request, state: &Arc<Mutex<State>>) -> Option<Reply> {
    if request.path.ends_with("/sync") && request.header("Upgrade").is_some_and(|u| u.eq_ignore_ascii_case("websocket"))
    {
        return Some(sync_session(&request, state));
    }
    let authorization = request.header("Authorization").map(str::to_string);
    let Request { method, path, query, body, .. } = request;
    let (fault, delay) = {
        let mut s = state.lock().unwrap();
        s.requests.push(Recorded {
            method: method.clone(),
            path: path.clone(),
            authorization: authorization.clone(),
            body: body.clone(),
        });
        (s.fault.clone(), s.delay)
    };
    thread::sleep(delay);
    Some(match fault {
        Some(Fault::Hang) => return None,
        Some(Fault::Error { status, code, message }) => error(status, code, &message),
        Some(Fault::Redirect(location)) => Reply::new(307, None, Vec::new()).header("Location", &location),
        Some(Fault::Html) => {
            Reply::new(200, Some("text/html; charset=utf-8"), "<!doctype html><title>Not here</title>")
        }
        Some(Fault::Status(status)) => Reply::new(status, None, "upstream error"),
        Some(Fault::Huge) => Reply::new(200, Some("application/json"), vec![b' '; 2 << 20]),
        Some(Fault::Trickle) => Reply {
            trickle: Some(Duration::from_secs(1)),
            ..Reply::new(200, Some("application/json"), r#"{"environmentVariables":{}}"#)
        },
        Some(Fault::NoListEndpoint) if path == "/api/v1/list_environment_variables" => {
            Reply::new(404, None, "Not found")
        }
        _ if path.starts_with("/v1/")
            || path.starts_with("/api/deployment/") && path != "/api/deployment/url_for_key" =>
        {
            management(&method, &path, &query, authorization.as_deref(), &body, state)
        }
        _ => route(&method, &path, authorization.as_deref(), &body, state),
    })
}

/// `npx convex env get` and `env list`: the sync WebSocket, answering the system queries for
/// the variables from the same state the HTTP endpoints use.
fn sync_session(request: &Request, state: &Arc<Mutex<State>>) -> Reply {
    let accept = sync::accept_key(request.header("Sec-WebSocket-Key").unwrap_or(""));
    let state = state.clone();
    Reply::switching(
        &accept,
        Box::new(move |reader, writer| {
            let vars = || state.lock().unwrap().env.clone();
            let valid = |key: &str| key == ADMIN_KEY || key == DEPLOY_KEY;
            let record = |path: &str, key: &str| {
                state.lock().unwrap().requests.push(Recorded {
                    method: "WS".into(),
                    path: format!("sync:{path}"),
                    authorization: Some(format!("Convex {key}")),
                    body: String::new(),
                })
            };
            sync::serve(reader, writer, &vars, &valid, &record);
        }),
    )
}

/// Convex checks `Authorization: Convex <key>`; a wrong deploy key is 403, a wrong admin key 401.
fn authorized(authorization: Option<&str>) -> Result<(), Reply> {
    match authorization.and_then(|a| a.strip_prefix("Convex ")) {
        Some(key) if key == ADMIN_KEY || key == DEPLOY_KEY || key == PREVIEW_DEPLOY_KEY => Ok(()),
        Some(key) if key.contains(':') && key.contains('|') => Err(error(
            403,
            "BadDeployKey",
            "Please set CONVEX_DEPLOY_KEY to a new key which you can find on your Convex dashboard.",
        )),
        _ => Err(error(401, "BadAdminKey", "The provided admin key was invalid for this instance")),
    }
}

fn route(method: &str, path: &str, authorization: Option<&str>, body: &str, state: &Mutex<State>) -> Reply {
    match (method, path) {
        ("GET", "/api/v1/list_environment_variables") => {
            if let Err(denied) = authorized(authorization) {
                return denied;
            }
            let env = state.lock().unwrap().env.clone();
            json_response(200, &json!({ "environmentVariables": env }))
        }
        ("POST", "/api/update_environment_variables" | "/api/v1/update_environment_variables") => {
            if let Err(denied) = authorized(authorization) {
                return denied;
            }
            update(body, state)
        }
        ("GET", "/api/v1/get_canonical_urls") => {
            if let Err(denied) = authorized(authorization) {
                return denied;
            }
            let s = state.lock().unwrap();
            json_response(200, &json!({ "convexCloudUrl": s.url, "convexSiteUrl": s.site_url }))
        }
        ("POST", "/api/query") => query(authorization, body, state),
        ("POST", "/api/deployment/url_for_key") => {
            // The management API: `Authorization: Bearer <deploy key>`, answers the URL as a JSON string.
            let url = state.lock().unwrap().url.clone();
            match authorization.and_then(|a| a.strip_prefix("Bearer ")) {
                Some(DEPLOY_KEY) => json_response(200, &json!(url)),
                _ => error(401, "Unauthenticated", "Invalid deploy key"),
            }
        }
        _ => error(404, "NotFound", &format!("no route for {method} {path}")),
    }
}

/// The management API routes the convex CLI calls for `env default get|set --type preview`
/// (convex-js `src/cli/lib/api.ts`, `defaultEnv.ts`), with the login as `Bearer` token.
fn management(
    method: &str,
    path: &str,
    query: &str,
    authorization: Option<&str>,
    body: &str,
    state: &Mutex<State>,
) -> Reply {
    if authorization != Some(format!("Bearer {ACCESS_TOKEN}").as_str()) {
        return error(401, "Unauthenticated", "Not logged in");
    }
    let defaults = format!("/v1/projects/{PROJECT_ID}");
    match (method, path) {
        ("GET", p) if p.ends_with("/team_and_project") => {
            json_response(200, &json!({ "team": "acme", "project": "app", "teamId": 1, "projectId": PROJECT_ID }))
        }
        ("POST", "/api/deployment/authorize_within_current_project") => {
            let s = state.lock().unwrap();
            let name = serde_json::from_str::<Value>(body)
                .ok()
                .and_then(|b| b["selectedDeploymentName"].as_str().map(str::to_string));
            json_response(
                200,
                &json!({ "deploymentName": name, "url": s.url, "adminKey": ADMIN_KEY, "deploymentType": "dev" }),
            )
        }
        ("GET", p) if p == format!("{defaults}/list_default_environment_variables") => {
            let field =
                |key: &str| query.split('&').find_map(|pair| pair.strip_prefix(&format!("{key}=")).map(str::to_string));
            if field("deploymentType").as_deref() != Some("preview") {
                return json_response(200, &json!({ "items": [] }));
            }
            let s = state.lock().unwrap();
            let items: Vec<Value> = s
                .preview_defaults
                .iter()
                .filter(|(name, _)| field("name").is_none_or(|wanted| wanted == **name))
                .map(|(name, value)| json!({ "name": name, "value": value }))
                .collect();
            json_response(200, &json!({ "items": items }))
        }
        ("POST", p) if p == format!("{defaults}/update_default_environment_variables") => {
            let Ok(parsed) = serde_json::from_str::<Value>(body) else {
                return error(400, "BadJson", "the body is not JSON");
            };
            let mut s = state.lock().unwrap();
            for change in
                parsed["changes"].as_array().into_iter().flatten().filter(|c| c["deploymentType"] == "preview")
            {
                let name = change["name"].as_str().unwrap_or("").to_string();
                match change["value"].as_str() {
                    Some(value) => s.preview_defaults.insert(name, value.to_string()),
                    None => s.preview_defaults.remove(&name),
                };
            }
            json_response(200, &json!({}))
        }
        _ => error(404, "NotFound", &format!("no route for {method} {path}")),
    }
}

/// The rules of crates/common/src/types/environment_variables.rs and knobs.rs.
fn update(body: &str, state: &Mutex<State>) -> Reply {
    let Ok(parsed) = serde_json::from_str::<Value>(body) else {
        return error(400, "BadJson", "the body is not JSON");
    };
    let Some(changes) = parsed["changes"].as_array() else {
        return error(400, "BadJson", "missing changes");
    };
    let name_ok = |n: &str| {
        let mut chars = n.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let mut s = state.lock().unwrap();
    let mut next = s.env.clone();
    for change in changes {
        let name = change["name"].as_str().unwrap_or("");
        if !name_ok(name) {
            return error(
                400,
                "EnvironmentVariableNameInvalid",
                &format!("Environment variable name {name} is invalid"),
            );
        }
        if name.len() > 256 {
            return error(400, "EnvironmentVariableNameTooLong", "Environment variable name is too long");
        }
        if ["CONVEX_SITE_URL", "CONVEX_CLOUD_URL"].contains(&name) {
            return error(400, "EnvVarNameForbidden", &format!("Environment variable {name} is built in"));
        }
        match change["value"].as_str() {
            Some(value) if value.len() > 8192 => {
                return error(
                    400,
                    "EnvironmentVariableValueTooLarge",
                    &format!("Environment variable {name} is larger than 8192 bytes"),
                );
            }
            Some(value) => {
                next.insert(name.to_string(), value.to_string());
            }
            None => {
                next.remove(name);
            }
        }
    }
    if next.len() > 512 {
        return error(400, "EnvVarLimitMet", "There are too many environment variables");
    }
    s.env = next;
    Reply::new(200, None, Vec::new())
}

/// A site route's answer: status, content type, body.
type SiteAnswer = (u16, Option<String>, String);

/// What the site routes answer: (status, content type, body), or `None` for a hang.
fn site_answer(path: &str, state: &Mutex<State>) -> Option<SiteAnswer> {
    let s = state.lock().unwrap();
    if s.site.hang {
        return None;
    }
    let site = &s.site_url;
    match path {
        // The second path serves the same document, as a target for same-origin redirects.
        "/.well-known/openid-configuration" | "/moved/openid-configuration" => match s.site.discovery {
            Page::NotFound => Some((404, Some("text/plain".into()), "No matching routes found".into())),
            Page::Html => Some((200, Some("text/html".into()), "<!doctype html><p>Welcome</p>".into())),
            Page::Served => {
                let issuer = s.site.issuer.clone().unwrap_or_else(|| site.clone());
                let doc = json!({
                    "issuer": issuer,
                    "jwks_uri": format!("{site}/.well-known/jwks.json"),
                    "authorization_endpoint": format!("{site}/oauth/authorize"),
                });
                Some((200, Some("application/json".into()), doc.to_string()))
            }
        },
        "/.well-known/jwks.json" => match s.env.get("JWKS") {
            None => Some((
                500,
                Some("text/plain".into()),
                "Uncaught Error: Missing JWKS Convex environment variable".into(),
            )),
            Some(jwks) => Some((s.site.jwks_status, Some(s.site.jwks_content_type.clone()), jwks.clone())),
        },
        _ => Some((404, Some("text/plain".into()), "No matching routes found".into())),
    }
}

fn handle_site(request: Request, state: &Mutex<State>) -> Option<Reply> {
    let Request { method, path, body, .. } = request;
    let (redirect, delay) = {
        let mut s = state.lock().unwrap();
        s.requests.push(Recorded { method, path: format!("site:{path}"), authorization: None, body });
        (s.site.redirect_discovery.clone().filter(|_| path == "/.well-known/openid-configuration"), s.delay)
    };
    thread::sleep(delay);
    if let Some(location) = redirect {
        return Some(Reply::new(302, None, Vec::new()).header("Location", &location));
    }
    let (status, content_type, text) = site_answer(&path, state)?;
    Some(Reply::new(status, content_type.as_deref(), text))
}

fn function_error(message: &str, state: &Mutex<State>) -> Reply {
    let redacted = state.lock().unwrap().redacted;
    let text = if redacted {
        "[Request ID: 5f2a9c0d81e3b7a4] Server Error".to_string()
    } else {
        format!(
            "[Request ID: 5f2a9c0d81e3b7a4] Server Error\nUncaught Error: {message}\n    at checkSecret (../convex/authAdapter.ts:35:9)"
        )
    };
    json_response(560, &json!({ "status": "error", "errorMessage": text, "errorData": null, "logLines": [] }))
}

/// Convex's checks of a Bearer token for a `{ domain, applicationID: "convex" }` provider
/// (convex-facts.md §5), in the order the backend applies them.
fn check_token(token: &str, state: &Mutex<State>) -> Result<(), Reply> {
    let unauthenticated = || {
        error(
            401,
            "Unauthenticated",
            "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
        )
    };
    // The token is read and verified with the jsonwebtoken crate, never with this crate's own
    // token or key code: the fake is an oracle for that code and must not share it.
    let unparsable = || error(401, "InvalidAuthHeader", "Could not parse JWT payload");
    let header = jsonwebtoken::decode_header(token).map_err(|_| unparsable())?;
    let claims: Value = jsonwebtoken::dangerous::insecure_decode_claims(token).map_err(|_| unparsable())?;
    let (domain, site_url) = {
        let s = state.lock().unwrap();
        (s.auth_domain.clone().unwrap_or_else(|| s.site_url.clone()), s.site_url.clone())
    };
    let iss = claims["iss"].as_str().unwrap_or("");
    let aud_ok = match &claims["aud"] {
        Value::String(a) => a == "convex",
        Value::Array(list) => list.iter().any(|a| a == "convex"),
        _ => false,
    };
    if iss != domain.trim_end_matches('/') || !aud_ok {
        return Err(error(
            401,
            "NoAuthProvider",
            "No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [OIDC(domain=..., app_id=convex)]",
        ));
    }
    let discovery_failed = |why: &str| {
        error(401, "AuthProviderDiscoveryFailed", &format!("Auth provider discovery of {iss} failed: {why}"))
    };
    if iss != site_url {
        return Err(discovery_failed("unreachable"));
    }
    let json_type = |t: &Option<String>, also: &str| t.as_deref().is_none_or(|t| t == "application/json" || t == also);
    let (status, content_type, body) =
        site_answer("/.well-known/openid-configuration", state).ok_or_else(|| discovery_failed("timed out"))?;
    if status != 200 || !json_type(&content_type, "application/json") {
        return Err(discovery_failed("bad discovery response"));
    }
    let doc: Value = serde_json::from_str(&body).map_err(|_| discovery_failed("discovery is not JSON"))?;
    if doc["issuer"].as_str() != Some(iss) {
        return Err(discovery_failed("issuer mismatch"));
    }
    let (status, content_type, body) = cached_jwks(state).ok_or_else(|| discovery_failed("timed out"))?;
    if status != 200 || !json_type(&content_type, "application/jwk-set+json") {
        return Err(discovery_failed("bad JWKS response"));
    }
    let jwks: Value = serde_json::from_str(&body).map_err(|_| discovery_failed("JWKS is not JSON"))?;
    let kid = header.kid.as_deref();
    let candidates: Vec<&Value> = jwks["keys"]
        .as_array()
        .map(|keys| {
            keys.iter()
                .filter(|k| k["kty"] == "RSA" && k["n"].is_string() && k["e"].is_string())
                .filter(|k| k.get("use").is_none_or(|u| u == "sig"))
                .filter(|k| k.get("alg").is_none_or(|a| a == "RS256"))
                .filter(|k| kid.is_none_or(|kid| k["kid"] == kid))
                .collect()
        })
        .unwrap_or_default();
    let key = match (candidates.as_slice(), kid) {
        ([one], _) | ([one, ..], Some(_)) => {
            DecodingKey::from_rsa_components(one["n"].as_str().unwrap_or(""), one["e"].as_str().unwrap_or("")).ok()
        }
        _ => None,
    };
    let key = key.ok_or_else(unauthenticated)?;
    // RS256 only; iss, sub, iat and exp required; exp strict, with no leeway.
    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = 0;
    validation.set_audience(&["convex"]);
    validation.set_issuer(&[iss]);
    validation.set_required_spec_claims(&["iss", "sub", "iat", "exp"]);
    jsonwebtoken::decode::<Value>(token, &key, &validation).map_err(|_| unauthenticated())?;
    Ok(())
}

/// The site's JWKS answer as Convex's HTTP cache gives it: fetched again only once the cached
/// one is older than `jwks_cache`.
fn cached_jwks(state: &Mutex<State>) -> Option<SiteAnswer> {
    let (cache, cached) = {
        let s = state.lock().unwrap();
        (s.jwks_cache, s.cached_jwks.clone())
    };
    if let Some((_, answer)) = cached.filter(|(at, _)| at.elapsed() < cache) {
        return Some(answer);
    }
    let answer = site_answer("/.well-known/jwks.json", state)?;
    state.lock().unwrap().cached_jwks = Some((std::time::Instant::now(), answer.clone()));
    Some(answer)
}

impl FakeDeployment {
    /// What `POST /api/query` answers to a Bearer `token` (status and body), as Convex's clients
    /// send it: 401 when Convex's checks reject the token.
    pub fn query_with(&self, token: &str) -> (u16, Value) {
        use std::io::{Read, Write};
        let body =
            json!({ "path": "authAdapter:getUserByEmail", "args": { "secret": "x", "email": "e" }, "format": "json" })
                .to_string();
        let address = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        let request = format!(
            "POST /api/query HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        // The server keeps connections alive: closing our side ends its read loop and the reply.
        stream.shutdown(std::net::Shutdown::Write).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let status = answer.split_whitespace().nth(1).unwrap().parse().unwrap();
        let json = answer.split_once("\r\n\r\n").map(|(_, b)| serde_json::from_str(b).unwrap_or(Value::Null)).unwrap();
        (status, json)
    }
}

/// `POST /api/query`: the token first, then the function; only the adapter's
/// `authAdapter:getUserByEmail` exists, with the setup guide's `checkSecret`.
fn query(authorization: Option<&str>, body: &str, state: &Mutex<State>) -> Reply {
    if let Some(token) = authorization.and_then(|a| a.strip_prefix("Bearer ")) {
        state.lock().unwrap().bearer_tokens.push(token.to_string());
        if let Err(denied) = check_token(token, state) {
            return denied;
        }
    }
    let Ok(request) = serde_json::from_str::<Value>(body) else {
        return error(400, "BadJson", "the body is not JSON");
    };
    let path = request["path"].as_str().unwrap_or("");
    let adapter = state.lock().unwrap().adapter;
    if path != "authAdapter:getUserByEmail" || adapter == Adapter::Missing {
        let message = format!(
            "Could not find public function for '{path}'. Did you forget to run `npx convex dev` or `npx convex deploy`?"
        );
        return json_response(
            560,
            &json!({ "status": "error", "errorMessage": message, "errorData": null, "logLines": [] }),
        );
    }
    let args = request["args"].as_object().cloned().unwrap_or_default();
    for field in args.keys() {
        if field != "secret" && field != "email" {
            return function_error(
                &format!(
                    "ArgumentValidationError: Object contains extra field `{field}` that is not in the validator."
                ),
                state,
            );
        }
    }
    for field in ["secret", "email"] {
        if !args.get(field).is_some_and(Value::is_string) {
            return function_error(
                &format!("ArgumentValidationError: Object is missing the required field `{field}`."),
                state,
            );
        }
    }
    if adapter == Adapter::Deployed {
        let expected = state.lock().unwrap().env.get("CONVEX_AUTH_ADAPTER_SECRET").cloned();
        match expected {
            None => return function_error("Missing CONVEX_AUTH_ADAPTER_SECRET Convex environment variable", state),
            Some(secret) if args["secret"] != secret.as_str() => {
                return function_error("Adapter API called without correct secret value", state);
            }
            Some(_) => {}
        }
    }
    json_response(200, &json!({ "status": "success", "value": null, "logLines": [] }))
}
