//! The env file under hostile and unlucky conditions: special files, links, read-only files,
//! another owner, two writers at once, and a run killed in the middle of its write.

use crate::support;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use support::{KEY, SECRET, bin, env_local, project, read, stderr};

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// The files of ours a killed run may leave behind: `<name>.convex-authjs-*.local`.
fn temps(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".convex-authjs-"))
        .collect()
}

#[test]
fn special_files_are_refused_and_left_as_they_are() {
    let dir = project();
    let fifo = dir.path().join("fifo.env");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for (file, kind) in [
        (Path::new("/dev/null"), "a character device"),
        (Path::new("/dev/full"), "a character device"),
        (Path::new("/dev/zero"), "a character device"),
        (fifo.as_path(), "a FIFO"),
    ] {
        for args in [&["secret", "generate", "--write"][..], &["keys", "jwks"]] {
            let out = bin(dir.path()).args(args).arg("--env-file").arg(file).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{file:?} {args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(&format!("is {kind}, not a regular file")), "{}", stderr(&out));
        }
    }
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device_like());
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo_like());
}

/// A tiny extension so the assertions above read as sentences.
trait Kind {
    fn is_char_device_like(&self) -> bool;
    fn is_fifo_like(&self) -> bool;
}

impl Kind for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_char_device(self)
    }
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn links_are_kept_or_refused_with_a_reason() {
    let dir = project();
    // A dangling symlink is refused, and stays a link.
    let link = env_local(dir.path());
    std::os::unix::fs::symlink("missing.env", &link).unwrap();
    let out = bin(dir.path()).args(["secret", "generate", "--write"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a symlink to missing.env, which does not exist"), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(!dir.path().join("missing.env").exists());
    std::fs::remove_file(&link).unwrap();

    // A file with another hard link is refused: replacing it would split the two.
    std::fs::write(&link, "A=1\n").unwrap();
    std::fs::hard_link(&link, dir.path().join("other-name")).unwrap();
    let out = bin(dir.path()).args(["secret", "generate", "--write"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has 2 hard links"), "{}", stderr(&out));
    assert_eq!(read(&link), "A=1\n");
    assert_eq!(std::fs::metadata(&link).unwrap().nlink(), 2);
}

#[test]
fn read_only_files_need_force_and_keep_their_mode_and_owner() {
    let dir = project();
    let path = env_local(dir.path());
    std::fs::write(&path, "A=1\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = bin(dir.path()).args(["secret", "generate", "--write"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is read-only") && stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(read(&path), "A=1\n");

    if is_root() {
        // Root editing a user's file leaves it the user's.
        std::os::unix::fs::chown(&path, Some(1234), Some(2345)).unwrap();
    }
    let out = bin(dir.path()).args(["secret", "generate", "--write", "--force"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o444, "the mode is kept");
    if is_root() {
        assert_eq!((meta.uid(), meta.gid()), (1234, 2345), "owner and group are kept");
    }
    assert!(read(&path).contains(SECRET));
}

/// Two writes at once (two runs, each its own variable) both land.
#[test]
fn two_edits_at_once_both_land() {
    for round in 0..25 {
        let dir = project();
        std::fs::write(env_local(dir.path()), "KEEP=me\n").unwrap();
        let mut key = support::spawnable(bin(dir.path()).args(["keys", "generate", "--write"]));
        let mut secret = support::spawnable(bin(dir.path()).args(["secret", "generate", "--write"]));
        let quiet = |c: &mut std::process::Command| c.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let (a, b) = (quiet(&mut key), quiet(&mut secret));
        assert!(a.wait_with_output().unwrap().status.success());
        assert!(b.wait_with_output().unwrap().status.success());
        let text = read(env_local(dir.path()));
        for name in ["KEEP", KEY, SECRET] {
            assert!(text.contains(&format!("{name}=")), "round {round}: {name} lost:\n{text}");
        }
    }
}

/// Killed at random moments of its write, a run never leaves a torn file; what it may leave
/// is a private temporary file that git ignores, which the next run removes.
#[test]
fn a_run_killed_while_writing_leaves_no_torn_file_and_no_secret_behind() {
    let dir = project();
    support::local_setup(dir.path(), "");
    let path = env_local(dir.path());
    let runs = 120;
    // Kill moments spread over a whole run's length, measured here, so that some runs die
    // before their write, some during it and some after it, however fast this machine is.
    let started = std::time::Instant::now();
    assert!(bin(dir.path()).args(["secret", "generate", "--write", "--force"]).output().unwrap().status.success());
    let span = (started.elapsed().as_micros() as u64 * 3 / 2).max(1);
    let (mut leftovers_seen, mut killed, mut written) = (0, 0, 0);
    let mut last = String::new();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for run in 0..runs {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = support::spawnable(bin(dir.path()).args(["secret", "generate", "--write", "--force"]));
        let mut child = child.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(seed % span));
        let _ = child.kill();
        let status = child.wait().unwrap();
        killed += usize::from(std::os::unix::process::ExitStatusExt::signal(&status) == Some(9));
        let text = read(&path);
        let secret = convex_authjs::dotenv::load(&text).unwrap().remove(SECRET).unwrap_or_default().to_string();
        assert_eq!(secret.len(), 44, "run {run}: torn or lost:\n{text}");
        written += usize::from(secret != last);
        last = secret;
        for temp in temps(dir.path()) {
            leftovers_seen += 1;
            let mode = std::fs::metadata(&temp).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{temp:?} is readable by others");
            let name = temp.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(".env") && name.ends_with(".local"), "{name} escapes .env*.local");
        }
    }
    assert!(killed > 0 && written > 0, "{killed} of {runs} runs killed before they ended, {written} wrote");
    // What a run killed between its temporary file and the rename leaves: the next run removes it.
    let stale = dir.path().join(".env.local.convex-authjs-AbC123.local");
    std::fs::write(&stale, "CONVEX_AUTH_ADAPTER_SECRET=a-copy-of-a-secret\n").unwrap();
    assert!(bin(dir.path()).args(["secret", "generate", "--write", "--force"]).output().unwrap().status.success());
    assert_eq!(temps(dir.path()), Vec::<std::path::PathBuf>::new());
    println!(
        "{runs} runs, {killed} killed before they ended, {written} wrote; {leftovers_seen} temporary files seen in between, 0 left after"
    );
}

/// A crash leaves no core dump with the secrets in it. The binary is started as a user with
/// `ulimit -c unlimited` would start it, holds the env file's secrets while it waits on a
/// deployment that never answers, and is killed by SIGABRT, whose default is to dump core:
/// its core limit reads 0 while it runs, and no core file appears in its folder.
#[test]
#[cfg(target_os = "linux")]
fn a_crash_writes_no_core_dump() {
    use std::os::unix::process::ExitStatusExt;
    let fake = support::fake::FakeDeployment::start();
    fake.set_fault(support::fake::Fault::Hang);
    let dir = project();
    support::local_setup(dir.path(), "");
    let binary = bin(dir.path());
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg(r#"ulimit -c unlimited && exec "$@""#).arg("sh").arg(binary.get_program());
    shell.args(["doctor", "--url", &fake.url, "--site-url", &fake.url, "--timeout", "60"]);
    let mut child = shell.current_dir(dir.path()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let proc = format!("/proc/{}", child.id());
    let started = std::time::Instant::now();
    while std::fs::read_link(format!("{proc}/exe")).ok().as_deref() != Some(Path::new(binary.get_program())) {
        assert!(started.elapsed() < Duration::from_secs(20), "the shell execs the binary");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Give it time to turn dumps off, read the env file and reach the network.
    std::thread::sleep(Duration::from_millis(300));
    let limits = std::fs::read_to_string(format!("{proc}/limits")).unwrap();
    let core = limits.lines().find(|l| l.starts_with("Max core file size")).unwrap();
    assert_eq!(core.split_whitespace().nth(4), Some("0"), "the running binary's core limit: {core}");
    // Give it time to read the env file and reach the network.
    std::thread::sleep(Duration::from_millis(300));
    let killed = std::process::Command::new("kill").args(["-ABRT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(6), "killed by SIGABRT");
    assert!(!status.core_dumped(), "no core was dumped");
    let cores: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("core"))
        .collect();
    assert!(cores.is_empty(), "core files in the project: {cores:?}");
}

/// init creates source files as the user's editor would: 0666 less the umask (here 027, so
/// 0640), not a mode of ours set afterwards; files it updates keep theirs.
#[test]
fn init_creates_files_with_the_users_umask() {
    let dir = support::adapter::fixture("fresh-app");
    let layout = dir.path().join("app/layout.tsx");
    std::fs::set_permissions(&layout, std::fs::Permissions::from_mode(0o604)).unwrap();
    let binary = bin(dir.path());
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"umask 027 && exec "$@""#)
        .arg("sh")
        .arg(binary.get_program())
        .args(["init", "--yes"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let created = ["convex/authAdapter.ts", "convex/http.ts", "convex/auth.config.ts", "app/ConvexAdapter.ts"];
    for file in created {
        let mode = std::fs::metadata(dir.path().join(file)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "{file}");
    }
    assert_eq!(
        std::fs::metadata(&layout).unwrap().permissions().mode() & 0o777,
        0o604,
        "an existing file keeps its mode"
    );
}
