//! `init`'s domain: the adapter's code, planned file by file against what the project has, then
//! written. A file we would create is created; a file the user has is read with a parser and
//! our part inserted into it when we understand its shape; otherwise it is left alone and the
//! plan says what to add by hand. Nothing of the user's is removed or reordered.
//!
//! The plan is also what doctor's code checks read: a file whose plan is not `unchanged` is
//! missing what the plan names.

mod app_files;
mod auth_config;
mod convex_files;
mod diff;
mod edit;
mod file_plan;
mod found;
pub mod layout;
mod package_manager;
mod packages;
mod planned;
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
mod write;

use std::path::{Path, PathBuf};

pub use layout::{Layout, LayoutError, convex_folder, slashed};
pub use package_manager::PackageManager;
use sign_in::SignIn;
use versions::Found;

pub use convex_files::{ConvexPlan, convex_plan};
pub use file_plan::{FileAction, FilePlan, InitError, Manual, Missing, describe};
pub use packages::UPGRADES;
use planned::owned;
pub use write::{PartlyWritten, apply};

#[derive(Debug)]
pub struct CodePlan {
    pub layout: Layout,
    pub files: Vec<FilePlan>,
    /// The packages the code imports that package.json lacks, or has too old.
    pub packages: Vec<&'static str>,
    /// Those package.json does not list, by name.
    pub absent: Vec<&'static str>,
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

/// The module of the Convex folder that holds the adapter's functions.
pub const ADAPTER_MODULE: &str = "authAdapter";

/// What init is asked besides the project: the sign-in providers (`--provider`) and the
/// Convex folder (`--convex-dir`), when not the project's own.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ask<'a> {
    pub sign_in: &'a [SignIn],
    pub convex_dir: Option<&'a Path>,
}

pub fn plan(root: &Path, ask: Ask) -> Result<CodePlan, InitError> {
    let sign_in = ask.sign_in;
    packages::refuse_other_auth(root)?;
    let layout = Layout::read(root, ask.convex_dir)?;
    let needs = packages::read(root, &layout)?;
    let app = &layout.app;
    let mut files = convex_files::files(root, &layout.convex, needs.explicit_table_ids)?;
    let to_convex = layout.import_path(app, &layout.convex);
    files.push(owned(root, app.join("ConvexAdapter.ts"), templates::convex_adapter(&to_convex), &["ConvexAdapter"])?);
    files.push(owned(root, app.join("convexToken.ts"), templates::CONVEX_TOKEN.into(), &["signConvexToken"])?);
    let provider = app_files::client_provider(&layout)?;
    let (root_file, rendered_by) = app_files::rendering(&layout, &provider)?;
    let (auth, no_providers) = app_files::auth(&layout, sign_in)?;
    let route = app_files::auth_route(&layout)?;
    let app_files = AppFiles {
        provider: provider.path.clone(),
        root_file: root_file.as_ref().map(|f| f.path.clone()),
        rendered_by,
        route: route.path.clone(),
    };
    files.push(provider);
    files.extend(root_file);
    files.extend([auth, route]);
    write::refuse_outside(root, &layout, &files)?;
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
    let packages::Needs { packages, absent, outdated, uninstalled, found, .. } = needs;
    Ok(CodePlan {
        layout,
        files,
        packages,
        absent,
        outdated,
        uninstalled,
        found,
        sign_in: sign_in.to_vec(),
        no_providers,
        app_files,
    })
}
