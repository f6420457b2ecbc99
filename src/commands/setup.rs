//! `setup`: from an env file with only the deployment's URLs to a verified deployment.
//!
//! Everything is worked out first (the adapter's code `init` would write, what the env file
//! lacks, what the deployment lacks), shown, confirmed once, and only then written: a refusal
//! changes nothing, anywhere.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::adapter_code;
use super::connection::{connect, project_dir};
use super::hosting;
use super::report::{check, render};
use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::adapter_secret;
use crate::cli::Setup;
use crate::config::Connection;
use crate::convex::npx;
use crate::doctor;
use crate::failure::{Exit, Failure};
use crate::host::{self, Held, Host, Known, Provider, Wanted};
use crate::init::sign_in::SignIn;
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
    let code_plan = if prod || args.preview { None } else { plan_code(ui, &project, &sign_in)? };
    let deployment = connect(connection, args.reach.via, args.preview, &local)?;
    // The host's values cannot be read back: what it must hold is the deployment's.
    let served = if host.is_some() { Some(hosting::Served::read(&deployment)?) } else { None };
    let kept = match (&held, &served) {
        (Some(held), Some(served)) if local.get(PRIVATE_KEY).is_none() && !args.force => {
            hosting::kept_key(held, served).zip(served.jwks_text.clone())
        }
        _ => None,
    };
    let (key, jwks, kid) = match kept {
        Some((kid, jwks)) => (None, jwks.expose().to_string(), kid),
        None => {
            let (key, jwks, kid) = plan_key(&local, args.force)?;
            (Some(key), jwks, kid)
        }
    };
    let mut secret = plan_secret(&local, args.force)?;
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
    // Auth.js needs its own secret too; made here as `npx auth secret` makes it, for the app
    // whose code we write and for the host.
    if code_plan.is_some() || host.is_some() {
        planned.push(plan_auth_secret(&local));
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
    let host_plan = match (&host, &held) {
        (Some(host), Some(held)) => {
            let wanted = host_values(&planned, &kid, site.as_deref(), host.provider, held);
            Some(host::plan(host, held, wanted)?)
        }
        _ => None,
    };
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
        return dry_run_json(ui, &planned, &push, code_plan.as_ref(), host_plan.as_ref());
    }
    let (mut installed, mut deployed, mut redeployed) = (false, false, None);
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
        let served = hosting::Served::read(&push.deployment)?;
        let deployment = doctor::hosting::Deployment { jwks: &served.jwks, secret: served.secret.as_ref() };
        doctor::hosting::add(&mut report, host, &host.held()?, deployment);
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
fn plan_code(ui: &Ui, project: &Path, sign_in: &[SignIn]) -> Result<Option<init::CodePlan>, Failure> {
    match init::plan(project, sign_in) {
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

fn env_file_json(planned: &[Planned]) -> Vec<Value> {
    planned.iter().map(|p| json!({ "name": p.name, "action": p.action.planned() })).collect()
}

fn push_json(push: &Plan) -> Value {
    json!({ "url": push.url(), "via": push.via(), "changes": push.changes })
}

fn host_json(plan: &host::Plan) -> Value {
    json!({ "host": plan.host.describe(), "changes": plan.changes })
}

fn dry_run_json(
    ui: &Ui,
    planned: &[Planned],
    push: &Plan,
    code_plan: Option<&init::CodePlan>,
    host_plan: Option<&host::Plan>,
) -> Result<(), Failure> {
    if !ui.json {
        return Ok(());
    }
    let code = code_plan.map_or(Value::Null, adapter_code::json);
    ui.json(&json!({
        "code": code,
        "envFile": env_file_json(planned),
        "deployment": push_json(push),
        "host": host_plan.map(host_json),
        "applied": false
    }))
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
fn production_guard(args: &Setup, planned: &[Planned], push: &Plan, to_host: bool) -> Result<(), Failure> {
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
fn previews_guard(args: &Setup, planned: &[Planned], push: &Plan) -> Result<(), Failure> {
    if key_action(planned) == Edit::Create && replaces_served_key(planned, push) && !args.force {
        return Err(Failure::usage(
            "the project's preview defaults already have a JWKS, and its private key is not here (CONVEX_AUTH_PRIVATE_KEY in the environment or .env.local)",
        )
        .hint("set CONVEX_AUTH_PRIVATE_KEY to the key your host's previews have, and run setup --preview again")
        .hint("or pass --force for a new pair: previews made later sign with it, and need it on the host"));
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
    // Auth.js trusts the request's host by itself only on Vercel (and Cloudflare Pages); on
    // any other host, and behind `next start`, it answers UntrustedHost until told.
    ui.status(&format!(
        "Outside Vercel (Netlify, your own {}), Auth.js also needs AUTH_TRUST_HOST=true, or AUTH_URL set to the app's URL.",
        code("next start")
    ))?;
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
