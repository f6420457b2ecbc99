//! What `setup` says at the end: its JSON documents and the closing lines of what is left.

use serde_json::{Value, json};

use super::super::adapter_code;
use super::super::ui::{Ui, code};
use super::values::Planned;
use crate::cli::Setup;
use crate::failure::Failure;
use crate::host;
use crate::init;
use crate::push::Plan;
use crate::vars::{ADAPTER_SECRET, PRIVATE_KEY};

pub(super) fn env_file_json(planned: &[Planned]) -> Vec<Value> {
    planned.iter().map(|p| json!({ "name": p.name, "action": p.action.planned() })).collect()
}

pub(super) fn push_json(push: &Plan) -> Value {
    json!({ "url": push.url(), "via": push.via(), "changes": push.changes })
}

pub(super) fn host_json(plan: &host::Plan) -> Value {
    json!({ "host": plan.host.describe(), "changes": plan.changes })
}

pub(super) fn dry_run_json(
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

/// The closing lines: only what is really left to do after this run.
pub(super) fn next_steps(
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
