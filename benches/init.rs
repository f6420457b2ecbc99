//! `init`'s wall time on the largest fixture (tests/fixtures/projects/existing-code: three files
//! merged with the parser, two left to the user, five created), against two baselines in the
//! same run: the binary doing nothing (`--version`) and node doing nothing (`node -e 0`, the
//! least a tool written in JavaScript pays). Prints medians of N runs.
//!
//!     cargo bench --bench init          (BENCH_RUNS=N to change the 31 runs)

// The tests' helpers; a benchmark uses a few of them.
#[path = "../tests/suite/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

mod measure;
use measure::median;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_convex-authjs"))
}

fn time(mut command: Command) -> Duration {
    let start = Instant::now();
    let out = command.output().expect("the command runs");
    let took = start.elapsed();
    assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    took
}

fn in_dir(mut command: Command, dir: &Path, args: &[&str]) -> Command {
    command.args(args).current_dir(dir);
    command
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(31);
    let mut plan = Vec::new();
    let mut write = Vec::new();
    let mut again = Vec::new();
    let mut version = Vec::new();
    let mut node = Vec::new();
    for _ in 0..runs {
        let project = support::adapter::fixture("existing-code");
        let dir = project.path();
        plan.push(time(in_dir(bin(), dir, &["init", "--dry-run"])));
        write.push(time(in_dir(bin(), dir, &["init", "--yes"])));
        again.push(time(in_dir(bin(), dir, &["init", "--yes"])));
        version.push(time(in_dir(bin(), dir, &["--version"])));
        node.push(time(in_dir(Command::new("node"), dir, &["-e", "0"])));
    }
    let (version, node) = (median(version), median(node));
    println!("init on tests/fixtures/projects/existing-code, medians of {runs} runs:");
    for (what, runs) in [
        ("init --dry-run (plan, diff)", plan),
        ("init --yes (creates 5, updates 3)", write),
        ("init --yes again (unchanged)", again),
    ] {
        let m = median(runs);
        println!(
            "  {what:<30} {:>7.2} ms   {:>5.2}x convex-authjs --version   {:>5.2}x node -e 0",
            m.as_secs_f64() * 1e3,
            m.as_secs_f64() / version.as_secs_f64(),
            m.as_secs_f64() / node.as_secs_f64()
        );
    }
    println!("  {:<30} {:>7.2} ms", "convex-authjs --version", version.as_secs_f64() * 1e3);
    println!("  {:<30} {:>7.2} ms", "node -e 0", node.as_secs_f64() * 1e3);
}
