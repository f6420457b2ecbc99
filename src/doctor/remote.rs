//! The deployment's checks: does Convex accept the probe token, does the adapter accept the
//! secret (and refuse a wrong one), and do the deployment's variables match the local values.

use serde_json::json;

use super::inputs::{Fixes, Inputs, usable};
use super::outcome::Outcome;
use super::rules;
use super::site::network_failure;
use crate::adapter_secret::{self, DEFAULT_BYTES};
use crate::convex::api::{self, AdminApi, ApiError, QueryAnswer};
use crate::hints;
use crate::http::Http;
use crate::keys::PublicKey;
use crate::local_env::Source;
use crate::secrets::{self, Secret};
use crate::vars::{ADAPTER_SECRET, JWKS, PRIVATE_KEY};

const CHECK_URL: &str = "check that the URL is your Convex deployment (https://<name>.convex.cloud)";

/// Runs a query on the deployment; a transport or protocol failure is the check's failure.
fn query(
    http: &Http,
    inputs: &Inputs,
    path: &str,
    args: serde_json::Value,
    bearer: Option<&str>,
) -> Result<QueryAnswer, Outcome> {
    let url = &inputs.endpoints.deployment_url;
    api::query(http, url, path, args, bearer).map_err(|e| match e {
        ApiError::Http(e) => network_failure(&e),
        // A redirect, a web page: worded as every command words them.
        e @ (ApiError::Redirect { .. } | ApiError::NotJson { .. }) => {
            let (message, hint) = hints::api(&e, None, &[], inputs.endpoints.production);
            Outcome::fail(message, hint.unwrap_or_else(|| CHECK_URL.into()))
        }
        other => Outcome::fail(other.to_string(), CHECK_URL),
    })
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

pub(super) fn token_convex(http: &Http, inputs: &Inputs, site: &str, probe: &str) -> Outcome {
    let answer = match query(http, inputs, "convex_authjs_doctor:probe", json!({}), Some(probe)) {
        Ok(answer) => answer,
        Err(outcome) => return outcome,
    };
    let message = &answer.error_message();
    if answer.succeeded() || message.contains("Could not find public function") {
        return Outcome::pass(format!("Convex accepted a token signed like your Next.js server signs it (iss {site})"));
    }
    let fixes = inputs.fixes();
    let auth_config = format!(
        "convex/auth.config.ts must list {{ domain: process.env.CONVEX_SITE_URL, applicationID: \"convex\" }}; then {}",
        fixes.deploy
    );
    match answer.code() {
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
                "the served JWKS and CONVEX_AUTH_PRIVATE_KEY must be one pair ({}); check this machine's clock",
                fixes.push
            ),
        ),
        code => Outcome::fail(
            format!(
                "unexpected answer {}: {}",
                answer.status,
                first_line(if message.is_empty() { code } else { message })
            ),
            auth_config,
        ),
    }
}

fn adapter_path(inputs: &Inputs) -> String {
    format!("{}:getUserByEmail", inputs.adapter_module)
}

/// An address that cannot belong to a user: `.invalid` never resolves (RFC 2606).
fn unused_email() -> String {
    format!("convex-authjs-doctor-{}@example.invalid", adapter_secret::generate(9).expose().replace(['+', '/'], "x"))
}

/// `getUserByEmail` with `secret` and an unused address.
fn call_adapter(http: &Http, inputs: &Inputs, secret: &Secret) -> Result<QueryAnswer, Outcome> {
    let args = json!({ "secret": secret.expose(), "email": unused_email() });
    query(http, inputs, &adapter_path(inputs), args, None)
}

pub(super) fn adapter_secret(http: &Http, inputs: &Inputs, fixes: &Fixes, secret: &Secret, source: &Source) -> Outcome {
    let path = adapter_path(inputs);
    let answer = match call_adapter(http, inputs, secret) {
        Ok(answer) => answer,
        Err(outcome) => return outcome,
    };
    let source = source.to_string();
    if answer.succeeded() {
        return Outcome::pass(format!("{path} accepted the secret from {source}"));
    }
    adapter_error(&path, &secrets::scrub(&answer.error_message(), &[secret]), &source, fixes)
}

fn adapter_error(path: &str, message: &str, source: &str, fixes: &Fixes) -> Outcome {
    if message.contains("Missing CONVEX_AUTH_ADAPTER_SECRET") {
        return Outcome::fail(format!("the deployment has no {ADAPTER_SECRET}"), format!("set it: {}", fixes.push));
    }
    if message.contains("without correct secret value") {
        return Outcome::fail(
            format!("the deployment's {ADAPTER_SECRET} differs from the one in {source}"),
            format!("make them equal: {}", fixes.push),
        );
    }
    if message.contains("Could not find public function") {
        let hint = if fixes.written.adapter {
            format!("written but not deployed: the project's Convex folder has it; {}", fixes.deploy)
        } else {
            format!(
                "add convex/authAdapter.ts (the setup guide's), then {}; if yours has another name, pass --adapter-module NAME",
                fixes.deploy
            )
        };
        return Outcome::fail(format!("the adapter is not deployed: {path} does not exist"), hint);
    }
    if message.contains("ArgumentValidationError") {
        return Outcome::fail(
            format!("{path} takes other arguments: {}", first_line(message)),
            format!("update convex/authAdapter.ts to the setup guide's version, then {}", fixes.deploy),
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

pub(super) fn adapter_rejects(http: &Http, inputs: &Inputs) -> Outcome {
    let path = adapter_path(inputs);
    let answer = match call_adapter(http, inputs, &adapter_secret::generate(DEFAULT_BYTES)) {
        Ok(answer) => answer,
        Err(outcome) => return outcome,
    };
    if answer.succeeded() {
        return Outcome::fail(
            format!("{path} accepted a wrong secret: anyone can read your users table"),
            format!(
                "restore checkSecret in convex/authAdapter.ts (the setup guide's adapterQuery and adapterMutation), then {}",
                inputs.fixes().deploy
            ),
        );
    }
    let message = &answer.error_message();
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

pub(super) fn deployment_env(http: &Http, inputs: &Inputs) -> Outcome {
    let Some((key, source)) = &inputs.endpoints.admin else {
        return Outcome::skip(
            "needs an admin key: set CONVEX_DEPLOY_KEY, or pass --admin-key, to compare the deployment's variables",
        );
    };
    let (local_key, local_secret) = (usable(&inputs.private_key), usable(&inputs.secret));
    if local_key.is_none() && local_secret.is_none() {
        return Outcome::skip(format!(
            "needs {PRIVATE_KEY} or {ADAPTER_SECRET} to compare with (see env.private_key and env.adapter_secret)"
        ));
    }
    let vars = match AdminApi::new(http, &inputs.endpoints.deployment_url, key).list_env() {
        Ok(Some(vars)) => vars,
        Ok(None) => return Outcome::skip("this deployment cannot list its variables over HTTP"),
        Err(e) if hints::is_key_rejection(&e) => {
            let said = match e.scrubbed(&[key]) {
                ApiError::Refused { message, .. } => message,
                other => other.to_string(),
            };
            return Outcome::fail(
                format!("the deployment rejected the key from {source}: {said}"),
                hints::key_rejected_hint(source),
            );
        }
        Err(ApiError::Http(e)) => return network_failure(&e),
        Err(e) => return Outcome::fail(e.scrubbed(&[key]).to_string(), "check the deployment URL and your network"),
    };
    let mut problems = Vec::new();
    let mut compared = Vec::new();
    if let Some(key) = local_key {
        let public = key.public_key();
        let served = vars.get(JWKS).and_then(|j| serde_json::from_str(j).ok()).as_ref().and_then(rules::keys_of);
        match served {
            None => problems.push(format!("{JWKS} is not set")),
            Some(keys) if !keys.iter().any(|k| PublicKey::from_jwk(k).as_ref() == Some(&public)) => {
                problems.push(format!("{JWKS} does not hold your key"))
            }
            Some(_) => compared.push(format!("its {JWKS} holds your key")),
        }
    } else {
        compared.push(format!("{JWKS} not compared ({PRIVATE_KEY} is not usable here)"));
    }
    if let Some(secret) = local_secret {
        match vars.get(ADAPTER_SECRET) {
            None => problems.push(format!("{ADAPTER_SECRET} is not set")),
            Some(theirs) if !secret.same_as(theirs) => problems.push(format!("{ADAPTER_SECRET} differs from yours")),
            Some(_) => compared.push(format!("its {ADAPTER_SECRET} equals yours")),
        }
    } else {
        compared.push(format!("{ADAPTER_SECRET} not compared (not set here)"));
    }
    if problems.is_empty() {
        Outcome::pass(format!("on the deployment, {}", compared.join("; ")))
    } else {
        Outcome::fail(
            format!("on the deployment: {}", problems.join("; ")),
            format!("fix both at once: {}", inputs.fixes().push),
        )
    }
}
