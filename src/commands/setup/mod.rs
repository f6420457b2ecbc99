//! `setup`: from an env file with only the deployment's URLs to a verified deployment.
//!
//! Everything is worked out first (the adapter's code `init` would write, what the env file
//! lacks, what the deployment lacks), shown, confirmed once, and only then written: a refusal
//! changes nothing, anywhere. This module is that flow; `values` plans the variables (and what
//! production and the preview defaults refuse), `closing` says what is left and writes the JSON.

use std::path::Path;

use serde_json::{Map, Value, json};

mod closing;
mod values;

use closing::{dry_run_json, env_file_json, host_json, next_steps, push_json};
use values::{Variables, previews_guard, production_guard};

use super::adapter_code;
use super::connection::{connect, project_dir};
use super::hosting;
use super::report::{check, render};
use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::cli::Setup;
use crate::config::Connection;
use crate::convex::npx;
use crate::failure::{Exit, Failure};
use crate::host::Host;
use crate::init::{self, InitError, LayoutError};
use crate::local_env::{Edit, EnvSources, LocalEnv, Mode};
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, PRIVATE_KEY};

pub fn setup(ui: &Ui, env_file: &EnvSources, connection: &Connection, args: &Setup) -> Result<(), Failure> {
    let prod = connection.selector.prod;
    let mode = Mode::for_prod(prod);
    if args.redeploy && !prod {
        return Err(Failure::usage("--redeploy starts a new production deployment, and --prod was not given")
            .hint("pass --prod with it; preview deployments read the new values when they are next built"));
    }
    let stage = hosting::stage_of(&args.host, prod, args.preview)?;
    let local = LocalEnv::load(env_file, mode)?;
    let project = project_dir()?;
    let host = hosting::reach(&args.host, stage, connection, &env_file.process)?;
    let held = host.as_ref().map(Host::held).transpose()?;
    let sign_in = adapter_code::sign_in(&args.providers)?;
    let ask = init::Ask { sign_in: &sign_in, convex_dir: args.checks.convex_dir.as_deref() };
    let code_plan = if prod || args.preview { None } else { plan_code(ui, &project, ask)? };
    let deployment = connect(connection, args.reach.via, args.preview, &local)?;
    let with_auth_secret = code_plan.is_some() || host.is_some();
    let Variables { planned, push, host_plan } =
        values::plan(args, prod, &local, deployment, host.as_ref(), held.as_ref(), with_auth_secret)?;
    // Development values live in the env file; production values go to the host: through its
    // API, into the file named with --hosting-env-file, or printed, and never into .env.local.
    let target = match (&args.hosting_env_file, prod) {
        _ if host.is_some() => None,
        (Some(path), true) => Some(EnvSources { process: env_file.process.clone(), path: path.clone(), named: true }),
        (None, true) => None,
        (_, false) => Some(env_file.clone()),
    };
    if prod {
        production_guard(args, &planned, &push, host.is_some())?;
    } else if args.preview {
        previews_guard(args, &planned, &push)?;
    }

    let shown = match (&host, &target) {
        (Some(host), _) => host.describe(),
        (None, Some(target)) => target.path.display().to_string(),
        (None, None) => "your host (printed below)".to_string(),
    };
    if let Some(plan) = &code_plan {
        ui.status("The adapter's code in this project:")?;
        adapter_code::show(ui, plan, args.install)?;
    }
    ui.status(&format!("Setting up the Convex Adapter for Auth.js: {shown} and {}", push.describe()))?;
    match &host_plan {
        Some(plan) => hosting::show(ui, plan)?,
        None => {
            for p in &planned {
                ui.status(&format!("  {:<10} {} in {shown}", p.action.planned(), p.name))?;
            }
        }
    }
    for change in &push.changes {
        ui.status(&format!("  {:<10} {} on the deployment", change.action.word(), change.name))?;
    }

    let local_changes = match &host_plan {
        Some(plan) => plan.pending().count(),
        None => planned.iter().filter(|p| p.action != Edit::Keep).count(),
    };
    let code_changes = code_plan.as_ref().map_or(0, |plan| plan.changes().count());
    // --install counts as a change of its own, as the plan lists it.
    let installing = args.install && code_plan.as_ref().is_some_and(|plan| plan.install().is_some());
    // The Convex code it writes reaches the dev deployment before doctor looks at it, through
    // the convex CLI when the project has it (and npx); else it stays on the list of what is left.
    // Not from here when the Convex folder is another package's: its own convex CLI deploys it.
    let mut deploying = !args.no_deploy
        && code_plan
            .as_ref()
            .is_some_and(|plan| adapter_code::changes_convex_code(plan) && plan.layout.convex_package.is_none());
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
        return dry_run_json(ui, &planned, &push, code_plan.as_ref(), host_plan.as_ref());
    }
    let (mut installed, mut deployed, mut redeployed) = (false, false, None);
    if changes == 0 {
        ui.status("Nothing to change: this project is already set up.")?;
    } else {
        let losses = values::losses(&planned, &push, prod);
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
        // The host first: its values are write-only, and a key kept nowhere else must be kept
        // there before the deployment serves its public half.
        if let Some(plan) = host_plan.as_ref().filter(|plan| plan.pending().next().is_some()) {
            ui.step(1, total, &format!("Setting {shown}"));
            plan.apply()?;
            written.extend(plan.pending().map(|c| c.name));
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
        if let Some(host) = host.as_ref().filter(|_| args.redeploy) {
            redeployed = Some(host.redeploy()?);
        }
        ui.step(total, total, "Running doctor");
    }

    if args.preview {
        // No deployment to check yet: each preview deployment copies the defaults when made.
        if ui.json {
            return ui.json(&json!({
                "envFile": env_file_json(&planned),
                "deployment": push_json(&push),
                "host": host_plan.as_ref().map(host_json),
                "doctor": null
            }));
        }
        if let Some(host) = &host {
            return hosting::applied(ui, host, None);
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
    let (url, mut report) = check(&local, connection, &args.checks, push.deployment.http(), push.url())?;
    if let Some(host) = &host {
        hosting::check(&mut report, host, &push.deployment)?;
    }
    if ui.json {
        let mut document =
            json!({ "envFile": env_file_json(&planned), "deployment": push_json(&push), "doctor": report });
        document["host"] = host_plan.as_ref().map_or(Value::Null, host_json);
        document["code"] = code_plan.as_ref().map_or(Value::Null, adapter_code::json);
        if args.print_hosting_env {
            let values: Map<String, Value> =
                planned.iter().map(|p| (p.name.to_string(), Value::from(p.value.expose()))).collect();
            document["hostingEnv"] = Value::Object(values);
        }
        ui.json(&document)?;
    } else {
        render(ui, &url, &report, ui.quiet)?;
        match &host {
            Some(host) if local_changes > 0 => hosting::applied(ui, host, redeployed)?,
            Some(_) => {}
            None => next_steps(ui, args, report.ok, local_changes > 0, code_plan.as_ref(), installed, deployed)?,
        }
        if args.print_hosting_env {
            for p in &planned {
                ui.secret_for_host(p.name, &p.value)?;
            }
        }
    }
    if report.ok { Ok(()) } else { Err(Failure::silent(Exit::Failed)) }
}

/// The code step, for a Next.js app in TypeScript; elsewhere it is left out, and said so.
fn plan_code(ui: &Ui, project: &Path, ask: init::Ask) -> Result<Option<init::CodePlan>, Failure> {
    match init::plan(project, ask) {
        Ok(plan) => Ok(Some(plan)),
        Err(InitError::Layout(
            e @ (LayoutError::NoTypeScript(_)
            | LayoutError::NoNextApp(_)
            | LayoutError::NotNext(_)
            | LayoutError::ConvexElsewhere(_)),
        )) => {
            ui.warn(&format!(
                "{e}: the adapter's code is left out; `convex-authjs init` in your app's folder writes it"
            ));
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}
