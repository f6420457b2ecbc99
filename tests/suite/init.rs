//! `init` as a user runs it, on fixture projects (tests/fixtures/projects), and the proof that
//! what it writes works: the user's code kept byte for byte, `tsc` over the whole project, and
//! Auth.js's adapter contract run over real HTTP against the Convex code in convex-test.

use crate::support;

use std::path::Path;

use convex_authjs::doctor::project::{self, Issuer};
use convex_authjs::doctor::rules::{self, Choice};
use convex_authjs::token;
use serde_json::Value;
use support::adapter::{self, snapshot};
use support::{bin, read, stderr, stdout};

fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    bin(dir).arg("init").args(args).output().unwrap()
}

fn plan_json(dir: &Path, args: &[&str]) -> Value {
    let out = init(dir, &[&["--json"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("one JSON document")
}

/// The path of the planned file that ends with `name`.
fn planned<'a>(plan: &'a Value, name: &str) -> &'a str {
    plan["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).find(|p| p.ends_with(name)).unwrap()
}

fn actions(plan: &Value) -> Vec<(String, String)> {
    plan["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["action"].as_str().unwrap().to_string()))
        .collect()
}

/// `before` is all still in `after`, in order: the change only inserted text.
fn only_inserted(before: &str, after: &str) -> bool {
    similar::TextDiff::from_chars(before, after)
        .ops()
        .iter()
        .all(|op| !matches!(op.tag(), similar::DiffTag::Delete | similar::DiffTag::Replace))
}

/// A new key pair, as `keys generate --json` prints it: the inputs of the suites.
fn new_keys(root: &Path) -> Value {
    serde_json::from_str(&stdout(&bin(root).args(["keys", "generate", "--json"]).output().unwrap())).unwrap()
}

/// init on the fixture, then everything the issue asks of the result.
fn prove(name: &str, expected: &[(&str, &str)], install: Option<&str>) {
    let project = adapter::fixture(name);
    let root = project.path();
    let before = snapshot(root);

    let plan = plan_json(root, &["--yes"]);
    let got = actions(&plan);
    for (path, action) in expected {
        assert!(got.contains(&(path.to_string(), action.to_string())), "{name}: expected {action} {path} in {got:?}");
    }
    assert_eq!(plan["install"].as_str(), install, "{name}");

    // The user's bytes: every file they had is still there, with only our parts added.
    let after = snapshot(root);
    for (path, text) in &before {
        let now = &after[path];
        let action = got.iter().find(|(p, _)| Path::new(p) == path).map(|(_, a)| a.as_str());
        if action == Some("update") {
            assert!(only_inserted(text, now), "{name}: {} lost bytes:\n{now}", path.display());
            assert_ne!(text, now);
        } else {
            assert_eq!(text, now, "{name}: {} changed", path.display());
        }
    }

    // A second run finds everything there and writes nothing.
    let again = plan_json(root, &["--yes"]);
    assert!(actions(&again).iter().all(|(_, a)| a == "unchanged" || a == "manual"), "{name}: {again}");
    assert_eq!(snapshot(root), after, "{name}: the second run wrote");

    // Doctor reads the signer init wrote as signing for the site URL, with kid.
    let signer = project::find_signer(root).expect("doctor finds the signer");
    assert_eq!(
        (signer.issuer, signer.sends_kid),
        (Issuer::SiteUrl { var: "NEXT_PUBLIC_CONVEX_SITE_URL", falls_back: true }, true),
        "{name}"
    );

    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
    let created: Vec<String> = got.iter().filter(|(_, a)| a == "create").map(|(path, _)| path.clone()).collect();
    let updated: Vec<(String, String)> = got
        .iter()
        .filter(|(_, a)| a == "update")
        .map(|(path, _)| (path.clone(), before[Path::new(path)].clone()))
        .collect();
    adapter::lint(root, &created, &updated);

    let convex = Path::new(planned(&plan, "authAdapter.ts")).parent().unwrap().to_str().unwrap().to_string();
    let app = Path::new(planned(&plan, "ConvexAdapter.ts")).parent().unwrap().to_str().unwrap().to_string();
    let keys = new_keys(root);
    let token_out = root.join("token.json");
    let out = adapter::conformance(
        root,
        &convex,
        &app,
        &[
            ("CONVEX_AUTHJS_TEST_PRIVATE_KEY", keys["privateKey"].as_str().unwrap()),
            ("CONVEX_AUTHJS_TEST_JWKS", &keys["jwks"].to_string()),
            ("CONVEX_AUTHJS_TEST_TOKEN_OUT", token_out.to_str().unwrap()),
            ("CONVEX_AUTHJS_BIN", env!("CARGO_BIN_EXE_convex-authjs")),
        ],
    );
    assert!(out.status.success(), "{name}: the conformance suite failed:\n{}\n{}", stdout(&out), stderr(&out));
    // Ours, and Auth.js's own (its test and maybeTest cases, authenticators on).
    let ours = support::read(adapter::adapter_dir().join("conformance.test.ts")).matches("\n  test(").count();
    let official = support::read(adapter::adapter_dir().join("adapter-suite.ts"));
    let cases = ours + official.matches("\n  test(\"").count() + official.matches("\n  maybeTest(\"").count();
    assert!(stdout(&out).contains(&format!("Tests  {cases} passed ({cases})")), "{name}: {}", stdout(&out));

    // The signer's token, verified by doctor's token.local rules too, also with a second key
    // published beside it (a rotation): the kid picks the key.
    let signed: Value = serde_json::from_str(&support::read(&token_out)).unwrap();
    let token = signed["token"].as_str().unwrap();
    let parsed = token::parse(token).unwrap();
    assert_eq!(parsed.claims["iss"], signed["issuer"]);
    assert_eq!(parsed.claims["aud"], "convex");
    let other = new_keys(root);
    let mut served = signed["jwks"].clone();
    served["keys"].as_array_mut().unwrap().push(other["jwks"]["keys"][0].clone());
    let keys = rules::keys_of(&served).unwrap();
    let Choice::Key(public) = rules::choose(&rules::eligible(&keys), parsed.header["kid"].as_str()) else {
        panic!("{name}: no key for the token's kid");
    };
    assert!(public.verify_rs256(parsed.signing_input.as_bytes(), &parsed.signature), "{name}");
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_fresh_app_router_app() {
    let created = [
        ("convex/authTables.ts", "create"),
        ("convex/schema.ts", "create"),
        ("convex/authAdapter.ts", "create"),
        ("convex/http.ts", "create"),
        ("convex/auth.config.ts", "create"),
        ("app/ConvexAdapter.ts", "create"),
        ("app/convexToken.ts", "create"),
        ("app/ConvexClientProvider.tsx", "create"),
        ("auth.ts", "create"),
        ("app/api/auth/[...nextauth]/route.ts", "create"),
    ];
    prove("fresh-app", &created, Some("npm install next-auth@5.0.0-beta.32 jose@^6"));
}

/// A project whose prettier config says no semicolons, single quotes and four spaces (in YAML):
/// the files init creates are written so, and work the same.
/// Insertions into the user's files follow prettier's `trailingComma: "none"` too: our item,
/// last in its container, takes no comma; with prettier's default it does.
#[test]
fn insertions_follow_prettiers_trailing_comma() {
    for (config, comma) in [(r#"{ "trailingComma": "none" }"#, false), ("{}", true)] {
        let project = adapter::fixture("fresh-app");
        let root = project.path();
        std::fs::write(root.join(".prettierrc"), config).unwrap();
        std::fs::write(root.join("convex/auth.config.ts"), "export default {\n  providers: []\n};\n").unwrap();
        let schema = "import { defineSchema, defineTable } from \"convex/server\";\nimport { v } from \"convex/values\";\n\nexport default defineSchema({\n  tasks: defineTable({ text: v.string() })\n});\n";
        std::fs::write(root.join("convex/schema.ts"), schema).unwrap();
        let plan = plan_json(root, &["--yes"]);
        assert!(actions(&plan).contains(&("convex/auth.config.ts".into(), "update".into())), "{plan}");
        let config_text = std::fs::read_to_string(root.join("convex/auth.config.ts")).unwrap();
        assert_eq!(config_text.contains("},\n  ]"), comma, "{config_text}");
        assert!(config_text.contains("applicationID: \"convex\""), "{config_text}");
        let schema_text = std::fs::read_to_string(root.join("convex/schema.ts")).unwrap();
        // Before the user's first table: a comma between, whatever the style.
        assert!(schema_text.contains("...authTables,\n  tasks"), "{schema_text}");
    }
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_project_without_semicolons() {
    let created = [("convex/authAdapter.ts", "create"), ("app/ConvexAdapter.ts", "create"), ("auth.ts", "create")];
    prove("no-semicolons", &created, Some("npm install next-auth@5.0.0-beta.32 jose@^6"));
}

/// The same, read in the fast tier: every file init creates or updates is in the project's style.
#[test]
fn created_files_follow_the_projects_style() {
    let project = adapter::fixture("no-semicolons");
    let root = project.path();
    let plan = plan_json(root, &["--yes"]);
    for (path, action) in actions(&plan) {
        if action == "unchanged" {
            continue;
        }
        let text = std::fs::read_to_string(root.join(&path)).unwrap();
        let code: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        // Its prettier config says trailingComma: none, for what init inserts too.
        let last_item = code.windows(2).find(|w| w[0].ends_with(',') && w[1].trim_start().starts_with(['}', ']', ')']));
        assert_eq!(last_item, None, "{path} has a trailing comma:\n{text}");
        if action != "create" {
            continue;
        }
        assert!(code.iter().all(|l| !l.ends_with(';')), "{path} has semicolons:\n{text}");
        // Four spaces a level (JSX keeps ours where its text would change).
        let lead = |l: &&str| l.len() - l.trim_start_matches(' ').len();
        let by_four = code.iter().all(|l| lead(l) % 4 == 0);
        assert!(by_four || path.ends_with(".tsx"), "{path} is not indented by four:\n{text}");
        assert!(code.iter().all(|l| !l.contains(" from \"")), "{path} imports with double quotes:\n{text}");
    }
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn an_app_with_its_own_tables_routes_clerk_provider_and_auth_config() {
    let expected = [
        ("convex/schema.ts", "update"),
        ("convex/http.ts", "update"),
        ("convex/auth.config.ts", "update"),
        ("app/ConvexClientProvider.tsx", "manual"),
        ("auth.ts", "manual"),
    ];
    prove("existing-code", &expected, Some("pnpm add jose@^6"));
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_src_layout() {
    let expected = [
        ("src/app/ConvexAdapter.ts", "create"),
        ("src/auth.ts", "create"),
        ("convex/schema.ts", "create"),
        ("src/app/api/auth/[...nextauth]/route.ts", "create"),
    ];
    prove("src-layout", &expected, Some("npm install next-auth@5.0.0-beta.32"));
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_pages_router() {
    let expected = [
        ("lib/ConvexAdapter.ts", "create"),
        ("lib/convexToken.ts", "create"),
        ("convex/schema.ts", "update"),
        ("pages/_app.tsx", "create"),
        ("app/api/auth/[...nextauth]/route.ts", "create"),
    ];
    prove("pages-router", &expected, Some("yarn add next-auth@5.0.0-beta.32 jose@^6"));
}

/// The Pages Router app builds with what init wrote: `_app` rendering the provider, and Auth.js's
/// route handler in `app/` beside `pages/` (which Next.js serves together).
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_pages_router_builds() {
    let project = adapter::fixture("pages-router");
    let root = project.path();
    assert!(init(root, &["--yes"]).status.success());
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
    let out = adapter::next_build(root);
    assert!(out.status.success(), "next build:\n{}\n{}", stdout(&out), stderr(&out));
    let built = stdout(&out);
    assert!(built.contains("/api/auth/[...nextauth]") && built.contains("Route (pages)"), "{built}");
    // A second run takes it for the Pages Router app it is, and finds it all there.
    let again = plan_json(root, &["--yes"]);
    assert!(actions(&again).iter().all(|(_, a)| a == "unchanged"), "{again}");
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_custom_functions_folder() {
    let expected =
        [("src/convex/schema.ts", "update"), ("src/convex/http.ts", "update"), ("src/convex/authAdapter.ts", "create")];
    prove("custom-functions", &expected, Some("bun add next-auth@5.0.0-beta.32 jose@^6"));
}

#[test]
fn a_project_without_typescript_gets_a_clear_message_and_nothing_is_written() {
    let project = adapter::fixture("fresh-app");
    std::fs::remove_file(project.path().join("tsconfig.json")).unwrap();
    let before = snapshot(project.path());
    let out = init(project.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has no tsconfig.json: init writes TypeScript"), "{}", stderr(&out));
    assert!(stderr(&out).contains("hint: add a tsconfig.json"), "{}", stderr(&out));
    assert_eq!(snapshot(project.path()), before);
}

#[test]
fn a_folder_that_is_not_a_next_app_is_refused() {
    let project = adapter::fixture("fresh-app");
    std::fs::remove_dir_all(project.path().join("app")).unwrap();
    let out = init(project.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no app/, src/app/, pages/ or src/pages/ folder"), "{}", stderr(&out));
}

#[test]
fn without_a_terminal_or_yes_nothing_changes() {
    let project = adapter::fixture("existing-code");
    let before = snapshot(project.path());
    let out = init(project.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hint: pass --yes to write the files above"), "{}", stderr(&out));
    assert_eq!(snapshot(project.path()), before);
}

/// The dry run's diff is exactly the change: applied with `git apply`, it gives what init writes,
/// on every fixture.
#[test]
fn dry_run_prints_the_unified_diff_of_every_change_and_writes_nothing() {
    let dry = adapter::fixture("existing-code");
    let before = snapshot(dry.path());
    let out = init(dry.path(), &["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(snapshot(dry.path()), before);
    let text = stdout(&out);
    for expected in [
        "--- a/convex/schema.ts\n+++ b/convex/schema.ts",
        "+    ...authTables,",
        "--- /dev/null\n+++ b/convex/authAdapter.ts",
        "Dry run: nothing was written.",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    applies_as_init_writes("existing-code", &text);
    for name in ["fresh-app", "src-layout", "pages-router", "custom-functions"] {
        let dry = adapter::fixture(name);
        applies_as_init_writes(name, &stdout(&init(dry.path(), &["--dry-run"])));
    }
}

/// The dry run's diff (`text`), applied with `git apply` to a fresh copy of the fixture, gives
/// exactly what `init --yes` writes.
fn applies_as_init_writes(name: &str, text: &str) {
    let dry = adapter::fixture(name);
    let patch: String = text
        .lines()
        .skip_while(|l| !l.starts_with("--- "))
        .take_while(|l| !l.starts_with("Dry run"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dry.path().join("init.patch"), patch).unwrap();
    let applied =
        std::process::Command::new("git").args(["apply", "init.patch"]).current_dir(dry.path()).output().unwrap();
    assert!(applied.status.success(), "{name}: git apply: {}", stderr(&applied));
    std::fs::remove_file(dry.path().join("init.patch")).unwrap();

    let real = adapter::fixture(name);
    assert_eq!(init(real.path(), &["--yes"]).status.code(), Some(0));
    assert_eq!(snapshot(dry.path()), snapshot(real.path()), "{name}");
}

#[test]
fn a_file_we_cannot_read_is_left_alone_and_explained() {
    let project = adapter::fixture("existing-code");
    let schema = project.path().join("convex/schema.ts");
    let broken = "export default defineSchema({ messages: defineTable(\n";
    std::fs::write(&schema, broken).unwrap();
    let out = init(project.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("manual     convex/schema.ts"), "{}", stdout(&out));
    assert!(stdout(&out).contains("it does not parse (line 2"), "{}", stdout(&out));
    assert_eq!(support::read(&schema), broken);
}

#[test]
fn a_second_run_says_everything_is_there() {
    let project = adapter::fixture("fresh-app");
    assert_eq!(init(project.path(), &["--yes"]).status.code(), Some(0));
    let out = init(project.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("  unchanged  ").count(), 11, "{text}");
    assert!(text.contains("Nothing to write: the code is all there."), "{text}");
    // --json says ok, as the error document says `"ok": false`.
    let json = init(project.path(), &["--json"]);
    let doc: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(doc["ok"], true, "{doc}");
}

/// --install runs the package manager the lock file names, in the project, with what is missing.
#[cfg(unix)]
#[test]
fn install_runs_the_projects_package_manager() {
    let project = adapter::fixture("existing-code");
    let pnpm = support::tool("pnpm", "echo \"$PWD: $*\" > \"$RECORD\"\necho installing");
    let (record, path) = (pnpm.record.clone(), pnpm.path.clone());
    let out = bin(project.path())
        .args(["init", "--yes", "--install", "--json"])
        .env("PATH", &path)
        .env("RECORD", &record)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let root = std::fs::canonicalize(project.path()).unwrap();
    assert_eq!(support::read(&record), format!("{}: add jose@^6\n", root.display()));
    // The package manager's output goes to stderr: stdout stays one JSON document.
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["install"], "pnpm add jose@^6");
    assert!(stderr(&out).contains("installing"));

    // With every file already there, --install still installs what package.json lacks.
    std::fs::remove_file(&record).unwrap();
    let again =
        bin(project.path()).args(["init", "--install"]).env("PATH", &path).env("RECORD", &record).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).contains("Nothing to write"), "{}", stdout(&again));
    assert_eq!(support::read(&record), format!("{}: add jose@^6\n", root.display()));
    let left = stdout(&again).split("Left to do:").nth(1).unwrap_or_default().to_string();
    assert!(!left.contains("install the packages"), "installed, so not left to do: {left}");
}

/// A hostile source file (brackets 4000 deep, 8 KB) is left alone and explained: the run ends
/// with an exit code, not killed by a stack overflow, and the file keeps its bytes.
#[test]
fn a_hostile_schema_is_explained_not_a_crash() {
    let project = adapter::fixture("fresh-app");
    let schema = project.path().join("convex/schema.ts");
    let hostile = format!("export default {}1{};\n", "[".repeat(4000), "]".repeat(4000));
    std::fs::write(&schema, &hostile).unwrap();
    let out = init(project.path(), &["--yes"]);
    assert!(out.status.code().is_some(), "init died by a signal: {out:?}");
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("nest more than 256 deep"), "{said}");
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), hostile);
}

/// init writes nowhere but inside the project: a linked Convex folder, a `functions` path
/// through a linked folder, or a schema that links to a file elsewhere (a cloned repository
/// can aim any of them at another project) stops it before anything is written.
#[cfg(unix)]
#[test]
fn links_out_of_the_project_are_refused_and_nothing_is_written() {
    use std::os::unix::fs::symlink;
    /// Lays a link in the project (the first folder) to the second.
    type Arrange = fn(&Path, &Path);
    let cases: [(&str, Arrange); 3] = [
        ("a linked convex/", |project, elsewhere| {
            std::fs::remove_dir_all(project.join("convex")).unwrap();
            symlink(elsewhere, project.join("convex")).unwrap();
        }),
        ("functions through a linked folder", |project, elsewhere| {
            symlink(elsewhere, project.join("lnk")).unwrap();
            std::fs::create_dir_all(elsewhere.join("convex")).unwrap();
            std::fs::write(project.join("convex.json"), r#"{"functions": "lnk/convex"}"#).unwrap();
        }),
        ("a schema linked to a file elsewhere", |project, elsewhere| {
            let schema = "import { defineSchema } from \"convex/server\";\n\nexport default defineSchema({});\n";
            std::fs::write(elsewhere.join("schema.ts"), schema).unwrap();
            symlink(elsewhere.join("schema.ts"), project.join("convex/schema.ts")).unwrap();
        }),
    ];
    for (what, arrange) in cases {
        let project = adapter::fixture("fresh-app");
        let elsewhere = support::project();
        arrange(project.path(), elsewhere.path());
        let (before, outside) = (snapshot(project.path()), snapshot(elsewhere.path()));
        let out = init(project.path(), &["--yes"]);
        assert_eq!(out.status.code(), Some(2), "{what}: {}{}", stdout(&out), stderr(&out));
        assert!(stderr(&out).contains("leads outside the project"), "{what}: {}", stderr(&out));
        assert_eq!(snapshot(project.path()), before, "{what}: nothing written in the project");
        assert_eq!(snapshot(elsewhere.path()), outside, "{what}: nothing written elsewhere");
    }
}

/// convex.json's `functions` stands in the import strings of the files init writes: a value
/// with a quote could make it code, so it is refused.
#[test]
fn a_functions_folder_that_would_become_code_is_refused() {
    let project = adapter::fixture("fresh-app");
    let functions = r#"x\";require(\"child_process\").execSync(\"touch pwned\");//"#;
    std::fs::write(project.path().join("convex.json"), format!(r#"{{"functions": "{functions}"}}"#)).unwrap();
    let before = snapshot(project.path());
    let out = init(project.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a folder inside the project"), "{}", stderr(&out));
    assert_eq!(snapshot(project.path()), before);
}

/// A write that fails part of the way names the files already written, and a second run goes
/// on from there.
#[cfg(unix)]
#[test]
fn a_partial_write_says_what_was_written_and_a_rerun_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let project = adapter::fixture("fresh-app");
    let http = project.path().join("convex/http.ts");
    std::fs::write(
        &http,
        "import { httpRouter } from \"convex/server\";\n\nconst http = httpRouter();\n\nexport default http;\n",
    )
    .unwrap();
    std::fs::set_permissions(&http, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = init(project.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("convex/http.ts is read-only"), "{err}");
    assert!(err.contains("convex/authTables.ts, convex/schema.ts, convex/authAdapter.ts written before that"), "{err}");
    assert!(project.path().join("convex/authAdapter.ts").is_file());
    std::fs::set_permissions(&http, std::fs::Permissions::from_mode(0o644)).unwrap();
    let again = init(project.path(), &["--yes"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("  unchanged  convex/authAdapter.ts"), "{}", stdout(&again));
}

/// An app on Convex Auth or Better Auth's Convex component is refused before anything is
/// written, with the reason: their own key in JWKS and their own routes would clash.
#[test]
fn apps_on_convex_auth_or_better_auth_are_refused_with_the_reason() {
    for (package, library) in [("@convex-dev/auth", "Convex Auth"), ("@convex-dev/better-auth", "Better Auth")] {
        let project = adapter::fixture("fresh-app");
        let manifest = project.path().join("package.json");
        let mut json: Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
        json["dependencies"][package] = "0.0.90".into();
        std::fs::write(&manifest, serde_json::to_string_pretty(&json).unwrap()).unwrap();
        let before = snapshot(project.path());
        let out = init(project.path(), &["--yes"]);
        assert_eq!(out.status.code(), Some(2), "{package}: {}", stderr(&out));
        assert!(stderr(&out).contains(&format!("this app uses {library}")), "{}", stderr(&out));
        assert_eq!(snapshot(project.path()), before, "{package}: nothing written");
    }
}

/// Better Auth's catch-all `app/api/auth/[...all]` is left alone: a second catch-all beside it
/// would fail `next build` ("Ambiguous app routes"), so Auth.js's route is the user's to place.
#[test]
fn a_second_catch_all_auth_route_is_never_created() {
    let project = adapter::fixture("fresh-app");
    let theirs = project.path().join("app/api/auth/[...all]");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("route.ts"), "export const GET = () => new Response();\n").unwrap();
    let out = init(project.path(), &["--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!project.path().join("app/api/auth/[...nextauth]").exists(), "no second catch-all");
    let text = stdout(&out);
    assert!(text.contains("manual     app/api/auth/[...nextauth]/route.ts"), "{text}");
    assert!(text.contains("already has the catch-all [...all]"), "{text}");
}

/// A Vite app has `src/pages` too: only an app whose package.json lists next is a Next.js app.
#[test]
fn an_app_without_next_is_not_taken_for_one() {
    let project = adapter::fixture("pages-router");
    let manifest = project.path().join("package.json");
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    json["dependencies"].as_object_mut().unwrap().remove("next");
    json["dependencies"]["vite"] = "^7.0.0".into();
    std::fs::write(&manifest, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let before = snapshot(project.path());
    let out = init(project.path(), &["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("package.json does not list next"), "{}", stderr(&out));
    assert_eq!(snapshot(project.path()), before);
}

/// A schema with its own `users` table is the user's to change: the lines name the exact
/// fields and index it needs and the tables to add beside it, and what is left says plainly
/// that `convex dev` and `next build` fail until then.
#[test]
fn a_manual_schema_names_the_fields_and_what_fails_until_then() {
    let project = adapter::fixture("fresh-app");
    let schema = "import { defineSchema, defineTable } from \"convex/server\";\nimport { v } from \"convex/values\";\n\nexport default defineSchema({\n  users: defineTable({ handle: v.string() }),\n});\n";
    std::fs::write(project.path().join("convex/schema.ts"), schema).unwrap();
    let out = init(project.path(), &["--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("manual     convex/schema.ts"), "{text}");
    assert!(text.contains("your users table needs: email: v.string(), name: v.optional(v.string())"), "{text}");
    assert!(text.contains(".index(\"email\", [\"email\"])"), "{text}");
    assert!(text.contains("sessions: authTables.sessions,"), "{text}");
    assert!(text.contains("until convex/schema.ts has the Auth.js tables"), "{text}");
    assert_eq!(std::fs::read_to_string(project.path().join("convex/schema.ts")).unwrap(), schema);
}

/// A project without schema.ts whose functions read tables of their own: the schema init
/// creates keeps the table names loose, so those queries still typecheck (codegen, then tsc).
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_schemaless_project_keeps_its_tables_typechecking() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let counter = "import { query } from \"./_generated/server\";\n\nexport const count = query({\n  args: {},\n  handler: async (ctx) => (await ctx.db.query(\"counter_table\").collect()).length,\n});\n";
    std::fs::write(root.join("convex/counter.ts"), counter).unwrap();
    let out = init(root, &["--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema = std::fs::read_to_string(root.join("convex/schema.ts")).unwrap();
    assert!(schema.contains("{ strictTableNameTypes: false }"), "{schema}");
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
}

/// The packages listed at versions the code does not typecheck with, as the setup guide's own
/// template lists them: the install line upgrades them and says why; with the upgraded packages
/// (those of tests/adapter) the whole project typechecks.
#[test]
fn packages_too_old_for_the_code_are_upgraded_by_the_install_line() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let package = r#"{ "private": true, "dependencies": { "convex": "1.11.2", "jose": "^5.2.4", "next": "14.2.3", "next-auth": "^5.0.0-beta.17", "react": "^18" } }"#;
    std::fs::write(root.join("package.json"), package).unwrap();
    let plan = plan_json(root, &["--dry-run"]);
    assert_eq!(plan["install"], "npm install convex@^1.48.0 next-auth@5.0.0-beta.32 jose@^6", "{plan:#}");
    let outdated: Vec<(&str, &str)> = plan["outdated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["name"].as_str().unwrap(), o["version"].as_str().unwrap()))
        .collect();
    // next-auth 5.0.0-beta.17's @auth/core 0.30 types an authenticator's transports without null.
    assert_eq!(outdated, [("convex", "1.11.2"), ("next-auth", "5.0.0-beta.17"), ("jose", "5.2.4")]);
    let text = init(root, &["--dry-run"]);
    assert!(stdout(&text).contains("jose 5.2.4 is in package.json: the code needs a newer one"), "{}", stdout(&text));
    // And what the upgrade means for the app's own code.
    assert!(stdout(&text).contains("code of yours that names KeyLike takes CryptoKey"), "{}", stdout(&text));

    // What is installed counts over the range: an installed jose 6 needs nothing.
    std::fs::create_dir_all(root.join("node_modules/jose")).unwrap();
    std::fs::write(root.join("node_modules/jose/package.json"), r#"{"name":"jose","version":"6.1.3"}"#).unwrap();
    let plan = plan_json(root, &["--dry-run"]);
    assert_eq!(plan["install"], "npm install convex@^1.48.0 next-auth@5.0.0-beta.32", "{plan:#}");
}

/// A next-auth 4 app gets no Auth.js v5 code: init says what upgrading means, and writes nothing.
#[test]
fn a_next_auth_4_app_is_told_what_upgrading_means_and_nothing_is_written() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let package = r#"{ "dependencies": { "convex": "^1.48.0", "next": "^14", "next-auth": "^4.24.7", "jose": "^6" } }"#;
    std::fs::write(root.join("package.json"), package).unwrap();
    let before = snapshot(root);
    let out = init(root, &["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("next-auth 4.24.7 (in package.json)"), "{}", stderr(&out));
    assert!(stderr(&out).contains("migrating-to-v5"), "{}", stderr(&out));
    assert_eq!(snapshot(root), before);
}

/// After the install line (tests/adapter's packages stand for it), the guide template's versions
/// typecheck with the code init wrote.
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_guide_templates_versions_typecheck_once_upgraded() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let package = r#"{ "private": true, "dependencies": { "convex": "1.11.2", "jose": "^5.2.4", "next": "^16.0.0", "next-auth": "^5.0.0-beta.17", "react": "^19.0.0", "react-dom": "^19.0.0" } }"#;
    std::fs::write(root.join("package.json"), package).unwrap();
    let plan = plan_json(root, &["--yes"]);
    assert_eq!(plan["install"], "npm install convex@^1.48.0 next-auth@5.0.0-beta.32 jose@^6");
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
}

/// An Auth.js config and a Convex client provider under other names than ours, as many apps
/// keep them: found by what they do, named in the plan, and no second, unused one is made.
/// After init and the manual lines' imports are there, the project still typechecks.
/// Convex's quickstart provider under another name and folder, exported by name.
const QUICKSTART_ELSEWHERE: &str = "\"use client\";\n\nimport { ConvexProvider, ConvexReactClient } from \"convex/react\";\nimport type { ReactNode } from \"react\";\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n\nexport function Providers({ children }: { children: ReactNode }) {\n  return <ConvexProvider client={convex}>{children}</ConvexProvider>;\n}\n";

fn elsewhere() -> tempfile::TempDir {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let auth = "import NextAuth from 'next-auth'\n\nexport const { handlers, auth, signIn, signOut } = NextAuth({\n  providers: [],\n})\n";
    std::fs::create_dir_all(root.join("lib")).unwrap();
    std::fs::write(root.join("lib/auth.ts"), auth).unwrap();
    // The user's own (a toaster beside the pages): theirs to change.
    let provider =
        QUICKSTART_ELSEWHERE.replace("{children}</ConvexProvider>", "{children}<div id=\"toasts\" /></ConvexProvider>");
    std::fs::create_dir_all(root.join("components")).unwrap();
    std::fs::write(root.join("components/providers.tsx"), provider).unwrap();
    let package = r#"{ "private": true, "dependencies": { "convex": "^1.48.0", "next": "^16.0.0", "next-auth": "5.0.0-beta.32", "jose": "^6", "react": "^19.0.0" } }"#;
    std::fs::write(root.join("package.json"), package).unwrap();
    project
}

#[test]
fn an_auth_config_and_a_provider_elsewhere_are_found_and_never_doubled() {
    let project = elsewhere();
    let root = project.path();
    let plan = plan_json(root, &["--yes"]);
    let got = actions(&plan);
    for expected in [("lib/auth.ts", "manual"), ("components/providers.tsx", "manual")] {
        assert!(got.contains(&(expected.0.into(), expected.1.into())), "{expected:?} in {got:?}");
    }
    assert!(!root.join("auth.ts").exists() && !root.join("app/ConvexClientProvider.tsx").exists(), "{got:?}");
    let route = std::fs::read_to_string(root.join("app/api/auth/[...nextauth]/route.ts")).unwrap();
    assert!(route.contains("from \"@/lib/auth\""), "{route}");
    // The manual lines hold all the user needs: the hook itself, not a pointer to a file.
    let text = init(root, &["--dry-run"]);
    assert!(stdout(&text).contains("function useAuth()"), "{}", stdout(&text));
    assert!(stdout(&text).contains("import { ConvexAdapter } from \"@/app/ConvexAdapter\""), "{}", stdout(&text));

    // Without anything of the user's it is the quickstart's, upgraded, and keeps the name the
    // app imports it by.
    std::fs::write(root.join("components/providers.tsx"), QUICKSTART_ELSEWHERE).unwrap();
    let plan = plan_json(root, &["--yes"]);
    assert!(actions(&plan).contains(&("components/providers.tsx".into(), "upgrade".into())), "{plan}");
    let upgraded = std::fs::read_to_string(root.join("components/providers.tsx")).unwrap();
    assert!(upgraded.ends_with("export { ConvexClientProvider as Providers };\n"), "{upgraded}");
    // Nothing renders it yet: what is left names it by its file, not by our component's name.
    let left = stdout(&init(root, &[]));
    assert!(left.contains("wrap {children} in the provider components/providers.tsx exports"), "{left}");
    assert!(upgraded.contains("ConvexProviderWithAuth"), "{upgraded}");
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn an_auth_config_elsewhere_still_typechecks_after_init() {
    let project = elsewhere();
    let root = project.path();
    assert!(init(root, &["--yes"]).status.success());
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
}

/// Convex's quickstart provider holds nothing of the user's: it is upgraded to ours (its diff
/// shown first), the layout that renders it is left as it is and still compiles, and a second
/// run finds it all there.
fn quickstart_app() -> tempfile::TempDir {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let provider = "'use client'\nimport { ConvexProvider, ConvexReactClient } from 'convex/react'\nimport type { ReactNode } from 'react'\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)\n\nexport default function Providers({ children }: { children: ReactNode }) {\n  return <ConvexProvider client={convex}>{children}</ConvexProvider>\n}\n";
    std::fs::write(root.join("app/ConvexClientProvider.tsx"), provider).unwrap();
    let layout = "import type { ReactNode } from \"react\";\nimport Providers from \"./ConvexClientProvider\";\n\nexport default function RootLayout({ children }: { children: ReactNode }) {\n  return (\n    <html lang=\"en\">\n      <body>\n        <Providers>{children}</Providers>\n      </body>\n    </html>\n  );\n}\n";
    std::fs::write(root.join("app/layout.tsx"), layout).unwrap();
    project
}

#[test]
fn convexs_quickstart_provider_is_upgraded_and_a_second_run_finds_it_there() {
    let project = quickstart_app();
    let root = project.path();
    let before = snapshot(root);
    let dry = init(root, &["--dry-run"]);
    assert!(stdout(&dry).contains("upgrade    app/ConvexClientProvider.tsx"), "{}", stdout(&dry));
    assert!(
        stdout(&dry).contains("-  return <ConvexProvider client={convex}>{children}</ConvexProvider>"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(snapshot(root), before, "a dry run writes nothing");
    let plan = plan_json(root, &["--yes"]);
    assert!(actions(&plan).contains(&("app/ConvexClientProvider.tsx".into(), "upgrade".into())));
    let upgraded = std::fs::read_to_string(root.join("app/ConvexClientProvider.tsx")).unwrap();
    assert!(upgraded.contains("ConvexProviderWithAuth") && upgraded.contains("SessionProvider"), "{upgraded}");
    assert_eq!(std::fs::read_to_string(root.join("app/layout.tsx")).unwrap(), before[Path::new("app/layout.tsx")]);
    let text = init(root, &["--dry-run"]);
    assert!(!stdout(&text).contains("wrap {children}"), "the layout renders it already: {}", stdout(&text));
    let again = plan_json(root, &["--yes"]);
    assert!(actions(&again).iter().all(|(_, a)| a == "unchanged" || a == "manual"), "{again}");
    // The same file with one thing of the user's in it is theirs: manual, never replaced.
    let project = quickstart_app();
    let root = project.path();
    let theirs = std::fs::read_to_string(root.join("app/ConvexClientProvider.tsx"))
        .unwrap()
        .replace("{children}</ConvexProvider>", "{children}<footer /></ConvexProvider>");
    std::fs::write(root.join("app/ConvexClientProvider.tsx"), &theirs).unwrap();
    let plan = plan_json(root, &["--yes"]);
    assert!(actions(&plan).contains(&("app/ConvexClientProvider.tsx".into(), "manual".into())), "{plan}");
    assert_eq!(std::fs::read_to_string(root.join("app/ConvexClientProvider.tsx")).unwrap(), theirs);
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn an_upgraded_quickstart_provider_typechecks_and_lints_under_its_layout() {
    let project = quickstart_app();
    let root = project.path();
    let plan = plan_json(root, &["--yes"]);
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
    let written: Vec<String> =
        actions(&plan).into_iter().filter(|(_, a)| a == "create" || a == "upgrade").map(|(path, _)| path).collect();
    adapter::lint(root, &written, &[]);
}

/// The adapter's `db` calls name their table where the app's convex takes it (1.31.7 and later,
/// as Convex's own lint rule asks), and keep the older form, the id alone, below that.
#[test]
fn db_calls_name_their_table_where_the_apps_convex_takes_it() {
    for (range, explicit) in [("^1.48.0", true), ("1.20.0", false), ("1.11.2", true), ("latest", true)] {
        let project = adapter::fixture("fresh-app");
        let root = project.path();
        let package = format!(r#"{{ "dependencies": {{ "convex": "{range}", "next": "^16.0.0" }} }}"#);
        std::fs::write(root.join("package.json"), package).unwrap();
        assert!(init(root, &["--yes"]).status.success());
        let adapter = std::fs::read_to_string(root.join("convex/authAdapter.ts")).unwrap();
        assert_eq!(adapter.contains("ctx.db.get(\"users\", user)"), explicit, "convex {range}");
        assert_eq!(adapter.contains("ctx.db.get(user)"), !explicit, "convex {range}");
    }
}

/// The older form typechecks too (convex 1.20's app, before any upgrade; tests/adapter's
/// convex takes both forms).
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_older_db_call_form_typechecks() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let package = r#"{ "dependencies": { "convex": "1.20.0", "next": "^16.0.0", "react": "^19.0.0" } }"#;
    std::fs::write(root.join("package.json"), package).unwrap();
    assert!(init(root, &["--yes"]).status.success());
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
}

/// The root layout init wires builds under `cacheComponents` (today's create-next-app), as
/// `next build` runs it; the same layout awaiting `auth()` itself does not, which is why the
/// provider takes no session from it.
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_wired_layout_builds_under_cache_components() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let config = "import type { NextConfig } from \"next\";\n\nconst nextConfig: NextConfig = { cacheComponents: true };\n\nexport default nextConfig;\n";
    std::fs::write(root.join("next.config.ts"), config).unwrap();
    let plan = plan_json(root, &["--yes"]);
    assert!(actions(&plan).contains(&("app/layout.tsx".into(), "update".into())), "{plan}");
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
    let out = adapter::next_build(root);
    assert!(out.status.success(), "next build:\n{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("/api/auth/[...nextauth]"), "{}", stdout(&out));

    let awaiting = std::fs::read_to_string(root.join("app/layout.tsx"))
        .unwrap()
        .replace(
            "export default function RootLayout",
            "import { auth } from \"@/auth\";\n\nexport default async function RootLayout",
        )
        .replace("  return (\n", "  const session = await auth();\n  return (\n")
        .replace("<ConvexClientProvider>", "<ConvexClientProvider session={session}>");
    std::fs::write(root.join("app/layout.tsx"), awaiting).unwrap();
    let out = adapter::next_build(root);
    assert!(!out.status.success(), "awaiting auth() in the layout builds after all");
    assert!(stderr(&out).contains("uncached or runtime data during prerendering"), "{}", stderr(&out));
}

/// A provider that a layout of the app renders already (the setup guide renders it in
/// `app/loggedin/layout.tsx`) is wired: the root layout is left alone, as a second provider
/// around the same pages would be a second Convex client.
#[test]
fn a_provider_the_app_renders_already_is_not_wired_twice() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    assert!(init(root, &["--yes"]).status.success());
    let layout = std::fs::read_to_string(root.join("app/layout.tsx")).unwrap();
    let unwired = layout
        .replace("<ConvexClientProvider>{children}</ConvexClientProvider>", "{children}")
        .replace("import ConvexClientProvider from \"@/app/ConvexClientProvider\";\n", "");
    assert_ne!(unwired, layout);
    assert!(!unwired.contains("ConvexClientProvider"), "{unwired}");
    std::fs::write(root.join("app/layout.tsx"), &unwired).unwrap();
    std::fs::create_dir_all(root.join("app/loggedin")).unwrap();
    let nested = "import ConvexClientProvider from \"@/app/ConvexClientProvider\";\n\nexport default function LoggedInLayout({ children }: { children: React.ReactNode }) {\n  return <ConvexClientProvider>{children}</ConvexClientProvider>;\n}\n";
    std::fs::write(root.join("app/loggedin/layout.tsx"), nested).unwrap();
    let plan = plan_json(root, &["--dry-run"]);
    assert!(!actions(&plan).iter().any(|(path, _)| path == "app/layout.tsx"), "{plan}");
    assert!(actions(&plan).iter().all(|(_, action)| action == "unchanged"), "{plan}");
    assert!(!stdout(&init(root, &[])).contains("wrap {children}"), "nothing left to wire");
    assert_eq!(std::fs::read_to_string(root.join("app/layout.tsx")).unwrap(), unwired);
}

/// An app that keeps the Auth.js tables in its own schema and its own adapter module (as the
/// setup guide has them) gets no tables file: nothing would import it.
#[test]
fn no_tables_file_where_nothing_imports_it() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let table = |name: &str| format!("  {name}: defineTable({{ name: v.optional(v.string()) }}),\n");
    let tables: String = ["users", "sessions", "accounts", "verificationTokens", "authenticators"].map(table).concat();
    let schema = format!(
        "import {{ defineSchema, defineTable }} from \"convex/server\";\nimport {{ v }} from \"convex/values\";\n\nexport default defineSchema({{\n{tables}}});\n"
    );
    std::fs::write(root.join("convex/schema.ts"), schema).unwrap();
    let exports: String = convex_authjs::init::templates::ADAPTER_FUNCTIONS
        .iter()
        .map(|name| format!("export const {name} = null;\n"))
        .collect();
    std::fs::write(root.join("convex/authAdapter.ts"), exports).unwrap();
    let plan = plan_json(root, &["--yes"]);
    let got = actions(&plan);
    assert!(got.contains(&("convex/schema.ts".into(), "unchanged".into())), "{got:?}");
    assert!(!got.iter().any(|(path, _)| path.ends_with("authTables.ts")), "{got:?}");
    assert!(!root.join("convex/authTables.ts").exists());
    // With our adapter, which reads its validators from it, the file is made.
    std::fs::remove_file(root.join("convex/authAdapter.ts")).unwrap();
    let plan = plan_json(root, &["--yes"]);
    assert!(actions(&plan).contains(&("convex/authTables.ts".into(), "create".into())), "{plan}");
}

/// A config whose session callback signs Convex tokens by itself, as the setup guide's does
/// (jose's importPKCS8 and SignJWT, no kid, the `.cloud` → `.site` issuer): that body, and only
/// it, becomes a call to init's signer; every other byte of the file stays. The dry run's diff
/// is what --yes writes; a second run finds it all there. One statement of the user's in the
/// callback makes it theirs: manual, untouched.
#[test]
fn the_guides_session_callback_calls_inits_signer() {
    let name = "signs-by-itself";
    let project = adapter::fixture(name);
    let root = project.path();
    let before = read(root.join("auth.ts"));
    let dry = init(root, &["--dry-run"]);
    assert!(stdout(&dry).contains("replaces its session callback's own signing"), "{}", stdout(&dry));
    applies_as_init_writes(name, &stdout(&dry));
    let plan = plan_json(root, &["--yes"]);
    assert!(actions(&plan).contains(&("auth.ts".into(), "update".into())), "{plan}");
    let after = read(root.join("auth.ts"));
    assert!(after.contains("import { signConvexToken } from \"@/app/convexToken\";\n"), "{after}");
    assert!(
        after.contains("    async session({ session }) {\n      return { ...session, convexToken: await signConvexToken(session.userId) };\n    },"),
        "{after}"
    );
    assert!(!after.contains("new SignJWT"), "{after}");
    // What only the old body used goes with it: eslint would call it unused.
    assert!(!after.contains("from \"jose\"") && !after.contains("const CONVEX_SITE_URL"), "{after}");
    // Every other line is there, in order.
    let body = [
        "from \"jose\"",
        "const CONVEX_SITE_URL",
        "importPKCS8(process.env",
        "new SignJWT",
        ".setProtectedHeader",
        ".setIssuedAt()",
        ".setIssuer(",
        ".setAudience(",
        ".setExpirationTime(",
        ".sign(privateKey)",
        "return { ...session, convexToken };",
    ];
    let kept: Vec<&str> = before.lines().filter(|l| !body.iter().any(|b| l.contains(b))).collect();
    let mut rest = after.lines();
    for line in &kept {
        assert!(rest.any(|l| l == *line), "{line:?} is gone:\n{after}");
    }
    let again = plan_json(root, &["--yes"]);
    assert!(actions(&again).iter().all(|(_, a)| a == "unchanged"), "{again}");

    // The issuer constant named elsewhere too stays.
    let shared = adapter::fixture(name);
    std::fs::write(shared.path().join("auth.ts"), format!("{before}\nexport const site = CONVEX_SITE_URL;\n")).unwrap();
    plan_json(shared.path(), &["--yes"]);
    let kept = read(shared.path().join("auth.ts"));
    assert!(kept.contains("const CONVEX_SITE_URL") && !kept.contains("from \"jose\""), "{kept}");

    let theirs = adapter::fixture(name);
    let text = before.replace(
        "      return { ...session, convexToken };",
        "      console.log(session.user);\n      return { ...session, convexToken };",
    );
    std::fs::write(theirs.path().join("auth.ts"), &text).unwrap();
    let plan = plan_json(theirs.path(), &["--yes"]);
    assert!(actions(&plan).contains(&("auth.ts".into(), "manual".into())), "{plan}");
    assert_eq!(read(theirs.path().join("auth.ts")), text);
    let said = stdout(&init(theirs.path(), &[]));
    assert!(said.contains("its session callback signs Convex tokens by itself, with more in it"), "{said}");
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn the_upgraded_session_callback_typechecks_and_lints() {
    let project = adapter::fixture("signs-by-itself");
    let root = project.path();
    let before = read(root.join("auth.ts"));
    assert!(init(root, &["--yes"]).status.success());
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
    adapter::lint(root, &[], &[("auth.ts".to_string(), before)]);
}

/// `--provider` puts Auth.js's built-in providers into the config init writes, and what is
/// left names their variables and callback URL; a config that lists none says so on every run.
#[test]
fn sign_in_providers_are_added_and_what_is_left_says_what_to_register() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let out = init(root, &["--yes", "--provider", "myspace"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"myspace\" is not a sign-in provider") && stderr(&out).contains("github"));
    assert!(!root.join("auth.ts").exists(), "nothing was written");

    let out = init(root, &["--yes", "--provider", "github", "--provider", "google"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let auth = std::fs::read_to_string(root.join("auth.ts")).unwrap();
    assert!(
        auth.contains(
            "import GitHub from \"next-auth/providers/github\";\nimport Google from \"next-auth/providers/google\";"
        ),
        "{auth}"
    );
    assert!(auth.contains("providers: [GitHub, Google],"), "{auth}");
    let left = stdout(&out);
    assert!(
        left.contains("http://localhost:3000/api/auth/callback/github")
            && left.contains("AUTH_GITHUB_ID and AUTH_GITHUB_SECRET"),
        "{left}"
    );
    assert!(!left.contains("add your sign-in providers"), "{left}");
    let env = std::fs::read_to_string(root.join(".env.local")).unwrap_or_default();
    assert!(!env.contains("AUTH_GITHUB"), "no empty value is written: {env}");
    let again = init(root, &["--provider", "github"]);
    assert!(stdout(&again).contains("Nothing to write"), "{}", stdout(&again));

    // Without providers, every run says the config still signs no one in.
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    assert!(init(root, &["--yes"]).status.success());
    let again = init(root, &[]);
    assert!(stdout(&again).contains("add your sign-in providers to auth.ts"), "{}", stdout(&again));
    // A provider asked for in a config that is there already is the user's to add: the lines.
    let out = init(root, &["--provider", "discord", "--dry-run"]);
    assert!(stdout(&out).contains("manual     auth.ts"), "{}", stdout(&out));
    assert!(stdout(&out).contains("import Discord from \"next-auth/providers/discord\";"), "{}", stdout(&out));
}

#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_config_with_providers_typechecks_and_lints() {
    let project = adapter::fixture("fresh-app");
    let root = project.path();
    let plan = plan_json(root, &["--yes", "--provider", "github", "--provider", "microsoft-entra-id"]);
    adapter::link_packages(root);
    adapter::codegen_and_typecheck(root);
    adapter::lint(root, &["auth.ts".to_string()], &[]);
    assert!(actions(&plan).contains(&("auth.ts".into(), "create".into())));
}

/// A workspace: the Next.js app in `apps/web`, its Convex code in `packages/backend/convex`,
/// the lock file at the root.
fn workspace() -> tempfile::TempDir {
    let dir = support::project();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    };
    write("package.json", r#"{ "private": true, "workspaces": ["apps/*", "packages/*"] }"#);
    write("yarn.lock", "# yarn lockfile v1\n");
    write(
        "apps/web/package.json",
        r#"{ "dependencies": { "next": "^16.0.0", "@acme/backend": "*", "convex": "^1.48.0" } }"#,
    );
    write("apps/web/tsconfig.json", "{}");
    write("apps/web/app/page.tsx", "export default function Home() {\n  return <main />;\n}\n");
    write("packages/backend/package.json", r#"{ "name": "@acme/backend", "dependencies": { "convex": "^1.48.0" } }"#);
    write(
        "packages/backend/convex/schema.ts",
        "import { defineSchema } from \"convex/server\";\n\nexport default defineSchema({});\n",
    );
    dir
}

#[test]
fn a_workspace_app_whose_convex_code_is_elsewhere_is_told_so_and_nothing_is_written() {
    let dir = workspace();
    let web = dir.path().join("apps/web");
    let before = snapshot(dir.path());
    let out = init(&web, &["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("keeps its Convex code in ../../packages/backend/convex"), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass --convex-dir ../../packages/backend/convex"), "{}", stderr(&out));
    assert_eq!(snapshot(dir.path()), before, "nothing was written");
    // Beside Better Auth's component, that is the reason: no --convex-dir would help.
    let package = read(web.join("package.json"));
    std::fs::write(
        web.join("package.json"),
        package.replace("\"convex\"", "\"@convex-dev/better-auth\": \"*\", \"convex\""),
    )
    .unwrap();
    let out = init(&web, &["--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("this app uses Better Auth's Convex component"), "{}", stderr(&out));
    std::fs::write(web.join("package.json"), package).unwrap();
    // In the backend package, the reason is that it is no Next.js app, not TypeScript.
    let out = init(&dir.path().join("packages/backend"), &["--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not list next"), "{}", stderr(&out));
}

/// `--convex-dir` names the Convex folder of another package of the workspace: the Convex
/// files go there, the app's files here, and the app imports the Convex code through the
/// package's name, which it depends on. A folder outside the repository, one that is not
/// there, or a package the app does not depend on is refused, and nothing is written.
#[test]
fn a_workspace_app_writes_into_the_backend_package_it_names() {
    let dir = workspace();
    let web = dir.path().join("apps/web");
    let backend = "../../packages/backend/convex";
    let before = snapshot(dir.path());
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(outside.path().join("convex")).unwrap();
    let elsewhere = outside.path().join("convex").display().to_string();
    for (given, why) in
        [(elsewhere.as_str(), "outside the repository"), ("../../packages/nothing/convex", "no such folder")]
    {
        let out = init(&web, &["--yes", "--convex-dir", given]);
        assert_eq!(out.status.code(), Some(2), "{given}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{given}: {}", stderr(&out));
    }
    let package = read(web.join("package.json"));
    std::fs::write(web.join("package.json"), package.replace("\"@acme/backend\": \"*\", ", "")).unwrap();
    let out = init(&web, &["--yes", "--convex-dir", backend]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("in the package @acme/backend, which this app does not depend on"),
        "{}",
        stderr(&out)
    );
    std::fs::write(web.join("package.json"), &package).unwrap();
    assert_eq!(snapshot(dir.path()), before, "nothing was written");

    let plan = plan_json(&web, &["--yes", "--convex-dir", backend]);
    let got = actions(&plan);
    for expected in [
        ("../../packages/backend/convex/schema.ts", "update"),
        ("../../packages/backend/convex/authAdapter.ts", "create"),
        ("../../packages/backend/convex/http.ts", "create"),
        ("app/ConvexAdapter.ts", "create"),
    ] {
        assert!(got.contains(&(expected.0.into(), expected.1.into())), "{expected:?} in {got:?}");
    }
    assert!(dir.path().join("packages/backend/convex/authAdapter.ts").is_file());
    assert!(!web.join("convex").exists(), "no Convex folder in the app");
    let adapter = read(web.join("app/ConvexAdapter.ts"));
    assert!(adapter.contains("import { api } from \"@acme/backend/convex/_generated/api\";"), "{adapter}");
    let again = plan_json(&web, &["--yes", "--convex-dir", backend]);
    assert!(actions(&again).iter().all(|(_, a)| a == "unchanged"), "{again}");
    let out = init(&web, &["--convex-dir", backend]);
    assert!(stdout(&out).contains("Nothing to write"), "{}", stdout(&out));
    // doctor reads the same folder when told it, and says there is none here when not.
    let code = |args: &[&str]| -> Value {
        let out = bin(&web)
            .args(["doctor", "--json", "--url", "http://127.0.0.1:9", "--timeout", "1"])
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)))
    };
    let status = |report: &Value, id: &str| {
        report["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"].clone()
    };
    let told = code(&["--convex-dir", backend]);
    for id in ["code.schema", "code.adapter", "code.routes", "code.provider"] {
        assert_eq!(status(&told, id), "pass", "{id}: {told:#}");
    }
    let untold = code(&[]);
    assert_eq!(status(&untold, "code.schema"), "skip", "{untold:#}");

    // An app that imports the package's Convex code its own way already (a tsconfig paths
    // entry mapping `@acme/backend/*` to the Convex folder) gets the same.
    let dir = workspace();
    let web = dir.path().join("apps/web");
    let page = "import { api } from \"@acme/backend/_generated/api\";\n\nexport default function Home() {\n  return <main>{String(api)}</main>;\n}\n";
    std::fs::write(web.join("app/page.tsx"), page).unwrap();
    plan_json(&web, &["--yes", "--convex-dir", backend]);
    let adapter = read(web.join("app/ConvexAdapter.ts"));
    assert!(adapter.contains("import { api } from \"@acme/backend/_generated/api\";"), "{adapter}");
}

/// The same, built: the backend package's codegen and tsc, then the app's tsc, which resolves
/// the Convex code through the package's name as the workspace links it (`node_modules/@acme/
/// backend`, as npm, yarn, pnpm and bun workspaces do).
#[cfg(unix)]
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs node and npm (cargo test --features interop)")]
#[test]
fn a_workspace_app_and_its_backend_package_typecheck_after_init() {
    let dir = workspace();
    let root = dir.path();
    let web = root.join("apps/web");
    let tsconfig = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects/fresh-app/tsconfig.json"),
    )
    .unwrap();
    std::fs::write(web.join("tsconfig.json"), tsconfig).unwrap();
    let layout = "import type { ReactNode } from \"react\";\n\nexport default function RootLayout({ children }: { children: ReactNode }) {\n  return (\n    <html lang=\"en\">\n      <body>{children}</body>\n    </html>\n  );\n}\n";
    std::fs::write(web.join("app/layout.tsx"), layout).unwrap();
    let backend_tsconfig = r#"{ "compilerOptions": { "target": "ES2022", "module": "esnext", "moduleResolution": "bundler", "strict": true, "skipLibCheck": true, "noEmit": true }, "include": ["convex/**/*.ts"] }"#;
    std::fs::write(root.join("packages/backend/tsconfig.json"), backend_tsconfig).unwrap();
    let out = init(&web, &["--yes", "--convex-dir", "../../packages/backend/convex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The workspace's packages, as its package manager links them; the rest from the proof.
    adapter::link_packages(root);
    std::fs::create_dir_all(web.join("node_modules/@acme")).unwrap();
    std::os::unix::fs::symlink(root.join("packages/backend"), web.join("node_modules/@acme/backend")).unwrap();
    adapter::codegen_and_typecheck(&root.join("packages/backend"));
    adapter::typecheck(&web);
}

#[test]
fn the_package_manager_is_the_workspaces_or_the_one_package_json_names() {
    let dir = workspace();
    let web = dir.path().join("apps/web");
    std::fs::create_dir_all(web.join("convex")).unwrap();
    // The lock file at the workspace's root.
    let plan = plan_json(&web, &["--dry-run"]);
    assert!(plan["install"].as_str().unwrap().starts_with("yarn add "), "{plan}");
    // `packageManager` over any lock file, as Corepack reads it.
    std::fs::write(web.join("package-lock.json"), "{}").unwrap();
    let package = r#"{ "packageManager": "pnpm@9.12.0", "dependencies": { "next": "^16.0.0", "convex": "^1.48.0" } }"#;
    std::fs::write(web.join("package.json"), package).unwrap();
    let plan = plan_json(&web, &["--dry-run"]);
    assert!(plan["install"].as_str().unwrap().starts_with("pnpm add "), "{plan}");
}
