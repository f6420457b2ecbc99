//! The app's own source files, read (never changed here) for what doctor must know about the
//! code that signs Convex tokens: which issuer it uses and whether it sends a `kid`.
//!
//! This is a reading for a diagnosis, not a parse for an edit: a file that signs Convex tokens
//! names `CONVEX_AUTH_PRIVATE_KEY` and calls jose's `setIssuer`, as the setup guide's session
//! callback does; what it passes there is told by the variables it names.

use std::path::{Path, PathBuf};

use crate::source_files::Sources;

/// Where the signer takes its issuer (`iss`) from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issuer {
    /// A site URL variable (`NEXT_PUBLIC_CONVEX_SITE_URL` or `CONVEX_SITE_URL`); where it is
    /// unset, the `.cloud` → `.site` rewrite of `NEXT_PUBLIC_CONVEX_URL` when the file falls
    /// back to it (init's `convexToken.ts` does).
    SiteUrl { var: &'static str, falls_back: bool },
    /// The setup guide's `NEXT_PUBLIC_CONVEX_URL.replace(/.cloud$/, ".site")`, which is right
    /// only for `*.convex.cloud` deployments.
    Template,
    /// Something we cannot tell from the file.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// Relative to the project folder.
    pub path: PathBuf,
    pub issuer: Issuer,
    pub sends_kid: bool,
}

/// The first file (in path order) that signs Convex tokens, if any.
pub fn find_signer(project: &Path) -> Option<Signer> {
    Sources::of(project).files().find_map(|file| {
        let signer = read_signer(file.text()?)?;
        Some(Signer { path: file.path.strip_prefix(project).unwrap_or(file.path).to_path_buf(), ..signer })
    })
}

/// What a file's text says about its signer, when it has one.
fn read_signer(text: &str) -> Option<Signer> {
    if !text.contains("CONVEX_AUTH_PRIVATE_KEY") || !text.contains("setIssuer(") {
        return None;
    }
    let rewrites = text.contains(".replace(") && text.contains("cloud") && text.contains("NEXT_PUBLIC_CONVEX_URL");
    let issuer = if text.contains("CONVEX_SITE_URL") && !only_as_a_name_for_the_template(text) {
        let var = if text.contains("env.NEXT_PUBLIC_CONVEX_SITE_URL") {
            "NEXT_PUBLIC_CONVEX_SITE_URL"
        } else {
            "CONVEX_SITE_URL"
        };
        Issuer::SiteUrl { var, falls_back: rewrites }
    } else if rewrites {
        Issuer::Template
    } else {
        Issuer::Unknown
    };
    let sends_kid = text
        .match_indices("setProtectedHeader(")
        .any(|(at, _)| text[at..].split_once(')').is_some_and(|(args, _)| args.contains("kid")));
    Some(Signer { path: PathBuf::new(), issuer, sends_kid })
}

/// The issuer a signer puts in its tokens, worked out from the values the Next.js server loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effective {
    /// This issuer, and where it comes from, in words.
    Known { iss: String, from: String },
    /// The variables it reads are not set here (the signer throws without them).
    Unset { vars: String },
    /// An issuer of the file's own, which doctor cannot follow.
    Unknown,
}

/// What `signer` signs with, given the values `get` gives (as Next.js loads them).
pub fn effective_issuer(signer: &Signer, get: &dyn Fn(&str) -> Option<String>) -> Effective {
    // jose's setIssuer takes the string as it is; init's signer drops one trailing slash.
    let trimmed = |v: String| v.strip_suffix('/').map(str::to_string).unwrap_or(v);
    let rewrite = || {
        get("NEXT_PUBLIC_CONVEX_URL").map(|url| Effective::Known {
            iss: super::rules::template_issuer(&trimmed(url)),
            from: "NEXT_PUBLIC_CONVEX_URL with .cloud → .site".into(),
        })
    };
    match signer.issuer {
        Issuer::SiteUrl { var, falls_back } => match get(var) {
            Some(site) => Effective::Known { iss: trimmed(site), from: var.into() },
            None if falls_back => {
                rewrite().unwrap_or(Effective::Unset { vars: format!("{var} (or NEXT_PUBLIC_CONVEX_URL)") })
            }
            None => Effective::Unset { vars: var.into() },
        },
        Issuer::Template => rewrite().unwrap_or(Effective::Unset { vars: "NEXT_PUBLIC_CONVEX_URL".into() }),
        Issuer::Unknown => Effective::Unknown,
    }
}

/// The setup guide names the template's result `CONVEX_SITE_URL` (`const CONVEX_SITE_URL =
/// process.env.NEXT_PUBLIC_CONVEX_URL!.replace(...)`): that is the template, not the variable.
fn only_as_a_name_for_the_template(text: &str) -> bool {
    !text.contains("env.NEXT_PUBLIC_CONVEX_SITE_URL") && !text.contains("env.CONVEX_SITE_URL")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = r#"
const CONVEX_SITE_URL = process.env.NEXT_PUBLIC_CONVEX_URL!.replace(
  /.cloud$/,
  ".site",
);
      const privateKey = await importPKCS8(process.env.CONVEX_AUTH_PRIVATE_KEY!, "RS256");
      const convexToken = await new SignJWT({ sub: session.userId })
        .setProtectedHeader({ alg: "RS256" })
        .setIssuedAt()
        .setIssuer(CONVEX_SITE_URL)
"#;

    #[test]
    fn the_guide_signer_uses_the_template_and_no_kid() {
        let signer = read_signer(GUIDE).unwrap();
        assert_eq!((signer.issuer, signer.sends_kid), (Issuer::Template, false));
    }

    #[test]
    fn a_signer_on_the_site_url_with_kid() {
        let text = GUIDE
            .replace(
                "process.env.NEXT_PUBLIC_CONVEX_URL!.replace(\n  /.cloud$/,\n  \".site\",\n)",
                "process.env.NEXT_PUBLIC_CONVEX_SITE_URL!",
            )
            .replace("{ alg: \"RS256\" }", "{ alg: \"RS256\", kid }");
        let signer = read_signer(&text).unwrap();
        let site = Issuer::SiteUrl { var: "NEXT_PUBLIC_CONVEX_SITE_URL", falls_back: false };
        assert_eq!((signer.issuer, signer.sends_kid), (site, true));
    }

    #[test]
    fn the_issuer_is_worked_out_from_the_values_next_js_loads() {
        let init = read_signer(include_str!("../init/templates/convexToken.ts")).unwrap();
        assert_eq!(init.issuer, Issuer::SiteUrl { var: "NEXT_PUBLIC_CONVEX_SITE_URL", falls_back: true });
        let values = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let known = |iss: &str, from: &str| Effective::Known { iss: iss.into(), from: from.into() };
        let site =
            values(&[("NEXT_PUBLIC_CONVEX_SITE_URL", "http://127.0.0.1:3211/"), ("NEXT_PUBLIC_CONVEX_URL", "x")]);
        assert_eq!(effective_issuer(&init, &site), known("http://127.0.0.1:3211", "NEXT_PUBLIC_CONVEX_SITE_URL"));
        // The false green: without the site URL, the fallback signs for a rewrite Convex may not know.
        let url_only = values(&[("NEXT_PUBLIC_CONVEX_URL", "http://127.0.0.1:3210")]);
        let rewritten = known("http://127.0.0.1:3210", "NEXT_PUBLIC_CONVEX_URL with .cloud → .site");
        assert_eq!(effective_issuer(&init, &url_only), rewritten);
        assert!(matches!(effective_issuer(&init, &values(&[])), Effective::Unset { .. }));
        let guide = read_signer(GUIDE).unwrap();
        let cloud = values(&[("NEXT_PUBLIC_CONVEX_URL", "https://happy-otter-123.convex.cloud")]);
        assert_eq!(
            effective_issuer(&guide, &cloud),
            known("https://happy-otter-123.convex.site", "NEXT_PUBLIC_CONVEX_URL with .cloud → .site")
        );
    }

    #[test]
    fn files_without_a_signer_are_not_one() {
        assert_eq!(read_signer("export const x = process.env.CONVEX_AUTH_PRIVATE_KEY;"), None);
        assert_eq!(read_signer("new SignJWT({}).setIssuer(\"x\")"), None);
    }

    #[test]
    fn the_signer_is_found_in_the_app_folders_and_not_in_node_modules() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("node_modules/x")).unwrap();
        std::fs::write(dir.path().join("node_modules/x/auth.ts"), GUIDE).unwrap();
        assert_eq!(find_signer(dir.path()), None);
        std::fs::create_dir_all(dir.path().join("src/app")).unwrap();
        std::fs::write(dir.path().join("src/app/auth.ts"), GUIDE).unwrap();
        let signer = find_signer(dir.path()).unwrap();
        assert_eq!(signer.path, Path::new("src/app/auth.ts"));
    }
}
