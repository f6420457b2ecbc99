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

/// A check's outcome before it is timed and named.
pub struct Outcome {
    pub status: Status,
    pub summary: String,
    pub hint: Option<String>,
}

impl Outcome {
    pub fn pass(summary: impl Into<String>) -> Outcome {
        Outcome { status: Status::Pass, summary: summary.into(), hint: None }
    }
    pub fn warn(summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome { status: Status::Warn, summary: summary.into(), hint: Some(hint.into()) }
    }
    pub fn fail(summary: impl Into<String>, hint: impl Into<String>) -> Outcome {
        Outcome { status: Status::Fail, summary: summary.into(), hint: Some(hint.into()) }
    }
    pub fn skip(summary: impl Into<String>) -> Outcome {
        Outcome { status: Status::Skip, summary: summary.into(), hint: None }
    }
}

/// An outcome and how long it took, in milliseconds.
pub type Timed = (Outcome, u64);

pub fn timed(f: impl FnOnce() -> Outcome) -> Timed {
    let start = Instant::now();
    let outcome = f();
    (outcome, start.elapsed().as_millis() as u64)
}
