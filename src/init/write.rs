//! Writing the plan, and only inside the project: every file atomically, none through a link
//! that leads elsewhere, and on a failure part of the way, the files already written named.

use std::path::{Path, PathBuf};

use super::file_plan::{FilePlan, InitError};
use super::{CodePlan, Layout};
use crate::text_file::{Access, FileError};

/// Refuses a plan that would write anywhere but inside the project (or the Convex folder of
/// another package that `--convex-dir` named): a linked `convex/` folder, a `functions` path
/// through a linked folder, a `schema.ts` that links to a file elsewhere. A cloned repository
/// could aim any of them at another project.
pub(super) fn refuse_outside(root: &Path, layout: &Layout, files: &[FilePlan]) -> Result<(), InitError> {
    let project = std::fs::canonicalize(root).map_err(|e| FileError::Unreadable(root.to_path_buf(), e))?;
    let named = layout.convex_package.as_ref().and_then(|_| std::fs::canonicalize(root.join(&layout.convex)).ok());
    for file in files.iter().filter(|f| f.action.writes()) {
        let real = real_location(&root.join(&file.path));
        if !real.starts_with(&project) && !named.as_ref().is_some_and(|convex| real.starts_with(convex)) {
            return Err(InitError::OutsideProject { path: file.path.clone(), real });
        }
    }
    Ok(())
}

/// Where writing `path` would land once every link is followed: the deepest part that exists,
/// resolved, with the rest after it.
fn real_location(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |at, part| at.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// A failure part of the way through: `written` are the files already in place.
#[derive(Debug)]
pub struct PartlyWritten {
    pub written: Vec<PathBuf>,
    pub error: InitError,
}

/// Writes every `create` and `update`, each atomically. A file that changed since the plan was
/// made is not overwritten ([`FileError::Changed`]).
pub fn apply(plan: &CodePlan) -> Result<Vec<PathBuf>, PartlyWritten> {
    let mut written = Vec::new();
    for file in plan.changes() {
        let full = plan.layout.root.join(&file.path);
        let text = file.after.as_deref().unwrap_or_default();
        let wrote = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| FileError::Unwritable(full.clone(), e))
            .and_then(|()| file.file.write(text, false, Access::Shared));
        if let Err(e) = wrote {
            return Err(PartlyWritten { written, error: e.into() });
        }
        written.push(file.path.clone());
    }
    Ok(written)
}
