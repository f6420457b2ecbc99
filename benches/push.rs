//! Pushing JWKS and the adapter secret to a deployment: `convex-authjs env push --via api`
//! against the way it is done today, two `npx convex env set` runs, both against the same fake
//! deployment on loopback and alternated run by run. Prints the medians and the ratio.
//!
//!     cargo bench --bench push            (BENCH_RUNS=N to change the 15 runs)

// The tests' helpers; a benchmark uses a few of them.
#[path = "../tests/suite/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

mod measure;
use measure::median;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use support::fake::{ADMIN_KEY, FakeDeployment};

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    let extra = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    let (_, secret, jwks) = support::local_setup(dir.path(), &extra);
    let ours = env!("CARGO_BIN_EXE_convex-authjs");

    let (mut ours_times, mut npx_times) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        fake.state.lock().unwrap().env.clear();
        let start = Instant::now();
        let out = Command::new(ours)
            .args(["env", "push", "--via", "api", "--yes", "-q"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        ours_times.push(start.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(fake.env().get("JWKS"), Some(&jwks));

        fake.state.lock().unwrap().env.clear();
        let start = Instant::now();
        for (name, value) in [("JWKS", &jwks), ("CONVEX_AUTH_ADAPTER_SECRET", &secret)] {
            let mut child = Command::new("npx")
                .args(["--no", "convex", "env", "set", name])
                .current_dir(dir.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(format!("{value}\n").as_bytes()).unwrap();
            assert!(child.wait().unwrap().success());
        }
        npx_times.push(start.elapsed());
        assert_eq!(fake.env().get("CONVEX_AUTH_ADAPTER_SECRET"), Some(&secret));
    }
    let (a, b) = (median(ours_times), median(npx_times));
    println!("{runs} runs each, alternating; whole-process wall time against a fake deployment on loopback");
    println!("  convex-authjs env push --via api   median {:8.1} ms", a.as_secs_f64() * 1000.0);
    println!("  2 x npx convex env set             median {:8.1} ms", b.as_secs_f64() * 1000.0);
    println!("ratio: {:.3}x (target <= 0.1x)", a.as_secs_f64() / b.as_secs_f64());
}
