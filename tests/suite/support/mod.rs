//! Shared by the integration tests: the binary, scratch projects, and the npm side.

pub mod adapter;
pub mod fake;
pub mod hosts;
pub mod http_server;
pub mod node;
pub mod sync;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
pub use convex_authjs::vars::{ADAPTER_SECRET as SECRET, PRIVATE_KEY as KEY};

/// The path of the request that sets variables on a deployment.
pub const UPDATE: &str = "/api/update_environment_variables";

/// A scratch project with a key and a secret of its own in .env.local, and a fake deployment
/// the env file names: self-hosted (with the admin key) or by its URLs only.
pub struct Scene {
    pub dir: tempfile::TempDir,
    pub fake: fake::FakeDeployment,
    pub pem: String,
    pub secret: String,
    pub jwks: String,
}

impl Scene {
    pub fn new(admin_key: bool) -> Scene {
        let fake = fake::FakeDeployment::start();
        let dir = project();
        let extra = if admin_key {
            format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={}\n", fake.url, fake::ADMIN_KEY)
        } else {
            format!("CONVEX_URL={}\nNEXT_PUBLIC_CONVEX_SITE_URL={}\n", fake.url, fake.site_url)
        };
        let (pem, secret, jwks) = local_setup(dir.path(), &extra);
        Scene { dir, fake, pem, secret, jwks }
    }

    /// The project self-hosted, before anything is pushed.
    pub fn self_hosted() -> Scene {
        Scene::new(true)
    }

    /// The deployment set up as the guide says: it holds the project's JWKS and secret.
    pub fn healthy(admin_key: bool) -> Scene {
        let scene = Scene::new(admin_key);
        scene.fake.set_env("JWKS", &scene.jwks);
        scene.fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", &scene.secret);
        scene
    }
}

/// A folder with a stand-in `program` that runs `script` (a shell script; `$RECORD` is the
/// file it may record into), and the PATH that puts it first. The folder lives as long as the
/// returned guard.
#[cfg(unix)]
pub struct Tool {
    _dir: tempfile::TempDir,
    pub record: PathBuf,
    pub path: String,
}

#[cfg(unix)]
pub fn tool(program: &str, script: &str) -> Tool {
    tools(&[(program, script)])
}

/// Several stand-ins in one folder, recording into the same file.
#[cfg(unix)]
pub fn tools(programs: &[(&str, &str)]) -> Tool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (program, script) in programs {
        let file = dir.path().join(program);
        std::fs::write(&file, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let record = dir.path().join("record");
    let path = format!("{}:{}", dir.path().display(), std::env::var("PATH").unwrap());
    Tool { _dir: dir, record, path }
}

/// Adds `line` (and a newline) to the project's .env.local.
pub fn append_env(dir: &Path, line: &str) {
    let path = env_local(dir);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, format!("{text}{line}\n")).unwrap();
}

/// The binary under test, run in `dir` with no inherited variables that could change its
/// behaviour (CI, colours, values the tests put in env files).
pub fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("convex-authjs").expect("the binary is built");
    cmd.current_dir(dir);
    for name in [
        "CI",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CONVEX_AUTH_PRIVATE_KEY",
        "CONVEX_AUTH_ADAPTER_SECRET",
        "JWKS",
        "CONVEX_DEPLOY_KEY",
        "CONVEX_DEPLOYMENT_TOKEN",
        "CONVEX_DEPLOYMENT",
        "CONVEX_SELF_HOSTED_URL",
        "CONVEX_SELF_HOSTED_ADMIN_KEY",
        "CONVEX_PROVISION_HOST",
        "COLUMNS",
        "VERCEL_TOKEN",
        "VERCEL_PROJECT_ID",
        "VERCEL_ORG_ID",
        "NETLIFY_AUTH_TOKEN",
        "NETLIFY_SITE_ID",
        "CONVEX_AUTHJS_VERCEL_API",
        "CONVEX_AUTHJS_NETLIFY_API",
    ] {
        cmd.env_remove(name);
    }
    cmd
}

/// A fresh project folder, removed when dropped.
pub fn project() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("convex-authjs-test-").tempdir().expect("a temp dir")
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("file is readable")
}

pub fn env_local(dir: &Path) -> PathBuf {
    dir.join(".env.local")
}

/// A Next.js + Convex project the real convex CLI accepts: a package.json that lists convex,
/// and the interop folder's installed convex package linked into node_modules (npx then finds
/// it locally and never downloads anything).
pub fn convex_project() -> tempfile::TempDir {
    node::ensure_installed();
    let dir = project();
    std::fs::write(dir.path().join("package.json"), r#"{"private":true,"dependencies":{"convex":"1"}}"#).unwrap();
    let modules = dir.path().join("node_modules");
    std::fs::create_dir_all(modules.join(".bin")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(node::interop_dir().join("node_modules/convex"), modules.join("convex")).unwrap();
        std::os::unix::fs::symlink("../convex/bin/main.js", modules.join(".bin/convex")).unwrap();
    }
    // Windows: the package folder only (a command shim in .bin is npm's to write).
    #[cfg(windows)]
    std::os::windows::fs::symlink_dir(node::interop_dir().join("node_modules/convex"), modules.join("convex")).unwrap();
    dir
}

/// Writes a complete local setup into `dir/.env.local` (`extra` first) and returns
/// (private key PEM, adapter secret, JWKS as `keys jwks` prints it).
pub fn local_setup(dir: &Path, extra: &str) -> (String, String, String) {
    // Made in-process with the library: a scene's inputs, not what a test judges.
    let key = convex_authjs::keys::PrivateKey::generate(convex_authjs::keys::Bits::B2048);
    let pem = key.to_pem().expose().to_string();
    let secret =
        convex_authjs::adapter_secret::generate(convex_authjs::adapter_secret::DEFAULT_BYTES).expose().to_string();
    let text = format!(
        "{extra}CONVEX_AUTH_PRIVATE_KEY=\"{}\"\nCONVEX_AUTH_ADAPTER_SECRET={secret}\n",
        pem.replace('\n', "\\n")
    );
    std::fs::write(env_local(dir), text).unwrap();
    (pem, secret, key.public_key().jwks().to_json())
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What Next.js loads for `name` from an env file's text ("" when it is not set), read by the
/// real `@next/env` in the interop tier.
pub fn value(text: &str, name: &str) -> String {
    if cfg!(feature = "interop") {
        let (env, errors) = node::next_env_load(&[text.to_string()]).remove(0);
        assert!(errors.is_empty(), "@next/env could not load the file: {errors:?}");
        return env.get(name).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    }
    // The fast tier has no node: another dotenv reader than ours (dotenvy) reads the file.
    // Where the two could differ (Next.js's own quirks), the interop tier compares ours with
    // @next/env on every file we write.
    let values = dotenvy::from_read_iter(text.as_bytes()).map(|entry| entry.expect("dotenvy reads the file"));
    values.filter(|(n, _)| n == name).last().map(|(_, v)| v).unwrap_or_default()
}

/// Fails when any piece of a secret shows in what a command printed: every line of it (a PEM's
/// lines one by one) of 8 characters or more, PEM markers aside.
pub fn assert_no_secrets(out: &Output, secrets: &[&str]) {
    let printed = format!("{}{}", stdout(out), stderr(out));
    for secret in secrets {
        for piece in secret.lines().filter(|l| l.len() >= 8 && !l.starts_with("-----")) {
            assert!(!printed.contains(piece), "secret material printed:\n{printed}");
        }
    }
}

/// The binary in a real pseudo-terminal, as a person at a terminal runs it in `dir`.
#[cfg(unix)]
pub fn at_terminal(dir: &Path, args: &[&str]) -> rexpect::session::PtySession {
    at_terminal_with(dir, args, &[])
}

/// [`at_terminal`] with variables set for the run (`COLUMNS`, say).
#[cfg(unix)]
pub fn at_terminal_with(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> rexpect::session::PtySession {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_convex-authjs"));
    command.args(args).current_dir(dir).env_remove("CI").env_remove("COLUMNS").env("NO_COLOR", "1");
    command.envs(vars.iter().copied());
    rexpect::session::spawn_command(command, Some(30_000)).expect("a pseudo-terminal")
}

/// The std command behind an assert_cmd one (program, arguments, folder, variables), to spawn
/// it and go on while it runs.
pub fn spawnable(command: &Command) -> std::process::Command {
    let inner = command.get_program().to_owned();
    let mut spawned = std::process::Command::new(inner);
    spawned.args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        spawned.current_dir(dir);
    }
    for (name, value) in command.get_envs() {
        match value {
            Some(v) => spawned.env(name, v),
            None => spawned.env_remove(name),
        };
    }
    spawned
}

/// How many keys the fake deployment's `JWKS` holds.
pub fn fake_jwks_len(fake: &fake::FakeDeployment) -> usize {
    let jwks: serde_json::Value = serde_json::from_str(&fake.env()["JWKS"]).unwrap();
    jwks["keys"].as_array().map_or(0, Vec::len)
}
