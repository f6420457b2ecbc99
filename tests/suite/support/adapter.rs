//! The proof that the code `init` writes works, run by its real consumers in `tests/adapter`:
//! the convex CLI generates `_generated` offline, `tsc` typechecks the project against the
//! real `convex`, `@auth/core` and `next-auth` types, and vitest runs the conformance suite,
//! where `convex/nextjs` calls the Convex functions (run by convex-test) over HTTP.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::node;

pub fn adapter_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adapter")
}

/// The fixture projects, copied from `tests/fixtures/projects/<name>`.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(&format!("convex-authjs-{name}-")).tempdir().expect("a temp dir");
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects").join(name), dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of the project (but node_modules), relative path → text.
pub fn snapshot(root: &Path) -> std::collections::BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<PathBuf, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), text);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Runs a package's own entry point with node, in `dir`.
fn run(dir: &Path, script: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(node::node());
    command.arg(adapter_dir().join("node_modules").join(script)).args(args).current_dir(dir).env("CI", "1");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("node runs")
}

fn check(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Links the installed packages into the project, as `npm install` would have put them.
pub fn link_packages(root: &Path) {
    node::npm_ci(&adapter_dir());
    #[cfg(unix)]
    std::os::unix::fs::symlink(adapter_dir().join("node_modules"), root.join("node_modules")).unwrap();
}

/// `convex codegen` with no deployment (the `_generated` folder), then `tsc --noEmit`.
pub fn codegen_and_typecheck(root: &Path) {
    let codegen = run(root, "convex/bin/main.js", &["codegen", "--system-udfs", "--typecheck", "disable"], &[]);
    check("convex codegen", &codegen);
    typecheck(root);
}

/// `tsc --noEmit` with the project's tsconfig.json.
pub fn typecheck(root: &Path) {
    let tsc = run(root, "typescript/bin/tsc", &["--noEmit", "-p", "."], &[]);
    check("tsc --noEmit", &tsc);
}

/// eslint with `eslint-config-next` (core web vitals and TypeScript, as create-next-app
/// configures it; the project's own config when it has one), warnings included: no problem in
/// a file init created, and none in a file it updated that the user's own text did not have.
/// `updated` are those files with the text they had before init.
pub fn lint(root: &Path, created: &[String], updated: &[(String, String)]) {
    let configs = ["eslint.config.mjs", "eslint.config.js", "eslint.config.ts"];
    if !configs.iter().any(|c| root.join(c).exists()) {
        let config = "import { defineConfig, globalIgnores } from \"eslint/config\";\n\
                      import nextVitals from \"eslint-config-next/core-web-vitals\";\n\
                      import nextTs from \"eslint-config-next/typescript\";\n\n\
                      export default defineConfig([...nextVitals, ...nextTs, globalIgnores([\".next/**\", \"next-env.d.ts\"])]);\n";
        std::fs::write(root.join("eslint.config.mjs"), config).unwrap();
    }
    // Each file's problems as (file, rule), counted.
    let problems = |files: &[&str]| -> std::collections::BTreeMap<(String, String), usize> {
        let mut args = vec!["--format", "json", "--no-warn-ignored"];
        args.extend_from_slice(files);
        let out = run(root, "eslint/bin/eslint.js", &args, &[]);
        let results: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("eslint answers JSON: {}", String::from_utf8_lossy(&out.stderr)));
        let mut counts = std::collections::BTreeMap::new();
        for result in results.as_array().unwrap() {
            let file =
                Path::new(result["filePath"].as_str().unwrap()).strip_prefix(root).unwrap().display().to_string();
            for message in result["messages"].as_array().unwrap() {
                let rule = message["ruleId"].as_str().unwrap_or("(parse)").to_string();
                *counts.entry((file.clone(), rule)).or_insert(0) += 1;
            }
        }
        counts
    };
    let names: Vec<&str> = updated.iter().map(|(path, _)| path.as_str()).collect();
    let now: Vec<String> = names.iter().map(|path| std::fs::read_to_string(root.join(path)).unwrap()).collect();
    for (path, text) in updated {
        std::fs::write(root.join(path), text).unwrap();
    }
    let before = if names.is_empty() { Default::default() } else { problems(&names) };
    for (path, text) in names.iter().zip(&now) {
        std::fs::write(root.join(path), text).unwrap();
    }
    let all: Vec<&str> = created.iter().map(String::as_str).chain(names.iter().copied()).collect();
    for ((file, rule), count) in problems(&all) {
        let had = before.get(&(file.clone(), rule.clone())).copied().unwrap_or(0);
        assert!(count <= had, "eslint: {file} has {count} {rule} problem(s) after init, {had} before");
    }
}

/// `next build` (webpack: Turbopack compiles nothing outside the project, and node_modules is
/// linked from tests/adapter), with the env a build of a Convex app has.
pub fn next_build(root: &Path) -> Output {
    let env = [("NEXT_TELEMETRY_DISABLED", "1"), ("NEXT_PUBLIC_CONVEX_URL", "https://happy-otter-123.convex.cloud")];
    run(root, "next/dist/bin/next", &["build", "--webpack"], &env)
}

/// Runs the conformance suites in the project (ours and Auth.js's own). `convex` is the Convex
/// folder and `app` the folder of `ConvexAdapter.ts`, both relative to the project; `env` are
/// the suites' inputs.
pub fn conformance(root: &Path, convex: &str, app: &str, env: &[(&str, &str)]) -> Output {
    std::fs::copy(adapter_dir().join("conformance.test.ts"), root.join("convex-authjs.conformance.test.ts")).unwrap();
    // Auth.js's own suite, as the official adapters run it.
    std::fs::copy(adapter_dir().join("adapter-suite.ts"), root.join("convex-authjs.adapter-suite.ts")).unwrap();
    std::fs::copy(adapter_dir().join("official.test.ts"), root.join("convex-authjs.official.test.ts")).unwrap();
    vitest(root, convex, app, env)
}

/// A user's sign-in on `next start` of the project (signin.test.ts): the email link, the
/// session, and the Convex token the deployment accepts.
pub fn sign_in(root: &Path, convex: &str, app: &str, env: &[(&str, &str)]) -> Output {
    std::fs::copy(adapter_dir().join("signin.test.ts"), root.join("convex-authjs.signin.test.ts")).unwrap();
    vitest(root, convex, app, env)
}

/// vitest over the project's `convex-authjs.*.test.ts`, with the module that hands them the
/// project's code and the bridge beside them.
fn vitest(root: &Path, convex: &str, app: &str, env: &[(&str, &str)]) -> Output {
    let entry = format!(
        "// What the conformance suite runs: this project's code, as init wrote it.\n\
         export const modules = import.meta.glob(\"./{convex}/**/*.*s\");\n\
         export {{ default as schema }} from \"./{convex}/schema\";\n\
         export {{ ConvexAdapter }} from \"./{app}/ConvexAdapter\";\n\
         export {{ signConvexToken }} from \"./{app}/convexToken\";\n\
         export const authConfig = () => import(\"./{convex}/auth.config\");\n"
    );
    std::fs::write(root.join("convex-authjs.fixture.ts"), entry).unwrap();
    std::fs::copy(adapter_dir().join("bridge.ts"), root.join("convex-authjs.bridge.ts")).unwrap();
    let config = adapter_dir().join("vitest.config.mjs");
    let config = config.to_str().unwrap();
    let mut all = vec![("NO_COLOR", "1")];
    all.extend_from_slice(env);
    run(root, "vitest/vitest.mjs", &["run", "--root", ".", "--config", config], &all)
}
