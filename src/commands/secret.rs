//! `secret generate`.

use std::path::Path;

use serde_json::json;

use super::store::{Action, store};
use super::ui::{Ui, code};
use crate::cli::SecretGenerate;
use crate::error::Failure;
use crate::local_env::ADAPTER_SECRET;
use crate::secret;

pub fn generate(ui: &Ui, env_file: &Path, args: &SecretGenerate) -> Result<(), Failure> {
    let value = secret::generate(usize::from(args.bytes));
    if !args.write {
        if ui.json {
            return ui.json(&json!({ "secret": value }));
        }
        if args.raw {
            return ui.result(&value);
        }
        return ui.result(&format!("{ADAPTER_SECRET}={value}"));
    }

    let loss = "the Convex deployment rejects the adapter until it has the new secret too";
    let action = store(ui, env_file, ADAPTER_SECRET, &value, args.force, loss)?;
    if ui.json {
        return ui.json(&json!({ "envFile": env_file, "variable": ADAPTER_SECRET, "action": action }));
    }
    let verb = if action == Action::Replaced { "Replaced" } else { "Wrote" };
    ui.status(&format!("{verb} {ADAPTER_SECRET} in {}.", env_file.display()))?;
    ui.status(&format!("Next: set the same value on your Convex deployment with {}.", code("convex-authjs env push")))
}
