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
    /// A file of known code that holds nothing of the user's (Convex's quickstart provider),
    /// replaced by ours.
    Upgrade,
    Unchanged,
    Manual,
}

impl FileAction {
    /// Whether the plan writes the file.
    pub fn writes(self) -> bool {
        matches!(self, FileAction::Create | FileAction::Update | FileAction::Upgrade)
    }

    /// Whether the whole file written is ours (created, or known code replaced).
    pub fn whole_file(self) -> bool {
        matches!(self, FileAction::Create | FileAction::Upgrade)
    }

    pub fn word(self) -> &'static str {
        match self {
            FileAction::Create => "create",
            FileAction::Update => "update",
            FileAction::Upgrade => "upgrade",
            FileAction::Unchanged => "unchanged",
            FileAction::Manual => "manual",
        }
    }
}

/// Something a file lacks, said in the user's words: `table users`, `route /.well-known/jwks.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// An Auth.js table of the schema.
    Table(&'static str),
    /// A path the HTTP router must serve.
    Route(&'static str),
    /// A function a module of ours exports.
    Export(&'static str),
    /// Anything else, as a phrase.
    Other(&'static str),
}

impl Missing {
    /// The kind, for grouping several of one kind (`tables users, sessions`); none for a phrase.
    fn kind(&self) -> Option<&'static str> {
        match self {
            Missing::Table(_) => Some("table"),
            Missing::Route(_) => Some("route"),
            Missing::Export(_) => Some("export"),
            Missing::Other(_) => None,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Missing::Table(n) | Missing::Route(n) | Missing::Export(n) | Missing::Other(n) => n,
        }
    }
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind() {
            Some(kind) => write!(f, "{kind} {}", self.name()),
            None => f.write_str(self.name()),
        }
    }
}

/// What is missing, said briefly: `tables users, sessions; route /.well-known/jwks.json`.
pub fn describe(missing: &[Missing]) -> String {
    let mut groups: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    for item in missing {
        match groups.iter_mut().find(|(kind, _)| kind.is_some() && *kind == item.kind()) {
            Some((_, names)) => names.push(item.name()),
            None => groups.push((item.kind(), vec![item.name()])),
        }
    }
    let group = |(kind, names): &(Option<&str>, Vec<&str>)| match kind {
        Some(kind) => format!("{kind}{} {}", if names.len() > 1 { "s" } else { "" }, names.join(", ")),
        None => names.join(", "),
    };
    groups.iter().map(group).collect::<Vec<_>>().join("; ")
}

/// What to do to one file.
#[derive(Debug)]
pub struct FilePlan {
    /// Relative to the project folder.
    pub path: PathBuf,
    pub action: FileAction,
    /// What the file lacks now.
    pub missing: Vec<Missing>,
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
    /// Why the file is left to the user (empty when it is not).
    pub fn reason(&self) -> &str {
        self.manual.as_ref().map_or("", |m| m.reason.as_str())
    }

    /// Whether the update replaces a part of known code, rather than inserting.
    pub fn replaces(&self) -> bool {
        self.action == FileAction::Update && self.inserts.is_empty() && self.after.is_some()
    }

    /// The change as a unified diff (`git apply` takes it); empty when nothing changes.
    pub fn diff(&self) -> String {
        let path = slashed(&self.path);
        let new = format!("b/{path}");
        match (self.action, &self.after) {
            (FileAction::Create, Some(text)) => {
                diff::unified("", &[Insert { at: 0, text: text.clone() }], "/dev/null", &new)
            }
            // A part replaced (no insertions): the lines that differ.
            (FileAction::Update, Some(text)) if self.inserts.is_empty() => {
                diff::changed(&self.file.text, text, &format!("a/{path}"), &new)
            }
            (FileAction::Update, _) => diff::unified(&self.file.text, &self.inserts, &format!("a/{path}"), &new),
            (FileAction::Upgrade, Some(text)) => diff::replaced(&self.file.text, text, &format!("a/{path}"), &new),
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
    /// The app already uses an auth library the Auth.js adapter cannot sit beside.
    #[error("this app uses {library}, which {why}: the Auth.js adapter cannot share it, so init writes nothing")]
    OtherAuth { library: &'static str, why: &'static str },
    /// The adapter's code is Auth.js v5's; a next-auth 4 app must upgrade first.
    #[error(
        "this app has next-auth {found} ({from}); the adapter's code is for Auth.js v5 (next-auth 5), so init writes nothing"
    )]
    NextAuth4 { found: String, from: &'static str },
    /// A file we would write is, through a link, outside the project.
    #[error("{} leads outside the project (to {}): init writes nowhere but inside it", path.display(), real.display())]
    OutsideProject { path: PathBuf, real: PathBuf },
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
        missing: vec![Missing::Other("the file")],
        manual: None,
        file,
        after: Some(text),
        inserts: vec![],
    }
}

pub fn upgrade(path: PathBuf, file: TextFile, text: String, what: &'static str) -> FilePlan {
    FilePlan { action: FileAction::Upgrade, missing: vec![Missing::Other(what)], ..create(path, file, text) }
}

/// A file of the user's with a part of known code replaced (`what`), shown as a line diff.
pub fn changed(path: PathBuf, file: TextFile, after: String, what: &'static str) -> FilePlan {
    FilePlan {
        path,
        action: FileAction::Update,
        missing: vec![Missing::Other(what)],
        manual: None,
        file,
        after: Some(after),
        inserts: vec![],
    }
}

pub fn unchanged(path: PathBuf, file: TextFile) -> FilePlan {
    FilePlan { path, action: FileAction::Unchanged, missing: vec![], manual: None, file, after: None, inserts: vec![] }
}

/// A file of the user's that does not parse: we cannot tell what it has, so it is theirs to fix.
pub fn unparsable(path: PathBuf, file: TextFile, error: impl std::fmt::Display) -> FilePlan {
    let reason = format!("it does not parse ({error}), so we cannot tell what it has");
    manual(path, file, vec![Missing::Other("a file that parses")], reason, String::new())
}

pub fn manual(path: PathBuf, file: TextFile, missing: Vec<Missing>, reason: String, lines: String) -> FilePlan {
    let manual = Some(Manual { reason, lines });
    FilePlan { path, action: FileAction::Manual, missing, manual, file, after: None, inserts: vec![] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_missing_reads_briefly() {
        let missing = [
            Missing::Table("users"),
            Missing::Table("sessions"),
            Missing::Route("/a"),
            Missing::Other("x"),
            Missing::Other("y"),
        ];
        assert_eq!(describe(&missing), "tables users, sessions; route /a; x; y");
    }
}
