//! What `setup`, `keys rotate` and `doctor` share about the hosting provider: reaching it from
//! `--host`, the deployment's values the host's must match, and the plan's lines.

use std::collections::BTreeMap;

use super::connection::{http, project_dir};
use super::ui::Ui;
use crate::cli::HostArgs;
use crate::config::Connection;
use crate::deployment::channel::Deployment;
use crate::doctor;
use crate::environment::Environment;
use crate::failure::Failure;
use crate::host::{self, Held, Host, Known, Plan, Provider, Stage, Wanted};
use crate::keys::ServedJwks;
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, ADAPTER_SECRET_SHA256, JWKS, KEY_ID, PRIVATE_KEY, TRUST_HOST};

/// The host `--host` names, for `stage`; `None` without the flag.
pub fn reach(
    args: &HostArgs,
    stage: Stage,
    connection: &Connection,
    process: &Environment,
) -> Result<Option<Host>, Failure> {
    let Some(provider) = args.host else { return Ok(None) };
    let host = Host::reach(provider, stage, args.host_project.as_deref(), &project_dir()?, process, http(connection))?;
    Ok(Some(host))
}

/// `--host` needs a stage: the host has no development values of ours.
pub fn stage_of(args: &HostArgs, prod: bool, preview: bool) -> Result<Stage, Failure> {
    match (prod, preview) {
        (true, _) => Ok(Stage::Production),
        (_, true) => Ok(Stage::Preview),
        _ if args.host.is_none() => Ok(Stage::Production),
        _ => Err(Failure::usage("--host sets production's or previews' values on your host, and neither was named")
            .hint("pass --prod (or, for setup, --preview) with --host; development values stay in .env.local")),
    }
}

/// The deployment's JWKS (as served, and as its text) and adapter secret: what the host's key
/// and secret must match.
pub struct Served {
    pub jwks: ServedJwks,
    pub jwks_text: Option<Secret>,
    pub secret: Option<Secret>,
}

impl Served {
    pub fn read(deployment: &Deployment) -> Result<Served, Failure> {
        let vars = deployment.vars(&[JWKS, ADAPTER_SECRET], &[])?.unwrap_or_default();
        let jwks_text = vars.get(JWKS).cloned();
        let jwks = jwks_text.as_ref().and_then(|t| ServedJwks::parse(t.expose())).unwrap_or_else(ServedJwks::empty);
        Ok(Served { jwks, jwks_text, secret: vars.get(ADAPTER_SECRET).cloned() })
    }
}

/// Adds doctor's checks of the host to `report`, against what `deployment` has now.
pub fn check(report: &mut doctor::Report, host: &Host, deployment: &Deployment) -> Result<(), Failure> {
    let served = Served::read(deployment)?;
    let against = doctor::hosting::Deployment { jwks: &served.jwks, secret: served.secret.as_ref() };
    doctor::hosting::add(report, host, &host.held()?, against);
    Ok(())
}

/// The kid of the key the host holds, when the deployment serves it: that key is kept, and
/// needs no PEM here.
pub fn kept_key(held: &BTreeMap<String, Held>, served: &Served) -> Option<String> {
    let kid = held.get(KEY_ID)?.value.clone()?;
    (held.contains_key(PRIVATE_KEY) && served.jwks.has_kid(&kid)).then_some(kid)
}

/// The private key (or `None`: the host's, kept) and its kid, with its witness beside it.
pub fn key(pem: Option<Secret>, kid: &str) -> [Wanted; 2] {
    [
        Wanted { name: PRIVATE_KEY, value: pem, known: Known::Witness { name: KEY_ID, value: kid.to_string() } },
        Wanted { name: KEY_ID, value: Some(Secret::new(kid)), known: Known::Plain },
    ]
}

/// The adapter's secret, with its fingerprint beside it.
pub fn adapter_secret(value: &Secret) -> [Wanted; 2] {
    let sha = host::fingerprint(value);
    [
        Wanted {
            name: ADAPTER_SECRET,
            value: Some(value.clone()),
            known: Known::Witness { name: ADAPTER_SECRET_SHA256, value: sha.clone() },
        },
        Wanted { name: ADAPTER_SECRET_SHA256, value: Some(Secret::new(sha)), known: Known::Plain },
    ]
}

/// `AUTH_TRUST_HOST=true`, where the host needs it (see [`host::needs_trust_host`]).
pub fn trust_host(provider: Provider, held: &BTreeMap<String, Held>) -> Option<Wanted> {
    host::needs_trust_host(provider, held).then(|| Wanted {
        name: TRUST_HOST,
        value: Some(Secret::new("true")),
        known: Known::Setting,
    })
}

/// One line per variable, as the deployment's are shown.
pub fn show(ui: &Ui, plan: &Plan) -> Result<(), Failure> {
    for change in &plan.changes {
        ui.status(&format!("  {:<10} {} on {}", change.action.word(), change.name, plan.host.describe()))?;
    }
    Ok(())
}

/// What to say once the values are on the host: they reach new deployments only.
pub fn applied(ui: &Ui, host: &Host, redeployed: Option<Option<String>>) -> Result<(), Failure> {
    match redeployed {
        Some(made) => ui.status(&format!(
            "{} is building a new {} deployment{} with them.",
            host.provider.name(),
            host.stage.word(),
            made.map(|m| format!(" ({m})")).unwrap_or_default()
        )),
        None if host.stage == Stage::Production => ui.status(&format!(
            "{}'s running deployment keeps its old values: they reach the next deployment (pass --redeploy to start one now).",
            host.provider.name()
        )),
        None => ui.status(&format!("{}'s next preview deployments read them.", host.provider.name())),
    }
}
