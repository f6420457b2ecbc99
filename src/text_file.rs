//! Reading and atomically rewriting a text file the user owns (the env file, the app's source
//! files), without losing what the user had: the file's bytes, its permissions, owner and
//! group, its symlink, and an edit made at the same time by another run, by `npx convex dev`
//! or by the user's editor.

use std::fs::{self, File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use zeroize::Zeroize;

/// Far larger than any env file or source file; what is larger is not one (and `/dev/zero`
/// never ends).
pub const MAX_BYTES: u64 = 16 << 20;
/// Our temporary files are `<name>.convex-authjs-<random>.local`: create-next-app's `.env*`
/// and `.env*.local` ignore patterns cover them, so a copy of a secret is never committed.
const TEMP_MARK: &str = ".convex-authjs-";
const TEMP_SUFFIX: &str = ".local";

/// Who may read a file we create (an existing file keeps its permissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Its owner alone: the env file, which holds secrets.
    Private,
    /// As the user's umask allows, like a file their editor creates: source files.
    Shared,
}

/// A text file as read from disk. A missing file reads as empty and is created on write.
#[derive(Debug)]
pub struct TextFile {
    pub path: PathBuf,
    pub text: String,
    pub exists: bool,
    /// What the file was when read, to tell whether it changed before we replace it.
    seen: Option<Seen>,
}

/// An env file holds secrets: its text is wiped when it is dropped.
impl Drop for TextFile {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

/// A file's identity and contents at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    /// Device and inode (Unix): a file renamed over it is another file.
    identity: (u64, u64),
    len: u64,
    modified: Option<SystemTime>,
    digest: Vec<u8>,
}

impl Seen {
    fn of(meta: &Metadata, bytes: &[u8]) -> Seen {
        Seen {
            identity: platform::identity(meta),
            len: meta.len(),
            modified: meta.modified().ok(),
            digest: aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes).as_ref().to_vec(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} is a directory, not a file", .0.display())]
    IsDirectory(PathBuf),
    #[error("{} is {kind}, not a regular file", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{} is a symlink to {}, which does not exist", path.display(), target.display())]
    DanglingSymlink { path: PathBuf, target: PathBuf },
    #[error("{} is larger than {} MiB, which no env file or source file is", .0.display(), MAX_BYTES >> 20)]
    TooLarge(PathBuf),
    #[error("cannot read {}: {}", .0.display(), plain_io(.1))]
    Unreadable(PathBuf, #[source] io::Error),
    #[error("{} is not UTF-8 text (line {line})", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("{} has {links} hard links; replacing it would split them", path.display())]
    HardLinked { path: PathBuf, links: u64 },
    #[error("{} is read-only", .0.display())]
    ReadOnly(PathBuf),
    #[error("{} changed while we were editing it (another program wrote it)", .0.display())]
    Changed(PathBuf),
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

impl TextFile {
    /// Reads the file, refusing anything that is not a regular file (after following a
    /// symlink) and anything larger than such a file can be.
    pub fn read(path: &Path) -> Result<TextFile, FileError> {
        let missing = || TextFile { path: path.to_path_buf(), text: String::new(), exists: false, seen: None };
        let link = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(missing()),
            Err(e) => return Err(FileError::Unreadable(path.to_path_buf(), e)),
        };
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound && link.file_type().is_symlink() => {
                let target = fs::read_link(path).unwrap_or_default();
                return Err(FileError::DanglingSymlink { path: path.to_path_buf(), target });
            }
            Err(e) => return Err(FileError::Unreadable(path.to_path_buf(), e)),
        };
        if meta.is_dir() {
            return Err(FileError::IsDirectory(path.to_path_buf()));
        }
        if !meta.is_file() {
            return Err(FileError::NotRegular { path: path.to_path_buf(), kind: platform::kind(&meta) });
        }
        let (meta, bytes) = read_capped(path)?;
        let seen = Seen::of(&meta, &bytes);
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            FileError::NotUtf8 { path: path.to_path_buf(), line }
        })?;
        Ok(TextFile { path: path.to_path_buf(), text, exists: true, seen: Some(seen) })
    }

    /// Replaces the file's contents all at once: a temporary file beside it (readable by its
    /// owner only), flushed to disk, then renamed over it; then the old permissions, owner and
    /// group are put back. A reader sees the old file or the new one, never half of one. A
    /// symlink is followed, so the file it points to is updated and the link kept. Runs of ours
    /// take turns (a lock on the folder), and if the file changed since it was read the write
    /// is refused with [`FileError::Changed`], for the caller to read it again.
    pub fn write(&self, text: &str, allow_read_only: bool, access: Access) -> Result<(), FileError> {
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
        let _turn = platform::lock_folder(&dir).map_err(fail)?;
        remove_stale_temps(&dir, &name);

        let current = match fs::metadata(&target) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(fail(e)),
        };
        match (&current, &self.seen) {
            (None, None) => {}
            (Some(meta), Some(seen)) => {
                let (_, bytes) = read_capped(&target).map_err(|_| FileError::Changed(self.path.clone()))?;
                if Seen::of(meta, &bytes) != *seen {
                    return Err(FileError::Changed(self.path.clone()));
                }
                let links = platform::links(meta);
                if links > 1 {
                    return Err(FileError::HardLinked { path: self.path.clone(), links });
                }
                if meta.permissions().readonly() && !allow_read_only {
                    return Err(FileError::ReadOnly(self.path.clone()));
                }
            }
            _ => return Err(FileError::Changed(self.path.clone())),
        }

        // tempfile creates the file 0600 (or, for a new shared file, 0666 less the umask, as
        // an editor would) and removes it again if anything below fails.
        let prefix = format!("{name}{TEMP_MARK}");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        if current.is_none() && access == Access::Shared {
            platform::shared(&mut builder);
        }
        let mut temp = builder.tempfile_in(&dir).map_err(fail)?;
        temp.write_all(text.as_bytes()).map_err(fail)?;
        temp.as_file().sync_all().map_err(fail)?;
        let written = put_in_place(temp, &target, current.is_some()).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => FileError::Changed(self.path.clone()),
            _ => fail(e),
        })?;
        if let Some(meta) = &current {
            // Only now, on the file in place: a copy left by a kill stays private.
            written.set_permissions(meta.permissions()).map_err(fail)?;
            platform::keep_owner(&written, meta);
        }
        sync_dir(&dir);
        Ok(())
    }
}

/// Renames the finished temporary file to `target`. Over a file that was there when we looked
/// (and has not changed since); where there was none, only if there still is none: a file
/// created meanwhile (by the user, another program) is theirs, and is never replaced.
fn put_in_place(temp: tempfile::NamedTempFile, target: &Path, replaces: bool) -> io::Result<File> {
    let persisted = if replaces { temp.persist(target) } else { temp.persist_noclobber(target) };
    persisted.map_err(|e| e.error)
}

/// Reads at most [`MAX_BYTES`], with the metadata of what was read.
fn read_capped(path: &Path) -> Result<(Metadata, Vec<u8>), FileError> {
    let unreadable = |e| FileError::Unreadable(path.to_path_buf(), e);
    let file = File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    // Sized for the whole file, so reading never grows (and so never frees) a copy of it.
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_BYTES + 1) as usize);
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(FileError::TooLarge(path.to_path_buf()));
    }
    Ok((meta, bytes))
}

/// Our temporary files for `name` left by a run that was killed: every writer holds the
/// folder's lock, so none of them is in use.
fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!("{name}{TEMP_MARK}");
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&prefix) && file.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes the rename itself durable. Best effort: some filesystems refuse to sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// What only Unix has; elsewhere the weaker checks (length, time, contents) remain.
#[cfg(unix)]
mod platform {
    use std::fs::{File, Metadata};
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    use std::path::Path;

    pub fn identity(meta: &Metadata) -> (u64, u64) {
        (meta.dev(), meta.ino())
    }

    pub fn links(meta: &Metadata) -> u64 {
        meta.nlink()
    }

    pub fn kind(meta: &Metadata) -> &'static str {
        let t = meta.file_type();
        if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_fifo() {
            "a FIFO"
        } else if t.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        }
    }

    /// Runs of ours take turns at the folder: an advisory lock, released when dropped.
    pub fn lock_folder(dir: &Path) -> std::io::Result<File> {
        let folder = File::open(dir)?;
        folder.lock()?;
        Ok(folder)
    }

    /// Creates with 0666, which the kernel narrows by the process's umask.
    pub fn shared(builder: &mut tempfile::Builder) {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }

    /// Keeps the owner and group where we may (root editing a user's file); a user who cannot
    /// give a file away keeps it as theirs, as any editor would.
    pub fn keep_owner(file: &File, meta: &Metadata) {
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
}

#[cfg(not(unix))]
mod platform {
    use std::fs::Metadata;
    use std::path::Path;

    /// Files take their folder's access rules; there are no mode bits to set.
    pub fn shared(_: &mut tempfile::Builder) {}

    pub fn identity(_: &Metadata) -> (u64, u64) {
        (0, 0)
    }

    pub fn links(_: &Metadata) -> u64 {
        1
    }

    pub fn kind(_: &Metadata) -> &'static str {
        "not a regular file"
    }

    pub fn lock_folder(_: &Path) -> std::io::Result<()> {
        Ok(())
    }

    pub fn keep_owner(_: &std::fs::File, _: &Metadata) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_after_our_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env.local");
        fs::write(&path, "A=1\n").unwrap();
        let read = TextFile::read(&path).unwrap();
        // Another program writes the file between our read and our write.
        fs::write(&path, "A=1\nB=2\n").unwrap();
        assert!(matches!(read.write("A=1\nC=3\n", false, Access::Private), Err(FileError::Changed(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), "A=1\nB=2\n", "their write is kept");
        // Read again, the edit goes through.
        TextFile::read(&path).unwrap().write("A=1\nB=2\nC=3\n", false, Access::Private).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "A=1\nB=2\nC=3\n");
    }

    #[test]
    fn a_new_file_is_private_and_a_new_file_that_appeared_meanwhile_is_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env.local");
        let absent = TextFile::read(&path).unwrap();
        fs::write(&path, "THEIRS=1\n").unwrap();
        assert!(matches!(absent.write("OURS=1\n", false, Access::Private), Err(FileError::Changed(_))));
        fs::remove_file(&path).unwrap();
        TextFile::read(&path).unwrap().write("OURS=1\n", false, Access::Private).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_file_created_after_our_last_look_is_never_renamed_over() {
        // The moment between the check that the file is absent and the rename: another program
        // creates it there. The rename must fail, not replace their file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("auth.ts");
        let temp = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
        fs::write(temp.path(), "ours").unwrap();
        fs::write(&path, "theirs").unwrap();
        let error = put_in_place(temp, &path, false).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
    }

    #[test]
    #[cfg(unix)]
    fn a_new_shared_file_gets_the_umask_a_new_env_file_stays_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |name: &str| fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
        TextFile::read(&dir.path().join("a.ts")).unwrap().write("x", false, Access::Shared).unwrap();
        TextFile::read(&dir.path().join(".env.local")).unwrap().write("x", false, Access::Private).unwrap();
        assert_eq!(mode(".env.local"), 0o600);
        // The umask of this process (the tests', usually 022) decides, not a mode of ours.
        let umask = fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Umask:").map(|v| v.trim().to_string())))
            .and_then(|v| u32::from_str_radix(&v, 8).ok());
        if let Some(umask) = umask {
            assert_eq!(mode("a.ts"), 0o666 & !umask);
        }
    }
}
