//! `env push`: put JWKS and CONVEX_AUTH_ADAPTER_SECRET on the deployment.

use serde_json::json;

use super::connection::connect;
use super::ui::Ui;
use crate::cli::EnvPush;
use crate::config::Connection;
use crate::failure::Failure;
use crate::local_env::{EnvSources, LocalEnv, Mode};
use crate::push::{self, Plan, Values};

pub fn push(ui: &Ui, env_file: &EnvSources, connection: &Connection, args: &EnvPush) -> Result<(), Failure> {
    let local = LocalEnv::load(env_file, Mode::for_prod(connection.selector.prod))?;
    let (key, _) = local.private_key()?;
    let values = Values::adapter(key.public_key().jwks().to_json(), local.adapter_secret()?);
    let plan = push::plan(connect(connection, args.reach.via, args.preview, &local)?, values)?;
    ui.status(&format!("Plan for {}:", plan.describe()))?;
    for change in &plan.changes {
        ui.status(&format!("  {:<10} {}", change.action.word(), change.name))?;
    }
    let pending: Vec<&str> = plan.pending().map(|c| c.name).collect();
    if pending.is_empty() {
        ui.status("Nothing to change: the deployment already has both values.")?;
        return report_json(ui, &plan, false);
    }
    if args.dry_run {
        ui.status("Dry run: nothing was changed.")?;
        return report_json(ui, &plan, false);
    }
    let target = plan.url().map_or_else(|| plan.describe(), str::to_string);
    ui.approve(
        &format!("Apply {} change(s) to {target}?", pending.len()),
        &format!("not changing {target} without confirmation"),
        "pass --yes to apply the plan above, or --dry-run to only show it",
    )?;
    plan.apply()?;
    ui.status(&format!("Set {} on {target}.", pending.join(" and ")))?;
    if args.preview {
        ui.status(&format!(
            "Next: give your host's preview environment (Vercel: Settings → Environment Variables → Preview) the same {} and {} as {}.",
            crate::vars::PRIVATE_KEY,
            crate::vars::ADAPTER_SECRET,
            env_file.path.display()
        ))?;
    }
    report_json(ui, &plan, true)
}

fn report_json(ui: &Ui, plan: &Plan, applied: bool) -> Result<(), Failure> {
    if !ui.json {
        return Ok(());
    }
    ui.json(&json!({ "target": { "url": plan.url(), "via": plan.via() }, "changes": plan.changes, "applied": applied }))
}
