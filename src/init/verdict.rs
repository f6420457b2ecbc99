//! What reading one of the user's files found: our part is there, or can be inserted, or the
//! file is one we leave to the user.

use super::edit::Insert;
use super::file_plan::Missing;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Everything we would add is there, by meaning.
    Present,
    /// These insertions add what is `missing`.
    Insert { inserts: Vec<Insert>, missing: Vec<Missing> },
    /// We will not edit it: why, and the exact lines for the user to add.
    Manual { missing: Vec<Missing>, reason: String, lines: String },
}

impl Verdict {
    pub fn manual(missing: Vec<Missing>, reason: &str, lines: String) -> Verdict {
        Verdict::Manual { missing, reason: reason.to_string(), lines }
    }
}

/// For the tests of the files we merge into: what `judge` makes of `text`, and the text after
/// its insertions.
#[cfg(test)]
pub fn judged(name: &str, text: &str, judge: fn(&str, &oxc_ast::ast::Program) -> Verdict) -> (Verdict, String) {
    super::source::parse(std::path::Path::new(name), text, |program| {
        let verdict = judge(text, program);
        let after = match &verdict {
            Verdict::Insert { inserts, .. } => super::edit::insert(text, inserts),
            _ => text.to_string(),
        };
        (verdict, after)
    })
    .expect("the test's text parses")
}
