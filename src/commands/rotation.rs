//! `keys rotate`, `keys prune` and `keys status`: the signing key's lifecycle on a deployment.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::connection::{http, project_dir, push_request};
use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::config::{Connection, KeysPrune, KeysRotate, KeysStatus};
use crate::deployment::urls;
use crate::dotenv;
use crate::failure::Failure;
use crate::keys::{Bits, Jwk, PrivateKey};
use crate::local_env::{EnvFiles, LocalEnv, Mode, Source};
use crate::push::{self, Action, Plan, Values, Via};
use crate::rotation::{self, DEFAULT_WAIT_SECS, Retired};
use crate::secrets::Secret;
use crate::vars::{JWKS, PRIVATE_KEY, RETIRED_KEYS};

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// What the deployment has: its plan (for describing it), the keys of its `JWKS`, the record.
fn read_deployment(connection: &Connection, via: Via, local: &LocalEnv) -> Result<(Plan, Vec<Jwk>, Retired), Failure> {
    let names = Values::of(vec![(JWKS, Secret::new("")), (RETIRED_KEYS, Secret::new(""))]);
    let plan = push::plan(push_request(connection, via, false)?, local, &names)?;
    if plan.changes.iter().any(|c| c.action == Action::Set) {
        return Err(Failure::refused(format!("cannot read the variables of {}", plan.describe()))
            .hint("this backend is too old to list its variables: update it, or use the convex CLI (--via cli)"));
    }
    let served = rotation::keys_of(plan.current(JWKS).map(Secret::expose));
    let retired = Retired::read(plan.current(RETIRED_KEYS).map(Secret::expose));
    Ok((plan, served, retired))
}

/// Sets `pairs` on the deployment, as `env push` would.
fn put(connection: &Connection, via: Via, local: &LocalEnv, pairs: Vec<(&'static str, Secret)>) -> Result<(), Failure> {
    let values = Values::of(pairs);
    let plan = push::plan(push_request(connection, via, false)?, local, &values)?;
    plan.apply(&values)?;
    Ok(())
}

fn bits_of(key: &PrivateKey) -> Bits {
    match key.bits() {
        3072 => Bits::B3072,
        4096 => Bits::B4096,
        _ => Bits::B2048,
    }
}

pub fn rotate(ui: &Ui, files: &EnvFiles, args: KeysRotate) -> Result<(), Failure> {
    let prod = args.connection.selector.prod;
    if prod && !args.print_hosting_env && args.hosting_env_file.is_none() {
        return Err(Failure::usage("the new production key needs a way to your hosting provider, and none was given")
            .hint("pass --print-hosting-env to print it, or --hosting-env-file PATH to write it to a file you keep"));
    }
    let mode = Mode::for_prod(prod);
    let local = LocalEnv::load(files, mode)?;
    let (old, source) = local.private_key()?;
    let old_kid = old.public_key().kid();
    let (plan, served, mut retired) = read_deployment(&args.connection, args.via, &local)?;
    if !served.iter().any(|k| k.kid.as_deref() == Some(old_kid.as_str())) {
        return Err(Failure::usage(format!(
            "the JWKS of {} does not hold the current key (kid {old_kid}), so its tokens are rejected already",
            plan.describe()
        ))
        .hint(format!("put it there first with {}", code("convex-authjs env push"))));
    }
    let new = PrivateKey::generate(bits_of(&old));
    let new_kid = new.public_key().kid();
    let jwks = rotation::with_key(&served, &new.public_key().jwk()).map_err(|e| {
        Failure::refused(e.to_string()).hint(format!("remove retired keys first: {}", code("convex-authjs keys prune")))
    })?;
    let wait = args.wait.as_secs();
    ui.status(&format!("Rotating the signing key of {}:", plan.describe()))?;
    ui.status(&format!("  publish    {new_kid} beside {old_kid}"))?;
    ui.status(&format!("  wait       {wait} s, for Convex's cached JWKS to hold both"))?;
    ui.status(&format!("  switch     the signer to {new_kid}; {old_kid} stays served until pruned"))?;
    ui.approve(
        "Rotate the signing key? (tokens need kid: doctor's token.local says whether your signer sends it)",
        "not rotating without confirmation",
        "pass --yes to rotate",
    )?;

    ui.step(1, 3, "Publishing the new key");
    put(&args.connection, args.via, &local, vec![(JWKS, Secret::new(jwks.to_json()))])?;
    ui.step(2, 3, "Waiting for Convex's JWKS cache");
    ui.countdown(args.wait, "switching the signer in");
    ui.step(3, 3, "Switching the signer");
    let pem = new.to_pem();
    if !prod {
        store(ui, files, mode, PRIVATE_KEY, &pem, Overwrite::Forced)?;
        if source == Source::Process {
            ui.warn(&format!("{PRIVATE_KEY} is set in this shell's environment: set it to the new key there too"));
        }
    } else if let Some(path) = &args.hosting_env_file {
        let target = EnvFiles { path: path.clone(), named: true };
        store(ui, &target, mode, PRIVATE_KEY, &pem, Overwrite::Forced)?;
    }
    let retired_at = now();
    retired.keys.insert(old_kid.clone(), retired_at);
    put(&args.connection, args.via, &local, vec![(RETIRED_KEYS, Secret::new(retired.to_json()))])?;

    let safe_at = Retired::safe_to_prune_at(retired_at, DEFAULT_WAIT_SECS);
    if ui.json {
        let mut doc =
            json!({ "signing": new_kid, "retired": old_kid, "retiredAt": retired_at, "safeToPruneAt": safe_at });
        if args.print_hosting_env {
            doc["hostingEnv"] = json!({ PRIVATE_KEY: pem.expose() });
        }
        return ui.json(&doc);
    }
    ui.status(&format!("Rotated: {new_kid} signs now; {old_kid} is retired."))?;
    if prod {
        let handed =
            args.hosting_env_file.as_ref().map_or("printed below".to_string(), |p| format!("in {}", p.display()));
        ui.status(&format!(
            "Next: give your hosting provider the new {PRIVATE_KEY} ({handed}) and redeploy; until then it signs with {old_kid}, which stays served."
        ))?;
    }
    ui.status(&format!(
        "Then, after {} (1 h of token lifetime, clock skew and cache), remove the old key with {}.",
        when(safe_at),
        code("convex-authjs keys prune")
    ))?;
    if args.print_hosting_env {
        let spelled = dotenv::encode(PRIVATE_KEY, pem.expose()).expect("a PEM is always representable");
        ui.result(&format!("{PRIVATE_KEY}={spelled}"))?;
    }
    Ok(())
}

/// A moment, as seconds since the epoch and how far away it is.
fn when(at: u64) -> String {
    let now = now();
    if at <= now {
        return format!("{at} (now)");
    }
    format!("{at} (in {} min)", (at - now).div_ceil(60))
}

pub fn prune(ui: &Ui, files: &EnvFiles, args: KeysPrune) -> Result<(), Failure> {
    let mode = Mode::for_prod(args.connection.selector.prod);
    let local = LocalEnv::load(files, mode)?;
    let signing = local.private_key().ok().map(|(key, _)| key.public_key().kid());
    let (plan, served, mut retired) = read_deployment(&args.connection, args.via, &local)?;
    let prunable: Vec<(String, u64)> = retired
        .keys
        .iter()
        .filter(|(kid, _)| Some(*kid) != signing.as_ref())
        .filter(|(kid, _)| served.iter().any(|k| k.kid.as_ref() == Some(*kid)))
        .map(|(kid, at)| (kid.clone(), Retired::safe_to_prune_at(*at, DEFAULT_WAIT_SECS)))
        .collect();
    if prunable.is_empty() {
        ui.status(&format!("Nothing to prune: {} serves no retired key.", plan.describe()))?;
        return if ui.json { ui.json(&json!({ "pruned": [] })) } else { Ok(()) };
    }
    let early: Vec<String> = prunable
        .iter()
        .filter(|(_, safe_at)| *safe_at > now())
        .map(|(kid, at)| format!("{kid} until {}", when(*at)))
        .collect();
    if !early.is_empty() && !args.force {
        return Err(Failure::usage(format!("tokens signed by a retired key may still be valid: {}", early.join(", ")))
            .hint("run `convex-authjs keys prune` again then, or pass --force (the tokens still valid are rejected)"));
    }
    let kids: Vec<String> = prunable.into_iter().map(|(kid, _)| kid).collect();
    let jwks = rotation::without(&served, &kids);
    for kid in &kids {
        retired.keys.remove(kid);
    }
    ui.approve(
        &format!("Remove {} from {}?", kids.join(", "), plan.describe()),
        "not pruning without confirmation",
        "pass --yes to prune",
    )?;
    let pairs = vec![(JWKS, Secret::new(jwks.to_json())), (RETIRED_KEYS, Secret::new(retired.to_json()))];
    put(&args.connection, args.via, &local, pairs)?;
    if ui.json {
        return ui.json(&json!({ "pruned": kids }));
    }
    ui.status(&format!("Pruned {} from {}.", kids.join(", "), plan.describe()))
}

pub fn status(ui: &Ui, files: &EnvFiles, args: KeysStatus) -> Result<(), Failure> {
    let mode = Mode::for_prod(args.connection.selector.prod);
    let local = LocalEnv::load(files, mode)?;
    let signing = local.private_key().ok().map(|(key, _)| key.public_key().kid());
    let (plan, on_deployment, retired) = read_deployment(&args.connection, args.via, &local)?;
    let served = served_kids(&args.connection, &local);

    let mut kids: Vec<String> = on_deployment.iter().filter_map(|k| k.kid.clone()).collect();
    kids.extend(signing.iter().cloned());
    kids.extend(served.iter().flatten().cloned());
    kids.extend(retired.keys.keys().cloned());
    kids.sort();
    kids.dedup();
    let keys: Vec<Value> = kids
        .iter()
        .map(|kid| {
            let mut key = json!({
                "kid": kid,
                "local": signing.as_ref() == Some(kid),
                "served": served.as_ref().map(|s| s.contains(kid)),
                "deployment": on_deployment.iter().any(|k| k.kid.as_ref() == Some(kid)),
            });
            if let Some(at) = retired.keys.get(kid) {
                key["retiredAt"] = json!(at);
                key["safeToPruneAt"] = json!(Retired::safe_to_prune_at(*at, DEFAULT_WAIT_SECS));
            }
            key
        })
        .collect();
    if ui.json {
        return ui.json(&json!({ "signing": signing, "keys": keys }));
    }
    let mut lines = vec![format!("Keys of {}:", plan.describe())];
    for key in &keys {
        let flag = |name: &str, word: &str| match key[name].as_bool() {
            Some(true) => word.to_string(),
            Some(false) => "-".repeat(word.len()),
            None => "?".repeat(word.len()),
        };
        let mut line = format!(
            "  {}  {}  {}  {}",
            key["kid"].as_str().unwrap_or(""),
            flag("local", "signs"),
            flag("served", "served"),
            flag("deployment", "on-deployment")
        );
        if let Some(at) = key["safeToPruneAt"].as_u64() {
            line.push_str(&format!("  retired; safe to prune after {}", when(at)));
        }
        lines.push(line);
    }
    ui.result(&lines.join("\n"))
}

/// The kids the site serves at /.well-known/jwks.json (what Convex fetches), or `None` when the
/// site cannot be found or read.
fn served_kids(connection: &Connection, local: &LocalEnv) -> Option<Vec<String>> {
    let project = project_dir().ok()?;
    let http = http(connection);
    let endpoints = urls::endpoints(&connection.selector, None, &project, local, &http).ok()?;
    let (site, _) = endpoints.site_url(&http);
    let response = http.get(&format!("{site}/.well-known/jwks.json"), None).ok().filter(|r| r.status == 200)?;
    let text = String::from_utf8(response.body).ok()?;
    Some(rotation::keys_of(Some(&text)).into_iter().filter_map(|k| k.kid).collect())
}
