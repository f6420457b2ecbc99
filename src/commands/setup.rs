//! `setup`: from an env file with only the deployment's URLs to a verified deployment.
//!
//! Everything is worked out first (what the env file lacks, what the deployment lacks), shown,
//! confirmed once, and only then written: a refusal changes nothing, anywhere.

use std::path::Path;

use serde_json::json;

use super::doctor::{inputs, render};
use super::env_push::{self, Values};
use super::store::{local_env_failure, store};
use super::ui::{Ui, code};
use crate::cli::{Doctor, Setup};
use crate::doctor;
use crate::dotenv;
use crate::error::{Exit, Failure};
use crate::keys::{Bits, PrivateKey};
use crate::local_env::{ADAPTER_SECRET, LocalEnv, PRIVATE_KEY};
use crate::secret;

/// What happens to one variable of the env file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
enum Local {
    Keep,
    Create,
    Replace,
}

impl Local {
    fn word(self) -> &'static str {
        match self {
            Local::Keep => "keep",
            Local::Create => "create",
            Local::Replace => "replace",
        }
    }
}

struct Planned {
    key: (Local, String),
    secret: (Local, String),
    jwks: String,
}

pub fn setup(ui: &Ui, env_file: &Path, args: &Setup) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file).map_err(local_env_failure)?;
    let planned = plan_local(&local, args.force)?;
    let values = Values { jwks: planned.jwks.clone(), secret: planned.secret.1.clone() };
    let push = env_push::plan(&args.deployment, args.via, env_file, &local, &values)?;

    let shown = env_file.display().to_string();
    ui.status(&format!("Setting up the Convex Adapter for Auth.js: {shown} and {}", push.describe()))?;
    for (name, (action, _)) in [(PRIVATE_KEY, &planned.key), (ADAPTER_SECRET, &planned.secret)] {
        ui.status(&format!("  {:<10} {name} in {shown}", action.word()))?;
    }
    for (name, action) in &push.changes {
        ui.status(&format!("  {:<10} {name} on the deployment", action.word()))?;
    }

    let local_changes = [&planned.key, &planned.secret].iter().filter(|(a, _)| *a != Local::Keep).count();
    let changes = local_changes + push.pending();
    if changes == 0 {
        ui.status("Nothing to change: this project is already set up.")?;
    } else {
        let mut losses = Vec::new();
        if planned.key.0 == Local::Replace {
            losses.push("replacing CONVEX_AUTH_PRIVATE_KEY signs out every signed-in session");
        }
        if planned.secret.0 == Local::Replace {
            losses.push("replacing CONVEX_AUTH_ADAPTER_SECRET breaks any other server that still has the old one");
        }
        let loss = if losses.is_empty() { String::new() } else { format!(" ({})", losses.join("; ")) };
        ui.approve(
            &format!("Make these {changes} change(s)?{loss}"),
            "not changing anything without confirmation",
            "pass --yes to apply the plan above",
        )?;
        let total = 3;
        ui.step(1, total, &format!("Writing {shown}"));
        for (name, (action, value)) in [(PRIVATE_KEY, &planned.key), (ADAPTER_SECRET, &planned.secret)] {
            if *action != Local::Keep {
                store(ui, env_file, name, value, true, "")?;
            }
        }
        if push.pending() > 0 {
            ui.step(2, total, &format!("Pushing to {}", push.describe()));
            push.apply(&values)?;
        }
        ui.step(3, total, "Running doctor");
    }

    let doctor_args =
        Doctor { deployment: args.deployment.clone(), site_url: None, adapter_module: "authAdapter".into() };
    let local = LocalEnv::read(env_file).map_err(local_env_failure)?;
    let doctor_inputs = inputs(&local, env_file, &doctor_args)?;
    let report = doctor::run(&doctor_inputs);

    if ui.json {
        let local_json = json!([
            { "name": PRIVATE_KEY, "action": planned.key.0 },
            { "name": ADAPTER_SECRET, "action": planned.secret.0 },
        ]);
        let deployment = json!({ "url": push.url(), "via": push.via(), "changes": env_push::changes_json(&push) });
        ui.json(&json!({ "envFile": local_json, "deployment": deployment, "doctor": report }))?;
    } else {
        render(ui, &doctor_inputs.deployment_url, &report)?;
        next_steps(ui, args, report.ok)?;
    }
    if args.print_hosting_env {
        for (name, value) in [(PRIVATE_KEY, &planned.key.1), (ADAPTER_SECRET, &planned.secret.1)] {
            let spelled = dotenv::encode(name, value).expect("generated values are representable");
            ui.result(&format!("{name}={spelled}"))?;
        }
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}

/// Keeps what is there and usable, creates what is missing, replaces only with --force.
fn plan_local(local: &LocalEnv, force: bool) -> Result<Planned, Failure> {
    let key = match local.get(PRIVATE_KEY) {
        None => (Local::Create, PrivateKey::generate(Bits::B2048)),
        Some(_) if force => (Local::Replace, PrivateKey::generate(Bits::B2048)),
        Some((pem, source)) => match PrivateKey::from_pem(&pem) {
            Ok(key) => (Local::Keep, key),
            Err(problem) => {
                return Err(Failure::usage(format!("{PRIVATE_KEY} in {source} cannot be used: {problem}"))
                    .hint(super::keys::key_hint(&problem, &source))
                    .hint(format!("or let setup make a new pair: {} (signs out every session)", code("--force"))));
            }
        },
    };
    let secret = match local.get(ADAPTER_SECRET) {
        None => (Local::Create, secret::generate(secret::DEFAULT_BYTES)),
        Some(_) if force => (Local::Replace, secret::generate(secret::DEFAULT_BYTES)),
        Some((value, _)) => (Local::Keep, value),
    };
    let jwks = key.1.public_key().jwks().to_json();
    Ok(Planned { key: (key.0, key.1.to_pem()), secret, jwks })
}

fn next_steps(ui: &Ui, args: &Setup, ok: bool) -> Result<(), Failure> {
    if !ok {
        return ui.status("Fix what doctor reports above, then run setup again.");
    }
    if args.deployment.prod {
        ui.status(&format!(
            "Next: give your hosting provider (Vercel, Netlify, …) {PRIVATE_KEY} and {ADAPTER_SECRET}; {} prints them.",
            code("convex-authjs setup --prod --print-hosting-env")
        ))
    } else {
        ui.status(&format!("Next: restart {} so Next.js loads the new values.", code("next dev")))
    }
}
