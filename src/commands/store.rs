//! Writing one variable into the env file, with the overwrite rule every command shares.

use super::ui::Ui;
use crate::dotenv::{self, FileError};
use crate::explain;
use crate::failure::Failure;
use crate::local_env::{Edit, EnvSources, LocalEnv, Mode};
use crate::secrets::Secret;
use crate::text_file::Access;

/// Whether an existing value may be replaced: only when the user said so, or answers yes to
/// a question that names what replacing it costs.
#[derive(Clone, Copy)]
pub enum Overwrite<'a> {
    /// `--force`: replace, even in a read-only file.
    Forced,
    /// Already confirmed (setup's one question): replace, but not in a read-only file.
    Confirmed,
    Ask {
        loss: &'a str,
    },
}

/// How often a write is tried again when another program changed the file meanwhile.
const ATTEMPTS: usize = 3;

/// Sets `name` to `value` in the env file at `path`. If the file changes between our read and
/// our write (another run, or `npx convex dev`), it is read again and the edit made again.
pub fn store(
    ui: &Ui,
    files: &EnvSources,
    mode: Mode,
    name: &str,
    value: &Secret,
    overwrite: Overwrite,
) -> Result<Edit, Failure> {
    let path = &files.path;
    let shown = path.display().to_string();
    let mut overwrite = overwrite;
    for attempt in 1..=ATTEMPTS {
        let local = LocalEnv::read(path, &files.process)?;
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
            overwrite = Overwrite::Confirmed;
        }
        let edited =
            dotenv::set(&local.file.text, name, value.expose()).map_err(|e| explain::edit_failure(&shown, e))?;
        match local.file.write(&edited, matches!(overwrite, Overwrite::Forced), Access::Private) {
            Ok(()) => {
                if files.process.is_set(name) {
                    ui.warn(&format!(
                        "{name} is also set in this shell's environment, and Next.js prefers that value over {shown}"
                    ));
                } else if let Some(winner) = files.shadowing(name, mode) {
                    ui.warn(&format!(
                        "{name} is also set in {}, which Next.js reads before {shown}: that value is the one it uses",
                        winner.display()
                    ));
                }
                return Ok(if existing.is_some() { Edit::Replace } else { Edit::Create });
            }
            Err(FileError::Changed(_)) if attempt < ATTEMPTS => continue,
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the last attempt returns")
}
