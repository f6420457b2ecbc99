//! `env push` against the fake deployment: the plan, the refusals, every error the deployment
//! can return, and that no key or secret is ever printed or sent where it should not go.

use crate::support;

use std::time::Duration;

use serde_json::{Value, json};
use support::fake::{ADMIN_KEY, DEPLOY_KEY, FakeDeployment, Fault};
use support::{SECRET, Scene, UPDATE, assert_no_secrets, bin, local_setup, project, read, stderr, stdout};
const LIST: &str = "/api/v1/list_environment_variables";

/// `env push` in a scene's project, its output checked for secrets.
trait Push {
    fn push(&self, args: &[&str]) -> std::process::Output;
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> std::process::Output;
}

impl Push for Scene {
    fn push(&self, args: &[&str]) -> std::process::Output {
        self.run(args, &[])
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
        let mut cmd = bin(self.dir.path());
        cmd.args(["env", "push"]).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_no_secrets(&out, &[&self.pem, &self.secret, ADMIN_KEY, DEPLOY_KEY]);
        out
    }
}

#[test]
fn pushes_both_values_in_one_request_then_nothing() {
    let s = Scene::self_hosted();
    let out = s.push(&["--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(s.fake.env().get("JWKS"), Some(&s.jwks));
    assert_eq!(s.fake.env().get(SECRET), Some(&s.secret));
    assert_eq!((s.fake.count(LIST), s.fake.count(UPDATE)), (1, 1), "one list, one update carrying both");
    let update = s.fake.requests().into_iter().find(|r| r.path == UPDATE).unwrap();
    let body: Value = serde_json::from_str(&update.body).unwrap();
    assert_eq!(body["changes"].as_array().unwrap().len(), 2);
    assert!(!update.body.contains("PRIVATE KEY"), "the private key is never sent");
    assert_eq!(update.authorization.as_deref(), Some(format!("Convex {ADMIN_KEY}").as_str()));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("Plan for {} (over HTTP, key from CONVEX_SELF_HOSTED_ADMIN_KEY):", s.fake.url)),
        "{text}"
    );
    assert!(text.contains("  add        JWKS\n  add        CONVEX_AUTH_ADAPTER_SECRET\n"), "{text}");

    let again = s.push(&["--yes", "--json"]);
    assert!(again.status.success());
    let doc: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        doc,
        json!({
            "target": { "url": s.fake.url, "via": "api" },
            "changes": [{ "name": "JWKS", "action": "unchanged" }, { "name": SECRET, "action": "unchanged" }],
            "applied": false
        })
    );
    assert_eq!(s.fake.count(UPDATE), 1, "a second push sends no update");
}

#[test]
fn a_changed_secret_is_planned_as_change() {
    let s = Scene::self_hosted();
    s.fake.set_env("JWKS", &s.jwks);
    s.fake.set_env(SECRET, "an-old-secret-value");
    let out = s.push(&["--yes", "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["changes"],
        json!([{ "name": "JWKS", "action": "unchanged" }, { "name": SECRET, "action": "change" }])
    );
    assert_eq!(doc["applied"], true);
    let update = s.fake.requests().into_iter().find(|r| r.path == UPDATE).unwrap();
    assert!(!update.body.contains("\"JWKS\""), "only the changed variable is sent");
    assert_eq!(s.fake.env().get(SECRET), Some(&s.secret));
}

#[test]
fn without_yes_and_without_a_terminal_nothing_changes() {
    let s = Scene::self_hosted();
    for env in [&[][..], &[("CI", "true")]] {
        let out = s.run(&[], env);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("hint: pass --yes"), "{}", stderr(&out));
        assert!(stdout(&out).contains("  add        JWKS"), "the plan is shown first");
    }
    assert_eq!(s.fake.count(UPDATE), 0);
    assert!(s.fake.env().is_empty());
}

#[test]
fn dry_run_shows_the_plan_and_changes_nothing() {
    let s = Scene::self_hosted();
    let out = s.push(&["--dry-run", "--json"]);
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["applied"], false);
    assert_eq!(doc["changes"][0], json!({ "name": "JWKS", "action": "add" }));
    assert_eq!(s.fake.count(UPDATE), 0);
    let human = s.push(&["--dry-run"]);
    assert!(stdout(&human).ends_with("Dry run: nothing was changed.\n"));
}

#[test]
fn an_older_backend_without_the_list_endpoint_gets_a_plan_of_set() {
    let s = Scene::self_hosted();
    s.fake.set_fault(Fault::NoListEndpoint);
    let out = s.push(&["--yes", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["changes"], json!([{ "name": "JWKS", "action": "set" }, { "name": SECRET, "action": "set" }]));
    assert_eq!(s.fake.env().get(SECRET), Some(&s.secret));
}

#[test]
fn flags_and_deploy_keys_select_the_deployment() {
    let fake = FakeDeployment::start();
    let dir = project();
    let (pem, secret, _) = local_setup(dir.path(), "");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = bin(dir.path());
        cmd.args(["env", "push", "--yes", "--json"]).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_no_secrets(&out, &[&pem, &secret, ADMIN_KEY, DEPLOY_KEY]);
        out
    };
    let out = run(&["--url", &fake.url, "--admin-key", ADMIN_KEY], &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Production's values are the host's (here, in the environment), never .env.local's.
    let prod_values =
        [("CONVEX_DEPLOY_KEY", DEPLOY_KEY), ("CONVEX_AUTH_PRIVATE_KEY", &pem), ("CONVEX_AUTH_ADAPTER_SECRET", &secret)];
    let out = run(&["--url", &fake.url, "--prod"], &prod_values);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.requests().last().unwrap().authorization.as_deref(), Some(format!("Convex {DEPLOY_KEY}").as_str()));

    // No --url: the deploy key's URL is asked of the management API, as the convex CLI does.
    let before = fake.requests().len();
    let out = run(&[], &[("CONVEX_DEPLOY_KEY", DEPLOY_KEY), ("CONVEX_PROVISION_HOST", &fake.url)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let paths: Vec<String> = fake.requests()[before..].iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/api/deployment/url_for_key", LIST]);

    let out = run(&[], &[("CONVEX_DEPLOY_KEY", "prod:other|wrong"), ("CONVEX_PROVISION_HOST", &fake.url)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the deployment rejected the key from CONVEX_DEPLOY_KEY"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--url https://<name>.convex.cloud"), "says what to pass when the lookup fails");

    let dev_key = [("CONVEX_DEPLOY_KEY", "dev:happy-otter-123|abc"), prod_values[1], prod_values[2]];
    let out = run(&["--prod"], &dev_key);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--prod was given, but CONVEX_DEPLOY_KEY is a key for a dev deployment"));
}

#[test]
fn rejected_keys_name_their_source() {
    let s = Scene::self_hosted();
    let wrong = "convex-self-hosted|0123456789wrongwrongwrong";
    let out = s.run(&["--yes"], &[("CONVEX_SELF_HOSTED_ADMIN_KEY", wrong)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("rejected the key from CONVEX_SELF_HOSTED_ADMIN_KEY"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("wrongwrong"));

    let out = s.run(&["--yes", "--url", &s.fake.url], &[("CONVEX_DEPLOY_KEY", "prod:happy-otter-123|notthekey0000")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("rejected the key from CONVEX_DEPLOY_KEY"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("notthekey0000"));
    assert_eq!(s.fake.count(UPDATE), 0);
}

#[test]
fn every_deployment_error_is_one_line_that_says_what_to_do() {
    let cases: Vec<(Fault, &str, &str)> = vec![
        (
            Fault::Error { status: 400, code: "EnvironmentVariableValueTooLarge", message: "too large".into() },
            "over its limit of 8192 bytes (JWKS is",
            "2048-bit key",
        ),
        (
            Fault::Error {
                status: 400,
                code: "InvalidAuthConfig",
                message: "Invalid provider domain in auth.config.ts".into(),
            },
            "refused the change: Invalid provider domain in auth.config.ts",
            "convex/auth.config.ts",
        ),
        (
            Fault::Error {
                status: 400,
                code: "AuthConfigMissingEnvironmentVariable",
                message: "Environment variable JWKS is used in auth config file but its value was not set".into(),
            },
            "refused the change: Environment variable JWKS is used in auth config file",
            "convex/auth.config.ts",
        ),
        (
            Fault::Error {
                status: 403,
                code: "Forbidden",
                message: "You do not have permission to set variables".into(),
            },
            "rejected the key",
            "CONVEX_SELF_HOSTED_ADMIN_KEY",
        ),
        (Fault::Status(502), "answered 502, a server error", "try again"),
        (Fault::Status(500), "answered 500, a server error", "try again"),
        (Fault::Html, "with text/html; charset=utf-8 where JSON was expected", "looks like a web page"),
        (Fault::Huge, "larger than 1 MiB", "check that the URL is your Convex deployment"),
    ];
    for (fault, message, hint) in cases {
        let s = Scene::self_hosted();
        s.fake.set_fault(fault.clone());
        let out = s.push(&["--yes"]);
        assert_eq!(out.status.code(), Some(1), "{fault:?}");
        let err = stderr(&out);
        let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("convex-authjs: error:")).collect();
        assert_eq!(error_lines.len(), 1, "{err}");
        assert!(error_lines[0].contains(message), "{fault:?}: {err}");
        assert!(err.contains("hint: ") && err.contains(hint), "{fault:?}: {err}");
    }
}

#[test]
fn a_hung_deployment_times_out() {
    let s = Scene::self_hosted();
    s.fake.set_fault(Fault::Hang);
    // The deployment never answers: only the timeout ends the run.
    let out = s.push(&["--yes", "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("within 1 s") && stderr(&out).contains("raise --timeout"), "{}", stderr(&out));
}

#[test]
fn a_slow_deployment_within_the_timeout_is_fine() {
    let s = Scene::self_hosted();
    s.fake.set_delay(Duration::from_millis(400));
    let out = s.push(&["--yes", "--timeout", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_redirect_never_carries_the_key_to_another_port() {
    let s = Scene::self_hosted();
    let elsewhere = FakeDeployment::start();
    let location = format!("{}{LIST}", elsewhere.url);
    s.fake.set_fault(Fault::Redirect(location.clone()));
    let out = s.push(&["--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("redirected to {location}")), "{}", stderr(&out));
    assert!(elsewhere.requests().is_empty(), "the other port saw nothing");
}

#[test]
fn plain_http_is_only_for_loopback() {
    let s = Scene::self_hosted();
    let out = s.push(&["--yes", "--url", "http://example.invalid:3210", "--admin-key", ADMIN_KEY]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("plain http:// to another machine") && stderr(&out).contains("--allow-insecure-http")
    );
    assert!(s.fake.requests().is_empty());
}

#[test]
fn missing_local_values_are_usage_errors() {
    let fake = FakeDeployment::start();
    let dir = project();
    let base = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    std::fs::write(dir.path().join(".env.local"), &base).unwrap();
    let out = bin(dir.path()).args(["env", "push", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("CONVEX_AUTH_PRIVATE_KEY is not set") && stderr(&out).contains("keys generate --write")
    );
    assert!(bin(dir.path()).args(["keys", "generate", "--write"]).output().unwrap().status.success());
    let out = bin(dir.path()).args(["env", "push", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("CONVEX_AUTH_ADAPTER_SECRET is not set")
            && stderr(&out).contains("secret generate --write")
    );
    assert!(fake.requests().is_empty());
    assert!(read(dir.path().join(".env.local")).starts_with(&base));
}

#[test]
fn deployment_selection_errors() {
    let dir = project();
    local_setup(dir.path(), "CONVEX_DEPLOYMENT=dev:happy-otter-123\n");
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (vec!["--via", "api"], vec![], "--via api needs a key"),
        (vec!["--url", "https://x.convex.cloud"], vec![], "--url needs an admin key"),
        (vec![], vec![("CONVEX_SELF_HOSTED_URL", "http://127.0.0.1:1")], "CONVEX_SELF_HOSTED_ADMIN_KEY is not set"),
        (
            vec![],
            vec![("CONVEX_SELF_HOSTED_URL", "http://127.0.0.1:1"), ("CONVEX_SELF_HOSTED_ADMIN_KEY", "k")],
            "CONVEX_SELF_HOSTED_URL and CONVEX_DEPLOYMENT are both set",
        ),
        (
            vec!["--via", "cli", "--url", "https://x.convex.cloud", "--admin-key", "k"],
            vec![],
            "--via cli cannot take --admin-key",
        ),
        (vec![], vec![("CONVEX_DEPLOY_KEY", "preview:team:proj|abc")], "preview or project key"),
    ];
    for (args, env, message) in cases {
        let mut cmd = bin(dir.path());
        cmd.args(["env", "push", "--yes"]).args(&args);
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} {env:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn the_cli_path_needs_npx() {
    let dir = project();
    local_setup(dir.path(), "CONVEX_DEPLOYMENT=dev:happy-otter-123\n");
    let out = bin(dir.path()).args(["env", "push", "--yes"]).env("PATH", "/nonexistent").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot run npx") && stderr(&out).contains("CONVEX_DEPLOY_KEY"), "{}", stderr(&out));
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_cli_path_needs_the_convex_package() {
    let dir = project();
    local_setup(dir.path(), "CONVEX_DEPLOYMENT=dev:happy-otter-123\n");
    let out = bin(dir.path()).args(["env", "push", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the convex npm package is not installed") && stderr(&out).contains("npm install convex")
    );
}

#[test]
fn a_local_deployment_is_found_from_its_config() {
    let fake = FakeDeployment::start();
    let dir = project();
    let (_, secret, _) = local_setup(dir.path(), "CONVEX_DEPLOYMENT=local:local-me-app\n");
    let port = fake.url.rsplit(':').next().unwrap();
    let config = dir.path().join(".convex/local/default");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.json"),
        format!(r#"{{"ports":{{"cloud":{port},"site":1}},"adminKey":"{ADMIN_KEY}"}}"#),
    )
    .unwrap();
    let out = bin(dir.path()).args(["env", "push", "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.env().get(SECRET), Some(&secret));
}

/// --timeout bounds the whole request, a body that trickles in included, and reads as a timeout.
#[test]
fn a_trickling_body_is_bounded_by_the_timeout() {
    let s = Scene::self_hosted();
    s.fake.set_fault(Fault::Trickle);
    // A byte a second, each well within a read timeout: without a deadline on the whole
    // request the push would succeed after half a minute.
    let out = s.push(&["--yes", "--timeout", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no answer from") && stderr(&out).contains("within 2 s"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("body"), "{}", stderr(&out));
}

/// Proxies from the environment never carry a request meant for this machine (with its key).
#[test]
fn loopback_requests_never_go_through_a_proxy() {
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let recorded = seen.clone();
    let proxy = support::http_server::serve(Arc::new(move |request| {
        recorded.lock().unwrap().push(format!("{} {}", request.method, request.path));
        Some(support::http_server::Reply::new(502, None, "proxy"))
    }));
    let s = Scene::self_hosted();
    let proxies = [("HTTP_PROXY", &proxy.url), ("http_proxy", &proxy.url), ("ALL_PROXY", &proxy.url)];
    let out = s.run(&["--yes"], &proxies.map(|(k, v)| (k, v.as_str())));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(seen.lock().unwrap().is_empty(), "the proxy saw {:?}", seen.lock().unwrap());
    // Another machine's plain http (allowed on purpose) does go through the proxy.
    let out = s.run(
        &["--yes", "--url", "http://deployment.example.invalid", "--admin-key", ADMIN_KEY, "--allow-insecure-http"],
        &proxies.map(|(k, v)| (k, v.as_str())),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        seen.lock().unwrap().iter().any(|r| r.contains("deployment.example.invalid")),
        "{:?}",
        seen.lock().unwrap()
    );
}

/// What a server says back is printed without any spelling of a secret, and without control
/// characters that could drive the terminal; URLs never carry credentials.
#[test]
fn remote_text_is_scrubbed_and_made_printable() {
    let s = Scene::self_hosted();
    let encoded: String = ADMIN_KEY
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let json_escaped = serde_json::to_string(&s.secret).unwrap().replace('/', "\\/");
    let message = format!("\u{1b}[2J\u{1b}]0;owned\u{7}\rbad key {encoded} and {json_escaped}");
    s.fake.set_fault(Fault::Error { status: 400, code: "Weird", message });
    let out = s.push(&["--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad key [redacted]"), "{err}");
    assert!(!err.contains(&encoded) && !err.contains(json_escaped.trim_matches('"')), "{err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "control characters: {err:?}");

    for args in [&["env", "push", "--yes"][..], &["doctor"]] {
        let out = bin(s.dir.path())
            .args(args)
            .args(["--url", &s.fake.url.replace("http://", "http://user:hunter22@"), "--admin-key", ADMIN_KEY])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("carries a user name or password"), "{args:?}: {}", stderr(&out));
        assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains("hunter22"), "{args:?}");
    }
}

/// Project defaults for previews are a cloud project's, set with the user's login.
#[test]
fn preview_defaults_are_refused_where_there_are_none() {
    let s = Scene::self_hosted();
    let out = s.push(&["--preview", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("self-hosted or local deployment does not have"), "{}", stderr(&out));
    let out = s.push(&["--preview", "--yes", "--via", "api"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(s.fake.requests().is_empty());
    let out = s.push(&["--preview", "--prod"]);
    assert_eq!(out.status.code(), Some(2), "--preview and --prod conflict");
}

/// A deployment whose JWKS is Convex Auth's (its JWT_PRIVATE_KEY beside it) keeps it: env push
/// refuses to replace it, which would sign out every Convex Auth user.
#[test]
fn a_jwks_that_belongs_to_convex_auth_is_never_replaced() {
    let s = Scene::self_hosted();
    let theirs = r#"{"keys":[{"use":"sig","kty":"RSA","n":"AQAB","e":"AQAB"}]}"#;
    s.fake.set_env("JWKS", theirs);
    s.fake.set_env("JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY----- theirs");
    let out = s.push(&["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("belongs to Convex Auth"), "{}", stderr(&out));
    assert_eq!(s.fake.env()["JWKS"], theirs);
    assert_eq!(s.fake.count(UPDATE), 0);
}
