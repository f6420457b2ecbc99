//! `init`'s domain: the adapter's code, planned file by file against what the project has, then
//! written. A file we would create is created; a file the user has is read with a parser and
//! our part inserted into it when we understand its shape; otherwise it is left alone and the
//! plan says what to add by hand. Nothing of the user's is removed or reordered.
//!
//! The plan is also what doctor's code checks read: a file whose plan is not `unchanged` is
//! missing what the plan names.

mod auth_config;
mod diff;
pub mod layout;
mod router;
mod schema;
mod source;
pub mod templates;
mod verdict;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use layout::{Layout, LayoutError, PackageManager, convex_folder, slashed};
use verdict::Verdict;

use crate::text_file::{FileError, TextFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Manual,
}

impl Action {
    pub fn word(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Manual => "manual",
        }
    }
}

/// What to do to one file.
#[derive(Debug)]
pub struct FilePlan {
    /// Relative to the project folder.
    pub path: PathBuf,
    pub action: Action,
    /// What the file lacks now, in the user's words ("table users", "route /.well-known/jwks.json").
    pub missing: Vec<String>,
    /// For `manual`: why we leave it alone, and the lines to add.
    pub manual: Option<Manual>,
    file: TextFile,
    after: Option<String>,
    /// For `update`: what is inserted where.
    inserts: Vec<source::Insert>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    pub reason: String,
    pub lines: String,
}

impl FilePlan {
    /// The file's text now (empty when it does not exist).
    pub fn before(&self) -> &str {
        &self.file.text
    }

    /// The file's text after the plan, for `create` and `update`.
    pub fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }

    /// The change as a unified diff (`git apply` takes it); empty when nothing changes.
    pub fn diff(&self) -> String {
        let path = slashed(&self.path);
        let new = format!("b/{path}");
        match (self.action, &self.after) {
            (Action::Create, Some(text)) => {
                diff::unified("", &[source::Insert { at: 0, text: text.clone() }], "/dev/null", &new)
            }
            (Action::Update, _) => diff::unified(&self.file.text, &self.inserts, &format!("a/{path}"), &new),
            _ => String::new(),
        }
    }
}

#[derive(Debug)]
pub struct Plan {
    pub layout: Layout,
    pub files: Vec<FilePlan>,
    /// The packages the code imports that package.json lacks.
    pub packages: Vec<&'static str>,
}

impl Plan {
    /// The command that installs the missing packages.
    pub fn install(&self) -> Option<Vec<String>> {
        (!self.packages.is_empty()).then(|| self.layout.package_manager.install_command(&self.packages))
    }

    pub fn changes(&self) -> impl Iterator<Item = &FilePlan> {
        self.files.iter().filter(|f| matches!(f.action, Action::Create | Action::Update))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error(transparent)]
    File(#[from] FileError),
    /// A fault of ours, caught before anything was written.
    #[error("our change to {} came out wrong ({why}); nothing was written", path.display())]
    OurEditBroke { path: PathBuf, why: String },
}

/// Packages the written code imports, as the package manager should add them (Auth.js v5 is
/// still published under the `beta` tag).
const PACKAGES: [(&str, &str); 3] = [("convex", "convex"), ("next-auth", "next-auth@beta"), ("jose", "jose")];

/// Folders a Convex client provider is kept in, besides the app's own folder.
const PROVIDER_DIRS: [&str; 4] = ["components", "src/components", "app", "src/app"];

/// The module of the Convex folder that holds the adapter's functions.
pub const ADAPTER_MODULE: &str = "authAdapter";

pub fn plan(root: &Path) -> Result<Plan, InitError> {
    let layout = Layout::read(root)?;
    let app = &layout.app;
    let mut files = convex_plan(root, &layout.convex, ADAPTER_MODULE)?;
    let to_convex = layout.import_path(app, &layout.convex);
    files.push(owned(root, app.join("ConvexAdapter.ts"), templates::convex_adapter(&to_convex), &["ConvexAdapter"])?);
    files.push(owned(root, app.join("convexToken.ts"), templates::CONVEX_TOKEN.into(), &["signConvexToken"])?);
    files.push(client_provider(&layout)?);
    files.push(auth(&layout)?);
    if layout.app_router {
        files.push(auth_route(&layout)?);
    }
    let packages = PACKAGES
        .iter()
        .filter(|(name, _)| !layout.dependencies.iter().any(|d| d == name))
        .map(|(_, spec)| *spec)
        .collect();
    Ok(Plan { layout, files, packages })
}

/// The plan for the Convex folder `convex` alone: the tables, the schema, the adapter's
/// functions (in `<adapter_module>.ts`), the routes, the auth config. Doctor reads it too.
pub fn convex_plan(root: &Path, convex: &Path, adapter_module: &str) -> Result<Vec<FilePlan>, InitError> {
    Ok(vec![
        owned(root, convex.join("authTables.ts"), templates::AUTH_TABLES.into(), &["authTables"])?,
        merged(root, convex, "schema", templates::SCHEMA.into(), schema::read)?,
        owned(
            root,
            convex.join(format!("{adapter_module}.ts")),
            templates::AUTH_ADAPTER.into(),
            &templates::ADAPTER_FUNCTIONS,
        )?,
        merged(root, convex, "http", templates::http(), router::read)?,
        merged(root, convex, "auth.config", templates::auth_config(), auth_config::read)?,
    ])
}

fn read(root: &Path, path: &Path) -> Result<TextFile, FileError> {
    TextFile::read(&root.join(path))
}

fn create(path: PathBuf, file: TextFile, text: String) -> FilePlan {
    FilePlan {
        path,
        action: Action::Create,
        missing: vec!["the file".into()],
        manual: None,
        file,
        after: Some(text),
        inserts: vec![],
    }
}

fn unchanged(path: PathBuf, file: TextFile) -> FilePlan {
    FilePlan { path, action: Action::Unchanged, missing: vec![], manual: None, file, after: None, inserts: vec![] }
}

fn manual(path: PathBuf, file: TextFile, missing: Vec<String>, reason: String, lines: String) -> FilePlan {
    let manual = Some(Manual { reason, lines });
    FilePlan { path, action: Action::Manual, missing, manual, file, after: None, inserts: vec![] }
}

/// A file that is wholly ours: created when missing; when there, it counts as present if it
/// exports what ours exports, and is never rewritten.
fn owned(root: &Path, path: PathBuf, text: String, exports: &[&str]) -> Result<FilePlan, InitError> {
    let file = read(root, &path)?;
    if !file.exists {
        return Ok(create(path, file, text));
    }
    let found = match source::parse(&path, &file.text, source::exported_names) {
        Ok(found) => found,
        Err(e) => {
            let reason = format!("it does not parse ({e})");
            return Ok(manual(path, file, vec!["a file that parses".into()], reason, String::new()));
        }
    };
    let missing: Vec<String> =
        exports.iter().filter(|name| !found.iter().any(|f| f == *name)).map(|name| format!("export {name}")).collect();
    if missing.is_empty() {
        return Ok(unchanged(path, file));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let reason = format!("it is your own file and lacks {}", missing.join(", "));
    let lines = format!("// move it aside (to {name}.old), then run init again to get convex-authjs's version");
    Ok(manual(path, file, missing, reason, lines))
}

/// A file the user may already have (`schema`, `http`, `auth.config`, as `.ts` or `.js`):
/// created when missing, else read and our part inserted.
fn merged(
    root: &Path,
    dir: &Path,
    stem: &str,
    text: String,
    judge: fn(&str, &oxc_ast::ast::Program) -> Verdict,
) -> Result<FilePlan, InitError> {
    let existing = ["ts", "js"].iter().map(|ext| dir.join(format!("{stem}.{ext}"))).find(|p| root.join(p).is_file());
    let Some(path) = existing else {
        let path = dir.join(format!("{stem}.ts"));
        let file = read(root, &path)?;
        return Ok(create(path, file, text));
    };
    let file = read(root, &path)?;
    let verdict = match source::parse(&path, &file.text, |program| judge(&file.text, program)) {
        Ok(verdict) => verdict,
        Err(e) => {
            let reason = format!("it does not parse ({e}), so we cannot tell what it has");
            return Ok(manual(path, file, vec!["a file that parses".into()], reason, String::new()));
        }
    };
    match verdict {
        Verdict::Present => Ok(unchanged(path, file)),
        Verdict::Manual { missing, reason, lines } => Ok(manual(path, file, missing, reason, lines)),
        Verdict::Insert { inserts, missing } => {
            let after = source::insert(&file.text, &inserts);
            // Parse the result again: it must be valid, and it must now have our part.
            match source::parse(&path, &after, |program| judge(&after, program)) {
                Ok(Verdict::Present) => {}
                Ok(_) => return Err(InitError::OurEditBroke { path, why: "our part is still missing".into() }),
                Err(e) => return Err(InitError::OurEditBroke { path, why: e.to_string() }),
            }
            Ok(FilePlan { path, action: Action::Update, missing, manual: None, file, after: Some(after), inserts })
        }
    }
}

/// The client provider: the project's own `ConvexClientProvider.tsx` when it has one (kept when
/// it already passes the session to Convex), else ours beside the adapter.
fn client_provider(layout: &Layout) -> Result<FilePlan, InitError> {
    let name = "ConvexClientProvider.tsx";
    let theirs = std::iter::once(layout.app.as_path())
        .chain(PROVIDER_DIRS.iter().map(Path::new))
        .map(|dir| dir.join(name))
        .find(|p| layout.root.join(p).is_file());
    let Some(path) = theirs else {
        let path = layout.app.join(name);
        let file = read(&layout.root, &path)?;
        return Ok(create(path, file, templates::CLIENT_PROVIDER.into()));
    };
    let file = read(&layout.root, &path)?;
    let has = source::parse(&path, &file.text, |program| {
        ["ConvexProviderWithAuth", "SessionProvider"].map(|n| source::imports_name(program, n))
    })
    .unwrap_or([false, false]);
    if has == [true, true] {
        return Ok(unchanged(path, file));
    }
    let lines = "// use Convex with the Auth.js session: in place of <ConvexProvider client={convex}>,\n<SessionProvider session={session}>\n  <ConvexProviderWithAuth client={convex} useAuth={useAuth}>\n    {children}\n  </ConvexProviderWithAuth>\n</SessionProvider>\n// with useAuth as in `convex-authjs init`'s ConvexClientProvider.tsx".to_string();
    let reason = "it is your own provider; it does not pass the Auth.js session to Convex yet".to_string();
    Ok(manual(path, file, vec!["ConvexProviderWithAuth inside SessionProvider".into()], reason, lines))
}

/// `auth.ts`: created when missing; the user's own is never edited, only checked.
fn auth(layout: &Layout) -> Result<FilePlan, InitError> {
    let path = layout.auth.clone();
    let from = path.parent().unwrap_or(Path::new(""));
    let adapter = layout.import_path(from, &layout.app.join("ConvexAdapter"));
    let token = layout.import_path(from, &layout.app.join("convexToken"));
    let file = read(&layout.root, &path)?;
    if !file.exists {
        return Ok(create(path, file, templates::auth(&adapter, &token)));
    }
    let has = source::parse(&path, &file.text, |program| {
        ["ConvexAdapter", "signConvexToken"].map(|n| source::imports_name(program, n))
    })
    .unwrap_or([false, false]);
    if has == [true, true] {
        return Ok(unchanged(path, file));
    }
    let missing = ["adapter: ConvexAdapter", "a session callback that calls signConvexToken"]
        .iter()
        .zip(has)
        .filter(|(_, present)| !present)
        .map(|(what, _)| what.to_string())
        .collect();
    let reason = "it is your Auth.js config, which init never edits".to_string();
    Ok(manual(path, file, missing, reason, templates::auth_lines(&adapter, &token)))
}

/// What is missing, said briefly: `tables users, sessions; route /.well-known/jwks.json`.
pub fn describe(missing: &[String]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for item in missing {
        let (kind, name) = item.split_once(' ').unwrap_or(("", item));
        match groups.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, names)) if matches!(kind, "table" | "route" | "export") => names.push(name),
            _ => groups.push((kind, vec![name])),
        }
    }
    let group = |(kind, names): &(&str, Vec<&str>)| {
        let plural = if names.len() > 1 { "s" } else { "" };
        if matches!(*kind, "table" | "route" | "export") {
            format!("{kind}{plural} {}", names.join(", "))
        } else {
            names.iter().map(|n| format!("{kind} {n}")).collect::<Vec<_>>().join(", ")
        }
    };
    groups.iter().map(group).collect::<Vec<_>>().join("; ")
}

/// Auth.js's endpoints (sign-in, callbacks, session) as an App Router route, when the app has
/// none: without it no one can sign in.
fn auth_route(layout: &Layout) -> Result<FilePlan, InitError> {
    let dir = layout.app.join("api/auth/[...nextauth]");
    let pages = Path::new(if layout.app.starts_with("src") { "src/pages" } else { "pages" }).join("api/auth");
    let existing = ["ts", "js"]
        .iter()
        .flat_map(|ext| [dir.join(format!("route.{ext}")), pages.join(format!("[...nextauth].{ext}"))])
        .find(|p| layout.root.join(p).is_file());
    if let Some(path) = existing {
        let file = read(&layout.root, &path)?;
        return Ok(unchanged(path, file));
    }
    let path = dir.join("route.ts");
    let auth = layout.import_path(&dir, &layout.auth.with_extension(""));
    let file = read(&layout.root, &path)?;
    Ok(create(path, file, templates::auth_route(&auth)))
}

/// Writes every `create` and `update`, each atomically. A file that changed since the plan was
/// made is not overwritten ([`FileError::Changed`]).
pub fn apply(plan: &Plan) -> Result<Vec<PathBuf>, InitError> {
    let mut written = Vec::new();
    for file in plan.changes() {
        let full = plan.layout.root.join(&file.path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| FileError::Unwritable(full.clone(), e))?;
        }
        let text = file.after.as_deref().unwrap_or_default();
        file.file.write(text, false)?;
        if file.action == Action::Create {
            readable(&full);
        }
        written.push(file.path.clone());
    }
    Ok(written)
}

/// A new source file is readable by everyone, as an editor would create it (the atomic write
/// starts every file private, as the env file must be).
fn readable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}
