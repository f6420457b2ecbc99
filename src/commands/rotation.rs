//! `keys rotate`, `keys prune` and `keys status`: the signing key's lifecycle on a deployment.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::connection::{connect, project_dir};
use super::hosting;
use super::store::{Overwrite, store};
use super::ui::{Ui, code};
use crate::cli::{KeysPrune, KeysRotate, KeysStatus};
use crate::config::Connection;
use crate::deployment::channel::{Deployment, Via};
use crate::deployment::urls;
use crate::failure::Failure;
use crate::host::{self, Host};
use crate::keys::{Bits, PrivateKey, PublicKey, ServedJwks};
use crate::local_env::{EnvSources, LocalEnv, Mode, Source};
use crate::rotation::{self, DEFAULT_WAIT_SECS, Retired, UnreadableRecord};
use crate::secrets::{Secret, printable};
use crate::vars::{JWKS, KEY_ID, PRIVATE_KEY, RETIRED_KEYS};

/// How long a host may take to build and switch to the deployment `--redeploy` starts: until
/// then the running deployment signs with the old key.
const HOST_BUILD_SECS: u64 = 1800;

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The deployment, reached once, with its `JWKS` entry by entry as served and the retirement
/// record: the one read a rotation, a prune or a status makes of it.
fn read_deployment(
    connection: &Connection,
    via: Via,
    local: &LocalEnv,
) -> Result<(Deployment, ServedJwks, Result<Retired, UnreadableRecord>), Failure> {
    let deployment = connect(connection, via, false, local)?;
    let Some(vars) = deployment.vars(&[JWKS, RETIRED_KEYS], &[])? else {
        return Err(Failure::refused(format!("cannot read the variables of {}", deployment.describe()))
            .hint("this backend is too old to list its variables: update it, or use the convex CLI (--via cli)"));
    };
    let served = match vars.get(JWKS) {
        None => ServedJwks::empty(),
        Some(value) => ServedJwks::parse(value.expose()).ok_or_else(|| {
            Failure::usage(format!("the {JWKS} of {} is not a JSON Web Key Set", deployment.describe()))
                .hint(format!("publish your key's JWKS: {}", code("convex-authjs env push")))
        })?,
    };
    let retired = Retired::read(vars.get(RETIRED_KEYS).map(Secret::expose));
    Ok((deployment, served, retired))
}

/// The record, or why a command that rewrites it stops: overwriting it would forget keys.
fn readable(record: Result<Retired, UnreadableRecord>, deployment: &Deployment) -> Result<Retired, Failure> {
    record.map_err(|e| {
        Failure::usage(format!("{e} on {}", deployment.describe())).hint(format!(
            "fix it by hand (kid: seconds since 1970), or remove it with {} once no old key's token can be valid",
            code(&format!("npx convex env remove {RETIRED_KEYS}"))
        ))
    })
}

/// Refuses to republish a JWKS that gives away a private key, or to trust one whose entry
/// under the signer's kid is another key.
fn refuse_bad_entries(served: &ServedJwks, signer: Option<&PublicKey>, deployment: &Deployment) -> Result<(), Failure> {
    let problems = rotation::warnings(served, signer, &Retired::default(), &deployment.describe());
    if let Some(first) = problems.into_iter().next() {
        return Err(Failure::usage(first).hint(format!(
            "replace the JWKS with your key's alone ({}); a key whose private part was published must be replaced first ({})",
            code("convex-authjs env push"),
            code("convex-authjs keys generate --write --force")
        )));
    }
    Ok(())
}

fn bits_of(key: &PrivateKey) -> Bits {
    match key.bits() {
        3072 => Bits::B3072,
        4096 => Bits::B4096,
        _ => Bits::B2048,
    }
}

pub fn rotate(ui: &Ui, files: &EnvSources, connection: &Connection, args: &KeysRotate) -> Result<(), Failure> {
    let prod = connection.selector.prod;
    let stage = hosting::stage_of(&args.host, prod, false)?;
    if args.host.host.is_some() && !args.redeploy {
        return Err(Failure::usage(
            "a new key on the host reaches only new deployments: the running one would keep signing with the old key, for as long as nobody deploys",
        )
        .hint("pass --redeploy, so that the old key's last tokens have a time to expire by")
        .hint("or hand the key over yourself (--print-hosting-env), redeploy, and prune an hour after that"));
    }
    if prod && args.host.host.is_none() && !args.print_hosting_env && args.hosting_env_file.is_none() {
        return Err(Failure::usage("the new production key needs a way to your hosting provider, and none was given")
            .hint("pass --host vercel|netlify to set it there, --print-hosting-env to print it, or --hosting-env-file PATH to write it to a file you keep"));
    }
    let mode = Mode::for_prod(prod);
    let local = LocalEnv::load(files, mode)?;
    let host = hosting::reach(&args.host, stage, connection, &files.process)?;
    let held = host.as_ref().map(Host::held).transpose()?;
    let (deployment, served, retired) = read_deployment(connection, args.reach.via, &local)?;
    let mut retired = readable(retired, &deployment)?;
    // The key that signs now: the local one, or the one the host holds (known by its kid).
    let (old_kid, old_public, bits, source) = match (local.private_key(), &held) {
        (Err(_), Some(held)) => {
            let kid = held.get(KEY_ID).and_then(|h| h.value.clone()).ok_or_else(|| {
                let place = host.as_ref().map_or_else(String::new, Host::describe);
                Failure::usage(format!("{place} has no {KEY_ID}, so which key it signs with is not known"))
                    .hint(format!("set the host up first: {}", code("convex-authjs setup --prod --host …")))
            })?;
            (kid, None, Bits::default(), None)
        }
        (key, _) => {
            let (old, source) = key?;
            let public = old.public_key();
            (public.kid(), Some(public), bits_of(&old), Some(source))
        }
    };
    refuse_bad_entries(&served, old_public.as_ref(), &deployment)?;
    let serves_old = old_public.as_ref().map_or_else(|| served.has_kid(&old_kid), |key| served.holds(key));
    if !serves_old {
        return Err(Failure::usage(format!(
            "the JWKS of {} does not hold the current key (kid {old_kid}), so its tokens are rejected already",
            deployment.describe()
        ))
        .hint(format!("put it there first with {}", code("convex-authjs env push"))));
    }
    let new = PrivateKey::generate(bits);
    let new_kid = new.public_key().kid();
    let pem = new.to_pem();
    // What the host will hold, worked out now: a host that refuses does so before anything is
    // published.
    let host_plan = match (&host, &held) {
        (Some(host), Some(held)) => Some(host::plan(host, held, hosting::key(Some(pem.clone()), &new_kid).into())?),
        _ => None,
    };
    let jwks = served.with_key(&new.public_key().jwk()).map_err(|e| {
        Failure::refused(e.to_string()).hint(format!("remove retired keys first: {}", code("convex-authjs keys prune")))
    })?;
    let wait = args.wait;
    ui.status(&format!("Rotating the signing key of {}:", deployment.describe()))?;
    ui.status(&format!("  publish    {new_kid} beside {old_kid}"))?;
    ui.status(&format!("  wait       {wait} s, for Convex's cached JWKS to hold both"))?;
    match &host {
        Some(host) => ui.status(&format!(
            "  switch     {} to {new_kid}, and redeploy; {old_kid} stays served until pruned",
            host.describe()
        ))?,
        None => ui.status(&format!("  switch     the signer to {new_kid}; {old_kid} stays served until pruned"))?,
    }
    ui.approve(
        "Rotate the signing key? (tokens need kid: doctor's token.local says whether your signer sends it)",
        "not rotating without confirmation",
        "pass --yes to rotate",
    )?;

    ui.step(1, 3, "Publishing the new key");
    deployment.set(&[(JWKS, Secret::new(jwks.to_json()))])?;
    ui.step(2, 3, "Waiting for Convex's JWKS cache");
    ui.countdown(Duration::from_secs(args.wait), "switching the signer in");
    ui.step(3, 3, "Switching the signer");
    // A host's new deployment takes over once it is built: the old key's last tokens are
    // counted from then, at the latest.
    let mut switched_at = now();
    if let Some(plan) = &host_plan {
        plan.apply()?;
        let host = plan.host;
        let made = host.redeploy()?;
        hosting::applied(ui, host, Some(made))?;
        switched_at += HOST_BUILD_SECS;
    } else if !prod {
        store(ui, files, mode, PRIVATE_KEY, &pem, Overwrite::Forced)?;
        if source == Some(Source::Process) {
            ui.warn(&format!("{PRIVATE_KEY} is set in this shell's environment: set it to the new key there too"));
        }
    } else if let Some(path) = &args.hosting_env_file {
        let target = EnvSources { process: files.process.clone(), path: path.clone(), named: true };
        store(ui, &target, mode, PRIVATE_KEY, &pem, Overwrite::Forced)?;
    }
    let retired_at = switched_at;
    retired.keys.insert(old_kid.clone(), retired_at);
    deployment.set(&[(RETIRED_KEYS, Secret::new(retired.to_json()))])?;

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
    if prod && host.is_none() {
        let handed =
            args.hosting_env_file.as_ref().map_or("printed below".to_string(), |p| format!("in {}", p.display()));
        ui.status(&format!(
            "Next: give your hosting provider the new {PRIVATE_KEY} ({handed}) and redeploy; until then it signs with {old_kid}, which stays served."
        ))?;
    }
    // Production's key is on the host, not here: prune needs to be told which key signs.
    let prune = if prod {
        format!("convex-authjs keys prune --prod --signing-kid {new_kid}")
    } else {
        "convex-authjs keys prune".into()
    };
    ui.status(&format!(
        "Then, after {} (1 h of token lifetime, clock skew and cache), remove the old key with {}.",
        when(safe_at),
        code(&prune)
    ))?;
    if args.print_hosting_env {
        ui.secret_for_host(PRIVATE_KEY, &pem)?;
    }
    Ok(())
}

/// A moment, as seconds since the epoch and how far away it is; `None` is past any time.
fn when(at: Option<u64>) -> String {
    let Some(at) = at else { return "a time too far away to hold (the record is wrong)".to_string() };
    let now = now();
    if at <= now {
        return format!("{at} (now)");
    }
    format!("{at} (in {} min)", (at - now).div_ceil(60))
}

pub fn prune(ui: &Ui, files: &EnvSources, connection: &Connection, args: &KeysPrune) -> Result<(), Failure> {
    let mode = Mode::for_prod(connection.selector.prod);
    let local = LocalEnv::load(files, mode)?;
    let local_key = local.private_key().ok().map(|(key, _)| key.public_key());
    let stage = hosting::stage_of(&args.host, connection.selector.prod, false)?;
    // The host says which key it signs with, by the kid kept beside it.
    let host_kid = match hosting::reach(&args.host, stage, connection, &files.process)? {
        Some(host) => host.held()?.get(KEY_ID).and_then(|h| h.value.clone()),
        None => None,
    };
    let (deployment, served, retired) = read_deployment(connection, args.reach.via, &local)?;
    let mut retired = readable(retired, &deployment)?;
    refuse_bad_entries(&served, local_key.as_ref(), &deployment)?;
    // The key that signs is never pruned. Here it is the local key; production's lives on the
    // host, so without it the user names its kid, or says --force.
    let signing_kid = match (&local_key, args.signing_kid.as_ref().or(host_kid.as_ref())) {
        (_, Some(kid)) if !served.has_kid(kid) => {
            return Err(Failure::usage(format!(
                "--signing-kid {}: {} serves no key with that kid",
                printable(kid),
                deployment.describe()
            ))
            .hint(format!("see the served kids with {}", code("convex-authjs keys status"))));
        }
        (_, Some(kid)) => Some(kid.clone()),
        (Some(key), None) => Some(key.kid()),
        (None, None) if args.force => None,
        (None, None) => {
            return Err(Failure::usage(format!(
                "{PRIVATE_KEY} is not here, so which key still signs is not known: pruning could remove it"
            ))
            .hint("pass --signing-kid KID with the kid of the key your host signs with (keys status lists them), or --force"));
        }
    };
    let prunable: Vec<(String, Option<u64>)> = retired
        .keys
        .iter()
        .filter(|(kid, _)| Some(*kid) != signing_kid.as_ref())
        .filter(|(kid, _)| served.has_kid(kid))
        .map(|(kid, at)| (kid.clone(), Retired::safe_to_prune_at(*at, DEFAULT_WAIT_SECS)))
        .collect();
    for warning in rotation::warnings(&served, None, &retired, &deployment.describe()) {
        ui.warn(&warning);
    }
    if prunable.is_empty() {
        ui.status(&format!("Nothing to prune: {} serves no retired key.", deployment.describe()))?;
        return if ui.json { ui.json(&json!({ "pruned": [] })) } else { Ok(()) };
    }
    let early: Vec<String> = prunable
        .iter()
        .filter(|(_, safe_at)| safe_at.is_none_or(|at| at > now()))
        .map(|(kid, at)| format!("{} until {}", printable(kid), when(*at)))
        .collect();
    if !early.is_empty() && !args.force {
        return Err(Failure::usage(format!("tokens signed by a retired key may still be valid: {}", early.join(", ")))
            .hint("run `convex-authjs keys prune` again then, or pass --force (the tokens still valid are rejected)"));
    }
    let kids: Vec<String> = prunable.into_iter().map(|(kid, _)| kid).collect();
    let jwks = served.without(&kids, local_key.as_ref());
    for kid in &kids {
        retired.keys.remove(kid);
    }
    let shown: Vec<String> = kids.iter().map(|k| printable(k)).collect();
    ui.approve(
        &format!("Remove {} from {}?", shown.join(", "), deployment.describe()),
        "not pruning without confirmation",
        "pass --yes to prune",
    )?;
    deployment.set(&[(JWKS, Secret::new(jwks.to_json())), (RETIRED_KEYS, Secret::new(retired.to_json()))])?;
    if ui.json {
        return ui.json(&json!({ "pruned": kids }));
    }
    ui.status(&format!("Pruned {} from {}.", shown.join(", "), deployment.describe()))
}

pub fn status(ui: &Ui, files: &EnvSources, connection: &Connection, args: &KeysStatus) -> Result<(), Failure> {
    let mode = Mode::for_prod(connection.selector.prod);
    let local = LocalEnv::load(files, mode)?;
    let signer = local.private_key().ok().map(|(key, _)| key.public_key());
    let (deployment, on_deployment, retired) = read_deployment(connection, args.reach.via, &local)?;
    let (retired, unreadable) = match retired {
        Ok(record) => (record, None),
        Err(e) => (Retired::default(), Some(format!("{e}: no retirement times are known"))),
    };
    let site = served_by_site(&deployment, connection, &local);
    let mut status = rotation::status(signer.as_ref(), &on_deployment, site.as_ref(), &retired, &deployment.describe());
    status.warnings.extend(unreadable);
    if ui.json {
        return ui.json(&status);
    }
    let mut lines = vec![format!("Keys of {}:", deployment.describe())];
    for key in &status.keys {
        let flag = |value: Option<bool>, word: &str| match value {
            Some(true) => word.to_string(),
            Some(false) => "-".repeat(word.len()),
            None => "?".repeat(word.len()),
        };
        let mut line = format!(
            "  {}  {}  {}  {}",
            printable(&key.kid),
            flag(Some(key.local), "signs"),
            flag(key.served, "served"),
            flag(Some(key.deployment), "on-deployment")
        );
        if key.retired_at.is_some() {
            line.push_str(&format!("  retired; safe to prune after {}", when(key.safe_to_prune_at)));
        }
        lines.push(line);
    }
    for warning in &status.warnings {
        ui.warn(warning);
    }
    ui.result(&lines.join("\n"))
}

/// The JWKS the site serves at /.well-known/jwks.json (what Convex fetches), or `None` when
/// the site cannot be found or read. Over the deployment's own client, its URL known.
fn served_by_site(deployment: &Deployment, connection: &Connection, local: &LocalEnv) -> Option<ServedJwks> {
    let project = project_dir().ok()?;
    let http = deployment.http();
    let endpoints = urls::endpoints(&connection.selector, None, &project, local, http, deployment.url()).ok()?;
    let (site, _) = endpoints.site_url(http);
    let response = http.get(&format!("{site}/.well-known/jwks.json"), None).ok().filter(|r| r.status == 200)?;
    ServedJwks::parse(std::str::from_utf8(&response.body).ok()?)
}
