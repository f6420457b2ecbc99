//! Everything doctor knows before it touches the network, and the probe tokens it sends.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use std::path::{Path, PathBuf};

use super::project::{self, Signer};
use crate::deployment::urls::Endpoints;
use crate::explain;
use crate::keys::{KeyProblem, PrivateKey};
use crate::local_env::{LocalEnv, Source, ValueError};
use crate::secrets::Secret;
use crate::token;
use crate::vars::ADAPTER_SECRET;

/// A local value: usable, present but broken, or missing; with where it was read.
pub enum LocalValue<T> {
    Usable {
        value: T,
        source: Source,
    },
    Broken {
        problem: KeyProblem,
        source: Source,
    },
    Missing,
    /// Set, but empty, in the process environment: Next.js uses the empty value.
    EmptyInEnvironment,
}

impl<T> LocalValue<T> {
    pub fn usable(&self) -> Option<&T> {
        match self {
            LocalValue::Usable { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// Everything doctor knows before it touches the network.
pub struct Inputs {
    pub endpoints: Endpoints,
    /// The project's folder, whose code the `code.*` checks read.
    pub project: PathBuf,
    /// The project's code that signs Convex tokens, when doctor found it.
    pub signer: Option<Signer>,
    pub private_key: LocalValue<PrivateKey>,
    pub secret: LocalValue<Secret>,
    pub adapter_module: String,
    pub timeout: Duration,
    /// When the whole run must be over, the lookups before it included.
    pub deadline: Instant,
    pub allow_insecure_http: bool,
}

/// The fixes doctor's hints name, in this project's terms.
pub struct Fixes {
    /// What puts the local values on the deployment.
    pub push: &'static str,
    /// What deploys a change to the Convex functions.
    pub deploy: &'static str,
}

impl Inputs {
    pub fn fixes(&self) -> Fixes {
        let missing = matches!(self.private_key, LocalValue::Missing) || matches!(self.secret, LocalValue::Missing);
        let push = match (missing, self.endpoints.production) {
            (true, false) => "run `convex-authjs setup`",
            (true, true) => "run `convex-authjs setup --prod`",
            (false, false) => "run `convex-authjs env push`",
            (false, true) => "run `convex-authjs env push --prod`",
        };
        Fixes { push, deploy: explain::deploy_step(self.endpoints.production) }
    }

    /// Reads the two local values as the Next.js server would.
    pub fn gather(
        local: &LocalEnv,
        endpoints: Endpoints,
        project: &Path,
        adapter_module: &str,
        timeout: Duration,
        deadline: Instant,
        insecure: bool,
    ) -> Inputs {
        let private_key = match local.private_key() {
            Ok((value, source)) => LocalValue::Usable { value, source },
            Err(ValueError::BrokenKey { problem, location }) => LocalValue::Broken { problem, source: location },
            Err(ValueError::Missing { .. } | ValueError::MissingForProduction { .. }) => LocalValue::Missing,
            Err(ValueError::EmptyInEnvironment { .. }) => LocalValue::EmptyInEnvironment,
        };
        let secret = match local.secret(ADAPTER_SECRET) {
            Some((value, source)) => LocalValue::Usable { value, source },
            None if std::env::var_os(ADAPTER_SECRET).is_some() => LocalValue::EmptyInEnvironment,
            None => LocalValue::Missing,
        };
        Inputs {
            endpoints,
            project: project.to_path_buf(),
            signer: project::find_signer(project),
            private_key,
            secret,
            adapter_module: adapter_module.to_string(),
            timeout,
            deadline,
            allow_insecure_http: insecure,
        }
    }
}

/// The probe tokens, signed once: token.local verifies exactly what token.convex sends. The
/// app's signer may send no kid; when the served JWKS turns out to hold several keys, a token
/// with kid is what can work, so both are sent at once and token.local's verdict picks.
pub struct Probes {
    pub plain: String,
    pub with_kid: String,
    pub kid: String,
}

impl Probes {
    pub fn sign(key: &PrivateKey, site: &str) -> Probes {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let kid = key.public_key().kid();
        Probes { plain: token::sign(key, site, None, now), with_kid: token::sign(key, site, Some(&kid), now), kid }
    }
}
