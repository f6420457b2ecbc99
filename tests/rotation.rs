//! Key rotation against the fake deployment, which checks tokens by Convex's rules, caches the
//! served JWKS as Convex does and rejects expired tokens: a stream of tokens, signed as the
//! Next.js server signs them (by jose, with the key in .env.local at that moment and its kid),
//! is accepted at every step of a rotation and after the prune.

mod support;

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

#[test]
fn a_rotation_rejects_no_token_at_any_moment() {
    let fake = FakeDeployment::start();
    let dir = project();
    let extra = format!(
        "CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\nNEXT_PUBLIC_CONVEX_SITE_URL={}\n",
        fake.url, fake.site_url
    );
    let (_, secret, jwks) = local_setup(dir.path(), &extra);
    fake.set_env("JWKS", &jwks);
    fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", &secret);
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
