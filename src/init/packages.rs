//! What the written code needs of the app's packages, against what the app has: which to add
//! or upgrade (and what an upgrade means for the app's own code), which are listed but not
//! installed, and the auth libraries beside which it cannot go.

use std::path::Path;

use super::file_plan::InitError;
use super::layout::{self, Layout};
use super::templates;
use super::versions::{self, Found, Version};

/// Packages the written code imports, as the package manager should add them: at the versions
/// it is proved with (tests/adapter), never a dist-tag, which moves and which some registries
/// lack (Auth.js v5 is published as pre-releases only; jose 6's key types; convex's `v.record`).
const PACKAGES: [(&str, &str); 3] =
    [("convex", "convex@^1.48.0"), ("next-auth", "next-auth@5.0.0-beta.32"), ("jose", "jose@^6")];

/// The oldest release of each that the written code typechecks with: convex's types have
/// `v.record` from 1.16.0 (read in each release's `values/validator.d.ts`: 1.13 to 1.15 have it
/// commented out); jose 6 types keys as `CryptoKey` (jose 5's `KeyLike` is TS2739); next-auth
/// 5.0.0-beta.18, whose @auth/core 0.31 lets an authenticator's `transports` be null (with
/// beta.17, the setup guide's template's, @auth/core 0.30 says `string | undefined`: TS2322;
/// tsc run against beta.17, 18, 19, 20, 25 and 29).
const OLDEST: [(&str, Version); 3] =
    [("convex", Version::new(1, 16, 0)), ("next-auth", Version::beta(5, 0, 0, 18)), ("jose", Version::new(6, 0, 0))];

/// What upgrading each means for the app's own code, said beside the install line.
pub const UPGRADES: [(&str, &str); 3] = [
    (
        "next-auth",
        "the code is proved with 5.0.0-beta.32; check your own callbacks and providers against the betas' notes (github.com/nextauthjs/next-auth/releases)",
    ),
    ("convex", "later 1.x releases keep the API your functions use; `npx convex dev` regenerates convex/_generated"),
    ("jose", "jose 6 has no KeyLike type (keys are CryptoKey): code of yours that names KeyLike takes CryptoKey"),
];

/// Auth libraries whose setup an Auth.js adapter would break, by the package the app lists.
const OTHER_AUTH: [(&str, &str, &str); 2] = [
    (
        "@convex-dev/auth",
        "Convex Auth",
        "serves its own key from the deployment's JWKS and its own /.well-known routes",
    ),
    (
        "@convex-dev/better-auth",
        "Better Auth's Convex component",
        "serves its own /.well-known routes and its own api/auth route",
    ),
];

/// Refuses an app that uses another auth library. It is the first thing to say: no flag makes
/// the adapter fit beside it.
pub(super) fn refuse_other_auth(root: &Path) -> Result<(), InitError> {
    let dependencies = layout::dependencies(root);
    match OTHER_AUTH.iter().find(|(package, ..)| dependencies.contains_key(*package)) {
        Some((_, library, why)) => Err(InitError::OtherAuth { library, why }),
        None => Ok(()),
    }
}

/// The app's packages, as the plan needs them.
pub(super) struct Needs {
    /// What the install line adds or upgrades, as specs (`jose@^6`).
    pub packages: Vec<&'static str>,
    /// Those of them package.json does not list.
    pub absent: Vec<&'static str>,
    pub outdated: Vec<(&'static str, Found)>,
    pub uninstalled: Vec<&'static str>,
    pub found: Vec<(&'static str, Found)>,
    /// Whether the adapter's `db` calls name their table (the app's convex takes it).
    pub explicit_table_ids: bool,
}

/// The versions the app has of the packages the code needs, each read once, and what follows.
pub(super) fn read(root: &Path, layout: &Layout) -> Result<Needs, InitError> {
    // The versions the app has of the packages the code needs, each read once.
    let found: Vec<(&'static str, Version, Found)> = OLDEST
        .iter()
        .filter_map(|(name, oldest)| {
            Some((*name, *oldest, versions::found(root, name, Some(layout.dependencies.get(*name)?))?))
        })
        .collect();
    let outdated: Vec<(&'static str, Found)> = found
        .iter()
        .filter(|(_, oldest, found)| found.version < *oldest)
        .map(|(name, _, found)| (*name, found.clone()))
        .collect();
    // Auth.js v5 code in a next-auth 4 app would not build: upgrading is the user's to decide.
    // An older v5 beta is upgraded to the one the code is proved with.
    if let Some((_, found)) = outdated.iter().find(|(name, found)| *name == "next-auth" && found.version.major < 5) {
        return Err(InitError::NextAuth4 { found: found.version.to_string(), from: found.from });
    }
    let uninstalled = found
        .iter()
        .filter(|(_, oldest, found)| found.version >= *oldest && found.from != versions::INSTALLED)
        .map(|(name, ..)| *name)
        .collect();
    let absent: Vec<&'static str> =
        PACKAGES.iter().map(|(name, _)| *name).filter(|name| !layout.dependencies.contains_key(*name)).collect();
    let packages = PACKAGES
        .iter()
        .filter(|(name, _)| absent.contains(name) || outdated.iter().any(|(old, _)| old == name))
        .map(|(_, spec)| *spec)
        .collect();
    // The convex the app will have once the install line ran: ours when it lacks one or has
    // one too old, else its own.
    let convex = found.iter().find(|(name, ..)| *name == "convex").map(|(.., found)| found);
    let upgraded = !layout.dependencies.contains_key("convex") || outdated.iter().any(|(name, _)| *name == "convex");
    let explicit_table_ids = upgraded || convex.is_none_or(|found| found.version >= templates::EXPLICIT_TABLE_IDS);
    let found = found.into_iter().map(|(name, _, found)| (name, found)).collect();
    Ok(Needs { packages, absent, outdated, uninstalled, found, explicit_table_ids })
}
