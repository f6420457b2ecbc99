//! Which package manager installs the app's packages, as the project says it: `packageManager`
//! in package.json, else its lock file.

use std::path::Path;

use super::layout::read_json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageManager {
    Npm,
    Pnpm,
    Yarn,
    Bun,
}

impl PackageManager {
    /// The command that adds `packages` to the project.
    pub fn install_command(self, packages: &[&str]) -> Vec<String> {
        let head: &[&str] = match self {
            PackageManager::Npm => &["npm", "install"],
            PackageManager::Pnpm => &["pnpm", "add"],
            PackageManager::Yarn => &["yarn", "add"],
            PackageManager::Bun => &["bun", "add"],
        };
        head.iter().chain(packages).map(|s| s.to_string()).collect()
    }

    /// The command that installs what package.json lists.
    pub fn install_all(self) -> String {
        let name = match self {
            PackageManager::Npm => "npm",
            PackageManager::Pnpm => "pnpm",
            PackageManager::Yarn => "yarn",
            PackageManager::Bun => "bun",
        };
        format!("{name} install")
    }

    /// The program to run for `name` (an install command's first word), found on PATH as the
    /// system finds it: `npm.cmd` and `pnpm.cmd` on Windows, `bun.exe`; the name itself when
    /// it is not there, so that the error names it.
    pub fn program(name: &str) -> std::ffi::OsString {
        which::which(name).map_or_else(|_| name.into(), Into::into)
    }
}

/// The package manager: `packageManager` in package.json (the app's, else the workspace
/// root's, as Corepack reads it), else the lock file beside package.json or at the workspace
/// root (the newest, where there are several); npm without any.
pub(super) fn package_manager(root: &Path, package: &serde_json::Value, workspace: Option<&Path>) -> PackageManager {
    let named = |package: &serde_json::Value| {
        let name = package["packageManager"].as_str()?.split('@').next()?;
        [
            ("npm", PackageManager::Npm),
            ("pnpm", PackageManager::Pnpm),
            ("yarn", PackageManager::Yarn),
            ("bun", PackageManager::Bun),
        ]
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, manager)| manager)
    };
    let at_workspace = || workspace.and_then(|w| read_json(&w.join("package.json")).ok().flatten());
    if let Some(manager) = named(package).or_else(|| at_workspace().as_ref().and_then(named)) {
        return manager;
    }
    const LOCKS: [(&str, PackageManager); 5] = [
        ("pnpm-lock.yaml", PackageManager::Pnpm),
        ("yarn.lock", PackageManager::Yarn),
        ("bun.lock", PackageManager::Bun),
        ("bun.lockb", PackageManager::Bun),
        ("package-lock.json", PackageManager::Npm),
    ];
    for dir in std::iter::once(root).chain(workspace) {
        let newest = LOCKS
            .iter()
            .filter_map(|(file, manager)| Some((std::fs::metadata(dir.join(file)).ok()?.modified().ok()?, *manager)))
            .max_by_key(|(modified, _)| *modified);
        if let Some((_, manager)) = newest {
            return manager;
        }
    }
    PackageManager::Npm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_names_the_package_manager() {
        let dir = tempfile::tempdir().unwrap();
        let none = serde_json::Value::Null;
        assert_eq!(package_manager(dir.path(), &none, None), PackageManager::Npm);
        std::fs::write(dir.path().join("pnpm-lock.yaml"), "").unwrap();
        assert_eq!(package_manager(dir.path(), &none, None), PackageManager::Pnpm);
        let named = serde_json::json!({ "packageManager": "bun@1.2.0" });
        assert_eq!(package_manager(dir.path(), &named, None), PackageManager::Bun);
        assert_eq!(PackageManager::Pnpm.install_command(&["jose"]), ["pnpm", "add", "jose"]);
    }
}
