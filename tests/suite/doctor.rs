//! `doctor` against the fake deployment: a healthy run, one test per fault with the check that
//! must fail, a bounded run against a hung site, and the report's text and JSON.

use crate::support;

use std::time::{Duration, Instant};

use serde_json::Value;
use snapbox::{assert_data_eq, str};
use support::fake::{ADMIN_KEY, Adapter, FakeDeployment, Fault, Page};
use support::{Scene, assert_no_secrets, bin, local_setup, project, stderr, stdout};

/// doctor in a scene's project, its output checked for secrets.
trait Doctor: Sized {
    fn with_code(self) -> Self;
    fn doctor(&self, args: &[&str]) -> std::process::Output;
    fn report(&self, args: &[&str]) -> (Option<i32>, Value);
}

impl Doctor for Scene {
    /// The project is a finished app: the adapter's code as `init` writes it, wired into its
    /// root layout, a sign-in provider, and the packages installed.
    fn with_code(self) -> Scene {
        let root = self.dir.path();
        std::fs::write(root.join("tsconfig.json"), "{}").unwrap();
        let installed = [("next", "16.0.0"), ("convex", "1.48.0"), ("next-auth", "5.0.0-beta.32"), ("jose", "6.1.0")];
        let dependencies: serde_json::Map<String, Value> =
            installed.iter().map(|(name, version)| (name.to_string(), Value::from(*version))).collect();
        std::fs::write(root.join("package.json"), serde_json::json!({ "dependencies": dependencies }).to_string())
            .unwrap();
        for (name, version) in installed {
            let dir = root.join("node_modules").join(name);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("package.json"), format!(r#"{{"name":"{name}","version":"{version}"}}"#)).unwrap();
        }
        std::fs::create_dir(root.join("app")).unwrap();
        let layout = "export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n";
        std::fs::write(root.join("app/layout.tsx"), layout).unwrap();
        let out = bin(root).args(["init", "--yes", "--provider", "github"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        self
    }

    fn doctor(&self, args: &[&str]) -> std::process::Output {
        // With --prod, the key and secret are production's: as on the host, in the environment.
        let prod = args.contains(&"--prod");
        let mut cmd = bin(self.dir.path());
        if prod {
            cmd.env("CONVEX_AUTH_PRIVATE_KEY", &self.pem).env("CONVEX_AUTH_ADAPTER_SECRET", &self.secret);
        }
        let out = cmd.arg("doctor").args(args).output().unwrap();
        assert_no_secrets(&out, &[&self.pem, &self.secret, ADMIN_KEY]);
        out
    }

    fn report(&self, args: &[&str]) -> (Option<i32>, Value) {
        let out = self.doctor(&[&["--json"], args].concat());
        let report: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("JSON on stdout: {}", stderr(&out)));
        (out.status.code(), report)
    }
}

fn status<'a>(report: &'a Value, id: &str) -> &'a str {
    report["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"].as_str().unwrap()
}

/// The ids of the checks that failed, in report order.
fn failed(report: &Value) -> Vec<&str> {
    let checks = report["checks"].as_array().unwrap();
    checks.iter().filter(|c| c["status"] == "fail").map(|c| c["id"].as_str().unwrap()).collect()
}

fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()
}

const IDS: [&str; 19] = [
    "env.convex_url",
    "env.private_key",
    "env.adapter_secret",
    "code.schema",
    "code.adapter",
    "code.routes",
    "code.provider",
    "code.signer",
    "code.sign_in",
    "code.wiring",
    "code.packages",
    "site.discovery",
    "site.jwks",
    "keys.match",
    "token.local",
    "token.convex",
    "adapter.secret",
    "adapter.rejects_wrong_secret",
    "deployment.env",
];

#[test]
fn a_healthy_deployment_passes_every_check_with_an_admin_key() {
    let s = Scene::healthy(true).with_code();
    // As setup leaves it: the site URL the signer signs for.
    support::append_env(s.dir.path(), &format!("NEXT_PUBLIC_CONVEX_SITE_URL={}", s.fake.site_url));
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(0), "{report:#}");
    assert_eq!(report["ok"], true);
    let ids: Vec<&str> = report["checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, IDS);
    for id in IDS {
        assert_eq!(status(&report, id), "pass", "{id}: {report:#}");
        assert!(check(&report, id).get("hint").is_none());
        assert!(check(&report, id)["ms"].is_u64());
    }
}

/// The app's side, read from its files as init reads them: a config that signs no one in, a
/// provider that nothing renders, packages too old or not installed. Each is named with its
/// fix, and fixing it makes the check pass again.
#[test]
fn the_apps_own_steps_are_checked_from_its_files() {
    let s = Scene::healthy(true).with_code();
    let root = s.dir.path();
    support::append_env(root, &format!("NEXT_PUBLIC_CONVEX_SITE_URL={}", s.fake.site_url));
    let edit = |path: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        assert!(text.contains(from), "{path}: {text}");
        std::fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
    };
    let summary = |report: &Value, id: &str| check(report, id)["summary"].as_str().unwrap().to_string();
    let hint = |report: &Value, id: &str| check(report, id)["hint"].as_str().unwrap_or_default().to_string();

    // No sign-in provider: not broken, only unfinished.
    edit("auth.ts", "providers: [GitHub],", "providers: [],");
    let (code, report) = s.report(&[]);
    assert_eq!((code, status(&report, "code.sign_in")), (Some(0), "warn"), "{report:#}");
    assert!(summary(&report, "code.sign_in").contains("auth.ts lists no sign-in provider"), "{report:#}");
    assert!(hint(&report, "code.sign_in").contains("--provider github"), "{report:#}");
    edit("auth.ts", "providers: [],", "providers: [GitHub],");

    // The provider, rendered by nothing: Convex's client never gets a token.
    edit("app/layout.tsx", "<ConvexClientProvider>{children}</ConvexClientProvider>", "{children}");
    edit("app/layout.tsx", "import ConvexClientProvider from \"./ConvexClientProvider\"", "");
    let (code, report) = s.report(&[]);
    assert_eq!((code, status(&report, "code.wiring")), (Some(1), "fail"), "{report:#}");
    assert!(
        summary(&report, "code.wiring").contains("app/layout.tsx does not render app/ConvexClientProvider.tsx"),
        "{report:#}"
    );
    assert!(hint(&report, "code.wiring").contains("convex-authjs init"), "{report:#}");
    // Rendered by a layout of the user's below the root one, as the setup guide has it: wired.
    std::fs::create_dir_all(root.join("app/loggedin")).unwrap();
    let nested = "import ConvexClientProvider from \"../ConvexClientProvider\";\n\nexport default function L({ children }: { children: React.ReactNode }) {\n  return <ConvexClientProvider>{children}</ConvexClientProvider>;\n}\n";
    std::fs::write(root.join("app/loggedin/layout.tsx"), nested).unwrap();
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "code.wiring"), "pass", "{report:#}");
    assert!(summary(&report, "code.wiring").starts_with("app/loggedin/layout.tsx renders"), "{report:#}");

    // jose 5, as the setup guide's template has it: the code does not build.
    edit("node_modules/jose/package.json", "6.1.0", "5.2.4");
    let (code, report) = s.report(&[]);
    assert_eq!((code, status(&report, "code.packages")), (Some(1), "fail"), "{report:#}");
    assert!(summary(&report, "code.packages").contains("jose 5.2.4 (installed) is too old"), "{report:#}");
    assert!(hint(&report, "code.packages").contains("npm install jose@^6"), "{report:#}");
    // Listed at a good version, not installed: a warning with the command.
    std::fs::remove_dir_all(root.join("node_modules/jose")).unwrap();
    edit("package.json", "\"jose\":\"6.1.0\"", "\"jose\":\"^6.1.0\"");
    let (code, report) = s.report(&[]);
    assert_eq!((code, status(&report, "code.packages")), (Some(0), "warn"), "{report:#}");
    assert!(summary(&report, "code.packages").contains("jose listed in package.json but not installed"), "{report:#}");
    assert_eq!(hint(&report, "code.packages"), "run `npm install`");
}

#[test]
fn a_healthy_deployment_without_an_admin_key_skips_only_the_variables() {
    let s = Scene::healthy(false).with_code();
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(0), "{report:#}");
    for id in IDS {
        let expected = if id == "deployment.env" { "skip" } else { "pass" };
        assert_eq!(status(&report, id), expected, "{id}: {report:#}");
    }
    assert!(check(&report, "deployment.env")["summary"].as_str().unwrap().contains("CONVEX_DEPLOY_KEY"));
}

/// Each fault: what to break, the check that must fail, and words its summary or hint must hold.
#[test]
fn each_fault_fails_exactly_its_root_check() {
    type Case = (&'static str, fn(&FakeDeployment), &'static str, &'static str, &'static [&'static str]);
    let cases: Vec<Case> = vec![
        (
            "issuer with a trailing slash",
            |f| f.with(|s| s.site.issuer = Some(format!("{}/", s.site_url))),
            "site.discovery",
            "trailing slash",
            &["site.jwks", "keys.match", "token.local", "token.convex"],
        ),
        (
            "JWKS as text/plain",
            |f| f.with(|s| s.site.jwks_content_type = "text/plain;charset=UTF-8".into()),
            "site.jwks",
            "Content-Type",
            &["keys.match", "token.local", "token.convex"],
        ),
        (
            "discovery 404",
            |f| f.with(|s| s.site.discovery = Page::NotFound),
            "site.discovery",
            "answered 404",
            &["site.jwks", "token.convex"],
        ),
        (
            "discovery as HTML",
            |f| f.with(|s| s.site.discovery = Page::Html),
            "site.discovery",
            "not JSON",
            &["site.jwks"],
        ),
        (
            "JWKS 500",
            |f| f.with(|s| s.site.jwks_status = 500),
            "site.jwks",
            "answered 500",
            &["keys.match", "token.convex"],
        ),
        (
            "JWKS from another key pair",
            |f| {
                let other = support::local_setup(project().path(), "").2;
                f.set_env("JWKS", &other);
            },
            "keys.match",
            "different key pairs",
            &["token.local", "token.convex"],
        ),
        (
            "auth.config.ts domain not matching",
            |f| f.with(|s| s.auth_domain = Some("https://elsewhere.example".into())),
            "token.convex",
            "auth.config.ts",
            &[],
        ),
        (
            "secret missing on the deployment",
            |f| {
                f.with(|s| {
                    s.env.remove("CONVEX_AUTH_ADAPTER_SECRET");
                })
            },
            "adapter.secret",
            "has no CONVEX_AUTH_ADAPTER_SECRET",
            &[],
        ),
        (
            "wrong secret on the deployment",
            |f| f.set_env("CONVEX_AUTH_ADAPTER_SECRET", "someone-elses-secret-value-0123456789"),
            "adapter.secret",
            "differs",
            &[],
        ),
        (
            "adapter not deployed",
            |f| f.with(|s| s.adapter = Adapter::Missing),
            "adapter.secret",
            "not deployed",
            &["adapter.rejects_wrong_secret"],
        ),
        (
            "adapter accepting any secret",
            |f| f.with(|s| s.adapter = Adapter::AcceptsAnySecret),
            "adapter.rejects_wrong_secret",
            "anyone can read your users table",
            &[],
        ),
        (
            "production-redacted errors",
            |f| {
                f.with(|s| {
                    s.redacted = true;
                    s.env.insert("CONVEX_AUTH_ADAPTER_SECRET".into(), "x".repeat(40));
                })
            },
            "adapter.secret",
            "deployment.env",
            &[],
        ),
    ];
    for (name, breakage, failing, words, skipped) in cases {
        let s = Scene::healthy(false);
        breakage(&s.fake);
        let (code, report) = s.report(&[]);
        assert_eq!(code, Some(1), "{name}: {report:#}");
        assert_eq!(report["ok"], false);
        let failed = failed(&report);
        assert_eq!(failed, [failing], "{name}: only the root cause fails: {report:#}");
        let text = format!("{} {}", check(&report, failing)["summary"], check(&report, failing)["hint"]);
        assert!(text.contains(words), "{name}: {text}");
        for id in skipped {
            assert_eq!(status(&report, id), "skip", "{name}: {id} depends on {failing}");
        }
    }
}

#[test]
fn production_redaction_is_told_apart_by_deployment_env_with_an_admin_key() {
    let s = Scene::healthy(true);
    s.fake.with(|st| {
        st.redacted = true;
        st.env.insert("CONVEX_AUTH_ADAPTER_SECRET".into(), "y".repeat(40));
    });
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(status(&report, "adapter.secret"), "fail");
    assert_eq!(status(&report, "deployment.env"), "fail");
    assert!(
        check(&report, "deployment.env")["summary"].as_str().unwrap().contains("CONVEX_AUTH_ADAPTER_SECRET differs")
    );
}

#[test]
fn a_hung_site_is_bounded_by_the_timeout() {
    let s = Scene::healthy(true);
    // What the same run takes with nothing hanging, on this machine at this moment.
    let start = Instant::now();
    let (code, _) = s.report(&["--timeout", "2"]);
    let baseline = start.elapsed();
    assert_eq!(code, Some(0));
    s.fake.with(|st| st.site.hang = true);
    let start = Instant::now();
    let (code, report) = s.report(&["--timeout", "2"]);
    let took = start.elapsed();
    // Bounded by --timeout once: the checks run at once, so the run takes the timeout plus what
    // a healthy run takes, not the timeout again for each check that waits on the site (4 s and
    // more). Half the timeout again, and the baseline three times over, leave room for a loaded
    // machine, on which the baseline grows too.
    assert!(took < Duration::from_secs(3) + baseline * 3, "took {took:?}, a healthy run {baseline:?}");
    assert_eq!(code, Some(1));
    assert_eq!(status(&report, "site.discovery"), "fail");
    assert!(check(&report, "site.discovery")["summary"].as_str().unwrap().contains("timed out"));
    assert_eq!(status(&report, "adapter.secret"), "pass", "independent checks still ran");
}

#[test]
fn an_api_that_redirects_never_carries_a_secret_to_another_port() {
    let s = Scene::healthy(false);
    let elsewhere = FakeDeployment::start();
    s.fake.set_fault(Fault::Redirect(format!("{}/api/query", elsewhere.url)));
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(status(&report, "adapter.secret"), "fail");
    assert!(check(&report, "adapter.secret")["summary"].as_str().unwrap().contains("redirected"));
    assert!(elsewhere.requests().is_empty(), "the other port saw nothing");
}

#[test]
fn same_origin_discovery_redirects_are_followed_and_said() {
    let s = Scene::healthy(false);
    let moved = format!("{}/moved/openid-configuration", s.fake.site_url);
    s.fake.with(|st| st.site.redirect_discovery = Some(moved.clone()));
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(0), "{report:#}");
    let summary = check(&report, "site.discovery")["summary"].as_str().unwrap();
    assert!(summary.contains(&format!("redirected within the same origin to {moved}")), "{summary}");

    let target = format!("{}/.well-known/openid-configuration?v=2", s.fake.site_url);
    s.fake.with(|st| st.site.redirect_discovery = Some(target.clone()));
    // The redirect target is the same route, which would redirect again: serve it once.
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(1), "a redirect loop is refused: {report:#}");
    assert!(check(&report, "site.discovery")["summary"].as_str().unwrap().contains("redirects too many times"));
    let other_origin = FakeDeployment::start();
    s.fake.with(|st| {
        st.site.redirect_discovery = Some(format!("{}/.well-known/openid-configuration", other_origin.site_url))
    });
    let (_, report) = s.report(&[]);
    assert!(check(&report, "site.discovery")["summary"].as_str().unwrap().contains("another origin"));
}

#[test]
fn local_faults_fail_their_own_check() {
    let s = Scene::healthy(false);
    let env = s.dir.path().join(".env.local");
    let original = std::fs::read_to_string(&env).unwrap();
    let escaped = s.pem.replace('\n', "\\n");
    let cases = [
        (
            original
                .replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
                .replace("END PRIVATE KEY", "END RSA PRIVATE KEY"),
            "env.private_key",
            "PKCS#1",
        ),
        (original.replace(&format!("\"{escaped}\""), &format!("'{escaped}'")), "env.private_key", "literal \\n"),
        (
            original
                .lines()
                .filter(|l| !l.starts_with("CONVEX_AUTH_ADAPTER_SECRET"))
                .map(|l| format!("{l}\n"))
                .collect(),
            "env.adapter_secret",
            "not set",
        ),
    ];
    for (text, failing, words) in cases {
        std::fs::write(&env, &text).unwrap();
        let (code, report) = s.report(&[]);
        assert_eq!(code, Some(1));
        assert_eq!(status(&report, failing), "fail", "{report:#}");
        assert!(check(&report, failing)["summary"].as_str().unwrap().contains(words), "{report:#}");
        if failing == "env.private_key" {
            for id in ["keys.match", "token.local", "token.convex"] {
                assert_eq!(status(&report, id), "skip");
            }
        } else {
            assert_eq!(status(&report, "adapter.secret"), "skip");
            assert_eq!(status(&report, "adapter.rejects_wrong_secret"), "pass");
        }
    }
}

/// The setup guide's session callback, as the user copied it into `auth.ts`.
const GUIDE_SIGNER: &str = r#"import { SignJWT, importPKCS8 } from "jose";
const CONVEX_SITE_URL = process.env.NEXT_PUBLIC_CONVEX_URL!.replace(/.cloud$/, ".site");
export async function sign(userId: string) {
  const privateKey = await importPKCS8(process.env.CONVEX_AUTH_PRIVATE_KEY!, "RS256");
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(CONVEX_SITE_URL)
    .setAudience("convex")
    .sign(privateKey);
}
"#;

/// On a local or self-hosted deployment the guide's `.cloud` → `.site` issuer is wrong: doctor
/// reads the project's signer and warns, the same with and without --prod, and stops once the
/// signer uses the site URL.
#[test]
fn the_template_issuer_is_warned_about_until_the_signer_is_fixed() {
    let s = Scene::healthy(true);
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "env.convex_url"), "pass", "no signer found, nothing to say: {report:#}");

    std::fs::write(s.dir.path().join("auth.ts"), GUIDE_SIGNER).unwrap();
    let prod = ["--prod", "--url", &s.fake.url, "--admin-key", ADMIN_KEY];
    for args in [&[][..], &prod[..]] {
        let (code, report) = s.report(args);
        assert_eq!(code, Some(0), "a warning is not a failure");
        assert_eq!(status(&report, "env.convex_url"), "warn", "{args:?}: {report:#}");
        let hint = check(&report, "env.convex_url")["hint"].as_str().unwrap();
        assert!(hint.contains("auth.ts") && hint.contains("NEXT_PUBLIC_CONVEX_SITE_URL"), "{hint}");
    }

    let fixed = GUIDE_SIGNER.replace(
        r#"process.env.NEXT_PUBLIC_CONVEX_URL!.replace(/.cloud$/, ".site")"#,
        "process.env.NEXT_PUBLIC_CONVEX_SITE_URL!",
    );
    std::fs::write(s.dir.path().join("auth.ts"), fixed).unwrap();
    for args in [&[][..], &prod[..]] {
        let (_, report) = s.report(args);
        assert_eq!(status(&report, "env.convex_url"), "pass", "{args:?}: {report:#}");
        let summary = check(&report, "env.convex_url")["summary"].as_str().unwrap().to_string();
        assert!(summary.contains("takes its issuer from NEXT_PUBLIC_CONVEX_SITE_URL"), "{summary}");
    }
}

/// An app whose session callback signs as the setup guide's does (no kid, the `.cloud` →
/// `.site` issuer): code.signer names both, with init as the fix; after init, the callback
/// calls init's signer and the check passes.
#[test]
fn the_guides_signer_is_named_with_init_as_the_fix() {
    let s = Scene::healthy(true);
    let root = s.dir.path();
    let fixture = support::adapter::fixture("signs-by-itself");
    for entry in std::fs::read_dir(fixture.path()).unwrap() {
        let entry = entry.unwrap();
        std::fs::rename(entry.path(), root.join(entry.file_name())).unwrap();
    }
    support::append_env(root, &format!("NEXT_PUBLIC_CONVEX_SITE_URL={}", s.fake.site_url));
    // Before init: the guide's signer, beside init's other files (so that the other checks
    // have something to read).
    let auth = std::fs::read_to_string(root.join("auth.ts")).unwrap();
    assert!(bin(root).args(["init", "--yes"]).output().unwrap().status.success());
    let upgraded = std::fs::read_to_string(root.join("auth.ts")).unwrap();
    std::fs::write(root.join("auth.ts"), &auth).unwrap();
    std::fs::remove_file(root.join("app/convexToken.ts")).unwrap();
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "code.signer"), "warn", "{report:#}");
    let signer = check(&report, "code.signer");
    let summary = signer["summary"].as_str().unwrap();
    assert!(summary.contains("auth.ts sends no kid"), "{summary}");
    assert!(signer["hint"].as_str().unwrap().contains("run `convex-authjs init`"), "{signer}");
    // The fix, as it says.
    assert!(bin(root).args(["init", "--yes"]).output().unwrap().status.success());
    assert_eq!(std::fs::read_to_string(root.join("auth.ts")).unwrap(), upgraded);
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "code.signer"), "pass", "{report:#}");
}

#[test]
fn doctor_cannot_run_without_a_deployment_url() {
    let dir = project();
    local_setup(dir.path(), "");
    let out = bin(dir.path()).arg("doctor").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no deployment URL"));
    let out = bin(dir.path())
        .args(["doctor", "--prod"])
        .env("NEXT_PUBLIC_CONVEX_URL", "https://x.convex.cloud")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--prod needs the production deployment's URL"));
    let out = bin(dir.path()).args(["doctor", "--timeout", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_human_report() {
    let s = Scene::healthy(false);
    s.fake.with(|st| st.site.jwks_content_type = "text/plain".into());
    let out = s.doctor(&["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert_data_eq!(
        String::from_utf8(out.stdout).unwrap(),
        str![[r#"
convex-authjs doctor: http://127.0.0.1:[..]
  pass  env.convex_url                http://127.0.0.1:[..] from CONVEX_URL in .env.local; site http://127.0.0.1:[..]
  pass  env.private_key               RSA 2048-bit PKCS#8 key from .env.local (key id [..])
  pass  env.adapter_secret            set in .env.local (44 characters)
  skip  code.schema                   no Convex folder here (convex/)
  skip  code.adapter                  no Convex folder here (convex/)
  skip  code.routes                   no Convex folder here (convex/)
  skip  code.provider                 no Convex folder here (convex/)
  skip  code.signer                   no Convex folder here (convex/)
  skip  code.sign_in                  no Convex folder here (convex/)
  skip  code.wiring                   no Convex folder here (convex/)
  skip  code.packages                 no Convex folder here (convex/)
  pass  site.discovery                issuer http://127.0.0.1:[..], jwks_uri http://127.0.0.1:[..]/.well-known/jwks.json
  fail  site.jwks                     http://127.0.0.1:[..]/.well-known/jwks.json is served as text/plain, which Convex refuses
                                      hint: in convex/http.ts return new Response(process.env.JWKS, { headers: { "Content-Type": "application/json" } })
  skip  keys.match                    needs site.jwks to pass first
  skip  token.local                   needs site.jwks to pass first
  skip  token.convex                  needs token.local to pass first
  pass  adapter.secret                authAdapter:getUserByEmail accepted the secret from .env.local
  pass  adapter.rejects_wrong_secret  authAdapter:getUserByEmail refused a wrong secret
  skip  deployment.env                needs an admin key: set CONVEX_DEPLOY_KEY, or pass --admin-key, to compare the deployment's variables
6 passed, 0 warned, 1 failed, 12 skipped

"#]]
    );
}

#[test]
fn the_json_report() {
    let s = Scene::healthy(false);
    s.fake.with(|st| st.adapter = Adapter::Missing);
    let out = s.doctor(&["--json"]);
    assert_eq!(out.status.code(), Some(1));
    // Durations vary run to run: redact them in the text, keeping the document's own order.
    let text = String::from_utf8(out.stdout).unwrap();
    let redacted = regex::Regex::new(r#""ms": \d+"#).unwrap().replace_all(&text, r#""ms": 0"#);
    assert_data_eq!(
        redacted.into_owned(),
        str![[r#"
{
  "ok": false,
  "checks": [
    {
      "id": "env.convex_url",
      "status": "pass",
      "summary": "http://127.0.0.1:[..] from CONVEX_URL in .env.local; site http://127.0.0.1:[..]",
      "ms": 0
    },
    {
      "id": "env.private_key",
      "status": "pass",
      "summary": "RSA 2048-bit PKCS#8 key from .env.local (key id [..])",
      "ms": 0
    },
    {
      "id": "env.adapter_secret",
      "status": "pass",
      "summary": "set in .env.local (44 characters)",
      "ms": 0
    },
    {
      "id": "code.schema",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.adapter",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.routes",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.provider",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.signer",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.sign_in",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.wiring",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "code.packages",
      "status": "skip",
      "summary": "no Convex folder here (convex/)",
      "ms": 0
    },
    {
      "id": "site.discovery",
      "status": "pass",
      "summary": "issuer http://127.0.0.1:[..], jwks_uri http://127.0.0.1:[..]/.well-known/jwks.json",
      "ms": 0
    },
    {
      "id": "site.jwks",
      "status": "pass",
      "summary": "1 key(s), 1 usable for RS256",
      "ms": 0
    },
    {
      "id": "keys.match",
      "status": "pass",
      "summary": "the served JWKS holds your key (key id [..])",
      "ms": 0
    },
    {
      "id": "token.local",
      "status": "pass",
      "summary": "a token for iss http://127.0.0.1:[..], aud convex, without kid verifies against the served key",
      "ms": 0
    },
    {
      "id": "token.convex",
      "status": "pass",
      "summary": "Convex accepted a token signed like your Next.js server signs it (iss http://127.0.0.1:[..])",
      "ms": 0
    },
    {
      "id": "adapter.secret",
      "status": "fail",
      "summary": "the adapter is not deployed: authAdapter:getUserByEmail does not exist",
      "hint": "add convex/authAdapter.ts (the setup guide's), then save it while `npx convex dev` runs, or run `npx convex dev --once`; if yours has another name, pass --adapter-module NAME",
      "ms": 0
    },
    {
      "id": "adapter.rejects_wrong_secret",
      "status": "skip",
      "summary": "the adapter is not deployed (see adapter.secret)",
      "ms": 0
    },
    {
      "id": "deployment.env",
      "status": "skip",
      "summary": "needs an admin key: set CONVEX_DEPLOY_KEY, or pass --admin-key, to compare the deployment's variables",
      "ms": 0
    }
  ]
}

"#]]
    );
}

#[test]
fn several_served_keys_warn_that_tokens_need_a_kid() {
    let s = Scene::healthy(false);
    let ours: Value = serde_json::from_str(&s.fake.env()["JWKS"]).unwrap();
    let other: Value = serde_json::from_str(&support::local_setup(project().path(), "").2).unwrap();
    let both = serde_json::json!({ "keys": [ours["keys"][0], other["keys"][0]] });
    s.fake.set_env("JWKS", &both.to_string());
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(0), "{report:#}");
    assert_eq!(status(&report, "token.local"), "warn");
    assert!(check(&report, "token.local")["hint"].as_str().unwrap().contains("kid"));
    assert_eq!(status(&report, "token.convex"), "pass", "a token with kid is accepted");

    // The project's signer decides: the guide's sends no kid, so its tokens would be rejected.
    std::fs::write(s.dir.path().join("auth.ts"), GUIDE_SIGNER).unwrap();
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "token.local"), "warn");
    let summary = check(&report, "token.local")["summary"].as_str().unwrap();
    assert!(summary.contains("the signer in auth.ts sends no kid"), "{summary}");
    // One that sends kid is what a rotation needs: then all is well.
    let with_kid = GUIDE_SIGNER.replace(r#"{ alg: "RS256" }"#, r#"{ alg: "RS256", kid }"#);
    std::fs::write(s.dir.path().join("auth.ts"), with_kid).unwrap();
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "token.local"), "pass", "{report:#}");
    assert_eq!(status(&report, "token.convex"), "pass");
}

// ---- What doctor says must be true, and name the right fix ----

/// Nothing local and an empty deployment: deployment.env has nothing to compare, and says so.
#[test]
fn deployment_env_skips_when_nothing_is_set_locally() {
    let fake = FakeDeployment::start();
    let dir = project();
    let text = format!("CONVEX_SELF_HOSTED_URL={}\nCONVEX_SELF_HOSTED_ADMIN_KEY={ADMIN_KEY}\n", fake.url);
    std::fs::write(dir.path().join(".env.local"), text).unwrap();
    let out = bin(dir.path()).args(["doctor", "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status(&report, "deployment.env"), "skip", "{report:#}");
    let summary = check(&report, "deployment.env")["summary"].as_str().unwrap();
    assert!(summary.contains("CONVEX_AUTH_PRIVATE_KEY or CONVEX_AUTH_ADAPTER_SECRET"), "{summary}");

    // doctor before setup: the missing local values point to setup, not to three commands.
    for id in ["env.private_key", "env.adapter_secret"] {
        let hint = check(&report, id)["hint"].as_str().unwrap();
        assert!(hint.contains("convex-authjs setup") && !hint.contains("keys generate"), "{id}: {hint}");
    }
}

/// With only the secret local, deployment.env compares the secret and says the key was not.
#[test]
fn deployment_env_says_what_it_compared() {
    let s = Scene::healthy(true);
    let env = s.dir.path().join(".env.local");
    let text: String = std::fs::read_to_string(&env)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("CONVEX_AUTH_PRIVATE_KEY"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&env, text).unwrap();
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "deployment.env"), "pass", "{report:#}");
    let summary = check(&report, "deployment.env")["summary"].as_str().unwrap();
    assert!(summary.contains("JWKS not compared") && summary.contains("ADAPTER_SECRET equals yours"), "{summary}");
}

/// A deployment that cannot be reached is one failure; what needed it is skipped, naming it.
#[test]
fn one_outage_reads_as_one_failure() {
    let s = Scene::healthy(true);
    let env = s.dir.path().join(".env.local");
    // Both the deployment and its site on ports where nothing listens.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let text = std::fs::read_to_string(&env).unwrap().replace(&s.fake.url, &closed);
    std::fs::write(&env, text).unwrap();
    let (code, report) = s.report(&["--site-url", &closed]);
    assert_eq!(code, Some(1));
    let failed = failed(&report);
    assert_eq!(failed, ["site.discovery"], "{report:#}");
    for id in ["adapter.secret", "adapter.rejects_wrong_secret", "deployment.env"] {
        assert_eq!(status(&report, id), "skip", "{id}: {report:#}");
        let summary = check(&report, id)["summary"].as_str().unwrap();
        assert!(summary.contains("needs site.discovery") && summary.contains("cannot be reached"), "{id}: {summary}");
    }
}

/// Fixes to the Convex code are deployed with `npx convex dev` on dev, `npx convex deploy` on prod.
#[test]
fn code_fixes_name_the_right_deploy_command() {
    let s = Scene::healthy(true);
    s.fake.with(|st| st.adapter = Adapter::Missing);
    let (_, report) = s.report(&[]);
    let hint = check(&report, "adapter.secret")["hint"].as_str().unwrap();
    assert!(hint.contains("npx convex dev") && !hint.contains("npx convex deploy"), "dev: {hint}");

    let out = bin(s.dir.path())
        .args(["doctor", "--json", "--prod", "--url", &s.fake.url])
        .env("CONVEX_DEPLOY_KEY", support::fake::DEPLOY_KEY)
        .env("CONVEX_AUTH_PRIVATE_KEY", &s.pem)
        .env("CONVEX_AUTH_ADAPTER_SECRET", &s.secret)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hint = check(&report, "adapter.secret")["hint"].as_str().unwrap();
    assert!(hint.contains("npx convex deploy") && !hint.contains("npx convex dev"), "prod: {hint}");
}

/// Every label and hint names the variable or flag that was used.
#[test]
fn labels_and_hints_name_the_variable_that_was_used() {
    let s = Scene::healthy(true);
    let (_, report) = s.report(&[]);
    let summary = check(&report, "env.convex_url")["summary"].as_str().unwrap();
    assert!(summary.contains("from CONVEX_SELF_HOSTED_URL"), "{summary}");

    let wrong = "convex-self-hosted|0123456789wrongwrongwrong";
    let out = bin(s.dir.path()).args(["doctor", "--json"]).env("CONVEX_SELF_HOSTED_ADMIN_KEY", wrong).output().unwrap();
    assert_no_secrets(&out, &[wrong]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let env = check(&report, "deployment.env");
    assert_eq!(env["status"], "fail");
    assert!(env["summary"].as_str().unwrap().contains("rejected the key from CONVEX_SELF_HOSTED_ADMIN_KEY"), "{env}");
    let hint = env["hint"].as_str().unwrap();
    assert!(hint.contains("CONVEX_SELF_HOSTED_ADMIN_KEY") && !hint.contains("CONVEX_DEPLOY_KEY"), "{hint}");
}

/// At a terminal the report fits its width: summaries and hints wrap under their own indent.
#[cfg(unix)]
#[test]
fn the_report_fits_an_80_column_terminal() {
    let s = Scene::healthy(false);
    s.fake.with(|st| st.site.jwks_content_type = "text/plain".into());
    let mut session = support::at_terminal_with(s.dir.path(), &["doctor"], &[("COLUMNS", "80")]);
    let text = session.exp_eof().unwrap().replace("\r\n", "\n");
    for line in text.lines() {
        let long_word = line.split(' ').any(|w| w.len() > 42);
        assert!(line.chars().count() <= 80 || long_word, "{} columns: {line}", line.chars().count());
    }
    let ports = regex::Regex::new(r"127\.0\.0\.1:\d+").unwrap();
    let kid = regex::Regex::new(r"[A-Za-z0-9_-]{43}").unwrap();
    let text = kid.replace_all(&ports.replace_all(&text, "127.0.0.1:PORT"), "KID").into_owned();
    assert_data_eq!(
        text,
        str![[r#"
convex-authjs doctor: http://127.0.0.1:PORT
  pass  env.convex_url                http://127.0.0.1:PORT from CONVEX_URL in
                                      .env.local; site http://127.0.0.1:PORT
  pass  env.private_key               RSA 2048-bit PKCS#8 key from .env.local
                                      (key id
                                      KID)
  pass  env.adapter_secret            set in .env.local (44 characters)
  skip  code.schema                   no Convex folder here (convex/)
  skip  code.adapter                  no Convex folder here (convex/)
  skip  code.routes                   no Convex folder here (convex/)
  skip  code.provider                 no Convex folder here (convex/)
  skip  code.signer                   no Convex folder here (convex/)
  skip  code.sign_in                  no Convex folder here (convex/)
  skip  code.wiring                   no Convex folder here (convex/)
  skip  code.packages                 no Convex folder here (convex/)
  pass  site.discovery                issuer http://127.0.0.1:PORT, jwks_uri
                                      http://127.0.0.1:PORT/.well-known/jwks.json
  fail  site.jwks                     http://127.0.0.1:PORT/.well-known/jwks.json
                                      is served as text/plain, which Convex
                                      refuses
                                      hint: in convex/http.ts return new
                                            Response(process.env.JWKS, {
                                            headers: { "Content-Type":
                                            "application/json" } })
  skip  keys.match                    needs site.jwks to pass first
  skip  token.local                   needs site.jwks to pass first
  skip  token.convex                  needs token.local to pass first
  pass  adapter.secret                authAdapter:getUserByEmail accepted the
                                      secret from .env.local
  pass  adapter.rejects_wrong_secret  authAdapter:getUserByEmail refused a wrong
                                      secret
  skip  deployment.env                needs an admin key: set CONVEX_DEPLOY_KEY,
                                      or pass --admin-key, to compare the
                                      deployment's variables
6 passed, 0 warned, 1 failed, 12 skipped

"#]]
    );
}

#[test]
fn an_empty_environment_variable_is_what_the_server_sees() {
    let s = Scene::healthy(false);
    let out = bin(s.dir.path()).args(["doctor", "--json"]).env("CONVEX_AUTH_PRIVATE_KEY", "").output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status(&report, "env.private_key"), "fail");
    let summary = check(&report, "env.private_key")["summary"].as_str().unwrap();
    assert!(summary.contains("set but empty in the environment"), "{summary}");
    assert!(check(&report, "env.private_key")["hint"].as_str().unwrap().contains("unset CONVEX_AUTH_PRIVATE_KEY"));
}

/// --timeout bounds doctor's whole run, the deploy key's URL lookup included.
#[test]
fn the_timeout_bounds_the_deploy_key_lookup_too() {
    let s = Scene::healthy(false);
    // Without the bound this takes 2.5 s of lookup and then up to 3 s of checks.
    s.fake.set_delay(Duration::from_millis(2500));
    let out = bin(s.dir.path())
        .args(["doctor", "--json", "--timeout", "3"])
        .env("CONVEX_DEPLOY_KEY", support::fake::DEPLOY_KEY)
        .env("CONVEX_PROVISION_HOST", &s.fake.url)
        .output()
        .unwrap();
    // Unbounded, every check would pass in its own 3 s after the lookup; within one 3 s for
    // the whole run, the checks after the 2.5 s lookup time out.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("timed out"), "{}", stdout(&out));
}

/// A preview deployment: its own issuer (its site URL), found with its preview deploy key and
/// URL, passes with no flag beyond the deployment's URL.
#[test]
fn a_preview_deployment_passes_with_its_url_and_deploy_key() {
    let s = Scene::healthy(false).with_code();
    let env = s.dir.path().join(".env.local");
    let text: String = std::fs::read_to_string(&env)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("CONVEX_URL") && !l.starts_with("NEXT_PUBLIC_CONVEX_SITE_URL"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&env, text).unwrap();
    let out = bin(s.dir.path())
        .args(["doctor", "--json", "--url", &s.fake.url])
        .env("CONVEX_DEPLOY_KEY", support::fake::PREVIEW_DEPLOY_KEY)
        .output()
        .unwrap();
    assert_no_secrets(&out, &[&s.pem, &s.secret, support::fake::PREVIEW_DEPLOY_KEY]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    for id in IDS {
        // The signer's variables are the host's, not here: doctor says it cannot see them.
        let expected = if id == "code.signer" { "warn" } else { "pass" };
        assert_eq!(status(&report, id), expected, "{id}: {report:#}");
    }
    let signer = check(&report, "code.signer")["summary"].as_str().unwrap().to_string();
    assert!(
        signer.contains("NEXT_PUBLIC_CONVEX_SITE_URL (or NEXT_PUBLIC_CONVEX_URL), which is not set here"),
        "{signer}"
    );
}

/// The false green: the signer falls back to NEXT_PUBLIC_CONVEX_URL's `.cloud` → `.site`
/// rewrite (no NEXT_PUBLIC_CONVEX_SITE_URL, as a host that sets only NEXT_PUBLIC_CONVEX_URL),
/// which is not the deployment's site: doctor fails, naming the variable and its value.
#[test]
fn a_signer_whose_issuer_is_not_the_site_fails_naming_the_variable_to_set() {
    let s = Scene::healthy(true).with_code();
    support::append_env(s.dir.path(), &format!("NEXT_PUBLIC_CONVEX_URL={}", s.fake.url));
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(1), "{report:#}");
    assert_eq!(status(&report, "code.signer"), "fail", "{report:#}");
    let signer = check(&report, "code.signer");
    let summary = signer["summary"].as_str().unwrap();
    assert!(summary.contains(&format!("signs with iss {}", s.fake.url)), "{summary}");
    assert!(summary.contains("NEXT_PUBLIC_CONVEX_URL with .cloud → .site"), "{summary}");
    let hint = signer["hint"].as_str().unwrap();
    assert!(hint.contains(&format!("set NEXT_PUBLIC_CONVEX_SITE_URL={}", s.fake.site_url)), "{hint}");
    // With the variable set, it passes.
    support::append_env(s.dir.path(), &format!("NEXT_PUBLIC_CONVEX_SITE_URL={}", s.fake.site_url));
    let (_, report) = s.report(&[]);
    assert_eq!(status(&report, "code.signer"), "pass", "{report:#}");
}

#[test]
fn without_a_convex_folder_the_code_checks_are_skipped() {
    let s = Scene::healthy(false);
    let (_, report) = s.report(&[]);
    for id in ["code.schema", "code.adapter", "code.routes", "code.provider", "code.signer"] {
        assert_eq!(status(&report, id), "skip", "{id}");
        assert!(check(&report, id)["summary"].as_str().unwrap().contains("no Convex folder here (convex/)"));
    }
}

/// Code from the setup guide, before init: each check names exactly what is missing.
#[test]
fn the_code_checks_name_what_is_missing() {
    let s = Scene::healthy(false);
    let dir = s.dir.path();
    std::fs::create_dir_all(dir.join("convex")).unwrap();
    std::fs::create_dir_all(dir.join("app")).unwrap();
    let files = [
        (
            "convex/schema.ts",
            "import { defineSchema, defineTable } from \"convex/server\";\nexport default defineSchema({ users: defineTable({}), posts: defineTable({}) });\n",
        ),
        (
            "convex/http.ts",
            "import { httpRouter } from \"convex/server\";\nconst http = httpRouter();\nhttp.route({ path: \"/.well-known/jwks.json\", method: \"GET\", handler: jwks });\nexport default http;\n",
        ),
        (
            "convex/auth.config.ts",
            "export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: \"convex\" }] };\n",
        ),
        (
            "auth.ts",
            "const CONVEX_SITE_URL = process.env.NEXT_PUBLIC_CONVEX_URL!.replace(/.cloud$/, \".site\");\nconst key = await importPKCS8(process.env.CONVEX_AUTH_PRIVATE_KEY!, \"RS256\");\nnew SignJWT({}).setProtectedHeader({ alg: \"RS256\" }).setIssuer(CONVEX_SITE_URL);\n",
        ),
    ];
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(1));
    let summary = |id: &str| check(&report, id)["summary"].as_str().unwrap().to_string();
    assert_eq!(status(&report, "code.schema"), "fail");
    assert_eq!(
        summary("code.schema"),
        "convex/schema.ts lacks tables sessions, accounts, verificationTokens, authenticators (it already has its own users table, which Auth.js needs too)"
    );
    assert_eq!(summary("code.adapter"), "convex/authAdapter.ts is missing: no adapter functions");
    assert_eq!(
        summary("code.routes"),
        "convex/http.ts lacks route /.well-known/openid-configuration (it already serves /.well-known/jwks.json in its own way)"
    );
    assert_eq!(
        summary("code.provider"),
        "convex/auth.config.ts lacks provider with domain process.env.CONVEX_SITE_URL"
    );
    assert_eq!(status(&report, "code.signer"), "warn");
    assert!(
        summary("code.signer").contains("auth.ts takes the issuer from NEXT_PUBLIC_CONVEX_URL with .cloud → .site")
    );
    assert!(summary("code.signer").contains("auth.ts sends no kid"));
    for id in ["code.schema", "code.adapter", "code.routes", "code.provider"] {
        assert!(check(&report, id)["hint"].as_str().unwrap().contains("convex-authjs init"), "{id}");
    }
}

/// A redirect and a web page read the same in doctor's adapter check as in `env push`'s error:
/// the same sentence (but for the URL asked) and the same fix.
#[test]
fn a_redirect_and_a_web_page_read_the_same_in_doctor_and_env_push() {
    let moved = "http://127.0.0.1:9/elsewhere";
    // Only the URL asked differs: the variables' endpoint for push, the query for doctor.
    let url = regex::Regex::new(r"http://127\.0\.0\.1:\d+/api/[a-z0-9_/]+").unwrap();
    let same = |text: &str| url.replace_all(text, "URL").into_owned();
    for fault in [Fault::Redirect(moved.into()), Fault::Html] {
        let s = Scene::healthy(true);
        s.fake.set_fault(fault.clone());
        let push = bin(s.dir.path()).args(["env", "push", "--yes"]).output().unwrap();
        let err = stderr(&push);
        let said = |prefix: &str| err.lines().find_map(|l| l.strip_prefix(prefix)).unwrap_or_default().to_string();
        let (push_message, push_hint) = (said("convex-authjs: error: "), said("hint: "));
        let (_, report) = s.report(&[]);
        let adapter = check(&report, "adapter.secret");
        assert_eq!(same(adapter["summary"].as_str().unwrap()), same(&push_message), "{fault:?}: {err}");
        assert_eq!(adapter["hint"].as_str().unwrap(), push_hint, "{fault:?}");
    }
}

/// Code in the project that the deployment does not have yet reads as written but not
/// deployed, with the command that deploys it, not as files to add.
#[test]
fn code_written_but_not_deployed_says_so() {
    let s = Scene::healthy(true).with_code();
    s.fake.with(|st| {
        st.site.discovery = Page::NotFound;
        st.adapter = Adapter::Missing;
    });
    let (code, report) = s.report(&[]);
    assert_eq!(code, Some(1));
    for id in ["code.routes", "code.adapter"] {
        assert_eq!(status(&report, id), "pass", "{id}: {report:#}");
    }
    for id in ["site.discovery", "adapter.secret"] {
        assert_eq!(status(&report, id), "fail", "{id}: {report:#}");
        let hint = check(&report, id)["hint"].as_str().unwrap();
        assert!(hint.starts_with("written but not deployed") && hint.contains("npx convex dev --once"), "{id}: {hint}");
    }
    // Without the code in the project, the hint is to add it.
    let bare = Scene::healthy(true);
    bare.fake.with(|st| st.site.discovery = Page::NotFound);
    let (_, report) = bare.report(&[]);
    assert!(check(&report, "site.discovery")["hint"].as_str().unwrap().starts_with("add or fix the route"));
}

/// GitHub's workflow commands, read back as the runner reads them: `::kind props::message`,
/// `%25`, `%0D`, `%0A` (and in properties `%3A`, `%2C`) unescaped.
/// A workflow command: its kind, its properties, its message.
type WorkflowCommand = (String, Vec<(String, String)>, String);

fn workflow_commands(stdout: &str) -> Vec<WorkflowCommand> {
    let unescape = |s: &str| {
        s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
    };
    stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("::")?;
            let (head, message) = rest.split_once("::")?;
            let (kind, props) = head.split_once(' ').unwrap_or((head, ""));
            let props = props
                .split(',')
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.split_once('=').map(|(k, v)| (k.to_string(), unescape(v))))
                .collect();
            Some((kind.to_string(), props, unescape(message)))
        })
        .collect()
}

/// Under GitHub Actions doctor adds an annotation per failed or warned check (placed at the
/// file for the code checks) and a table to the step summary; the plain report stays as it was.
#[test]
fn under_github_actions_doctor_annotates_and_summarises() {
    let s = Scene::healthy(true);
    std::fs::create_dir_all(s.dir.path().join("convex")).unwrap();
    s.fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", "another-secret-entirely-0000000000000000000");
    let summary = s.dir.path().join("summary.md");
    let run = |github: bool| {
        let mut cmd = bin(s.dir.path());
        cmd.arg("doctor");
        if github {
            cmd.env("GITHUB_ACTIONS", "true").env("GITHUB_STEP_SUMMARY", &summary);
        }
        cmd.output().unwrap()
    };
    let plain = run(false);
    let out = run(true);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with(&stdout(&plain)), "the report first, as without GitHub:\n{text}");
    let commands = workflow_commands(&text);
    let (_, report) = s.report(&[]);
    let failed: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "fail")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let errors: Vec<&WorkflowCommand> = commands.iter().filter(|c| c.0 == "error").collect();
    assert_eq!(errors.len(), failed.len().min(10), "{text}");
    for (_, props, message) in &errors {
        let title = props.iter().find(|(k, _)| k == "title").map(|(_, v)| v.as_str()).unwrap();
        let check = check(&report, title);
        assert_eq!(
            message,
            &format!("{}\nhint: {}", check["summary"].as_str().unwrap(), check["hint"].as_str().unwrap())
        );
        if title.starts_with("code.") {
            let file = props.iter().find(|(k, _)| k == "file").map(|(_, v)| v.as_str());
            assert_eq!(file, check["file"].as_str(), "{title}");
        }
    }
    assert!(errors.iter().any(|(_, p, _)| p.iter().any(|(k, v)| k == "file" && v == "convex/schema.ts")), "{text}");
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(table.contains("| check | status | summary |"), "{table}");
    assert_eq!(table.lines().filter(|l| l.starts_with("| `")).count(), report["checks"].as_array().unwrap().len());
}

/// --junit writes one test case per check, read here by an XML reader of its own (roxmltree).
#[test]
fn junit_has_a_test_case_per_check() {
    let s = Scene::healthy(true);
    s.fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", "another-secret-entirely-0000000000000000000");
    let file = s.dir.path().join("doctor.xml");
    let (code, report) = s.report(&["--junit", file.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    let xml = std::fs::read_to_string(&file).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    let checks = report["checks"].as_array().unwrap();
    assert_eq!(cases.len(), checks.len());
    for (case, check) in cases.iter().zip(checks) {
        assert_eq!(case.attribute("name"), check["id"].as_str());
        let has = |tag: &str| case.children().any(|n| n.has_tag_name(tag));
        assert_eq!(has("failure"), check["status"] == "fail", "{check}");
        assert_eq!(has("skipped"), check["status"] == "skip", "{check}");
        if check["status"] == "fail" {
            let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
            assert_eq!(failure.attribute("message"), check["summary"].as_str());
        }
    }
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    let failed = checks.iter().filter(|c| c["status"] == "fail").count().to_string();
    assert_eq!(suite.attribute("failures"), Some(failed.as_str()));
}

/// The same file, read by the `junitparser` Python package (what CI dashboards' importers are
/// written against), installed from PyPI once into the target folder.
#[cfg_attr(not(feature = "interop"), ignore = "interop tier: needs python3 and pip (cargo test --features interop)")]
#[test]
fn junit_is_read_by_junitparser() {
    let site = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("junitparser-3.2.0");
    if !site.join("junitparser").exists() {
        let status = std::process::Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--root-user-action=ignore"])
            .args(["--no-deps", "--target"])
            .arg(&site)
            .arg("junitparser==3.2.0")
            .status()
            .expect("python3 runs");
        assert!(status.success(), "pip installs junitparser");
    }
    let s = Scene::healthy(true);
    s.fake.set_env("CONVEX_AUTH_ADAPTER_SECRET", "another-secret-entirely-0000000000000000000");
    let file = s.dir.path().join("doctor.xml");
    let (_, report) = s.report(&["--junit", file.to_str().unwrap()]);
    let script = r#"
import json, sys
from junitparser import JUnitXml
cases = []
for suite in JUnitXml.fromfile(sys.argv[1]):
    for case in suite:
        cases.append({"name": case.name, "results": [[type(r).__name__, r.message] for r in case.result]})
    failures = suite.failures
print(json.dumps({"failures": failures, "cases": cases}))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .env("PYTHONPATH", &site)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let read: Value = serde_json::from_slice(&out.stdout).unwrap();
    let checks = report["checks"].as_array().unwrap();
    let cases = read["cases"].as_array().unwrap();
    assert_eq!(cases.len(), checks.len());
    for (case, check) in cases.iter().zip(checks) {
        assert_eq!(case["name"], check["id"]);
        let expected = match check["status"].as_str().unwrap() {
            "fail" => serde_json::json!([["Failure", check["summary"]]]),
            "skip" => serde_json::json!([["Skipped", check["summary"]]]),
            _ => serde_json::json!([]),
        };
        assert_eq!(case["results"], expected, "{check}");
    }
    let failed = checks.iter().filter(|c| c["status"] == "fail").count();
    assert_eq!(read["failures"], failed);
}
