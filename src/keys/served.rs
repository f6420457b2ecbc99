//! A JWKS as a deployment holds it or a site serves it, entry by entry as it came. Rotation
//! changes only what it means to change: every other entry, ours or not, RSA or not, parsed or
//! not, and every member of it (`crv`, `x5c`, members we have never heard of) stays as served,
//! JSON-equal. A key is recognised by what it is (`kty`, `n`, `e`), never by its `kid` alone.

use serde_json::{Map, Value};

use super::{Jwk, PublicKey};
use crate::secrets::printable;
use crate::vars::MAX_VALUE;

/// Members of a JWK that belong to the private key (RFC 7518 §6.3.2 and §6.4): an entry that
/// has any of them publishes a key anyone can now sign with.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

#[derive(Debug, Clone, PartialEq)]
pub struct ServedJwks {
    /// The document's other members, kept as they were.
    rest: Map<String, Value>,
    entries: Vec<Value>,
}

/// An entry that publishes private members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub kid: Option<String>,
    pub members: Vec<&'static str>,
}

impl Leak {
    /// "the private part (d, p) of key <kid>", printable whatever the kid holds.
    pub fn describe(&self) -> String {
        let which = self.kid.as_deref().map_or("a key without kid".to_string(), |k| format!("key {}", printable(k)));
        format!("the private part ({}) of {which}", self.members.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the JWKS with the new key would be {size} bytes, over Convex's limit of {MAX_VALUE}")]
pub struct TooLarge {
    pub size: usize,
}

impl ServedJwks {
    /// A JWKS: a JSON object with a `keys` array. Anything else is `None`.
    pub fn parse(text: &str) -> Option<ServedJwks> {
        let Value::Object(mut rest) = serde_json::from_str(text).ok()? else { return None };
        let Value::Array(entries) = rest.remove("keys")? else { return None };
        Some(ServedJwks { rest, entries })
    }

    pub fn empty() -> ServedJwks {
        ServedJwks { rest: Map::new(), entries: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every `kid` served, in order, each once.
    pub fn kids(&self) -> Vec<String> {
        let mut kids: Vec<String> = Vec::new();
        for kid in self.entries.iter().filter_map(kid_of) {
            if !kids.iter().any(|k| k == kid) {
                kids.push(kid.to_string());
            }
        }
        kids
    }

    pub fn has_kid(&self, kid: &str) -> bool {
        self.entries.iter().any(|e| kid_of(e) == Some(kid))
    }

    /// Whether an entry is this key (same `kty`, `n` and `e`), whatever its `kid`.
    pub fn holds(&self, key: &PublicKey) -> bool {
        self.entries.iter().any(|e| is_key(e, key))
    }

    /// Entries that carry this key's `kid` but are another key: Convex picks by `kid`, so
    /// tokens of this key would be checked against the wrong one.
    pub fn kid_collisions(&self, key: &PublicKey) -> usize {
        let kid = key.kid();
        self.entries.iter().filter(|e| kid_of(e) == Some(kid.as_str()) && !is_key(e, key)).count()
    }

    /// The entries that publish private members, with which.
    pub fn leaks(&self) -> Vec<Leak> {
        self.entries
            .iter()
            .filter_map(|entry| {
                let members: Vec<&'static str> =
                    PRIVATE_MEMBERS.iter().copied().filter(|m| entry.get(m).is_some()).collect();
                (!members.is_empty()).then(|| Leak { kid: kid_of(entry).map(str::to_string), members })
            })
            .collect()
    }

    /// These entries and `added` after them, unless it is served already (by key); refused
    /// past Convex's size limit.
    pub fn with_key(&self, added: &Jwk) -> Result<ServedJwks, TooLarge> {
        let mut next = self.clone();
        let already = PublicKey::from_jwk(added).is_some_and(|key| self.holds(&key));
        if !already {
            next.entries.push(serde_json::to_value(added).expect("a JWK is JSON"));
        }
        let size = next.to_json().len();
        if size > MAX_VALUE {
            return Err(TooLarge { size });
        }
        Ok(next)
    }

    /// These entries without those whose `kid` is in `removed`, except any that is `kept`.
    pub fn without(&self, removed: &[String], kept: Option<&PublicKey>) -> ServedJwks {
        let mut next = self.clone();
        next.entries.retain(|e| {
            !kid_of(e).is_some_and(|kid| removed.iter().any(|r| r == kid)) || kept.is_some_and(|k| is_key(e, k))
        });
        next
    }

    /// Compact JSON, `keys` first.
    pub fn to_json(&self) -> String {
        let mut text = String::from("{\"keys\":");
        text.push_str(&serde_json::to_string(&self.entries).expect("JSON values serialise"));
        for (name, value) in &self.rest {
            text.push(',');
            text.push_str(&serde_json::to_string(name).expect("a string serialises"));
            text.push(':');
            text.push_str(&serde_json::to_string(value).expect("JSON values serialise"));
        }
        text.push('}');
        text
    }
}

fn kid_of(entry: &Value) -> Option<&str> {
    entry.get("kid")?.as_str()
}

fn is_key(entry: &Value, key: &PublicKey) -> bool {
    serde_json::from_value::<Jwk>(entry.clone()).ok().and_then(|jwk| PublicKey::from_jwk(&jwk)).as_ref() == Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Bits, PrivateKey};

    fn key() -> PublicKey {
        PrivateKey::generate(Bits::B2048).public_key()
    }

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn every_entry_and_member_is_kept_as_served() {
        let ours = key();
        let ec = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"ec-1","use":"sig"}"#;
        let chained = format!(
            r#"{{"kty":"RSA","n":"{}","e":"AQAB","kid":"x5c-1","x5c":["MIIC..."],"x5t#S256":"abc","note":{{"a":[1,2]}}}}"#,
            ours.jwk().n.unwrap()
        );
        let unknown = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let broken = r#"{"no":"kty"}"#;
        let text = format!(r#"{{"keys":[{ec},{chained},{unknown},{broken}],"extra":true}}"#);
        let served = ServedJwks::parse(&text).unwrap();
        let added = key().jwk();
        let next = served.with_key(&added).unwrap();
        let doc = json(&next.to_json());
        let mut expected = json(&text);
        expected["keys"].as_array_mut().unwrap().push(serde_json::to_value(&added).unwrap());
        assert_eq!(doc, expected, "the four entries and the extra member as served, the new key after them");
        let pruned = ServedJwks::parse(&next.to_json()).unwrap().without(&[added.kid.clone().unwrap()], None);
        assert_eq!(json(&pruned.to_json()), json(&text), "pruning the new key gives back the JWKS as it was");
    }

    #[test]
    fn a_key_is_matched_by_its_modulus_not_its_kid() {
        let ours = key();
        let other = key();
        let mut impostor = other.jwk();
        impostor.kid = Some(ours.kid());
        let served =
            ServedJwks::parse(&format!(r#"{{"keys":[{}]}}"#, serde_json::to_string(&impostor).unwrap())).unwrap();
        assert!(!served.holds(&ours), "same kid, another modulus: not our key");
        assert!(served.holds(&other));
        assert_eq!(served.kid_collisions(&ours), 1);
        assert_eq!(served.kid_collisions(&other), 0, "its kid is not its own thumbprint, but nothing collides");
        // Adding our key beside the impostor keeps both; pruning the kid keeps the kept key.
        let both = served.with_key(&ours.jwk()).unwrap();
        assert_eq!(both.len(), 2);
        assert_eq!(both.with_key(&ours.jwk()).unwrap().len(), 2, "a key served already is not added again");
        let left = both.without(&[ours.kid()], Some(&ours));
        assert!(left.holds(&ours) && !left.holds(&other));
    }

    #[test]
    fn private_members_are_named() {
        let text = r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"a","d":"x","p":"y"},{"kty":"oct","k":"secret"},{"kty":"RSA","n":"AQAB","e":"AQAB"}]}"#;
        let leaks = ServedJwks::parse(text).unwrap().leaks();
        assert_eq!(
            leaks,
            vec![Leak { kid: Some("a".into()), members: vec!["d", "p"] }, Leak { kid: None, members: vec!["k"] }]
        );
    }

    #[test]
    fn only_a_json_object_with_a_keys_array_is_a_jwks() {
        for text in ["", "null", "[]", r#"{"keys":{}}"#, r#"{"key":[]}"#, "{\"keys\":[", "<html>"] {
            assert_eq!(ServedJwks::parse(text), None, "{text:?}");
        }
        assert!(ServedJwks::parse(r#"{"keys":[]}"#).unwrap().is_empty());
    }

    #[test]
    fn too_many_keys_are_refused() {
        let many: Vec<Value> = (0..40)
            .map(|i| {
                let mut jwk = serde_json::to_value(key_jwk_fixed()).unwrap();
                jwk["kid"] = Value::from(format!("{i:043}"));
                jwk["n"] = Value::from(format!("{}{i:04}", "A".repeat(338)));
                jwk
            })
            .collect();
        let served = ServedJwks::parse(&serde_json::json!({ "keys": many }).to_string()).unwrap();
        assert!(matches!(served.with_key(&key().jwk()), Err(TooLarge { .. })));
    }

    fn key_jwk_fixed() -> Jwk {
        Jwk { key_use: Some("sig".into()), kty: "RSA".into(), n: None, e: Some("AQAB".into()), alg: None, kid: None }
    }
}
