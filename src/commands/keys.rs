//! `keys generate` and `keys jwks`.

use std::path::Path;

use serde_json::json;

use super::store::{Action, local_env_failure, store};
use super::ui::{Ui, code};
use crate::cli::{KeyBits, KeysGenerate};
use crate::dotenv;
use crate::error::Failure;
use crate::keys::{Bits, KeyProblem, PrivateKey};
use crate::local_env::{LocalEnv, PRIVATE_KEY, Source};

pub fn generate(ui: &Ui, env_file: &Path, args: &KeysGenerate) -> Result<(), Failure> {
    let bits = match args.bits {
        KeyBits::B2048 => Bits::B2048,
        KeyBits::B3072 => Bits::B3072,
        KeyBits::B4096 => Bits::B4096,
    };
    let key = PrivateKey::generate(bits);
    let public = key.public_key();
    let kid = public.kid();
    let pem = key.to_pem();

    if !args.write {
        if ui.json {
            return ui.json(&json!({ "privateKey": pem, "jwks": public.jwks(), "kid": kid }));
        }
        let line = dotenv::encode(PRIVATE_KEY, &pem).expect("a PEM is always representable");
        return ui.result(&format!("{PRIVATE_KEY}={line}\n\nJWKS={}", public.jwks().to_json()));
    }

    let loss = "every signed-in session ends, and Convex rejects new tokens until JWKS is updated";
    let action = store(ui, env_file, PRIVATE_KEY, &pem, args.force, loss)?;
    if ui.json {
        return ui.json(&json!({
            "kid": kid,
            "jwks": public.jwks(),
            "envFile": env_file,
            "variable": PRIVATE_KEY,
            "action": action,
        }));
    }
    let verb = if action == Action::Replaced { "Replaced" } else { "Wrote" };
    ui.status(&format!("{verb} {PRIVATE_KEY} in {} (key id {kid}).", env_file.display()))?;
    ui.status(&format!(
        "Next: put its public half on your Convex deployment with {}, or print it with {}.",
        code("convex-authjs env push"),
        code("convex-authjs keys jwks")
    ))
}

pub fn jwks(ui: &Ui, env_file: &Path) -> Result<(), Failure> {
    let local = LocalEnv::read(env_file).map_err(local_env_failure)?;
    let key = private_key(&local, env_file)?;
    let public = key.public_key();
    if ui.json {
        return ui.json(&json!({ "jwks": public.jwks(), "kid": public.kid() }));
    }
    ui.result(&public.jwks().to_json())
}

/// The private key the Next.js server would load, or a failure that says how to fix it.
pub fn private_key(local: &LocalEnv, env_file: &Path) -> Result<PrivateKey, Failure> {
    let Some((pem, source)) = local.get(PRIVATE_KEY) else {
        return Err(Failure::usage(format!(
            "{PRIVATE_KEY} is not set in the environment or in {}",
            env_file.display()
        ))
        .hint(format!("create one with {}", code("convex-authjs keys generate --write"))));
    };
    PrivateKey::from_pem(&pem).map_err(|problem| {
        Failure::usage(format!("{PRIVATE_KEY} in {source} cannot be used: {problem}")).hint(key_hint(&problem, &source))
    })
}

/// The fix for each way a private key is mangled on its way to the server.
pub fn key_hint(problem: &KeyProblem, source: &Source) -> String {
    match source {
        Source::File(p) => problem.hint(Some(p)),
        Source::Process => problem.hint(None),
    }
}
