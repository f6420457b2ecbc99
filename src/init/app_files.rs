//! The app's side of the plan: the client provider, `auth.ts` and Auth.js's route handler.
//! The user's own versions are never edited, only read.

use std::path::Path;

use super::file_plan::{FilePlan, InitError, Missing, create, manual, read, unchanged, upgrade};
use super::layout::{Layout, first_file, slashed};
use super::{found, quickstart, source, templates};

/// Folders a Convex client provider is kept in, besides the app's own folder.
const PROVIDER_DIRS: [&str; 4] = ["components", "src/components", "app", "src/app"];

/// The client provider: the project's own `ConvexClientProvider.tsx` when it has one (kept when
/// it already passes the session to Convex), else ours beside the adapter.
pub fn client_provider(layout: &Layout) -> Result<FilePlan, InitError> {
    let name = "ConvexClientProvider.tsx";
    let dirs = std::iter::once(layout.app.as_path()).chain(PROVIDER_DIRS.iter().map(Path::new));
    // Under another name (`components/providers.tsx`, `pages/_app.tsx`, a layout), found by
    // what it renders: ours beside it would be used by nothing.
    let theirs =
        first_file(&layout.root, dirs.map(|dir| dir.join(name))).or_else(|| found::client_provider(&layout.root));
    let Some(path) = theirs else {
        let path = layout.app.join(name);
        let file = read(&layout.root, &path)?;
        return Ok(create(path, file, templates::CLIENT_PROVIDER.into()));
    };
    let file = read(&layout.root, &path)?;
    let (has, quickstart) = source::parse(&path, &file.text, |program| {
        (
            ["ConvexProviderWithAuth", "SessionProvider"].map(|n| source::imports_name(program, n)),
            quickstart::is_provider(program),
        )
    })
    .unwrap_or(([false, false], false));
    if has == [true, true] {
        return Ok(unchanged(path, file));
    }
    if quickstart {
        let what = "one that passes the Auth.js session to Convex (Convex's quickstart provider, nothing of yours)";
        return Ok(upgrade(path, file, templates::CLIENT_PROVIDER.into(), what));
    }
    let reason = "it is your own provider; it does not pass the Auth.js session to Convex yet".to_string();
    let missing = vec![Missing::Other("ConvexProviderWithAuth inside SessionProvider")];
    Ok(manual(path, file, missing, reason, templates::client_provider_lines()))
}

/// `auth.ts`: created when missing; the user's own is never edited, only checked.
pub fn auth(layout: &Layout) -> Result<FilePlan, InitError> {
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
        .into_iter()
        .zip(has)
        .filter(|(_, present)| !present)
        .map(|(what, _)| Missing::Other(what))
        .collect();
    let reason = "it is your Auth.js config, which init never edits".to_string();
    Ok(manual(path, file, missing, reason, templates::auth_lines(&adapter, &token)))
}

/// Auth.js's endpoints (sign-in, callbacks, session) as an App Router route, when the app has
/// none: without it no one can sign in.
pub fn auth_route(layout: &Layout) -> Result<FilePlan, InitError> {
    let dir = layout.app.join("api/auth/[...nextauth]");
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
    let folder = layout.app.join("api/auth");
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
