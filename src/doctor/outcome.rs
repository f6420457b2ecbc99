//! What a check finds: its status, a summary and, when it is not a pass, the fix.

use std::time::Instant;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

impl Status {
    /// The word a report shows, and the one `--json` serializes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
    }
}

/// A check's outcome before it is timed and named.
pub struct Outcome {
    pub status: Status,
    pub summary: String,
    pub hint: Option<String>,
    /// The address a failure could not reach: every check that met the same outage has one
    /// cause, reported once.
    pub unreachable: Option<String>,
    /// The project's file the check is about (the `code.*` checks), relative to the project.
    pub file: Option<String>,
}

impl Outcome {
    fn new(status: Status, summary: impl Into<String>, hint: Option<String>) -> Outcome {
        Outcome { status, summary: summary.into(), hint, unreachable: None, file: None }
    }
    pub fn pass(summary: impl Into<String>) -> Outcome {
        Outcome::new(Status::Pass, summary, None)
    }
    pub fn warn(summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome::new(Status::Warn, summary, Some(hint.into()))
    }
    pub fn fail(summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome::new(Status::Fail, summary, Some(hint.into()))
    }
    pub fn skip(summary: impl Into<String>) -> Outcome {
        Outcome::new(Status::Skip, summary, None)
    }
    /// The same, about `file` of the project.
    pub fn in_file(self, file: &std::path::Path) -> Outcome {
        Outcome { file: Some(crate::init::slashed(file)), ..self }
    }

    /// A failure to reach `url` at all.
    pub fn unreachable(url: &str, summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome { unreachable: Some(url.to_string()), ..Outcome::fail(summary, hint) }
    }
}

/// An outcome and how long it took, in milliseconds.
pub type Timed = (Outcome, u64);

pub fn timed(f: impl FnOnce() -> Outcome) -> Timed {
    let start = Instant::now();
    let outcome = f();
    (outcome, start.elapsed().as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn the_shown_word_is_the_json_word() {
        for status in [Status::Pass, Status::Warn, Status::Fail, Status::Skip] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
    }
}
