//! The checks of what the Next.js server has: the deployment URL, the private key, the secret.

use super::inputs::Inputs;
use super::outcome::Outcome;
use super::project::Issuer;
use super::rules;
use crate::adapter_secret::WEAK_BELOW_CHARS;
use crate::hints;
use crate::http::origin;
use crate::local_env::ValueError;
use crate::vars::{ADAPTER_SECRET, PRIVATE_KEY};

pub(super) fn private_key(inputs: &Inputs) -> Outcome {
    match &inputs.private_key {
        Ok((key, source)) => Outcome::pass(format!(
            "RSA {}-bit PKCS#8 key from {source} (key id {})",
            key.bits(),
            key.public_key().kid()
        )),
        Err(ValueError::BrokenKey { problem, location }) => Outcome::fail(
            format!("{PRIVATE_KEY} in {location} cannot be used: {problem}"),
            hints::key_fix(problem, location),
        ),
        Err(ValueError::EmptyInEnvironment { .. }) => empty_in_environment(PRIVATE_KEY),
        Err(_) => Outcome::fail(
            format!("{PRIVATE_KEY} is not set"),
            format!("{}: it creates the key pair and the secret and puts them on the deployment", inputs.fixes().push),
        ),
    }
}

pub(super) fn adapter_secret(inputs: &Inputs) -> Outcome {
    match &inputs.secret {
        Ok((value, source)) => {
            let length = value.expose().chars().count();
            if length < WEAK_BELOW_CHARS {
                Outcome::warn(
                    format!("{ADAPTER_SECRET} in {source} is only {length} characters"),
                    format!(
                        "use a long random one: `convex-authjs secret generate --write --force`, then {}",
                        inputs.fixes().push.trim_start_matches("run ")
                    ),
                )
            } else {
                Outcome::pass(format!("set in {source} ({length} characters)"))
            }
        }
        Err(ValueError::EmptyInEnvironment { .. }) => empty_in_environment(ADAPTER_SECRET),
        _ => Outcome::fail(
            format!("{ADAPTER_SECRET} is not set"),
            format!("{}: it creates what is missing and puts it on the deployment", inputs.fixes().push),
        ),
    }
}

/// Next.js uses an empty variable of the environment over the env file's value.
fn empty_in_environment(name: &str) -> Outcome {
    Outcome::fail(
        format!("{name} is set but empty in the environment, and Next.js uses that over the env file"),
        format!("unset it (`unset {name}`) so the env file's value counts, or give it the value"),
    )
}

pub(super) fn convex_url(inputs: &Inputs, site: &str, note: Option<&str>) -> Outcome {
    let endpoints = &inputs.endpoints;
    let url = &endpoints.deployment_url;
    if origin(url).is_none() {
        return Outcome::fail(
            format!("{url} (from {}) is not a URL", endpoints.url_source),
            "set NEXT_PUBLIC_CONVEX_URL to https://<name>.convex.cloud, or pass --url",
        );
    }
    let site_note = note.map_or(String::new(), |n| format!(", {n}"));
    let summary = format!("{url} from {}; site {site}{site_note}", endpoints.url_source);
    let Some(signer) = &inputs.signer else {
        return Outcome::pass(summary);
    };
    let file = signer.path.display();
    // The host gives the signer this deployment's URL as NEXT_PUBLIC_CONVEX_URL, in dev and prod.
    let template = rules::template_issuer(url);
    match signer.issuer {
        Issuer::Template if template != site => Outcome::warn(
            format!("{summary}; the signer in {file} would use iss {template}, which Convex rejects"),
            format!(
                "in {file} set the issuer to process.env.NEXT_PUBLIC_CONVEX_SITE_URL ({site}) instead of NEXT_PUBLIC_CONVEX_URL.replace(/.cloud$/, \".site\")"
            ),
        ),
        Issuer::Template => Outcome::pass(format!("{summary}; the signer in {file} derives the same issuer")),
        Issuer::SiteUrl { var, .. } => {
            Outcome::pass(format!("{summary}; the signer in {file} takes its issuer from {var}"))
        }
        Issuer::Unknown => Outcome::pass(format!("{summary}; the signer in {file} sets an issuer of its own")),
    }
}
