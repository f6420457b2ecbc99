//! The adapter's code in the project, for `init` and `setup`: the plan shown one line per file,
//! its diff, the writing, and the install command.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::ui::{Ui, code, wrap};
use crate::failure::Failure;
use crate::init::sign_in::SignIn;
use crate::init::{self, CodePlan, FileAction, PackageManager, slashed as shown};

/// One line per file, then the install command (`install` when this run runs it, else `left`,
/// for the user), then the lines each `manual` file needs.
pub fn show(ui: &Ui, plan: &CodePlan, installing: bool) -> Result<(), Failure> {
    let width = plan.files.iter().map(|f| shown(&f.path).len()).max().unwrap_or(0);
    for file in &plan.files {
        let note = match file.action {
            FileAction::Update if file.replaces() => format!("replaces {}", init::describe(&file.missing)),
            FileAction::Update => format!("adds {}", init::describe(&file.missing)),
            FileAction::Upgrade => format!("replaced by {}", init::describe(&file.missing)),
            FileAction::Manual => file.reason().to_string(),
            FileAction::Create | FileAction::Unchanged => String::new(),
        };
        let note = wrap(&note, 2 + 10 + 1 + width + 2, ui.width());
        let line = format!("  {:<10} {:<width$}  {note}", file.action.word(), shown(&file.path));
        ui.status(line.trim_end())?;
    }
    if let Some(install) = plan.install() {
        let (word, after) = if installing { ("install", "") } else { ("left", " (or pass --install)") };
        ui.status(&format!("  {word:<10} {}{after}", install.join(" ")))?;
        for (name, found) in &plan.outdated {
            let means = init::UPGRADES.iter().find(|(n, _)| n == name).map_or("", |(_, m)| m);
            let line = format!("{name} {} is {}: the code needs a newer one; {means}", found.version, found.from);
            ui.status(&format!("             {}", wrap(&line, 13, ui.width())))?;
        }
    }
    for file in plan.files.iter().filter(|f| f.action == FileAction::Manual) {
        let Some(manual) = file.manual.as_ref().filter(|m| !m.lines.is_empty()) else { continue };
        ui.status(&format!("\nAdd to {} by hand:", shown(&file.path)))?;
        for line in manual.lines.lines() {
            ui.status(&format!("    {line}"))?;
        }
    }
    Ok(())
}

/// The `--provider` ids, each one Auth.js's.
pub fn sign_in(ids: &[String]) -> Result<Vec<SignIn>, Failure> {
    ids.iter()
        .map(|id| {
            SignIn::find(id).map_err(|e| Failure::usage(e.to_string()).hint("pass one of those ids with --provider"))
        })
        .collect()
}

/// A unified diff of every change, as `git diff` shows one.
pub fn diff(ui: &Ui, plan: &CodePlan) -> Result<(), Failure> {
    for file in plan.changes() {
        // Only the last newline goes (status adds one): a diff's last line may be a blank line
        // of context, which is a single space.
        let diff = file.diff();
        ui.status(diff.strip_suffix('\n').unwrap_or(&diff))?;
    }
    Ok(())
}

/// `{"files":[{"path","action"}],"install":"<command>"|null,"outdated":[{"name","version","from"}]}`
pub fn json(plan: &CodePlan) -> Value {
    let files: Vec<Value> =
        plan.files.iter().map(|f| json!({ "path": shown(&f.path), "action": f.action.word() })).collect();
    let outdated: Vec<Value> = plan
        .outdated
        .iter()
        .map(|(name, found)| json!({ "name": name, "version": found.version.to_string(), "from": found.from }))
        .collect();
    json!({ "files": files, "install": plan.install().map(|c| c.join(" ")), "outdated": outdated })
}

/// Writes the plan's files.
pub fn write(ui: &Ui, plan: &CodePlan) -> Result<(), Failure> {
    let written = init::apply(plan).map_err(|partly| {
        let failure = Failure::from(partly.error);
        if partly.written.is_empty() {
            return failure;
        }
        let names: Vec<String> = partly.written.iter().map(|p| shown(p)).collect();
        failure.hint(format!(
            "{} written before that; run init again once it is fixed, and it goes on from there",
            names.join(", ")
        ))
    })?;
    ui.status(&format!("Wrote {} file(s).", written.len()))
}

/// Runs the install command for what package.json lacks, if anything (its output goes to
/// stderr, so stdout stays ours). Whether it ran.
pub fn install(ui: &Ui, plan: &CodePlan) -> Result<bool, Failure> {
    let Some(command) = plan.install() else { return Ok(false) };
    let shown = command.join(" ");
    ui.status(&format!("Running {}", code(&shown)))?;
    let status = Command::new(PackageManager::program(&command[0]))
        .args(&command[1..])
        .current_dir(&plan.layout.root)
        .stdin(Stdio::null())
        .stdout(std::io::stderr())
        .status()
        .map_err(|e| Failure::usage(format!("cannot run {shown}: {e}")).hint(format!("run {shown} yourself")))?;
    if !status.success() {
        return Err(Failure::refused(format!("{shown} failed ({status})")).hint(format!("run {shown} yourself")));
    }
    Ok(true)
}

/// The list of what is left, one item a line, each wrapped under its own indent.
pub fn show_left(ui: &Ui, todo: &[String]) -> Result<(), Failure> {
    if todo.is_empty() {
        return Ok(());
    }
    ui.status("Left to do:")?;
    for line in todo {
        ui.status(&format!("  - {}", wrap(line, 4, ui.width())))?;
    }
    Ok(())
}

/// The Convex code this plan writes: what a deploy would push.
pub fn changes_convex_code(plan: &CodePlan) -> bool {
    plan.changes().any(|f| f.path.starts_with(&plan.layout.convex))
}

/// What is left for the user after the code is written: one line each.
pub fn left_to_do(plan: &CodePlan, installed: bool, deployed: bool) -> Vec<String> {
    let mut todo = Vec::new();
    if let Some(command) = plan.install().filter(|_| !installed) {
        todo.push(format!("install the packages the code needs: {}", code(&command.join(" "))));
    }
    for file in plan.files.iter().filter(|f| f.action == FileAction::Manual) {
        todo.push(format!("add the lines shown above to {}", shown(&file.path)));
        // The adapter's functions are written all the same, and read those tables.
        if file.path == plan.layout.convex.join("schema.ts") {
            todo.push(format!(
                "until {} has the Auth.js tables, {} and {} fail: the adapter's functions use them",
                shown(&file.path),
                code("npx convex dev"),
                code("next build")
            ));
        }
    }
    let created_auth = plan.files.iter().any(|f| f.action == FileAction::Create && f.path == plan.layout.auth);
    for provider in &plan.sign_in {
        let [id, secret] = provider.env_names();
        todo.push(format!(
            "register {} as the callback URL of your {} app, and set {id} and {secret} in .env.local",
            provider.callback("http://localhost:3000"),
            provider.import
        ));
    }
    // Every run, from the config itself: a config that signs no one in is still to finish.
    if plan.sign_in.is_empty() && (created_auth || plan.no_providers) {
        let auth = shown(&plan.layout.auth);
        todo.push(format!(
            "add your sign-in providers to {auth} (providers: [], with their AUTH_* credentials), or rerun with {}",
            code("--provider github")
        ));
    }
    // Our provider, or the user's once it has the lines, that no file renders yet.
    let provider = plan.file(&plan.app_files.provider).is_some_and(|f| f.action != FileAction::Manual);
    if provider && plan.app_files.rendered_by.is_none() {
        // Ours by its name; the user's (upgraded under another name) by its file.
        let ours = plan.app_files.provider == plan.layout.app.join("ConvexClientProvider.tsx");
        let what = if ours {
            "<ConvexClientProvider>".to_string()
        } else {
            format!("the provider {} exports", shown(&plan.app_files.provider))
        };
        todo.push(if plan.layout.app_router {
            format!(
                "wrap {{children}} in {what} in your root layout (its session prop is optional: \
                 pass await auth() only from an async component inside <Suspense>, which cacheComponents requires)"
            )
        } else {
            format!("wrap your pages in {what} in pages/_app.tsx")
        });
    }
    if changes_convex_code(plan) && !deployed {
        // In the package the Convex folder is in, when it is another's.
        let from = match (&plan.layout.convex_package, plan.layout.convex.parent()) {
            (Some(_), Some(package)) => format!(" from {}", shown(package)),
            _ => String::new(),
        };
        todo.push(format!(
            "deploy the Convex code{from}: {} (or {} for production)",
            code("npx convex dev"),
            code("npx convex deploy")
        ));
    }
    todo
}
