//! The adapter's shared secret.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use crate::secrets::Secret;

/// The fewest random bytes we generate: 256 bits.
pub const MIN_BYTES: u16 = 32;
/// The most random bytes we generate; far more than any use needs, well under Convex's limit.
pub const MAX_BYTES: u16 = 1024;
/// What `openssl rand -base64 33` gives: 44 base64 characters with no padding.
pub const DEFAULT_BYTES: u16 = 33;
/// A secret shorter than this many characters is reported as weak.
pub const WEAK_BELOW_CHARS: usize = 32;

/// `bytes` bytes from the system's random source, in standard base64.
pub fn generate(bytes: u16) -> Secret {
    let mut buf = Zeroizing::new(vec![0u8; usize::from(bytes)]);
    aws_lc_rs::rand::fill(&mut buf).expect("the system random source failed");
    Secret::new(STANDARD.encode(buf.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_44_base64_characters_and_never_repeats() {
        let a = generate(DEFAULT_BYTES);
        let b = generate(DEFAULT_BYTES);
        assert_eq!(a.expose().len(), 44);
        assert_ne!(a, b);
        assert_eq!(STANDARD.decode(a.expose()).unwrap().len(), 33);
    }
}
