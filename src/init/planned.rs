//! How one file comes to its plan: wholly ours (`owned`), ours merged into the user's
//! (`merged`), or the user's as a judge reads it (`judged`).

use std::path::{Path, PathBuf};

use super::file_plan::{
    FileAction, FilePlan, InitError, Missing, create, describe, manual, read, unchanged, unparsable,
};
use super::verdict::Verdict;
use super::{edit, layout, source, style};

/// A file that is wholly ours: created when missing; when there, it counts as present if it
/// exports what ours exports, and is never rewritten.
pub(super) fn owned(root: &Path, path: PathBuf, text: String, exports: &[&'static str]) -> Result<FilePlan, InitError> {
    let file = read(root, &path)?;
    if !file.exists {
        return Ok(create(path, file, text));
    }
    let found = match source::parse(&path, &file.text, source::exported_names) {
        Ok(found) => found,
        Err(e) => return Ok(unparsable(path, file, e)),
    };
    let missing: Vec<Missing> =
        exports.iter().filter(|name| !found.iter().any(|f| f == *name)).map(|name| Missing::Export(name)).collect();
    if missing.is_empty() {
        return Ok(unchanged(path, file));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let reason = format!("it is your own file and lacks {}", describe(&missing));
    let lines = format!("// move it aside (to {name}.old), then run init again to get convex-authjs's version");
    Ok(manual(path, file, missing, reason, lines))
}

/// A file the user may already have (`schema`, `http`, `auth.config`, as `.ts` or `.js`):
/// created when missing, else read and our part inserted.
pub(super) fn merged(
    root: &Path,
    dir: &Path,
    stem: &str,
    text: String,
    judge: fn(&str, &oxc_ast::ast::Program) -> Verdict,
) -> Result<FilePlan, InitError> {
    let existing = layout::first_file(root, ["ts", "js"].map(|ext| dir.join(format!("{stem}.{ext}"))));
    let Some(path) = existing else {
        let path = dir.join(format!("{stem}.ts"));
        let file = read(root, &path)?;
        return Ok(create(path, file, text));
    };
    judged(root, path, &judge)
}

/// A file of the user's, as `judge` reads it: unchanged, updated by insertion (the result
/// parsed and judged again: it must now have our part), or left to the user.
pub(super) fn judged(
    root: &Path,
    path: PathBuf,
    judge: &(dyn Fn(&str, &oxc_ast::ast::Program) -> Verdict + Sync),
) -> Result<FilePlan, InitError> {
    let file = read(root, &path)?;
    let verdict = match source::parse(&path, &file.text, |program| judge(&file.text, program)) {
        Ok(verdict) => verdict,
        Err(e) => return Ok(unparsable(path, file, e)),
    };
    match verdict {
        Verdict::Present => Ok(unchanged(path, file)),
        Verdict::Manual { missing, reason, lines } => Ok(manual(path, file, missing, reason, lines)),
        Verdict::Insert { inserts, missing } => {
            let inserts = if style::trailing_commas_in(root) {
                inserts
            } else {
                edit::without_trailing_commas(&file.text, inserts)
            };
            let after = edit::insert(&file.text, &inserts);
            match source::parse(&path, &after, |program| judge(&after, program)) {
                Ok(Verdict::Present) => {}
                Ok(_) => return Err(InitError::OurEditBroke { path, why: "our part is still missing".into() }),
                Err(e) => return Err(InitError::OurEditBroke { path, why: e.to_string() }),
            }
            Ok(FilePlan { path, action: FileAction::Update, missing, manual: None, file, after: Some(after), inserts })
        }
    }
}
