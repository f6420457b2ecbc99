//! Shared by the integration tests: the binary, scratch projects, and the npm side.
#![allow(dead_code)]

pub mod node;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The binary under test, run in `dir` with no inherited variables that could change its
/// behaviour (CI, colours, values the tests put in env files).
pub fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("convex-authjs").expect("the binary is built");
    cmd.current_dir(dir);
    for name in [
        "CI",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CONVEX_AUTH_PRIVATE_KEY",
        "CONVEX_AUTH_ADAPTER_SECRET",
        "JWKS",
    ] {
        cmd.env_remove(name);
    }
    cmd
}

/// A fresh project folder, removed when dropped.
pub fn project() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("convex-authjs-test-")
        .tempdir()
        .expect("a temp dir")
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("file is readable")
}

pub fn env_local(dir: &Path) -> PathBuf {
    dir.join(".env.local")
}
