//! Key rotation with no rejected token: a new key is published beside the current one, the
//! signer switches only once Convex's cached JWKS holds both, and a retired key is removed only
//! once no token it signed can still be valid (convex-facts.md §8).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::doctor::rules;
use crate::keys::{Jwk, Jwks};
use crate::vars::MAX_VALUE;

/// How long the signer's tokens live (`setExpirationTime("1h")`).
pub const TOKEN_LIFETIME_SECS: u64 = 3600;
/// Clock skew between the Next.js server and Convex that a token may enjoy.
pub const CLOCK_SKEW_SECS: u64 = 300;
/// How long Convex may keep serving its cached JWKS: the guide's route says `max-age=15` and
/// `stale-while-revalidate=15`.
pub const DEFAULT_WAIT_SECS: u64 = 30;

/// When each retired key stopped signing (seconds since the epoch), kept on the deployment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retired {
    #[serde(flatten)]
    pub keys: BTreeMap<String, u64>,
}

impl Retired {
    /// The record as the deployment holds it; nothing or something unreadable is an empty one.
    pub fn read(value: Option<&str>) -> Retired {
        value.and_then(|v| serde_json::from_str(v).ok()).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the record serialises")
    }

    /// When no token a key retired at `retired_at` signed can be valid any more.
    pub fn safe_to_prune_at(retired_at: u64, wait: u64) -> u64 {
        retired_at + TOKEN_LIFETIME_SECS + CLOCK_SKEW_SECS + wait
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    #[error("the JWKS with the new key would be {size} bytes, over Convex's limit of {MAX_VALUE}")]
    TooLarge { size: usize },
}

/// The keys of a JWKS value (what the deployment's `JWKS` holds), none when it is unset.
pub fn keys_of(value: Option<&str>) -> Vec<Jwk> {
    value.and_then(|v| serde_json::from_str(v).ok()).as_ref().and_then(rules::keys_of).unwrap_or_default()
}

/// `served` with `added` after it, each `kid` once; refused past Convex's size limit.
pub fn with_key(served: &[Jwk], added: &Jwk) -> Result<Jwks, RotationError> {
    let mut keys: Vec<Jwk> = served.iter().filter(|k| k.kid != added.kid).cloned().collect();
    keys.push(added.clone());
    let jwks = Jwks { keys };
    let size = jwks.to_json().len();
    if size > MAX_VALUE {
        return Err(RotationError::TooLarge { size });
    }
    Ok(jwks)
}

/// `served` without the keys whose `kid` is in `removed`.
pub fn without(served: &[Jwk], removed: &[String]) -> Jwks {
    Jwks { keys: served.iter().filter(|k| !k.kid.as_ref().is_some_and(|kid| removed.contains(kid))).cloned().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Bits, PrivateKey};

    #[test]
    fn how_many_keys_fit_in_one_value() {
        let fit = |bits| {
            let jwk = PrivateKey::generate(bits).public_key().jwk();
            let one = Jwks { keys: vec![jwk] }.to_json().len();
            (MAX_VALUE - 10) / (one - 9)
        };
        // The README quotes these: 4096-bit keys are the largest we make.
        assert!(fit(Bits::B4096) >= 9, "{}", fit(Bits::B4096));
        assert!(fit(Bits::B2048) >= 17, "{}", fit(Bits::B2048));
    }

    #[test]
    fn keys_are_added_once_and_removed_by_kid() {
        let a = PrivateKey::generate(Bits::B2048).public_key().jwk();
        let b = PrivateKey::generate(Bits::B2048).public_key().jwk();
        let both = with_key(std::slice::from_ref(&a), &b).unwrap();
        assert_eq!(both.keys.len(), 2);
        assert_eq!(with_key(&both.keys, &b).unwrap().keys.len(), 2, "no key twice");
        let left = without(&both.keys, &[a.kid.clone().unwrap()]);
        assert_eq!(left.keys, vec![b]);
        let many: Vec<Jwk> = (0..40)
            .map(|_| a.clone())
            .map(|mut k| {
                k.kid = Some(format!("{:043}", rand_id()));
                k
            })
            .collect();
        assert!(matches!(with_key(&many, &a), Err(RotationError::TooLarge { .. })));
    }

    fn rand_id() -> u64 {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    #[test]
    fn the_record_round_trips_and_says_when_pruning_is_safe() {
        let mut retired = Retired::default();
        retired.keys.insert("kid-a".into(), 1_000);
        assert_eq!(Retired::read(Some(&retired.to_json())), retired);
        assert_eq!(Retired::read(Some("not json")), Retired::default());
        assert_eq!(Retired::safe_to_prune_at(1_000, 30), 1_000 + 3600 + 300 + 30);
    }
}
