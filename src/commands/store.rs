//! Writing one variable into the env file, with the overwrite rule every command shares.

use std::path::Path;

use serde::Serialize;

use super::ui::Ui;
use crate::dotenv::{self, EditError};
use crate::error::Failure;
use crate::local_env::{LocalEnv, LocalEnvError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Added,
    Replaced,
    Unchanged,
}

/// Sets `name` to `value` in the env file at `path`. An existing non-empty value is replaced
/// only with `force` or a yes at the prompt; `loss` says what replacing it costs the user.
pub fn store(ui: &Ui, path: &Path, name: &str, value: &str, force: bool, loss: &str) -> Result<Action, Failure> {
    let local = LocalEnv::read(path).map_err(local_env_failure)?;
    let shown = path.display().to_string();
    let existing = local.in_file(name).map(str::to_string);
    if existing.as_deref() == Some(value) {
        return Ok(Action::Unchanged);
    }
    if existing.is_some() && !force {
        let question = format!("{name} is already set in {shown}. Replace it? ({loss})");
        if !ui.can_prompt() {
            return Err(Failure::usage(format!("{name} is already set in {shown}; not replacing it"))
                .hint(format!("pass --force to replace it ({loss})")));
        }
        if !ui.confirm(&question)? {
            return Err(Failure::usage(format!("kept the existing {name} in {shown}; nothing was written")));
        }
    }
    let edited = dotenv::set(&local.file.text, name, value).map_err(|e| edit_failure(&shown, e))?;
    local
        .file
        .write(&edited)
        .map_err(|e| Failure::usage(e.to_string()).hint("check the file's permissions and the free disk space"))?;
    if std::env::var_os(name).is_some() {
        ui.warn(&format!(
            "{name} is also set in this shell's environment, and Next.js prefers that value over {shown}"
        ));
    }
    Ok(if existing.is_some() { Action::Replaced } else { Action::Added })
}

pub fn local_env_failure(e: LocalEnvError) -> Failure {
    let hint = match &e {
        LocalEnvError::File(dotenv::FileError::IsDirectory(_)) => "pass the file itself with --env-file PATH",
        LocalEnvError::File(dotenv::FileError::NotUtf8 { .. }) => {
            "save the file as UTF-8 (Next.js cannot read it otherwise)"
        }
        LocalEnvError::File(_) => "check the path and its permissions, or pass another file with --env-file PATH",
        LocalEnvError::Load(..) => "fix that line by hand, then run the command again",
    };
    Failure::usage(e.to_string()).hint(hint)
}

fn edit_failure(file: &str, e: EditError) -> Failure {
    let hint = match &e {
        EditError::WouldChangeOthers { .. } => format!("close the quote by hand in {file}, then run the command again"),
        _ => format!("set the value by hand in {file}"),
    };
    Failure::usage(format!("cannot edit {file}: {e}")).hint(hint)
}
