//! What we write, read by the real consumers: `@next/env` (the Next.js env loader) and `jose`
//! (what the Next.js server signs with and what verifies tokens).

use crate::support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use convex_authjs::dotenv;
use serde_json::{Value, json};
use support::{KEY, SECRET, bin, node, project, read, stderr};

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/env");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "env"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), read(&p)))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is in tests/fixtures/env");
    files
}

fn as_map(env: &serde_json::Map<String, Value>) -> BTreeMap<String, String> {
    env.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect()
}

fn ours(text: &str) -> BTreeMap<String, String> {
    let loaded = dotenv::load(text).unwrap_or_else(|e| panic!("we refused {text:?}: {e}"));
    loaded.into_iter().map(|(name, value)| (name, value.to_string())).collect()
}

#[test]
fn our_reader_matches_next_env_on_the_corpus() {
    let files = fixtures();
    let texts: Vec<String> = files.iter().map(|(_, t)| t.clone()).collect();
    for ((name, text), (theirs, errors)) in files.iter().zip(node::next_env_load(&texts)) {
        assert!(errors.is_empty(), "{name}: @next/env logged {errors:?}");
        assert_eq!(ours(text), as_map(&theirs), "{name} is read differently");
    }
}

/// A small deterministic generator: the same files on every run, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Files built from the pieces dotenv's expression and dotenv-expand treat specially.
fn generated_file(rng: &mut XorShift) -> String {
    let names = ["A", "B_1", "a.b-c", "CONVEX_AUTH_ADAPTER_SECRET", "123", "export", "X"];
    let prefixes = ["", "", "export ", "  ", "\t"];
    let separators = ["=", "=", " = ", ": ", ":", "=  "];
    let pieces = [
        "plain",
        " ",
        "\t",
        "'",
        "\"",
        "`",
        "\\n",
        "\\r",
        "\\",
        "$",
        "$A",
        "${A}",
        "${NOPE:-dflt}",
        "\\$A",
        "#",
        " #c",
        "\n",
        "\r\n",
        "\r",
        "é",
        "\u{a0}",
        "$$",
        "$&",
        "=",
        ":",
        "a\"b",
        "\\'",
        "\\\"",
    ];
    let mut text = String::new();
    for _ in 0..(1 + rng.next() % 6) {
        match rng.next() % 8 {
            0 => text.push_str("# comment\n"),
            1 => text.push('\n'),
            _ => {
                text.push_str(rng.pick(&prefixes));
                text.push_str(rng.pick(&names));
                text.push_str(rng.pick(&separators));
                for _ in 0..(rng.next() % 6) {
                    text.push_str(rng.pick(&pieces));
                }
                text.push_str(rng.pick(&["\n", "\r\n", "", "\n\n"]));
            }
        }
    }
    text
}

#[test]
fn our_reader_matches_next_env_on_generated_files() {
    let mut rng = XorShift(0x5eed_1234_abcd_0001);
    let texts: Vec<String> = (0..600).map(|_| generated_file(&mut rng)).collect();
    let (ours_ok, ours_refused): (Vec<String>, Vec<String>) =
        texts.into_iter().partition(|text| dotenv::load(text).is_ok());
    // What we read, Next.js must read the same, without errors.
    let results: Vec<_> = ours_ok.chunks(100).flat_map(node::next_env_load).collect();
    for (text, (theirs, errors)) in ours_ok.iter().zip(results) {
        assert!(errors.is_empty(), "we read {text:?} but Next.js failed: {errors:?}");
        assert_eq!(ours(text), as_map(&theirs), "read differently: {text:?}");
    }
    // What we refuse (a self-referencing `$`), Next.js must give up on too. Its dotenv-expand
    // grows the string at every turn until the stack runs out (the error it reports) or V8's
    // memory does, which kills node: how deep it gets before that varies with the JIT, so one
    // node per file, and a dead node counts as Next.js failing on the file.
    for text in &ours_refused {
        let answer = node::try_call(&json!({ "op": "load", "files": [text] }));
        let failed = answer.map_or(true, |a| a[0]["errors"].as_array().is_some_and(|e| !e.is_empty()));
        assert!(failed, "we refuse {text:?} but Next.js reads it");
    }
    assert!(ours_ok.len() > 500, "only {} files compared", ours_ok.len());
}

#[test]
fn values_we_set_load_back_exactly_in_next_env() {
    let values = [
        "plain-base64+/=",
        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
        "has $dollar and ${BRACES} and \\$escaped",
        "quote \" inside",
        "single ' inside",
        "both ' and \" inside",
        "all three ' \" ` quotes",
        "literal \\n not a newline",
        "line\nbreak and literal \\n",
        "trailing space ",
        " leading space",
        "# hash",
        "a#b",
        "$",
        "\\",
        "é\u{a0}",
        "carriage\rreturn",
        "",
    ];
    let mut cases = Vec::new();
    let mut refused = Vec::new();
    for (name, text) in fixtures() {
        for value in values {
            match dotenv::set(&text, SECRET, value) {
                Ok(edited) => cases.push((name.clone(), text.clone(), value, edited)),
                Err(e) => refused.push(format!("{name} {value:?}: {e}")),
            }
        }
    }
    let mut texts: Vec<String> = Vec::new();
    for (_, before, _, after) in &cases {
        texts.push(before.clone());
        texts.push(after.to_string());
    }
    let loaded = node::next_env_load(&texts);
    for (i, (name, _, value, after)) in cases.iter().enumerate() {
        let before = as_map(&loaded[2 * i].0);
        let mut after_env = as_map(&loaded[2 * i + 1].0);
        assert_eq!(
            after_env.remove(SECRET).as_deref(),
            Some(*value),
            "{name}: {value:?} came back differently from {after:?}"
        );
        let mut expected = before.clone();
        expected.remove(SECRET);
        assert_eq!(after_env, expected, "{name}: other variables changed after setting {value:?}");
    }
    // Only values no dotenv quoting can carry, or a file whose unclosed quote would swallow
    // the new line, may be refused; the plain ones must always be written.
    for plain in ["plain-base64+/=", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"] {
        assert!(!refused.iter().any(|r| r.contains(&format!("{plain:?}"))), "refused a plain value: {refused:#?}");
    }
    assert!(cases.len() > values.len() * 15, "too many refusals: {refused:#?}");
}

/// The seed's two lines, read the way a user uses them: the first pasted into `.env.local`
/// and loaded by Next.js, the second parsed as the JWKS Convex serves.
#[test]
fn keys_generate_is_a_drop_in_for_the_seed_script() {
    let mut keys = Vec::new();
    for bits in ["2048", "3072", "4096"] {
        let dir = project();
        let out = bin(dir.path()).args(["keys", "generate", "--bits", bits]).output().unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = stdout.split('\n').collect();
        assert_eq!(lines.len(), 4, "two lines, a blank one between, a final newline: {stdout:?}");
        assert!(lines[0].starts_with(&format!("{KEY}=\"-----BEGIN PRIVATE KEY-----\\n")));
        assert!(lines[0].ends_with("\\n-----END PRIVATE KEY-----\\n\""));
        assert_eq!(lines[1], "");
        assert_eq!(lines[3], "");
        let jwks: Value = serde_json::from_str(lines[2].strip_prefix("JWKS=").unwrap()).unwrap();
        let jwk = &jwks["keys"][0];
        assert_eq!(
            (&jwk["kty"], &jwk["use"], &jwk["alg"], &jwk["e"]),
            (&json!("RSA"), &json!("sig"), &json!("RS256"), &json!("AQAB"))
        );

        let (env, errors) = node::next_env_load(&[format!("{}\n", lines[0])]).remove(0);
        assert!(errors.is_empty());
        let pem = env[KEY].as_str().unwrap().to_string();
        let kid = jwk["kid"].as_str().unwrap().to_string();
        keys.push(json!({ "pem": pem, "jwks": jwks, "kid": kid }));
    }
    let answers = node::call(&json!({ "op": "jose", "keys": keys }));
    for (answer, key) in answers.as_array().unwrap().iter().zip(&keys) {
        assert_eq!(answer["imported"], true);
        assert_eq!(answer["verifiedWithoutKid"], true, "a token without kid verifies against our JWKS");
        assert_eq!(answer["verifiedWithKid"], true, "a token with our kid verifies against our JWKS");
        assert_eq!(answer["thumbprint"], key["kid"], "kid is jose's RFC 7638 thumbprint");
        assert_eq!(answer["privateKeyThumbprint"], key["kid"], "the JWKS is the private key's public half");
    }
}

#[test]
fn keys_generate_json_is_read_by_jose() {
    let dir = project();
    let out = bin(dir.path()).args(["keys", "generate", "--json"]).output().unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let key = json!({ "pem": doc["privateKey"], "jwks": doc["jwks"], "kid": doc["kid"] });
    let answer = node::call(&json!({ "op": "jose", "keys": [key] }));
    assert_eq!(answer[0]["verifiedWithKid"], true);
    assert_eq!(answer[0]["privateKeyThumbprint"], doc["kid"]);
}

/// Node's OpenSSL reads each generated key back and checks it part by part, as FIPS 186-4
/// asks (CONTRIBUTING lists the checks). No prime may come back in another key: each process
/// must seed its random generator afresh from the operating system (.cargo/config.toml).
#[test]
fn generated_keys_are_sound_rsa_keys_by_node_s_checks() {
    let dir = project();
    let mut pems = Vec::new();
    for bits in ["2048", "3072", "4096"].into_iter().chain(["2048"; 17]) {
        let out = bin(dir.path()).args(["keys", "generate", "--json", "--bits", bits]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        pems.push((bits.parse::<u64>().unwrap(), doc["privateKey"].as_str().unwrap().to_string()));
    }
    let answers =
        node::call(&json!({ "op": "rsa-parts", "pems": pems.iter().map(|(_, pem)| pem).collect::<Vec<_>>() }));
    let mut primes = std::collections::BTreeSet::new();
    for (answer, (bits, _)) in answers.as_array().unwrap().iter().zip(&pems) {
        assert_eq!(answer["bits"], json!(bits), "{answer}");
        assert_eq!(answer["e"], 65537);
        for check in ["nIsPq", "primes", "aboveSqrt2", "farApart", "dInverse", "dLarge", "dBelowLcm", "crt"] {
            assert_eq!(answer[check], true, "{check} fails for a {bits}-bit key");
        }
        for prime in [&answer["p"], &answer["q"]] {
            assert!(primes.insert(prime.as_str().unwrap().to_string()), "a prime came back in a second key");
        }
    }
}

/// The first occurrence of `needle`, which must be the only one.
fn split_once_unique<'a>(haystack: &'a str, needle: &str) -> (&'a str, &'a str) {
    assert_eq!(haystack.matches(needle).count(), 1, "{needle:?} appears once in {haystack:?}");
    let at = haystack.find(needle).unwrap();
    (&haystack[..at], &haystack[at + needle.len()..])
}

/// Every awkward file, every variable, with and without --force: other variables load the
/// same, ours loads to what we generated, and no byte outside our value changed.
#[test]
fn writing_into_awkward_env_files_changes_only_our_value() {
    struct Run {
        fixture: String,
        var: &'static str,
        before: String,
        after: String,
        kid: Option<String>,
    }
    let mut runs = Vec::new();
    for (fixture, text) in fixtures() {
        let before_ours = ours(&text);
        for var in [KEY, SECRET] {
            let already = before_ours.get(var).is_some_and(|v| !v.is_empty());
            for force in [false, true] {
                let dir = project();
                let path = support::env_local(dir.path());
                std::fs::write(&path, &text).unwrap();
                let mut args = match var {
                    KEY => vec!["keys", "generate", "--write", "--json"],
                    _ => vec!["secret", "generate", "--write", "--json"],
                };
                if force {
                    args.push("--force");
                }
                let out = bin(dir.path()).args(&args).output().unwrap();
                if already && !force {
                    assert_eq!(out.status.code(), Some(2), "{fixture}: {var} is set, so --write alone must refuse");
                    assert_eq!(read(&path), text, "{fixture}: a refusal leaves the file untouched");
                    continue;
                }
                assert!(out.status.success(), "{fixture} {var}: {}", stderr(&out));
                let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
                let expected_action = if already { "replaced" } else { "added" };
                assert_eq!(doc["action"], expected_action, "{fixture} {var}");
                let leftovers: Vec<_> =
                    std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
                assert_eq!(leftovers, [".env.local"], "no temporary file is left behind");
                let kid = doc["kid"].as_str().map(str::to_string);
                runs.push(Run { fixture: fixture.clone(), var, before: text.clone(), after: read(&path), kid });
            }
        }
    }

    let mut texts = Vec::new();
    for run in &runs {
        texts.push(run.before.clone());
        texts.push(run.after.clone());
    }
    let loaded = node::next_env_load(&texts);
    let mut keys = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let (fixture, var) = (&run.fixture, run.var);
        let before = as_map(&loaded[2 * i].0);
        let mut after = as_map(&loaded[2 * i + 1].0);
        let value = after.remove(var).unwrap_or_else(|| panic!("{fixture}: {var} does not load"));
        let mut others = before.clone();
        let old_value = others.remove(var);
        assert_eq!(after, others, "{fixture}: writing {var} changed other variables");

        // The bytes: the value as we spell it appears once; everything around it is the old file.
        let spelled = match var {
            KEY => format!("\"{}\"", value.replace('\n', "\\n")),
            _ => value.clone(),
        };
        let (head, tail) = split_once_unique(&run.after, &spelled);
        // Next.js already reading the name (even as empty) means we edit that entry in place.
        if old_value.is_some() {
            assert!(
                run.before.starts_with(head) && run.before.ends_with(tail),
                "{fixture}: bytes outside {var}'s value changed"
            );
            let old_spelling = &run.before[head.len()..run.before.len() - tail.len()];
            let (old_loaded, _) = node::next_env_load(&[format!("{var}={old_spelling}\n")]).remove(0);
            assert_eq!(
                as_map(&old_loaded).get(var),
                old_value.as_ref(),
                "{fixture}: only the old value's bytes were replaced"
            );
        } else {
            let newline = if run.before.contains("\r\n") { "\r\n" } else { "\n" };
            let separator = if run.before.is_empty() || run.before.ends_with(['\n', '\r']) { "" } else { newline };
            assert_eq!(run.after, format!("{}{separator}{var}={spelled}{newline}", run.before), "{fixture}: appended");
        }
        match var {
            KEY => keys.push(json!({ "pem": value, "jwks": { "keys": [] }, "kid": run.kid })),
            _ => assert!(
                value.len() == 44 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/".contains(&b)),
                "{fixture}: {value}"
            ),
        }
    }
    assert!(keys.len() >= 20);
    // Each stored key is imported by jose and is the key whose kid we reported.
    let dir = project();
    for key in &mut keys {
        std::fs::write(
            support::env_local(dir.path()),
            format!("{KEY}=\"{}\"\n", key["pem"].as_str().unwrap().replace('\n', "\\n")),
        )
        .unwrap();
        let out = bin(dir.path()).args(["keys", "jwks"]).output().unwrap();
        key["jwks"] = serde_json::from_slice(&out.stdout).unwrap();
    }
    let answers = node::call(&json!({ "op": "jose", "keys": keys }));
    for (answer, key) in answers.as_array().unwrap().iter().zip(&keys) {
        assert_eq!(answer["privateKeyThumbprint"], key["kid"], "the stored key is the one we reported");
        assert_eq!(answer["verifiedWithKid"], true, "keys jwks gives the stored key's public half");
    }
}

// ---- The real convex CLI against the fake deployment ----

use support::fake::{ADMIN_KEY, FakeDeployment};

/// `npx convex env set NAME` with the value on stdin, pointed at the fake as a self-hosted backend.
fn convex_env_set(dir: &std::path::Path, url: &str, admin_key: &str, name: &str, value: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new("npx")
        .args(["--no", "convex", "env", "set", name])
        .current_dir(dir)
        .env("CONVEX_SELF_HOSTED_URL", url)
        .env("CONVEX_SELF_HOSTED_ADMIN_KEY", admin_key)
        .env_remove("CONVEX_DEPLOYMENT")
        .env_remove("CONVEX_DEPLOY_KEY")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("npx runs");
    child.stdin.take().unwrap().write_all(format!("{value}\n").as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `npx convex env get NAME` against the fake as a self-hosted backend.
fn convex_env_get(dir: &std::path::Path, url: &str, admin_key: &str, name: &str) -> std::process::Output {
    std::process::Command::new("npx")
        .args(["--no", "convex", "env", "get", name])
        .current_dir(dir)
        .env("CONVEX_SELF_HOSTED_URL", url)
        .env("CONVEX_SELF_HOSTED_ADMIN_KEY", admin_key)
        .env("CI", "1")
        .env_remove("CONVEX_DEPLOYMENT")
        .env_remove("CONVEX_DEPLOY_KEY")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("npx runs")
}

#[test]
fn the_fake_speaks_the_protocol_of_the_real_convex_cli() {
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    let out = convex_env_set(dir.path(), &fake.url, ADMIN_KEY, "SOME_NAME", "{\"keys\":[]}");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.env().get("SOME_NAME").map(String::as_str), Some("{\"keys\":[]}"));
    let update = fake.requests().into_iter().find(|r| r.path == "/api/update_environment_variables").unwrap();
    assert_eq!(update.authorization, Some(format!("Convex {ADMIN_KEY}")));

    // The fake's refusals are the ones the real CLI understands as failures.
    let out = convex_env_set(dir.path(), &fake.url, "convex-self-hosted|wrong", "OTHER", "x");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("BadAdminKey"), "{}", stderr(&out));
    let out = convex_env_set(dir.path(), &fake.url, ADMIN_KEY, "1BAD", "x");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("EnvironmentVariableNameInvalid"));
    assert_eq!(fake.env().len(), 1);

    // env get reads over the sync WebSocket: the value on stdout, or "not found" and exit 0.
    let pem_like = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
    fake.set_env("MULTI_LINE", pem_like);
    let out = convex_env_get(dir.path(), &fake.url, ADMIN_KEY, "MULTI_LINE");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{pem_like}\n"));
    let out = convex_env_get(dir.path(), &fake.url, ADMIN_KEY, "MISSING");
    assert!(out.status.success(), "a missing variable exits 0");
    assert!(out.stdout.is_empty() && stderr(&out).contains("not found"), "{}", stderr(&out));
    let out = convex_env_get(dir.path(), &fake.url, "convex-self-hosted|wrong", "MULTI_LINE");
    assert!(!out.status.success(), "a bad admin key fails");
    assert!(out.stdout.is_empty());
}

/// A stand-in `npx` on PATH that records its arguments, then runs the real one (or not).
#[cfg(unix)]
fn recording_npx(dir: &std::path::Path, run_real: bool) -> (std::ffi::OsString, std::path::PathBuf) {
    let real = which::which("npx").unwrap();
    let bin_dir = dir.join("recording-bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let log = dir.join("npx-argv.log");
    let tail = if run_real { format!("exec {} \"$@\"", real.display()) } else { "cat > /dev/null".to_string() };
    let script = format!("#!/bin/sh\nprintf '%s\\n' \"$*\" >> {}\n{tail}\n", log.display());
    std::fs::write(bin_dir.join("npx"), script).unwrap();
    let mut perms = std::fs::metadata(bin_dir.join("npx")).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(bin_dir.join("npx"), perms).unwrap();
    let path =
        std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())))
            .unwrap();
    (path, log)
}

/// A rotation through the real convex CLI reads each variable once and sets each once.
#[cfg(unix)]
#[test]
fn keys_rotate_via_cli_reads_once_and_sets_twice() {
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    let extra = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    let (_, secret, jwks) = support::local_setup(dir.path(), &extra);
    fake.set_env("JWKS", &jwks);
    fake.set_env(SECRET, &secret);
    let (path, log) = recording_npx(dir.path(), true);
    let out = bin(dir.path())
        .args(["keys", "rotate", "--via", "cli", "--yes", "--wait", "0"])
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let argv = read(&log);
    assert_eq!(
        argv,
        "--no convex env get JWKS\n--no convex env get CONVEX_AUTH_RETIRED_KEYS\n\
         --no convex env set JWKS\n--no convex env set CONVEX_AUTH_RETIRED_KEYS\n"
    );
}

#[cfg(unix)]
#[test]
fn env_push_via_cli_drives_the_real_convex_cli() {
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    let extra = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    let (pem, secret, jwks) = support::local_setup(dir.path(), &extra);
    let (path, log) = recording_npx(dir.path(), true);
    let out =
        bin(dir.path()).args(["env", "push", "--via", "cli", "--yes", "--json"]).env("PATH", &path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    support::assert_no_secrets(&out, &[&pem, &secret, ADMIN_KEY]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["target"], json!({ "url": null, "via": "cli" }));
    assert_eq!(doc["applied"], true);
    assert_eq!(fake.env().get("JWKS"), Some(&jwks), "the JWKS arrived byte for byte");
    assert_eq!(fake.env().get(SECRET), Some(&secret));
    let argv = read(&log);
    assert_eq!(
        argv,
        "--no convex env get JWKS\n--no convex env get CONVEX_AUTH_ADAPTER_SECRET\n\
         --no convex env set JWKS\n--no convex env set CONVEX_AUTH_ADAPTER_SECRET\n"
    );
    assert_eq!(doc["changes"], json!([{ "name": "JWKS", "action": "add" }, { "name": SECRET, "action": "add" }]));

    // Again: the current values are read through the convex CLI, so the rerun plans nothing.
    let sets = fake.count("/api/update_environment_variables");
    let again =
        bin(dir.path()).args(["env", "push", "--via", "cli", "--yes", "--json"]).env("PATH", &path).output().unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    support::assert_no_secrets(&again, &[&pem, &secret, ADMIN_KEY]);
    let doc: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        doc["changes"],
        json!([{ "name": "JWKS", "action": "unchanged" }, { "name": SECRET, "action": "unchanged" }])
    );
    assert_eq!(doc["applied"], false);
    assert_eq!(fake.count("/api/update_environment_variables"), sets, "nothing sent");
    // A changed secret reads as change, and only it is set.
    fake.set_env(SECRET, "another-value-entirely-00000000000000000000");
    let third =
        bin(dir.path()).args(["env", "push", "--via", "cli", "--yes", "--json"]).env("PATH", &path).output().unwrap();
    let doc: Value = serde_json::from_slice(&third.stdout).unwrap();
    assert_eq!(
        doc["changes"],
        json!([{ "name": "JWKS", "action": "unchanged" }, { "name": SECRET, "action": "change" }])
    );
    assert_eq!(fake.env().get(SECRET), Some(&secret));
}

#[cfg(unix)]
#[test]
fn env_push_via_cli_passes_the_deployment_flags_through() {
    let dir = support::convex_project();
    support::local_setup(dir.path(), "CONVEX_DEPLOYMENT=dev:happy-otter-123\n");
    // Production's values, where a production build reads them.
    std::fs::copy(dir.path().join(".env.local"), dir.path().join(".env.production.local")).unwrap();
    let (path, log) = recording_npx(dir.path(), false);
    for args in [&["--prod"][..], &["--deployment-name", "tall-sheep-42"], &["--env-file", "other.env"]] {
        if args[0] == "--env-file" {
            std::fs::copy(dir.path().join(".env.local"), dir.path().join("other.env")).unwrap();
        }
        let out = bin(dir.path()).args(["env", "push", "--yes"]).args(args).env("PATH", &path).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let sets: Vec<String> = read(&log).lines().filter(|l| l.contains(" env set ")).map(str::to_string).collect();
    assert_eq!(
        sets,
        [
            "--no convex env set JWKS --prod",
            "--no convex env set CONVEX_AUTH_ADAPTER_SECRET --prod",
            "--no convex env set JWKS --deployment-name tall-sheep-42",
            "--no convex env set CONVEX_AUTH_ADAPTER_SECRET --deployment-name tall-sheep-42",
            "--no convex env set JWKS --env-file other.env",
            "--no convex env set CONVEX_AUTH_ADAPTER_SECRET --env-file other.env",
        ]
    );
    let gets = read(&log).lines().filter(|l| l.contains(" env get ")).count();
    assert_eq!(gets, 6, "each plan reads both values first, with the same flags");

    // The default env file, however it is spelled, is not passed: the convex CLI reads it by
    // itself, and naming it would make the CLI ignore the process environment.
    std::fs::write(&log, "").unwrap();
    let absolute = dir.path().join(".env.local");
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    for spelling in [absolute.to_str().unwrap(), "./.env.local", "sub/../.env.local"] {
        let out =
            bin(dir.path()).args(["env", "push", "--yes", "--env-file", spelling]).env("PATH", &path).output().unwrap();
        assert!(out.status.success(), "{spelling}: {}", stderr(&out));
    }
    assert!(!read(&log).contains("--env-file"), "{}", read(&log));
}

/// The probe token doctor's token.local accepted is accepted by an independent verifier too:
/// jose's jwtVerify with createRemoteJWKSet against the fake deployment's site.
#[test]
fn jose_accepts_the_probe_token_that_token_local_accepted() {
    let fake = FakeDeployment::start();
    let dir = project();
    let extra = format!("CONVEX_URL={}\nNEXT_PUBLIC_CONVEX_SITE_URL={}\n", fake.url, fake.site_url);
    let (_, secret, jwks) = support::local_setup(dir.path(), &extra);
    fake.set_env("JWKS", &jwks);
    fake.set_env(SECRET, &secret);
    let out = bin(dir.path()).args(["doctor", "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let token_local = report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "token.local").unwrap();
    assert_eq!(token_local["status"], "pass", "{report:#}");
    let token = fake.state.lock().unwrap().bearer_tokens.first().cloned().expect("doctor sent its probe to Convex");
    let verify = |token: &str| {
        node::call(&json!({
            "op": "verify-remote",
            "token": token,
            "jwksUrl": format!("{}/.well-known/jwks.json", fake.site_url),
            "issuer": fake.site_url,
        }))
    };
    let answer = verify(&token);
    assert_eq!(answer["verified"], true, "{answer}");
    assert_eq!(answer["alg"], "RS256");
    assert_eq!(answer["lifetime"], 60, "the probe lives 60 s");

    // The same verifier refuses it once the site serves another key pair: the check can fail.
    let other = support::local_setup(project().path(), "").2;
    fake.set_env("JWKS", &other);
    assert_eq!(verify(&token)["verified"], false);
}

/// Text after a PEM's END line: we accept the key exactly when jose's importPKCS8 does (it reads
/// base64 text there when the key's own base64 has no padding, and refuses anything else).
#[test]
fn text_after_the_pem_is_read_as_jose_reads_it() {
    let dir = project();
    let tails = [
        "",
        "trailing text\n",
        "\n# a comment\n",
        "Zm9v\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    ];
    let mut pems = Vec::new();
    for _ in 0..6 {
        let out = bin(dir.path()).args(["keys", "generate", "--json"]).output().unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let pem = doc["privateKey"].as_str().unwrap().to_string();
        pems.extend(tails.iter().map(|tail| format!("{pem}{tail}")));
    }
    let jose = node::call(&json!({ "op": "import", "pems": pems }));
    let mut accepted = 0;
    for (pem, jose_ok) in pems.iter().zip(jose.as_array().unwrap()) {
        let out = bin(dir.path()).args(["keys", "jwks"]).env(KEY, pem).output().unwrap();
        assert_eq!(out.status.success(), jose_ok.as_bool().unwrap(), "{pem:?}: {}", stderr(&out));
        accepted += usize::from(out.status.success());
    }
    assert!(accepted >= 6 && accepted < pems.len(), "both outcomes are tried: {accepted} of {}", pems.len());
}

/// The key we read from a folder of Next.js env files is the one @next/env gives the server,
/// for `next dev` and for a production build.
#[test]
fn the_env_file_order_is_next_js_order() {
    let dir = project();
    let mut pems = Vec::new();
    for file in [".env.local", ".env.development.local", ".env.production.local", ".env"] {
        let out = bin(dir.path()).args(["keys", "generate", "--json"]).output().unwrap();
        let pem = serde_json::from_slice::<Value>(&out.stdout).unwrap()["privateKey"].as_str().unwrap().to_string();
        std::fs::write(dir.path().join(file), format!("{KEY}=\"{}\"\n", pem.replace('\n', "\\n"))).unwrap();
        pems.push(pem);
    }
    for (dev, prod_flag) in [(true, false), (false, true)] {
        let theirs = node::call(&json!({ "op": "load-dir", "dir": dir.path(), "dev": dev }));
        let pem = theirs[KEY].as_str().unwrap();
        // Which of ours @next/env chose, then the same through doctor (which names its source).
        let chosen = [".env.local", ".env.development.local", ".env.production.local", ".env"]
            [pems.iter().position(|p| p == pem).unwrap()];
        let mut args = vec!["doctor", "--json", "--url", "http://127.0.0.1:9", "--admin-key", "k", "--timeout", "1"];
        if prod_flag {
            args.push("--prod");
        }
        let out = bin(dir.path()).args(&args).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let summary = report["checks"][1]["summary"].as_str().unwrap();
        assert!(summary.contains(&format!("from {chosen} ")), "dev={dev}: @next/env took {chosen}; we say {summary}");
    }
}

/// `env push --preview` sets the project's defaults for new preview deployments through the
/// real convex CLI (`env default get|set --type preview`), logged in by the access-token
/// override, against the fake's management API; a rerun plans nothing; no value is in argv.
#[cfg(unix)]
#[test]
fn env_push_preview_sets_the_project_defaults_through_the_real_convex_cli() {
    use support::fake::ACCESS_TOKEN;
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    let (pem, secret, jwks) = support::local_setup(dir.path(), "CONVEX_DEPLOYMENT=dev:happy-otter-123\n");
    let (path, log) = recording_npx(dir.path(), true);
    let push = || {
        bin(dir.path())
            .args(["env", "push", "--preview", "--yes", "--json"])
            .env("PATH", &path)
            .env("CONVEX_PROVISION_HOST", &fake.url)
            .env("CONVEX_OVERRIDE_ACCESS_TOKEN", ACCESS_TOKEN)
            .output()
            .unwrap()
    };
    let out = push();
    assert!(out.status.success(), "{}", stderr(&out));
    support::assert_no_secrets(&out, &[&pem, &secret, ADMIN_KEY]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["changes"], json!([{ "name": "JWKS", "action": "add" }, { "name": SECRET, "action": "add" }]));
    let defaults = fake.state.lock().unwrap().preview_defaults.clone();
    assert_eq!(defaults.get("JWKS"), Some(&jwks), "byte for byte");
    assert_eq!(defaults.get(SECRET), Some(&secret));
    assert!(fake.env().is_empty(), "no deployment's own variables were touched");

    let again = push();
    let doc: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(doc["applied"], false, "{}", stderr(&again));
    let argv = read(&log);
    assert!(
        argv.lines().all(|l| l.starts_with("--no convex env default ") && l.ends_with(" --type preview")),
        "{argv}"
    );
    assert_eq!(argv.lines().filter(|l| l.contains(" set ")).count(), 2, "{argv}");
    assert!(!argv.contains(&secret));
}

/// `setup --preview`: what is missing is made in .env.local and put in the project's preview
/// defaults through the real convex CLI; the closing line names the host's preview step.
#[test]
fn setup_preview_fills_the_project_defaults() {
    use support::fake::ACCESS_TOKEN;
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    std::fs::write(support::env_local(dir.path()), "CONVEX_DEPLOYMENT=dev:happy-otter-123\n").unwrap();
    let out = bin(dir.path())
        .args(["setup", "--preview", "--yes"])
        .env("CONVEX_PROVISION_HOST", &fake.url)
        .env("CONVEX_OVERRIDE_ACCESS_TOKEN", ACCESS_TOKEN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = read(support::env_local(dir.path()));
    let secret = support::value(&text, SECRET);
    assert_eq!(fake.state.lock().unwrap().preview_defaults.get(SECRET), Some(&secret));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("preview environment"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    support::assert_no_secrets(&out, &[&secret]);
}

/// On a preview build the convex CLI logs in with the preview deploy key: `--preview` lets it,
/// rather than asking for one deployment's URL.
#[cfg(unix)]
#[test]
fn env_push_preview_leaves_a_preview_deploy_key_to_the_convex_cli() {
    let dir = support::convex_project();
    support::local_setup(dir.path(), "");
    let (path, log) = recording_npx(dir.path(), false);
    let out = bin(dir.path())
        .args(["env", "push", "--preview", "--yes"])
        .env("PATH", &path)
        .env("CONVEX_DEPLOY_KEY", support::fake::PREVIEW_DEPLOY_KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read(&log).lines().all(|l| l.contains(" env default ")), "{}", read(&log));
    assert!(!read(&log).contains(support::fake::PREVIEW_DEPLOY_KEY), "the key stays out of argv");
}
