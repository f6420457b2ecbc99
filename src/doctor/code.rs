//! The checks of the project's own code, before anything is deployed: what `init` would still
//! add is what is missing (init's plan for the Convex folder is the reading), and the signer's
//! issuer and `kid`. Without a Convex folder there is no code to read, and they are skipped.

use std::path::Path;
use std::time::Instant;

use super::id::CheckId;
use super::inputs::Inputs;
use super::outcome::{Outcome, Timed, timed};
use super::project::{Effective, Issuer, Signer};
use crate::init::{self, FileAction, FilePlan};

pub(super) const INIT: &str = "run `convex-authjs init`: it adds what is missing, and shows what it leaves to you";
pub(super) const MANUAL: &str = "add it by hand: `convex-authjs init --dry-run` prints the lines and where they go";

/// The checks of the Convex folder's files. The tables file is no check of its own: the tables
/// count where the schema uses them.
const FILES: [CheckId; 4] = [CheckId::CodeSchema, CheckId::CodeAdapter, CheckId::CodeRoutes, CheckId::CodeProvider];

/// What the signer is judged against: the issuer it will put in tokens, and the deployment's
/// site URL, when doctor knows it for sure (given, or said by the deployment).
pub(super) struct Issuers<'a> {
    pub signer: Option<&'a Effective>,
    pub site: &'a str,
    pub site_known: bool,
    pub env_file: &'a Path,
}

pub(super) fn checks(inputs: &Inputs, issuers: &Issuers) -> Vec<(CheckId, Timed)> {
    let (project, adapter_module, signer) = (&inputs.project, &inputs.adapter_module, inputs.signer.as_ref());
    let convex_dir = inputs.convex_dir.as_deref();
    let all = || FILES.into_iter().chain([CheckId::CodeSigner]).chain(super::app::IDS);
    // The Convex folder: `--convex-dir`'s, checked as init checks it, else the project's own.
    let folder = match convex_dir {
        Some(dir) => init::Layout::read(project, Some(dir)).map(|layout| layout.convex),
        None => init::convex_folder(project),
    };
    let convex = match folder {
        Ok(convex) if project.join(&convex).is_dir() => convex,
        Ok(convex) => {
            let why = format!("no Convex folder here ({}/)", convex.display());
            return all().map(|id| (id, (Outcome::skip(why.clone()), 0))).collect();
        }
        Err(e) => {
            let fix =
                if convex_dir.is_some() { "pass --convex-dir the folder init wrote into" } else { "fix convex.json" };
            return all().map(|id| (id, (Outcome::fail(e.to_string(), fix), 0))).collect();
        }
    };
    // One reading serves the four checks, and each reports its time.
    let start = Instant::now();
    // Which form the adapter's code takes does not matter here: only what the files have.
    let plan = init::convex_plan(project, &convex, adapter_module, true);
    let ms = start.elapsed().as_millis() as u64;
    let mut results: Vec<(CheckId, Timed)> = match plan {
        Ok(plan) => [
            (CheckId::CodeSchema, file_outcome(&plan.schema, "Auth.js tables").in_file(&plan.schema.path)),
            (CheckId::CodeAdapter, file_outcome(&plan.adapter, "adapter functions").in_file(&plan.adapter.path)),
            (CheckId::CodeRoutes, file_outcome(&plan.routes, "/.well-known routes").in_file(&plan.routes.path)),
            (
                CheckId::CodeProvider,
                file_outcome(&plan.provider, "provider for this app's tokens").in_file(&plan.provider.path),
            ),
        ]
        .into_iter()
        .map(|(id, outcome)| (id, (outcome, ms)))
        .collect(),
        Err(e) => FILES.iter().map(|id| (*id, (Outcome::fail(e.to_string(), INIT), ms))).collect(),
    };
    let signer_check = timed(|| {
        let outcome = signer_outcome(signer, issuers);
        match signer {
            Some(signer) => outcome.in_file(&signer.path),
            None => outcome,
        }
    });
    results.push((CheckId::CodeSigner, signer_check));
    results.extend(super::app::checks(project, convex_dir));
    results
}

fn file_outcome(file: &FilePlan, what: &str) -> Outcome {
    let path = file.path.display();
    match file.action {
        FileAction::Unchanged => Outcome::pass(format!("{path} has the {what}")),
        FileAction::Create => Outcome::fail(format!("{path} is missing: no {what}"), INIT),
        FileAction::Update => Outcome::fail(format!("{path} lacks {}", init::describe(&file.missing)), INIT),
        FileAction::Upgrade => Outcome::fail(format!("{path} is Convex's quickstart provider: no {what}"), INIT),
        FileAction::Manual => {
            let reason = file.reason();
            Outcome::fail(format!("{path} lacks {} ({reason})", init::describe(&file.missing)), MANUAL)
        }
    }
}

fn signer_outcome(signer: Option<&Signer>, issuers: &Issuers) -> Outcome {
    let Some(signer) = signer else {
        return Outcome::fail(
            "no file of the app signs Convex tokens (CONVEX_AUTH_PRIVATE_KEY with jose's setIssuer)",
            "run `convex-authjs init`: it writes convexToken.ts, for your Auth.js session callback to call",
        );
    };
    let path = signer.path.display();
    let site = issuers.site;
    // What it will really sign with, against the site Convex knows: a wrong issuer is a
    // rejected token whatever the code looks like.
    match (issuers.signer, signer.issuer) {
        (Some(Effective::Known { iss, from }), _) if issuers.site_known && iss != site => {
            return Outcome::fail(
                format!(
                    "{path} signs with iss {iss} (from {from}), but the deployment's site is {site}: Convex rejects its tokens"
                ),
                format!("set NEXT_PUBLIC_CONVEX_SITE_URL={site} in {} and on your host", issuers.env_file.display()),
            );
        }
        _ => {}
    }
    let issuer = match (signer.issuer, issuers.signer) {
        (Issuer::SiteUrl { .. }, Some(Effective::Unset { vars })) => {
            Some(format!("{path} takes its issuer from {vars}, which is not set here (the signer throws without it)"))
        }
        (Issuer::SiteUrl { .. }, _) => None,
        (Issuer::Template, _) => Some(format!(
            "{path} takes the issuer from NEXT_PUBLIC_CONVEX_URL with .cloud → .site, which is wrong for custom domains, local and self-hosted deployments"
        )),
        (Issuer::Unknown, _) => Some(format!("{path} signs with an issuer doctor cannot read")),
    };
    let kid = (!signer.sends_kid).then(|| {
        format!("{path} sends no kid, so Convex rejects its tokens while two keys are published (a rotation)")
    });
    match (issuer, kid) {
        (None, None) => Outcome::pass(format!("{path} signs for the site URL, with kid")),
        (issuer, kid) => Outcome::warn(
            [issuer, kid].into_iter().flatten().collect::<Vec<_>>().join("; "),
            format!(
                "run `convex-authjs init`: the setup guide's session callback then calls init's signer (issuer NEXT_PUBLIC_CONVEX_SITE_URL, {site} here; kid from the key); a signer of your own: do as app/convexToken.ts does"
            ),
        ),
    }
}
