//! The project's own Auth.js config and Convex client provider, found by what they do wherever
//! they live (`lib/auth.ts`, `src/server/auth.ts`, `components/providers.tsx`, `pages/_app.tsx`,
//! inline in a layout): a module that calls next-auth's default export, a module that renders
//! Convex's React provider. So init never creates a second, unused one beside them.

use std::path::{Path, PathBuf};

use super::source;
use crate::source_files::Sources;

/// Convex's React providers an app renders its pages in.
const PROVIDERS: [&str; 2] = ["ConvexProvider", "ConvexProviderWithAuth"];

/// The first of the app's `sources` (in path order; returned relative to `root`) that calls
/// `NextAuth(…)`.
pub fn auth_config(root: &Path, sources: &Sources) -> Option<PathBuf> {
    first(root, sources, "next-auth", |program| source::calls_default_import(program, "next-auth"))
}

/// The first that imports one of Convex's React providers to render.
pub fn client_provider(root: &Path, sources: &Sources) -> Option<PathBuf> {
    first(root, sources, "ConvexProvider", |program| {
        PROVIDERS.iter().any(|p| source::imports_from(program, "convex/react", p))
    })
}

/// The first of the app's `sources` besides `module` itself (a path relative to `root`) that
/// imports it: the file that renders the provider. An import names it relatively, or through an
/// alias (`@/app/ConvexClientProvider`, `~/components/providers`), read as a path of the
/// project that ends the same way.
pub fn importer(root: &Path, sources: &Sources, module: &Path) -> Option<PathBuf> {
    let stem = module.file_stem()?.to_str()?.to_string();
    let target = module.with_extension("");
    sources.files().filter(|file| file.path.strip_prefix(root).is_ok_and(|p| p != module)).find_map(|file| {
        let text = file.text().filter(|text| text.contains(stem.as_str()))?;
        let relative = file.path.strip_prefix(root).ok()?.to_path_buf();
        let from = relative.parent().unwrap_or(Path::new(""));
        let names = |program: &oxc_ast::ast::Program| {
            source::imports(program).iter().any(|import| names_module(from, &import.source, &target))
        };
        source::parse(&relative, text, names).ok()?.then_some(relative)
    })
}

/// Whether the import `specifier`, in a file of the folder `from`, names the module `target`.
fn names_module(from: &Path, specifier: &str, target: &Path) -> bool {
    if specifier.starts_with("./") || specifier.starts_with("../") {
        let mut resolved = PathBuf::new();
        for part in from.join(specifier).components() {
            match part {
                std::path::Component::ParentDir => {
                    resolved.pop();
                }
                std::path::Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return resolved == target;
    }
    // An alias's first part stands for a folder of the project: the rest must end the path.
    let rest: PathBuf = specifier.split('/').skip(1).collect();
    !rest.as_os_str().is_empty() && target.ends_with(&rest)
}

/// The first source file whose text has `hint` and whose syntax `is` says is the one.
fn first(
    root: &Path,
    sources: &Sources,
    hint: &str,
    is: impl Fn(&oxc_ast::ast::Program) -> bool + Sync,
) -> Option<PathBuf> {
    sources.files().find_map(|file| {
        let text = file.text().filter(|text| text.contains(hint))?;
        let relative = file.path.strip_prefix(root).ok()?.to_path_buf();
        source::parse(&relative, text, |program| is(program)).ok()?.then_some(relative)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn the_auth_config_is_the_module_that_calls_next_auth() {
        let dir = project(&[
            ("lib/session.ts", "import { auth } from \"@/server/auth\";\nexport const me = () => auth();\n"),
            ("lib/types.ts", "import type { Session } from \"next-auth\";\nexport type S = Session;\n"),
            (
                "src/server/auth.ts",
                "import NextAuth from 'next-auth'\nexport const { handlers, auth } = NextAuth({ providers: [] })\n",
            ),
        ]);
        assert_eq!(auth_config(dir.path(), &Sources::of(dir.path())), Some(PathBuf::from("src/server/auth.ts")));
        let v4 =
            project(&[("pages/api/auth/[...nextauth].js", "import NA from \"next-auth\";\nexport default NA({});\n")]);
        assert_eq!(
            auth_config(v4.path(), &Sources::of(v4.path())),
            Some(PathBuf::from("pages/api/auth/[...nextauth].js"))
        );
        let none = project(&[("app/page.tsx", "export default function P() {}\n")]);
        assert_eq!(auth_config(none.path(), &Sources::of(none.path())), None);
    }

    #[test]
    fn the_client_provider_is_the_module_that_renders_convexs() {
        let provider = "\"use client\";\nimport { ConvexProvider, ConvexReactClient } from \"convex/react\";\n";
        let dir = project(&[
            ("app/page.tsx", "import { useQuery } from \"convex/react\";\n"),
            ("components/providers.tsx", provider),
        ]);
        assert_eq!(
            client_provider(dir.path(), &Sources::of(dir.path())),
            Some(PathBuf::from("components/providers.tsx"))
        );
        let app = project(&[("pages/_app.tsx", provider)]);
        assert_eq!(client_provider(app.path(), &Sources::of(app.path())), Some(PathBuf::from("pages/_app.tsx")));
    }

    #[test]
    fn the_file_that_renders_the_provider_imports_it_relatively_or_by_an_alias() {
        let module = Path::new("app/ConvexClientProvider.tsx");
        let of = |files: &[(&str, &str)]| {
            let dir = project(files);
            importer(dir.path(), &Sources::of(dir.path()), module)
        };
        let provider = ("app/ConvexClientProvider.tsx", "export default function ConvexClientProvider() {}\n");
        let by_alias = "import ConvexClientProvider from \"@/app/ConvexClientProvider\";\n";
        assert_eq!(
            of(&[provider, ("app/loggedin/layout.tsx", by_alias)]),
            Some(PathBuf::from("app/loggedin/layout.tsx"))
        );
        let relative = "import P from \"../ConvexClientProvider\";\n";
        assert_eq!(
            of(&[provider, ("app/loggedin/layout.tsx", relative)]),
            Some(PathBuf::from("app/loggedin/layout.tsx"))
        );
        // Another module of the same name, a mention in a comment, or the provider itself: no.
        let elsewhere = "import P from \"./ConvexClientProvider\";\n";
        assert_eq!(of(&[provider, ("app/loggedin/layout.tsx", elsewhere)]), None);
        assert_eq!(of(&[provider, ("app/layout.tsx", "// ConvexClientProvider goes here\n")]), None);
        assert_eq!(of(&[provider]), None);
    }
}
