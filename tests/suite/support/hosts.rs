//! Fakes of the two hosting providers' env APIs on loopback, written from their public API
//! documentation and their CLIs' sources (convex-facts.md §14; vercel/vercel
//! `packages/cli/src/util/env`, netlify/cli `src/commands/env/env-set.ts`). Each checks the
//! token and the project, and refuses what the real API refuses: a sensitive value for
//! development, a secret in the `dev` or `all` context, a wrong team, a name twice.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::http_server::{self, Reply, Request, Server};
use serde_json::{Value, json};

/// Vercel's CLI refuses a token with `-` in it, as real ones have none.
pub const VERCEL_TOKEN: &str = "vercelFakeToken0123456789abcd";
pub const VERCEL_PROJECT: &str = "prj_fake0123456789";
pub const VERCEL_TEAM: &str = "team_fake0123456789";
pub const NETLIFY_TOKEN: &str = "nfp_fake0123456789";
pub const NETLIFY_SITE: &str = "5a1e0000-fake-site";
pub const NETLIFY_ACCOUNT: &str = "acme-team";

fn reply(status: u16, body: &Value) -> Reply {
    Reply::new(status, Some("application/json; charset=utf-8"), body.to_string())
}

fn query(request: &Request, name: &str) -> Option<String> {
    request.query.split('&').find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_string))
}

fn asked(request: &Request) -> Asked {
    let path = format!("{}?{}", request.path, request.query);
    Asked { method: request.method.clone(), path, body: request.body.clone() }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a host was asked, for the tests: every request's method, path and body.
#[derive(Debug, Clone)]
pub struct Asked {
    pub method: String,
    /// With its query string.
    pub path: String,
    pub body: String,
}

// ---------------------------------------------------------------- Vercel

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VercelEnv {
    pub id: String,
    pub key: String,
    pub value: String,
    pub kind: String,
    pub target: Vec<String>,
    pub git_branch: Option<String>,
}

#[derive(Default)]
pub struct VercelState {
    pub envs: Vec<VercelEnv>,
    /// Production deployments, newest last: each with the variables it was built with.
    pub deployments: Vec<(String, BTreeMap<String, String>)>,
    pub asked: Vec<Asked>,
    next_id: u64,
}

/// A host's fake: its state behind a lock, served on loopback by `handle`.
pub struct Fake<S> {
    pub url: String,
    pub state: Arc<Mutex<S>>,
    _server: Server,
}

impl<S: Send + 'static> Fake<S> {
    fn serve(state: S, handle: fn(Request, &Mutex<S>) -> Reply) -> Fake<S> {
        let state = Arc::new(Mutex::new(state));
        let handler = state.clone();
        let server = http_server::serve(Arc::new(move |request| Some(handle(request, &handler))));
        Fake { url: server.url.clone(), state, _server: server }
    }
}

impl VercelState {
    /// A new record, under a new id.
    fn add(&mut self, key: &str, value: &str, kind: &str, target: Vec<String>) -> String {
        self.next_id += 1;
        let id = format!("env_{}", self.next_id);
        let (key, value, kind) = (key.into(), value.into(), kind.into());
        self.envs.push(VercelEnv { id: id.clone(), key, value, kind, target, git_branch: None });
        id
    }
}

pub type FakeVercel = Fake<VercelState>;

impl FakeVercel {
    /// A project with one production deployment, and no variables.
    pub fn start() -> FakeVercel {
        let first = ("dpl_first".to_string(), BTreeMap::new());
        Fake::serve(VercelState { deployments: vec![first], ..VercelState::default() }, vercel)
    }

    /// The records that serve `target`.
    pub fn env(&self, target: &str) -> BTreeMap<String, VercelEnv> {
        let state = self.state.lock().unwrap();
        state.envs.iter().filter(|e| e.target.iter().any(|t| t == target)).map(|e| (e.key.clone(), e.clone())).collect()
    }

    pub fn add(&self, key: &str, value: &str, kind: &str, target: &[&str]) {
        let target = target.iter().map(|t| t.to_string()).collect();
        self.state.lock().unwrap().add(key, value, kind, target);
    }

    pub fn writes(&self) -> Vec<Asked> {
        self.state.lock().unwrap().asked.iter().filter(|a| a.method != "GET").cloned().collect()
    }

    pub fn asked(&self) -> Vec<Asked> {
        self.state.lock().unwrap().asked.clone()
    }
}

fn vercel_error(status: u16, code: &str, message: &str) -> Reply {
    reply(status, &json!({ "error": { "code": code, "message": message } }))
}

fn vercel(request: Request, state: &Mutex<VercelState>) -> Reply {
    let mut state = state.lock().unwrap();
    state.asked.push(asked(&request));
    if request.header("authorization") != Some(&format!("Bearer {VERCEL_TOKEN}")) {
        return vercel_error(403, "forbidden", "Not authorized");
    }
    if request.path != "/v2/user"
        && query(&request, "teamId").as_deref() != Some(VERCEL_TEAM)
        && !request.path.starts_with("/teams/")
    {
        return vercel_error(403, "forbidden", "You don't have permission to access this team");
    }
    let project = format!("/projects/{VERCEL_PROJECT}/env");
    match (request.method.as_str(), request.path.as_str()) {
        // What the vercel CLI asks before any env command: who, which team, which project.
        ("GET", "/v2/user") => {
            reply(200, &json!({ "user": { "id": "user_fake", "username": "me", "defaultTeamId": VERCEL_TEAM } }))
        }
        ("GET", path) if path == format!("/teams/{VERCEL_TEAM}") => {
            reply(200, &json!({ "id": VERCEL_TEAM, "slug": "acme", "name": "Acme" }))
        }
        ("GET", path) if path == format!("/v9/projects/{VERCEL_PROJECT}") => {
            reply(200, &json!({ "id": VERCEL_PROJECT, "name": "app", "accountId": VERCEL_TEAM }))
        }
        ("GET", path) if path == format!("/v10{project}") => {
            let target = query(&request, "target");
            let envs: Vec<Value> = state
                .envs
                .iter()
                .filter(|e| target.as_ref().is_none_or(|t| e.target.contains(t)))
                .map(|e| {
                    // Sensitive values never come back; encrypted ones come back encrypted.
                    let value = match e.kind.as_str() {
                        "plain" => json!(e.value),
                        "sensitive" => json!(""),
                        _ => json!(format!("enc:{}", e.value.len())),
                    };
                    json!({
                        "id": e.id, "key": e.key, "type": e.kind, "target": e.target, "value": value,
                        "gitBranch": e.git_branch, "createdAt": 1_700_000_000_000u64, "updatedAt": 1_700_000_000_000u64
                    })
                })
                .collect();
            reply(200, &json!({ "envs": envs }))
        }
        ("POST", path) if path == format!("/v10{project}") => {
            let upsert = query(&request, "upsert").as_deref() == Some("true");
            let Ok(body) = serde_json::from_str::<Value>(&request.body) else {
                return vercel_error(400, "bad_request", "Invalid JSON");
            };
            let items = match body {
                Value::Array(items) => items,
                one => vec![one],
            };
            let mut created = Vec::new();
            for item in items {
                let (Some(key), Some(value), Some(kind)) =
                    (item["key"].as_str(), item["value"].as_str(), item["type"].as_str())
                else {
                    return vercel_error(400, "bad_request", "key, value and type are required");
                };
                let target: Vec<String> = item["target"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect();
                if !valid_name(key) || !["plain", "encrypted", "sensitive"].contains(&kind) {
                    return vercel_error(400, "bad_request", "Invalid key or type");
                }
                if target.is_empty()
                    || target.iter().any(|t| !["production", "preview", "development"].contains(&t.as_str()))
                {
                    return vercel_error(400, "bad_request", "Invalid target");
                }
                if kind == "sensitive" && target.iter().any(|t| t == "development") {
                    return vercel_error(
                        400,
                        "bad_request",
                        "Sensitive Environment Variables cannot be created in the Development target",
                    );
                }
                let existing = state.envs.iter().position(|e| {
                    e.key == key && e.git_branch.is_none() && e.target.iter().any(|t| target.contains(t))
                });
                match existing {
                    Some(_) if !upsert => {
                        return vercel_error(
                            400,
                            "ENV_CONFLICT",
                            &format!("A variable with the name `{key}` already exists"),
                        );
                    }
                    Some(at) => {
                        let record = &mut state.envs[at];
                        record.value = value.into();
                        record.kind = kind.into();
                        created.push(json!({ "id": record.id, "key": key }));
                    }
                    None => {
                        let id = state.add(key, value, kind, target);
                        created.push(json!({ "id": id, "key": key }));
                    }
                }
            }
            reply(201, &json!({ "created": created, "failed": [] }))
        }
        ("GET", "/v6/deployments") => {
            if query(&request, "projectId").as_deref() != Some(VERCEL_PROJECT) {
                return vercel_error(404, "not_found", "Project not found");
            }
            let latest: Vec<Value> = state
                .deployments
                .last()
                .map(|(uid, _)| json!({ "uid": uid, "name": "app", "target": "production" }))
                .into_iter()
                .collect();
            reply(200, &json!({ "deployments": latest }))
        }
        ("POST", "/v13/deployments") => {
            let body: Value = serde_json::from_str(&request.body).unwrap_or_default();
            let known = state.deployments.iter().any(|(uid, _)| body["deploymentId"].as_str() == Some(uid));
            if !known || body["target"] != "production" || query(&request, "forceNew").as_deref() != Some("1") {
                return vercel_error(400, "bad_request", "Invalid redeploy");
            }
            let built: BTreeMap<String, String> = state
                .envs
                .iter()
                .filter(|e| e.target.iter().any(|t| t == "production"))
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            let uid = format!("dpl_{}", state.deployments.len() + 1);
            state.deployments.push((uid.clone(), built));
            reply(200, &json!({ "id": uid, "url": format!("app-{uid}.vercel.app") }))
        }
        (_, path) if path.starts_with("/v") && path.contains("/projects/") => {
            vercel_error(404, "not_found", "Project not found")
        }
        _ => vercel_error(404, "not_found", "The requested path was not found"),
    }
}

// ---------------------------------------------------------------- Netlify

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetlifyVar {
    pub is_secret: bool,
    pub scopes: Vec<String>,
    /// Context → value.
    pub values: BTreeMap<String, String>,
}

#[derive(Default)]
pub struct NetlifyState {
    pub vars: BTreeMap<String, NetlifyVar>,
    pub builds: usize,
    pub asked: Vec<Asked>,
}

pub type FakeNetlify = Fake<NetlifyState>;

impl FakeNetlify {
    pub fn start() -> FakeNetlify {
        Fake::serve(NetlifyState::default(), netlify)
    }

    pub fn vars(&self) -> BTreeMap<String, NetlifyVar> {
        self.state.lock().unwrap().vars.clone()
    }

    pub fn writes(&self) -> Vec<Asked> {
        self.state.lock().unwrap().asked.iter().filter(|a| a.method != "GET").cloned().collect()
    }
}

const CONTEXTS: [&str; 6] = ["all", "dev", "branch-deploy", "deploy-preview", "production", "branch"];

fn netlify_error(status: u16, message: &str) -> Reply {
    reply(status, &json!({ "code": status, "message": message }))
}

/// A value Netlify refuses, or `None`.
fn refused_value(secret: bool, context: &str) -> Option<&'static str> {
    if !CONTEXTS.contains(&context) {
        return Some("Invalid context");
    }
    (secret && (context == "all" || context == "dev"))
        .then_some("Secret values cannot be set in the dev or all contexts")
}

fn netlify(request: Request, state: &Mutex<NetlifyState>) -> Reply {
    let mut state = state.lock().unwrap();
    state.asked.push(asked(&request));
    if request.header("authorization") != Some(&format!("Bearer {NETLIFY_TOKEN}")) {
        return netlify_error(401, "Access Denied: Origin returned bad status 401");
    }
    let env = format!("/api/v1/accounts/{NETLIFY_ACCOUNT}/env");
    let site_ok = query(&request, "site_id").as_deref() == Some(NETLIFY_SITE);
    let body: Value = serde_json::from_str(&request.body).unwrap_or_default();
    match (request.method.as_str(), request.path.as_str()) {
        ("GET", path) if path == format!("/api/v1/sites/{NETLIFY_SITE}") => reply(
            200,
            &json!({ "id": NETLIFY_SITE, "name": "app", "account_slug": NETLIFY_ACCOUNT, "account_id": "5f00fakeaccountid" }),
        ),
        ("POST", path) if path == format!("/api/v1/sites/{NETLIFY_SITE}/builds") => {
            state.builds += 1;
            reply(
                200,
                &json!({ "id": format!("build-{}", state.builds), "deploy_id": format!("deploy-{}", state.builds) }),
            )
        }
        (_, path) if (path == env || path.starts_with(&format!("{env}/"))) && !site_ok => {
            netlify_error(404, "Not Found")
        }
        ("GET", path) if path == env => {
            let list: Vec<Value> = state
                .vars
                .iter()
                .map(|(key, var)| {
                    // A secret's values are write-only: their contexts come back, never the values.
                    let values: Vec<Value> = var
                        .values
                        .iter()
                        .map(|(context, value)| {
                            if var.is_secret {
                                json!({ "context": context })
                            } else {
                                json!({ "context": context, "value": value })
                            }
                        })
                        .collect();
                    json!({ "key": key, "is_secret": var.is_secret, "scopes": var.scopes, "values": values })
                })
                .collect();
            reply(200, &Value::Array(list))
        }
        ("POST", path) if path == env => {
            let Value::Array(items) = body else { return netlify_error(422, "body must be a list") };
            for item in &items {
                let Some(key) = item["key"].as_str().filter(|k| valid_name(k)) else {
                    return netlify_error(422, "Invalid key");
                };
                if state.vars.contains_key(key) {
                    return netlify_error(400, &format!("Environment variable {key} already exists"));
                }
                let secret = item["is_secret"].as_bool().unwrap_or(false);
                let scopes: Vec<String> = item["scopes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect();
                if secret && scopes.iter().any(|s| s == "post_processing") {
                    return netlify_error(422, "Secret values cannot be used within the post-processing scope");
                }
                let mut values = BTreeMap::new();
                for value in item["values"].as_array().into_iter().flatten() {
                    let context = value["context"].as_str().unwrap_or("");
                    if let Some(why) = refused_value(secret, context) {
                        return netlify_error(422, why);
                    }
                    values.insert(context.to_string(), value["value"].as_str().unwrap_or("").to_string());
                }
                state.vars.insert(key.to_string(), NetlifyVar { is_secret: secret, scopes, values });
            }
            reply(201, &Value::Array(items))
        }
        ("PATCH", path) if path.starts_with(&format!("{env}/")) => {
            let key = &path[env.len() + 1..];
            let Some(var) = state.vars.get_mut(key) else { return netlify_error(404, "Not Found") };
            let context = body["context"].as_str().unwrap_or("");
            if let Some(why) = refused_value(var.is_secret, context) {
                return netlify_error(422, why);
            }
            var.values.insert(context.to_string(), body["value"].as_str().unwrap_or("").to_string());
            reply(201, &json!({ "key": key }))
        }
        _ => netlify_error(404, "Not Found"),
    }
}
