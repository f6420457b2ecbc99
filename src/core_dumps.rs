//! No core dump of ours: a crash must not write the process's memory, with the adapter secret,
//! the private key and deploy keys in it, into the project folder or a crash collector.
//!
//! Release builds abort on panic, and a shell with `ulimit -c unlimited` (or a system whose
//! `core_pattern` collects dumps) would keep what the process held. So before anything reads
//! a secret (the environment holds `CONVEX_DEPLOY_KEY` from the start), the core size limit
//! is set to 0, which every Unix has, and on Linux the process is made non-dumpable, which
//! also stops other processes of the same user from reading its memory through ptrace.

/// Turns core dumps off for this process; a no-op where the system has no such call. Best
/// effort: a refusal (a seccomp filter, say) leaves the process as it was, and the command runs.
pub fn forbid() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let _ = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) });
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{DumpableBehavior, set_dumpable_behavior};
        let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn the_process_is_not_dumpable_and_its_core_limit_is_zero() {
        use rustix::process::{DumpableBehavior, Resource, dumpable_behavior, getrlimit};
        super::forbid();
        assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
        let limit = getrlimit(Resource::Core);
        assert_eq!((limit.current, limit.maximum), (Some(0), Some(0)));
    }

    #[test]
    fn both_crate_roots_forbid_unsafe_code() {
        // The attribute is what keeps any `unsafe` out; this keeps the attribute in.
        for (root, text) in [("lib.rs", include_str!("lib.rs")), ("main.rs", include_str!("main.rs"))] {
            assert!(text.lines().any(|l| l.trim() == "#![forbid(unsafe_code)]"), "{root} forbids unsafe code");
        }
    }
}
