//! Reading and atomically rewriting an env file on disk.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An env file as read from disk. A missing file reads as empty and is created on write.
#[derive(Debug)]
pub struct EnvFile {
    pub path: PathBuf,
    pub text: String,
    pub exists: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} is a directory, not an env file", .0.display())]
    IsDirectory(PathBuf),
    #[error("cannot read {}: {}", .0.display(), plain_io(.1))]
    Unreadable(PathBuf, #[source] io::Error),
    #[error("{} is not UTF-8 text (line {line}); Next.js reads env files as UTF-8", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("cannot write {}: {}", .0.display(), plain_io(.1))]
    Unwritable(PathBuf, #[source] io::Error),
}

/// `io::Error`'s text without the "(os error 13)" tail, which means nothing to our users.
fn plain_io(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_lowercase(),
        None => text,
    }
}

impl EnvFile {
    pub fn read(path: &Path) -> Result<EnvFile, FileError> {
        if path.is_dir() {
            return Err(FileError::IsDirectory(path.to_path_buf()));
        }
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(EnvFile { path: path.to_path_buf(), text: String::new(), exists: false });
            }
            Err(e) => return Err(FileError::Unreadable(path.to_path_buf(), e)),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            FileError::NotUtf8 { path: path.to_path_buf(), line }
        })?;
        Ok(EnvFile { path: path.to_path_buf(), text, exists: true })
    }

    /// Replaces the file's contents all at once: a temporary file beside it, flushed to disk,
    /// then renamed over it. A reader sees the old file or the new one, never half of one. An
    /// existing file keeps its permissions; a new one is readable by its owner only. A symlink
    /// is followed, so the file it points to is updated and the link kept.
    pub fn write(&self, text: &str) -> Result<(), FileError> {
        let target = if self.exists {
            fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone())
        } else {
            self.path.clone()
        };
        let fail = |e: io::Error| FileError::Unwritable(self.path.clone(), e);
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // tempfile creates the file 0600 and removes it again if anything below fails.
        let mut temp =
            tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(&dir).map_err(fail)?;
        temp.write_all(text.as_bytes()).map_err(fail)?;
        if self.exists {
            let permissions = fs::metadata(&target).map_err(fail)?.permissions();
            fs::set_permissions(temp.path(), permissions).map_err(fail)?;
        }
        temp.as_file().sync_all().map_err(fail)?;
        temp.persist(&target).map_err(|e| fail(e.error))?;
        sync_dir(&dir);
        Ok(())
    }
}

/// Makes the rename itself durable. Best effort: some filesystems refuse to sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
