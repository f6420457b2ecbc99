//! What the command line leaves to work out, worked out once before anything runs: whether the
//! env file is the default one, and the deployment flags as a [`Connection`]. The commands read
//! their other arguments as `cli` declares them (plain data, which clap fills at the edge);
//! the domain never sees them.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use crate::cli::{self, Cli};
use crate::deployment::Selector;
use crate::environment::Environment;
use crate::local_env::{DEFAULT_ENV_FILE, EnvSources};

pub struct Config {
    pub output: Output,
    pub env_files: EnvSources,
    /// The command and its arguments, as declared: what needs resolving is resolved here.
    pub command: cli::Command,
    /// `--env-file` for the convex CLI, only when it names another file than the one the CLI
    /// reads by itself (it then ignores the process environment, so we pass it only if needed).
    convex_cli_env_file: Option<PathBuf>,
}

/// How results are shown: `--json`, `--quiet`, `--yes`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub yes: bool,
}

/// Which deployment, and the rules for the requests to it.
pub struct Connection {
    pub selector: Selector,
    pub timeout: Duration,
    pub allow_insecure_http: bool,
    pub convex_cli_env_file: Option<PathBuf>,
}

impl Config {
    /// The configuration of this run: its command line and its environment, read once.
    pub fn from_cli(cli: Cli, process: Environment) -> Config {
        let g = cli.global;
        // Whether the env file is the default one, decided once.
        let named = !is_default_env_file(&g.env_file);
        Config {
            output: Output { json: g.json, quiet: g.quiet, yes: g.yes },
            convex_cli_env_file: named.then(|| g.env_file.clone()),
            env_files: EnvSources { process, path: g.env_file, named },
            command: cli.command,
        }
    }

    /// The deployment flags resolved: the selector, the timeout as a duration, the env file to
    /// name to the convex CLI.
    pub fn connection(&self, d: &cli::DeploymentArgs) -> Connection {
        Connection {
            selector: Selector {
                url: d.url.clone(),
                admin_key: d.admin_key.clone(),
                prod: d.prod,
                deployment_name: d.deployment_name.clone(),
            },
            timeout: Duration::from_secs(d.timeout),
            allow_insecure_http: d.allow_insecure_http,
            convex_cli_env_file: self.convex_cli_env_file.clone(),
        }
    }
}

/// Whether `path` is `./.env.local`, however it is spelled (`./.env.local`, an absolute path,
/// `sub/../.env.local`). Paths are compared, not strings.
fn is_default_env_file(path: &Path) -> bool {
    let Ok(here) = std::env::current_dir() else {
        return path == Path::new(DEFAULT_ENV_FILE);
    };
    let default = here.join(DEFAULT_ENV_FILE);
    if let (Ok(a), Ok(b)) = (path.canonicalize(), default.canonicalize()) {
        return a == b;
    }
    lexical(&here.join(path)) == default
}

/// `path` with `.` and `..` resolved without touching the disk, for a file that may not exist
/// yet (`std::path::absolute` keeps `..` on Unix, where a symlink could make it mean another place).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_env_file_is_recognised_however_it_is_spelled() {
        let here = std::env::current_dir().unwrap();
        for same in [".env.local", "./.env.local", "sub/../.env.local"] {
            assert!(is_default_env_file(Path::new(same)), "{same}");
        }
        assert!(is_default_env_file(&here.join(".env.local")));
        assert!(!is_default_env_file(Path::new(".env")));
        assert!(!is_default_env_file(Path::new("app/.env.local")));
    }
}
