//! Key rotation with no rejected token: a new key is published beside the current one, the
//! signer switches only once Convex's cached JWKS holds both, and a retired key is removed only
//! once no token it signed can still be valid (convex-facts.md §8).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::keys::{PublicKey, ServedJwks};
use crate::secrets::printable;
use crate::vars::{JWKS, RETIRED_KEYS};

/// How long the signer's tokens live (`setExpirationTime("1h")`).
pub const TOKEN_LIFETIME_SECS: u64 = 3600;
/// Clock skew between the Next.js server and Convex that a token may enjoy.
pub const CLOCK_SKEW_SECS: u64 = 300;
/// How long Convex may keep serving its cached JWKS: the guide's route says `max-age=15` and
/// `stale-while-revalidate=15`.
pub const DEFAULT_WAIT_SECS: u64 = 30;

/// When each retired key stopped signing (seconds since the epoch), kept on the deployment.
/// An entry that is not such a time (edited by hand, written by something else) is kept as it
/// was, never dropped and never taken for a time: it names a key whose tokens may be valid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retired {
    pub keys: BTreeMap<String, u64>,
    pub unreadable: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{RETIRED_KEYS} is not a JSON object of key ids and times")]
pub struct UnreadableRecord;

impl Retired {
    /// The record as the deployment holds it; unset is an empty one.
    pub fn read(value: Option<&str>) -> Result<Retired, UnreadableRecord> {
        let Some(value) = value else { return Ok(Retired::default()) };
        let Ok(Value::Object(entries)) = serde_json::from_str::<Value>(value) else { return Err(UnreadableRecord) };
        let mut record = Retired::default();
        for (kid, at) in entries {
            if let Some(time) = at.as_u64() {
                record.keys.insert(kid, time);
            } else {
                record.unreadable.insert(kid, at);
            }
        }
        Ok(record)
    }

    pub fn to_json(&self) -> String {
        let mut entries: Map<String, Value> = self.unreadable.clone().into_iter().collect();
        entries.extend(self.keys.iter().map(|(kid, at)| (kid.clone(), Value::from(*at))));
        serde_json::to_string(&entries).expect("the record serialises")
    }

    /// When no token a key retired at `retired_at` signed can be valid any more; `None` when
    /// that moment is past what a time can hold, which never means "now".
    pub fn safe_to_prune_at(retired_at: u64, wait: u64) -> Option<u64> {
        retired_at.checked_add(TOKEN_LIFETIME_SECS)?.checked_add(CLOCK_SKEW_SECS)?.checked_add(wait)
    }
}

/// What a rotation must not republish, and what a status should point out, worded once.
pub fn warnings(jwks: &ServedJwks, signer: Option<&PublicKey>, retired: &Retired, place: &str) -> Vec<String> {
    let mut warnings: Vec<String> = jwks
        .leaks()
        .into_iter()
        .map(|leak| format!("the {JWKS} of {place} publishes {}: anyone can sign with it", leak.describe()))
        .collect();
    if let Some(signer) = signer.filter(|s| jwks.kid_collisions(s) > 0) {
        warnings.push(format!(
            "the {JWKS} of {place} has another key under your key's kid {}: Convex would check your tokens against it",
            signer.kid()
        ));
    }
    for (kid, value) in &retired.unreadable {
        warnings.push(format!(
            "{RETIRED_KEYS} has {} for {}, not a time: kept as it is, and that key is never pruned for you",
            printable(&value.to_string()),
            printable(kid)
        ));
    }
    warnings
}

/// One key's line in `keys status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyStatus {
    pub kid: String,
    /// The key of `CONVEX_AUTH_PRIVATE_KEY` here, the one this machine signs with.
    pub local: bool,
    /// On the site's `/.well-known/jwks.json`, what Convex fetches; `None` when unreadable.
    pub served: Option<bool>,
    /// In the deployment's `JWKS` variable.
    pub deployment: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safe_to_prune_at: Option<u64>,
}

/// `keys status`'s document: what signs, every key anyone knows of, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub signing: Option<String>,
    pub keys: Vec<KeyStatus>,
    pub warnings: Vec<String>,
}

/// The keys of the signer, the deployment, the site and the record, one line per `kid`. The
/// signer's own line says whether its key (by modulus, not by `kid`) is there.
pub fn status(
    signer: Option<&PublicKey>,
    deployment: &ServedJwks,
    site: Option<&ServedJwks>,
    retired: &Retired,
    place: &str,
) -> Status {
    let signing = signer.map(PublicKey::kid);
    let mut kids: Vec<String> = deployment.kids();
    kids.extend(signing.iter().cloned());
    kids.extend(site.iter().flat_map(|s| s.kids()));
    kids.extend(retired.keys.keys().cloned());
    kids.extend(retired.unreadable.keys().cloned());
    kids.sort();
    kids.dedup();
    let keys = kids
        .into_iter()
        .map(|kid| {
            let own = signing.as_deref() == Some(kid.as_str());
            let holds = |jwks: &ServedJwks| match signer.filter(|_| own) {
                Some(key) => jwks.holds(key),
                None => jwks.has_kid(&kid),
            };
            let retired_at = retired.keys.get(&kid).copied();
            KeyStatus {
                local: own,
                served: site.map(holds),
                deployment: holds(deployment),
                retired_at,
                safe_to_prune_at: retired_at.and_then(|at| Retired::safe_to_prune_at(at, DEFAULT_WAIT_SECS)),
                kid,
            }
        })
        .collect();
    let mut said = warnings(deployment, signer, retired, place);
    // The site serves the deployment's variable; what it leaks beyond that is said once more.
    if let Some(site) = site.filter(|_| deployment.leaks().is_empty()) {
        said.extend(warnings(site, None, &Retired::default(), &format!("the site of {place}")));
    }
    Status { signing, keys, warnings: said }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Bits, PrivateKey};
    use crate::vars::MAX_VALUE;

    #[test]
    fn how_many_keys_fit_in_one_value() {
        let fit = |bits| {
            let jwk = PrivateKey::generate(bits).public_key().jwk();
            let one = crate::keys::Jwks { keys: vec![jwk] }.to_json().len();
            (MAX_VALUE - 10) / (one - 9)
        };
        // The README quotes these: 4096-bit keys are the largest we make.
        assert!(fit(Bits::B4096) >= 9, "{}", fit(Bits::B4096));
        assert!(fit(Bits::B2048) >= 17, "{}", fit(Bits::B2048));
    }

    #[test]
    fn the_record_round_trips_and_says_when_pruning_is_safe() {
        let mut retired = Retired::default();
        retired.keys.insert("kid-a".into(), 1_000);
        assert_eq!(Retired::read(Some(&retired.to_json())), Ok(retired));
        assert_eq!(Retired::read(None), Ok(Retired::default()));
        assert_eq!(Retired::read(Some("not json")), Err(UnreadableRecord));
        assert_eq!(Retired::read(Some("[1]")), Err(UnreadableRecord));
        assert_eq!(Retired::safe_to_prune_at(1_000, 30), Some(1_000 + 3600 + 300 + 30));
    }

    #[test]
    fn a_bad_entry_is_kept_verbatim_and_spoils_none_of_the_others() {
        let text = r#"{"good":1000,"negative":-1,"huge":18446744073709551616,"words":"yesterday"}"#;
        let record = Retired::read(Some(text)).unwrap();
        assert_eq!(record.keys, BTreeMap::from([("good".to_string(), 1000)]));
        assert_eq!(record.unreadable.len(), 3);
        let again: Value = serde_json::from_str(&record.to_json()).unwrap();
        assert_eq!(again, serde_json::from_str::<Value>(text).unwrap(), "written back JSON-equal");
        let said = warnings(&ServedJwks::empty(), None, &record, "dev");
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said.iter().any(|w| w.contains("\"yesterday\" for words")), "{said:?}");
    }

    #[test]
    fn an_overflowing_time_is_never_safe() {
        assert_eq!(Retired::safe_to_prune_at(u64::MAX - 10, 30), None);
        assert_eq!(Retired::safe_to_prune_at(u64::MAX - 3930, 30), Some(u64::MAX));
    }

    #[test]
    fn the_signers_line_is_by_key_and_a_kid_collision_is_said() {
        let ours = PrivateKey::generate(Bits::B2048).public_key();
        let mut impostor = PrivateKey::generate(Bits::B2048).public_key().jwk();
        impostor.kid = Some(ours.kid());
        let text = format!(r#"{{"keys":[{}]}}"#, serde_json::to_string(&impostor).unwrap());
        let deployment = ServedJwks::parse(&text).unwrap();
        let status = status(Some(&ours), &deployment, Some(&deployment), &Retired::default(), "dev");
        assert_eq!(status.keys.len(), 1);
        assert!(status.keys[0].local && !status.keys[0].deployment && status.keys[0].served == Some(false));
        assert!(status.warnings.iter().any(|w| w.contains("another key under your key's kid")), "{status:?}");
    }

    #[test]
    fn remote_kids_are_printable_in_warnings() {
        let text = r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"x\u001b]0;owned\u0007\r","d":"1"}]}"#;
        let said = warnings(&ServedJwks::parse(text).unwrap(), None, &Retired::default(), "dev");
        assert_eq!(said.len(), 1);
        assert!(!said[0].chars().any(char::is_control), "{said:?}");
    }
}
