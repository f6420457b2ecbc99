//! The adapter's shared secret.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The fewest random bytes we accept: 256 bits.
pub const MIN_BYTES: usize = 32;
/// What `openssl rand -base64 33` gives: 44 base64 characters with no padding.
pub const DEFAULT_BYTES: usize = 33;

/// `bytes` bytes from the system's random source, in standard base64.
pub fn generate(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    aws_lc_rs::rand::fill(&mut buf).expect("the system random source failed");
    STANDARD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_44_base64_characters_and_never_repeats() {
        let a = generate(DEFAULT_BYTES);
        let b = generate(DEFAULT_BYTES);
        assert_eq!(a.len(), 44);
        assert_ne!(a, b);
        assert_eq!(STANDARD.decode(&a).unwrap().len(), 33);
    }
}
