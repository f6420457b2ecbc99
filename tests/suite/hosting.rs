//! `--host`: production's and previews' values put on Vercel and Netlify through their APIs,
//! against the fakes of `support::hosts` and the fake deployment.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::{Value, json};

use crate::support;
use support::fake::{DEPLOY_KEY, FakeDeployment};
use support::hosts::{FakeNetlify, FakeVercel, NETLIFY_SITE, NETLIFY_TOKEN, VERCEL_PROJECT, VERCEL_TEAM, VERCEL_TOKEN};
use support::{assert_no_secrets, bin, env_local, project, read, stderr, stdout};

const DEV_FILE: &str = "NEXT_PUBLIC_CONVEX_URL=https://dev-otter-1.convex.cloud\nCONVEX_DEPLOYMENT=dev:dev-otter-1\n";

/// A project linked to both hosts, as `vercel link` and `netlify link` leave it.
fn linked() -> tempfile::TempDir {
    let dir = project();
    std::fs::write(env_local(dir.path()), DEV_FILE).unwrap();
    std::fs::create_dir_all(dir.path().join(".vercel")).unwrap();
    let link = json!({ "projectId": VERCEL_PROJECT, "orgId": VERCEL_TEAM });
    std::fs::write(dir.path().join(".vercel/project.json"), link.to_string()).unwrap();
    std::fs::create_dir_all(dir.path().join(".netlify")).unwrap();
    std::fs::write(dir.path().join(".netlify/state.json"), json!({ "siteId": NETLIFY_SITE }).to_string()).unwrap();
    dir
}

/// `convex-authjs <args>` on production, with both hosts' tokens and APIs.
fn command(dir: &Path, prod: &FakeDeployment, vercel: &FakeVercel, netlify: &FakeNetlify, args: &[&str]) -> Command {
    let mut cmd = bin(dir);
    cmd.args(args)
        .args(["--url", &prod.url])
        .env("CONVEX_DEPLOY_KEY", DEPLOY_KEY)
        .env("VERCEL_TOKEN", VERCEL_TOKEN)
        .env("NETLIFY_AUTH_TOKEN", NETLIFY_TOKEN)
        .env("CONVEX_AUTHJS_VERCEL_API", &vercel.url)
        .env("CONVEX_AUTHJS_NETLIFY_API", &netlify.url);
    cmd
}

/// `setup --prod --yes --host vercel` with Vercel's API at `api` and no Netlify.
fn setup_on_vercel_at(dir: &Path, prod: &FakeDeployment, api: &str) -> Command {
    let mut cmd = bin(dir);
    cmd.args(["setup", "--prod", "--yes", "--host", "vercel", "--url", &prod.url])
        .env("CONVEX_DEPLOY_KEY", DEPLOY_KEY)
        .env("VERCEL_TOKEN", VERCEL_TOKEN)
        .env("CONVEX_AUTHJS_VERCEL_API", api);
    cmd
}

fn run(dir: &Path, prod: &FakeDeployment, vercel: &FakeVercel, netlify: &FakeNetlify, args: &[&str]) -> Output {
    command(dir, prod, vercel, netlify, args).output().unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("one JSON document: {}{}", stdout(out), stderr(out)))
}

/// SHA-256 in hex, by aws-lc-rs itself.
fn sha256(text: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether the deployment accepts a token signed with `pem`, made here with aws-lc-rs's own
/// PKCS#8 reader and RS256 signer (not this crate's key code).
fn deployment_accepts(prod: &FakeDeployment, pem: &str, kid: &str) -> bool {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).expect("the host holds a PEM key");
    let key = aws_lc_rs::signature::RsaKeyPair::from_pkcs8(&der).expect("a PKCS#8 RSA key");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let header = json!({ "alg": "RS256", "typ": "JWT", "kid": kid });
    let claims = json!({ "iss": prod.site_url, "sub": "user", "aud": "convex", "iat": now, "exp": now + 600 });
    let signed =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
    let mut signature = vec![0; key.public_modulus_len()];
    let rng = aws_lc_rs::rand::SystemRandom::new();
    key.sign(&aws_lc_rs::signature::RSA_PKCS1_SHA256, &rng, signed.as_bytes(), &mut signature).unwrap();
    let token = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature));
    prod.query_with(&token).0 != 401
}

fn actions(doc: &Value) -> Vec<(String, String)> {
    doc["host"]["changes"]
        .as_array()
        .unwrap_or_else(|| panic!("a host plan: {doc:#}"))
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["action"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn setup_prod_puts_productions_values_on_vercel_and_a_rerun_changes_nothing() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes", "--json"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let doc = json_of(&out);
    assert!(actions(&doc).iter().all(|(_, a)| a == "add"), "{doc:#}");

    let held = vercel.env("production");
    for name in ["CONVEX_AUTH_PRIVATE_KEY", "CONVEX_AUTH_ADAPTER_SECRET", "AUTH_SECRET"] {
        assert_eq!(held[name].kind, "sensitive", "{name} is write-only");
        assert_eq!(held[name].target, ["production"]);
    }
    let site = &held["NEXT_PUBLIC_CONVEX_SITE_URL"];
    assert_eq!((site.kind.as_str(), site.value.as_str()), ("plain", prod.site_url.as_str()));
    // The host's key is the one the deployment serves, and its kid is beside it.
    let (pem, kid) = (&held["CONVEX_AUTH_PRIVATE_KEY"].value, &held["CONVEX_AUTH_KEY_ID"].value);
    let served: Value = serde_json::from_str(&prod.env()["JWKS"]).unwrap();
    assert_eq!(served["keys"][0]["kid"], kid.as_str());
    assert!(deployment_accepts(&prod, pem, kid), "a token the host signs is accepted");
    let secret = &held["CONVEX_AUTH_ADAPTER_SECRET"].value;
    assert_eq!(prod.env().get("CONVEX_AUTH_ADAPTER_SECRET"), Some(secret));
    assert_eq!(held["CONVEX_AUTH_ADAPTER_SECRET_SHA256"].value, sha256(secret));
    assert!(held["AUTH_SECRET"].value.len() >= 43);
    assert!(!held.contains_key("AUTH_TRUST_HOST"), "Auth.js trusts the host on Vercel by itself");
    // Values travel in request bodies only, never in a URL.
    for asked in vercel.asked() {
        assert!(!asked.path.contains(&secret[..12]) && !asked.path.contains("PRIVATE KEY"), "{}", asked.path);
    }
    assert!(vercel.writes().iter().any(|w| w.body.contains(&secret[..12])));

    // Nothing of it anywhere else: not the dev env file, not the output.
    assert_eq!(read(env_local(dir.path())), DEV_FILE);
    assert_no_secrets(&out, &[pem, secret, &held["AUTH_SECRET"].value, DEPLOY_KEY, VERCEL_TOKEN]);
    let report = &doc["doctor"]["checks"];
    let host_checks: Vec<&Value> = report.as_array().unwrap().iter().filter(|c| c["id"] == "host.key").collect();
    assert_eq!(host_checks[0]["status"], "pass", "{report:#}");

    // A rerun, with no value at hand here: everything is unchanged, nothing is written.
    let writes = vercel.writes().len();
    let jwks = prod.env()["JWKS"].clone();
    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes", "--json"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let doc = json_of(&out);
    assert!(actions(&doc).iter().all(|(_, a)| a == "unchanged"), "{doc:#}");
    assert_eq!(doc["deployment"]["changes"][0]["action"], "unchanged", "{doc:#}");
    assert_eq!(vercel.writes().len(), writes, "no request that writes");
    assert_eq!(prod.env()["JWKS"], jwks);
    assert_eq!(doc["doctor"]["ok"], true, "{doc:#}");
    let text = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes"]);
    assert!(stdout(&text).contains("Nothing to change"), "{}", stdout(&text));
}

/// Previews' values go to the project's defaults through the real convex CLI (interop tier).
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn setup_preview_puts_previews_values_on_both_hosts_without_a_site_url() {
    let (prod, vercel, netlify) = (FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let dir = support::convex_project();
    let linked = linked();
    for file in [".vercel", ".netlify"] {
        std::fs::rename(linked.path().join(file), dir.path().join(file)).unwrap();
    }
    let dev_file = "CONVEX_DEPLOYMENT=dev:happy-otter-123\n";
    std::fs::write(env_local(dir.path()), dev_file).unwrap();
    let preview = |host: &str, key: Option<&str>| {
        let mut cmd = bin(dir.path());
        if let Some(key) = key {
            cmd.env("CONVEX_AUTH_PRIVATE_KEY", key);
        }
        cmd.args(["setup", "--preview", "--host", host, "--yes"])
            .env("CONVEX_PROVISION_HOST", &prod.url)
            .env("CONVEX_OVERRIDE_ACCESS_TOKEN", support::fake::ACCESS_TOKEN)
            .env("VERCEL_TOKEN", VERCEL_TOKEN)
            .env("NETLIFY_AUTH_TOKEN", NETLIFY_TOKEN)
            .env("CONVEX_AUTHJS_VERCEL_API", &vercel.url)
            .env("CONVEX_AUTHJS_NETLIFY_API", &netlify.url)
            .output()
            .unwrap()
    };
    let out = preview("vercel", None);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let held = vercel.env("preview");
    assert_eq!(held["CONVEX_AUTH_PRIVATE_KEY"].kind, "sensitive");
    assert_eq!(held["CONVEX_AUTH_PRIVATE_KEY"].target, ["preview"]);
    assert!(!held.contains_key("NEXT_PUBLIC_CONVEX_SITE_URL"), "each preview build has its own deployment");
    assert!(vercel.env("production").is_empty());
    assert_eq!(read(env_local(dir.path())), dev_file);
    let defaults = prod.state.lock().unwrap().preview_defaults.clone();
    assert_eq!(defaults.get("CONVEX_AUTH_ADAPTER_SECRET"), Some(&held["CONVEX_AUTH_ADAPTER_SECRET"].value));
    assert_no_secrets(&out, &[&held["CONVEX_AUTH_PRIVATE_KEY"].value, &held["CONVEX_AUTH_ADAPTER_SECRET"].value]);

    // Netlify's previews need the same key, which is on Vercel only: asked for, never replaced.
    let jwks = prod.state.lock().unwrap().preview_defaults.get("JWKS").cloned();
    let out = preview("netlify", None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("preview defaults already have a JWKS"), "{}", stderr(&out));
    assert!(netlify.writes().is_empty());
    let out = preview("netlify", Some(&held["CONVEX_AUTH_PRIVATE_KEY"].value));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(prod.state.lock().unwrap().preview_defaults.get("JWKS").cloned(), jwks, "the defaults keep theirs");
    let vars = netlify.vars();
    let key = &vars["CONVEX_AUTH_PRIVATE_KEY"];
    assert!(key.is_secret);
    assert_eq!(key.values.keys().collect::<Vec<_>>(), ["branch-deploy", "deploy-preview"]);
    assert!(!key.scopes.iter().any(|s| s == "post_processing"));
    assert!(!vars.contains_key("NEXT_PUBLIC_CONVEX_SITE_URL"));
    // The two hosts got the same values: the defaults' own.
    assert!(key.values["deploy-preview"] == held["CONVEX_AUTH_PRIVATE_KEY"].value, "the same key on both");

    let writes = netlify.writes().len();
    let out = preview("netlify", None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Nothing to change"), "{}", stdout(&out));
    assert_eq!(netlify.writes().len(), writes);
}

#[test]
fn setup_prod_on_netlify_sets_secrets_per_context_and_keeps_other_contexts() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    // The site has its own site URL for deploy previews already; production's is added beside it.
    netlify.state.lock().unwrap().vars.insert(
        "NEXT_PUBLIC_CONVEX_SITE_URL".into(),
        support::hosts::NetlifyVar {
            is_secret: false,
            scopes: vec!["builds".into()],
            values: [("deploy-preview".to_string(), "https://preview.example".to_string())].into(),
        },
    );
    let out =
        run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "netlify", "--yes", "--redeploy"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let vars = netlify.vars();
    assert!(vars["CONVEX_AUTH_PRIVATE_KEY"].is_secret && vars["CONVEX_AUTH_ADAPTER_SECRET"].is_secret);
    assert_eq!(vars["CONVEX_AUTH_PRIVATE_KEY"].values.keys().collect::<Vec<_>>(), ["production"]);
    let site = &vars["NEXT_PUBLIC_CONVEX_SITE_URL"].values;
    assert_eq!(site["production"], prod.site_url);
    assert_eq!(site["deploy-preview"], "https://preview.example", "another context is left as it was");
    let trust = &vars["AUTH_TRUST_HOST"];
    assert_eq!((trust.is_secret, trust.values["production"].as_str()), (false, "true"), "Auth.js trusts Vercel only");
    assert_eq!(netlify.state.lock().unwrap().builds, 1, "--redeploy started a build");
    assert!(stdout(&out).contains("Netlify is building a new production deployment"), "{}", stdout(&out));
    let pem = vars["CONVEX_AUTH_PRIVATE_KEY"].values["production"].clone();
    assert!(deployment_accepts(&prod, &pem, &vars["CONVEX_AUTH_KEY_ID"].values["production"]));
    assert_no_secrets(&out, &[&pem, NETLIFY_TOKEN]);
    assert!(vercel.asked().is_empty(), "the other host is never asked");
}

#[test]
fn vercel_redeploys_with_the_new_values_only_when_asked() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("pass --redeploy"), "{}", stdout(&out));
    assert_eq!(vercel.state.lock().unwrap().deployments.len(), 1);

    let out = run(
        dir.path(),
        &prod,
        &vercel,
        &netlify,
        &["setup", "--prod", "--host", "vercel", "--yes", "--force", "--redeploy"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let state = vercel.state.lock().unwrap();
    let (_, built) = state.deployments.last().unwrap();
    assert_eq!(state.deployments.len(), 2);
    assert_eq!(built.get("CONVEX_AUTH_KEY_ID"), vercel_kid(&prod).as_ref(), "the new deployment has the new key");
}

fn vercel_kid(prod: &FakeDeployment) -> Option<String> {
    let served: Value = serde_json::from_str(&prod.env()["JWKS"]).ok()?;
    served["keys"][0]["kid"].as_str().map(str::to_string)
}

#[test]
fn what_the_host_would_refuse_or_cannot_tell_is_said_before_anything_changes() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let setup = |args: &[&str]| {
        let mut all = vec!["setup", "--prod", "--yes"];
        all.extend(args);
        run(dir.path(), &prod, &vercel, &netlify, &all)
    };
    // No token: the flag names where one comes from, and nothing is asked of the deployment.
    let out =
        bin(dir.path()).args(["setup", "--prod", "--yes", "--host", "vercel", "--url", &prod.url]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("VERCEL_TOKEN is not set") && stderr(&out).contains("vercel.com/account/tokens"));
    // A token given as a flag is no flag at all.
    let out = setup(&["--host", "vercel", "--vercel-token", "x"]);
    assert_eq!(out.status.code(), Some(2));
    // --host without production or previews.
    let out = bin(dir.path())
        .args(["setup", "--host", "vercel", "--yes"])
        .env("VERCEL_TOKEN", VERCEL_TOKEN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pass --prod"), "{}", stderr(&out));
    // No link and no --host-project.
    std::fs::remove_dir_all(dir.path().join(".vercel")).unwrap();
    let out = setup(&["--host", "vercel"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("npx vercel link") && stderr(&out).contains("--host-project"), "{}", stderr(&out));
    // A wrong team is the host's refusal, with the fix.
    let out = setup_on_vercel_at(dir.path(), &prod, &vercel.url)
        .args(["--host-project", VERCEL_PROJECT])
        .env("VERCEL_ORG_ID", "team_someone_else")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Vercel refused (403)") && stderr(&out).contains("check the token"),
        "{}",
        stderr(&out)
    );
    assert!(prod.env().is_empty(), "nothing was pushed");
    // A production key shared with previews on Vercel is not changed for both at once.
    let vercel_link = json!({ "projectId": VERCEL_PROJECT, "orgId": VERCEL_TEAM }).to_string();
    std::fs::create_dir_all(dir.path().join(".vercel")).unwrap();
    std::fs::write(dir.path().join(".vercel/project.json"), vercel_link).unwrap();
    vercel.add("CONVEX_AUTH_PRIVATE_KEY", "old", "sensitive", &["production", "preview"]);
    let out = setup(&["--host", "vercel"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("shared by production and other environments"), "{}", stderr(&out));
    assert!(vercel.writes().is_empty() && prod.env().is_empty(), "refused before anything changed");
    // A secret kept as a plain variable on Netlify cannot become a secret by a value update.
    netlify.state.lock().unwrap().vars.insert(
        "CONVEX_AUTH_ADAPTER_SECRET".into(),
        support::hosts::NetlifyVar {
            is_secret: false,
            scopes: vec![],
            values: [("all".into(), "plain".into())].into(),
        },
    );
    let out = setup(&["--host", "netlify"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("as a plain variable") && stderr(&out).contains("added as a secret"),
        "{}",
        stderr(&out)
    );
    assert!(netlify.writes().is_empty());
}

#[test]
fn a_hosts_answer_never_shows_a_value_or_the_token() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    // A host that echoes the request in its refusal.
    let echo = support::http_server::serve(std::sync::Arc::new(|request: support::http_server::Request| {
        let said = format!("{} {}", request.header("authorization").unwrap_or(""), request.body);
        Some(support::http_server::Reply::new(
            400,
            Some("application/json"),
            json!({ "error": { "message": said } }).to_string(),
        ))
    }));
    let out = setup_on_vercel_at(dir.path(), &prod, &echo.url).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Vercel refused (400)"), "{}", stderr(&out));
    assert_no_secrets(&out, &[VERCEL_TOKEN]);

    // A host that redirects is not followed: the token never reaches the other address.
    let elsewhere = FakeVercel::start();
    let location = format!("{}/v10/projects/{VERCEL_PROJECT}/env", elsewhere.url);
    let redirect = support::http_server::serve(std::sync::Arc::new(move |_| {
        Some(support::http_server::Reply::new(307, None, Vec::new()).header("Location", &location))
    }));
    let out = setup_on_vercel_at(dir.path(), &prod, &redirect.url).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("redirected") && stderr(&out).contains("not following it"), "{}", stderr(&out));
    assert!(elsewhere.asked().is_empty(), "nothing reached the redirect's target");
    // Plain http:// to another machine is refused before any request.
    let out = setup_on_vercel_at(dir.path(), &prod, "http://api.vercel.example").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("plain http://"), "{}", stderr(&out));
    assert!(prod.env().is_empty());
    let _ = (vercel, netlify);
}

#[test]
fn doctor_checks_the_host_by_its_witnesses() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doctor =
        || json_of(&run(dir.path(), &prod, &vercel, &netlify, &["doctor", "--prod", "--host", "vercel", "--json"]));
    let status = |doc: &Value, id: &str| {
        doc["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).map(|c| c["status"].clone()).unwrap()
    };
    let doc = doctor();
    assert_eq!((status(&doc, "host.env"), status(&doc, "host.key")), (json!("pass"), json!("pass")), "{doc:#}");
    assert_eq!(status(&doc, "env.private_key"), "skip", "production's key is on the host, not missing: {doc:#}");
    assert_eq!(doc["ok"], true, "{doc:#}");

    // The deployment stops serving the host's key: host.key fails, by kid.
    prod.set_env("JWKS", r#"{"keys":[{"kty":"RSA","kid":"someone-else","n":"AQAB","e":"AQAB","use":"sig"}]}"#);
    let doc = doctor();
    assert_eq!(status(&doc, "host.key"), "fail", "{doc:#}");
    assert_eq!(doc["ok"], false);
    // The host loses a variable: host.env names it.
    vercel.state.lock().unwrap().envs.retain(|e| e.key != "AUTH_SECRET");
    let doc = doctor();
    let env = doc["checks"].as_array().unwrap().iter().find(|c| c["id"] == "host.env").unwrap().clone();
    assert_eq!(env["status"], "fail");
    assert!(env["summary"].as_str().unwrap().ends_with("lacks AUTH_SECRET"), "{env:#}");
    // Without --host, the report is the usual one.
    let plain = json_of(&run(dir.path(), &prod, &vercel, &netlify, &["doctor", "--prod", "--json"]));
    assert!(plain["checks"].as_array().unwrap().iter().all(|c| !c["id"].as_str().unwrap().starts_with("host.")));
}

/// What the host's production signs with right now: its key and kid, as the fake holds them.
fn host_signer(vercel: &FakeVercel) -> (String, String) {
    let held = vercel.env("production");
    (held["CONVEX_AUTH_PRIVATE_KEY"].value.clone(), held["CONVEX_AUTH_KEY_ID"].value.clone())
}

/// A rotation on production with the key on Vercel: the server signs with whatever key the host
/// holds at each moment (it switches the moment the fake records the new value), and no token,
/// old or new, is rejected; a prune before the old key's tokens can have expired is refused.
#[test]
fn a_rotation_on_the_host_rejects_no_token_and_prune_waits_for_the_old_deployments() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    prod.with(|s| s.jwks_cache = std::time::Duration::from_secs(2));
    let (old_pem, old_kid) = host_signer(&vercel);
    let mut signed = vec![(old_pem.clone(), old_kid.clone())];

    // Without --redeploy the running deployment would sign with the old key indefinitely.
    let out = run(dir.path(), &prod, &vercel, &netlify, &["keys", "rotate", "--prod", "--host", "vercel", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--redeploy"), "{}", stderr(&out));

    let args = ["keys", "rotate", "--prod", "--host", "vercel", "--redeploy", "--yes", "--wait", "3"];
    let mut rotation = support::spawnable(&command(dir.path(), &prod, &vercel, &netlify, &args));
    let mut child = rotation.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the rotation ends");
        signed.push(host_signer(&vercel));
        for (i, (pem, kid)) in signed.iter().enumerate() {
            assert!(deployment_accepts(&prod, pem, kid), "token {i} (kid {kid}) rejected during the rotation");
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (new_pem, new_kid) = host_signer(&vercel);
    assert_ne!(new_kid, old_kid, "the host signs with the new key");
    assert_no_secrets(&out, &[&new_pem, VERCEL_TOKEN]);
    assert!(deployment_accepts(&prod, &new_pem, &new_kid) && deployment_accepts(&prod, &old_pem, &old_kid));
    let state = vercel.state.lock().unwrap();
    assert_eq!(state.deployments.last().unwrap().1.get("CONVEX_AUTH_KEY_ID"), Some(&new_kid), "redeployed with it");
    drop(state);

    // prune knows from the host which key signs, and that the old one's tokens may still be valid.
    let out = run(dir.path(), &prod, &vercel, &netlify, &["keys", "prune", "--prod", "--host", "vercel", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("may still be valid"), "{}", stderr(&out));
    let served: Value = serde_json::from_str(&prod.env()["JWKS"]).unwrap();
    assert_eq!(served["keys"].as_array().unwrap().len(), 2);
    // Long after, the prune removes the old key and never the one the host signs with.
    prod.set_env("CONVEX_AUTH_RETIRED_KEYS", &json!({ old_kid.as_str(): 1_000_000 }).to_string());
    let out = run(dir.path(), &prod, &vercel, &netlify, &["keys", "prune", "--prod", "--host", "vercel", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let served: Value = serde_json::from_str(&prod.env()["JWKS"]).unwrap();
    assert_eq!(served["keys"].as_array().unwrap().len(), 1);
    assert_eq!(served["keys"][0]["kid"], new_kid.as_str());
}

/// The real vercel CLI against the Vercel fake: it reads what setup wrote as Vercel's own API
/// would show it (types, targets, values only where readable), and what it adds itself, setup
/// reads as held. So the fake speaks the API's shapes, both ways.
#[cfg(all(feature = "interop", unix))]
#[test]
fn the_real_vercel_cli_reads_and_writes_the_same_fake() {
    let cli_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hosts");
    support::node::npm_ci(&cli_dir);
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let home = project();
    let vercel_cli = |args: &[&str], stdin: &str| {
        let mut child = std::process::Command::new(cli_dir.join("node_modules/.bin/vercel"))
            .args(args)
            .args(["--api", &vercel.url, "--token", VERCEL_TOKEN, "--no-color"])
            .current_dir(dir.path())
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path())
            .env("VERCEL_TELEMETRY_DISABLED", "1")
            .env("NO_UPDATE_NOTIFIER", "1")
            .env_remove("CI")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the vercel CLI starts");
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    // The user had Auth.js's secret on Vercel already, added with Vercel's CLI.
    let out = vercel_cli(&["env", "add", "AUTH_SECRET", "production", "--sensitive"], "their-own-auth-secret");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(vercel.env("production")["AUTH_SECRET"].kind, "sensitive");

    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let planned = actions(&json_of(&out));
    assert!(planned.contains(&("AUTH_SECRET".into(), "unchanged".into())), "theirs is kept: {planned:?}");
    assert_eq!(vercel.env("production")["AUTH_SECRET"].value, "their-own-auth-secret");

    let out = vercel_cli(&["env", "ls", "production"], "");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let listed = stdout(&out);
    let line = |name: &str| listed.lines().find(|l| l.split_whitespace().next() == Some(name)).unwrap_or_default();
    for name in ["CONVEX_AUTH_PRIVATE_KEY", "CONVEX_AUTH_ADAPTER_SECRET", "AUTH_SECRET"] {
        // Shown hidden ("Sensitive" or "Encrypted", by the CLI's version), for production.
        let hidden = line(name).contains("Sensitive") || line(name).contains("Encrypted");
        assert!(hidden && line(name).contains("Production"), "{name}:\n{listed}");
    }
    let kid = &vercel.env("production")["CONVEX_AUTH_KEY_ID"].value;
    assert!(line("CONVEX_AUTH_KEY_ID").contains(&kid[..16]), "a plain value is shown:\n{listed}");
    assert!(line("NEXT_PUBLIC_CONVEX_SITE_URL").contains(&prod.site_url[..16]), "{listed}");
    let secret = &vercel.env("production")["CONVEX_AUTH_ADAPTER_SECRET"].value;
    assert!(!listed.contains(&secret[..12]), "a sensitive value never comes back:\n{listed}");
}

/// A host that would refuse the new key does so before anything is published.
#[test]
fn a_rotation_the_host_would_refuse_publishes_nothing() {
    let (dir, prod, vercel, netlify) = (linked(), FakeDeployment::start(), FakeVercel::start(), FakeNetlify::start());
    let out = run(dir.path(), &prod, &vercel, &netlify, &["setup", "--prod", "--host", "vercel", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The key's record now serves previews too: changing it for production would change theirs.
    for env in vercel.state.lock().unwrap().envs.iter_mut().filter(|e| e.key == "CONVEX_AUTH_PRIVATE_KEY") {
        env.target.push("preview".into());
    }
    let jwks = prod.env()["JWKS"].clone();
    let args = ["keys", "rotate", "--prod", "--host", "vercel", "--redeploy", "--yes", "--wait", "0"];
    let out = run(dir.path(), &prod, &vercel, &netlify, &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("shared by production and other environments"), "{}", stderr(&out));
    assert_eq!(prod.env()["JWKS"], jwks, "no new key was published");
}
