//! Every HTTP call we make to Convex: a deployment's admin API, its public function endpoint,
//! and the one management API call a deploy key needs (convex-facts.md §2 and §4; convex-js
//! `src/cli/lib/env.ts`, `deploymentSelection.ts` and `src/browser/http_client.ts`).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::http::{Http, HttpError, Response, normalize};
use crate::secrets::{self, Secret};

/// Where the convex CLI asks which URL a deploy key belongs to (overridable, as in the CLI).
pub const DEFAULT_PROVISION_HOST: &str = "https://api.convex.dev";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Http(#[from] HttpError),
    /// A 3xx: never followed, since the request carried a key or a secret.
    #[error("{url} redirected to {location}; not following it with a key")]
    Redirect { url: String, location: String },
    /// A 4xx, with Convex's `{"code","message"}` when it sent one.
    #[error("{}", refused(*status, code.as_deref(), message))]
    Refused { status: u16, code: Option<String>, message: String },
    #[error("{url} answered {status}, a server error")]
    Server { url: String, status: u16 },
    #[error("{url} answered {status} with {} where JSON was expected", content_type.as_deref().unwrap_or("no content type"))]
    NotJson { url: String, status: u16, content_type: Option<String> },
}

impl ApiError {
    /// The same error with every secret taken out of what the server said.
    pub fn scrubbed(self, hidden: &[&Secret]) -> ApiError {
        let clean = |text: String| secrets::scrub(&text, hidden);
        match self {
            ApiError::Http(HttpError::Unreachable { url, reason }) => {
                ApiError::Http(HttpError::Unreachable { url: clean(url), reason: clean(reason) })
            }
            ApiError::Redirect { url, location } => ApiError::Redirect { url: clean(url), location: clean(location) },
            ApiError::Refused { status, code, message } => {
                ApiError::Refused { status, code: code.map(clean), message: clean(message) }
            }
            other => other,
        }
    }
}

fn refused(status: u16, code: Option<&str>, message: &str) -> String {
    match code {
        Some(code) => format!("{code} ({status}): {message}"),
        None => format!("refused ({status}): {message}"),
    }
}

/// A deployment's admin API, reached with an admin or deploy key.
pub struct AdminApi<'a> {
    http: &'a Http,
    pub url: String,
    key: &'a Secret,
}

impl<'a> AdminApi<'a> {
    pub fn new(http: &'a Http, url: &str, key: &'a Secret) -> AdminApi<'a> {
        AdminApi { http, url: normalize(url), key }
    }

    fn authorization(&self) -> Secret {
        Secret::new(format!("Convex {}", self.key.expose()))
    }

    /// The deployment's variables, or `None` from a backend too old to list them over HTTP.
    pub fn list_env(&self) -> Result<Option<BTreeMap<String, String>>, ApiError> {
        let url = format!("{}/api/v1/list_environment_variables", self.url);
        let response = self.http.get(&url, Some(&self.authorization()))?;
        if response.status == 404 {
            return Ok(None);
        }
        let body = json_body(checked(response)?)?;
        let vars = body["environmentVariables"].as_object().ok_or_else(|| ApiError::NotJson {
            url,
            status: 200,
            content_type: Some("JSON without environmentVariables".into()),
        })?;
        Ok(Some(vars.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect()))
    }

    /// Sets every pair in one request, as the dashboard and the convex CLI do.
    pub fn update_env(&self, changes: &[(&str, &Secret)]) -> Result<(), ApiError> {
        let changes: Vec<Value> =
            changes.iter().map(|(name, value)| json!({ "name": name, "value": value.expose() })).collect();
        let url = format!("{}/api/update_environment_variables", self.url);
        checked(self.http.post_json(&url, Some(&self.authorization()), &json!({ "changes": changes }))?)?;
        Ok(())
    }

    /// The deployment's own site URL (`CONVEX_SITE_URL`), which differs from the `.convex.site`
    /// rewrite for custom domains and self-hosted backends.
    pub fn site_url(&self) -> Result<String, ApiError> {
        let url = format!("{}/api/v1/get_canonical_urls", self.url);
        let body = json_body(checked(self.http.get(&url, Some(&self.authorization()))?)?)?;
        match body["convexSiteUrl"].as_str() {
            Some(site) => Ok(normalize(site)),
            None => {
                Err(ApiError::NotJson { url, status: 200, content_type: Some("JSON without convexSiteUrl".into()) })
            }
        }
    }
}

/// What `POST /api/query` answered: the HTTP status and the function's `{status, value |
/// errorMessage}` document (Convex answers function errors with 200 or 560, and auth errors
/// with a 4xx carrying `{code, message}`).
pub struct QueryAnswer {
    pub status: u16,
    pub body: Value,
}

impl QueryAnswer {
    pub fn succeeded(&self) -> bool {
        self.body["status"] == "success"
    }

    /// The function's error message, or the auth error's message, each line made printable.
    pub fn error_message(&self) -> String {
        let message = self.body["errorMessage"].as_str().or_else(|| self.body["message"].as_str()).unwrap_or("");
        message.lines().map(secrets::printable).collect::<Vec<_>>().join("\n")
    }

    /// The auth error's code (`NoAuthProvider`, `Unauthenticated`, …), or "".
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

/// Runs the public query `path` (`module:function`) with `args`, optionally with a `Bearer`
/// token, as `ConvexHttpClient` does. A redirect is never followed: the args may hold a secret.
pub fn query(
    http: &Http,
    deployment_url: &str,
    path: &str,
    args: Value,
    bearer: Option<&str>,
) -> Result<QueryAnswer, ApiError> {
    let url = format!("{}/api/query", normalize(deployment_url));
    let body = json!({ "path": path, "args": args, "format": "json" });
    let authorization = bearer.map(|token| Secret::new(format!("Bearer {token}")));
    let response = http.post_json(&url, authorization.as_ref(), &body)?;
    if (300..400).contains(&response.status) {
        let location = response.location.as_deref().map_or("nowhere".into(), secrets::printable);
        return Err(ApiError::Redirect { url, location });
    }
    match serde_json::from_slice::<Value>(&response.body).ok().filter(Value::is_object) {
        Some(body) => Ok(QueryAnswer { status: response.status, body }),
        None => Err(ApiError::NotJson { url, status: response.status, content_type: response.content_type }),
    }
}

/// The deployment URL of a deploy key, asked of the management API like `npx convex` does.
pub fn url_for_deploy_key(http: &Http, provision_host: &str, key: &Secret) -> Result<String, ApiError> {
    let url = format!("{provision_host}/api/deployment/url_for_key");
    let authorization = Secret::new(format!("Bearer {}", key.expose()));
    let response = checked(http.post_json(&url, Some(&authorization), &json!({ "deployKey": key.expose() }))?)?;
    let shown = response.url.clone();
    match json_body(response)? {
        Value::String(found) => Ok(normalize(&found)),
        _ => Err(ApiError::NotJson { url: shown, status: 200, content_type: Some("JSON that is not a URL".into()) }),
    }
}

/// Turns every status but 2xx into an error.
fn checked(response: Response) -> Result<Response, ApiError> {
    let url = response.url.clone();
    match response.status {
        200..=299 => Ok(response),
        300..=399 => {
            let location = response.location.as_deref().map_or("nowhere".into(), secrets::printable);
            Err(ApiError::Redirect { url, location })
        }
        status @ 400..=499 => {
            let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
            let code = parsed.as_ref().and_then(|v| v["code"].as_str()).map(str::to_string);
            let message = match parsed.as_ref().and_then(|v| v["message"].as_str()) {
                Some(m) => secrets::printable(m),
                None => {
                    secrets::printable(&String::from_utf8_lossy(&response.body).chars().take(200).collect::<String>())
                        .trim()
                        .to_string()
                }
            };
            let code = code.map(|c| secrets::printable(&c));
            Err(ApiError::Refused { status, code, message })
        }
        status => Err(ApiError::Server { url, status }),
    }
}

fn json_body(response: Response) -> Result<Value, ApiError> {
    let not_json = || ApiError::NotJson {
        url: response.url.clone(),
        status: response.status,
        content_type: response.content_type.clone(),
    };
    if !response.is_json() {
        return Err(not_json());
    }
    serde_json::from_slice(&response.body).map_err(|_| not_json())
}
