//! `setup` end to end against the fake deployment, and its prompt in a real pseudo-terminal.

use crate::support;

#[cfg(unix)]
use support::at_terminal;
use support::fake::{ADMIN_KEY, FakeDeployment};
use support::{UPDATE, assert_no_secrets, bin, env_local, project, read, stderr, stdout, value};

/// A project right after `npx convex dev`: the env file names the deployment and nothing else.
fn fresh() -> (tempfile::TempDir, FakeDeployment) {
    let fake = FakeDeployment::start();
    let dir = project();
    let text = format!(
        "# Deployment used by `npx convex dev`\nCONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n",
        fake.url
    );
    std::fs::write(env_local(dir.path()), text).unwrap();
    (dir, fake)
}

/// The same, with an app in the folder: the existing-code fixture (its own tables, routes,
/// Clerk provider and auth.ts).
fn fresh_app() -> (tempfile::TempDir, FakeDeployment) {
    let (dir, fake) = fresh();
    let app = support::adapter::fixture("existing-code");
    for entry in std::fs::read_dir(app.path()).unwrap() {
        let entry = entry.unwrap();
        std::fs::rename(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    (dir, fake)
}

fn setup(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    bin(dir).arg("setup").args(args).output().unwrap()
}

#[test]
fn from_urls_only_to_a_passing_doctor_then_a_no_op() {
    let (dir, fake) = fresh();
    let before = read(env_local(dir.path()));
    let out = setup(dir.path(), &["--yes"]);
    let stdout = stdout(&out);
    assert!(out.status.success(), "{stdout}{}", stderr(&out));
    let text = read(env_local(dir.path()));
    assert!(text.starts_with(&before), "the existing lines are kept as they were");
    let (pem, secret) = (value(&text, "CONVEX_AUTH_PRIVATE_KEY"), value(&text, "CONVEX_AUTH_ADAPTER_SECRET"));
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n") && secret.len() == 44);
    assert_no_secrets(&out, &[&pem, &secret, ADMIN_KEY]);
    assert!(stdout.contains("  create     CONVEX_AUTH_PRIVATE_KEY in .env.local"), "{stdout}");
    assert!(stdout.contains("  add        JWKS on the deployment"), "{stdout}");
    // The signer's issuer, as the deployment says its site URL is.
    assert!(stdout.contains("  create     NEXT_PUBLIC_CONVEX_SITE_URL in .env.local"), "{stdout}");
    assert_eq!(value(&text, "NEXT_PUBLIC_CONVEX_SITE_URL"), fake.site_url);
    // No Next.js app here: the code step is left out, said once, and doctor skips the code.
    assert!(stdout.contains("11 passed, 0 warned, 0 failed, 8 skipped"), "{stdout}");
    assert!(
        stderr(&out)
            .contains("package.json does not list next, so it is not a Next.js app: the adapter's code is left out"),
        "{}",
        stderr(&out)
    );
    assert!(stdout.contains("Next: restart next dev"), "{stdout}");
    assert!(!stderr(&out).contains("[1/3]"), "no progress lines without a terminal");
    assert_eq!(fake.env().get("CONVEX_AUTH_ADAPTER_SECRET"), Some(&secret));
    let jwks = String::from_utf8(bin(dir.path()).args(["keys", "jwks"]).output().unwrap().stdout).unwrap();
    assert_eq!(fake.env().get("JWKS").map(String::as_str), Some(jwks.trim()));
    assert_eq!(fake.count(UPDATE), 1);

    // Again: nothing changes, in the file or on the deployment, and it says so.
    let again = setup(dir.path(), &["--yes"]);
    assert!(again.status.success());
    assert_eq!(read(env_local(dir.path())), text, "byte-identical env file");
    assert_eq!(fake.count(UPDATE), 1, "no update request");
    assert!(support::stdout(&again).contains("Nothing to change: this project is already set up."));
    assert!(
        !support::stdout(&again).contains("Next:"),
        "nothing is left to do after a no-op: {}",
        support::stdout(&again)
    );
    // Without --yes and without a terminal, a no-op still runs: there is nothing to confirm.
    assert!(setup(dir.path(), &[]).status.success());
    let json = setup(dir.path(), &["--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["envFile"][0], serde_json::json!({ "name": "CONVEX_AUTH_PRIVATE_KEY", "action": "keep" }));
    assert_eq!(
        doc["deployment"]["changes"][1],
        serde_json::json!({ "name": "CONVEX_AUTH_ADAPTER_SECRET", "action": "unchanged" })
    );
    assert_eq!(doc["doctor"]["ok"], true);
}

#[test]
fn force_replaces_both_and_the_deployment_follows() {
    let (dir, fake) = fresh();
    assert!(setup(dir.path(), &["--yes"]).status.success());
    let first = read(env_local(dir.path()));
    let out = setup(dir.path(), &["--yes", "--force"]);
    assert!(out.status.success(), "{}", stdout(&out));
    let second = read(env_local(dir.path()));
    for name in ["CONVEX_AUTH_PRIVATE_KEY", "CONVEX_AUTH_ADAPTER_SECRET"] {
        assert_ne!(value(&first, name), value(&second, name), "{name} replaced");
    }
    assert_eq!(second.lines().count(), first.lines().count(), "replaced in place, not appended");
    assert_eq!(fake.env().get("CONVEX_AUTH_ADAPTER_SECRET"), Some(&value(&second, "CONVEX_AUTH_ADAPTER_SECRET")));
    let stdout = stdout(&out);
    assert!(
        stdout.contains("  replace    CONVEX_AUTH_PRIVATE_KEY") && stdout.contains("  change     JWKS"),
        "{stdout}"
    );
    assert!(stdout.contains("11 passed"), "the deployment follows: {stdout}");
}

#[test]
fn without_yes_and_without_a_terminal_nothing_changes() {
    let (dir, fake) = fresh();
    let before = read(env_local(dir.path()));
    for env in [None, Some(("CI", "true"))] {
        let mut cmd = bin(dir.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.arg("setup").output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("hint: pass --yes"));
    }
    assert_eq!(read(env_local(dir.path())), before);
    assert_eq!(fake.count(UPDATE), 0);
    assert!(fake.env().is_empty());
}

/// Production has credentials of its own: made for it, pushed to it, handed to the host (a file
/// named for that, or printed), never written into .env.local, and never replaced silently.
#[test]
fn prod_has_credentials_of_its_own_and_hands_them_to_the_host() {
    let (dir, dev) = fresh();
    assert!(setup(dir.path(), &["--yes"]).status.success());
    let dev_file = read(env_local(dir.path()));
    let prod = FakeDeployment::start();
    let key = support::fake::DEPLOY_KEY;
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = bin(dir.path());
        cmd.arg("setup").args(["--prod", "--yes", "--url", &prod.url]).args(args).env("CONVEX_DEPLOY_KEY", key);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };

    // New values need a way to the host.
    let out = run(&[], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--print-hosting-env") && stderr(&out).contains("--hosting-env-file"));
    assert!(prod.env().is_empty());

    let out = run(&["--hosting-env-file", "production.env"], &[]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("11 passed"), "{}", stdout(&out));
    assert!(stdout(&out).contains("from production.env"), "{}", stdout(&out));
    // Auth.js trusts the host by itself on Vercel only: elsewhere it answers UntrustedHost.
    assert!(stdout(&out).contains("AUTH_TRUST_HOST=true, or AUTH_URL"), "{}", stdout(&out));
    let handed = read(dir.path().join("production.env"));
    let (pem, secret) = (value(&handed, "CONVEX_AUTH_PRIVATE_KEY"), value(&handed, "CONVEX_AUTH_ADAPTER_SECRET"));
    assert_no_secrets(&out, &[&pem, &secret, key]);
    assert_eq!(read(env_local(dir.path())), dev_file, "the development file is untouched");
    assert_ne!(prod.env().get("JWKS"), dev.env().get("JWKS"), "production has a key pair of its own");
    assert_ne!(prod.env().get("CONVEX_AUTH_ADAPTER_SECRET"), dev.env().get("CONVEX_AUTH_ADAPTER_SECRET"));
    assert_eq!(prod.env().get("CONVEX_AUTH_ADAPTER_SECRET"), Some(&secret));

    // Again, without production's key at hand: no silent rotation.
    let served = prod.env().get("JWKS").cloned();
    let out = run(&["--print-hosting-env"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("production already has a JWKS"), "{}", stderr(&out));
    assert_eq!(prod.env().get("JWKS").cloned(), served);

    // With the values the host has, nothing to change.
    let host = [("CONVEX_AUTH_PRIVATE_KEY", pem.as_str()), ("CONVEX_AUTH_ADAPTER_SECRET", secret.as_str())];
    let out = run(&["--json"], &host);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["deployment"]["changes"][0]["action"], "unchanged");
    assert!(doc.get("hostingEnv").is_none());

    // --force makes a new pair, says what it costs, and prints it only when asked (in the JSON).
    let out = run(&["--force", "--print-hosting-env", "--json"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let new_pem = doc["hostingEnv"]["CONVEX_AUTH_PRIVATE_KEY"].as_str().unwrap();
    assert_ne!(new_pem, pem);
    assert_ne!(prod.env().get("JWKS").cloned(), served);
    assert_eq!(read(env_local(dir.path())), dev_file);

    // env push --prod never takes the development values.
    let out = bin(dir.path())
        .args(["env", "push", "--prod", "--yes", "--url", &prod.url])
        .env("CONVEX_DEPLOY_KEY", key)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("for production is not set"), "{}", stderr(&out));
}

/// Self-hosted and local deployments have no production: --prod is refused, with the reason.
#[test]
fn prod_is_refused_for_self_hosted_and_local_deployments() {
    let (dir, fake) = fresh();
    let out = setup(dir.path(), &["--prod", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("self-hosted") && stderr(&out).contains("has no production deployment"),
        "{}",
        stderr(&out)
    );
    std::fs::write(env_local(dir.path()), "CONVEX_DEPLOYMENT=local:local-me-app\n").unwrap();
    let out = setup(dir.path(), &["--prod", "--yes", "--print-hosting-env"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a local deployment"), "{}", stderr(&out));
    assert!(fake.requests().is_empty());
}

#[test]
fn a_broken_key_is_not_replaced_without_force() {
    let (dir, fake) = fresh();
    let mut text = read(env_local(dir.path()));
    text.push_str(
        "CONVEX_AUTH_PRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----\\n\"\n",
    );
    std::fs::write(env_local(dir.path()), &text).unwrap();
    let out = setup(dir.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("PKCS#1") && err.contains("--force"), "{err}");
    assert_eq!(read(env_local(dir.path())), text);
    assert_eq!(fake.count(UPDATE), 0);
}

/// The prompt, in a real pseudo-terminal: it appears, and answering no leaves everything as it was.
#[cfg(unix)]
#[test]
fn answering_no_at_the_prompt_changes_nothing() {
    let (dir, fake) = fresh();
    let before = read(env_local(dir.path()));
    let mut session = at_terminal(dir.path(), &["setup"]);
    session.exp_string("Make these 5 change(s)?").expect("the prompt appears");
    session.send("n").unwrap();
    session.flush().unwrap();
    let rest = session.exp_eof().expect("setup ends");
    assert!(rest.contains("Nothing changed."), "{rest}");
    assert!(!rest.contains("error:"), "a no is not an error: {rest}");
    let status = session.process_mut().wait().unwrap();
    assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, 1)), "a no exits 1: {status:?}");
    assert_eq!(read(env_local(dir.path())), before);
    assert_eq!(fake.count(UPDATE), 0);

    // And yes goes through, naming what a replacement costs when there is one.
    let mut session = at_terminal(dir.path(), &["setup", "--force"]);
    session.exp_string("Make these 5 change(s)?").unwrap();
    session.send("y").unwrap();
    session.flush().unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(
        rest.contains("[2/3] Pushing to") && rest.contains("[3/3] Running doctor"),
        "progress at a terminal: {rest}"
    );
    assert!(rest.contains("11 passed"), "{rest}");
    assert_ne!(read(env_local(dir.path())), before);
}

#[test]
fn dry_run_shows_the_plan_and_changes_nothing() {
    let (dir, fake) = fresh();
    let before = read(env_local(dir.path()));
    let out = setup(dir.path(), &["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("  create     CONVEX_AUTH_ADAPTER_SECRET in .env.local"), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("Dry run: nothing was changed.\n"), "{}", stdout(&out));
    let json = setup(dir.path(), &["--dry-run", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["applied"], false);
    assert_eq!(doc["deployment"]["changes"][0], serde_json::json!({ "name": "JWKS", "action": "add" }));
    assert_eq!(read(env_local(dir.path())), before);
    assert_eq!(fake.count(UPDATE), 0);
}

#[test]
fn doctor_flags_reach_the_closing_checks() {
    let (dir, _fake) = fresh();
    let out = setup(dir.path(), &["--yes", "--json", "--adapter-module", "auth/adapter"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let adapter = doc["doctor"]["checks"].as_array().unwrap().iter().find(|c| c["id"] == "adapter.secret").unwrap();
    assert!(adapter["summary"].as_str().unwrap().contains("auth/adapter:getUserByEmail"), "{adapter}");

    let out = setup(dir.path(), &["--yes", "--json", "--site-url", "http://127.0.0.1:9"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let url = doc["doctor"]["checks"].as_array().unwrap().iter().find(|c| c["id"] == "env.convex_url").unwrap();
    assert!(url["summary"].as_str().unwrap().contains("site http://127.0.0.1:9"), "{url}");
}

/// Run in a folder that is not the app: say so, and what to do, not what the convex CLI lacks.
#[test]
fn the_wrong_folder_is_named_as_such() {
    let dir = project();
    for args in [&["setup", "--yes"][..], &["doctor"]] {
        let out = bin(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("is not a Convex app folder"), "{args:?}: {err}");
        assert!(err.contains("cd to your app's folder") && err.contains("--env-file"), "{args:?}: {err}");
        assert!(!err.contains("convex npm package"), "{args:?}: {err}");
    }
}

/// --prod with no way to reach production says where a production deploy key comes from.
#[test]
fn prod_without_a_deploy_key_says_where_to_get_one() {
    let dir = project();
    std::fs::write(env_local(dir.path()), "NEXT_PUBLIC_CONVEX_URL=https://happy-otter-123.convex.cloud\n").unwrap();
    let out = bin(dir.path()).args(["doctor", "--prod"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Settings → Deploy keys"), "{}", stderr(&out));
    let out = bin(dir.path()).args(["setup", "--prod", "--yes"]).env("CONVEX_DEPLOY_KEY", "dev:x|y").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Settings → Deploy keys"), "{}", stderr(&out));
}

/// The real convex CLI refuses the push after setup wrote the env file: the error is the CLI's
/// own `✖` line, not its crash reporter's noise, and setup says what it wrote and how to go on.
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_failed_convex_cli_push_says_what_was_written_and_how_to_continue() {
    let fake = FakeDeployment::start();
    let dir = support::convex_project();
    let text = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    std::fs::write(env_local(dir.path()), text).unwrap();
    // The deployment reads fine (the plan's env get) and refuses the change (env set).
    fake.set_fault(support::fake::Fault::Error {
        status: 400,
        code: "InvalidAuthConfig",
        message: "Invalid provider domain in auth.config.ts".into(),
    });
    let out = setup(dir.path(), &["--yes", "--via", "cli"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let error_line = err.lines().find(|l| l.starts_with("convex-authjs: error:")).unwrap();
    assert!(error_line.contains("npx convex env set JWKS") && error_line.contains("InvalidAuthConfig"), "{err}");
    assert!(!error_line.contains("sentry") && !error_line.contains("Unexpected Error"), "{err}");
    assert!(
        err.contains("CONVEX_AUTH_PRIVATE_KEY and CONVEX_AUTH_ADAPTER_SECRET are already written to .env.local")
            && err.contains("run setup again"),
        "{err}"
    );
    let written = read(env_local(dir.path()));
    assert!(!value(&written, "CONVEX_AUTH_PRIVATE_KEY").is_empty());
    assert_no_secrets(&out, &[ADMIN_KEY, &value(&written, "CONVEX_AUTH_ADAPTER_SECRET")]);
}

/// --quiet: the closing report keeps only its problems.
#[test]
fn quiet_setup_prints_only_problems() {
    let (dir, fake) = fresh();
    let out = setup(dir.path(), &["--yes", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing to say when all is well");
    fake.with(|st| st.site.jwks_content_type = "text/plain".into());
    let out = setup(dir.path(), &["--yes", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("fail  site.jwks") && !text.contains("pass  "), "{text}");
}

/// In a Next.js app, setup writes the adapter's code first, under the same one confirmation,
/// adds Auth.js's own AUTH_SECRET, and ends with what is really left to do.
#[test]
fn in_an_app_setup_writes_the_code_too_and_lists_only_what_is_left() {
    let (dir, fake) = fresh_app();
    let before_auth = read(dir.path().join("auth.ts"));

    // One question for everything: without --yes and a terminal, nothing is written at all.
    let refused = setup(dir.path(), &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!dir.path().join("convex/authAdapter.ts").exists());

    let out = setup(dir.path(), &["--yes"]);
    let text = stdout(&out);
    // Everything of setup's is done; what is the user's fails doctor until they do it, and
    // setup's exit says so, as doctor's would.
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("  update     convex/schema.ts"), "{text}");
    assert!(text.contains("  create     AUTH_SECRET in .env.local"), "{text}");
    assert!(dir.path().join("convex/authAdapter.ts").exists());
    assert_eq!(read(dir.path().join("auth.ts")), before_auth, "auth.ts is never edited");
    assert_eq!(value(&read(env_local(dir.path())), "AUTH_SECRET").len(), 44);
    assert!(text.contains("17 passed, 0 warned, 2 failed, 0 skipped"), "{text}");
    assert!(
        text.contains("fail  code.wiring                   app/ConvexClientProvider.tsx is your own provider"),
        "{text}"
    );
    assert!(text.contains("fail  code.packages                 jose is not in package.json"), "{text}");
    let left = text.split("Left to do:").nth(1).expect("a list of what is left");
    for expected in [
        "pnpm add jose",
        "add the lines shown above to auth.ts",
        "npx convex dev",
        "restart next dev",
        "convex-authjs doctor",
    ] {
        assert!(left.contains(expected), "{expected:?} in {left}");
    }
    assert!(!left.contains("add your sign-in providers"), "auth.ts was the user's: {left}");

    // Again: the code is all there and nothing is written; only the user's own steps are left.
    let files = support::adapter::snapshot(dir.path());
    let out = setup(dir.path(), &["--yes"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(support::adapter::snapshot(dir.path()), files);
    assert_eq!(fake.count(UPDATE), 1);
    let left = text.split("Left to do:").nth(1).expect("a list of what is left");
    assert!(left.contains("add the lines shown above to auth.ts") && !left.contains("npx convex dev"), "{left}");
}

/// An app set up by the setup guide: its deployment serves the key as the guide's script made
/// it, without `kid`. setup keeps the key (no rotation, no session lost): it publishes the same
/// key with its kid, which the signer init writes sends, and doctor's tokens with and without
/// kid are accepted.
#[test]
fn the_guides_key_without_kid_is_kept_and_published_with_its_kid() {
    let (dir, fake) = fresh();
    let extra = read(env_local(dir.path()));
    let (pem, secret, jwks) = support::local_setup(dir.path(), &extra);
    let mut guide: serde_json::Value = serde_json::from_str(&jwks).unwrap();
    let kid = guide["keys"][0]["kid"].as_str().unwrap().to_string();
    guide["keys"][0].as_object_mut().unwrap().remove("kid");
    fake.set_env("JWKS", &guide.to_string());
    fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", &secret);

    let out = setup(dir.path(), &["--yes"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("  change     JWKS on the deployment"), "{text}");
    assert!(!text.contains("signs out"), "nothing is lost: {text}");
    assert_eq!(value(&read(env_local(dir.path())), "CONVEX_AUTH_PRIVATE_KEY"), pem, "the key is kept");
    let served: serde_json::Value = serde_json::from_str(&fake.env()["JWKS"]).unwrap();
    assert_eq!(served["keys"].as_array().unwrap().len(), 1, "{served}");
    assert_eq!(served["keys"][0]["kid"], kid.as_str());
    assert_eq!(served["keys"][0]["n"], guide["keys"][0]["n"], "the same key");
    assert!(text.contains("pass  token.convex"), "{text}");
    // Again: nothing to change.
    let again = setup(dir.path(), &["--yes"]);
    assert!(stdout(&again).contains("Nothing to change"), "{}", stdout(&again));
}

/// A deploy key's URL is asked of Convex once per run: the push and the closing doctor reach
/// the same deployment.
#[test]
fn setup_asks_a_deploy_keys_url_once() {
    let (dir, _) = fresh();
    let prod = FakeDeployment::start();
    let out = bin(dir.path())
        .args(["setup", "--prod", "--yes", "--print-hosting-env"])
        .env("CONVEX_DEPLOY_KEY", support::fake::DEPLOY_KEY)
        .env("CONVEX_PROVISION_HOST", &prod.url)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(prod.count("/api/deployment/url_for_key"), 1);
    assert_eq!(prod.count(UPDATE), 1);
}

/// setup --install runs the package manager as init --install does, and counts it among the
/// changes its one question names; without it, the plan says the line is left to the user.
#[cfg(unix)]
#[test]
fn setup_install_runs_the_package_manager_and_counts_it() {
    let (dir, _fake) = fresh_app();
    let pnpm = support::tool("pnpm", "echo \"$*\" > \"$RECORD\"");
    let (record, path) = (pnpm.record.clone(), pnpm.path.clone());
    let run = |args: &[&str]| {
        bin(dir.path()).arg("setup").args(args).env("PATH", &path).env("RECORD", &record).output().unwrap()
    };
    let plain = run(&["--dry-run"]);
    assert!(stdout(&plain).contains("  left       pnpm add jose@^6 (or pass --install)"), "{}", stdout(&plain));
    // Without --yes and a terminal nothing runs; the plan lists the install as this run's.
    let refused = run(&["--install"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stdout(&refused).contains("  install    pnpm add jose@^6"), "{}", stdout(&refused));
    assert!(!record.exists());
    let out = run(&["--install", "--yes"]);
    // The fixture's own provider and auth.ts are the user's to finish: doctor fails on them.
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(read(&record), "add jose@^6\n");
    let left = stdout(&out).split("Left to do:").nth(1).unwrap_or_default().to_string();
    assert!(!left.contains("install the packages"), "installed, so not left to do: {left}");
}

/// In development setup deploys the Convex code it wrote, with `npx convex dev --once` (no
/// value of ours in its arguments), before doctor runs; --no-deploy leaves that to the user.
#[cfg(unix)]
#[test]
fn setup_deploys_the_code_it_wrote_unless_told_not_to() {
    for no_deploy in [false, true] {
        let (dir, _fake) = fresh_app();
        // The convex package as npx finds it, and an npx that records how it was called.
        std::fs::create_dir_all(dir.path().join("node_modules/convex")).unwrap();
        std::fs::write(dir.path().join("node_modules/convex/package.json"), r#"{"name":"convex"}"#).unwrap();
        let npx = support::tool("npx", "echo \"$*\" >> \"$RECORD\"");
        let (record, path) = (npx.record.clone(), npx.path.clone());
        let args: &[&str] = if no_deploy { &["--yes", "--no-deploy"] } else { &["--yes"] };
        let out = bin(dir.path()).arg("setup").args(args).env("PATH", &path).env("RECORD", &record).output().unwrap();
        // The fixture's own provider and auth.ts are the user's to finish: doctor fails on them.
        assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
        let text = stdout(&out);
        let left = text.split("Left to do:").nth(1).unwrap_or_default().to_string();
        if no_deploy {
            assert!(!record.exists(), "npx was not run");
            assert!(left.contains("deploy the Convex code"), "{left}");
        } else {
            assert!(text.contains("  deploy     the Convex code, with npx convex dev --once"), "{text}");
            assert_eq!(read(&record), "--no convex dev --once\n");
            assert!(!left.contains("deploy the Convex code"), "deployed, so not left: {left}");
        }
    }
}

/// Under GitHub Actions the values printed for the host are masked in the job's log first:
/// every spelling of each, before the line that shows it.
#[test]
fn printed_hosting_values_are_masked_under_github_actions() {
    let (dir, _) = fresh();
    let prod = FakeDeployment::start();
    let out = bin(dir.path())
        .args(["setup", "--prod", "--yes", "--print-hosting-env", "--url", &prod.url])
        .env("CONVEX_DEPLOY_KEY", support::fake::DEPLOY_KEY)
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    for name in ["CONVEX_AUTH_PRIVATE_KEY", "CONVEX_AUTH_ADAPTER_SECRET"] {
        let at = lines.iter().position(|l| l.starts_with(&format!("{name}="))).unwrap_or_else(|| panic!("{text}"));
        let spelled = &lines[at][name.len() + 1..];
        let masked = lines[..at].iter().position(|l| *l == format!("::add-mask::{spelled}"));
        assert!(masked.is_some(), "{name} is masked before it is printed:\n{text}");
    }
    // The key's base64 lines too, wherever another tool prints the PEM.
    let pem_line = lines.iter().find(|l| l.starts_with("CONVEX_AUTH_PRIVATE_KEY=")).unwrap();
    let first_body = pem_line.split("\\n").nth(1).unwrap();
    assert!(lines.contains(&format!("::add-mask::{first_body}").as_str()), "{text}");
}

/// The package manager as `npm install <specs>` acts on package.json; the packages themselves
/// are the proof's, linked into the project.
const NPM: &str = r#"echo "npm $*" >> "$RECORD"
[ "$1" = install ] || exit 1
shift
node -e '
const fs = require("fs");
const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"));
for (const spec of process.argv.slice(1)) {
  const at = spec.lastIndexOf("@");
  manifest.dependencies[spec.slice(0, at)] = spec.slice(at + 1);
}
fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n");
' "$@""#;

/// From today's create-next-app with Convex's quickstart files (App Router, TypeScript,
/// `cacheComponents`) to a signed-in user on a real Next.js server. `setup --yes --install`
/// against the fake deployment (the install and `npx convex dev --once` recorded, not run), the
/// user's one step (a sign-in provider: Auth.js's email provider), then tsc, eslint and
/// `next build` pass, and on `next start` a user signs in by a mailed link, and the app's own
/// Convex function sees who they are (signin.test.ts, against the bridge holding what setup
/// pushed).
#[cfg(unix)]
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn from_create_next_app_to_a_signed_in_user() {
    use serde_json::Value;
    use support::adapter;

    let fake = FakeDeployment::start();
    let project = adapter::fixture("create-next-app");
    let root = project.path();
    let text = format!(
        "# Deployment used by `npx convex dev`\nCONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n",
        fake.url
    );
    std::fs::write(env_local(root), text).unwrap();
    let before = adapter::snapshot(root);
    adapter::link_packages(root);
    let stand_ins = support::tools(&[("npm", NPM), ("npx", r#"echo "npx $*" >> "$RECORD""#)]);
    let setup = |args: &[&str]| {
        let out = bin(root)
            .arg("setup")
            .args(args)
            .env("PATH", &stand_ins.path)
            .env("RECORD", &stand_ins.record)
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
        (out.status.code(), doc)
    };
    let statuses = |doc: &Value| -> Vec<(String, String)> {
        let checks = doc["doctor"]["checks"].as_array().unwrap();
        checks.iter().map(|c| (c["id"].as_str().unwrap().into(), c["status"].as_str().unwrap().into())).collect()
    };

    let (code, doc) = setup(&["--yes", "--install", "--json"]);
    assert_eq!(code, Some(0), "{doc:#}");
    let files = doc["code"]["files"].as_array().unwrap();
    let action = |path: &str| files.iter().find(|f| f["path"] == path).map(|f| f["action"].as_str().unwrap());
    assert_eq!(action("app/ConvexClientProvider.tsx"), Some("upgrade"), "{doc:#}");
    assert_eq!(action("app/layout.tsx"), Some("unchanged"), "{doc:#}");
    assert_eq!(read(root.join("app/layout.tsx")), before[std::path::Path::new("app/layout.tsx")]);
    assert_eq!(
        read(&stand_ins.record),
        "npm install next-auth@5.0.0-beta.32 jose@^6\nnpx --no convex dev --once\n",
        "installed and deployed, in that order"
    );
    // Every check passes but the one that is the user's to finish: the providers.
    for (id, status) in statuses(&doc) {
        let expected = if id == "code.sign_in" { "warn" } else { "pass" };
        assert_eq!(status, expected, "{id}: {doc:#}");
    }

    // The user's one step: how people sign in.
    let auth = read(root.join("auth.ts"));
    let provider = "providers: [Nodemailer({ server: process.env.EMAIL_SERVER, from: \"app@example.com\" })],";
    let auth = format!(
        "import Nodemailer from \"next-auth/providers/nodemailer\";\n{}",
        auth.replace("providers: [],", provider)
    );
    std::fs::write(root.join("auth.ts"), auth).unwrap();
    // Run again, setup has nothing to do, and doctor nothing to say.
    let (code, again) = setup(&["--yes", "--json"]);
    assert_eq!(code, Some(0), "{again:#}");
    let again_files = again["code"]["files"].as_array().unwrap();
    assert!(again_files.iter().all(|f| f["action"] == "unchanged"), "{again:#}");
    assert!(statuses(&again).iter().all(|(_, status)| status == "pass"), "{again:#}");
    assert_eq!(read(&stand_ins.record).lines().count(), 2, "nothing installed or deployed again");

    adapter::codegen_and_typecheck(root);
    let created: Vec<String> = files
        .iter()
        .filter(|f| f["action"] == "create" || f["action"] == "upgrade")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    let updated: Vec<(String, String)> = files
        .iter()
        .filter(|f| f["action"] == "update")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .map(|path| (path.clone(), before[std::path::Path::new(&path)].clone()))
        .collect();
    adapter::lint(root, &created, &updated);
    let deployed = fake.env();
    let out = adapter::sign_in(
        root,
        "convex",
        "app",
        &[
            ("CONVEX_AUTHJS_TEST_JWKS", &deployed["JWKS"]),
            ("CONVEX_AUTHJS_TEST_ADAPTER_SECRET", &deployed["CONVEX_AUTH_ADAPTER_SECRET"]),
        ],
    );
    assert!(out.status.success(), "the sign-in failed:\n{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("Tests  1 passed (1)"), "{}", stdout(&out));
}
