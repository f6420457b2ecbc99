//! The `npx convex env get|set` delegate, for deployments we hold no key for (the user's login
//! picks them). A value goes on stdin and comes back on a captured stdout: never in argv, where
//! other users can read it in `ps`, never through a shell, never shown. convex-facts.md §3.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::secrets::{self, Secret};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NpxError {
    /// npx itself is not on PATH.
    #[error("cannot run npx: it is not on PATH")]
    NoNpx,
    /// No `node_modules/convex` here or above: npx would try to download it.
    #[error("the convex npm package is not installed in {} or above it", project.display())]
    NoConvexPackage { project: PathBuf },
    /// The convex CLI ran and failed; its last words, with our values scrubbed out.
    #[error("`npx convex {command}` failed with {}{}", exit_status(*status), said(stderr))]
    Failed { command: String, status: Option<i32>, stderr: String },
}

fn exit_status(status: Option<i32>) -> String {
    status.map_or("a signal".to_string(), |c| format!("exit code {c}"))
}

fn said(stderr: &str) -> String {
    if stderr.is_empty() { String::new() } else { format!(": {stderr}") }
}

/// Flags passed through to `npx convex env set`.
#[derive(Debug, Clone, Default)]
pub struct Passthrough {
    pub prod: bool,
    pub deployment_name: Option<String>,
    pub env_file: Option<PathBuf>,
    /// The project's default variables for new preview deployments (`env default … --type
    /// preview`, convex 1.36 and later) rather than one deployment's variables.
    pub preview_defaults: bool,
}

fn npx_program() -> &'static str {
    if cfg!(windows) { "npx.cmd" } else { "npx" }
}

/// Checks up front what would otherwise fail slowly or prompt to install packages.
pub fn check_ready(project: &Path) -> Result<(), NpxError> {
    if which::which(npx_program()).is_err() {
        return Err(NpxError::NoNpx);
    }
    let installed = project.ancestors().any(|dir| dir.join("node_modules/convex/package.json").is_file());
    if !installed {
        return Err(NpxError::NoConvexPackage { project: project.to_path_buf() });
    }
    Ok(())
}

/// `npx --no convex env <verb> NAME [flags]`, run in the project.
fn convex_env(project: &Path, flags: &Passthrough, verb: &str, name: &str) -> Command {
    let mut command = Command::new(npx_program());
    command.args(["--no", "convex", "env"]).current_dir(project);
    if flags.preview_defaults {
        command.args(["default", verb, name, "--type", "preview"]);
    } else {
        command.args([verb, name]);
    }
    if flags.prod {
        command.arg("--prod");
    }
    if let Some(deployment) = &flags.deployment_name {
        command.args(["--deployment-name", deployment]);
    }
    if let Some(env_file) = &flags.env_file {
        command.arg("--env-file").arg(env_file);
    }
    command
}

fn failed(flags: &Passthrough, verb: &str, name: &str, output: &std::process::Output, scrub: &[&Secret]) -> NpxError {
    let default = if flags.preview_defaults { "default " } else { "" };
    NpxError::Failed {
        command: format!("env {default}{verb} {name}"),
        status: output.status.code(),
        stderr: last_words(&output.stderr, scrub),
    }
}

/// The deployment's current value of `name`, read with `npx convex env get NAME`: captured,
/// never shown. `None` when it is not set: the CLI then says so on stderr and exits 0, so the
/// empty stdout is what tells.
pub fn get(project: &Path, flags: &Passthrough, name: &str) -> Result<Option<Secret>, NpxError> {
    let output = convex_env(project, flags, "get", name)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|_| NpxError::NoNpx)?;
    let value = Secret::new(String::from_utf8_lossy(&output.stdout).into_owned());
    if !output.status.success() {
        return Err(failed(flags, "get", name, &output, &[&value]));
    }
    // The CLI prints the value and one newline.
    let text = value.expose();
    Ok((!text.is_empty()).then(|| Secret::new(text.strip_suffix('\n').unwrap_or(text))))
}

/// Runs `npx --no convex env set NAME [flags]` once per variable, value on stdin.
pub fn set(project: &Path, flags: &Passthrough, name: &str, value: &Secret, scrub: &[&Secret]) -> Result<(), NpxError> {
    let mut child = convex_env(project, flags, "set", name)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| NpxError::NoNpx)?;
    // The CLI strips one trailing newline from stdin, so this gives back `value` exactly.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(value.expose().as_bytes()).and_then(|_| stdin.write_all(b"\n"));
    }
    let output = child.wait_with_output().map_err(|_| NpxError::NoNpx)?;
    if output.status.success() {
        return Ok(());
    }
    Err(failed(flags, "set", name, &output, scrub))
}

/// Pushes the project's Convex code to its dev deployment once: `npx --no convex dev --once`,
/// in the project, with the env file named when it is not the CLI's own. No value of ours is
/// in its arguments or its stdin; what it prints goes to our stderr, and `scrub` is what must
/// not show in an error.
pub fn deploy_dev(project: &Path, env_file: Option<&Path>, scrub: &[&Secret]) -> Result<(), NpxError> {
    let mut command = Command::new(npx_program());
    command.args(["--no", "convex", "dev", "--once"]).current_dir(project);
    if let Some(env_file) = env_file {
        command.arg("--env-file").arg(env_file);
    }
    let output = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|_| NpxError::NoNpx)?;
    if output.status.success() {
        return Ok(());
    }
    Err(NpxError::Failed {
        command: "dev --once".into(),
        status: output.status.code(),
        stderr: last_words(&output.stderr, scrub),
    })
}

/// What the CLI said was wrong, with any of our values replaced: the lines it marks with `✖`
/// (its error lines), else its last three. What follows a `✖` is often a crash reporter's noise.
fn last_words(stderr: &[u8], scrub: &[&Secret]) -> String {
    let text = secrets::scrub(&String::from_utf8_lossy(stderr), scrub);
    let lines: Vec<String> =
        text.lines().map(|l| secrets::printable(l).trim().to_string()).filter(|l| !l.is_empty()).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let marked: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix('✖')).map(str::trim).collect();
    if marked.is_empty() { lines[lines.len().saturating_sub(3)..].join(" / ") } else { marked.join(" / ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_is_scrubbed_and_shortened() {
        let stderr = b"line one\n\nsecret-value leaked\nthree\nfour\n";
        assert_eq!(last_words(stderr, &[&Secret::new("secret-value")]), "[redacted] leaked / three / four");
    }

    #[test]
    fn the_marked_error_line_wins_over_the_noise_after_it() {
        let stderr = "Retrying request (attempt 6/6)...\n✖ TypeError: fetch failed\nUnexpected Error: Error: getaddrinfo ENOTFOUND o1192621.ingest.sentry.io\nThis error originated either by throwing inside of an async function\n    at GetAddrInfoReqWrap.onlookupall\n";
        assert_eq!(last_words(stderr.as_bytes(), &[]), "TypeError: fetch failed");
    }
}
