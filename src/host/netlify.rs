//! Netlify's API for a site's environment variables (the account's env, filtered by site) and
//! its builds (convex-facts.md §14; netlify/cli `src/commands/env/env-set.ts`). The netlify
//! CLI's `env:set` takes the value in argv, so it is never run for us.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use super::{Action, Held, Host, HostError, Stage, Wanted, path_id, read_link};
use crate::environment::Environment;

const FILE: &str = ".netlify/state.json";
const HOST: &str = "Netlify";
/// Where a value is read: Next.js inlines public values at build time, and reads the others in
/// its functions at run time. Secrets may not be in `post_processing`.
const SCOPES: [&str; 3] = ["builds", "functions", "runtime"];

/// The site: `--host-project`, else `NETLIFY_SITE_ID` (as the netlify CLI reads it in CI), else
/// what `netlify link` wrote.
pub(super) fn link(dir: &Path, flag: Option<&str>, process: &Environment) -> Result<String, HostError> {
    let linked = read_link(HOST, &dir.join(FILE), FILE)?;
    let id = flag
        .map(str::to_string)
        .or_else(|| process.get("NETLIFY_SITE_ID").map(str::to_string))
        .or_else(|| linked.as_ref().and_then(|l| l["siteId"].as_str()).map(str::to_string))
        .ok_or(HostError::NotLinked { host: HOST, file: FILE })?;
    path_id(HOST, FILE, &id)
}

/// The account the site belongs to, whose env API holds the site's variables (the netlify CLI
/// names it by its slug).
pub(super) fn account(host: &Host, site: &str) -> Result<String, HostError> {
    let path = format!("/api/v1/sites/{site}");
    let answer = host.get(&path)?;
    let account = answer["account_slug"].as_str().or(answer["account_id"].as_str());
    let account = account.ok_or(HostError::Unexpected { url: path, what: "no account_slug" })?;
    path_id(HOST, "the site's account", account)
}

/// The contexts a stage's builds read.
fn contexts(stage: Stage) -> &'static [&'static str] {
    match stage {
        Stage::Production => &["production"],
        Stage::Preview => &["deploy-preview", "branch-deploy"],
    }
}

fn listed(host: &Host, site: &str, account: &str) -> Result<Vec<Value>, HostError> {
    let path = format!("/api/v1/accounts/{account}/env?site_id={site}");
    match host.get(&path)? {
        Value::Array(vars) => Ok(vars),
        _ => Err(HostError::Unexpected { url: path, what: "not a list of variables" }),
    }
}

/// The site's variables that have a value in every context of the stage (their own, or `all`'s).
pub(super) fn held(host: &Host, site: &str, account: &str) -> Result<BTreeMap<String, Held>, HostError> {
    let mut held = BTreeMap::new();
    for var in listed(host, site, account)? {
        let Some(key) = var["key"].as_str() else { continue };
        let values = var["values"].as_array().cloned().unwrap_or_default();
        let value_in = |context: &str| values.iter().find(|v| v["context"] == context);
        let found: Option<Vec<&Value>> =
            contexts(host.stage).iter().map(|c| value_in(c).or_else(|| value_in("all"))).collect();
        let Some(found) = found else { continue };
        let secret = var["is_secret"].as_bool().unwrap_or(false);
        let texts: Vec<Option<&str>> = found.iter().map(|v| v["value"].as_str()).collect();
        let value = match texts.as_slice() {
            [Some(first), rest @ ..] if !secret && rest.iter().all(|t| t == &Some(*first)) => Some(first.to_string()),
            _ => None,
        };
        held.insert(key.to_string(), Held { secret, value, shared: false });
    }
    Ok(held)
}

/// New variables in one request; a variable the site has already (in any context) gets each of
/// the stage's values by itself, which leaves its other contexts as they are.
pub(super) fn put(host: &Host, site: &str, account: &str, vars: &[(&Wanted, Action)]) -> Result<(), HostError> {
    let existing: BTreeMap<String, bool> = listed(host, site, account)?
        .iter()
        .filter_map(|v| Some((v["key"].as_str()?.to_string(), v["is_secret"].as_bool().unwrap_or(false))))
        .collect();
    let mut created = Vec::new();
    for (wanted, _) in vars {
        let Some(value) = &wanted.value else { continue };
        match existing.get(wanted.name) {
            Some(false) if wanted.secret() => return Err(HostError::NotSecret { host: HOST, name: wanted.name }),
            Some(_) => {
                for context in contexts(host.stage) {
                    let body = json!({ "context": context, "value": value.expose() });
                    host.patch(&format!("/api/v1/accounts/{account}/env/{}?site_id={site}", wanted.name), &body)?;
                }
            }
            None => {
                let values: Vec<Value> =
                    contexts(host.stage).iter().map(|c| json!({ "context": c, "value": value.expose() })).collect();
                created.push(
                    json!({ "key": wanted.name, "is_secret": wanted.secret(), "scopes": SCOPES, "values": values }),
                );
            }
        }
    }
    if !created.is_empty() {
        host.post(&format!("/api/v1/accounts/{account}/env?site_id={site}"), &Value::Array(created))?;
    }
    Ok(())
}

/// A new production build of the site, which reads the variables as they are now.
pub(super) fn redeploy(host: &Host, site: &str) -> Result<Option<String>, HostError> {
    let made = host.post(&format!("/api/v1/sites/{site}/builds"), &json!({}))?;
    Ok(made["deploy_id"].as_str().or(made["id"].as_str()).map(crate::secrets::printable))
}
