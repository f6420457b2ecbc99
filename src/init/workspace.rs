//! The workspace an app is a package of, and a Convex folder in another of its packages:
//! found (for the refusal that names `--convex-dir`), and when named, checked and imported the
//! way the app imports that package.

use std::path::{Component, Path, PathBuf};

use super::layout::{LayoutError, plain_folder, read_json, slashed};
use crate::source_files::Sources;

/// The workspace `root` is a package of: the nearest folder above it whose package.json has
/// `workspaces`, or that has `pnpm-workspace.yaml`; none past the repository's top (`.git`).
pub(super) fn workspace_root(root: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(root).ok()?;
    for dir in real.ancestors().skip(1).take(8) {
        let workspaces =
            read_json(&dir.join("package.json")).ok().flatten().is_some_and(|p| p.get("workspaces").is_some());
        if workspaces || dir.join("pnpm-workspace.yaml").is_file() {
            return Some(dir.to_path_buf());
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// A Convex folder (one with a `schema.ts` or `_generated`) in another package of the workspace,
/// as a path from the app (what `--convex-dir` takes).
pub(super) fn convex_in_workspace(workspace: &Path, app: &Path) -> Option<PathBuf> {
    let app = std::fs::canonicalize(app).ok()?;
    let walk = walkdir::WalkDir::new(workspace).max_depth(4).sort_by_file_name().into_iter().filter_entry(|entry| {
        let name = entry.file_name().to_str().unwrap_or("");
        entry.file_type().is_dir() && !name.starts_with('.') && name != "node_modules"
    });
    walk.filter_map(Result::ok).map(|entry| entry.into_path()).find_map(|dir| {
        let convex = dir.file_name().is_some_and(|n| n == "convex")
            && (dir.join("schema.ts").is_file() || dir.join("_generated").is_dir());
        (convex && !dir.starts_with(&app)).then(|| path_from(&app, &dir))
    })
}

/// `--convex-dir`, checked: a folder inside the repository (the workspace, else the app), and
/// when it is in another package, one the app depends on, through whose name the app imports it.
/// The folder comes back relative to the app (`../../packages/backend/convex`).
pub(super) fn named_convex(
    root: &Path,
    dir: &Path,
    workspace: Option<&Path>,
    dependencies: &std::collections::BTreeMap<String, String>,
) -> Result<(PathBuf, Option<String>), LayoutError> {
    let refuse = |why: String| LayoutError::ConvexDir { dir: dir.to_path_buf(), why };
    let app = std::fs::canonicalize(root).map_err(|e| refuse(e.to_string()))?;
    let real = std::fs::canonicalize(root.join(dir)).map_err(|_| refuse("no such folder".into()))?;
    if !real.is_dir() {
        return Err(refuse("not a folder".into()));
    }
    let boundary = workspace.unwrap_or(&app);
    if !real.starts_with(boundary) {
        return Err(refuse(format!("outside the repository ({}): init writes nowhere else", boundary.display())));
    }
    if let Ok(inside) = real.strip_prefix(&app) {
        return Ok((inside.to_path_buf(), None));
    }
    // The package it is in: the nearest package.json with a name, below the workspace's own.
    let package = real.ancestors().take_while(|d| *d != boundary).find_map(|d| {
        let name = read_json(&d.join("package.json")).ok().flatten()?.get("name")?.as_str()?.to_string();
        Some((d.to_path_buf(), name))
    });
    let Some((package_dir, name)) = package else {
        return Err(refuse("not in a package of the workspace (no package.json with a name above it)".into()));
    };
    // A name becomes an import's string: npm's characters alone.
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || "@/._-~".contains(c));
    let within = real.strip_prefix(&package_dir).unwrap_or(Path::new(""));
    if !plain || !(within.as_os_str().is_empty() || plain_folder(within)) {
        return Err(refuse(format!("its package's name {name:?} or path cannot be imported as it is")));
    }
    if !dependencies.contains_key(&name) {
        return Err(refuse(format!(
            "it is in the package {name}, which this app does not depend on: add \"{name}\" to package.json's dependencies (\"workspace:*\" with pnpm or bun, \"*\" with npm or yarn), install, and run init again"
        )));
    }
    Ok((path_from(&app, &real), Some(module_of(&name, within))))
}

/// The prefix the app's own imports of a package's generated Convex code use
/// (`@workspace/backend` of `@workspace/backend/_generated/api`), where `import` is the Convex
/// folder's module by its package name (`@workspace/backend/convex`). Only a prefix within that
/// package counts, and one that can stand in an import's string as it is.
pub(super) fn already_imported(sources: &Sources, import: &str) -> Option<String> {
    let package: String =
        import.split('/').take(if import.starts_with('@') { 2 } else { 1 }).collect::<Vec<_>>().join("/");
    sources.files().find_map(|file| {
        let text = file.text()?;
        ['"', '\''].into_iter().find_map(|quote| {
            text.split(quote).skip(1).step_by(2).find_map(|specifier| {
                let prefix = specifier.split_once("/_generated/")?.0;
                let within = prefix == package || prefix.starts_with(&format!("{package}/"));
                let plain = prefix.chars().all(|c| c.is_ascii_alphanumeric() || "@/._-~".contains(c));
                (within && plain).then(|| prefix.to_string())
            })
        })
    })
}

/// The module `path` of the package `package` (`@acme/backend/convex`), or the package itself.
pub(super) fn module_of(package: &str, path: &Path) -> String {
    if path.as_os_str().is_empty() { package.to_string() } else { format!("{package}/{}", slashed(path)) }
}

/// `to` as a path from the folder `from`, both real: `../../packages/backend/convex`.
fn path_from(from: &Path, to: &Path) -> PathBuf {
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let ups = from.components().count() - common;
    std::iter::repeat_n(Component::ParentDir.as_os_str(), ups)
        .chain(to.components().skip(common).map(|c| c.as_os_str()))
        .collect()
}
