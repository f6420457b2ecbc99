//! Runs `tests/interop/check.mjs`, which drives the real `@next/env` and `jose`.
//!
//! The npm packages are installed from the committed lock file with `npm ci` the first time
//! any test needs them. A machine without node fails these tests: they are the proof that what
//! we write is read correctly, and skipping them would hide exactly the bugs they exist for.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

pub fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// Installs the interop packages once, even when several test binaries ask at the same time.
pub fn ensure_installed() {
    npm_ci(&interop_dir());
}

/// `npm ci` in `dir` from its committed lock file, once: test binaries take turns.
pub fn npm_ci(dir: &Path) {
    let lock = File::create(std::env::temp_dir().join("convex-authjs-npm-ci.lock")).expect("lock file");
    lock.lock().expect("lock the npm install");
    if !dir.join("node_modules/.package-lock.json").exists() {
        let status = Command::new(npm())
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run npm ({e}); node 20 and npm are needed for these tests"));
        assert!(status.success(), "npm ci failed in {}", dir.display());
    }
}

/// The node on PATH; a machine without it fails the tests that need it.
pub fn node() -> PathBuf {
    which::which("node").expect("node is not on PATH; these tests need node 20")
}

fn npm() -> &'static str {
    if cfg!(windows) { "npm.cmd" } else { "npm" }
}

/// Sends one request to check.mjs and returns its answer. The child gets an empty
/// environment so that nothing from the test runner leaks into what @next/env loads.
pub fn call(request: &Value) -> Value {
    let answer = run_check(request, None).unwrap_or_else(|stderr| panic!("check.mjs failed: {stderr}"));
    if let Some(error) = answer.get("error") {
        panic!("check.mjs: {error}");
    }
    answer
}

/// As `call`, for a request that may make node run away (a self-referencing `$` that
/// dotenv-expand grows until the stack or V8's memory runs out): its heap is capped at 128 MiB,
/// so it dies soon and small on a loaded machine, and a node that dies is the `Err` of its
/// stderr.
#[cfg(feature = "interop")]
pub fn try_call(request: &Value) -> Result<Value, String> {
    run_check(request, Some(128))
}

fn run_check(request: &Value, heap_mib: Option<u32>) -> Result<Value, String> {
    ensure_installed();
    let mut command = Command::new(node());
    if let Some(mib) = heap_mib {
        command.arg(format!("--max-old-space-size={mib}"));
    }
    let mut child = command
        .arg("check.mjs")
        .current_dir(interop_dir())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(serde_json::from_slice(&out.stdout).expect("check.mjs answers JSON"))
}

/// What Next.js loads from each text saved as `.env.local`: (name → value, load errors).
pub fn next_env_load(files: &[String]) -> Vec<(serde_json::Map<String, Value>, Vec<Value>)> {
    let answer = call(&serde_json::json!({ "op": "load", "files": files }));
    answer
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            (r["env"].as_object().cloned().unwrap_or_default(), r["errors"].as_array().cloned().unwrap_or_default())
        })
        .collect()
}
