//! Putting variables on a deployment: first a [`Plan`] (what changes for each variable, from
//! the deployment's current values), worked out without changing anything, then
//! [`Plan::apply`]. `env push` and `setup` share both; the deployment itself is
//! [`Deployment`], reached once.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::deployment::channel::{Deployment, ReachError};
use crate::secrets::Secret;
use crate::vars::{ADAPTER_SECRET, JWKS};

/// The variable Convex Auth keeps its signing key in, beside its `JWKS`.
const CONVEX_AUTH_KEY: &str = "JWT_PRIVATE_KEY";

/// What happens to one variable on the deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Add,
    Change,
    Unchanged,
    /// The current value cannot be read (an older backend): it is set anyway.
    Set,
}

impl Action {
    pub fn word(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Change => "change",
            Action::Unchanged => "unchanged",
            Action::Set => "set",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change {
    pub name: &'static str,
    pub action: Action,
}

/// The variables to put on the deployment, each with its value.
pub struct Values {
    pairs: Vec<(&'static str, Secret)>,
}

impl Values {
    /// The two values the adapter needs: the (public) JWKS and the shared secret.
    pub fn adapter(jwks: String, secret: Secret) -> Values {
        Values { pairs: vec![(JWKS, Secret::new(jwks)), (ADAPTER_SECRET, secret)] }
    }

    /// Any variables (a key rotation sets JWKS and its record).
    pub fn of(pairs: Vec<(&'static str, Secret)>) -> Values {
        Values { pairs }
    }

    pub fn pairs(&self) -> &[(&'static str, Secret)] {
        &self.pairs
    }
}

/// What a push would do, worked out without changing anything.
pub struct Plan {
    pub deployment: Deployment,
    pub changes: Vec<Change>,
    values: Values,
    /// What the deployment has now for the planned names (empty when it cannot be read).
    current: BTreeMap<String, Secret>,
}

impl Plan {
    pub fn pending(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.action != Action::Unchanged)
    }

    /// The deployment's current value of `name`, when the plan could read it.
    pub fn current(&self, name: &str) -> Option<&Secret> {
        self.current.get(name)
    }

    pub fn production(&self) -> bool {
        self.deployment.production
    }

    pub fn url(&self) -> Option<&str> {
        self.deployment.url()
    }

    pub fn via(&self) -> &'static str {
        self.deployment.via()
    }

    pub fn describe(&self) -> String {
        self.deployment.describe()
    }

    /// Sends what changed, the values the plan was made for.
    pub fn apply(&self) -> Result<(), ReachError> {
        let pending: Vec<(&'static str, Secret)> =
            self.values.pairs().iter().filter(|(name, _)| self.pending().any(|c| c.name == *name)).cloned().collect();
        self.deployment.set(&pending)
    }
}

/// Reads what the deployment (or the project's defaults) has now, and plans each variable.
pub fn plan(deployment: Deployment, values: Values) -> Result<Plan, ReachError> {
    let names: Vec<&'static str> = values.pairs().iter().map(|(name, _)| *name).collect();
    let current = deployment.vars(&names, values.pairs())?;
    let changes = diff(current.as_ref(), &values);
    // Convex Auth signs with JWT_PRIVATE_KEY and serves its public half from the same JWKS:
    // replacing it would sign out every one of its users. Asked only when a JWKS would change.
    if changes.iter().any(|c| c.name == JWKS && c.action == Action::Change) {
        let convex_auth = deployment.vars(&[CONVEX_AUTH_KEY], values.pairs())?;
        if convex_auth.is_some_and(|vars| vars.contains_key(CONVEX_AUTH_KEY)) {
            return Err(ReachError::JwksOfConvexAuth);
        }
    }
    Ok(Plan { deployment, changes, values, current: current.unwrap_or_default() })
}

/// Each wanted variable against what the deployment has (`None`: it cannot tell).
pub fn diff(current: Option<&BTreeMap<String, Secret>>, wanted: &Values) -> Vec<Change> {
    wanted
        .pairs()
        .iter()
        .map(|(name, value)| {
            let action = match current.map(|vars| vars.get(*name)) {
                None => Action::Set,
                Some(None) => Action::Add,
                Some(Some(old)) if value.same_as(old.expose()) => Action::Unchanged,
                Some(Some(_)) => Action::Change,
            };
            Change { name, action }
        })
        .collect()
}
