//! The arguments of the commands that talk to a deployment: `env push`, `doctor`, `setup`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::parse::{choice, secret_parser};
use crate::deployment::channel::Via;
use crate::doctor::DEFAULT_ADAPTER_MODULE;
use crate::host::Provider;
use crate::secrets::Secret;

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment
    ///
    /// Shows the plan first (add, change or unchanged; never a value), then asks, or needs --yes
    /// when there is no terminal. The private key itself is never sent.
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment")),
        after_help = concat!("\
Examples:
  convex-authjs env push                       # the dev deployment, through your convex login
  convex-authjs env push --dry-run             # show the plan, change nothing
  CONVEX_DEPLOY_KEY=prod:... convex-authjs env push --prod --yes

Environment:
", deployment_env!())
    )]
    Push(EnvPush),
}

#[derive(Debug, Args)]
pub struct EnvPush {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub reach: Reach,

    /// Show the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Set them as your project's default variables for new preview deployments (through
    /// `npx convex env default set --type preview`), instead of on one deployment
    #[arg(long, conflicts_with_all = ["prod", "deployment_name", "url", "admin_key"])]
    pub preview: bool,
}

#[derive(Debug, Args)]
pub struct Doctor {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub checks: CheckArgs,

    /// Also write the report as JUnit XML, one test case per check (GitLab, Jenkins and others read it)
    #[arg(long, value_name = "PATH")]
    pub junit: Option<PathBuf>,

    #[command(flatten)]
    pub host: HostArgs,
}

/// The hosting provider that runs the Next.js server, reached through its API.
#[derive(Debug, Clone, Args)]
pub struct HostArgs {
    /// Your hosting provider, reached through its API with the token in VERCEL_TOKEN or
    /// NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server's values there, doctor
    /// checks them (with --prod, or setup's --preview)
    #[arg(long, value_name = "HOST", value_parser = choice(&Provider::CHOICES))]
    pub host: Option<Provider>,

    /// The host's project: Vercel's project id or name, Netlify's site id [default:
    /// VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]
    #[arg(long, value_name = "ID", requires = "host")]
    pub host_project: Option<String>,
}

/// What doctor checks against; shared by `doctor` and `setup`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of
    /// the deployment with an admin key, else derived from the deployment URL]
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,

    /// The module in convex/ that holds the adapter's functions
    #[arg(long, value_name = "NAME", default_value = DEFAULT_ADAPTER_MODULE)]
    pub adapter_module: String,

    /// The Convex folder, when it is not this app's own, as `init --convex-dir`: a workspace
    /// package's (such as ../../packages/backend/convex)
    #[arg(long, value_name = "PATH")]
    pub convex_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Setup {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub reach: Reach,

    /// Replace an existing private key and adapter secret with new ones (signs out every session)
    #[arg(long)]
    pub force: bool,

    /// Also print CONVEX_AUTH_PRIVATE_KEY and CONVEX_AUTH_ADAPTER_SECRET for your hosting provider
    #[arg(long, conflicts_with = "host")]
    pub print_hosting_env: bool,

    #[command(flatten)]
    pub host: HostArgs,

    /// With --host and --prod: start a new production deployment once the values are set (a
    /// host's values reach only the deployments made after them)
    #[arg(long, requires = "host")]
    pub redeploy: bool,

    /// With --prod: also write the production values into this file (.env.production.local, or
    /// one you hand to your host), never into .env.local
    #[arg(long, value_name = "PATH", requires = "prod", conflicts_with = "host")]
    pub hosting_env_file: Option<PathBuf>,

    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Also run the package manager for the packages the adapter's code needs, as `init --install`
    #[arg(long)]
    pub install: bool,

    /// A sign-in provider for the Auth.js config, by Auth.js's id (github, google, discord, …),
    /// as `init --provider`; repeat it for more
    #[arg(long = "provider", value_name = "ID")]
    pub providers: Vec<String>,

    /// Leave the Convex code undeployed (by default, in development, setup pushes what it wrote
    /// with `npx convex dev --once` before doctor runs; production is never deployed)
    #[arg(long)]
    pub no_deploy: bool,

    /// Put the values in your project's defaults for new preview deployments (as `env push
    /// --preview`), keeping them in the env file for your host's preview environment
    #[arg(long, conflicts_with_all = ["prod", "deployment_name", "url", "admin_key"])]
    pub preview: bool,

    #[command(flatten)]
    pub checks: CheckArgs,
}

/// How the commands that read or set a deployment's variables reach it.
#[derive(Debug, Clone, Copy, Args)]
pub struct Reach {
    /// How to reach the deployment: over HTTP with a key (api), through the convex CLI's `env`
    /// commands (cli), or api when a key is known and cli otherwise (auto)
    #[arg(long, default_value = Via::CHOICES[0].0, value_parser = choice(Via::CHOICES), value_name = "HOW")]
    pub via: Via,
}

/// Which deployment, and how to reach it; shared by every command that talks to Convex.
#[derive(Debug, Clone, Args)]
pub struct DeploymentArgs {
    /// Target your production deployment instead of the dev one
    #[arg(long, conflicts_with = "deployment_name")]
    pub prod: bool,

    /// Target the deployment with this name
    #[arg(long, value_name = "NAME")]
    pub deployment_name: Option<String>,

    /// The deployment's URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)
    #[arg(long, value_name = "KEY", requires = "url", value_parser = secret_parser)]
    pub admin_key: Option<Secret>,

    /// Seconds to wait for the network (for doctor: the bound on the whole run)
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)
    #[arg(long)]
    pub allow_insecure_http: bool,
}
