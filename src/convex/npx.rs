//! The `npx convex env set` delegate, for deployments we hold no key for (the user's login
//! picks them). The value goes on stdin: never in argv, where other users can read it in `ps`,
//! and never through a shell. convex-facts.md §3.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NpxError {
    /// npx itself is not on PATH.
    NoNpx,
    /// No `node_modules/convex` here or above: npx would try to download it.
    NoConvexPackage { project: PathBuf },
    /// The convex CLI ran and failed; its last words, with our values scrubbed out.
    Failed { name: String, status: Option<i32>, stderr: String },
}

impl std::fmt::Display for NpxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NpxError::NoNpx => write!(f, "cannot run npx: it is not on PATH"),
            NpxError::NoConvexPackage { project } => {
                write!(f, "the convex npm package is not installed in {} or above it", project.display())
            }
            NpxError::Failed { name, status, stderr } => {
                let code = status.map_or("a signal".to_string(), |c| format!("exit code {c}"));
                write!(f, "`npx convex env set {name}` failed with {code}")?;
                if !stderr.is_empty() {
                    write!(f, ": {stderr}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for NpxError {}

/// Flags passed through to `npx convex env set`.
#[derive(Debug, Clone, Default)]
pub struct Passthrough {
    pub prod: bool,
    pub deployment_name: Option<String>,
    pub env_file: Option<PathBuf>,
}

fn npx_program() -> &'static str {
    if cfg!(windows) { "npx.cmd" } else { "npx" }
}

/// Checks up front what would otherwise fail slowly or prompt to install packages.
pub fn check_ready(project: &Path) -> Result<(), NpxError> {
    let has_npx = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(npx_program()).is_file()));
    if !has_npx {
        return Err(NpxError::NoNpx);
    }
    let installed = project.ancestors().any(|dir| dir.join("node_modules/convex/package.json").is_file());
    if !installed {
        return Err(NpxError::NoConvexPackage { project: project.to_path_buf() });
    }
    Ok(())
}

/// Runs `npx --no convex env set NAME [flags]` once per variable, value on stdin.
pub fn set(project: &Path, flags: &Passthrough, name: &str, value: &str, secrets: &[&str]) -> Result<(), NpxError> {
    let mut command = Command::new(npx_program());
    command.args(["--no", "convex", "env", "set", name]);
    if flags.prod {
        command.arg("--prod");
    }
    if let Some(deployment) = &flags.deployment_name {
        command.args(["--deployment-name", deployment]);
    }
    if let Some(env_file) = &flags.env_file {
        command.arg("--env-file").arg(env_file);
    }
    let mut child = command
        .current_dir(project)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| NpxError::NoNpx)?;
    // The CLI strips one trailing newline from stdin, so this gives back `value` exactly.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(format!("{value}\n").as_bytes());
    }
    let output = child.wait_with_output().map_err(|_| NpxError::NoNpx)?;
    if output.status.success() {
        return Ok(());
    }
    Err(NpxError::Failed {
        name: name.into(),
        status: output.status.code(),
        stderr: last_words(&output.stderr, secrets),
    })
}

/// The last non-empty lines of the CLI's stderr, with any of our values replaced.
fn last_words(stderr: &[u8], secrets: &[&str]) -> String {
    let mut text = String::from_utf8_lossy(stderr).into_owned();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        text = text.replace(secret, "[redacted]");
    }
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines[lines.len().saturating_sub(3)..].join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_is_scrubbed_and_shortened() {
        let stderr = b"line one\n\nsecret-value leaked\nthree\nfour\n";
        assert_eq!(last_words(stderr, &["secret-value"]), "[redacted] leaked / three / four");
    }
}
