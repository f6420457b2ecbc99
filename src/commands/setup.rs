//! `setup`: from an env file with only the deployment's URLs to a verified deployment.
//!
//! Everything is worked out first (the adapter's code `init` would write, what the env file
//! lacks, what the deployment lacks), shown, confirmed once, and only then written: a refusal
//! changes nothing, anywhere.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::adapter_code;
use super::connection::{connect, project_dir};
use super::report::{check, render};
use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::adapter_secret;
use crate::cli::Setup;
use crate::config::Connection;
use crate::convex::npx;
use crate::failure::{Exit, Failure};
use crate::init::{self, InitError, LayoutError};
use crate::keys::{Bits, PrivateKey};
use crate::local_env::{Edit, EnvSources, LocalEnv, Mode, ValueError};
use crate::push::{self, Plan, Values};
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, AUTH_SECRET, JWKS, PRIVATE_KEY, SITE_URL};

/// One env file variable: what happens to it, and the value it ends up with.
struct Planned {
    name: &'static str,
    action: Edit,
    value: Secret,
}

pub fn setup(ui: &Ui, env_file: &EnvSources, connection: &Connection, args: &Setup) -> Result<(), Failure> {
    let prod = connection.selector.prod;
    let mode = Mode::for_prod(prod);
    let local = LocalEnv::load(env_file, mode)?;
    let project = project_dir()?;
    let code_plan = if prod || args.preview { None } else { plan_code(ui, &project)? };
    let (key, jwks) = plan_key(&local, args.force)?;
    let secret = plan_secret(&local, args.force)?;
    let values = Values::adapter(jwks, secret.value.clone());
    let push = push::plan(connect(connection, args.reach.via, args.preview, &local)?, values)?;
    let mut planned = vec![key, secret];
    // Auth.js needs its own secret too; made here as `npx auth secret` makes it, for the app
    // whose code we write.
    if code_plan.is_some() {
        planned.push(plan_auth_secret(&local));
    }
    // The signer's issuer: without it, it falls back to a `.cloud` → `.site` rewrite that is
    // wrong for custom domains, local and self-hosted deployments.
    if !prod
        && !args.preview
        && local.get(SITE_URL).is_none()
        && let Some(site) = push.deployment.site_url()
    {
        planned.push(Planned { name: SITE_URL, action: Edit::Create, value: Secret::new(site) });
    }
    // Development values live in the env file; production values go to the host: into the file
    // named with --hosting-env-file, or printed, and never into .env.local.
    let target = match (&args.hosting_env_file, prod) {
        (Some(path), true) => Some(EnvSources { process: env_file.process.clone(), path: path.clone(), named: true }),
        (None, true) => None,
        (_, false) => Some(env_file.clone()),
    };
    if prod {
        production_guard(args, &planned, &push)?;
    }

    let shown = target.as_ref().map_or("your host (printed below)".to_string(), |t| t.path.display().to_string());
    if let Some(plan) = &code_plan {
        ui.status("The adapter's code in this project:")?;
        adapter_code::show(ui, plan, args.install)?;
    }
    ui.status(&format!("Setting up the Convex Adapter for Auth.js: {shown} and {}", push.describe()))?;
    for p in &planned {
        ui.status(&format!("  {:<10} {} in {shown}", p.action.planned(), p.name))?;
    }
    for change in &push.changes {
        ui.status(&format!("  {:<10} {} on the deployment", change.action.word(), change.name))?;
    }

    let local_changes = planned.iter().filter(|p| p.action != Edit::Keep).count();
    let code_changes = code_plan.as_ref().map_or(0, |plan| plan.changes().count());
    // --install counts as a change of its own, as the plan lists it.
    let installing = args.install && code_plan.as_ref().is_some_and(|plan| plan.install().is_some());
    // The Convex code it writes reaches the dev deployment before doctor looks at it, through
    // the convex CLI when the project has it (and npx); else it stays on the list of what is left.
    let mut deploying = !args.no_deploy && code_plan.as_ref().is_some_and(adapter_code::changes_convex_code);
    if deploying && let Err(why) = npx::check_ready(&project) {
        ui.warn(&format!("not deploying the Convex code: {why}"));
        deploying = false;
    }
    if deploying {
        ui.status(&format!("  {:<10} the Convex code, with {}", "deploy", code("npx convex dev --once")))?;
    }
    let changes =
        code_changes + usize::from(installing) + usize::from(deploying) + local_changes + push.pending().count();
    if args.dry_run {
        ui.status("Dry run: nothing was changed.")?;
        return dry_run_json(ui, &planned, &push, code_plan.as_ref());
    }
    let (mut installed, mut deployed) = (false, false);
    if changes == 0 {
        ui.status("Nothing to change: this project is already set up.")?;
    } else {
        let mut losses: Vec<&str> = planned
            .iter()
            .filter(|p| p.action == Edit::Replace)
            .map(|p| match p.name {
                PRIVATE_KEY => "replacing CONVEX_AUTH_PRIVATE_KEY signs out every signed-in session",
                _ => "replacing CONVEX_AUTH_ADAPTER_SECRET breaks any other server that still has the old one",
            })
            .collect();
        if prod && replaces_served_key(&planned, &push) {
            losses.push("the new production JWKS logs out everyone signed in to production");
        }
        let loss = if losses.is_empty() { String::new() } else { format!(" ({})", losses.join("; ")) };
        ui.approve(
            &format!("Make these {changes} change(s)?{loss}"),
            "not changing anything without confirmation",
            "pass --yes to apply the plan above",
        )?;
        let total = if deploying { 4 } else { 3 };
        if let Some(plan) = code_plan.as_ref().filter(|_| code_changes > 0) {
            adapter_code::write(ui, plan)?;
        }
        if let Some(plan) = code_plan.as_ref().filter(|_| installing) {
            installed = adapter_code::install(ui, plan)?;
        }
        if target.is_some() {
            ui.step(1, total, &format!("Writing {shown}"));
        }
        let mut written = Vec::new();
        for p in planned.iter().filter(|p| p.action != Edit::Keep) {
            let Some(target) = &target else { break };
            let overwrite = if args.force { Overwrite::Forced } else { Overwrite::Confirmed };
            store(ui, target, mode, p.name, &p.value, overwrite)?;
            written.push(p.name);
        }
        if push.pending().next().is_some() {
            ui.step(2, total, &format!("Pushing to {}", push.describe()));
            push.apply().map_err(|e| match written.as_slice() {
                [] => Failure::from(e),
                names => Failure::from(e).hint(format!(
                    "{} {} already written to {shown}: run setup again, and it continues from there",
                    names.join(" and "),
                    if names.len() == 1 { "is" } else { "are" }
                )),
            })?;
        }
        if deploying {
            ui.step(3, total, "Deploying the Convex code");
            let hidden: Vec<&Secret> = planned.iter().map(|p| &p.value).collect();
            npx::deploy_dev(&project, connection.convex_cli_env_file.as_deref(), &hidden)?;
            deployed = true;
        }
        ui.step(total, total, "Running doctor");
    }

    if args.preview {
        // No deployment to check yet: each preview deployment copies the defaults when made.
        if ui.json {
            return ui
                .json(&json!({ "envFile": env_file_json(&planned), "deployment": push_json(&push), "doctor": null }));
        }
        return ui.status(&format!(
            "Next: give your host's preview environment (Vercel: Settings → Environment Variables → Preview) {PRIVATE_KEY} and {ADAPTER_SECRET} from {shown}; then check a preview deployment with {}.",
            code("convex-authjs doctor --url <its URL>")
        ));
    }

    // Production's new values are in no file doctor reads: it checks the values in hand.
    let mut local = LocalEnv::load(env_file, mode)?;
    if prod {
        for p in &planned {
            local = local.with(p.name, p.value.clone());
        }
    }
    // The deployment is the one pushed to: its URL, asked of Convex for a deploy key, is known.
    let (url, report) = check(&local, connection, &args.checks, push.deployment.http(), push.url())?;
    if ui.json {
        let mut document =
            json!({ "envFile": env_file_json(&planned), "deployment": push_json(&push), "doctor": report });
        document["code"] = code_plan.as_ref().map_or(Value::Null, adapter_code::json);
        if args.print_hosting_env {
            let values: Map<String, Value> =
                planned.iter().map(|p| (p.name.to_string(), Value::from(p.value.expose()))).collect();
            document["hostingEnv"] = Value::Object(values);
        }
        ui.json(&document)?;
    } else {
        render(ui, &url, &report, ui.quiet)?;
        next_steps(ui, args, report.ok, local_changes > 0, code_plan.as_ref(), installed, deployed)?;
        if args.print_hosting_env {
            for p in &planned {
                ui.secret_for_host(p.name, &p.value)?;
            }
        }
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}

/// The code step, for a Next.js app in TypeScript; elsewhere it is left out, and said so.
fn plan_code(ui: &Ui, project: &Path) -> Result<Option<init::CodePlan>, Failure> {
    match init::plan(project) {
        Ok(plan) => Ok(Some(plan)),
        Err(InitError::Layout(
            e @ (LayoutError::NoTypeScript(_) | LayoutError::NoNextApp(_) | LayoutError::NotNext(_)),
        )) => {
            ui.warn(&format!(
                "{e}: the adapter's code is left out; `convex-authjs init` in your app's folder writes it"
            ));
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

fn env_file_json(planned: &[Planned]) -> Vec<Value> {
    planned.iter().map(|p| json!({ "name": p.name, "action": p.action.planned() })).collect()
}

fn push_json(push: &Plan) -> Value {
    json!({ "url": push.url(), "via": push.via(), "changes": push.changes })
}

fn dry_run_json(ui: &Ui, planned: &[Planned], push: &Plan, code_plan: Option<&init::CodePlan>) -> Result<(), Failure> {
    if !ui.json {
        return Ok(());
    }
    let code = code_plan.map_or(Value::Null, adapter_code::json);
    ui.json(
        &json!({ "code": code, "envFile": env_file_json(planned), "deployment": push_json(push), "applied": false }),
    )
}

/// Production keeps its own values: refused are a new key where production already serves
/// another (that logs everyone out: --force), and new values with nowhere to go.
fn production_guard(args: &Setup, planned: &[Planned], push: &Plan) -> Result<(), Failure> {
    if key_action(planned) == Edit::Create && replaces_served_key(planned, push) && !args.force {
        return Err(Failure::usage(
            "production already has a JWKS, and its private key is not here (CONVEX_AUTH_PRIVATE_KEY in the environment or .env.production.local)",
        )
        .hint("set CONVEX_AUTH_PRIVATE_KEY to production's key, as your host has it, and run setup --prod again")
        .hint("or pass --force for a new pair: everyone signed in to production is logged out"));
    }
    let creates = planned.iter().any(|p| p.action != Edit::Keep);
    if creates && !args.print_hosting_env && args.hosting_env_file.is_none() {
        return Err(Failure::usage("new production values need a way to your hosting provider, and none was given")
            .hint(
                "pass --print-hosting-env to print them, or --hosting-env-file PATH to write them to a file you keep",
            ));
    }
    Ok(())
}

/// What the plan does to the private key.
fn key_action(planned: &[Planned]) -> Edit {
    planned.iter().find(|p| p.name == PRIVATE_KEY).map_or(Edit::Keep, |p| p.action)
}

/// Whether the plan puts a new key in place of the one the deployment serves now.
fn replaces_served_key(planned: &[Planned], push: &Plan) -> bool {
    key_action(planned) != Edit::Keep && push.changes.iter().any(|c| c.name == JWKS && c.action == push::Action::Change)
}

/// Keeps a usable key, creates a missing one, replaces only with --force; and its JWKS.
fn plan_key(local: &LocalEnv, force: bool) -> Result<(Planned, String), Failure> {
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
    let jwks = key.public_key().jwks().to_json();
    Ok((Planned { name: PRIVATE_KEY, action, value: key.to_pem() }, jwks))
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

fn plan_secret(local: &LocalEnv, force: bool) -> Result<Planned, Failure> {
    let (action, value) = match local.adapter_secret() {
        Err(e @ ValueError::EmptyInEnvironment { .. }) => return Err(e.into()),
        Err(_) => (Edit::Create, adapter_secret::generate(adapter_secret::DEFAULT_BYTES)),
        Ok(_) if force => (Edit::Replace, adapter_secret::generate(adapter_secret::DEFAULT_BYTES)),
        Ok(value) => (Edit::Keep, value),
    };
    Ok(Planned { name: ADAPTER_SECRET, action, value })
}

/// The closing lines: only what is really left to do after this run.
fn next_steps(
    ui: &Ui,
    args: &Setup,
    ok: bool,
    env_file_changed: bool,
    code_plan: Option<&init::CodePlan>,
    installed: bool,
    deployed: bool,
) -> Result<(), Failure> {
    let mut todo = code_plan.map(|plan| adapter_code::left_to_do(plan, installed, deployed)).unwrap_or_default();
    if !todo.is_empty() {
        if env_file_changed {
            todo.push(format!("restart {} so Next.js loads the new values", code("next dev")));
        }
        todo.push(format!("then prove it: {}", code("convex-authjs doctor")));
        return adapter_code::show_left(ui, &todo);
    }
    if !ok {
        return ui.status("Fix what doctor reports above, then run setup again.");
    }
    if !env_file_changed {
        return Ok(());
    }
    if !args.deployment.prod {
        return ui.status(&format!("Next: restart {} so Next.js loads the new values.", code("next dev")));
    }
    if let Some(file) = &args.hosting_env_file {
        return ui.status(&format!(
            "Next: give your hosting provider (Vercel, Netlify, …) {PRIVATE_KEY} and {ADAPTER_SECRET} from {}.",
            file.display()
        ));
    }
    if args.print_hosting_env {
        return ui.status(&format!(
            "Next: give your hosting provider (Vercel, Netlify, …) the two lines below: {PRIVATE_KEY} and {ADAPTER_SECRET}."
        ));
    }
    ui.status(&format!(
        "Next: give your hosting provider (Vercel, Netlify, …) {PRIVATE_KEY} and {ADAPTER_SECRET}; {} prints them.",
        code("convex-authjs setup --prod --print-hosting-env")
    ))
}
