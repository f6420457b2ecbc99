//! `init`: the adapter's code written into the project. The plan is shown first (one line per
//! file), confirmed once, then written; a second run finds everything there and writes nothing.

use super::adapter_code;
use super::connection::project_dir;
use super::ui::Ui;
use crate::cli::Init;
use crate::failure::Failure;
use crate::init;

pub fn init(ui: &Ui, args: &Init) -> Result<(), Failure> {
    let sign_in = adapter_code::sign_in(&args.providers)?;
    let plan = init::plan(&project_dir()?, init::Ask { sign_in: &sign_in, convex_dir: args.convex_dir.as_deref() })?;
    let changes = plan.changes().count();
    ui.status(&format!("The Convex Adapter for Auth.js in this project ({} files):", plan.files.len()))?;
    adapter_code::show(ui, &plan, args.install)?;
    let mut installed = false;
    if args.dry_run {
        if !ui.json {
            ui.status("")?;
            adapter_code::diff(ui, &plan)?;
        }
        ui.status("Dry run: nothing was written.")?;
    } else {
        if changes == 0 {
            ui.status("Nothing to write: the code is all there.")?;
        } else {
            ui.approve(
                &format!("Write these {changes} file(s)?"),
                "not writing anything without confirmation",
                "pass --yes to write the files above, or --dry-run to see the changes",
            )?;
            adapter_code::write(ui, &plan)?;
        }
        // Asked for by name, so it needs no question of its own; also when no file changed.
        if args.install {
            installed = adapter_code::install(ui, &plan)?;
        }
    }
    if ui.json {
        // As every error document says `"ok": false`.
        let mut document = adapter_code::json(&plan);
        document["ok"] = true.into();
        return ui.json(&document);
    }
    adapter_code::show_left(ui, &adapter_code::left_to_do(&plan, installed, false))
}
