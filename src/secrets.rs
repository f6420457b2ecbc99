//! Values that must never be printed by accident: admin keys, deploy keys, the adapter secret and
//! the private key's PEM. A [`Secret`] has no `Display`, its `Debug` says `[redacted]`, and its
//! memory is wiped when it is dropped. Reading it takes an explicit [`Secret::expose`], which
//! makes every place that handles the value itself easy to find.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use zeroize::Zeroizing;

/// Put in place of a secret in anything we print.
pub const REDACTED: &str = "[redacted]";

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(Zeroizing::new(value.into()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Equality that takes the same time wherever the first difference is, for comparing a
    /// secret with one a server holds.
    pub fn same_as(&self, other: &str) -> bool {
        aws_lc_rs::constant_time::verify_slices_are_equal(self.0.as_bytes(), other.as_bytes()).is_ok()
    }

    /// The spellings of this secret that a server could echo back: the value and, for a deploy
    /// key (`prod:name|secret`), the part after `|`; each as written, JSON-escaped (with and
    /// without `\/`) and URL-encoded. Longest first, so no spelling is cut by a shorter one.
    fn spellings(&self) -> Vec<String> {
        let whole = self.expose();
        let mut spellings: Vec<String> = Vec::new();
        for part in std::iter::once(whole).chain(whole.split_once('|').map(|(_, tail)| tail)) {
            let json = serde_json::to_string(part).unwrap_or_default();
            let json = json.trim_matches('"').to_string();
            let encoded = [
                utf8_percent_encode(part, URL_UNRESERVED).to_string(),
                utf8_percent_encode(part, NON_ALPHANUMERIC).to_string(),
            ];
            spellings.extend([part.to_string(), json.replace('/', "\\/"), json]);
            spellings.extend(encoded);
        }
        spellings.retain(|s| !s.is_empty());
        spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        spellings.dedup();
        spellings
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

/// `text` with every spelling of every secret replaced by [`REDACTED`]: the one scrubbing rule
/// for everything a server or a child process says back to us.
pub fn scrub(text: &str, secrets: &[&Secret]) -> String {
    let mut text = text.to_string();
    for secret in secrets {
        for spelling in secret.spellings() {
            text = text.replace(&spelling, REDACTED);
        }
    }
    text
}

/// Text from a server or another program, made safe to print: control characters (escape
/// sequences, carriage returns, line breaks) become spaces, so it cannot drive the terminal.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// What RFC 3986 leaves unencoded (letters, digits, `-._~`); some encoders keep nothing but
/// letters and digits ([`NON_ALPHANUMERIC`]).
const URL_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("prod:happy-otter-123|s3cr3t-value");
        let shown = format!("{secret:?} {:?}", Some(&secret));
        assert!(!shown.contains("s3cr3t") && !shown.contains("otter"), "{shown}");
        assert!(shown.contains(REDACTED));
    }

    #[test]
    fn scrub_replaces_the_key_and_its_secret_part() {
        let key = Secret::new("prod:happy-otter-123|s3cr3t-value");
        let secret = Secret::new("abc");
        let text = "bad key prod:happy-otter-123|s3cr3t-value; echoed s3cr3t-value and abc";
        assert_eq!(scrub(text, &[&key, &secret]), "bad key [redacted]; echoed [redacted] and [redacted]");
        assert_eq!(scrub("nothing here", &[&Secret::new("")]), "nothing here");
    }

    #[test]
    fn scrub_finds_the_escaped_and_encoded_spellings() {
        let secret = Secret::new("ab/cd+ef=\"gh|ij");
        let echoed = r#"json ab\/cd+ef=\"gh|ij, plain ab/cd+ef="gh|ij, url ab%2Fcd%2Bef%3D%22gh%7Cij, tail ij"#;
        let scrubbed = scrub(echoed, &[&secret]);
        assert!(!scrubbed.contains("cd+ef") && !scrubbed.contains("cd%2Bef"), "{scrubbed}");
    }

    #[test]
    fn remote_text_cannot_drive_the_terminal() {
        assert_eq!(printable("bad\u{1b}[2J\u{1b}]0;title\u{7}\rkey\n"), "bad [2J ]0;title  key ");
    }

    #[test]
    fn comparison_is_by_value() {
        let secret = Secret::new("one");
        assert!(secret.same_as("one"));
        assert!(!secret.same_as("two"));
        assert!(!secret.same_as("on"));
    }
}
