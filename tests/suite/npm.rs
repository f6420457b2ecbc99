//! The npm packages as JavaScript developers install them: `npm/pack.sh` builds the release
//! binary and the tarballs, which are installed into empty projects with npm and with pnpm
//! (install scripts off), and `npx convex-authjs` must then behave exactly as the binary does.

use crate::support;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::fake::FakeDeployment;
use support::{local_setup, node, stderr, stdout};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The two tarballs, packed once for every test here. The release build gets a target folder
/// of its own: the `cargo test` that runs us holds the lock of the usual one.
fn tarballs() -> &'static [PathBuf] {
    static PACKED: OnceLock<Vec<PathBuf>> = OnceLock::new();
    PACKED.get_or_init(|| {
        let work = root().join("target/npm-pack");
        let out = work.join("out");
        let _ = std::fs::remove_dir_all(&out);
        let status = Command::new("bash")
            .arg("npm/pack.sh")
            .arg(&out)
            .current_dir(root())
            .env("CARGO_TARGET_DIR", work.join("build"))
            .status()
            .expect("bash runs npm/pack.sh");
        assert!(status.success(), "npm/pack.sh failed");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(
            names,
            [format!("convex-authjs-{VERSION}.tgz"), format!("convex-authjs-cli-linux-x64-{VERSION}.tgz")],
            "the main package and this machine's platform package"
        );
        files
    })
}

/// npm, or the pnpm that tests/npm's lock file pins.
fn tool(name: &str) -> Command {
    if name == "pnpm" {
        let dir = root().join("tests/npm");
        node::npm_ci(&dir);
        Command::new(dir.join("node_modules/.bin/pnpm"))
    } else {
        Command::new(name)
    }
}

/// An empty project with the tarballs installed by `installer`, install scripts off.
fn installed_with(installer: &str) -> tempfile::TempDir {
    let dir = support::project();
    install_into(installer, dir.path());
    dir
}

fn install_into(installer: &str, dir: &Path) {
    std::fs::write(dir.join("package.json"), r#"{"name":"app","private":true}"#).unwrap();
    let mut install = tool(installer);
    match installer {
        "npm" => install.args(["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]),
        _ => install.args(["add", "--ignore-scripts", "--store-dir"]).arg(dir.join(".pnpm-store")),
    };
    let out = install.args(tarballs()).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "{installer} install: {}{}", stdout(&out), stderr(&out));
}

fn npx(dir: &Path, args: &[&str]) -> Output {
    Command::new("npx").arg("convex-authjs").args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

fn launcher(dir: &Path) -> PathBuf {
    dir.join("node_modules/.bin/convex-authjs")
}

fn binary() -> PathBuf {
    root().join("target/npm-pack/build/release/convex-authjs")
}

fn run(program: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(program).args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

/// The same run through the launcher and of the binary itself: same exit code, same stderr,
/// and stdout equal once `normalise` has taken out what differs from run to run.
fn assert_same(through: Output, direct: Output, normalise: &dyn Fn(&str) -> String, what: &str) {
    assert_eq!(through.status.code(), direct.status.code(), "{what}: exit code");
    assert_eq!(stderr(&through), stderr(&direct), "{what}: stderr");
    assert_eq!(normalise(&stdout(&through)), normalise(&stdout(&direct)), "{what}: stdout");
}

fn keys_shape(text: &str) -> String {
    let line = regex::Regex::new(r#"(?m)^(CONVEX_AUTH_PRIVATE_KEY|JWKS)=.*$"#).unwrap();
    line.replace_all(text, "$1=…").into_owned()
}

fn doctor_shape(text: &str) -> String {
    let report: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let checks: Vec<(Value, Value)> =
        report["checks"].as_array().into_iter().flatten().map(|c| (c["id"].clone(), c["status"].clone())).collect();
    format!("{} {checks:?}", report["ok"])
}

#[test]
fn npm_install_then_npx_behaves_as_the_binary() {
    let dir = installed_with("npm");
    let version = npx(dir.path(), &["--version"]);
    assert!(version.status.success(), "{}", stderr(&version));
    assert_eq!(stdout(&version), format!("convex-authjs {VERSION}\n"));

    for args in [&["keys", "generate"][..], &["keys", "generate", "--bits", "1"], &["keys", "jwks"]] {
        let what = format!("{args:?}");
        assert_same(npx(dir.path(), args), run(&binary(), dir.path(), args), &keys_shape, &what);
    }

    // doctor --json against the fake deployment, healthy and then broken.
    let fake = FakeDeployment::start();
    let extra = format!("CONVEX_URL={}\nNEXT_PUBLIC_CONVEX_SITE_URL={}\n", fake.url, fake.site_url);
    let (_, secret, jwks) = local_setup(dir.path(), &extra);
    fake.set_env("JWKS", &jwks);
    fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", &secret);
    let healthy = npx(dir.path(), &["doctor", "--json"]);
    assert_eq!(healthy.status.code(), Some(0), "{}", stdout(&healthy));
    assert_same(healthy, run(&binary(), dir.path(), &["doctor", "--json"]), &doctor_shape, "doctor, healthy");
    fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", "another-secret-entirely-0000000000000000000");
    let broken = npx(dir.path(), &["doctor", "--json"]);
    assert_eq!(broken.status.code(), Some(1));
    assert_same(broken, run(&binary(), dir.path(), &["doctor", "--json"]), &doctor_shape, "doctor, broken");
}

#[test]
fn pnpm_with_scripts_blocked_gets_the_same() {
    let dir = installed_with("pnpm");
    let version = run(&launcher(dir.path()), dir.path(), &["--version"]);
    assert_eq!(stdout(&version), format!("convex-authjs {VERSION}\n"), "{}", stderr(&version));
    let args = ["keys", "generate"];
    assert_same(run(&launcher(dir.path()), dir.path(), &args), run(&binary(), dir.path(), &args), &keys_shape, "keys");
    let bad = ["secret", "generate", "--bytes", "3"];
    assert_same(run(&launcher(dir.path()), dir.path(), &bad), run(&binary(), dir.path(), &bad), &keys_shape, "bad");
}

#[test]
fn a_missing_platform_package_is_explained_not_a_stack_trace() {
    let dir = installed_with("npm");
    std::fs::remove_dir_all(dir.path().join("node_modules/@convex-authjs")).unwrap();
    let out = run(&launcher(dir.path()), dir.path(), &["--version"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("convex-authjs: error: the binary for linux-x64 is missing"), "{err}");
    assert!(err.contains(&format!("npm install --save-dev @convex-authjs/cli-linux-x64@{VERSION}")), "{err}");
    assert!(err.contains("--omit=optional") && err.contains("CONVEX_AUTHJS_BINARY"), "{err}");
    assert!(!err.contains("    at "), "no stack trace: {err}");

    // The override still works without the package.
    let out =
        Command::new(launcher(dir.path())).arg("--version").env("CONVEX_AUTHJS_BINARY", binary()).output().unwrap();
    assert_eq!(stdout(&out), format!("convex-authjs {VERSION}\n"));
}

/// A process whose parent is `parent`, read from `/proc/<pid>/stat` (field 4 is the parent).
fn child_of(parent: u32) -> Option<String> {
    std::fs::read_dir("/proc").ok()?.filter_map(Result::ok).find_map(|entry| {
        let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
        // The command name (field 2) is in parentheses and may hold spaces.
        let after_name = &stat[stat.rfind(')')? + 2..];
        let ppid: u32 = after_name.split(' ').nth(1)?.parse().ok()?;
        (ppid == parent).then(|| entry.file_name().to_string_lossy().into_owned())
    })
}

/// A signal to the launcher alone (not to its process group, as `kill` or a supervisor sends
/// it) reaches the binary, which ends by it, and the launcher then ends by the same signal.
/// SIGQUIT and the user signals too: left to their defaults they would end the launcher and
/// leave the binary running on its own.
#[test]
fn signals_to_the_launcher_reach_the_binary_and_end_both_alike() {
    let dir = installed_with("npm");
    let fake = FakeDeployment::start();
    fake.set_fault(support::fake::Fault::Hang);
    for (name, number) in [("INT", 2), ("TERM", 15), ("QUIT", 3), ("USR2", 12), ("HUP", 1)] {
        let mut child = Command::new(launcher(dir.path()))
            .args(["doctor", "--url", &fake.url, "--site-url", &fake.url, "--timeout", "60"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let launcher_pid = child.id();
        // Wait until the binary runs under the launcher.
        let started = Instant::now();
        let binary_pid = loop {
            if let Some(pid) = child_of(launcher_pid) {
                break pid;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "the binary did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        std::thread::sleep(Duration::from_millis(300));
        let status = Command::new("kill").args([&format!("-{name}"), &launcher_pid.to_string()]).status().unwrap();
        assert!(status.success());
        let waited = Instant::now();
        let exit = child.wait().unwrap();
        assert!(waited.elapsed() < Duration::from_secs(10), "the launcher ended on SIG{name}");
        assert_eq!(exit.signal(), Some(number), "SIG{name}: the launcher ends by the binary's signal: {exit:?}");
        assert!(!Path::new(&format!("/proc/{binary_pid}")).exists(), "SIG{name}: the binary ended too");
    }
    let _ = node::interop_dir();
}

/// The platform package is looked for in this install only. With it missing, a binary planted
/// in a node_modules above the project (as anyone may create /tmp/node_modules) is not run;
/// one of another version is refused; CONVEX_AUTHJS_BINARY set to the launcher itself is an
/// error, not a loop that starts launchers until the process limit.
#[test]
fn the_launcher_runs_only_the_binary_of_its_own_install() {
    let outer = support::project();
    let planted = outer.path().join("node_modules/@convex-authjs/cli-linux-x64");
    std::fs::create_dir_all(&planted).unwrap();
    std::fs::write(
        planted.join("package.json"),
        format!(r#"{{"name":"@convex-authjs/cli-linux-x64","version":"{VERSION}"}}"#),
    )
    .unwrap();
    let marker = outer.path().join("planted-ran");
    std::fs::write(planted.join("convex-authjs"), format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
    std::fs::set_permissions(planted.join("convex-authjs"), std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .unwrap();
    let app = outer.path().join("app");
    std::fs::create_dir(&app).unwrap();
    install_into("npm", &app);
    let own = app.join("node_modules/@convex-authjs/cli-linux-x64");

    let out = run(&launcher(&app), &app, &["--version"]);
    assert_eq!(stdout(&out), format!("convex-authjs {VERSION}\n"), "{}", stderr(&out));

    // Another version of the platform package than the launcher's.
    let manifest = std::fs::read_to_string(own.join("package.json")).unwrap();
    std::fs::write(own.join("package.json"), manifest.replace(&format!("\"{VERSION}\""), "\"9.9.9\"")).unwrap();
    let out = run(&launcher(&app), &app, &["--version"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("is version 9.9.9, but convex-authjs is {VERSION}")), "{}", stderr(&out));

    // No platform package in the app: the planted one above it is not used.
    std::fs::remove_dir_all(app.join("node_modules/@convex-authjs")).unwrap();
    let out = run(&launcher(&app), &app, &["--version"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("is missing"), "{}", stderr(&out));
    assert!(!marker.exists(), "the planted binary ran");

    // The override pointing back at the launcher (through node_modules/.bin's link).
    let out = Command::new(launcher(&app))
        .arg("--version")
        .env("CONVEX_AUTHJS_BINARY", launcher(&app))
        .current_dir(&app)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("is this launcher, not the convex-authjs binary"), "{}", stderr(&out));
}

/// musl or glibc is read as detect-libc reads it: from the text of ldd, then from Node's
/// report; a musl loader lying in /lib (Debian's musl package on a glibc system) is no sign.
#[test]
fn the_c_library_is_told_by_ldd_and_nodes_report() {
    let dir = support::project();
    let glibc = dir.path().join("ldd-glibc");
    let musl = dir.path().join("ldd-musl");
    std::fs::write(&glibc, "#! /bin/bash\n# This file is part of the GNU C Library.\nTEXTDOMAIN=libc\n").unwrap();
    std::fs::write(&musl, "#!/bin/sh\nexec /lib/ld-musl-x86_64.so.1 --list -- \"$@\"\n").unwrap();
    let platform = root().join("npm/convex-authjs/platform.js");
    let script = format!(
        r#"const {{ isMusl }} = require({platform:?});
        const none = () => ({{}});
        console.log(JSON.stringify([
          isMusl({glibc:?}, none),
          isMusl({musl:?}, none),
          isMusl("/nonexistent", () => ({{ header: {{ glibcVersionRuntime: "2.36" }} }})),
          isMusl("/nonexistent", () => ({{ header: {{}}, sharedObjects: ["/lib/ld-musl-x86_64.so.1"] }})),
          isMusl(),
        ]));"#
    );
    let out = Command::new("node").args(["-e", &script]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[false,true,false,true,false]", "this machine runs glibc");
}
