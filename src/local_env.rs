//! The values the Next.js server will see: the process environment first, then the env file,
//! as `@next/env` and the convex CLI both resolve them.

use std::path::{Path, PathBuf};

use crate::dotenv::{self, EnvFile, FileError, LoadError};

pub const PRIVATE_KEY: &str = "CONVEX_AUTH_PRIVATE_KEY";
pub const ADAPTER_SECRET: &str = "CONVEX_AUTH_ADAPTER_SECRET";

/// Where a value was found, for messages that tell the user what to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Process,
    File(PathBuf),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Process => write!(f, "the environment"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

#[derive(Debug)]
pub enum LocalEnvError {
    File(FileError),
    Load(PathBuf, LoadError),
}

impl std::fmt::Display for LocalEnvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LocalEnvError::File(e) => e.fmt(f),
            LocalEnvError::Load(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LocalEnvError {}

/// The env file and the values Next.js would load from it.
pub struct LocalEnv {
    pub file: EnvFile,
    loaded: Vec<(String, String)>,
}

impl LocalEnv {
    pub fn read(path: &Path) -> Result<LocalEnv, LocalEnvError> {
        let file = EnvFile::read(path).map_err(LocalEnvError::File)?;
        let entries = dotenv::parse(&file.text).map_err(|e| LocalEnvError::Load(path.into(), e.into()))?;
        let loaded = dotenv::expand(&entries, &|name| std::env::var(name).ok())
            .map_err(|e| LocalEnvError::Load(path.into(), e.into()))?;
        Ok(LocalEnv { file, loaded })
    }

    /// A non-empty value and where it came from.
    pub fn get(&self, name: &str) -> Option<(String, Source)> {
        if let Some(v) = std::env::var(name).ok().filter(|v| !v.is_empty()) {
            return Some((v, Source::Process));
        }
        self.in_file(name).map(|v| (v.to_string(), Source::File(self.file.path.clone())))
    }

    /// The non-empty value the file itself gives `name`, ignoring the process environment.
    pub fn in_file(&self, name: &str) -> Option<&str> {
        self.loaded.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
}
