//! The app's own source files, in path order and within a budget: what doctor reads for the
//! signer and init for the Auth.js config and the Convex client provider, wherever they live.

use std::path::{Path, PathBuf};

/// Folders the Next.js app's code lives in; `auth.ts` may also sit at the top.
const SOURCE_DIRS: [&str; 6] = ["app", "src", "lib", "pages", "components", "server"];
const SOURCE_EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];
/// Folders that never hold the app's own code.
const SKIPPED_DIRS: [&str; 4] = ["node_modules", "convex", "_generated", "public"];
/// Bounds on the search, so a huge tree cannot stall a run.
const MAX_FILES: usize = 5000;
const MAX_FILE_BYTES: u64 = 512 * 1024;

/// The top-level `auth.*` files, then every source file of the app's folders, relative paths
/// joined to `project`.
fn of(project: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        SOURCE_EXTENSIONS.iter().map(|ext| project.join(format!("auth.{ext}"))).filter(|path| path.is_file()).collect();
    let mut budget = MAX_FILES;
    for dir in SOURCE_DIRS {
        collect(&project.join(dir), &mut files, &mut budget);
    }
    files
}

/// The source files under `dir` in path order, past hidden and skipped folders, while the
/// budget lasts. Linked files are read; linked folders are not entered (a link back up would
/// never end).
fn collect(dir: &Path, files: &mut Vec<PathBuf>, budget: &mut usize) {
    let walk = walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name().into_iter().filter_entry(|entry| {
        let name = entry.file_name().to_str().unwrap_or("");
        !entry.file_type().is_dir() || !(name.starts_with('.') || SKIPPED_DIRS.contains(&name))
    });
    for entry in walk.filter_map(Result::ok) {
        if *budget == 0 {
            return;
        }
        let path = entry.path();
        if entry.file_type().is_file()
            && path.extension().and_then(|e| e.to_str()).is_some_and(|e| SOURCE_EXTENSIONS.contains(&e))
        {
            *budget -= 1;
            files.push(path.to_path_buf());
        }
    }
}

/// The app's source files, listed once, each one's text read at most once, when a search
/// first asks for it: the searches of one plan (the Auth.js config, the provider, the file that
/// renders it, the project's style) go over the same files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    files: Vec<(PathBuf, std::sync::OnceLock<Option<String>>)>,
}

impl Sources {
    /// `of(project)`'s files.
    pub fn of(project: &Path) -> Sources {
        Sources { files: of(project).into_iter().map(|path| (path, std::sync::OnceLock::new())).collect() }
    }

    /// Each file, in path order.
    pub fn files(&self) -> impl Iterator<Item = SourceFile<'_>> {
        self.files.iter().map(|(path, text)| SourceFile { path, text })
    }
}

/// One of the app's source files; its text is read when first asked for.
#[derive(Clone, Copy)]
pub struct SourceFile<'s> {
    /// Joined to the project.
    pub path: &'s Path,
    text: &'s std::sync::OnceLock<Option<String>>,
}

impl<'s> SourceFile<'s> {
    /// The file's text, when it is readable within the size bound.
    pub fn text(self) -> Option<&'s str> {
        self.text.get_or_init(|| read_small(self.path)).as_deref()
    }
}

/// A file's text, when it is a readable file within the size bound.
fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}
