//! The RS256 key pair: generation, PKCS#8 PEM in and out, and its public half as a JWK.
//!
//! The PEM is read by the rules of jose's `importPKCS8` (jose 6, `key/import.js` and
//! `lib/asn1.js`), which is what the Next.js server runs: the text must start with
//! `-----BEGIN PRIVATE KEY-----`; markers and blanks are dropped; the rest is base64 DER.

use aws_lc_rs::digest;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize, PublicKeyComponents};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::secrets::Secret;

mod served;
pub use served::{Leak, ServedJwks, TooLarge};

const BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const END: &str = "-----END PRIVATE KEY-----";

/// Key sizes we generate. 2048 bits is what jose's `generateKeyPair("RS256")` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bits {
    #[default]
    B2048,
    B3072,
    B4096,
}

impl Bits {
    /// The sizes as the command line spells them.
    pub const CHOICES: &[(&str, Bits)] = &[("2048", Bits::B2048), ("3072", Bits::B3072), ("4096", Bits::B4096)];
}

pub struct PrivateKey {
    pair: KeyPair,
    /// The DER we hand out as PEM; wiped when the key is dropped.
    pkcs8: Zeroizing<Vec<u8>>,
}

/// Why a `CONVEX_AUTH_PRIVATE_KEY` value cannot be used by the Next.js server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    #[error("it is empty")]
    Empty,
    /// Quotes survived decoding, e.g. `"\"-----BEGIN…\""` or a value pasted with its quotes.
    #[error("it is quoted twice: quotes are still around the key after decoding")]
    Quoted,
    /// `-----BEGIN RSA PRIVATE KEY-----`, what `openssl genrsa` writes.
    #[error("it is a PKCS#1 key (BEGIN RSA PRIVATE KEY); jose needs PKCS#8 (BEGIN PRIVATE KEY)")]
    Pkcs1,
    /// The two characters `\` `n` where line breaks belong.
    #[error("it holds literal \\n sequences where line breaks belong")]
    LiteralBackslashN,
    /// Blanks or a line break before the marker, which jose's `importPKCS8` refuses.
    #[error("it has blanks before {BEGIN}")]
    LeadingBlank,
    /// Encrypted PKCS#8, which jose cannot import.
    #[error("it is an encrypted key; jose needs an unencrypted PKCS#8 key")]
    Encrypted,
    /// Anything else that does not begin with the PKCS#8 marker; holds the first line when it
    /// is a PEM marker (public data), else nothing.
    #[error("{}", match marker { Some(m) => format!("it starts with {m}, not {BEGIN}"), None => format!("it does not start with {BEGIN}") })]
    NotPkcs8 { marker: Option<String> },
    #[error("the text between the PEM markers is not valid base64")]
    NotBase64,
    /// The DER is not an RSA private key aws-lc accepts (wrong algorithm, damaged, too short).
    #[error("it is not a usable RSA private key ({reason})")]
    Rejected { reason: String },
}

impl PrivateKey {
    /// A new key pair from aws-lc's own generator (`RSA_generate_key_ex`, through aws-lc-rs).
    /// One key on one thread: racing whole keys on every core and joining every racer waits
    /// for the slowest, which on two cores is slower than one key (CONTRIBUTING, key generation).
    pub fn generate(bits: Bits) -> PrivateKey {
        let size = match bits {
            Bits::B2048 => KeySize::Rsa2048,
            Bits::B3072 => KeySize::Rsa3072,
            Bits::B4096 => KeySize::Rsa4096,
        };
        let pair = KeyPair::generate(size).expect("aws-lc generates an RSA key");
        let pkcs8 = Zeroizing::new(pair.as_der().expect("a generated key encodes as PKCS#8").as_ref().to_vec());
        PrivateKey { pair, pkcs8 }
    }

    /// Reads a PEM the way the Next.js server's jose will, naming the usual ways it gets mangled.
    pub fn from_pem(pem: &Secret) -> Result<PrivateKey, KeyProblem> {
        let text = pem.expose();
        if text.trim().is_empty() {
            return Err(KeyProblem::Empty);
        }
        let trimmed = text.trim();
        if trimmed.starts_with(['"', '\'', '`']) || trimmed.ends_with(['"', '\'', '`']) {
            return Err(KeyProblem::Quoted);
        }
        if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
            return Err(KeyProblem::Pkcs1);
        }
        if text.contains("\\n") {
            return Err(KeyProblem::LiteralBackslashN);
        }
        if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            return Err(KeyProblem::Encrypted);
        }
        if !text.starts_with(BEGIN) && text.trim_start().starts_with(BEGIN) {
            return Err(KeyProblem::LeadingBlank);
        }
        if !text.starts_with(BEGIN) {
            let first = trimmed.lines().next().unwrap_or("");
            let marker = (first.starts_with("-----BEGIN ") && first.ends_with("-----")).then(|| first.to_string());
            return Err(KeyProblem::NotPkcs8 { marker });
        }
        // jose's `pem.replace(/(?:-----(?:BEGIN|END) PRIVATE KEY-----|\s)/g, '')`, into one
        // buffer of the right size: every copy of the key's text is one we wipe.
        let mut body = Zeroizing::new(String::with_capacity(text.len()));
        for piece in text.split(BEGIN).flat_map(|p| p.split(END)) {
            body.extend(piece.chars().filter(|c| !c.is_whitespace()));
        }
        let lenient = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            // As atob: padding optional, stray low bits after the last symbol ignored.
            GeneralPurposeConfig::new()
                .with_decode_padding_mode(DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true),
        );
        let mut der = Zeroizing::new(lenient.decode(body.as_bytes()).map_err(|_| KeyProblem::NotBase64)?);
        // jose decodes everything between and after the markers (so base64 text after the END
        // line adds bytes) and its DER reader stops at the end of the key's SEQUENCE.
        if let Some(length) = der_length(&der) {
            der.truncate(length);
        }
        let pair = KeyPair::from_pkcs8(&der).map_err(|e| KeyProblem::Rejected { reason: rejection(&e) })?;
        Ok(PrivateKey { pair, pkcs8: der })
    }

    /// PKCS#8 PEM with 64-character lines and a final newline, as Node's `export()` writes it.
    pub fn to_pem(&self) -> Secret {
        let b64 = Zeroizing::new(STANDARD.encode(self.pkcs8.as_slice()));
        // Exactly the PEM's length, so the buffer never grows and leaves a copy behind.
        let lines = b64.len().div_ceil(64);
        let mut pem = String::with_capacity(BEGIN.len() + 1 + b64.len() + lines + END.len() + 1);
        pem.push_str(BEGIN);
        pem.push('\n');
        for line in b64.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            pem.push('\n');
        }
        pem.push_str(END);
        pem.push('\n');
        Secret::new(pem)
    }

    pub fn bits(&self) -> usize {
        self.pair.public_modulus_len() * 8
    }

    /// An RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature, as jose's `SignJWT` makes.
    pub fn sign_rs256(&self, message: &[u8]) -> Vec<u8> {
        let mut signature = vec![0u8; self.pair.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.pair
            .sign(&aws_lc_rs::signature::RSA_PKCS1_SHA256, &rng, message, &mut signature)
            .expect("signing with a valid RSA key does not fail");
        signature
    }

    pub fn public_key(&self) -> PublicKey {
        let parts = PublicKeyComponents::<Vec<u8>>::from(self.pair.public_key());
        PublicKey { n: parts.n, e: parts.e }
    }
}

/// The length of the DER element at the start of `der` (tag, length, contents), when its header
/// is well formed and it fits.
fn der_length(der: &[u8]) -> Option<usize> {
    let first = *der.get(1)?;
    let (header, contents) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let count = usize::from(first & 0x7f);
        let bytes = der.get(2..2 + count).filter(|b| count <= 4 && !b.is_empty())?;
        (2 + count, bytes.iter().fold(0usize, |n, b| (n << 8) | usize::from(*b)))
    };
    Some(header + contents).filter(|&total| total <= der.len())
}

fn rejection(e: &aws_lc_rs::error::KeyRejected) -> String {
    match e.to_string().as_str() {
        "TooSmall" => "shorter than 2048 bits".into(),
        "TooLarge" => "longer than 8192 bits".into(),
        "WrongAlgorithm" => "not an RSA key".into(),
        other => other.to_string(),
    }
}

/// An RSA public key: the modulus and exponent, big-endian without leading zeros.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub n: Vec<u8>,
    pub e: Vec<u8>,
}

impl PublicKey {
    /// The RFC 7638 JWK thumbprint: SHA-256 over the required members in lexical order,
    /// base64url without padding. jose's `calculateJwkThumbprint` gives the same.
    pub fn kid(&self) -> String {
        let canonical = format!(
            r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
            URL_SAFE_NO_PAD.encode(&self.e),
            URL_SAFE_NO_PAD.encode(&self.n)
        );
        URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, canonical.as_bytes()))
    }

    /// The seed's JWK (`use` first, then jose's `kty`, `n`, `e`) plus `alg` and `kid`.
    pub fn jwk(&self) -> Jwk {
        Jwk {
            key_use: Some("sig".into()),
            kty: "RSA".into(),
            n: Some(URL_SAFE_NO_PAD.encode(&self.n)),
            e: Some(URL_SAFE_NO_PAD.encode(&self.e)),
            alg: Some("RS256".into()),
            kid: Some(self.kid()),
        }
    }

    pub fn jwks(&self) -> Jwks {
        Jwks { keys: vec![self.jwk()] }
    }

    /// Whether `signature` is this key's RS256 signature of `message`.
    pub fn verify_rs256(&self, message: &[u8], signature: &[u8]) -> bool {
        let parts = PublicKeyComponents { n: self.n.as_slice(), e: self.e.as_slice() };
        parts.verify(&aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256, message, signature).is_ok()
    }

    /// The key a JWK describes, when it is an RSA key with a modulus and exponent.
    pub fn from_jwk(jwk: &Jwk) -> Option<PublicKey> {
        if jwk.kty != "RSA" {
            return None;
        }
        let decode =
            |v: &Option<String>| v.as_deref().and_then(|s| URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok());
        let strip = |mut v: Vec<u8>| {
            let zeros = v.iter().take_while(|&&b| b == 0).count();
            v.drain(..zeros);
            v
        };
        Some(PublicKey { n: strip(decode(&jwk.n)?), e: strip(decode(&jwk.e)?) })
    }
}

/// A JSON Web Key as Convex reads it; unknown members are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    #[serde(rename = "use", skip_serializing_if = "Option::is_none", default)]
    pub key_use: Option<String>,
    pub kty: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub n: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub e: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

impl Jwks {
    /// Compact JSON, as `JSON.stringify` writes it in the seed's script.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a JWKS always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> &'static PrivateKey {
        static KEY: std::sync::OnceLock<PrivateKey> = std::sync::OnceLock::new();
        KEY.get_or_init(|| PrivateKey::generate(Bits::B2048))
    }

    #[test]
    fn pem_round_trips_and_keeps_the_public_half() {
        let pem = key().to_pem();
        let pem = pem.expose();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(pem.ends_with("\n-----END PRIVATE KEY-----\n"));
        assert!(pem.lines().all(|l| l.len() <= 64));
        let again = PrivateKey::from_pem(&Secret::new(pem)).unwrap();
        assert_eq!(again.public_key(), key().public_key());
        assert_eq!(again.bits(), 2048);
    }

    #[test]
    fn crlf_pem_is_accepted_like_jose_does() {
        let pem = key().to_pem().expose().replace('\n', "\r\n");
        assert!(PrivateKey::from_pem(&Secret::new(pem)).is_ok());
    }

    #[test]
    fn names_each_way_a_key_gets_mangled() {
        let pem = key().to_pem().expose().to_string();
        let cases = [
            (String::new(), KeyProblem::Empty),
            (format!("\"{pem}\""), KeyProblem::Quoted),
            (pem.replace('\n', "\\n"), KeyProblem::LiteralBackslashN),
            (
                pem.replace("BEGIN PRIVATE", "BEGIN RSA PRIVATE").replace("END PRIVATE", "END RSA PRIVATE"),
                KeyProblem::Pkcs1,
            ),
            (pem.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), KeyProblem::Encrypted),
            (
                pem.replace("PRIVATE KEY", "PUBLIC KEY"),
                KeyProblem::NotPkcs8 { marker: Some("-----BEGIN PUBLIC KEY-----".into()) },
            ),
            (format!(" {pem}"), KeyProblem::LeadingBlank),
            (format!("garbage{pem}"), KeyProblem::NotPkcs8 { marker: None }),
            (pem.replacen("MII", "M*I", 1), KeyProblem::NotBase64),
        ];
        for (text, problem) in cases {
            assert_eq!(PrivateKey::from_pem(&Secret::new(text.clone())).err(), Some(problem), "for {text:?}");
        }
    }

    #[test]
    fn base64_text_after_the_end_line_is_ignored_as_jose_ignores_it() {
        // jose (atob) reads text after the END line only when the key's base64 has no padding
        // before it; a key with padding there is refused, by jose and by us.
        let key =
            std::iter::repeat_with(|| PrivateKey::generate(Bits::B2048)).find(|k| k.pkcs8.len() % 3 == 0).unwrap();
        let key = &key;
        let pem = key.to_pem().expose().to_string();
        let read = PrivateKey::from_pem(&Secret::new(format!("{pem}trailing text\n"))).unwrap();
        assert_eq!(read.public_key(), key.public_key());
        assert_eq!(read.to_pem().expose(), pem, "the trailing text is not kept");
        // What jose refuses ("Invalid character"), we refuse too.
        let commented = PrivateKey::from_pem(&Secret::new(format!("{pem}# a comment\n")));
        assert_eq!(commented.err(), Some(KeyProblem::NotBase64));
    }

    #[test]
    fn truncated_der_is_rejected_not_a_panic() {
        let pem = key().to_pem();
        let short: String = pem.expose().lines().take(5).collect::<Vec<_>>().join("\n");
        assert!(matches!(
            PrivateKey::from_pem(&Secret::new(short)),
            Err(KeyProblem::Rejected { .. } | KeyProblem::NotBase64)
        ));
    }

    #[test]
    fn jwk_has_the_seed_members_in_order_and_a_thumbprint_kid() {
        let json = key().public_key().jwks().to_json();
        assert!(json.starts_with(r#"{"keys":[{"use":"sig","kty":"RSA","n":""#), "{json}");
        assert!(json.contains(r#""e":"AQAB","alg":"RS256","kid":""#), "{json}");
        assert_eq!(key().public_key().kid().len(), 43);
    }

    #[test]
    fn signatures_verify_with_the_public_half_only() {
        let signature = key().sign_rs256(b"header.payload");
        let public = PublicKey::from_jwk(&key().public_key().jwk()).unwrap();
        assert!(public.verify_rs256(b"header.payload", &signature));
        assert!(!public.verify_rs256(b"header.payloaD", &signature));
        let other = PrivateKey::generate(Bits::B2048).public_key();
        assert!(!other.verify_rs256(b"header.payload", &signature));
    }

    #[test]
    fn rfc7638_example_thumbprint() {
        // RFC 7638 section 3.1's example key and its published thumbprint.
        let n = URL_SAFE_NO_PAD.decode("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw").unwrap();
        let public = PublicKey { n, e: vec![1, 0, 1] };
        assert_eq!(public.kid(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }
}
