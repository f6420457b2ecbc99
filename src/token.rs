//! The probe token: a JWT signed the way the Next.js server signs one in the setup guide's
//! `session` callback (jose `SignJWT`: `alg` RS256 and no `kid` in the header; `sub`, `iat`,
//! `iss` = the site URL, `aud` "convex", `exp`), but living 60 seconds.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::keys::PrivateKey;

pub const LIFETIME_SECS: u64 = 60;
pub const AUDIENCE: &str = "convex";
pub const SUBJECT: &str = "convex-authjs-doctor";

/// A compact JWS: `header.payload.signature`.
pub fn sign(key: &PrivateKey, issuer: &str, kid: Option<&str>, now: u64) -> String {
    let header = match kid {
        Some(kid) => json!({ "alg": "RS256", "kid": kid }),
        None => json!({ "alg": "RS256" }),
    };
    let claims = json!({ "sub": SUBJECT, "iat": now, "iss": issuer, "aud": AUDIENCE, "exp": now + LIFETIME_SECS });
    let signing_input = format!("{}.{}", encode(&header), encode(&claims));
    let signature = URL_SAFE_NO_PAD.encode(key.sign_rs256(signing_input.as_bytes()));
    format!("{signing_input}.{signature}")
}

fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// The parts of a compact JWS, decoded; `None` when it is not one.
pub struct Parsed {
    pub header: Value,
    pub claims: Value,
    pub signing_input: String,
    pub signature: Vec<u8>,
}

pub fn parse(token: &str) -> Option<Parsed> {
    let mut parts = token.split('.');
    let (h, c, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let json = |part: &str| serde_json::from_slice::<Value>(&URL_SAFE_NO_PAD.decode(part).ok()?).ok();
    Some(Parsed {
        header: json(h)?,
        claims: json(c)?,
        signing_input: format!("{h}.{c}"),
        signature: URL_SAFE_NO_PAD.decode(s).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Bits;

    #[test]
    fn probe_token_has_the_app_claims_and_verifies() {
        let key = PrivateKey::generate(Bits::B2048);
        let token = sign(&key, "https://x.convex.site", None, 1_000);
        let parsed = parse(&token).unwrap();
        assert_eq!(parsed.header, json!({ "alg": "RS256" }));
        assert_eq!(parsed.claims["iss"], "https://x.convex.site");
        assert_eq!(parsed.claims["aud"], "convex");
        assert_eq!(parsed.claims["exp"], 1_060);
        assert!(key.public_key().verify_rs256(parsed.signing_input.as_bytes(), &parsed.signature));
        let with_kid = parse(&sign(&key, "i", Some("abc"), 0)).unwrap();
        assert_eq!(with_kid.header["kid"], "abc");
        assert!(parse("a.b").is_none());
    }
}
