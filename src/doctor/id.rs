//! The checks' stable ids, in report order, and which checks need which.

use std::collections::BTreeMap;

use serde::Serialize;

use super::outcome::{Outcome, Status, Timed};

/// Declares the ids once: the enum in report order, `ALL`, and each id's spelling.
macro_rules! check_ids {
    ($($variant:ident => $name:literal,)* ; $($host:ident => $host_name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum CheckId {
            $($variant,)*
            $($host,)*
        }

        impl CheckId {
            /// Every check, in the order of the report.
            pub const ALL: &[CheckId] = &[$(CheckId::$variant,)*];
            /// The checks of the hosting provider, reported after the others with `--host`.
            pub const HOST: &[CheckId] = &[$(CheckId::$host,)*];

            /// The id as reports and the README spell it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(CheckId::$variant => $name,)*
                    $(CheckId::$host => $host_name,)*
                }
            }
        }
    };
}

check_ids! {
    EnvConvexUrl => "env.convex_url",
    EnvPrivateKey => "env.private_key",
    EnvAdapterSecret => "env.adapter_secret",
    CodeSchema => "code.schema",
    CodeAdapter => "code.adapter",
    CodeRoutes => "code.routes",
    CodeProvider => "code.provider",
    CodeSigner => "code.signer",
    CodeSignIn => "code.sign_in",
    CodeWiring => "code.wiring",
    CodePackages => "code.packages",
    SiteDiscovery => "site.discovery",
    SiteJwks => "site.jwks",
    KeysMatch => "keys.match",
    TokenLocal => "token.local",
    TokenConvex => "token.convex",
    AdapterSecret => "adapter.secret",
    AdapterRejectsWrongSecret => "adapter.rejects_wrong_secret",
    DeploymentEnv => "deployment.env",
    ;
    HostEnv => "host.env",
    HostKey => "host.key",
}

use CheckId::*;

impl std::fmt::Display for CheckId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CheckId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Which checks need which. A check is reported only when every check it needs passed or
/// warned; otherwise it is skipped, naming the first one that did not, so that only the root
/// cause of a problem reads `fail`. Listed so that a check comes after everything it needs.
pub const NEEDS: &[(CheckId, &[CheckId])] = &[
    (SiteJwks, &[SiteDiscovery]),
    (KeysMatch, &[EnvPrivateKey, SiteJwks]),
    (TokenLocal, &[EnvPrivateKey, SiteJwks, KeysMatch]),
    (TokenConvex, &[EnvPrivateKey, TokenLocal]),
    (AdapterSecret, &[EnvAdapterSecret]),
];

/// Replaces the outcome of every check whose needs did not hold with a skip.
pub fn apply_needs(results: &mut BTreeMap<CheckId, Timed>) {
    for (id, needs) in NEEDS {
        let held =
            |need: &CheckId| results.get(need).is_some_and(|(o, _)| matches!(o.status, Status::Pass | Status::Warn));
        if let Some(need) = needs.iter().find(|need| !held(need)) {
            let skip = Outcome::skip(format!("needs {need} to pass first"));
            results.insert(*id, (skip, 0));
        }
    }
}

/// One outage is one cause: the first check (in report order) that could not reach a server
/// fails, and every other check that could not reach one is skipped, naming it.
pub fn one_failure_per_outage(results: &mut BTreeMap<CheckId, Timed>) {
    let mut first: Option<CheckId> = None;
    for id in CheckId::ALL {
        let Some((outcome, ms)) = results.get_mut(id) else { continue };
        let Some(url) = outcome.unreachable.clone().filter(|_| outcome.status == Status::Fail) else { continue };
        match first {
            None => first = Some(*id),
            Some(root) => {
                *outcome = Outcome::skip(format!("needs {root} to pass first ({url} cannot be reached)"));
                *ms = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_a_check_after_what_it_needs() {
        for (position, (id, needs)) in NEEDS.iter().enumerate() {
            for need in *needs {
                assert!(need < id, "{id} needs {need}, which the report shows later");
                let listed_later = NEEDS[position..].iter().any(|(other, _)| other == need);
                assert!(!listed_later, "{need} must be settled before {id}");
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut names: Vec<&str> = CheckId::ALL.iter().map(|id| id.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 19);
    }
}
