//! Key rotation against the fake deployment, which checks tokens by Convex's rules, caches the
//! served JWKS as Convex does and rejects expired tokens: a stream of tokens, signed as the
//! Next.js server signs them (by jose, with the key in .env.local at that moment and its kid),
//! is accepted at every step of a rotation and after the prune.

use crate::support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::fake::{ADMIN_KEY, FakeDeployment};
use support::{KEY, bin, env_local, local_setup, node, project, read, stderr, value};

/// A token as the Next.js server signs one now: the key in .env.local, its kid, 1 h.
fn sign_now(dir: &std::path::Path, site: &str) -> String {
    let pem = value(&read(env_local(dir)), KEY);
    let answer = node::call(
        &json!({ "op": "sign", "pem": pem, "kid": "thumbprint", "issuer": site, "audience": "convex", "expiresIn": 3600 }),
    );
    answer["token"].as_str().unwrap().to_string()
}

fn accepted(fake: &FakeDeployment, token: &str) -> bool {
    let (status, body) = fake.query_with(token);
    assert!(status != 401 || body["code"] == "Unauthenticated" || body["code"] == "NoAuthProvider", "{body}");
    status != 401
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_rotation_rejects_no_token_at_any_moment() {
    let (fake, dir, _) = served(&[json!("OURS")]);
    fake.with(|s| s.jwks_cache = Duration::from_secs(2));
    let site = fake.site_url.clone();

    let mut tokens = vec![sign_now(dir.path(), &site)];
    assert!(accepted(&fake, &tokens[0]), "before the rotation");

    // The rotation runs while the server keeps signing: every token, old and new, is accepted.
    let mut rotation = support::spawnable(bin(dir.path()).args(["keys", "rotate", "--yes", "--wait", "3"]));
    let mut child = rotation.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < Duration::from_secs(60), "the rotation ends");
        tokens.push(sign_now(dir.path(), &site));
        for (i, token) in tokens.iter().enumerate() {
            assert!(accepted(&fake, token), "token {i} rejected during the rotation");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let after = sign_now(dir.path(), &site);
    assert_ne!(after, tokens[0]);
    tokens.push(after);
    for (i, token) in tokens.iter().enumerate() {
        assert!(accepted(&fake, token), "token {i} rejected after the switch");
    }
    assert!(tokens.len() >= 5, "tokens were signed throughout: {}", tokens.len());

    // status: two keys on the deployment, the new one signs, the old one is retired.
    let out = bin(dir.path()).args(["keys", "status", "--json"]).output().unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
    let keys = status["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "{status:#}");
    let signing = status["signing"].as_str().unwrap();
    let old = keys.iter().find(|k| k["kid"] != signing).unwrap();
    assert!(old["retiredAt"].is_u64() && old["safeToPruneAt"].is_u64(), "{status:#}");
    assert_eq!(old["served"], true);
    assert_eq!(keys.iter().find(|k| k["kid"] == signing).unwrap()["local"], true);

    // A prune before the old key's tokens can have expired is refused.
    let out = bin(dir.path()).args(["keys", "prune", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("may still be valid"), "{}", stderr(&out));
    assert_eq!(support::fake_jwks_len(&fake), 2);

    // An hour and more later (the record says so), the prune goes through and the new key,
    // alone in the JWKS, keeps being accepted.
    let retired_long_ago = json!({ old["kid"].as_str().unwrap(): 1_000_000 }).to_string();
    fake.set_env("CONVEX_AUTH_RETIRED_KEYS", &retired_long_ago);
    let out = bin(dir.path()).args(["keys", "prune", "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(support::fake_jwks_len(&fake), 1);
    std::thread::sleep(Duration::from_millis(2100));
    assert!(accepted(&fake, &sign_now(dir.path(), &site)), "after the prune");
    assert!(accepted(&fake, tokens.last().unwrap()), "the new key's earlier token, after the prune");
}

/// A rotation refuses to start when the deployment does not serve the current key.
#[test]
fn rotating_a_key_the_deployment_does_not_serve_is_refused() {
    let fake = FakeDeployment::start();
    let dir = project();
    let extra = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    local_setup(dir.path(), &extra);
    let before = read(env_local(dir.path()));
    let out = bin(dir.path()).args(["keys", "rotate", "--yes", "--wait", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("does not hold the current key") && stderr(&out).contains("env push"));
    assert_eq!(read(env_local(dir.path())), before);
    assert!(fake.env().is_empty());
}

/// A project whose .env.local signs with a key of its own, against a fake whose JWKS is `keys`
/// (JSON entries; `"OURS"` stands for the local key's JWK). Returns the fake, the project and
/// the local key's kid.
fn served(keys: &[Value]) -> (FakeDeployment, tempfile::TempDir, String) {
    let fake = FakeDeployment::start();
    let dir = project();
    let extra = format!(
        "CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\nNEXT_PUBLIC_CONVEX_SITE_URL={}\n",
        fake.url, fake.site_url
    );
    let (_, secret, jwks) = local_setup(dir.path(), &extra);
    let ours: Value = serde_json::from_str::<Value>(&jwks).unwrap()["keys"][0].clone();
    let keys: Vec<Value> = keys.iter().map(|k| if k == "OURS" { ours.clone() } else { k.clone() }).collect();
    fake.set_env("JWKS", &json!({ "keys": keys }).to_string());
    fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", &secret);
    (fake, dir, ours["kid"].as_str().unwrap().to_string())
}

fn jwks_of(fake: &FakeDeployment) -> Value {
    serde_json::from_str(&fake.env()["JWKS"]).unwrap()
}

/// Another RSA key's JWK, as jose exports it, under `kid`.
fn other_rsa(kid: &str) -> Value {
    let dir = project();
    let out = bin(dir.path()).args(["keys", "generate", "--json"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut jwk = doc["jwks"]["keys"][0].clone();
    jwk["kid"] = json!(kid);
    jwk
}

#[test]
fn a_rotation_keeps_every_entry_and_member_it_does_not_mean_to_change() {
    let ec = json!({ "kty": "EC", "crv": "P-256", "kid": "ec-1", "use": "sig",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" });
    let mut chained = other_rsa("chained");
    chained["x5c"] = json!(["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]);
    chained["x5t#S256"] = json!("c29tZQ");
    let unknown = json!({ "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" });
    let (fake, dir, kid) = served(&[ec.clone(), json!("OURS"), chained.clone(), unknown.clone()]);
    let before = jwks_of(&fake);
    let out = bin(dir.path()).args(["keys", "rotate", "--yes", "--wait", "0"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let after = jwks_of(&fake);
    let after_keys = after["keys"].as_array().unwrap();
    assert_eq!(after_keys.len(), 5, "{after:#}");
    assert_eq!(&after_keys[..4], before["keys"].as_array().unwrap().as_slice(), "the four entries, JSON-equal");
    assert_ne!(after_keys[4]["kid"], json!(kid), "the new key is added last");
    // The prune an hour later removes the old key alone.
    fake.set_env("CONVEX_AUTH_RETIRED_KEYS", &json!({ kid.clone(): 1_000_000 }).to_string());
    let out = bin(dir.path()).args(["keys", "prune", "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pruned = jwks_of(&fake);
    assert_eq!(pruned["keys"], json!([ec, chained, unknown, after_keys[4]]), "only the retired key went");
}

/// Production's key lives on the host: without it (or --signing-kid, or --force) a prune cannot
/// tell which retired key still signs, and refuses.
#[test]
fn prune_refuses_when_it_cannot_tell_which_key_signs() {
    let (fake, dir, kid) = served(&[json!("OURS"), other_rsa("new-one")]);
    fake.set_env("CONVEX_AUTH_RETIRED_KEYS", &json!({ kid.clone(): 1_000_000 }).to_string());
    // An env file with the deployment but no private key, as on a laptop for production.
    let text = read(env_local(dir.path()));
    let keyless: String = text.lines().filter(|l| !l.starts_with(KEY)).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join(".env.ci"), keyless).unwrap();
    let prune = |extra: &[&str]| {
        bin(dir.path()).args(["--env-file", ".env.ci", "keys", "prune", "--yes"]).args(extra).output().unwrap()
    };

    let out = prune(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("which key still signs is not known") && stderr(&out).contains("--signing-kid"));
    assert_eq!(support::fake_jwks_len(&fake), 2);

    let out = prune(&["--signing-kid", "nobody"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("serves no key with that kid"), "{}", stderr(&out));

    // The host still signs with the retired key: naming it keeps it.
    let out = prune(&["--signing-kid", &kid]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(support::stdout(&out).contains("Nothing to prune"), "{}", support::stdout(&out));
    assert_eq!(support::fake_jwks_len(&fake), 2);

    // Once the host signs with the new key, the old one goes.
    let out = prune(&["--signing-kid", "new-one"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        jwks_of(&fake)["keys"].as_array().unwrap().iter().map(|k| k["kid"].clone()).collect::<Vec<_>>(),
        [json!("new-one")]
    );
}

/// A served entry with private members is a leaked key: rotate and prune will not republish
/// it, and status and doctor say so.
#[test]
fn a_jwks_that_publishes_a_private_key_is_never_republished() {
    let mut leaked = other_rsa("leaked");
    leaked["d"] = json!("c2VjcmV0");
    leaked["p"] = json!("c2VjcmV0");
    let (fake, dir, _) = served(&[json!("OURS"), leaked]);
    let before = fake.env()["JWKS"].clone();
    for args in [&["keys", "rotate", "--yes", "--wait", "0"][..], &["keys", "prune", "--yes", "--force"]] {
        let out = bin(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("publishes the private part (d, p) of key leaked"), "{}", stderr(&out));
        assert_eq!(fake.env()["JWKS"], before, "{args:?} left the JWKS as it was");
    }
    let out = bin(dir.path()).args(["keys", "status", "--json"]).output().unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(status["warnings"][0].as_str().unwrap().contains("private part (d, p) of key leaked"), "{status:#}");
    let out = bin(dir.path()).args(["doctor", "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let check = report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "site.jwks").unwrap();
    assert_eq!(check["status"], "warn", "{check:#}");
    assert!(check["summary"].as_str().unwrap().contains("private part (d, p) of key leaked"), "{check:#}");
}

/// An entry under the signer's kid that is another key is not the signer's key.
#[test]
fn a_key_under_the_signers_kid_but_another_modulus_is_not_the_signers() {
    let (fake, dir, kid) = served(&[]);
    fake.set_env("JWKS", &json!({ "keys": [other_rsa(&kid)] }).to_string());
    let out = bin(dir.path()).args(["keys", "status", "--json"]).output().unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
    assert_eq!(status["keys"], json!([{ "kid": kid, "local": true, "served": false, "deployment": false }]));
    assert!(status["warnings"][0].as_str().unwrap().contains("another key under your key's kid"), "{status:#}");
    let out = bin(dir.path()).args(["keys", "rotate", "--yes", "--wait", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("another key under your key's kid"), "{}", stderr(&out));
}

/// One bad entry in the record spoils none of the others and is written back as it was; a time
/// that overflows is never "safe to prune".
#[test]
fn a_damaged_retirement_record_is_kept_and_never_read_as_safe() {
    let (fake, dir, _) = served(&[json!("OURS"), other_rsa("old"), other_rsa("far"), other_rsa("hand")]);
    let record = json!({ "old": 1_000_000, "far": u64::MAX - 100, "hand": "last tuesday", "gone": -1 });
    fake.set_env("CONVEX_AUTH_RETIRED_KEYS", &record.to_string());

    let out = bin(dir.path()).args(["keys", "status", "--json"]).output().unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
    let key = |kid: &str| status["keys"].as_array().unwrap().iter().find(|k| k["kid"] == kid).unwrap().clone();
    assert_eq!(key("old")["safeToPruneAt"], json!(1_000_000 + 3600 + 300 + 30));
    assert!(key("far")["retiredAt"].is_u64() && key("far").get("safeToPruneAt").is_none(), "{status:#}");
    let warnings = status["warnings"].to_string();
    assert!(warnings.contains("for hand") && warnings.contains("for gone"), "{warnings}");

    // Without --force: "far" can never be shown safe, so nothing is pruned.
    let out = bin(dir.path()).args(["keys", "prune", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("far until a time too far away"), "{}", stderr(&out));
    assert_eq!(support::fake_jwks_len(&fake), 4);

    // With --force the readable ones go; the unreadable entries stay, as they were.
    let out = bin(dir.path()).args(["keys", "prune", "--yes", "--force"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let kids: Vec<Value> = jwks_of(&fake)["keys"].as_array().unwrap().iter().map(|k| k["kid"].clone()).collect();
    assert_eq!(kids.len(), 2, "ours and the one the record has no time for: {kids:?}");
    assert!(kids.contains(&json!("hand")));
    let left: Value = serde_json::from_str(&fake.env()["CONVEX_AUTH_RETIRED_KEYS"]).unwrap();
    assert_eq!(left, json!({ "hand": "last tuesday", "gone": -1 }));

    // A record that is not an object at all stops a rotation rather than being overwritten.
    fake.set_env("CONVEX_AUTH_RETIRED_KEYS", "[not, json");
    let out = bin(dir.path()).args(["keys", "rotate", "--yes", "--wait", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("CONVEX_AUTH_RETIRED_KEYS is not a JSON object"), "{}", stderr(&out));
    assert_eq!(fake.env()["CONVEX_AUTH_RETIRED_KEYS"], "[not, json");
}

/// A kid from the deployment or the site cannot drive the terminal: status and the prune
/// prompt print it with its control characters made spaces.
#[test]
fn remote_kids_are_printed_without_their_escapes() {
    let evil = "k\u{1b}]0;pwned\u{7}\u{1b}[2J\rfake";
    let (fake, dir, _) = served(&[json!("OURS"), other_rsa(evil)]);
    fake.set_env("CONVEX_AUTH_RETIRED_KEYS", &json!({ evil: 1_000_000 }).to_string());
    let out = bin(dir.path()).args(["keys", "status"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = format!("{}{}", support::stdout(&out), stderr(&out));
    assert!(text.contains("k ]0;pwned  [2J fake"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    let out = bin(dir.path()).args(["keys", "prune", "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = format!("{}{}", support::stdout(&out), stderr(&out));
    assert!(text.contains("Pruned k ]0;pwned  [2J fake"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
}

/// A rotation reaches the deployment once: one selection (one deploy-key lookup), one read of
/// its variables, then the two writes it means (the new JWKS, then the retirement record).
#[test]
fn a_rotation_reads_the_deployment_once_and_writes_twice() {
    let (fake, dir, _) = served(&[json!("OURS")]);
    // The deploy key's URL is asked of the management API (here the fake itself).
    let text = read(env_local(dir.path()));
    let keyless: String =
        text.lines().filter(|l| !l.starts_with("CONVEX_SELF_HOSTED")).map(|l| format!("{l}\n")).collect();
    std::fs::write(env_local(dir.path()), keyless).unwrap();
    let out = bin(dir.path())
        .args(["keys", "rotate", "--yes", "--wait", "0"])
        .env("CONVEX_DEPLOY_KEY", support::fake::DEPLOY_KEY)
        .env("CONVEX_PROVISION_HOST", &fake.url)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let count = |path: &str| fake.count(path);
    let counts = (
        count("/api/deployment/url_for_key"),
        count("/api/v1/list_environment_variables"),
        count("/api/update_environment_variables") + count("/api/v1/update_environment_variables"),
    );
    assert_eq!(counts, (1, 1, 2), "deploy-key lookups, variable reads, writes");
}
