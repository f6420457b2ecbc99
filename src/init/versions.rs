//! Which version of a package an app has: the one installed (`node_modules/<name>/package.json`),
//! else the one its npm lock file pins, else the lowest the range in package.json allows. Names
//! alone say nothing: the setup guide's own template lists `jose` 5 and `convex` 1.11, with which
//! the adapter's code does not typecheck.

use std::path::Path;

/// A release's numbers, and its pre-release (`5.0.0-beta.17`), which comes before the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Option<(Tag, u64)>,
}

/// A pre-release's kind, in semver's order (`alpha` < `beta` < `rc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tag {
    Alpha,
    Beta,
    Rc,
    Other,
}

impl Version {
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version { major, minor, patch, pre: None }
    }

    pub const fn beta(major: u64, minor: u64, patch: u64, number: u64) -> Version {
        Version { major, minor, patch, pre: Some((Tag::Beta, number)) }
    }

    /// The first version in `text`: `5.2.4`, `^5.2.4`, `~1.11`, `>=1.16 <2`, `v6`, `5.0.0-beta.17`
    /// all name one; `latest`, `*`, `workspace:*`, a URL or a git ref name none.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_start_matches(['^', '~', '=', '>', '<', 'v', ' ']);
        let end = text.find(['-', '+', ' ']).unwrap_or(text.len());
        let numbers: Vec<&str> = text[..end].split('.').collect();
        let number = |i: usize| -> Option<u64> {
            match numbers.get(i) {
                None | Some(&"x") | Some(&"*") => Some(0),
                Some(n) => n.parse().ok(),
            }
        };
        if numbers.first().is_none_or(|n| n.parse::<u64>().is_err()) {
            return None;
        }
        let pre = text[end..].strip_prefix('-').map(|rest| {
            let pre = rest.split([' ', '+']).next().unwrap_or("");
            let (tag, n) = pre.split_once('.').unwrap_or((pre, "0"));
            let tag = match tag {
                "alpha" => Tag::Alpha,
                "beta" => Tag::Beta,
                "rc" => Tag::Rc,
                _ => Tag::Other,
            };
            (tag, n.parse().unwrap_or(0))
        });
        Some(Version { pre, ..Version::new(number(0)?, number(1)?, number(2)?) })
    }

    /// What orders versions: the numbers, then a release after its pre-releases.
    fn key(&self) -> (u64, u64, u64, bool, Option<(Tag, u64)>) {
        (self.major, self.minor, self.patch, self.pre.is_none(), self.pre)
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        match self.pre {
            None => Ok(()),
            Some((tag, n)) => {
                let tag = match tag {
                    Tag::Alpha => "alpha",
                    Tag::Beta => "beta",
                    Tag::Rc => "rc",
                    Tag::Other => "pre",
                };
                write!(f, "-{tag}.{n}")
            }
        }
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
        assert_eq!(v("5.0.0-beta.17"), Some(Version::beta(5, 0, 0, 17)));
        assert_eq!(v("^5.0.0-beta.17").unwrap().to_string(), "5.0.0-beta.17");
        assert_eq!(v(">=1.16 <2"), Some(Version::new(1, 16, 0)));
        assert_eq!(v("1.x"), Some(Version::new(1, 0, 0)));
        assert_eq!(v("v6"), Some(Version::new(6, 0, 0)));
        for none in ["latest", "*", "workspace:*", "github:panva/jose", "next", ""] {
            assert_eq!(v(none), None, "{none}");
        }
        assert!(Version::new(1, 16, 0) > Version::new(1, 11, 2));
        // A pre-release comes before its release, and betas by their number.
        assert!(Version::beta(5, 0, 0, 17) < Version::beta(5, 0, 0, 18));
        assert!(Version::beta(5, 0, 0, 32) < Version::new(5, 0, 0));
        assert!(Version::beta(5, 0, 0, 17) > Version::new(4, 24, 7));
        assert!(v("1.16.0-rc.1").unwrap() < v("1.16.0").unwrap() && v("1.16.0-alpha.3") < v("1.16.0-beta.1"));
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
