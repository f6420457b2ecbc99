//! Everything doctor knows before it touches the network, and the probe tokens it sends.

use std::time::{SystemTime, UNIX_EPOCH};

use std::path::{Path, PathBuf};

use super::project::{self, Effective, Signer};
use crate::deployment::urls::Endpoints;
use crate::hints;
use crate::keys::PrivateKey;
use crate::local_env::{LocalEnv, Source, ValueError};
use crate::secrets::Secret;
use crate::token;

/// A value of the Next.js server's, and where it was read, or why it cannot be used.
pub type LocalValue<T> = Result<(T, Source), ValueError>;

/// The value, when it can be used.
pub fn usable<T>(value: &LocalValue<T>) -> Option<&T> {
    value.as_ref().ok().map(|(value, _)| value)
}

/// Whether it is not set at all (rather than set and broken, or empty).
fn unset<T>(value: &LocalValue<T>) -> bool {
    matches!(value, Err(ValueError::Missing { .. } | ValueError::MissingForProduction { .. }))
}

/// Everything doctor knows before it touches the network.
pub struct Inputs {
    pub endpoints: Endpoints,
    /// The project's folder, whose code the `code.*` checks read.
    pub project: PathBuf,
    /// The project's code that signs Convex tokens, when doctor found it.
    pub signer: Option<Signer>,
    /// What that signer puts in `iss`, from the values the Next.js server loads.
    pub signer_issuer: Option<Effective>,
    /// The env file the fixes name.
    pub env_file: PathBuf,
    pub private_key: LocalValue<PrivateKey>,
    pub secret: LocalValue<Secret>,
    pub adapter_module: String,
    /// `--convex-dir`: the Convex folder, when it is not the project's own.
    pub convex_dir: Option<PathBuf>,
}

/// The fixes doctor's hints name, in this project's terms.
pub struct Fixes {
    /// What puts the local values on the deployment.
    pub push: &'static str,
    /// What deploys a change to the Convex functions.
    pub deploy: &'static str,
    /// What of the adapter's code the project's files already have (the code checks passed):
    /// where the deployment lacks it, it is written but not deployed.
    pub written: Written,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub routes: bool,
    pub adapter: bool,
}

impl Fixes {
    /// Where the routes live, and how a fix reaches the deployment.
    pub fn routes_file(&self) -> String {
        format!("convex/http.ts (the setup guide's two /.well-known routes), then {}", self.deploy)
    }

    /// The fix for routes the deployment does not serve.
    pub fn routes(&self) -> String {
        if self.written.routes {
            return format!("written but not deployed: convex/http.ts has the routes; {}", self.deploy);
        }
        format!("add or fix the route in {}", self.routes_file())
    }
}

impl Inputs {
    pub fn fixes(&self) -> Fixes {
        let missing = unset(&self.private_key) || unset(&self.secret);
        let push = match (missing, self.endpoints.production) {
            (true, false) => "run `convex-authjs setup`",
            (true, true) => "run `convex-authjs setup --prod`",
            (false, false) => "run `convex-authjs env push`",
            (false, true) => "run `convex-authjs env push --prod`",
        };
        Fixes { push, deploy: hints::deploy_step(self.endpoints.production), written: Written::default() }
    }

    /// Reads the two local values as the Next.js server would.
    pub fn gather(local: &LocalEnv, endpoints: Endpoints, project: &Path, adapter_module: &str) -> Inputs {
        let private_key = local.private_key();
        let secret = local.adapter_secret_and_source();
        let signer = project::find_signer(project);
        Inputs {
            env_file: local.file.path.clone(),
            endpoints,
            project: project.to_path_buf(),
            signer_issuer: signer
                .as_ref()
                .map(|s| project::effective_issuer(s, &|name| local.get(name).map(|(v, _)| v))),
            signer,
            private_key,
            secret,
            adapter_module: adapter_module.to_string(),
            convex_dir: None,
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
