//! `secret generate`.

use serde_json::json;

use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::adapter_secret;
use crate::cli::SecretGenerate;
use crate::failure::Failure;
use crate::local_env::{Edit, EnvSources, Mode};
use crate::vars::ADAPTER_SECRET;

pub fn generate(ui: &Ui, env_file: &EnvSources, args: &SecretGenerate) -> Result<(), Failure> {
    let (bytes, raw, write, force) = (args.bytes, args.raw, args.write, args.force);
    let value = adapter_secret::generate(bytes);
    if !write {
        if ui.json {
            return ui.json(&json!({ "secret": value.expose() }));
        }
        if raw {
            return ui.result(value.expose());
        }
        return ui.result(&format!("{ADAPTER_SECRET}={}", value.expose()));
    }

    let loss = "the Convex deployment rejects the adapter until it has the new secret too";
    let overwrite = if force { Overwrite::Forced } else { Overwrite::Ask { loss } };
    let action = store(ui, env_file, Mode::Development, ADAPTER_SECRET, &value, overwrite)?;
    if ui.json {
        return ui.json(&json!({ "envFile": env_file.path, "variable": ADAPTER_SECRET, "action": action.done() }));
    }
    let verb = if action == Edit::Replace { "Replaced" } else { "Wrote" };
    ui.status(&format!("{verb} {ADAPTER_SECRET} in {}.", env_file.path.display()))?;
    ui.status(&format!("Next: set the same value on your Convex deployment with {}.", code("convex-authjs env push")))
}
