//! One file's part of init's plan: what happens to it, what it lacks, and its diff.

use std::path::{Path, PathBuf};

use super::diff;
use super::edit::Insert;
use super::layout::{LayoutError, slashed};
use crate::text_file::{FileError, TextFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    Create,
    Update,
    Unchanged,
    Manual,
}

impl FileAction {
    pub fn word(self) -> &'static str {
        match self {
            FileAction::Create => "create",
            FileAction::Update => "update",
            FileAction::Unchanged => "unchanged",
            FileAction::Manual => "manual",
        }
    }
}

/// What to do to one file.
#[derive(Debug)]
pub struct FilePlan {
    /// Relative to the project folder.
    pub path: PathBuf,
    pub action: FileAction,
    /// What the file lacks now, in the user's words ("table users", "route /.well-known/jwks.json").
    pub missing: Vec<String>,
    /// For `manual`: why we leave it alone, and the lines to add.
    pub manual: Option<Manual>,
    pub(super) file: TextFile,
    pub(super) after: Option<String>,
    /// For `update`: what is inserted where.
    pub(super) inserts: Vec<Insert>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    pub reason: String,
    pub lines: String,
}

impl FilePlan {
    /// The change as a unified diff (`git apply` takes it); empty when nothing changes.
    pub fn diff(&self) -> String {
        let path = slashed(&self.path);
        let new = format!("b/{path}");
        match (self.action, &self.after) {
            (FileAction::Create, Some(text)) => {
                diff::unified("", &[Insert { at: 0, text: text.clone() }], "/dev/null", &new)
            }
            (FileAction::Update, _) => diff::unified(&self.file.text, &self.inserts, &format!("a/{path}"), &new),
            _ => String::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error(transparent)]
    File(#[from] FileError),
    /// A fault of ours, caught before anything was written.
    #[error("our change to {} came out wrong ({why}); nothing was written", path.display())]
    OurEditBroke { path: PathBuf, why: String },
}

pub fn read(root: &Path, path: &Path) -> Result<TextFile, FileError> {
    TextFile::read(&root.join(path))
}

pub fn create(path: PathBuf, file: TextFile, text: String) -> FilePlan {
    FilePlan {
        path,
        action: FileAction::Create,
        missing: vec!["the file".into()],
        manual: None,
        file,
        after: Some(text),
        inserts: vec![],
    }
}

pub fn unchanged(path: PathBuf, file: TextFile) -> FilePlan {
    FilePlan { path, action: FileAction::Unchanged, missing: vec![], manual: None, file, after: None, inserts: vec![] }
}

/// A file of the user's that does not parse: we cannot tell what it has, so it is theirs to fix.
pub fn unparsable(path: PathBuf, file: TextFile, error: impl std::fmt::Display) -> FilePlan {
    let reason = format!("it does not parse ({error}), so we cannot tell what it has");
    manual(path, file, vec!["a file that parses".into()], reason, String::new())
}

pub fn manual(path: PathBuf, file: TextFile, missing: Vec<String>, reason: String, lines: String) -> FilePlan {
    let manual = Some(Manual { reason, lines });
    FilePlan { path, action: FileAction::Manual, missing, manual, file, after: None, inserts: vec![] }
}
