//! The test harness itself: the fake deployment judges tokens by Convex's rules with a verifier
//! that is not ours (tokens here are signed by jose), and a panicking handler fails the test.

use crate::support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use serde_json::{Value, json};
use support::fake::FakeDeployment;
use support::{bin, http_server, node, project};

fn jose_token(pem: &str, kid: Option<&str>, issuer: &str, expires_in: i64) -> String {
    let answer = node::call(
        &json!({ "op": "sign", "pem": pem, "kid": kid, "issuer": issuer, "audience": "convex", "expiresIn": expires_in }),
    );
    answer["token"].as_str().unwrap().to_string()
}

fn key_pair() -> (String, Value, String) {
    let dir = project();
    let out = bin(dir.path()).args(["keys", "generate", "--json"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    (doc["privateKey"].as_str().unwrap().into(), doc["jwks"].clone(), doc["kid"].as_str().unwrap().into())
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_fake_judges_jose_tokens_by_convex_rules() {
    let fake = FakeDeployment::start();
    let (pem, jwks, kid) = key_pair();
    let (other_pem, other_jwks, _) = key_pair();
    fake.set_env("JWKS", &jwks.to_string());
    let site = fake.site_url.clone();

    // Accepted: then the function runs (and, with no secret set, fails as the adapter would).
    let (status, body) = fake.query_with(&jose_token(&pem, None, &site, 60));
    assert_eq!(status, 560, "{body}");
    assert!(body["errorMessage"].as_str().unwrap().contains("Missing CONVEX_AUTH_ADAPTER_SECRET"), "{body}");

    let cases = [
        (jose_token(&pem, None, &site, -10), "Unauthenticated", "an expired token"),
        (jose_token(&other_pem, None, &site, 60), "Unauthenticated", "another key's signature"),
        (jose_token(&pem, None, &format!("{site}/"), 60), "NoAuthProvider", "an issuer with a trailing slash"),
        (jose_token(&pem, Some("not-the-kid"), &site, 60), "Unauthenticated", "an unknown kid"),
    ];
    for (token, code, what) in &cases {
        let (status, body) = fake.query_with(token);
        assert_eq!((status, body["code"].as_str()), (401, Some(*code)), "{what}: {body}");
    }

    // Two keys: a token without kid is ambiguous, one with the right kid is accepted.
    let both = json!({ "keys": [jwks["keys"][0], other_jwks["keys"][0]] });
    fake.set_env("JWKS", &both.to_string());
    assert_eq!(fake.query_with(&jose_token(&pem, None, &site, 60)).0, 401, "no kid with two keys");
    assert_eq!(fake.query_with(&jose_token(&pem, Some(&kid), &site, 60)).0, 560, "kid picks the key");
}

#[test]
fn a_panicking_handler_fails_the_test() {
    let server = http_server::serve(Arc::new(|_| panic!("a bug in the fake")));
    let address = server.url.trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&address).unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 500"), "{answer}");
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(server)));
    let message = dropped.expect_err("dropping the server fails the test");
    let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("a bug in the fake"), "{message}");
}
