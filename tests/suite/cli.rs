//! The binary as a user runs it: every flag, every refusal, exit codes, and what is printed.

use crate::support;

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use snapbox::{assert_data_eq, str};
#[cfg(unix)]
use support::at_terminal;
use support::{KEY, SECRET, assert_no_secrets, bin, env_local, project, read, stderr, stdout};

/// A fresh PEM from the binary itself, as the user would paste it.
fn pem() -> String {
    let dir = project();
    let out = bin(dir.path()).args(["keys", "generate", "--json"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["privateKey"].as_str().unwrap().to_string()
}

/// The base64 body of a PEM: what must never be printed.
fn body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("")
}

#[test]
fn keys_generate_prints_the_seed_format() {
    let dir = project();
    let out = bin(dir.path()).args(["keys", "generate"]).output().unwrap();
    assert!(out.status.success());
    // snapbox folds `\` into `/` before comparing, so the escaped newlines read `/n` here.
    assert_data_eq!(
        stdout(&out),
        str![[r#"
CONVEX_AUTH_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----/n[..]/n-----END PRIVATE KEY-----/n"

JWKS={"keys":[{"use":"sig","kty":"RSA","n":"[..]","e":"AQAB","alg":"RS256","kid":"[..]"}]}

"#]]
    );
    assert!(stdout(&out).starts_with(&format!("{KEY}=\"-----BEGIN PRIVATE KEY-----\\n")));
    assert_eq!(stderr(&out), "");
    assert!(!Path::new(&env_local(dir.path())).exists(), "no file without --write");
}

#[test]
fn keys_generate_sizes() {
    for (bits, n_len) in [("2048", 342), ("3072", 512), ("4096", 683)] {
        let dir = project();
        let out = bin(dir.path()).args(["keys", "generate", "--json", "--bits", bits]).output().unwrap();
        assert!(out.status.success());
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["jwks"]["keys"][0]["n"].as_str().unwrap().len(), n_len, "{bits} bits");
        assert_eq!(doc["jwks"]["keys"][0]["kid"], doc["kid"]);
        assert!(doc["privateKey"].as_str().unwrap().contains('\n'), "--json holds the PEM with real newlines");
    }
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = project();
    for args in [
        &["keys", "generate", "--bits", "1024"][..],
        &["keys", "generate", "--bits", "2049"],
        &["keys", "generate", "--force"],
        &["secret", "generate", "--bytes", "31"],
        &["secret", "generate", "--bytes", "lots"],
        &["secret", "generate", "--raw", "--write"],
        &["secret", "generate", "--force"],
        &["completions", "tcsh"],
        &["keys"],
        &["frobnicate"],
    ] {
        let out = bin(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("error:") || stderr(&out).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn help_and_version() {
    let dir = project();
    let out = bin(dir.path()).arg("--version").output().unwrap();
    assert_eq!(stdout(&out), format!("convex-authjs {}\n", env!("CARGO_PKG_VERSION")));
    for args in [
        &["--help"][..],
        &["keys", "generate", "--help"],
        &["secret", "generate", "--help"],
        &["keys", "jwks", "--help"],
    ] {
        let out = bin(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = stdout(&out);
        for flag in ["--env-file", "--json", "--color", "--quiet", "--yes"] {
            assert!(help.contains(flag), "{args:?} --help mentions {flag}");
        }
    }
    let help = stdout(&bin(dir.path()).args(["secret", "generate", "--help"]).output().unwrap());
    for flag in ["--bytes", "--raw", "--write", "--force"] {
        assert!(help.contains(flag));
    }
}

#[cfg(unix)]
#[test]
fn keys_generate_write_creates_a_private_file_and_prints_no_key() {
    let dir = project();
    let out = bin(dir.path()).args(["keys", "generate", "--write"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let path = env_local(dir.path());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a new env file is readable by its owner only");
    let text = read(&path);
    assert!(text.starts_with(&format!("{KEY}=\"-----BEGIN PRIVATE KEY-----\\n")) && text.ends_with("\"\n"));
    assert_data_eq!(
        stdout(&out),
        str![[r#"
Wrote CONVEX_AUTH_PRIVATE_KEY in .env.local (key id [..]).
Next: put its public half on your Convex deployment with convex-authjs env push, or print it with convex-authjs keys jwks.

"#]]
    );
    let written = text.split('"').nth(1).unwrap().replace("\\n", "\n");
    assert_no_secrets(&out, &[&written]);
}

#[cfg(unix)]
#[test]
fn existing_values_are_kept_without_force() {
    let dir = project();
    let path = env_local(dir.path());
    let original = format!("A=1\n{SECRET}=keep-me\n{KEY}=\"x\"\n");
    std::fs::write(&path, &original).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    for (args, env_ci) in [
        (&["keys", "generate", "--write"][..], false),
        (&["keys", "generate", "--write", "--yes"], false),
        (&["keys", "generate", "--write"], true),
        (&["secret", "generate", "--write"], false),
        (&["secret", "generate", "--write", "-y"], true),
    ] {
        let mut cmd = bin(dir.path());
        if env_ci {
            cmd.env("CI", "true");
        }
        let out = cmd.args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("convex-authjs: error: ") && err.contains("is already set in .env.local"), "{err}");
        assert!(err.contains("hint: pass --force"), "{err}");
        assert_eq!(read(&path), original, "{args:?} left the file untouched");
        assert!(!err.contains("keep-me"), "the old secret is never printed");
    }
    let out = bin(dir.path()).args(["secret", "generate", "--write", "--force"]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("Replaced CONVEX_AUTH_ADAPTER_SECRET in .env.local."));
    let text = read(&path);
    assert!(text.starts_with(&format!("A=1\n{SECRET}=")) && text.ends_with(&format!("\n{KEY}=\"x\"\n")), "{text}");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640,
        "an existing file keeps its mode"
    );
}

#[test]
fn quiet_and_json_write_say_nothing_secret() {
    let dir = project();
    let out = bin(dir.path()).args(["secret", "generate", "--write", "--quiet"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!((stdout(&out), stderr(&out)), (String::new(), String::new()));
    let secret = read(env_local(dir.path())).trim_end().strip_prefix(&format!("{SECRET}=")).unwrap().to_string();
    assert_eq!(secret.len(), 44);

    let out = bin(dir.path()).args(["secret", "generate", "--write", "--force", "--json"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc, serde_json::json!({ "action": "replaced", "envFile": ".env.local", "variable": SECRET }));
    let new_secret = read(env_local(dir.path())).trim_end().strip_prefix(&format!("{SECRET}=")).unwrap().to_string();
    assert_ne!(new_secret, secret);
    assert!(!stdout(&out).contains(&new_secret));

    let out = bin(dir.path()).args(["keys", "generate", "--write", "--json"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.get("privateKey").is_none());
    assert_eq!(doc["action"], "added");
    assert_eq!(doc["jwks"]["keys"][0]["kid"], doc["kid"]);
}

#[test]
fn secret_generate_forms() {
    let dir = project();
    let line = stdout(&bin(dir.path()).args(["secret", "generate"]).output().unwrap());
    let value = line.strip_prefix(&format!("{SECRET}=")).unwrap().trim_end();
    assert_eq!(value.len(), 44);
    let raw = stdout(&bin(dir.path()).args(["secret", "generate", "--raw"]).output().unwrap());
    assert_eq!(raw.trim_end().len(), 44);
    assert_ne!(raw.trim_end(), value);
    let wide = stdout(&bin(dir.path()).args(["secret", "generate", "--raw", "--bytes", "64"]).output().unwrap());
    assert_eq!(wide.trim_end().len(), 88);
    let doc: serde_json::Value =
        serde_json::from_slice(&bin(dir.path()).args(["secret", "generate", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(doc["secret"].as_str().unwrap().len(), 44);
}

#[test]
fn keys_jwks_reads_the_env_file_and_prefers_the_environment() {
    let dir = project();
    let (file_key, env_key) = (pem(), pem());
    std::fs::write(env_local(dir.path()), format!("{KEY}=\"{}\"\n", file_key.replace('\n', "\\n"))).unwrap();
    let from_file = stdout(&bin(dir.path()).args(["keys", "jwks"]).output().unwrap());
    let from_env = stdout(&bin(dir.path()).args(["keys", "jwks"]).env(KEY, &env_key).output().unwrap());
    assert!(from_file.starts_with(r#"{"keys":[{"use":"sig","kty":"RSA""#));
    assert_ne!(from_file, from_env, "the process environment wins over the file");
    let other = project();
    let with_flag = bin(other.path()).args(["keys", "jwks", "--env-file"]).arg(env_local(dir.path())).output().unwrap();
    assert_eq!(stdout(&with_flag), from_file);
    assert_no_secrets(&with_flag, &[&file_key]);
}

/// Each way a key gets mangled on its way into `.env.local`, as written by hand.
#[test]
fn keys_jwks_names_each_broken_key() {
    let key = pem();
    let escaped = key.replace('\n', "\\n");
    let pkcs1 = escaped.replace("PRIVATE KEY", "RSA PRIVATE KEY");
    let cases = [
        (String::new(), "is not set in the environment or in .env.local", "convex-authjs keys generate --write"),
        (format!("{KEY}='\"{escaped}\"'\n"), "it is quoted twice", "one pair of double quotes"),
        (format!("{KEY}=\"\\\"{escaped}\\\"\"\n"), "it is quoted twice", "one pair of double quotes"),
        (format!("{KEY}=\"{pkcs1}\"\n"), "PKCS#1", "openssl pkcs8 -topk8 -nocrypt"),
        (format!("{KEY}='{escaped}'\n"), "literal \\n", "double quotes"),
        (format!("{KEY}={escaped}\n"), "literal \\n", "double quotes"),
        (format!("{KEY}=\"{}\"\n", escaped.replace("MII", "M!I")), "not valid base64", "keys generate --write --force"),
    ];
    for (file, message, hint) in cases {
        let dir = project();
        std::fs::write(env_local(dir.path()), &file).unwrap();
        let out = bin(dir.path()).args(["keys", "jwks"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        assert!(err.contains(message) && err.contains(hint), "for {file:?}:\n{err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("convex-authjs: error:")).count(), 1);
        assert!(!err.contains(&body(&key)[..40]), "no key material in errors");
        assert_eq!(stdout(&out), "");
    }
    // The same, from the process environment: the hint speaks of the variable, not a file.
    let dir = project();
    let out = bin(dir.path()).args(["keys", "jwks"]).env(KEY, key.replace('\n', "\\n")).output().unwrap();
    assert!(stderr(&out).contains("CONVEX_AUTH_PRIVATE_KEY in the environment cannot be used"));
    assert!(stderr(&out).contains("real line breaks"));
}

#[test]
fn bad_env_files_are_named_with_a_fix() {
    let dir = project();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    std::fs::write(dir.path().join("latin1.env"), b"A=caf\xe9\n").unwrap();
    std::fs::write(dir.path().join("separator.env"), "A=1\nB=x\u{2028}y\n").unwrap();
    std::fs::write(dir.path().join("plain-file"), "").unwrap();
    let cases = [
        ("folder", "folder is a directory", "--env-file PATH"),
        ("latin1.env", "latin1.env is not UTF-8 text (line 1)", "save the file as UTF-8"),
        ("separator.env", "line 2 holds a Unicode line separator", "fix that line by hand"),
        ("plain-file/.env.local", "cannot read plain-file/.env.local: not a directory", "check the path"),
    ];
    for (file, message, hint) in cases {
        for args in [&["secret", "generate", "--write"][..], &["keys", "generate", "--write"], &["keys", "jwks"]] {
            let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            let out = bin(dir.path()).args(args).args(["--env-file", file]).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{file} {args:?}");
            let err = stderr(&out);
            assert!(err.contains(message) && err.contains(hint), "{file} {args:?}:\n{err}");
            let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(before, after, "nothing created or left behind");
        }
    }
    assert_eq!(std::fs::read(dir.path().join("latin1.env")).unwrap(), b"A=caf\xe9\n");
}

#[cfg(unix)]
#[test]
fn a_symlinked_env_file_stays_a_symlink() {
    let dir = project();
    std::fs::write(dir.path().join("shared.env"), "A=1\n").unwrap();
    std::os::unix::fs::symlink("shared.env", env_local(dir.path())).unwrap();
    assert!(bin(dir.path()).args(["secret", "generate", "--write"]).output().unwrap().status.success());
    assert!(std::fs::symlink_metadata(env_local(dir.path())).unwrap().file_type().is_symlink());
    assert!(read(dir.path().join("shared.env")).starts_with(&format!("A=1\n{SECRET}=")));
}

#[test]
fn a_value_in_the_shell_environment_is_pointed_out() {
    let dir = project();
    let out = bin(dir.path()).args(["secret", "generate", "--write"]).env(SECRET, "from-shell").output().unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("warning: CONVEX_AUTH_ADAPTER_SECRET is also set in this shell's environment"));
    assert!(!stderr(&out).contains("from-shell"));
}

#[test]
fn colours_follow_the_flag_and_no_color() {
    let dir = project();
    std::fs::write(env_local(dir.path()), format!("{SECRET}=x\n")).unwrap();
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = bin(dir.path());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        stderr(&cmd.args(["secret", "generate", "--write"]).args(args).output().unwrap())
    };
    assert!(run(&["--color", "always"], false).contains("\u{1b}["));
    assert!(!run(&["--color", "never"], false).contains("\u{1b}["));
    assert!(!run(&[], true).contains("\u{1b}["), "not a terminal, NO_COLOR");
    assert!(!run(&[], false).contains("\u{1b}["), "not a terminal");
}

#[test]
fn committed_completions_are_current() {
    let dir = project();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "convex-authjs.bash"),
        ("zsh", "_convex-authjs"),
        ("fish", "convex-authjs.fish"),
        ("powershell", "_convex-authjs.ps1"),
        ("elvish", "convex-authjs.elv"),
    ] {
        let out = bin(dir.path()).args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let committed = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(
            stdout(&out) == committed,
            "completions/{file} is stale: run `cargo run -q -- completions {shell} > completions/{file}`"
        );
    }
}

/// The overwrite prompt, in a real pseudo-terminal: it names what is lost, and no keeps the file.
#[cfg(unix)]
#[test]
fn the_overwrite_prompt_at_a_terminal() {
    let dir = project();
    let path = env_local(dir.path());
    let old = format!("{KEY}=\"old\"\n");
    std::fs::write(&path, &old).unwrap();
    let spawn = || at_terminal(dir.path(), &["keys", "generate", "--write"]);
    let mut session = spawn();
    session.exp_string("is already set in .env.local. Replace it? (every signed-in session ends").unwrap();
    session.send("n").unwrap();
    session.flush().unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("Nothing changed: kept the existing CONVEX_AUTH_PRIVATE_KEY"), "{rest}");
    assert!(!rest.contains("error:"), "a no is not an error: {rest}");
    assert_eq!(read(&path), old);

    let mut session = spawn();
    session.exp_string("Replace it?").unwrap();
    session.send("y").unwrap();
    session.flush().unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("Replaced CONVEX_AUTH_PRIVATE_KEY in .env.local"), "{rest}");
    assert!(read(&path).starts_with(&format!("{KEY}=\"-----BEGIN PRIVATE KEY-----\\n")));
}

/// With --json, a command that cannot run still prints one JSON document on stdout.
#[test]
fn json_runs_that_cannot_run_print_one_error_document() {
    let dir = project();
    let cases: [&[&str]; 5] = [
        &["keys", "jwks"],
        &["env", "push", "--yes"],
        &["doctor"],
        &["setup", "--yes", "--via", "api"],
        &["secret", "generate", "--write", "--env-file", "."],
    ];
    for args in cases {
        let out = bin(dir.path()).args(args).arg("--json").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{args:?}: stdout is not JSON: {}", stdout(&out)));
        assert_eq!(doc["ok"], false, "{args:?}");
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(stderr(&out).contains(message), "{args:?}: the same message on stderr");
        assert!(doc["error"]["hint"].as_str().is_some_and(|h| !h.is_empty()), "{args:?}: {doc}");
    }
}

/// Every command's --help, kept as files so that a change to it shows up in review
/// (`SNAPSHOTS=overwrite cargo test --test cli` rewrites them).
#[test]
fn help_of_every_command() {
    let dir = project();
    let commands: [(&[&str], &str); 13] = [
        (&[], "convex-authjs.txt"),
        (&["setup"], "setup.txt"),
        (&["init"], "init.txt"),
        (&["doctor"], "doctor.txt"),
        (&["env", "push"], "env-push.txt"),
        (&["keys", "generate"], "keys-generate.txt"),
        (&["keys", "jwks"], "keys-jwks.txt"),
        (&["keys", "rotate"], "keys-rotate.txt"),
        (&["keys", "prune"], "keys-prune.txt"),
        (&["keys", "status"], "keys-status.txt"),
        (&["secret", "generate"], "secret-generate.txt"),
        (&["completions"], "completions.txt"),
        (&["env"], "env.txt"),
    ];
    for (args, file) in commands {
        let out = bin(dir.path()).args(args).arg("--help").output().unwrap();
        assert!(out.status.success());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/help").join(file);
        assert_data_eq!(stdout(&out), snapbox::Data::read_from(&path, None));
    }
}

/// Output channels and messages the hardening review found wrong.
#[test]
fn bad_inputs_get_the_right_message() {
    let dir = project();
    // completions has no JSON form: refused, with the one JSON document on stdout.
    let out = bin(dir.path()).args(["completions", "bash", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["error"]["message"].as_str().unwrap().contains("no JSON form"), "{doc}");

    // A port past 65535 is named as such.
    support::local_setup(dir.path(), "");
    let out = bin(dir.path())
        .args(["env", "push", "--yes", "--url", "http://127.0.0.1:70000", "--admin-key", "k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("port is not a number from 1 to 65535"), "{}", stderr(&out));

    // A value over 1 MiB with no `$` in it is just a large value.
    let text = read(env_local(dir.path()));
    std::fs::write(env_local(dir.path()), format!("{text}BIG={}\n", "a".repeat(1_500_000))).unwrap();
    let out = bin(dir.path()).args(["keys", "jwks"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// An empty variable in the environment hides the file's value, as in Next.js; it never lets a
/// command overwrite what the file holds without --force.
#[test]
fn an_empty_environment_variable_never_overwrites_the_file() {
    let dir = project();
    support::local_setup(dir.path(), "");
    let before = read(env_local(dir.path()));
    for (name, args) in [(SECRET, &["secret", "generate", "--write"][..]), (KEY, &["keys", "generate", "--write"])] {
        let out = bin(dir.path()).args(args).env(name, "").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("already set in .env.local"), "{}", stderr(&out));
        assert_eq!(read(env_local(dir.path())), before, "{name}: the file is untouched");
    }
    // Reading: the server would see an empty value, and the message says why.
    let out = bin(dir.path()).args(["keys", "jwks"]).env(KEY, "").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("set but empty in this shell's environment") && stderr(&out).contains("unset"));
    // setup refuses rather than replacing both values (and logging everyone out).
    let out = bin(dir.path()).args(["setup", "--yes"]).env(KEY, "").env(SECRET, "").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(read(env_local(dir.path())), before);
}

/// `next dev` reads `.env.development.local` before `.env.local` (a production build reads
/// `.env.production.local`): the key we use is the one the server uses, and a write into
/// `.env.local` says when another file's value wins.
#[test]
fn next_js_env_files_are_read_in_next_js_order() {
    let dir = project();
    let key = |bits: &str| {
        let out = bin(dir.path()).args(["keys", "generate", "--json", "--bits", bits]).output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (local, development, production) = (key("2048"), key("2048"), key("2048"));
    let line =
        |doc: &serde_json::Value| format!("{KEY}=\"{}\"\n", doc["privateKey"].as_str().unwrap().replace('\n', "\\n"));
    std::fs::write(env_local(dir.path()), line(&local)).unwrap();
    std::fs::write(dir.path().join(".env.development.local"), line(&development)).unwrap();
    std::fs::write(dir.path().join(".env.production.local"), line(&production)).unwrap();

    let jwks = |args: &[&str]| {
        let out = bin(dir.path()).args(["keys", "jwks", "--json"]).args(args).output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["kid"].clone()
    };
    assert_eq!(jwks(&[]), development["kid"], "next dev's key");
    assert_eq!(jwks(&["--env-file", ".env.local"]), development["kid"], "the default file, spelled out");
    std::fs::create_dir_all(dir.path().join("other")).unwrap();
    assert_eq!(jwks(&["--env-file", "other/../.env.local"]), development["kid"]);
    // A file named on purpose is read alone.
    std::fs::write(dir.path().join("mine.env"), line(&local)).unwrap();
    assert_eq!(jwks(&["--env-file", "mine.env"]), local["kid"]);

    // A write into .env.local says which file's value the server will use.
    let out = bin(dir.path()).args(["keys", "generate", "--write", "--force"]).output().unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("also set in .env.development.local"), "{}", stderr(&out));

    // --prod reads the production file: doctor names it as the key's source.
    let out = bin(dir.path())
        .args(["doctor", "--json", "--prod", "--url", "http://127.0.0.1:9", "--admin-key", "k", "--timeout", "1"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = report["checks"][1]["summary"].as_str().unwrap();
    assert!(
        summary.contains(".env.production.local") && summary.contains(production["kid"].as_str().unwrap()),
        "{summary}"
    );
}

/// A command runs in-process with its output on any writer and its environment given, not the
/// test runner's: what the binary prints, the library writes to the buffers it is handed.
#[test]
fn a_command_runs_in_process_on_given_streams_and_environment() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().write(bytes)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    use clap::Parser;
    let dir = project();
    let env_file = env_local(dir.path());
    std::fs::write(&env_file, format!("{SECRET}=from-the-file-0000000000000000000000000000\n")).unwrap();
    let (out, err) = (Buffer::default(), Buffer::default());
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let cli = convex_authjs::cli::Cli::try_parse_from(args).unwrap();
        let config = convex_authjs::config::Config::from_cli(cli, convex_authjs::environment::Environment::of(env));
        let streams = convex_authjs::Streams::captured(Box::new(out.clone()), Box::new(err.clone()));
        convex_authjs::run_with(config, streams)
    };
    let file = env_file.to_str().unwrap();
    run(&["convex-authjs", "--env-file", file, "keys", "generate", "--write"], &[]).unwrap();
    let printed = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(printed.starts_with("Wrote CONVEX_AUTH_PRIVATE_KEY in "), "{printed}");
    // The given environment, not this process's, comes first, as in Next.js: `keys jwks`
    // derives the JWKS of the key given there, not of the one just written to the file.
    let other = convex_authjs::keys::PrivateKey::generate(convex_authjs::keys::Bits::B2048);
    out.0.lock().unwrap().clear();
    run(&["convex-authjs", "--env-file", file, "keys", "jwks"], &[(KEY, other.to_pem().expose())]).unwrap();
    let printed = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert_eq!(printed.trim(), other.public_key().jwks().to_json());
    let warned = String::from_utf8(err.0.lock().unwrap().clone()).unwrap();
    assert!(warned.is_empty(), "{warned}");
}
