//! Vercel's REST API for a project's environment variables and its redeploys (convex-facts.md
//! §14; vercel/vercel `packages/cli/src/util/env` and `commands/redeploy`).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use super::{Action, Held, Host, HostError, Stage, Wanted, path_id, read_link};
use crate::environment::Environment;

const FILE: &str = ".vercel/project.json";
const HOST: &str = "Vercel";

/// The project and its team: `--host-project`, else `VERCEL_PROJECT_ID` with `VERCEL_ORG_ID`
/// (as the vercel CLI reads them in CI), else what `vercel link` wrote.
pub(super) fn link(
    dir: &Path,
    flag: Option<&str>,
    process: &Environment,
) -> Result<(String, Option<String>), HostError> {
    let linked = read_link(HOST, &dir.join(FILE), FILE)?;
    let from_file = |field: &str| linked.as_ref().and_then(|l| l[field].as_str()).map(str::to_string);
    let id = flag
        .map(str::to_string)
        .or_else(|| process.get("VERCEL_PROJECT_ID").map(str::to_string))
        .or_else(|| from_file("projectId"))
        .ok_or(HostError::NotLinked { host: HOST, file: FILE })?;
    let org = process.get("VERCEL_ORG_ID").map(str::to_string).or_else(|| from_file("orgId"));
    // A personal account's id is no team: the API takes `teamId` for teams only.
    let team = org.filter(|org| org.starts_with("team_")).map(|org| path_id(HOST, FILE, &org)).transpose()?;
    Ok((path_id(HOST, FILE, &id)?, team))
}

fn target(stage: Stage) -> &'static str {
    match stage {
        Stage::Production => "production",
        Stage::Preview => "preview",
    }
}

fn team_query(team: Option<&str>) -> String {
    team.map_or(String::new(), |team| format!("&teamId={team}"))
}

/// The project's variables for the stage's target, asked as the vercel CLI's `env ls` asks. A
/// record limited to one git branch is not the stage's; one that serves other targets too is
/// marked shared.
pub(super) fn held(host: &Host, id: &str, team: Option<&str>) -> Result<BTreeMap<String, Held>, HostError> {
    let wanted = target(host.stage);
    let path = format!("/v10/projects/{id}/env?target={wanted}{}", team_query(team));
    let answer = host.get(&path)?;
    let envs = answer["envs"]
        .as_array()
        .ok_or_else(|| HostError::Unexpected { url: path.clone(), what: "no list of envs" })?;
    let mut held = BTreeMap::new();
    for env in envs {
        let targets: Vec<&str> = match &env["target"] {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let branch = env["gitBranch"].as_str().is_some_and(|b| !b.is_empty());
        let Some(key) = env["key"].as_str() else { continue };
        if branch || !targets.contains(&wanted) {
            continue;
        }
        let kind = env["type"].as_str().unwrap_or("");
        // Only a plain value comes back as itself; encrypted ones come back encrypted.
        let value = if kind == "plain" { env["value"].as_str().map(str::to_string) } else { None };
        held.insert(key.to_string(), Held { secret: kind == "sensitive", value, shared: targets.len() > 1 });
    }
    Ok(held)
}

/// Every pending variable in one upsert: sensitive (write-only) for secrets, plain otherwise.
pub(super) fn put(host: &Host, id: &str, team: Option<&str>, vars: &[(&Wanted, Action)]) -> Result<(), HostError> {
    let body: Vec<Value> = vars
        .iter()
        .filter_map(|(wanted, _)| {
            let value = wanted.value.as_ref()?;
            let kind = if wanted.secret() { "sensitive" } else { "plain" };
            Some(json!({ "key": wanted.name, "value": value.expose(), "type": kind, "target": [target(host.stage)] }))
        })
        .collect();
    let path = format!("/v10/projects/{id}/env?upsert=true{}", team_query(team));
    let answer = host.post(&path, &Value::Array(body))?;
    // Vercel answers 201 with the records it created and those it did not.
    if let Some(failed) = answer["failed"].as_array().and_then(|f| f.first()) {
        let message = failed["error"]["message"].as_str().unwrap_or("a variable was not set");
        return Err(HostError::Refused { host: HOST, status: 201, message: crate::secrets::printable(message) });
    }
    Ok(())
}

/// A new production deployment from the latest one (what `vercel redeploy` does): it builds
/// with the variables as they are now.
pub(super) fn redeploy(host: &Host, id: &str, team: Option<&str>) -> Result<Option<String>, HostError> {
    let path = format!("/v6/deployments?projectId={id}&target=production&limit=1{}", team_query(team));
    let answer = host.get(&path)?;
    let latest = &answer["deployments"][0];
    let (Some(uid), Some(name)) = (latest["uid"].as_str(), latest["name"].as_str()) else {
        return Err(HostError::NothingToRedeploy { host: HOST, stage: "production" });
    };
    let body = json!({ "name": name, "deploymentId": uid, "target": "production" });
    let made = host.post(&format!("/v13/deployments?forceNew=1{}", team_query(team)), &body)?;
    Ok(made["url"].as_str().or(made["id"].as_str()).map(crate::secrets::printable))
}
