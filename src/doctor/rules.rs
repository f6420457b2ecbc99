//! Convex's rules for the tokens of a `{ domain, applicationID }` provider, as the backend
//! applies them (convex-backend `crates/authentication/src/lib.rs`; its openidconnect-rs fork,
//! `src/types/jwks.rs` and `src/core/jwk`). Pure functions, so each rule is tested here.

use serde_json::Value;

use crate::keys::{Jwk, PublicKey};

/// The keys of a served JWKS; members Convex cannot parse are skipped, as Convex skips them.
pub fn keys_of(jwks: &Value) -> Option<Vec<Jwk>> {
    let keys = jwks.get("keys")?.as_array()?;
    Some(keys.iter().filter_map(|k| serde_json::from_value(k.clone()).ok()).collect())
}

/// Keys Convex would try for an RS256 token: RSA with `n` and `e`, `use` absent or `sig`, `alg`
/// absent or `RS256`.
pub fn eligible(keys: &[Jwk]) -> Vec<&Jwk> {
    keys.iter()
        .filter(|k| k.kty == "RSA" && k.n.is_some() && k.e.is_some())
        .filter(|k| k.key_use.as_deref().is_none_or(|u| u == "sig"))
        .filter(|k| k.alg.as_deref().is_none_or(|a| a == "RS256"))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The key Convex verifies the token with.
    Key(PublicKey),
    NoEligibleKey,
    /// A token without `kid` needs exactly one eligible key; this set has this many.
    Ambiguous(usize),
    NoKeyWithKid(String),
}

/// Which key verifies a token with this `kid` (or none).
pub fn choose(keys: &[&Jwk], kid: Option<&str>) -> Choice {
    let candidates: Vec<&&Jwk> = match kid {
        Some(kid) => keys.iter().filter(|k| k.kid.as_deref() == Some(kid)).collect(),
        None => keys.iter().collect(),
    };
    match (candidates.as_slice(), kid) {
        ([], None) => Choice::NoEligibleKey,
        ([], Some(kid)) => Choice::NoKeyWithKid(kid.to_string()),
        ([one], _) | ([one, ..], Some(_)) => PublicKey::from_jwk(one).map_or(Choice::NoEligibleKey, Choice::Key),
        (many, None) => Choice::Ambiguous(many.len()),
    }
}

/// The setup guide's issuer: `NEXT_PUBLIC_CONVEX_URL.replace(/.cloud$/, ".site")`. The `.` is
/// JavaScript's any-character, so only a URL that ends in five letters "cloud" changes.
pub fn template_issuer(convex_url: &str) -> String {
    match convex_url.strip_suffix("cloud") {
        Some(head) if !head.is_empty() => {
            format!("{}.site", &head[..head.len() - head.chars().last().map_or(0, char::len_utf8)])
        }
        _ => convex_url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwk(use_: Option<&str>, alg: Option<&str>, kid: Option<&str>) -> Jwk {
        Jwk {
            key_use: use_.map(Into::into),
            kty: "RSA".into(),
            n: Some("AQAB".into()),
            e: Some("AQAB".into()),
            alg: alg.map(Into::into),
            kid: kid.map(Into::into),
        }
    }

    #[test]
    fn eligibility_follows_use_and_alg() {
        let keys = vec![
            jwk(None, None, None),
            jwk(Some("sig"), Some("RS256"), None),
            jwk(Some("enc"), None, None),
            jwk(None, Some("RS384"), None),
            Jwk { kty: "EC".into(), ..jwk(None, None, None) },
            Jwk { n: None, ..jwk(None, None, None) },
        ];
        assert_eq!(eligible(&keys).len(), 2);
    }

    #[test]
    fn kid_rules() {
        let a = jwk(None, None, Some("a"));
        let b = jwk(None, None, Some("b"));
        assert!(matches!(choose(&[&a], None), Choice::Key(_)));
        assert_eq!(choose(&[&a, &b], None), Choice::Ambiguous(2));
        assert!(matches!(choose(&[&a, &b], Some("b")), Choice::Key(_)));
        assert_eq!(choose(&[&a, &b], Some("c")), Choice::NoKeyWithKid("c".into()));
        assert_eq!(choose(&[], None), Choice::NoEligibleKey);
    }

    #[test]
    fn issuer_rewrites() {
        assert_eq!(template_issuer("https://happy-otter-123.convex.cloud"), "https://happy-otter-123.convex.site");
        assert_eq!(template_issuer("https://happy-otter-123.convex.cloud/"), "https://happy-otter-123.convex.cloud/");
        assert_eq!(template_issuer("http://127.0.0.1:3210"), "http://127.0.0.1:3210");
        assert_eq!(template_issuer("https://api.example.com/cloud"), "https://api.example.com.site");
    }
}
