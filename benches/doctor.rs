//! doctor's wall time in round trips: every answer of the fake deployment (API and site) is
//! delayed 300 ms, so wall time / 300 ms is the number of round trips doctor waits for in a
//! row. A healthy run with an admin key, as CI runs it. Prints the figures and the requests.
//!
//!     cargo bench --bench doctor          (BENCH_RUNS=N to change the 5 runs)

// The tests' helpers; a benchmark uses a few of them.
#[path = "../tests/suite/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use support::fake::{ADMIN_KEY, FakeDeployment};

const DELAY: Duration = Duration::from_millis(300);

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let fake = FakeDeployment::start();
    let dir = support::project();
    let extra = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    let (_, secret, jwks) = support::local_setup(dir.path(), &extra);
    fake.set_env("JWKS", &jwks);
    fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", &secret);
    fake.set_delay(DELAY);

    let mut walls = Vec::new();
    let mut requests = 0;
    for _ in 0..runs {
        let before = fake.requests().len();
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_convex-authjs"))
            .args(["doctor", "--json"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        walls.push(start.elapsed());
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["ok"], true, "the run must be healthy: {report:#}");
        requests = fake.requests().len() - before;
    }
    walls.sort();
    let median = walls[walls.len() / 2];
    println!("doctor, healthy, with an admin key; every answer delayed {} ms; {runs} runs", DELAY.as_millis());
    println!("  median wall time   {:7.0} ms", median.as_secs_f64() * 1000.0);
    println!(
        "  round trips        {:7.2}  (wall / {} ms; target <= 3)",
        median.as_secs_f64() / DELAY.as_secs_f64(),
        DELAY.as_millis()
    );
    println!("  requests per run   {requests:7}");
    for r in fake.requests().iter().rev().take(requests).rev() {
        println!("    {} {}", r.method, r.path);
    }
}
