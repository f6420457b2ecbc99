//! The app's side of the plan: the client provider, `auth.ts` and Auth.js's route handler.
//! The user's own versions are never edited, only read.

use std::path::{Path, PathBuf};

use super::file_plan::{FileAction, FilePlan, InitError, Missing, changed, create, manual, read, unchanged, upgrade};
use super::layout::{Layout, first_file, slashed};
use super::planned::judged;
use super::sign_in::{self, SignIn};
use super::{found, quickstart, root_layout, session_callback, source, templates};

/// Folders a Convex client provider is kept in, besides the app's own folder.
const PROVIDER_DIRS: [&str; 4] = ["components", "src/components", "app", "src/app"];

/// The client provider: the project's own `ConvexClientProvider.tsx` when it has one (kept when
/// it already passes the session to Convex), else ours beside the adapter.
pub fn client_provider(layout: &Layout) -> Result<FilePlan, InitError> {
    let name = "ConvexClientProvider.tsx";
    let dirs = std::iter::once(layout.app.as_path()).chain(PROVIDER_DIRS.iter().map(Path::new));
    // Under another name (`components/providers.tsx`, `pages/_app.tsx`, a layout), found by
    // what it renders: ours beside it would be used by nothing.
    let theirs = first_file(&layout.root, dirs.map(|dir| dir.join(name)))
        .or_else(|| found::client_provider(&layout.root, &layout.sources));
    let Some(path) = theirs else {
        let path = layout.app.join(name);
        let file = read(&layout.root, &path)?;
        return Ok(create(path, file, templates::CLIENT_PROVIDER.into()));
    };
    let file = read(&layout.root, &path)?;
    let (has, quickstart) = source::parse(&path, &file.text, |program| {
        (
            ["ConvexProviderWithAuth", "SessionProvider"].map(|n| source::imports_name(program, n)),
            quickstart::provider_export(program),
        )
    })
    .unwrap_or(([false, false], None));
    if has == [true, true] {
        return Ok(unchanged(path, file));
    }
    if let Some(export) = quickstart {
        let what = "one that passes the Auth.js session to Convex (Convex's quickstart provider, nothing of yours)";
        let named = match &export {
            quickstart::Export::Named(name) => Some(name.as_str()),
            quickstart::Export::Default => None,
        };
        return Ok(upgrade(path, file, templates::client_provider(named), what));
    }
    let reason = "it is your own provider; it does not pass the Auth.js session to Convex yet".to_string();
    let missing = vec![Missing::Other("ConvexProviderWithAuth inside SessionProvider")];
    Ok(manual(path, file, missing, reason, templates::client_provider_lines()))
}

/// `auth.ts`: created when missing (with the `--provider`s asked for); the user's own is never
/// edited, only checked. Also whether the config lists no provider at all.
pub fn auth(layout: &Layout, sign_in: &[SignIn]) -> Result<(FilePlan, bool), InitError> {
    let path = layout.auth.clone();
    let from = path.parent().unwrap_or(Path::new(""));
    let adapter = layout.import_path(from, &layout.app.join("ConvexAdapter"));
    let token = layout.import_path(from, &layout.app.join("convexToken"));
    let file = read(&layout.root, &path)?;
    let (imports, list) = sign_in::config(sign_in);
    if !file.exists {
        let text = templates::auth(&adapter, &token);
        let text = if sign_in.is_empty() {
            text
        } else {
            text.replacen(
                "import NextAuth from \"next-auth\";\n",
                &format!("import NextAuth from \"next-auth\";\n{imports}"),
                1,
            )
            .replacen("providers: [],", &list, 1)
        };
        return Ok((create(path, file, text), false));
    }
    let (has, providers, empty, upgraded) = source::parse(&path, &file.text, |program| {
        let providers: Vec<bool> = sign_in.iter().map(|p| source::imports_name(program, p.import)).collect();
        (
            ["ConvexAdapter", "signConvexToken"].map(|n| source::imports_name(program, n)),
            providers,
            lists_no_provider(program),
            session_callback::upgrade(&path, &file.text, program, &token),
        )
    })
    .unwrap_or(([false, false], vec![false; sign_in.len()], false, None));
    let missing_providers: Vec<SignIn> =
        sign_in.iter().zip(&providers).filter(|(_, has)| !**has).map(|(p, _)| *p).collect();
    if has == [true, true] && missing_providers.is_empty() {
        return Ok((unchanged(path, file), empty));
    }
    // The setup guide's callback, signing by itself: it calls our signer instead.
    if let (Some(after), [true, false], true) = (upgraded, has, missing_providers.is_empty()) {
        let calls = source::parse(&path, &after, |program| source::imports_name(program, "signConvexToken"));
        if calls != Ok(true) || session_callback::still_signs(&path, &after) {
            return Err(InitError::OurEditBroke { path, why: "the session callback still signs by itself".into() });
        }
        let what = "its session callback's own signing with a call to signConvexToken (the setup guide's code, nothing of yours)";
        return Ok((changed(path, file, after, what), empty));
    }
    let mut missing: Vec<Missing> = ["adapter: ConvexAdapter", "a session callback that calls signConvexToken"]
        .into_iter()
        .zip(has)
        .filter(|(_, present)| !present)
        .map(|(what, _)| Missing::Other(what))
        .collect();
    let [has_adapter, has_token] = has;
    let mut lines = if has == [true, true] {
        String::new()
    } else {
        // Only what it lacks: an import it has already would be a second binding of the name.
        templates::auth_lines((!has_adapter).then_some(adapter.as_str()), (!has_token).then_some(token.as_str()))
    };
    if !missing_providers.is_empty() {
        missing.push(Missing::Other("the sign-in providers asked for"));
        let (imports, list) = sign_in::config(&missing_providers);
        let add = format!("{imports}\n// in NextAuth({{ … }}), beside any providers you have:\n  {list}");
        lines = if lines.is_empty() { add } else { format!("{add}\n\n{lines}") };
    }
    // A callback that signs by itself, changed from the setup guide's: what differs is the user's.
    let signs = file.text.contains("new SignJWT") && file.text.contains("CONVEX_AUTH_PRIVATE_KEY");
    let reason = if signs && !has[1] {
        "its session callback signs Convex tokens by itself, with more in it than the setup guide's: \
         put a call to signConvexToken in place of the signing, and keep what is yours"
    } else {
        "it is your Auth.js config, which init edits only where it is the setup guide's"
    };
    Ok((manual(path, file, missing, reason.to_string(), lines), empty))
}

/// Whether the config's `NextAuth({ providers: [] })` lists none.
fn lists_no_provider(program: &oxc_ast::ast::Program) -> bool {
    source::default_import_call_argument(program, "next-auth")
        .and_then(|config| match config {
            oxc_ast::ast::Expression::ObjectExpression(object) => source::property(object, "providers"),
            _ => None,
        })
        .is_some_and(|providers| {
            matches!(providers.get_inner_expression(), oxc_ast::ast::Expression::ArrayExpression(a) if a.elements.is_empty())
        })
}

/// Auth.js's endpoints (sign-in, callbacks, session) as an App Router route, when the app has
/// none: without it no one can sign in.
pub fn auth_route(layout: &Layout) -> Result<FilePlan, InitError> {
    // A Pages Router app takes it too: Auth.js v5's handlers are route handlers, which Next.js
    // serves from `app/` beside `pages/`.
    let app = if layout.app_router { layout.app.clone() } else { layout.app.with_file_name("app") };
    let dir = app.join("api/auth/[...nextauth]");
    let pages = Path::new(if layout.app.starts_with("src") { "src/pages" } else { "pages" }).join("api/auth");
    let candidates = ["ts", "js"]
        .iter()
        .flat_map(|ext| [dir.join(format!("route.{ext}")), pages.join(format!("[...nextauth].{ext}"))]);
    let existing = first_file(&layout.root, candidates);
    if let Some(path) = existing {
        let file = read(&layout.root, &path)?;
        return Ok(unchanged(path, file));
    }
    let path = dir.join("route.ts");
    let auth = layout.import_path(&dir, &layout.auth.with_extension(""));
    // Another catch-all beside ours (Better Auth's `[...all]`) fails `next build` with
    // "Ambiguous app routes": it is the user's to resolve.
    let folder = app.join("api/auth");
    if let Some(other) = other_catch_all(&layout.root.join(&folder)) {
        let file = read(&layout.root, &path)?;
        let reason =
            format!("{} already has the catch-all {other}, and a second one fails next build", slashed(&folder));
        let lines = format!(
            "// in place of {other}'s handlers, or in a route of its own:\nimport {{ handlers }} from \"{auth}\";\nexport const {{ GET, POST }} = handlers;"
        );
        return Ok(manual(path, file, vec![Missing::Other("Auth.js's route handler")], reason, lines));
    }
    let file = read(&layout.root, &path)?;
    Ok(create(path, file, templates::auth_route(&auth)))
}

/// A catch-all route folder (`[...name]` or `[[...name]]`) under `dir` other than Auth.js's.
fn other_catch_all(dir: &Path) -> Option<String> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).find(|name| {
        let inner = name.trim_start_matches('[').trim_end_matches(']');
        name.starts_with('[') && inner.starts_with("...") && inner != "...nextauth"
    })
}

/// The root file init wires our provider into, if any, and the file that renders the provider:
/// the one that imports it, the root file once wired, or the provider itself where it is the
/// root file (`pages/_app.tsx` rendering Convex's provider inline). Another file rendering it
/// already (the setup guide's `app/loggedin/layout.tsx`) leaves the root file alone: a second
/// provider around the same pages would be a second client.
pub fn rendering(layout: &Layout, provider: &FilePlan) -> Result<(Option<FilePlan>, Option<PathBuf>), InitError> {
    let root = &layout.root;
    let ours = layout.app.join("ConvexClientProvider.tsx");
    let importer = found::importer(root, &layout.sources, &provider.path);
    let root_file = match &importer {
        Some(by) if !is_root_file(by) => None,
        _ if provider.path == ours && provider.action != FileAction::Manual => wiring(root, layout, &ours)?,
        _ => None,
    };
    let wired = root_file.as_ref().filter(|f| f.action != FileAction::Manual).map(|f| f.path.clone());
    let inline = is_root_file(&provider.path).then(|| provider.path.clone());
    Ok((root_file, importer.or(wired).or(inline)))
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
    match first_file(root, extensions.map(|ext| dir.join(format!("{stem}.{ext}")))) {
        Some(path) => Ok(Some(judged(root, path, &judge)?)),
        None if kind == root_layout::Root::App => {
            let path = dir.join("_app.tsx");
            let file = read(root, &path)?;
            Ok(Some(create(path, file, templates::pages_app(&import))))
        }
        None => Ok(None),
    }
}
