//! What reading one of the user's files found: our part is there, or can be inserted, or the
//! file is one we leave to the user.

use super::source::Insert;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Everything we would add is there, by meaning.
    Present,
    /// These insertions add what is `missing`.
    Insert { inserts: Vec<Insert>, missing: Vec<String> },
    /// We will not edit it: why, and the exact lines for the user to add.
    Manual { missing: Vec<String>, reason: String, lines: String },
}

impl Verdict {
    pub fn manual(missing: Vec<String>, reason: &str, lines: String) -> Verdict {
        Verdict::Manual { missing, reason: reason.to_string(), lines }
    }
}
