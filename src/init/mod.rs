//! `init`'s domain: the adapter's code, planned file by file against what the project has, then
//! written. A file we would create is created; a file the user has is read with a parser and
//! our part inserted into it when we understand its shape; otherwise it is left alone and the
//! plan says what to add by hand. Nothing of the user's is removed or reordered.
//!
//! The plan is also what doctor's code checks read: a file whose plan is not `unchanged` is
//! missing what the plan names.

mod app_files;
mod auth_config;
mod diff;
mod edit;
mod file_plan;
mod found;
pub mod layout;
mod package_manager;
mod quickstart;
mod root_layout;
mod router;
mod schema;
mod session_callback;
pub mod sign_in;
mod source;
mod style;
pub mod templates;
mod verdict;
pub mod versions;
mod workspace;

use std::path::{Path, PathBuf};

pub use layout::{Layout, LayoutError, convex_folder, slashed};
pub use package_manager::PackageManager;
use sign_in::SignIn;
use verdict::Verdict;
use versions::{Found, Version};

pub use file_plan::{FileAction, FilePlan, InitError, Manual, Missing, describe};
use file_plan::{create, manual, read, unchanged, unparsable};

use crate::text_file::{Access, FileError};

#[derive(Debug)]
pub struct CodePlan {
    pub layout: Layout,
    pub files: Vec<FilePlan>,
    /// The packages the code imports that package.json lacks, or has too old.
    pub packages: Vec<&'static str>,
    /// Those it has too old: the name and what was found.
    pub outdated: Vec<(&'static str, Found)>,
    /// Those package.json lists at a good version that are not installed (no `node_modules`).
    pub uninstalled: Vec<&'static str>,
    /// The versions found of those the code needs, with where they were read.
    pub found: Vec<(&'static str, Found)>,
    /// The sign-in providers asked for with `--provider`.
    pub sign_in: Vec<SignIn>,
    /// The project's Auth.js config lists no provider (`providers: []`): no one can sign in.
    pub no_providers: bool,
    /// Which of `files` plays which part on the app's side.
    pub app_files: AppFiles,
}

/// The app's files that carry the session from Auth.js to Convex, each a path of the plan.
#[derive(Debug, Clone)]
pub struct AppFiles {
    /// The client provider (ours, or the user's found by what it renders).
    pub provider: PathBuf,
    /// The root layout or `_app` that init wires to ours, when it does.
    pub root_file: Option<PathBuf>,
    /// The file of the app that renders the provider (or will, once the plan is written): the
    /// one that imports it, the root file init wires, or the provider itself where it is the
    /// root file (`pages/_app.tsx` rendering Convex's provider inline).
    pub rendered_by: Option<PathBuf>,
    /// Auth.js's route handler.
    pub route: PathBuf,
}

impl CodePlan {
    /// The command that installs the missing packages.
    pub fn install(&self) -> Option<Vec<String>> {
        (!self.packages.is_empty()).then(|| self.layout.package_manager.install_command(&self.packages))
    }

    pub fn changes(&self) -> impl Iterator<Item = &FilePlan> {
        self.files.iter().filter(|f| f.action.writes())
    }

    /// The plan for the file at `path`.
    pub fn file(&self, path: &Path) -> Option<&FilePlan> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// Packages the written code imports, as the package manager should add them: at the versions
/// it is proved with (tests/adapter), never a dist-tag, which moves and which some registries
/// lack (Auth.js v5 is published as pre-releases only; jose 6's key types; convex's `v.record`).
const PACKAGES: [(&str, &str); 3] =
    [("convex", "convex@^1.48.0"), ("next-auth", "next-auth@5.0.0-beta.32"), ("jose", "jose@^6")];

/// The oldest release of each that the written code typechecks with: convex's types have
/// `v.record` from 1.16.0 (read in each release's `values/validator.d.ts`: 1.13 to 1.15 have it
/// commented out); jose 6 types keys as `CryptoKey` (jose 5's `KeyLike` is TS2739); next-auth
/// 5.0.0-beta.18, whose @auth/core 0.31 lets an authenticator's `transports` be null (with
/// beta.17, the setup guide's template's, @auth/core 0.30 says `string | undefined`: TS2322;
/// tsc run against beta.17, 18, 19, 20, 25 and 29).
const OLDEST: [(&str, Version); 3] =
    [("convex", Version::new(1, 16, 0)), ("next-auth", Version::beta(5, 0, 0, 18)), ("jose", Version::new(6, 0, 0))];

/// What upgrading each means for the app's own code, said beside the install line.
pub const UPGRADES: [(&str, &str); 3] = [
    (
        "next-auth",
        "the code is proved with 5.0.0-beta.32; check your own callbacks and providers against the betas' notes (github.com/nextauthjs/next-auth/releases)",
    ),
    ("convex", "later 1.x releases keep the API your functions use; `npx convex dev` regenerates convex/_generated"),
    ("jose", "jose 6 has no KeyLike type (keys are CryptoKey): code of yours that names KeyLike takes CryptoKey"),
];

/// The module of the Convex folder that holds the adapter's functions.
pub const ADAPTER_MODULE: &str = "authAdapter";

/// Auth libraries whose setup an Auth.js adapter would break, by the package the app lists.
const OTHER_AUTH: [(&str, &str, &str); 2] = [
    (
        "@convex-dev/auth",
        "Convex Auth",
        "serves its own key from the deployment's JWKS and its own /.well-known routes",
    ),
    (
        "@convex-dev/better-auth",
        "Better Auth's Convex component",
        "serves its own /.well-known routes and its own api/auth route",
    ),
];

/// What init is asked besides the project: the sign-in providers (`--provider`) and the
/// Convex folder (`--convex-dir`), when not the project's own.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ask<'a> {
    pub sign_in: &'a [SignIn],
    pub convex_dir: Option<&'a Path>,
}

pub fn plan(root: &Path, ask: Ask) -> Result<CodePlan, InitError> {
    let sign_in = ask.sign_in;
    // Another auth library is the first thing to say: no flag makes the adapter fit beside it.
    let dependencies = layout::dependencies(root);
    if let Some((_, library, why)) = OTHER_AUTH.iter().find(|(package, ..)| dependencies.contains_key(*package)) {
        return Err(InitError::OtherAuth { library, why });
    }
    let layout = Layout::read(root, ask.convex_dir)?;
    // The versions the app has of the packages the code needs, each read once.
    let found: Vec<(&'static str, Version, Found)> = OLDEST
        .iter()
        .filter_map(|(name, oldest)| {
            Some((*name, *oldest, versions::found(root, name, Some(layout.dependencies.get(*name)?))?))
        })
        .collect();
    let outdated: Vec<(&'static str, Found)> = found
        .iter()
        .filter(|(_, oldest, found)| found.version < *oldest)
        .map(|(name, _, found)| (*name, found.clone()))
        .collect();
    // Auth.js v5 code in a next-auth 4 app would not build: upgrading is the user's to decide.
    // An older v5 beta is upgraded to the one the code is proved with.
    if let Some((_, found)) = outdated.iter().find(|(name, found)| *name == "next-auth" && found.version.major < 5) {
        return Err(InitError::NextAuth4 { found: found.version.to_string(), from: found.from });
    }
    let uninstalled = found
        .iter()
        .filter(|(_, oldest, found)| found.version >= *oldest && found.from != versions::INSTALLED)
        .map(|(name, ..)| *name)
        .collect();
    let packages = PACKAGES
        .iter()
        .filter(|(name, _)| !layout.dependencies.contains_key(*name) || outdated.iter().any(|(old, _)| old == name))
        .map(|(_, spec)| *spec)
        .collect();
    // The convex the app will have once the install line ran: ours when it lacks one or has
    // one too old, else its own.
    let convex = found.iter().find(|(name, ..)| *name == "convex").map(|(.., found)| found);
    let upgraded = !layout.dependencies.contains_key("convex") || outdated.iter().any(|(name, _)| *name == "convex");
    let explicit_table_ids = upgraded || convex.is_none_or(|found| found.version >= templates::EXPLICIT_TABLE_IDS);
    let app = &layout.app;
    let convex_files = convex_plan(root, &layout.convex, ADAPTER_MODULE, explicit_table_ids)?;
    // The tables file only for a module that imports it: a schema that keeps its own tables
    // beside an adapter of the user's (the setup guide's) has no use for a new one.
    let unused_tables = convex_files.tables.action == FileAction::Create
        && ![&convex_files.schema, &convex_files.adapter].iter().any(|f| imports_module(f, "authTables"));
    let tables = convex_files.tables.path.clone();
    let mut files = Vec::from(convex_files.into_files());
    files.retain(|f| !(unused_tables && f.path == tables));
    let to_convex = layout.import_path(app, &layout.convex);
    files.push(owned(root, app.join("ConvexAdapter.ts"), templates::convex_adapter(&to_convex), &["ConvexAdapter"])?);
    files.push(owned(root, app.join("convexToken.ts"), templates::CONVEX_TOKEN.into(), &["signConvexToken"])?);
    let provider = app_files::client_provider(&layout)?;
    // Ours, where the root layout (or the Pages Router's `_app`) can render it: wired in,
    // unless another file renders it already (the setup guide's `app/loggedin/layout.tsx`): a
    // second provider around the same pages would be a second client.
    let ours = layout.app.join("ConvexClientProvider.tsx");
    let importer = found::importer(root, &layout.sources, &provider.path);
    let root_file = match &importer {
        Some(by) if !is_root_file(by) => None,
        _ if provider.path == ours && provider.action != FileAction::Manual => wiring(root, &layout, &ours)?,
        _ => None,
    };
    let wired = root_file.as_ref().filter(|f| f.action != FileAction::Manual).map(|f| f.path.clone());
    let inline = is_root_file(&provider.path).then(|| provider.path.clone());
    let (auth, no_providers) = app_files::auth(&layout, sign_in)?;
    let route = app_files::auth_route(&layout)?;
    let app_files = AppFiles {
        provider: provider.path.clone(),
        root_file: root_file.as_ref().map(|f| f.path.clone()),
        rendered_by: importer.or(wired).or(inline),
        route: route.path.clone(),
    };
    files.push(provider);
    files.extend(root_file);
    files.extend([auth, route]);
    refuse_outside(root, &layout, &files)?;
    // The files we write whole, in the project's quotes, semicolons and indentation; each must
    // parse as what it is: a path of the project's that slipped into one as text can never
    // make it something else.
    let style = style::Style::of_project(root, &layout.sources);
    for file in files.iter_mut().filter(|f| f.action.whole_file()) {
        let text = style.restyle(&file.path, file.after.as_deref().unwrap_or_default());
        if let Err(e) = source::parse(&file.path, &text, |_| ()) {
            return Err(InitError::OurEditBroke { path: file.path.clone(), why: e.to_string() });
        }
        file.after = Some(text);
    }
    let found = found.into_iter().map(|(name, _, found)| (name, found)).collect();
    Ok(CodePlan {
        layout,
        files,
        packages,
        outdated,
        uninstalled,
        found,
        sign_in: sign_in.to_vec(),
        no_providers,
        app_files,
    })
}

/// Whether the file, as the plan leaves it, imports the module of ours named `stem` (`./authTables`).
fn imports_module(file: &FilePlan, stem: &str) -> bool {
    let text = file.after.as_deref().unwrap_or(&file.file.text);
    text.contains(stem)
        && source::parse(&file.path, text, |program| {
            source::imports(program).iter().any(|i| i.source.rsplit('/').next() == Some(stem))
        })
        .unwrap_or(false)
}

/// Whether `path` is a file that renders every page: a root layout or the Pages Router's `_app`.
fn is_root_file(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str());
    let parent = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
    matches!((stem, parent), (Some("layout"), Some("app")) | (Some("_app"), Some("pages")))
}

/// The file that renders every page, wired to our provider: the App Router's root layout (when
/// it has one), or the Pages Router's `_app` (created when it has none, as Next.js's default).
fn wiring(root: &Path, layout: &Layout, ours: &Path) -> Result<Option<FilePlan>, InitError> {
    let extensions = ["tsx", "jsx", "js"];
    let (dir, stem, kind) = if layout.app_router {
        (layout.app.clone(), "layout", root_layout::Root::Layout)
    } else {
        (layout.app.with_file_name("pages"), "_app", root_layout::Root::App)
    };
    let import = layout.import_path(&dir, &ours.with_extension(""));
    let judge = |text: &str, program: &oxc_ast::ast::Program| root_layout::read(text, program, &import, kind);
    match layout::first_file(root, extensions.map(|ext| dir.join(format!("{stem}.{ext}")))) {
        Some(path) => Ok(Some(judged(root, path, &judge)?)),
        None if kind == root_layout::Root::App => {
            let path = dir.join("_app.tsx");
            let file = read(root, &path)?;
            Ok(Some(create(path, file, templates::pages_app(&import))))
        }
        None => Ok(None),
    }
}

/// Refuses a plan that would write anywhere but inside the project (or the Convex folder of
/// another package that `--convex-dir` named): a linked `convex/` folder, a `functions` path
/// through a linked folder, a `schema.ts` that links to a file elsewhere. A cloned repository
/// could aim any of them at another project.
fn refuse_outside(root: &Path, layout: &Layout, files: &[FilePlan]) -> Result<(), InitError> {
    let project = std::fs::canonicalize(root).map_err(|e| FileError::Unreadable(root.to_path_buf(), e))?;
    let named = layout.convex_package.as_ref().and_then(|_| std::fs::canonicalize(root.join(&layout.convex)).ok());
    for file in files.iter().filter(|f| f.action.writes()) {
        let real = real_location(&root.join(&file.path));
        if !real.starts_with(&project) && !named.as_ref().is_some_and(|convex| real.starts_with(convex)) {
            return Err(InitError::OutsideProject { path: file.path.clone(), real });
        }
    }
    Ok(())
}

/// Where writing `path` would land once every link is followed: the deepest part that exists,
/// resolved, with the rest after it.
fn real_location(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |at, part| at.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The plan for the Convex folder alone, file by file. Doctor reads it too.
#[derive(Debug)]
pub struct ConvexPlan {
    /// `authTables.ts`: the tables, imported by the schema.
    pub tables: FilePlan,
    pub schema: FilePlan,
    /// The adapter's functions, in `<adapter_module>.ts`.
    pub adapter: FilePlan,
    /// `http.ts`, with the `/.well-known` routes.
    pub routes: FilePlan,
    /// `auth.config.ts`, with the provider for this app's tokens.
    pub provider: FilePlan,
}

impl ConvexPlan {
    pub fn into_files(self) -> [FilePlan; 5] {
        [self.tables, self.schema, self.adapter, self.routes, self.provider]
    }
}

pub fn convex_plan(
    root: &Path,
    convex: &Path,
    adapter_module: &str,
    explicit_table_ids: bool,
) -> Result<ConvexPlan, InitError> {
    Ok(ConvexPlan {
        tables: owned(root, convex.join("authTables.ts"), templates::AUTH_TABLES.into(), &["authTables"])?,
        schema: merged(root, convex, "schema", schema_template(root, convex), schema::read)?,
        adapter: owned(
            root,
            convex.join(format!("{adapter_module}.ts")),
            templates::auth_adapter(explicit_table_ids),
            &templates::ADAPTER_FUNCTIONS,
        )?,
        routes: merged(root, convex, "http", templates::http(), router::read)?,
        provider: merged(root, convex, "auth.config", templates::auth_config(), auth_config::read)?,
    })
}

/// The schema we create. In a Convex folder that already has functions of its own (and so
/// tables no schema names), the table names stay loose as they were: a schema naming only
/// Auth.js's tables would make every other table's queries fail to typecheck.
fn schema_template(root: &Path, convex: &Path) -> String {
    let ours = ["authTables", "authAdapter", "http", "auth.config", "crons"];
    let has_functions = std::fs::read_dir(root.join(convex)).into_iter().flatten().flatten().any(|entry| {
        let path = entry.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let source = path.extension().and_then(|e| e.to_str()).is_some_and(|e| ["ts", "js"].contains(&e));
        path.is_file() && source && !ours.contains(&stem) && !stem.ends_with(".d")
    });
    if has_functions {
        templates::SCHEMA.replace("  ...authTables,\n});", "  ...authTables,\n}, { strictTableNameTypes: false });")
    } else {
        templates::SCHEMA.into()
    }
}

/// A file that is wholly ours: created when missing; when there, it counts as present if it
/// exports what ours exports, and is never rewritten.
fn owned(root: &Path, path: PathBuf, text: String, exports: &[&'static str]) -> Result<FilePlan, InitError> {
    let file = read(root, &path)?;
    if !file.exists {
        return Ok(create(path, file, text));
    }
    let found = match source::parse(&path, &file.text, source::exported_names) {
        Ok(found) => found,
        Err(e) => return Ok(unparsable(path, file, e)),
    };
    let missing: Vec<Missing> =
        exports.iter().filter(|name| !found.iter().any(|f| f == *name)).map(|name| Missing::Export(name)).collect();
    if missing.is_empty() {
        return Ok(unchanged(path, file));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let reason = format!("it is your own file and lacks {}", describe(&missing));
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
    let existing = layout::first_file(root, ["ts", "js"].map(|ext| dir.join(format!("{stem}.{ext}"))));
    let Some(path) = existing else {
        let path = dir.join(format!("{stem}.ts"));
        let file = read(root, &path)?;
        return Ok(create(path, file, text));
    };
    judged(root, path, &judge)
}

/// A file of the user's, as `judge` reads it: unchanged, updated by insertion (the result
/// parsed and judged again: it must now have our part), or left to the user.
fn judged(
    root: &Path,
    path: PathBuf,
    judge: &(dyn Fn(&str, &oxc_ast::ast::Program) -> Verdict + Sync),
) -> Result<FilePlan, InitError> {
    let file = read(root, &path)?;
    let verdict = match source::parse(&path, &file.text, |program| judge(&file.text, program)) {
        Ok(verdict) => verdict,
        Err(e) => return Ok(unparsable(path, file, e)),
    };
    match verdict {
        Verdict::Present => Ok(unchanged(path, file)),
        Verdict::Manual { missing, reason, lines } => Ok(manual(path, file, missing, reason, lines)),
        Verdict::Insert { inserts, missing } => {
            let inserts = if style::trailing_commas_in(root) {
                inserts
            } else {
                edit::without_trailing_commas(&file.text, inserts)
            };
            let after = edit::insert(&file.text, &inserts);
            match source::parse(&path, &after, |program| judge(&after, program)) {
                Ok(Verdict::Present) => {}
                Ok(_) => return Err(InitError::OurEditBroke { path, why: "our part is still missing".into() }),
                Err(e) => return Err(InitError::OurEditBroke { path, why: e.to_string() }),
            }
            Ok(FilePlan { path, action: FileAction::Update, missing, manual: None, file, after: Some(after), inserts })
        }
    }
}

/// Writes every `create` and `update`, each atomically. A file that changed since the plan was
/// made is not overwritten ([`FileError::Changed`]).
/// A failure part of the way through: `written` are the files already in place.
#[derive(Debug)]
pub struct PartlyWritten {
    pub written: Vec<PathBuf>,
    pub error: InitError,
}

pub fn apply(plan: &CodePlan) -> Result<Vec<PathBuf>, PartlyWritten> {
    let mut written = Vec::new();
    for file in plan.changes() {
        let full = plan.layout.root.join(&file.path);
        let text = file.after.as_deref().unwrap_or_default();
        let wrote = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| FileError::Unwritable(full.clone(), e))
            .and_then(|()| file.file.write(text, false, Access::Shared));
        if let Err(e) = wrote {
            return Err(PartlyWritten { written, error: e.into() });
        }
        written.push(file.path.clone());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_missing_reads_briefly() {
        let missing = [
            Missing::Table("users"),
            Missing::Table("sessions"),
            Missing::Route("/a"),
            Missing::Other("x"),
            Missing::Other("y"),
        ];
        assert_eq!(describe(&missing), "tables users, sessions; route /a; x; y");
    }
}
