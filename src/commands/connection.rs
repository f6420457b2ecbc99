//! What the commands that talk to a deployment share: the project folder, the HTTP client,
//! and the deployment reached from the connection flags.

use std::path::PathBuf;

use crate::config::Connection;
use crate::deployment::channel::{self, Deployment, Reach, Via};
use crate::failure::Failure;
use crate::http::Http;
use crate::local_env::LocalEnv;

/// The project folder: where `.convex/` and `node_modules/` are looked for.
pub fn project_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir().map_err(|e| Failure::usage(format!("cannot read the current folder: {e}")))
}

/// The one HTTP client for a command's requests, as its flags set it.
pub fn http(connection: &Connection) -> Http {
    Http::new(connection.timeout, connection.allow_insecure_http)
}

/// The deployment the connection flags name, reached once for the whole run.
pub fn connect(connection: &Connection, via: Via, preview: bool, local: &LocalEnv) -> Result<Deployment, Failure> {
    let reach = Reach {
        selector: &connection.selector,
        via,
        convex_cli_env_file: connection.convex_cli_env_file.clone(),
        http: http(connection),
        project: project_dir()?,
        preview,
    };
    Ok(channel::connect(reach, local)?)
}
