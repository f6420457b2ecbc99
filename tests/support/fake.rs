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

use serde_json::{Value, json};
use tiny_http::{Header, Response, Server, StatusCode};

pub const ADMIN_KEY: &str = "convex-self-hosted|01fakeadminkey0123456789abcdef";
pub const DEPLOY_KEY: &str = "prod:happy-otter-123|eyJ2MiI6ImZha2UtZGVwbG95LWtleSJ9";

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
    /// Answer every request with this status and Convex's `{"code","message"}`.
    Error {
        status: u16,
        code: &'static str,
        message: String,
    },
    /// Answer 307 to this URL.
    Redirect(String),
    /// Never answer (until the test ends).
    Hang,
    /// A web page where JSON belongs.
    Html,
    /// A bare 5xx.
    Status(u16),
    /// No `/api/v1/list_environment_variables` (an older self-hosted backend).
    NoListEndpoint,
}

#[derive(Default)]
pub struct State {
    /// This fake's own address, which the management API hands out for the deploy key.
    pub url: String,
    pub env: BTreeMap<String, String>,
    pub requests: Vec<Recorded>,
    pub fault: Option<Fault>,
    pub delay: Duration,
}

pub struct FakeDeployment {
    pub url: String,
    pub state: Arc<Mutex<State>>,
    server: Arc<Server>,
}

impl Drop for FakeDeployment {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

impl FakeDeployment {
    pub fn start() -> FakeDeployment {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind loopback"));
        let url = format!("http://{}", server.server_addr().to_ip().expect("an IP address"));
        let state = Arc::new(Mutex::new(State {
            url: url.clone(),
            ..State::default()
        }));
        let (server2, state2) = (server.clone(), state.clone());
        thread::spawn(move || {
            for request in server2.incoming_requests() {
                let state = state2.clone();
                thread::spawn(move || handle(request, &state));
            }
        });
        FakeDeployment { url, state, server }
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

fn json_response(status: u16, body: &Value) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.to_string().into_bytes())
        .with_status_code(StatusCode(status))
        .with_header(Header::from_bytes("Content-Type", "application/json").unwrap())
}

fn error(status: u16, code: &str, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    json_response(status, &json!({ "code": code, "message": message }))
}

fn handle(mut request: tiny_http::Request, state: &Mutex<State>) {
    let mut body = String::new();
    let _ = request.as_reader().read_to_string(&mut body);
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let authorization = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.to_string());
    let method = request.method().as_str().to_string();
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
    let response = match fault {
        Some(Fault::Hang) => {
            thread::sleep(Duration::from_secs(600));
            return;
        }
        Some(Fault::Error { status, code, message }) => error(status, code, &message),
        Some(Fault::Redirect(location)) => Response::from_data(Vec::new())
            .with_status_code(StatusCode(307))
            .with_header(Header::from_bytes("Location", location.as_bytes()).unwrap()),
        Some(Fault::Html) => Response::from_data(b"<!doctype html><title>Not here</title>".to_vec())
            .with_header(Header::from_bytes("Content-Type", "text/html; charset=utf-8").unwrap()),
        Some(Fault::Status(status)) => {
            Response::from_data(b"upstream error".to_vec()).with_status_code(StatusCode(status))
        }
        Some(Fault::NoListEndpoint) if path == "/api/v1/list_environment_variables" => {
            Response::from_data(b"Not found".to_vec()).with_status_code(StatusCode(404))
        }
        _ => route(&method, &path, authorization.as_deref(), &body, state),
    };
    let _ = request.respond(response);
}

/// Convex checks `Authorization: Convex <key>`; a wrong deploy key is 403, a wrong admin key 401.
fn authorized(authorization: Option<&str>) -> Result<(), Response<std::io::Cursor<Vec<u8>>>> {
    match authorization.and_then(|a| a.strip_prefix("Convex ")) {
        Some(key) if key == ADMIN_KEY || key == DEPLOY_KEY => Ok(()),
        Some(key) if key.contains(':') && key.contains('|') => Err(error(
            403,
            "BadDeployKey",
            "Please set CONVEX_DEPLOY_KEY to a new key which you can find on your Convex dashboard.",
        )),
        _ => Err(error(
            401,
            "BadAdminKey",
            "The provided admin key was invalid for this instance",
        )),
    }
}

fn route(
    method: &str,
    path: &str,
    authorization: Option<&str>,
    body: &str,
    state: &Mutex<State>,
) -> Response<std::io::Cursor<Vec<u8>>> {
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

/// The rules of crates/common/src/types/environment_variables.rs and knobs.rs.
fn update(body: &str, state: &Mutex<State>) -> Response<std::io::Cursor<Vec<u8>>> {
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
            return error(
                400,
                "EnvironmentVariableNameTooLong",
                "Environment variable name is too long",
            );
        }
        if ["CONVEX_SITE_URL", "CONVEX_CLOUD_URL"].contains(&name) {
            return error(
                400,
                "EnvVarNameForbidden",
                &format!("Environment variable {name} is built in"),
            );
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
    Response::from_data(Vec::new()).with_status_code(StatusCode(200))
}
