//! The checks of the app's side of the code, read as init's plan reads it: whether the Auth.js
//! config signs anyone in, whether the session reaches Convex's client (a provider that passes
//! it, rendered by the app, the adapter in the config, Auth.js's route), and whether the
//! packages the code imports are installed at versions it builds with. So a rerun of `setup`
//! and `doctor` say the same thing: both read the same plan.

use std::path::Path;
use std::time::Instant;

use super::code::{INIT, MANUAL};
use super::id::CheckId;
use super::outcome::{Outcome, Timed};
use crate::init::{self, CodePlan, FileAction, FilePlan, InitError, LayoutError, slashed};

pub(super) const IDS: [CheckId; 3] = [CheckId::CodeSignIn, CheckId::CodeWiring, CheckId::CodePackages];

pub(super) fn checks(project: &Path, convex_dir: Option<&Path>) -> Vec<(CheckId, Timed)> {
    let start = Instant::now();
    let plan = init::plan(project, init::Ask { convex_dir, ..init::Ask::default() });
    let ms = start.elapsed().as_millis() as u64;
    let outcomes: [Outcome; 3] = match plan {
        Ok(plan) => [sign_in(&plan), wiring(&plan), packages(&plan)],
        // No Next.js app in TypeScript here (a backend package, doctor run elsewhere): no app
        // code to read.
        Err(InitError::Layout(
            e @ (LayoutError::NotNext(_)
            | LayoutError::NoNextApp(_)
            | LayoutError::NoTypeScript(_)
            | LayoutError::ConvexElsewhere(_)),
        )) => IDS.map(|_| Outcome::skip(format!("no app code to read: {e}"))),
        Err(e) => {
            IDS.map(|_| Outcome::fail(e.to_string(), "run `convex-authjs init`: it says what it will not do, and why"))
        }
    };
    IDS.into_iter().zip(outcomes).map(|(id, outcome)| (id, (outcome, ms))).collect()
}

/// The Auth.js config lists a way to sign in. A config without one is not broken, only not
/// finished: a warning.
fn sign_in(plan: &CodePlan) -> Outcome {
    let auth = &plan.layout.auth;
    let shown = slashed(auth);
    if plan.file(auth).is_none_or(|f| f.action == FileAction::Create) {
        return Outcome::fail(format!("no Auth.js config: no file calls NextAuth(…), and {shown} is missing"), INIT);
    }
    let outcome = if plan.no_providers {
        Outcome::warn(
            format!("{shown} lists no sign-in provider (providers: []): no one can sign in"),
            format!(
                "add your providers to {shown}, with their AUTH_* credentials; `convex-authjs init --provider github --dry-run` prints the lines"
            ),
        )
    } else {
        Outcome::pass(format!("{shown} lists its sign-in providers"))
    };
    outcome.in_file(auth)
}

/// The session reaches Convex: the first file on its way that is not as it must be fails.
fn wiring(plan: &CodePlan) -> Outcome {
    let files = &plan.app_files;
    let provider = &files.provider;
    let shown = slashed(provider);
    match plan.file(provider).map(|f| (f.action, f)) {
        Some((FileAction::Unchanged, _)) => {}
        Some((FileAction::Upgrade, _)) => {
            let summary =
                format!("{shown} is Convex's quickstart provider: it does not pass the Auth.js session to Convex");
            return Outcome::fail(summary, INIT).in_file(provider);
        }
        Some((FileAction::Manual, _)) => {
            let summary = format!("{shown} is your own provider, and does not pass the Auth.js session to Convex yet");
            return Outcome::fail(summary, MANUAL).in_file(provider);
        }
        _ => {
            let summary = format!("{shown} is missing: nothing passes the Auth.js session to Convex's client");
            return Outcome::fail(summary, INIT).in_file(provider);
        }
    }
    let Some(by) = &files.rendered_by else {
        return Outcome::fail(
            format!("no file of the app renders {shown}, so Convex's client never gets a token"),
            "render it around your pages: {children} in the root layout, or <Component /> in pages/_app.tsx",
        )
        .in_file(provider);
    };
    if let Some(file) =
        files.root_file.as_ref().and_then(|root| plan.file(root)).filter(|f| f.action != FileAction::Unchanged)
    {
        return not_yet(file, &format!("does not render {shown} yet"));
    }
    // The config's adapter (a missing config is code.sign_in's).
    let auth = plan.file(&plan.layout.auth).filter(|f| f.action == FileAction::Manual);
    if let Some(file) = auth.filter(|f| f.missing.iter().any(|m| m.to_string().contains("ConvexAdapter"))) {
        return not_yet(file, "has no adapter: ConvexAdapter, so Auth.js keeps no user in Convex");
    }
    let route = &files.route;
    if let Some(file) = plan.file(route).filter(|f| f.action != FileAction::Unchanged) {
        return not_yet(file, "is missing: Auth.js has no route to answer sign-ins at");
    }
    let auth = slashed(&plan.layout.auth);
    Outcome::pass(format!(
        "{} renders {shown}; {auth} has ConvexAdapter; Auth.js answers at {}",
        slashed(by),
        slashed(route)
    ))
    .in_file(provider)
}

/// A file init would write, or that is the user's to change by hand, named with what it lacks.
fn not_yet(file: &FilePlan, what: &str) -> Outcome {
    let shown = slashed(&file.path);
    let outcome = match file.action {
        FileAction::Manual => Outcome::fail(format!("{shown} {what} ({})", file.reason()), MANUAL),
        _ => Outcome::fail(format!("{shown} {what}"), INIT),
    };
    outcome.in_file(&file.path)
}

/// The packages the code imports, at versions it builds with, and installed.
fn packages(plan: &CodePlan) -> Outcome {
    if let Some(command) = plan.install() {
        let mut why: Vec<String> = plan
            .outdated
            .iter()
            .map(|(name, found)| format!("{name} {} ({}) is too old", found.version, found.from))
            .collect();
        match plan.absent.as_slice() {
            [] => {}
            [one] => why.push(format!("{one} is not in package.json")),
            [rest @ .., last] => why.push(format!("{} and {last} are not in package.json", rest.join(", "))),
        }
        return Outcome::fail(why.join("; "), format!("install them: `{}`", command.join(" ")))
            .in_file(Path::new("package.json"));
    }
    if !plan.uninstalled.is_empty() {
        return Outcome::warn(
            format!("{} listed in package.json but not installed here", plan.uninstalled.join(", ")),
            format!("run `{}`", plan.layout.package_manager.install_all()),
        )
        .in_file(Path::new("package.json"));
    }
    let found: Vec<String> = plan.found.iter().map(|(name, found)| format!("{name} {}", found.version)).collect();
    Outcome::pass(format!("{} installed", found.join(", "))).in_file(Path::new("package.json"))
}
