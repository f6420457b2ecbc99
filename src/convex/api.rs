//! A deployment's HTTP API and the one management API call a deploy key needs
//! (convex-facts.md §2; convex-js `src/cli/lib/env.ts` and `deploymentSelection.ts`).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::http::{Http, HttpError, Response};

/// Where the convex CLI asks which URL a deploy key belongs to (overridable, as in the CLI).
pub const DEFAULT_PROVISION_HOST: &str = "https://api.convex.dev";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    Http(HttpError),
    /// A 3xx: never followed, since the request carried a key.
    Redirect {
        url: String,
        location: String,
    },
    /// A 4xx, with Convex's `{"code","message"}` when it sent one.
    Refused {
        status: u16,
        code: Option<String>,
        message: String,
    },
    Server {
        url: String,
        status: u16,
    },
    NotJson {
        url: String,
        status: u16,
        content_type: Option<String>,
    },
}

impl From<HttpError> for ApiError {
    fn from(e: HttpError) -> Self {
        ApiError::Http(e)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Http(e) => e.fmt(f),
            ApiError::Redirect { url, location } => {
                write!(f, "{url} redirected to {location}; not following it with a key")
            }
            ApiError::Refused { status, code: Some(code), message } => write!(f, "{code} ({status}): {message}"),
            ApiError::Refused { status, code: None, message } => write!(f, "refused ({status}): {message}"),
            ApiError::Server { url, status } => write!(f, "{url} answered {status}, a server error"),
            ApiError::NotJson { url, status, content_type } => write!(
                f,
                "{url} answered {status} with {} where JSON was expected",
                content_type.as_deref().unwrap_or("no content type")
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// One deployment, reached with an admin or deploy key.
pub struct Deployment<'a> {
    http: &'a Http,
    pub url: String,
    authorization: String,
}

impl<'a> Deployment<'a> {
    pub fn new(http: &'a Http, url: &str, key: &str) -> Deployment<'a> {
        Deployment { http, url: url.trim_end_matches('/').to_string(), authorization: format!("Convex {key}") }
    }

    /// The deployment's variables, or `None` from a backend too old to list them over HTTP.
    pub fn list_env(&self) -> Result<Option<BTreeMap<String, String>>, ApiError> {
        let response =
            self.http.get(&format!("{}/api/v1/list_environment_variables", self.url), Some(&self.authorization))?;
        if response.status == 404 {
            return Ok(None);
        }
        let body = json_body(checked(response)?)?;
        let vars = body["environmentVariables"].as_object().ok_or_else(|| ApiError::NotJson {
            url: format!("{}/api/v1/list_environment_variables", self.url),
            status: 200,
            content_type: Some("JSON without environmentVariables".into()),
        })?;
        Ok(Some(vars.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect()))
    }

    /// Sets every pair in one request, as the dashboard and the convex CLI do.
    pub fn update_env(&self, changes: &[(&str, &str)]) -> Result<(), ApiError> {
        let changes: Vec<Value> = changes.iter().map(|(name, value)| json!({ "name": name, "value": value })).collect();
        let url = format!("{}/api/update_environment_variables", self.url);
        checked(self.http.post_json(&url, Some(&self.authorization), &json!({ "changes": changes }))?)?;
        Ok(())
    }
}

/// The deployment URL of a deploy key, asked of the management API like `npx convex` does.
pub fn url_for_deploy_key(http: &Http, provision_host: &str, key: &str) -> Result<String, ApiError> {
    let url = format!("{}/api/deployment/url_for_key", provision_host.trim_end_matches('/'));
    let response = checked(http.post_json(&url, Some(&format!("Bearer {key}")), &json!({ "deployKey": key }))?)?;
    let shown = response.url.clone();
    match json_body(response)? {
        Value::String(found) => Ok(found),
        _ => Err(ApiError::NotJson { url: shown, status: 200, content_type: Some("JSON that is not a URL".into()) }),
    }
}

/// Turns every status but 2xx into an error.
pub fn checked(response: Response) -> Result<Response, ApiError> {
    let url = response.url.clone();
    match response.status {
        200..=299 => Ok(response),
        300..=399 => Err(ApiError::Redirect { url, location: response.location.unwrap_or_else(|| "nowhere".into()) }),
        status @ 400..=499 => {
            let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
            let code = parsed.as_ref().and_then(|v| v["code"].as_str()).map(str::to_string);
            let message = match parsed.as_ref().and_then(|v| v["message"].as_str()) {
                Some(m) => m.to_string(),
                None => {
                    String::from_utf8_lossy(&response.body).chars().take(200).collect::<String>().trim().to_string()
                }
            };
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
