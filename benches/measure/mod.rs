//! What the benchmarks share: how a set of timed runs is summed up.

use std::time::Duration;

/// The middle run: one slow run (a page-cache miss, the other core busy) does not move it.
pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}
