//! The one place where the domain's errors become what a user reads: a message, the fixes we
//! know, and an exit code. A failure reads the same in `env push`, `setup` and `doctor`, whose
//! checks take their hints from here too.

use crate::convex::api::ApiError;
use crate::convex::npx::NpxError;
use crate::deployment::urls::UrlError;
use crate::deployment::{KeySource, SelectionError};
use crate::dotenv::{EditError, FileError};
use crate::failure::{Exit, Failure};
use crate::http::HttpError;
use crate::init::{InitError, LayoutError};
use crate::keys::KeyProblem;
use crate::local_env::{LocalEnvError, Source, ValueError};
use crate::push::PushError;
use crate::vars::{ADAPTER_SECRET, MAX_VALUE, PRIVATE_KEY};

/// How a change to the Convex functions reaches the deployment: `npx convex deploy` deploys to
/// production, so it is named only there.
pub fn deploy_step(production: bool) -> &'static str {
    if production {
        "run `npx convex deploy`"
    } else {
        "save it while `npx convex dev` runs, or run `npx convex dev --once`"
    }
}

/// The fix for a network failure.
pub fn http_hint(e: &HttpError) -> &'static str {
    match e {
        HttpError::BadUrl { .. } | HttpError::Insecure { .. } => {
            "use the https:// URL, or pass --allow-insecure-http if you mean it"
        }
        HttpError::Credentials { .. } => "give the URL without them: the key goes in --admin-key or CONVEX_DEPLOY_KEY",
        HttpError::Timeout { .. } => "the server did not answer in time: check it is up, or raise --timeout",
        HttpError::Unreachable { .. } => "check the URL, your network, and that the deployment is up",
        HttpError::TooLarge { .. } => "check that the URL is your Convex deployment",
    }
}

impl From<HttpError> for Failure {
    fn from(e: HttpError) -> Failure {
        let exit = match e {
            HttpError::BadUrl { .. } | HttpError::Insecure { .. } | HttpError::Credentials { .. } => Exit::Usage,
            _ => Exit::Failed,
        };
        Failure::new(exit, e.to_string()).hint(http_hint(&e))
    }
}

/// The fix for a key the deployment rejected, naming where the key came from.
pub fn key_rejected_hint(source: &KeySource) -> String {
    match source {
        KeySource::AdminKeyFlag => "check --admin-key: it must belong to the deployment at --url".into(),
        KeySource::DeployKey(var) => {
            format!(
                "check {var}: it may be revoked or for another deployment; create a new one in the dashboard's settings"
            )
        }
        KeySource::SelfHosted => "check CONVEX_SELF_HOSTED_ADMIN_KEY against your self-hosted backend".into(),
        KeySource::Local(_) => "restart `npx convex dev --local`, which writes a fresh admin key".into(),
    }
}

/// Whether the deployment refused the key itself (rather than the request).
pub fn is_key_rejection(e: &ApiError) -> bool {
    match e {
        ApiError::Refused { status, code, message } => {
            matches!(code.as_deref(), Some("BadAdminKey" | "BadDeployKey"))
                || *status == 401
                || message.starts_with("You do not have permission")
        }
        _ => false,
    }
}

/// One line that says what the deployment (or the network) did, and what to do about it.
/// `sizes` are the lengths of the values sent, for a refusal over Convex's size limit.
pub fn remote(e: &ApiError, source: &KeySource, sizes: &[(&str, usize)], production: bool) -> Failure {
    if let ApiError::Http(http) = e {
        return http.clone().into();
    }
    let (message, hint) = remote_words(e, source, sizes, production);
    Failure::refused(message).hints(hint)
}

fn remote_words(
    e: &ApiError,
    source: &KeySource,
    sizes: &[(&str, usize)],
    production: bool,
) -> (String, Option<String>) {
    let message = e.to_string();
    let with = |hint: &str| (message.clone(), Some(hint.to_string()));
    match e {
        ApiError::Http(http) => with(http_hint(http)),
        ApiError::Redirect { .. } => {
            with("if you trust the new address, pass it with --url; keys never follow a redirect")
        }
        ApiError::Refused { message: said, .. } if is_key_rejection(e) => {
            (format!("the deployment rejected the key from {source}: {said}"), Some(key_rejected_hint(source)))
        }
        ApiError::Refused { code, message: said, .. } => match code.as_deref().unwrap_or("") {
            "EnvironmentVariableValueTooLarge" => {
                let sizes: Vec<String> = sizes.iter().map(|(n, len)| format!("{n} is {len} bytes")).collect();
                (
                    format!(
                        "the deployment refused a value over its limit of {MAX_VALUE} bytes ({})",
                        sizes.join(", ")
                    ),
                    Some("use a 2048-bit key (keys generate --bits 2048) or a shorter secret".into()),
                )
            }
            "InvalidAuthConfig" | "AuthConfigMissingEnvironmentVariable" => (
                format!("the deployment refused the change: {said}"),
                Some(format!(
                    "every change of variables re-checks convex/auth.config.ts: fix it there and deploy it ({}), then push again",
                    deploy_step(production)
                )),
            ),
            _ => (format!("the deployment refused the change: {message}"), None),
        },
        ApiError::Server { .. } => with("the deployment had a problem: try again in a minute"),
        ApiError::NotJson { content_type, .. } if content_type.as_deref().is_some_and(|t| t.contains("html")) => with(
            "that looks like a web page: pass the deployment URL (https://<name>.convex.cloud), not the site or dashboard",
        ),
        ApiError::NotJson { .. } => with("check that the URL is your Convex deployment"),
    }
}

const LOOKUP_HINT: &str = "or skip the lookup: pass the deployment's URL with --url https://<name>.convex.cloud";

impl From<SelectionError> for Failure {
    fn from(e: SelectionError) -> Failure {
        let hint = match &e {
            SelectionError::UrlWithoutKey | SelectionError::KeyWithoutUrl => {
                "pass both --url and --admin-key, or set CONVEX_DEPLOY_KEY"
            }
            SelectionError::SelfHostedIncomplete { .. } => "set both variables, or neither",
            SelectionError::SelfHostedWithDeployment => {
                "remove CONVEX_DEPLOYMENT from .env.local when you use a self-hosted backend"
            }
            SelectionError::DeployKeyForDev { .. } => {
                "use a production deploy key with --prod (Dashboard → your production deployment → Settings → Deploy keys), or drop --prod"
            }
            SelectionError::NoProduction { .. } => {
                "for a cloud project's production, set CONVEX_DEPLOY_KEY to a production deploy key (Dashboard → your production deployment → Settings → Deploy keys); or drop --prod"
            }
            SelectionError::NotAnApp { .. } => {
                "cd to your app's folder (where package.json and .env.local are), or pass --env-file PATH, or --url with --admin-key, or set CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY"
            }
            SelectionError::DeployKeyNeedsUrl { .. } => "pass the deployment's URL with --url",
            SelectionError::LocalConfig { .. } => "restart `npx convex dev --local`, which rewrites it",
        };
        Failure::usage(e.to_string()).hint(hint)
    }
}

/// Doctor cannot run without its endpoints: every one of these exits 2.
impl From<UrlError> for Failure {
    fn from(e: UrlError) -> Failure {
        match &e {
            UrlError::Selection(selection) => selection.clone().into(),
            UrlError::Http(http) => http.clone().into(),
            UrlError::ByName => Failure::usage(e.to_string())
                .hint("pass its URL with --url, and an admin key with --admin-key or CONVEX_DEPLOY_KEY"),
            UrlError::ProdNeedsUrl => Failure::usage(e.to_string()).hint(
                "set CONVEX_DEPLOY_KEY to a production deploy key (Dashboard → your production deployment → Settings → Deploy keys), or pass --url",
            ),
            UrlError::NoUrl { .. } => Failure::usage(e.to_string()).hint(
                "run `npx convex dev` once (it writes NEXT_PUBLIC_CONVEX_URL), or pass --url https://<name>.convex.cloud",
            ),
            UrlError::Lookup { error, key_source } => {
                let (message, hint) = remote_words(error, key_source, &[], false);
                Failure::usage(message).hints(hint).hint(LOOKUP_HINT)
            }
        }
    }
}

impl From<NpxError> for Failure {
    fn from(e: NpxError) -> Failure {
        match &e {
            NpxError::NoNpx => Failure::usage(e.to_string()).hint(
                "install Node.js (npx comes with npm), or push over HTTP: set CONVEX_DEPLOY_KEY, or pass --url and --admin-key",
            ),
            NpxError::NoConvexPackage { .. } => Failure::usage(e.to_string())
                .hint("run `npm install convex` in your project first, or push over HTTP with CONVEX_DEPLOY_KEY"),
            NpxError::Failed { .. } => {
                // `env get JWKS`: JWKS is public, unlike what `env list` would print.
                Failure::refused(e.to_string()).hint("run `npx convex env get JWKS` yourself to see the convex CLI's whole message")
            }
        }
    }
}

impl From<PushError> for Failure {
    fn from(e: PushError) -> Failure {
        match e {
            PushError::Selection(e) => e.into(),
            PushError::Npx(e) => e.into(),
            PushError::NoKeyForApi => Failure::usage(e.to_string()).hint(
                "pass --url and --admin-key, set CONVEX_DEPLOY_KEY, or set CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY",
            ),
            PushError::PreviewDefaults { .. } => Failure::usage(e.to_string()).hint(
                "run it where the convex CLI is logged in to your cloud project (`npx convex login`), with --via auto or cli",
            ),
            PushError::AdminKeyThroughCli => Failure::usage(e.to_string())
                .hint("use --via api with --admin-key, or set CONVEX_SELF_HOSTED_ADMIN_KEY for the convex CLI"),
            PushError::Lookup { error, key_source } => remote(&error, &key_source, &[], false).hint(LOOKUP_HINT),
            PushError::Remote { error, key_source, sizes, production } => {
                remote(&error, &key_source, &sizes, production)
            }
        }
    }
}

/// The fix for each way a private key is mangled on its way to the server.
pub fn key_fix(problem: &KeyProblem, source: &Source) -> String {
    let regenerate =
        "make a new pair with `convex-authjs keys generate --write --force`, then `convex-authjs env push`";
    let file = match source {
        Source::File(path) => Some(path.display()),
        Source::Process | Source::Given => None,
    };
    match (problem, file) {
        (KeyProblem::Quoted, Some(p)) => format!(
            "in {p} write the key inside one pair of double quotes, newlines as \\n, as `convex-authjs keys generate` prints it"
        ),
        (KeyProblem::Quoted, None) => "set the variable to the PEM itself, without quotes around it".into(),
        (KeyProblem::LiteralBackslashN, Some(p)) => {
            format!("in {p} put the value in double quotes so that \\n becomes a line break")
        }
        (KeyProblem::LiteralBackslashN, None) => {
            "set the variable with real line breaks (your host's dashboard accepts a multi-line value)".into()
        }
        (KeyProblem::LeadingBlank, _) => "remove what stands before -----BEGIN PRIVATE KEY-----".into(),
        (KeyProblem::Pkcs1 | KeyProblem::Encrypted, _) => {
            format!("convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem`, or {regenerate}")
        }
        _ => regenerate.to_string(),
    }
}

/// The fix for a missing local value: the command that creates it.
pub fn missing_hint(name: &str) -> &'static str {
    if name == PRIVATE_KEY {
        "create one with `convex-authjs keys generate --write`"
    } else if name == ADAPTER_SECRET {
        "create one with `convex-authjs secret generate --write`"
    } else {
        "set it in the env file"
    }
}

impl From<ValueError> for Failure {
    fn from(e: ValueError) -> Failure {
        let hint = match &e {
            ValueError::Missing { name, .. } => missing_hint(name).to_string(),
            ValueError::MissingForProduction { .. } => {
                "production has values of its own: `convex-authjs setup --prod` makes them, or set them in the environment as your host has them".to_string()
            }
            ValueError::BrokenKey { problem, location } => key_fix(problem, location),
            ValueError::EmptyInEnvironment { name, .. } => {
                format!("unset it (`unset {name}`) so the file's value counts, or give it the value")
            }
        };
        Failure::usage(e.to_string()).hint(hint)
    }
}

impl From<LocalEnvError> for Failure {
    fn from(e: LocalEnvError) -> Failure {
        match e {
            LocalEnvError::File(file) => file.into(),
            LocalEnvError::Load(..) => {
                Failure::usage(e.to_string()).hint("fix that line by hand, then run the command again")
            }
        }
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Failure {
        match &e {
            // A full disk is a failure of the run, not of how it was asked for.
            FileError::Unwritable(_, io) if io.kind() == std::io::ErrorKind::StorageFull => {
                Failure::refused(e.to_string()).hint("free some disk space, then run the command again")
            }
            FileError::IsDirectory(_) => {
                Failure::usage(e.to_string()).hint("pass the file itself with --env-file PATH")
            }
            FileError::NotUtf8 { .. } => {
                Failure::usage(e.to_string()).hint("save the file as UTF-8 (Next.js cannot read it otherwise)")
            }
            FileError::Unreadable(..) => Failure::usage(e.to_string())
                .hint("check the path and its permissions, or pass another file with --env-file PATH"),
            FileError::HardLinked { .. } => Failure::usage(e.to_string())
                .hint("edit it by hand, or remove its other links (then it is one file again)"),
            FileError::ReadOnly(_) => {
                Failure::usage(e.to_string()).hint("make it writable (chmod u+w), or pass --force to replace it anyway")
            }
            FileError::Changed(_) => {
                Failure::refused(e.to_string()).hint("run the command again once the other program is done")
            }
            FileError::DanglingSymlink { .. } => {
                Failure::usage(e.to_string()).hint("create the file it points to, or remove the link")
            }
            FileError::NotRegular { .. } | FileError::TooLarge(_) => {
                Failure::usage(e.to_string()).hint("pass the env file itself with --env-file PATH")
            }
            FileError::Unwritable(..) => {
                Failure::usage(e.to_string()).hint("check the file's permissions and the free disk space")
            }
        }
    }
}

impl From<InitError> for Failure {
    fn from(e: InitError) -> Failure {
        let message = e.to_string();
        match e {
            InitError::Layout(LayoutError::NoTypeScript(_)) => Failure::usage(message)
                .hint("add a tsconfig.json (Next.js writes one the first time `next dev` meets a .ts file), then run init again"),
            InitError::Layout(LayoutError::NoNextApp(_)) => {
                Failure::usage(message).hint("run init in your Next.js app's folder (the one with package.json and app/ or pages/)")
            }
            InitError::Layout(LayoutError::BadFunctions(_)) => {
                Failure::usage(message).hint("set \"functions\" in convex.json to your Convex folder, such as \"convex/\"")
            }
            InitError::Layout(LayoutError::Unreadable { .. }) => Failure::usage(message).hint("fix that file, then run init again"),
            InitError::File(FileError::Changed(_)) => {
                Failure::refused(message).hint("run init again once your editor or the other program is done")
            }
            InitError::File(FileError::Unwritable(_, io)) if io.kind() == std::io::ErrorKind::StorageFull => {
                Failure::refused(message).hint("free some disk space, then run init again")
            }
            InitError::File(_) => Failure::usage(message).hint("fix that file or its permissions, then run init again"),
            InitError::OurEditBroke { .. } => Failure::refused(message)
                .hint("this is a fault of convex-authjs: `init --dry-run` shows the lines, to add them by hand"),
        }
    }
}

/// An edit of `file` that was refused because it could not be proved safe.
pub fn edit_failure(file: &str, e: EditError) -> Failure {
    let hint = match &e {
        EditError::WouldChangeOthers { .. } => format!("close the quote by hand in {file}, then run the command again"),
        _ => format!("set the value by hand in {file}"),
    };
    Failure::usage(format!("cannot edit {file}: {e}")).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_a_failure_not_a_usage_error() {
        let full = FileError::Unwritable(".env.local".into(), std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert_eq!(Failure::from(full).exit, Exit::Failed);
        let denied =
            FileError::Unwritable(".env.local".into(), std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(Failure::from(denied).exit, Exit::Usage);
    }
}
