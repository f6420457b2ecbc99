//! Writing one variable into the env file, with the overwrite rule every command shares.

use std::path::Path;

use super::ui::Ui;
use crate::dotenv;
use crate::explain;
use crate::failure::Failure;
use crate::local_env::{Edit, LocalEnv};
use crate::secrets::Secret;

/// Whether an existing value may be replaced: only when the user said so, or answers yes to
/// a question that names what replacing it costs.
pub enum Overwrite<'a> {
    Allowed,
    Ask { loss: &'a str },
}

/// Sets `name` to `value` in the env file at `path`.
pub fn store(ui: &Ui, path: &Path, name: &str, value: &Secret, overwrite: Overwrite) -> Result<Edit, Failure> {
    let local = LocalEnv::read(path)?;
    let shown = path.display().to_string();
    let existing = local.in_file(name).map(str::to_string);
    if existing.as_deref() == Some(value.expose()) {
        return Ok(Edit::Keep);
    }
    if let (Some(_), Overwrite::Ask { loss }) = (&existing, overwrite) {
        if !ui.can_prompt() {
            return Err(Failure::usage(format!("{name} is already set in {shown}; not replacing it"))
                .hint(format!("pass --force to replace it ({loss})")));
        }
        if !ui.confirm(&format!("{name} is already set in {shown}. Replace it? ({loss})"))? {
            return Err(Failure::declined(format!("Nothing changed: kept the existing {name} in {shown}.")));
        }
    }
    let edited = dotenv::set(&local.file.text, name, value.expose()).map_err(|e| explain::edit_failure(&shown, e))?;
    local.file.write(&edited)?;
    if std::env::var_os(name).is_some() {
        ui.warn(&format!(
            "{name} is also set in this shell's environment, and Next.js prefers that value over {shown}"
        ));
    }
    Ok(if existing.is_some() { Edit::Replace } else { Edit::Create })
}
