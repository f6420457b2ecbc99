//! The `keys` and `secret` commands' arguments.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::deployment::{DeploymentArgs, HostArgs, Reach};
use super::parse::choice;
use crate::adapter_secret::{DEFAULT_BYTES, MAX_BYTES, MIN_BYTES};
use crate::keys::Bits;
use crate::rotation::DEFAULT_WAIT_SECS;

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Generate a new key pair; prints the two lines of the setup guide's generateKeys.mjs
    ///
    /// Without --write it prints CONVEX_AUTH_PRIVATE_KEY="…" (newlines written as \n), a blank
    /// line, and JWKS=… . No network, no project needed.
    #[command(after_help = "\
Examples:
  convex-authjs keys generate                  # print both lines, as generateKeys.mjs does
  convex-authjs keys generate --write          # store the key in .env.local; prints only its id
  convex-authjs keys generate --bits 4096 --json

Environment:
  CONVEX_AUTH_PRIVATE_KEY   with --write: a value here is what Next.js uses, over the file's")]
    Generate(KeysGenerate),

    /// Print the JWKS (public key set) of the private key in the environment or env file
    #[command(after_help = "\
Examples:
  convex-authjs keys jwks                      # the JWKS of the key in .env.local
  convex-authjs keys jwks --env-file .env.production.local

Environment:
  CONVEX_AUTH_PRIVATE_KEY   read before the env file, as Next.js reads it")]
    Jwks,

    /// Rotate the signing key with no token rejected: publish a new key beside the current one,
    /// wait out Convex's JWKS cache, then switch the signer
    ///
    /// The signer must send kid (doctor says whether yours does). On dev the new key replaces
    /// CONVEX_AUTH_PRIVATE_KEY in the env file; on --prod it goes to your host (printed, or a
    /// file you name). Run `keys prune` once the old key's tokens have expired (1 h).
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment")),
        after_help = concat!("\
Examples:
  convex-authjs keys rotate                    # dev: .env.local and your dev deployment
  convex-authjs keys rotate --wait 60          # wait longer for Convex's JWKS cache
  CONVEX_DEPLOY_KEY=prod:... convex-authjs keys rotate --prod --print-hosting-env
  CONVEX_DEPLOY_KEY=prod:... convex-authjs keys rotate --prod --host vercel --redeploy

Environment:
", deployment_env!(), host_env!())
    )]
    Rotate(KeysRotate),

    /// Remove retired keys from the deployment's JWKS, once no token they signed can be valid
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request to the deployment")),
        after_help = concat!("\
Examples:
  convex-authjs keys prune                     # refuses while a retired key's tokens may be valid
  convex-authjs keys prune --force             # remove them now (their tokens are rejected)
  CONVEX_DEPLOY_KEY=prod:... convex-authjs keys prune --prod --signing-kid <kid>
                                               # production's key is on your host: name its kid
  CONVEX_DEPLOY_KEY=prod:... convex-authjs keys prune --prod --host vercel
                                               # or let the host say (its CONVEX_AUTH_KEY_ID)

Environment:
", deployment_env!(), host_env!())
    )]
    Prune(KeysPrune),

    /// Show which keys are local, served, and on the deployment, which one signs, and when each
    /// retired key is safe to prune
    #[command(
        mut_arg("timeout", |a| a.help("Seconds to wait for each request")),
        after_help = concat!("\
Examples:
  convex-authjs keys status
  convex-authjs keys status --prod --json

Environment:
", deployment_env!())
    )]
    Status(KeysStatus),
}

#[derive(Debug, Args)]
pub struct KeysRotate {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub reach: Reach,

    /// Seconds to wait between publishing the new key and switching the signer: Convex's JWKS
    /// cache time (max-age plus stale-while-revalidate of your /.well-known/jwks.json route)
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_WAIT_SECS)]
    pub wait: u64,

    /// With --prod: print the new CONVEX_AUTH_PRIVATE_KEY for your hosting provider
    #[arg(long, requires = "prod", conflicts_with = "host")]
    pub print_hosting_env: bool,

    /// With --prod: write the new CONVEX_AUTH_PRIVATE_KEY into this file for your host
    #[arg(long, value_name = "PATH", requires = "prod", conflicts_with = "host")]
    pub hosting_env_file: Option<PathBuf>,

    #[command(flatten)]
    pub host: HostArgs,

    /// With --host: start a new production deployment once the new key is set, so that it signs
    /// with it (a host's values reach only the deployments made after them)
    #[arg(long, requires = "host")]
    pub redeploy: bool,
}

#[derive(Debug, Args)]
pub struct KeysPrune {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub reach: Reach,

    /// The kid of the key that signs now, where CONVEX_AUTH_PRIVATE_KEY is not here (production's key lives on your host); that key is never removed
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub signing_kid: Option<String>,

    /// Remove retired keys even while tokens they signed may be valid, or with no word of which key signs (those tokens are rejected)
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub host: HostArgs,
}

#[derive(Debug, Args)]
pub struct KeysStatus {
    #[command(flatten)]
    pub deployment: DeploymentArgs,

    #[command(flatten)]
    pub reach: Reach,
}

#[derive(Debug, Args)]
pub struct KeysGenerate {
    /// RSA key size in bits
    #[arg(long, default_value = Bits::CHOICES[0].0, value_parser = choice(Bits::CHOICES), value_name = "BITS")]
    pub bits: Bits,

    /// Store CONVEX_AUTH_PRIVATE_KEY in the env file instead of printing it
    #[arg(long)]
    pub write: bool,

    /// With --write: replace an existing CONVEX_AUTH_PRIVATE_KEY (signs out every session)
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>
    #[command(after_help = "\
Examples:
  convex-authjs secret generate                # print CONVEX_AUTH_ADAPTER_SECRET=...
  convex-authjs secret generate --write        # store it in .env.local
  convex-authjs secret generate --raw          # the value alone, for a pipe

Environment:
  CONVEX_AUTH_ADAPTER_SECRET   with --write: a value here is what Next.js uses, over the file's")]
    Generate(SecretGenerate),
}

#[derive(Debug, Args)]
pub struct SecretGenerate {
    /// How many random bytes (at least 32); 33 bytes give 44 base64 characters
    #[arg(long, default_value_t = DEFAULT_BYTES, value_name = "N", value_parser = clap::value_parser!(u16).range(i64::from(MIN_BYTES)..=i64::from(MAX_BYTES)))]
    pub bytes: u16,

    /// Print the value alone, without CONVEX_AUTH_ADAPTER_SECRET=
    #[arg(long, conflicts_with = "write")]
    pub raw: bool,

    /// Store CONVEX_AUTH_ADAPTER_SECRET in the env file instead of printing it
    #[arg(long)]
    pub write: bool,

    /// With --write: replace an existing CONVEX_AUTH_ADAPTER_SECRET
    #[arg(long, requires = "write")]
    pub force: bool,
}
