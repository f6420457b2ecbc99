//! The one place where the domain's errors become a `Failure`: the message and fixes (worded in
//! `hints`, which doctor's checks read too) and an exit code.

use crate::convex::api::ApiError;
use crate::convex::npx::NpxError;
use crate::deployment::channel::ReachError;
use crate::deployment::urls::UrlError;
use crate::deployment::{KeySource, SelectionError};
use crate::dotenv::{EditError, FileError};
use crate::failure::{Exit, Failure};
use crate::hints::{self, http_hint, key_fix, missing_hint};
use crate::host::HostError;
use crate::http::HttpError;
use crate::init::{InitError, LayoutError};
use crate::local_env::{LocalEnvError, ValueError};

impl From<HttpError> for Failure {
    fn from(e: HttpError) -> Failure {
        let exit = match e {
            HttpError::BadUrl { .. } | HttpError::Insecure { .. } | HttpError::Credentials { .. } => Exit::Usage,
            _ => Exit::Failed,
        };
        Failure::new(exit, e.to_string()).hint(http_hint(&e))
    }
}

/// One line that says what the deployment (or the network) did, and what to do about it.
/// `sizes` are the lengths of the values sent, for a refusal over Convex's size limit.
pub fn remote(e: &ApiError, source: &KeySource, sizes: &[(&str, usize)], production: bool) -> Failure {
    if let ApiError::Http(http) = e {
        return http.clone().into();
    }
    let (message, hint) = hints::api(e, Some(source), sizes, production);
    Failure::refused(message).hints(hint)
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
                let (message, hint) = hints::api(error, Some(key_source), &[], false);
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
            NpxError::Failed { command, .. } => {
                // `env get JWKS`: JWKS is public, unlike what `env list` would print.
                let again = if command.starts_with("env") { "env get JWKS" } else { command.as_str() };
                let hint = format!("run `npx convex {again}` yourself to see the convex CLI's whole message");
                Failure::refused(e.to_string()).hint(hint)
            }
        }
    }
}

impl From<ReachError> for Failure {
    fn from(e: ReachError) -> Failure {
        match e {
            ReachError::Selection(e) => e.into(),
            ReachError::Npx(e) => e.into(),
            ReachError::NoKeyForApi => Failure::usage(e.to_string()).hint(
                "pass --url and --admin-key, set CONVEX_DEPLOY_KEY, or set CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY",
            ),
            ReachError::PreviewDefaults { .. } => Failure::usage(e.to_string()).hint(
                "run it where the convex CLI is logged in to your cloud project (`npx convex login`), with --via auto or cli",
            ),
            ReachError::AdminKeyThroughCli => Failure::usage(e.to_string())
                .hint("use --via api with --admin-key, or set CONVEX_SELF_HOSTED_ADMIN_KEY for the convex CLI"),
            ReachError::JwksOfConvexAuth => Failure::usage(e.to_string())
                .hint("the Auth.js adapter cannot share a deployment with Convex Auth: use another deployment, or remove Convex Auth first"),
            ReachError::Lookup { error, key_source } => remote(&error, &key_source, &[], false).hint(LOOKUP_HINT),
            ReachError::Remote { error, key_source, sizes, production } => {
                remote(&error, &key_source, &sizes, production)
            }
        }
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
            e if is_disk_full(e) => {
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

fn is_disk_full(e: &FileError) -> bool {
    matches!(e, FileError::Unwritable(_, io) if io.kind() == std::io::ErrorKind::StorageFull)
}

impl From<InitError> for Failure {
    fn from(e: InitError) -> Failure {
        let message = e.to_string();
        match e {
            InitError::Layout(LayoutError::NoTypeScript(_)) => Failure::usage(message)
                .hint("add a tsconfig.json (Next.js writes one the first time `next dev` meets a .ts file), then run init again"),
            InitError::Layout(LayoutError::NotNext(_)) => {
                Failure::usage(message).hint("run init in your Next.js app's folder (its package.json lists next)")
            }
            InitError::Layout(LayoutError::NoNextApp(_)) => {
                Failure::usage(message).hint("run init in your Next.js app's folder (the one with package.json and app/ or pages/)")
            }
            InitError::Layout(LayoutError::ConvexElsewhere(elsewhere)) => Failure::usage(message).hint(format!(
                "pass --convex-dir {}: init writes the Convex files there, and the app imports them through that package's name",
                elsewhere.display()
            )),
            InitError::Layout(LayoutError::ConvexDir { .. }) => {
                Failure::usage(message).hint("pass --convex-dir the Convex folder of your app or of a package of its workspace")
            }
            InitError::Layout(LayoutError::BadFunctions(_)) => {
                Failure::usage(message).hint("set \"functions\" in convex.json to your Convex folder, such as \"convex/\"")
            }
            InitError::Layout(LayoutError::Unreadable { .. }) => Failure::usage(message).hint("fix that file, then run init again"),
            // A file changed under us, a full disk: as for any file we write.
            InitError::File(file) if matches!(file, FileError::Changed(_)) || is_disk_full(&file) => file.into(),
            InitError::File(_) => Failure::usage(message).hint("fix that file or its permissions, then run init again"),
            InitError::OtherAuth { .. } => Failure::usage(message)
                .hint("keep to it, or remove it first (its tables, routes and JWKS) if you are moving to Auth.js"),
            InitError::NextAuth4 { .. } => Failure::usage(message)
                .hint("upgrading changes the config's shape (NextAuth() returns auth, handlers, signIn, signOut) and the env names (AUTH_*): https://authjs.dev/getting-started/migrating-to-v5")
                .hint("then install next-auth@5.0.0-beta.32 and run init again"),
            InitError::OutsideProject { .. } => Failure::usage(message)
                .hint("replace the link with a real folder or file of the project, then run init again"),
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

impl From<HostError> for Failure {
    fn from(e: HostError) -> Failure {
        let link = |provider: &str| match provider {
            "Vercel" => format!("run {} here, or pass --host-project <project id>", "`npx vercel link`"),
            _ => format!("run {} here, or pass --host-project <site id>", "`npx netlify link`"),
        };
        match &e {
            HostError::Http(http) => http.clone().into(),
            HostError::NoToken { host, var } => {
                let page = if *host == "Vercel" {
                    "https://vercel.com/account/tokens"
                } else {
                    "https://app.netlify.com/user/applications#personal-access-tokens"
                };
                Failure::usage(e.to_string()).hint(format!(
                    "create one at {page} and set {var} in the environment (never as a flag: other users can read argv)"
                ))
            }
            HostError::NotLinked { host, .. } | HostError::BadLink { host, .. } => {
                Failure::usage(e.to_string()).hint(link(host))
            }
            HostError::Refused { host, status: 401 | 403, .. } => Failure::refused(e.to_string()).hint(format!(
                "check the token: it must be valid and reach this {} (and its team)",
                if *host == "Vercel" { "project" } else { "site" }
            )),
            HostError::Refused { status: 404, .. } => {
                Failure::refused(e.to_string()).hint("check the project: --host-project, or the link in this folder")
            }
            HostError::Shared { host, name, stage } => Failure::usage(e.to_string()).hint(format!(
                "in {host}'s settings (Environment Variables), give {stage} its own {name}; then run again"
            )),
            HostError::NotSecret { host, name } => Failure::usage(e.to_string()).hint(format!(
                "remove {name} in {host}'s settings (Environment variables), and run again: it is then added as a secret"
            )),
            HostError::Missing { name, .. } => Failure::usage(e.to_string()).hint(format!(
                "set {name} in the environment to the value the host should have, or pass --force for new values"
            )),
            HostError::NothingToRedeploy { .. } => {
                Failure::refused(e.to_string()).hint("deploy once from your host's dashboard or git, then run again")
            }
            HostError::Redirect { .. } | HostError::Refused { .. } | HostError::Server { .. } | HostError::Unexpected { .. } => {
                Failure::refused(e.to_string())
            }
        }
    }
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
