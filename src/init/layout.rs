//! Where a project keeps things, read from the project itself: `convex.json` names the Convex
//! folder, the App Router (`app/`, `src/app/`) or the Pages router (`pages/`) says where the
//! app's own modules go, `tsconfig.json` gives the `@/` alias. The package manager is `package_manager.rs`'s; a
//! workspace and its other packages are `workspace.rs`'s.

use std::path::{Component, Path, PathBuf};

use super::package_manager::{PackageManager, package_manager};
use super::workspace::{already_imported, convex_in_workspace, module_of, named_convex, workspace_root};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    #[error("{} has no tsconfig.json: init writes TypeScript, and this project does not use it", .0.display())]
    NoTypeScript(PathBuf),
    #[error("{} has no app/, src/app/, pages/ or src/pages/ folder, so it is not a Next.js app we know", .0.display())]
    NoNextApp(PathBuf),
    #[error("{}'s package.json does not list next, so it is not a Next.js app", .0.display())]
    NotNext(PathBuf),
    #[error("this app has no Convex folder, and its workspace keeps its Convex code in {}: init writes into one package, and a new convex/ here would be used by nothing", .0.display())]
    ConvexElsewhere(PathBuf),
    #[error("convex.json's \"functions\" is {0:?}, which is not a folder inside the project")]
    BadFunctions(String),
    #[error("--convex-dir {}: {why}", .dir.display())]
    ConvexDir { dir: PathBuf, why: String },
    #[error("cannot read {}: {message}", path.display())]
    Unreadable { path: PathBuf, message: String },
}

/// Paths are relative to the project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub root: PathBuf,
    /// The Convex functions folder (`convex`, or convex.json's `functions`; `--convex-dir`'s,
    /// which may be in another package of the workspace: `../../packages/backend/convex`).
    pub convex: PathBuf,
    /// How the app imports the Convex folder when it is in another package of the workspace:
    /// through that package's name (`@repo/backend/convex`).
    pub convex_package: Option<String>,
    /// Where `ConvexAdapter.ts`, `convexToken.ts` and the client provider go: the App Router's
    /// folder, or `lib/` beside the Pages router's `pages/`.
    pub app: PathBuf,
    pub app_router: bool,
    /// Where `auth.ts` is, or goes.
    pub auth: PathBuf,
    /// The folder `@/` stands for, when tsconfig.json maps `@/*` to one.
    pub alias: Option<PathBuf>,
    pub package_manager: PackageManager,
    /// The app's own source files, listed once and each read at most once for what init looks for.
    pub sources: crate::source_files::Sources,
    /// The packages package.json lists (dependencies and devDependencies), each with what it
    /// asks for (a range, a tag, a URL).
    pub dependencies: std::collections::BTreeMap<String, String>,
}

const AUTH_FILES: [&str; 4] = ["auth.ts", "auth.js", "auth.tsx", "auth.mjs"];

impl Layout {
    /// The app at `root`; `convex_dir` is `--convex-dir`, relative to it.
    pub fn read(root: &Path, convex_dir: Option<&Path>) -> Result<Layout, LayoutError> {
        let package = read_json(&root.join("package.json"))?.unwrap_or_default();
        let dependencies = dependencies_of(&package);
        // A Next.js app is one that depends on `next`: a Vite app has `src/pages` too.
        if !dependencies.contains_key("next") {
            return Err(LayoutError::NotNext(root.into()));
        }
        let tsconfig = read_json(&root.join("tsconfig.json"))?.ok_or_else(|| LayoutError::NoTypeScript(root.into()))?;
        let workspace = workspace_root(root);
        let (convex, convex_package) = match convex_dir {
            Some(dir) => named_convex(root, dir, workspace.as_deref(), &dependencies)?,
            None => (convex_folder(root)?, None),
        };
        // A workspace's app whose Convex code is in another package of it: a new folder here
        // would be used by nothing.
        if !root.join(&convex).is_dir()
            && let Some(elsewhere) = workspace.as_deref().and_then(|w| convex_in_workspace(w, root))
        {
            return Err(LayoutError::ConvexElsewhere(elsewhere));
        }
        let exists = |p: &str| root.join(p).is_dir();
        // An `app/` folder of route handlers alone (Auth.js's, which init adds to a Pages
        // Router app) does not make it an App Router app: its pages do.
        let pages_of = |dir: &str| {
            ["layout", "page"].iter().any(|stem| {
                ["tsx", "jsx", "js", "ts"].iter().any(|ext| root.join(dir).join(format!("{stem}.{ext}")).is_file())
            })
        };
        let pages_router = exists("pages") || exists("src/pages");
        let app = if exists("app") && (pages_of("app") || !pages_router) {
            PathBuf::from("app")
        } else if exists("src/app") && (pages_of("src/app") || !pages_router) {
            PathBuf::from("src/app")
        } else if exists("pages") {
            PathBuf::from("lib")
        } else if exists("src/pages") {
            PathBuf::from("src/lib")
        } else {
            return Err(LayoutError::NoNextApp(root.into()));
        };
        let under_src = app.starts_with("src");
        let app_router = app.ends_with("app");
        let auth_dirs: &[&str] = if under_src { &["src", ""] } else { &["", "src"] };
        let candidates = auth_dirs.iter().flat_map(|dir| AUTH_FILES.iter().map(move |f| Path::new(dir).join(f)));
        let sources = crate::source_files::Sources::of(root);
        // How the app already imports the other package's Convex code, when it does (a paths
        // entry or an exports map may hide the folder): the same way.
        let convex_package = convex_package.map(|import| already_imported(&sources, &import).unwrap_or(import));
        // An Auth.js config elsewhere (`lib/auth.ts`, `src/server/auth.ts`) is found by what it
        // does, so that no second one is made beside it.
        let auth = first_file(root, candidates)
            .or_else(|| super::found::auth_config(root, &sources))
            .unwrap_or_else(|| Path::new(if under_src { "src" } else { "" }).join("auth.ts"));
        Ok(Layout {
            root: root.into(),
            convex,
            convex_package,
            app,
            app_router,
            auth,
            alias: alias(&tsconfig),
            package_manager: package_manager(root, &package, workspace.as_deref()),
            sources,
            dependencies,
        })
    }

    /// How a file in `from` imports the module at `to` (both relative to the project, `to`
    /// without its extension): by the `@/` alias when it covers `to`, else relatively.
    pub fn import_path(&self, from: &Path, to: &Path) -> String {
        // The Convex folder of another package, through its name: a path out of this package
        // would not resolve once it is installed, nor in the build of this app alone.
        if let (Some(package), Ok(rest)) = (&self.convex_package, to.strip_prefix(&self.convex)) {
            return module_of(package, rest);
        }
        if let Some(rest) = self.alias.as_ref().and_then(|alias| to.strip_prefix(alias).ok()) {
            return format!("@/{}", slashed(rest));
        }
        relative(from, to)
    }
}

/// The packages package.json lists, each with what it asks for. A name in both: the
/// dependencies' range, the one the app runs with.
fn dependencies_of(package: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    ["devDependencies", "dependencies"]
        .iter()
        .filter_map(|k| package.get(k).and_then(|d| d.as_object()))
        .flat_map(|d| d.iter().map(|(name, range)| (name.clone(), range.as_str().unwrap_or("").to_string())))
        .collect()
}

/// The packages the app at `root` lists (none where package.json cannot be read).
pub fn dependencies(root: &Path) -> std::collections::BTreeMap<String, String> {
    read_json(&root.join("package.json")).ok().flatten().map(|p| dependencies_of(&p)).unwrap_or_default()
}

/// The first of `candidates` (relative to `root`) that is a file.
pub fn first_file(root: &Path, candidates: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
    candidates.into_iter().find(|p| root.join(p).is_file())
}

/// The Convex functions folder: convex.json's `functions`, else `convex`.
pub fn convex_folder(root: &Path) -> Result<PathBuf, LayoutError> {
    let Some(config) = read_json(&root.join("convex.json"))? else { return Ok("convex".into()) };
    let Some(functions) = config.get("functions").and_then(|f| f.as_str()) else { return Ok("convex".into()) };
    let folder = PathBuf::from(functions.trim_start_matches("./").trim_end_matches('/'));
    let inside = plain_folder(&folder) && folder.components().count() > 0;
    if !inside {
        return Err(LayoutError::BadFunctions(functions.into()));
    }
    Ok(folder)
}

/// `compilerOptions.paths["@/*"]`'s first target, as a folder of the project.
fn alias(tsconfig: &serde_json::Value) -> Option<PathBuf> {
    let target = tsconfig.pointer("/compilerOptions/paths/@~1*/0")?.as_str()?;
    let base = tsconfig.pointer("/compilerOptions/baseUrl").and_then(|b| b.as_str()).unwrap_or(".");
    let folder = Path::new(base).join(target.strip_suffix("/*")?);
    let folder: PathBuf = folder.components().filter(|c| !matches!(c, Component::CurDir)).collect();
    plain_folder(&folder).then_some(folder)
}

/// A folder inside the project whose name can stand in an import's string as it is: each part
/// plain (not `..`, not absolute) and made of letters, digits and `._@+-` alone. A quote or a
/// backslash from convex.json or tsconfig.json would otherwise become code in the files we
/// write.
pub(super) fn plain_folder(folder: &Path) -> bool {
    folder.components().all(|c| match c {
        Component::Normal(part) => {
            part.to_str().is_some_and(|p| p.chars().all(|ch| ch.is_alphanumeric() || "._@+-".contains(ch)))
        }
        _ => false,
    })
}

/// A JSON file that may have comments and trailing commas, as tsconfig.json may; `None` when
/// the file is not there.
pub(super) fn read_json(path: &Path) -> Result<Option<serde_json::Value>, LayoutError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LayoutError::Unreadable { path: path.into(), message: e.to_string() }),
    };
    jsonc(&text).map(Some).map_err(|e| LayoutError::Unreadable { path: path.into(), message: format!("not JSON: {e}") })
}

/// tsconfig's dialect: JSON with comments and trailing commas, nothing looser.
fn jsonc(text: &str) -> Result<serde_json::Value, jsonc_parser::errors::ParseError> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    jsonc_parser::parse_to_serde_value(text, &options)
}

/// `a/b/c`, the same on every platform: how paths are shown and imported.
pub fn slashed(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `to` as a relative import from the folder `from` (`./x`, `../convex/x`).
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let ups = from.len() - common;
    let rest: Vec<String> = to_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let head = if ups == 0 { ".".to_string() } else { vec![".."; ups].join("/") };
    format!("{head}/{}", rest.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_use_the_alias_when_it_covers_the_module() {
        let layout = |alias: Option<&str>| Layout {
            root: PathBuf::new(),
            convex: "convex".into(),
            convex_package: None,
            app: "app".into(),
            app_router: true,
            auth: "auth.ts".into(),
            alias: alias.map(PathBuf::from),
            package_manager: PackageManager::Npm,
            sources: Default::default(),
            dependencies: Default::default(),
        };
        let to = Path::new("convex/_generated/api");
        assert_eq!(layout(Some("")).import_path(Path::new("app"), to), "@/convex/_generated/api");
        assert_eq!(layout(Some("src")).import_path(Path::new("src/app"), to), "../../convex/_generated/api");
        assert_eq!(layout(None).import_path(Path::new("app"), to), "../convex/_generated/api");
        assert_eq!(layout(None).import_path(Path::new(""), Path::new("app/ConvexAdapter")), "./app/ConvexAdapter");
        assert_eq!(layout(None).import_path(Path::new("src/lib"), Path::new("src/lib/convexToken")), "./convexToken");
    }

    #[test]
    fn tsconfig_may_have_comments_and_trailing_commas() {
        let text = "{\n // paths\n \"compilerOptions\": { /* x */ \"paths\": { \"@/*\": [\"./src/*\",], }, },\n \"a\": \"// not a comment\" }";
        let value = jsonc(text).unwrap();
        assert_eq!(alias(&value), Some(PathBuf::from("src")));
        assert_eq!(value["a"], "// not a comment");
    }

    #[test]
    fn a_comma_before_a_comment_and_the_closing_brace_is_a_trailing_comma() {
        // TypeScript accepts this; a hand-written reader once kept the comma and refused it.
        let text = "{\"compilerOptions\": {\"strict\": true,\n // \"baseUrl\": \".\"\n }}";
        assert_eq!(jsonc(text).unwrap()["compilerOptions"]["strict"], true);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tsconfig.json"), text).unwrap();
        assert!(read_json(&dir.path().join("tsconfig.json")).unwrap().is_some());
    }

    #[test]
    fn convex_json_names_the_convex_folder_inside_the_project() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(convex_folder(dir.path()), Ok(PathBuf::from("convex")));
        let injected = r#"x\";require(\"child_process\").execSync(\"id\");//"#;
        for (functions, expected) in [
            ("./src/convex/", Ok("src/convex")),
            ("../elsewhere", Err(())),
            ("/abs", Err(())),
            (injected, Err(())),
            ("con vex", Err(())),
            ("back\\\\slash", Err(())),
        ] {
            std::fs::write(dir.path().join("convex.json"), format!("{{\"functions\": \"{functions}\"}}")).unwrap();
            let got = convex_folder(dir.path()).map_err(|_| ());
            assert_eq!(got, expected.map(PathBuf::from), "{functions}");
        }
    }
}
