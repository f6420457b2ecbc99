//! The words for each failure the domain meets: what happened, and the fix we know. Errors
//! become a `Failure` in `explain` and a failed check in doctor; both take their words here,
//! so a failure reads the same in every command. Nothing here knows exit codes.

use crate::convex::api::ApiError;
use crate::deployment::KeySource;
use crate::http::HttpError;
use crate::keys::KeyProblem;
use crate::local_env::Source;
use crate::vars::{ADAPTER_SECRET, MAX_VALUE, PRIVATE_KEY};

/// How a change to the Convex functions reaches the deployment: `npx convex deploy` deploys to
/// production, so it is named only there.
pub fn deploy_step(production: bool) -> &'static str {
    if production {
        "run `npx convex deploy`"
    } else {
        "save it while `npx convex dev` runs, or run `npx convex dev --once`"
    }
}

/// The fix for a network failure.
pub fn http_hint(e: &HttpError) -> &'static str {
    match e {
        HttpError::BadUrl { .. } | HttpError::Insecure { .. } => {
            "use the https:// URL, or pass --allow-insecure-http if you mean it"
        }
        HttpError::Credentials { .. } => "give the URL without them: the key goes in --admin-key or CONVEX_DEPLOY_KEY",
        HttpError::Timeout { .. } => "the server did not answer in time: check it is up, or raise --timeout",
        HttpError::Unreachable { .. } => "check the URL, your network, and that the deployment is up",
        HttpError::TooLarge { .. } => "check that the URL is your Convex deployment",
    }
}

/// The fix for a key the deployment rejected, naming where the key came from.
pub fn key_rejected_hint(source: &KeySource) -> String {
    match source {
        KeySource::AdminKeyFlag => "check --admin-key: it must belong to the deployment at --url".into(),
        KeySource::DeployKey(var) => {
            format!(
                "check {var}: it may be revoked or for another deployment; create a new one in the dashboard's settings"
            )
        }
        KeySource::SelfHosted => "check CONVEX_SELF_HOSTED_ADMIN_KEY against your self-hosted backend".into(),
        KeySource::Local(_) => "restart `npx convex dev --local`, which writes a fresh admin key".into(),
    }
}

/// Whether the deployment refused the key itself (rather than the request).
pub fn is_key_rejection(e: &ApiError) -> bool {
    match e {
        ApiError::Refused { status, code, message } => {
            matches!(code.as_deref(), Some("BadAdminKey" | "BadDeployKey"))
                || *status == 401
                || message.starts_with("You do not have permission")
        }
        _ => false,
    }
}

/// What the deployment (or the network) did, and the fix we know. `source` is where the key
/// came from, when the request carried one; `sizes` the lengths of the values sent.
pub fn api(
    e: &ApiError,
    source: Option<&KeySource>,
    sizes: &[(&str, usize)],
    production: bool,
) -> (String, Option<String>) {
    let message = e.to_string();
    let with = |hint: &str| (message.clone(), Some(hint.to_string()));
    match e {
        ApiError::Http(http) => with(http_hint(http)),
        ApiError::Redirect { .. } => {
            with("if you trust the new address, pass it with --url; keys never follow a redirect")
        }
        ApiError::Refused { message: said, .. } if is_key_rejection(e) => match source {
            Some(source) => {
                (format!("the deployment rejected the key from {source}: {said}"), Some(key_rejected_hint(source)))
            }
            None => (format!("the deployment refused the request: {said}"), None),
        },
        ApiError::Refused { code, message: said, .. } => match code.as_deref().unwrap_or("") {
            "EnvironmentVariableValueTooLarge" => {
                let sizes: Vec<String> = sizes.iter().map(|(n, len)| format!("{n} is {len} bytes")).collect();
                (
                    format!(
                        "the deployment refused a value over its limit of {MAX_VALUE} bytes ({})",
                        sizes.join(", ")
                    ),
                    Some("use a 2048-bit key (keys generate --bits 2048) or a shorter secret".into()),
                )
            }
            "InvalidAuthConfig" | "AuthConfigMissingEnvironmentVariable" => (
                format!("the deployment refused the change: {said}"),
                Some(format!(
                    "every change of variables re-checks convex/auth.config.ts: fix it there and deploy it ({}), then push again",
                    deploy_step(production)
                )),
            ),
            _ => (format!("the deployment refused the change: {message}"), None),
        },
        ApiError::Server { .. } => with("the deployment had a problem: try again in a minute"),
        ApiError::NotJson { content_type, .. } if content_type.as_deref().is_some_and(|t| t.contains("html")) => with(
            "that looks like a web page: pass the deployment URL (https://<name>.convex.cloud), not the site or dashboard",
        ),
        ApiError::NotJson { .. } => with("check that the URL is your Convex deployment"),
    }
}

/// The fix for each way a private key is mangled on its way to the server.
pub fn key_fix(problem: &KeyProblem, source: &Source) -> String {
    let regenerate =
        "make a new pair with `convex-authjs keys generate --write --force`, then `convex-authjs env push`";
    let file = match source {
        Source::File(path) => Some(path.display()),
        Source::Process | Source::Given => None,
    };
    match (problem, file) {
        (KeyProblem::Quoted, Some(p)) => format!(
            "in {p} write the key inside one pair of double quotes, newlines as \\n, as `convex-authjs keys generate` prints it"
        ),
        (KeyProblem::Quoted, None) => "set the variable to the PEM itself, without quotes around it".into(),
        (KeyProblem::LiteralBackslashN, Some(p)) => {
            format!("in {p} put the value in double quotes so that \\n becomes a line break")
        }
        (KeyProblem::LiteralBackslashN, None) => {
            "set the variable with real line breaks (your host's dashboard accepts a multi-line value)".into()
        }
        (KeyProblem::LeadingBlank, _) => "remove what stands before -----BEGIN PRIVATE KEY-----".into(),
        (KeyProblem::Pkcs1 | KeyProblem::Encrypted, _) => {
            format!("convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem`, or {regenerate}")
        }
        _ => regenerate.to_string(),
    }
}

/// The fix for a missing local value: the command that creates it.
pub fn missing_hint(name: &str) -> &'static str {
    if name == PRIVATE_KEY {
        "create one with `convex-authjs keys generate --write`"
    } else if name == ADAPTER_SECRET {
        "create one with `convex-authjs secret generate --write`"
    } else {
        "set it in the env file"
    }
}
