//! The values the Next.js server will see: the process environment first, then the env files
//! in the order `@next/env` reads them for its mode (`next dev`: `.env.development.local`,
//! `.env.local`, `.env.development`, `.env`; a production build: the same with `production`),
//! the first file that sets a name winning. With `--env-file` only that file is read. Each
//! file is expanded on its own, with the process environment.
//!
//! Production's key and secret are the production host's: the process environment (CI's
//! secrets), `.env.production.local`, `.env.production` and `.env`, but never `.env.local`,
//! which holds the development values on a laptop and is not on the host. The deployment's own
//! variables (`CONVEX_DEPLOYMENT`, `CONVEX_SELF_HOSTED_*`, …) are read from it all the same, as
//! the convex CLI reads them.

use std::path::{Path, PathBuf};

use crate::dotenv::{self, EnvFile, FileError, LoadError, Text};
use crate::environment::Environment;
use crate::keys::{KeyProblem, PrivateKey};
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, PRIVATE_KEY};

/// The env file Next.js and the convex CLI read when none is named.
pub const DEFAULT_ENV_FILE: &str = ".env.local";

/// Which of Next.js's env files the server reads: `next dev`, or a production build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Development,
    Production,
}

impl Mode {
    /// `--prod` means the values of a production build.
    pub fn for_prod(prod: bool) -> Mode {
        if prod { Mode::Production } else { Mode::Development }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Development => "development",
            Mode::Production => "production",
        }
    }
}

/// Where the Next.js server's values come from: the process environment first, then the env
/// file we write, named with `--env-file` (then it is the only file read) or the default
/// `.env.local` (then Next.js's other files count too).
#[derive(Debug, Clone)]
pub struct EnvSources {
    pub process: Environment,
    pub path: PathBuf,
    pub named: bool,
}

impl EnvSources {
    /// The files read beside ours, in Next.js's order: those before it win over it.
    fn around(&self, mode: Mode) -> (Vec<PathBuf>, Vec<PathBuf>) {
        if self.named {
            return (Vec::new(), Vec::new());
        }
        let dir = self.path.parent().unwrap_or(Path::new(""));
        let m = mode.name();
        (vec![dir.join(format!(".env.{m}.local"))], vec![dir.join(format!(".env.{m}")), dir.join(".env")])
    }

    /// A file Next.js reads before ours that sets `name`: its value wins over what we write.
    pub fn shadowing(&self, name: &str, mode: Mode) -> Option<PathBuf> {
        let (before, _) = self.around(mode);
        before
            .into_iter()
            .find(|path| LocalEnv::read(path, &self.process).is_ok_and(|layer| layer.in_file(name).is_some()))
    }
}

/// What happens to one variable of the env file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Keep,
    Create,
    Replace,
}

impl Edit {
    /// The word of a plan, before anything is written.
    pub fn planned(self) -> &'static str {
        match self {
            Edit::Keep => "keep",
            Edit::Create => "create",
            Edit::Replace => "replace",
        }
    }

    /// The word of a result, after the write.
    pub fn done(self) -> &'static str {
        match self {
            Edit::Keep => "unchanged",
            Edit::Create => "added",
            Edit::Replace => "replaced",
        }
    }
}

/// Where a value was found, for messages that tell the user what to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Process,
    File(PathBuf),
    /// Made by this run, and not in any file.
    Given,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Process => write!(f, "the environment"),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Given => write!(f, "this run"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LocalEnvError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("cannot read {}: {source}", .0.display(), source = .1)]
    Load(PathBuf, #[source] LoadError),
}

/// A value the command needs is missing or unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("{name} is not set in the environment or in {}", env_file.display())]
    Missing { name: &'static str, env_file: PathBuf },
    #[error("{name} for production is not set in the environment or in .env.production.local")]
    MissingForProduction { name: &'static str },
    #[error("{PRIVATE_KEY} in {location} cannot be used: {problem}")]
    BrokenKey { problem: KeyProblem, location: Source },
    /// Next.js uses a variable of the process environment even when it is empty, over the file.
    #[error("{name} is set but empty in this shell's environment, and Next.js uses that empty value over {}", env_file.display())]
    EmptyInEnvironment { name: &'static str, env_file: PathBuf },
}

/// The env file and the values Next.js would load from it.
pub struct LocalEnv {
    /// The process environment, the layer before every file.
    pub process: Environment,
    pub file: EnvFile,
    /// Next.js's other env files that exist, with what each loads: those before ours win.
    before: Vec<LocalEnv>,
    after: Vec<LocalEnv>,
    /// Whether our own file's key and secret count: not for production, unless it was named.
    own_values: bool,
    /// Values in hand that no file holds (new production values on their way to the host).
    given: Vec<(&'static str, Secret)>,
    /// What Next.js loads from the file, the process environment taking part in `$` expansion.
    loaded: Vec<(String, Text)>,
    /// What the file alone says, with no process environment: what an edit would replace.
    written: Vec<(String, Text)>,
}

impl LocalEnv {
    pub fn read(path: &Path, process: &Environment) -> Result<LocalEnv, LocalEnvError> {
        let file = EnvFile::read(path).map_err(LocalEnvError::File)?;
        let entries = dotenv::parse(&file.text).map_err(|e| LocalEnvError::Load(path.into(), e.into()))?;
        let load = |process: &dyn Fn(&str) -> Option<String>| {
            dotenv::expand(&entries, process).map_err(|e| LocalEnvError::Load(path.into(), e.into()))
        };
        let loaded = load(&|name| process.get(name).map(str::to_string))?;
        let written = load(&|_| None)?;
        Ok(LocalEnv {
            process: process.clone(),
            file,
            before: Vec::new(),
            after: Vec::new(),
            own_values: true,
            given: Vec::new(),
            loaded,
            written,
        })
    }

    /// Our env file and, unless it was named, the others Next.js reads in `mode`.
    pub fn load(files: &EnvSources, mode: Mode) -> Result<LocalEnv, LocalEnvError> {
        let mut local = LocalEnv::read(&files.path, &files.process)?;
        let (before, after) = files.around(mode);
        let read_all = |paths: Vec<PathBuf>| -> Result<Vec<LocalEnv>, LocalEnvError> {
            let layers = paths.iter().map(|p| LocalEnv::read(p, &files.process)).collect::<Result<Vec<_>, _>>()?;
            Ok(layers.into_iter().filter(|layer| layer.file.exists).collect())
        };
        local.before = read_all(before)?;
        local.after = read_all(after)?;
        local.own_values = files.named || mode == Mode::Development;
        Ok(local)
    }

    /// The non-empty value the Next.js server sees, and where it came from. The process
    /// environment comes first, as in Next.js, even when empty: then there is no value.
    pub fn get(&self, name: &str) -> Option<(String, Source)> {
        match self.process.get(name) {
            Some(v) if !v.is_empty() => Some((v.to_string(), Source::Process)),
            Some(_) => None,
            None => {
                if let Some((_, value)) = self.given.iter().find(|(n, _)| *n == name) {
                    return Some((value.expose().to_string(), Source::Given));
                }
                let own = Some(self).filter(|s| s.own_values || ![PRIVATE_KEY, ADAPTER_SECRET].contains(&name));
                let layers = self.before.iter().chain(own).chain(&self.after);
                layers.into_iter().find_map(|layer| {
                    layer.value_in(&layer.loaded, name).map(|v| (v.to_string(), Source::File(layer.file.path.clone())))
                })
            }
        }
    }

    /// The same, with `value` for `name` where the environment has none.
    pub fn with(mut self, name: &'static str, value: Secret) -> LocalEnv {
        self.given.push((name, value));
        self
    }

    /// [`LocalEnv::get`] for a value that must not be printed.
    pub fn secret(&self, name: &str) -> Option<(Secret, Source)> {
        self.get(name).map(|(value, source)| (Secret::new(value), source))
    }

    /// The private key the Next.js server would load, and where it was read.
    pub fn private_key(&self) -> Result<(PrivateKey, Source), ValueError> {
        let (pem, source) = self.secret(PRIVATE_KEY).ok_or_else(|| self.missing(PRIVATE_KEY))?;
        match PrivateKey::from_pem(&pem) {
            Ok(key) => Ok((key, source)),
            Err(problem) => Err(ValueError::BrokenKey { problem, location: source }),
        }
    }

    pub fn adapter_secret(&self) -> Result<Secret, ValueError> {
        self.adapter_secret_and_source().map(|(secret, _)| secret)
    }

    /// The adapter secret and where it was read.
    pub fn adapter_secret_and_source(&self) -> Result<(Secret, Source), ValueError> {
        self.secret(ADAPTER_SECRET).ok_or_else(|| self.missing(ADAPTER_SECRET))
    }

    fn missing(&self, name: &'static str) -> ValueError {
        let env_file = self.file.path.clone();
        if self.process.is_set(name) {
            ValueError::EmptyInEnvironment { name, env_file }
        } else if !self.own_values {
            ValueError::MissingForProduction { name }
        } else {
            ValueError::Missing { name, env_file }
        }
    }

    /// The non-empty value the file itself gives `name`, whatever the process environment
    /// says: what writing `name` would replace.
    pub fn in_file(&self, name: &str) -> Option<&str> {
        self.value_in(&self.written, name)
    }

    fn value_in<'a>(&self, values: &'a [(String, Text)], name: &str) -> Option<&'a str> {
        values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(dir: &Path, process: &[(&str, &str)]) -> EnvSources {
        EnvSources { process: Environment::of(process), path: dir.join(DEFAULT_ENV_FILE), named: false }
    }

    #[test]
    fn the_process_environment_comes_first_even_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env.local"), "A=file\nB=file\nC=$A\n").unwrap();
        let local = LocalEnv::load(&sources(dir.path(), &[("A", "process"), ("B", "")]), Mode::Development).unwrap();
        assert_eq!(local.get("A"), Some(("process".into(), Source::Process)));
        assert_eq!(local.get("B"), None, "an empty variable of the environment hides the file's");
        assert_eq!(local.get("C").map(|(v, _)| v), Some("process".into()), "references expand against it too");
        assert_eq!(local.in_file("A"), Some("file"), "what an edit would replace is the file's own");
        let local = LocalEnv::load(&sources(dir.path(), &[(ADAPTER_SECRET, "")]), Mode::Development).unwrap();
        assert!(matches!(local.adapter_secret(), Err(ValueError::EmptyInEnvironment { .. })));
    }

    #[test]
    fn files_count_in_next_js_order_and_production_skips_env_local_secrets() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env.development.local"), "A=dev-local\n").unwrap();
        std::fs::write(dir.path().join(".env.local"), format!("A=local\nB=local\n{ADAPTER_SECRET}=laptop\n")).unwrap();
        std::fs::write(dir.path().join(".env"), "B=env\nC=env\n").unwrap();
        let dev = LocalEnv::load(&sources(dir.path(), &[]), Mode::Development).unwrap();
        assert_eq!(dev.get("A").map(|(v, _)| v), Some("dev-local".into()));
        assert_eq!(dev.get("B").map(|(v, _)| v), Some("local".into()));
        assert_eq!(dev.get("C").map(|(v, _)| v), Some("env".into()));
        let prod = LocalEnv::load(&sources(dir.path(), &[]), Mode::Production).unwrap();
        assert!(matches!(prod.adapter_secret(), Err(ValueError::MissingForProduction { .. })));
        assert_eq!(prod.get("B").map(|(v, _)| v), Some("local".into()), "the deployment's own variables still count");
    }
}
