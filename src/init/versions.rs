//! Which version of a package an app has: the one installed (`node_modules/<name>/package.json`),
//! else the one its npm lock file pins, else the lowest the range in package.json allows. Names
//! alone say nothing: the setup guide's own template lists `jose` 5 and `convex` 1.11, with which
//! the adapter's code does not typecheck.

use std::path::Path;

/// A release's numbers; a pre-release (`5.0.0-beta.17`) counts as its release's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version { major, minor, patch }
    }

    /// The first version in `text`: `5.2.4`, `^5.2.4`, `~1.11`, `>=1.16 <2`, `v6`, `5.0.0-beta.17`
    /// all name one; `latest`, `*`, `workspace:*`, a URL or a git ref name none.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_start_matches(['^', '~', '=', '>', '<', 'v', ' ']);
        let numbers: Vec<&str> = text.split(['-', '+', ' ']).next()?.split('.').collect();
        let number = |i: usize| -> Option<u64> {
            match numbers.get(i) {
                None | Some(&"x") | Some(&"*") => Some(0),
                Some(n) => n.parse().ok(),
            }
        };
        if numbers.first().is_none_or(|n| n.parse::<u64>().is_err()) {
            return None;
        }
        Some(Version::new(number(0)?, number(1)?, number(2)?))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A version found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub version: Version,
    pub from: &'static str,
}

/// Where a version read from `node_modules` was found.
pub const INSTALLED: &str = "installed";

/// The version of `name` the app at `root` has, `range` being what its package.json asks for.
pub fn found(root: &Path, name: &str, range: Option<&str>) -> Option<Found> {
    // Where Node finds it: the nearest `node_modules` up from the app (a workspace hoists its
    // packages to the workspace root's).
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let installed = root
        .ancestors()
        .find_map(|dir| read_json(&dir.join("node_modules").join(name).join("package.json")))
        .and_then(|package| Version::parse(package["version"].as_str()?));
    if let Some(version) = installed {
        return Some(Found { version, from: INSTALLED });
    }
    let locked = read_json(&root.join("package-lock.json"))
        .and_then(|lock| Version::parse(lock["packages"][format!("node_modules/{name}")]["version"].as_str()?));
    if let Some(version) = locked {
        return Some(Found { version, from: "in package-lock.json" });
    }
    Some(Found { version: Version::parse(range?)?, from: "in package.json" })
}

fn read_json(path: &Path) -> Option<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_names_its_lowest_version() {
        let v = |text: &str| Version::parse(text);
        assert_eq!(v("^5.2.4"), Some(Version::new(5, 2, 4)));
        assert_eq!(v("~1.11"), Some(Version::new(1, 11, 0)));
        assert_eq!(v("5.0.0-beta.17"), Some(Version::new(5, 0, 0)));
        assert_eq!(v(">=1.16 <2"), Some(Version::new(1, 16, 0)));
        assert_eq!(v("1.x"), Some(Version::new(1, 0, 0)));
        assert_eq!(v("v6"), Some(Version::new(6, 0, 0)));
        for none in ["latest", "*", "workspace:*", "github:panva/jose", "next", ""] {
            assert_eq!(v(none), None, "{none}");
        }
        assert!(Version::new(1, 16, 0) > Version::new(1, 11, 2));
    }

    #[test]
    fn installed_beats_the_lock_file_which_beats_the_range() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(found(root, "jose", Some("^5.2.4")).unwrap().from, "in package.json");
        std::fs::write(root.join("package-lock.json"), r#"{"packages":{"node_modules/jose":{"version":"5.9.6"}}}"#)
            .unwrap();
        assert_eq!(
            found(root, "jose", Some("^5.2.4")),
            Some(Found { version: Version::new(5, 9, 6), from: "in package-lock.json" })
        );
        std::fs::create_dir_all(root.join("node_modules/jose")).unwrap();
        std::fs::write(root.join("node_modules/jose/package.json"), r#"{"version":"6.1.0"}"#).unwrap();
        assert_eq!(found(root, "jose", Some("^5.2.4")).unwrap().version, Version::new(6, 1, 0));
        assert_eq!(found(root, "convex", None), None);
    }

    #[test]
    fn a_workspace_app_finds_what_the_workspace_root_hoisted() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("apps/web");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::create_dir_all(dir.path().join("node_modules/jose")).unwrap();
        std::fs::write(dir.path().join("node_modules/jose/package.json"), r#"{"version":"6.1.0"}"#).unwrap();
        assert_eq!(found(&app, "jose", Some("^6")), Some(Found { version: Version::new(6, 1, 0), from: "installed" }));
    }
}
