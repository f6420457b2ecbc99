//! The variables `setup` plans: the key, the adapter's secret and Auth.js's, the site URL; what
//! the host should hold of them; and what production and the preview defaults refuse.

use std::collections::BTreeMap;

use super::super::hosting;
use super::super::ui::code;
use crate::adapter_secret;
use crate::cli::Setup;
use crate::deployment::channel::Deployment;
use crate::failure::Failure;
use crate::host::{self, Held, Host, Known, Provider, Wanted};
use crate::keys::{Bits, PrivateKey};
use crate::local_env::{Edit, LocalEnv, ValueError};
use crate::push::{self, Plan, Values};
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, AUTH_SECRET, JWKS, PRIVATE_KEY, SITE_URL};

/// Every variable's plan: the env file's (or production's values in hand), the deployment's,
/// and what the host should hold.
pub(super) struct Variables<'h> {
    pub planned: Vec<Planned>,
    pub push: Plan,
    pub host_plan: Option<host::Plan<'h>>,
}

/// Plans the variables against what the deployment (and the host) have now. Auth.js's own
/// secret is planned `with_auth_secret`: for the app whose code is written, and for the host.
pub(super) fn plan<'h>(
    args: &Setup,
    prod: bool,
    local: &LocalEnv,
    deployment: Deployment,
    host: Option<&'h Host>,
    held: Option<&BTreeMap<String, Held>>,
    with_auth_secret: bool,
) -> Result<Variables<'h>, Failure> {
    // The host's values cannot be read back: what it must hold is the deployment's.
    let served = if host.is_some() { Some(hosting::Served::read(&deployment)?) } else { None };
    let kept = match (held, &served) {
        (Some(held), Some(served)) if local.get(PRIVATE_KEY).is_none() && !args.force => {
            hosting::kept_key(held, served).zip(served.jwks_text.clone())
        }
        _ => None,
    };
    let (key, jwks, kid) = match kept {
        Some((kid, jwks)) => (None, jwks.expose().to_string(), kid),
        None => {
            let (key, jwks, kid) = plan_key(local, args.force)?;
            (Some(key), jwks, kid)
        }
    };
    let mut secret = plan_secret(local, args.force)?;
    // A secret that is not here, for the host, is the deployment's: the servers that have it keep working.
    if secret.action == Edit::Create
        && !args.force
        && let Some(current) = served.as_ref().and_then(|s| s.secret.clone())
    {
        secret = Planned { name: ADAPTER_SECRET, action: Edit::Keep, value: current };
    }
    let values = Values::adapter(jwks, secret.value.clone());
    let push = push::plan(deployment, values)?;
    let mut planned: Vec<Planned> = key.into_iter().chain([secret]).collect();
    // Auth.js needs its own secret too; made here as `npx auth secret` makes it.
    if with_auth_secret {
        planned.push(plan_auth_secret(local));
    }
    // The signer's issuer: without it, it falls back to a `.cloud` → `.site` rewrite that is
    // wrong for custom domains, local and self-hosted deployments. Previews have none: each
    // build gets its own preview deployment.
    let needs_site = !args.preview && if prod { host.is_some() } else { local.get(SITE_URL).is_none() };
    let site = if needs_site { push.deployment.site_url() } else { None };
    if !prod
        && !args.preview
        && local.get(SITE_URL).is_none()
        && let Some(site) = &site
    {
        planned.push(Planned { name: SITE_URL, action: Edit::Create, value: Secret::new(site.clone()) });
    }
    let host_plan = match (host, held) {
        (Some(host), Some(held)) => {
            let wanted = host_values(&planned, &kid, site.as_deref(), host.provider, held);
            Some(host::plan(host, held, wanted)?)
        }
        _ => None,
    };
    Ok(Variables { planned, push, host_plan })
}

/// One env file variable: what happens to it, and the value it ends up with.
pub(super) struct Planned {
    pub name: &'static str,
    pub action: Edit,
    pub value: Secret,
}

/// Keeps a usable key, creates a missing one, replaces only with --force; and its JWKS and kid.
fn plan_key(local: &LocalEnv, force: bool) -> Result<(Planned, String, String), Failure> {
    let (action, key) = match local.private_key() {
        Err(e @ ValueError::EmptyInEnvironment { .. }) => return Err(e.into()),
        Err(ValueError::Missing { .. } | ValueError::MissingForProduction { .. }) => {
            (Edit::Create, PrivateKey::generate(Bits::default()))
        }
        _ if force => (Edit::Replace, PrivateKey::generate(Bits::default())),
        Ok((key, _)) => (Edit::Keep, key),
        Err(e) => {
            return Err(Failure::from(e)
                .hint(format!("or let setup make a new pair: {} (signs out every session)", code("--force"))));
        }
    };
    let public = key.public_key();
    Ok((Planned { name: PRIVATE_KEY, action, value: key.to_pem() }, public.jwks().to_json(), public.kid()))
}

fn plan_secret(local: &LocalEnv, force: bool) -> Result<Planned, Failure> {
    let (action, value) = match local.adapter_secret() {
        Err(e @ ValueError::EmptyInEnvironment { .. }) => return Err(e.into()),
        Err(_) => (Edit::Create, adapter_secret::generate(adapter_secret::DEFAULT_BYTES)),
        Ok(_) if force => (Edit::Replace, adapter_secret::generate(adapter_secret::DEFAULT_BYTES)),
        Ok(value) => (Edit::Keep, value),
    };
    Ok(Planned { name: ADAPTER_SECRET, action, value })
}

/// Auth.js's secret: kept when there is one (never replaced: that signs everyone out).
fn plan_auth_secret(local: &LocalEnv) -> Planned {
    match local.secret(AUTH_SECRET) {
        Some((value, _)) => Planned { name: AUTH_SECRET, action: Edit::Keep, value },
        None => Planned {
            name: AUTH_SECRET,
            action: Edit::Create,
            value: adapter_secret::generate(adapter_secret::MIN_BYTES),
        },
    }
}

/// What the host should hold: the key (the host's own when it is kept) and the adapter's
/// secret, each with its witness, Auth.js's secret, and production's site URL.
fn host_values(
    planned: &[Planned],
    kid: &str,
    site: Option<&str>,
    provider: Provider,
    held: &BTreeMap<String, Held>,
) -> Vec<Wanted> {
    let value = |name: &str| planned.iter().find(|p| p.name == name).map(|p| p.value.clone());
    let mut wanted: Vec<Wanted> = hosting::key(value(PRIVATE_KEY), kid).into_iter().collect();
    if let Some(secret) = value(ADAPTER_SECRET) {
        wanted.extend(hosting::adapter_secret(&secret));
    }
    wanted.push(Wanted { name: AUTH_SECRET, value: value(AUTH_SECRET), known: Known::Any });
    if let Some(site) = site {
        wanted.push(Wanted { name: SITE_URL, value: Some(Secret::new(site)), known: Known::Plain });
    }
    wanted.extend(hosting::trust_host(provider, held));
    wanted
}

/// Production keeps its own values: refused are a new key where production already serves
/// another (that logs everyone out: --force), and new values with nowhere to go.
pub(super) fn production_guard(args: &Setup, planned: &[Planned], push: &Plan, to_host: bool) -> Result<(), Failure> {
    if key_action(planned) == Edit::Create && replaces_served_key(planned, push) && !args.force {
        return Err(Failure::usage(
            "production already has a JWKS, and its private key is not here (CONVEX_AUTH_PRIVATE_KEY in the environment or .env.production.local)",
        )
        .hint("set CONVEX_AUTH_PRIVATE_KEY to production's key, as your host has it, and run setup --prod again")
        .hint("or pass --force for a new pair: everyone signed in to production is logged out"));
    }
    let creates = planned.iter().any(|p| p.action != Edit::Keep);
    if creates && !to_host && !args.print_hosting_env && args.hosting_env_file.is_none() {
        return Err(Failure::usage("new production values need a way to your hosting provider, and none was given")
            .hint(
                "pass --print-hosting-env to print them, or --hosting-env-file PATH to write them to a file you keep",
            ));
    }
    Ok(())
}

/// The previews' defaults keep their key: new preview deployments copy them, and the host's
/// previews sign with the key that goes with them.
pub(super) fn previews_guard(args: &Setup, planned: &[Planned], push: &Plan) -> Result<(), Failure> {
    if key_action(planned) == Edit::Create && replaces_served_key(planned, push) && !args.force {
        return Err(Failure::usage(
            "the project's preview defaults already have a JWKS, and its private key is not here (CONVEX_AUTH_PRIVATE_KEY in the environment or .env.local)",
        )
        .hint("set CONVEX_AUTH_PRIVATE_KEY to the key your host's previews have, and run setup --preview again")
        .hint("or pass --force for a new pair: previews made later sign with it, and need it on the host"));
    }
    Ok(())
}

/// What the plan costs the users who are signed in, said at the question.
pub(super) fn losses(planned: &[Planned], push: &Plan, prod: bool) -> Vec<&'static str> {
    let mut losses: Vec<&str> = planned
        .iter()
        .filter(|p| p.action == Edit::Replace)
        .map(|p| match p.name {
            PRIVATE_KEY => "replacing CONVEX_AUTH_PRIVATE_KEY signs out every signed-in session",
            _ => "replacing CONVEX_AUTH_ADAPTER_SECRET breaks any other server that still has the old one",
        })
        .collect();
    if prod && replaces_served_key(planned, push) {
        losses.push("the new production JWKS logs out everyone signed in to production");
    }
    losses
}

/// What the plan does to the private key.
fn key_action(planned: &[Planned]) -> Edit {
    planned.iter().find(|p| p.name == PRIVATE_KEY).map_or(Edit::Keep, |p| p.action)
}

/// Whether the plan puts a new key in place of the one the deployment serves now.
fn replaces_served_key(planned: &[Planned], push: &Plan) -> bool {
    key_action(planned) != Edit::Keep && push.changes.iter().any(|c| c.name == JWKS && c.action == push::Action::Change)
}
