//! The command line turned into plain configuration, once, before anything runs: commands and
//! the domain never see clap. Defaults live in the domain modules and `cli.rs` names them.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use crate::cli::{self, Cli};
use crate::deployment::Selector;
use crate::deployment::channel::Via;
use crate::environment::Environment;
use crate::keys::Bits;
use crate::local_env::{DEFAULT_ENV_FILE, EnvSources};

pub struct Config {
    pub output: Output,
    pub env_files: EnvSources,
    pub command: Command,
}

/// How results are shown: `--json`, `--quiet`, `--yes`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub yes: bool,
}

pub enum Command {
    KeysGenerate {
        bits: Bits,
        write: bool,
        force: bool,
    },
    KeysJwks,
    KeysRotate(KeysRotate),
    KeysPrune(KeysPrune),
    KeysStatus(KeysStatus),
    SecretGenerate {
        bytes: u16,
        raw: bool,
        write: bool,
        force: bool,
    },
    EnvPush(EnvPush),
    Doctor(Doctor),
    Setup(Setup),
    Init(Init),
    /// The completion script, already written by clap.
    Completions {
        script: String,
    },
}

/// Which deployment, and the rules for the requests to it.
pub struct Connection {
    pub selector: Selector,
    pub timeout: Duration,
    pub allow_insecure_http: bool,
    /// `--env-file` for the convex CLI, only when it names another file than the one the CLI
    /// reads by itself (it then ignores the process environment, so we pass it only if needed).
    pub convex_cli_env_file: Option<PathBuf>,
}

pub struct KeysRotate {
    pub connection: Connection,
    pub via: Via,
    pub wait: Duration,
    pub print_hosting_env: bool,
    pub hosting_env_file: Option<PathBuf>,
}

pub struct KeysPrune {
    pub connection: Connection,
    pub via: Via,
    pub signing_kid: Option<String>,
    pub force: bool,
}

pub struct KeysStatus {
    pub connection: Connection,
    pub via: Via,
}

pub struct EnvPush {
    pub connection: Connection,
    pub via: Via,
    pub dry_run: bool,
    /// The project's defaults for preview deployments, not one deployment.
    pub preview: bool,
}

/// What doctor checks against.
pub struct Checks {
    pub site_url: Option<String>,
    pub adapter_module: String,
}

pub struct Doctor {
    pub connection: Connection,
    pub checks: Checks,
}

pub struct Setup {
    pub connection: Connection,
    pub via: Via,
    pub force: bool,
    pub print_hosting_env: bool,
    /// With --prod: where the production values are written (nowhere else).
    pub hosting_env_file: Option<PathBuf>,
    pub dry_run: bool,
    /// The project's defaults for preview deployments, not one deployment.
    pub preview: bool,
    pub checks: Checks,
}

pub struct Init {
    pub dry_run: bool,
    pub install: bool,
}

impl Config {
    /// The configuration of this run: its command line and its environment, read once.
    pub fn from_cli(cli: Cli, process: Environment) -> Config {
        let g = cli.global;
        let output = Output { json: g.json, quiet: g.quiet, yes: g.yes };
        let connection = |d: cli::DeploymentArgs| Connection {
            selector: Selector { url: d.url, admin_key: d.admin_key, prod: d.prod, deployment_name: d.deployment_name },
            timeout: Duration::from_secs(d.timeout),
            allow_insecure_http: d.allow_insecure_http,
            convex_cli_env_file: (!is_default_env_file(&g.env_file)).then(|| g.env_file.clone()),
        };
        let checks = |c: cli::CheckArgs| Checks { site_url: c.site_url, adapter_module: c.adapter_module };
        let command = match cli.command {
            cli::Command::Keys(cli::KeysCommand::Generate(a)) => {
                Command::KeysGenerate { bits: a.bits, write: a.write, force: a.force }
            }
            cli::Command::Keys(cli::KeysCommand::Jwks) => Command::KeysJwks,
            cli::Command::Keys(cli::KeysCommand::Rotate(a)) => Command::KeysRotate(KeysRotate {
                connection: connection(a.deployment),
                via: a.reach.via,
                wait: Duration::from_secs(a.wait),
                print_hosting_env: a.print_hosting_env,
                hosting_env_file: a.hosting_env_file,
            }),
            cli::Command::Keys(cli::KeysCommand::Prune(a)) => Command::KeysPrune(KeysPrune {
                connection: connection(a.deployment),
                via: a.reach.via,
                signing_kid: a.signing_kid,
                force: a.force,
            }),
            cli::Command::Keys(cli::KeysCommand::Status(a)) => {
                Command::KeysStatus(KeysStatus { connection: connection(a.deployment), via: a.reach.via })
            }
            cli::Command::Secret(cli::SecretCommand::Generate(a)) => {
                Command::SecretGenerate { bytes: a.bytes, raw: a.raw, write: a.write, force: a.force }
            }
            cli::Command::Env(cli::EnvCommand::Push(a)) => Command::EnvPush(EnvPush {
                connection: connection(a.deployment),
                via: a.reach.via,
                dry_run: a.dry_run,
                preview: a.preview,
            }),
            cli::Command::Doctor(a) => {
                Command::Doctor(Doctor { connection: connection(a.deployment), checks: checks(a.checks) })
            }
            cli::Command::Setup(a) => Command::Setup(Setup {
                connection: connection(a.deployment),
                via: a.reach.via,
                force: a.force,
                print_hosting_env: a.print_hosting_env,
                hosting_env_file: a.hosting_env_file,
                dry_run: a.dry_run,
                preview: a.preview,
                checks: checks(a.checks),
            }),
            cli::Command::Init(a) => Command::Init(Init { dry_run: a.dry_run, install: a.install }),
            cli::Command::Completions { shell } => {
                let mut script = Vec::new();
                cli::completions(shell, &mut script);
                Command::Completions { script: String::from_utf8_lossy(&script).trim_end().to_string() }
            }
        };
        let named = !is_default_env_file(&g.env_file);
        Config { output, env_files: EnvSources { process, path: g.env_file, named }, command }
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
