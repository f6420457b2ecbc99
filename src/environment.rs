//! The process environment, read once (in `main`) and passed down: what the Next.js server and
//! the convex CLI would see first, before any env file. Every value is held as a [`Secret`]:
//! deploy keys and private keys live here.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::secrets::Secret;

/// A snapshot of the environment; cheap to clone.
#[derive(Clone, Default)]
pub struct Environment(Arc<BTreeMap<String, Option<Secret>>>);

impl Environment {
    /// This process's environment now. A value that is not UTF-8 counts as set but unreadable,
    /// as `std::env::var` has it.
    pub fn of_process() -> Environment {
        let vars = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok().map(Secret::new))));
        Environment(Arc::new(vars.collect()))
    }

    /// An environment of these variables alone (for a run in-process, and for tests).
    pub fn of(pairs: &[(&str, &str)]) -> Environment {
        Environment(Arc::new(pairs.iter().map(|(n, v)| (n.to_string(), Some(Secret::new(*v)))).collect()))
    }

    /// The value of `name`, when it is set and UTF-8.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name)?.as_ref().map(Secret::expose)
    }

    /// Whether `name` is set at all, empty or unreadable included.
    pub fn is_set(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

impl std::fmt::Debug for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}
