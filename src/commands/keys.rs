//! `keys generate` and `keys jwks`.

use serde_json::json;

use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::cli::KeysGenerate;
use crate::dotenv;
use crate::failure::Failure;
use crate::keys::PrivateKey;
use crate::local_env::{Edit, EnvSources, LocalEnv, Mode};
use crate::vars::PRIVATE_KEY;

pub fn generate(ui: &Ui, env_file: &EnvSources, args: &KeysGenerate) -> Result<(), Failure> {
    let (write, force) = (args.write, args.force);
    let key = PrivateKey::generate(args.bits);
    let public = key.public_key();
    let kid = public.kid();
    let pem = key.to_pem();

    if !write {
        if ui.json {
            return ui.json(&json!({ "privateKey": pem.expose(), "jwks": public.jwks(), "kid": kid }));
        }
        let line = dotenv::encode(PRIVATE_KEY, pem.expose()).expect("a PEM is always representable");
        return ui.result(&format!("{PRIVATE_KEY}={}\n\nJWKS={}", line.as_str(), public.jwks().to_json()));
    }

    let loss = "every signed-in session ends, and Convex rejects new tokens until JWKS is updated";
    let overwrite = if force { Overwrite::Forced } else { Overwrite::Ask { loss } };
    let action = store(ui, env_file, Mode::Development, PRIVATE_KEY, &pem, overwrite)?;
    if ui.json {
        return ui.json(&json!({
            "kid": kid,
            "jwks": public.jwks(),
            "envFile": env_file.path,
            "variable": PRIVATE_KEY,
            "action": action.done(),
        }));
    }
    let verb = if action == Edit::Replace { "Replaced" } else { "Wrote" };
    ui.status(&format!("{verb} {PRIVATE_KEY} in {} (key id {kid}).", env_file.path.display()))?;
    ui.status(&format!(
        "Next: put its public half on your Convex deployment with {}, or print it with {}.",
        code("convex-authjs env push"),
        code("convex-authjs keys jwks")
    ))
}

pub fn jwks(ui: &Ui, env_file: &EnvSources) -> Result<(), Failure> {
    let (key, _) = LocalEnv::load(env_file, Mode::Development)?.private_key()?;
    let public = key.public_key();
    if ui.json {
        return ui.json(&json!({ "jwks": public.jwks(), "kid": public.kid() }));
    }
    ui.result(&public.jwks().to_json())
}
