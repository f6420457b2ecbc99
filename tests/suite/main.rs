//! The binary's tests, in one test program: one build and one link for all of them, and the
//! helpers of `support` shared without a blanket `allow(dead_code)` (each helper is used by
//! some module here). `memory.rs` stays a program of its own: it swaps the allocator.
//!
//! The interop tier (`--features interop`) adds `interop` and `npm` whole, and the tests
//! elsewhere marked `cfg_attr(not(feature = "interop"), ignore = …)`. What only Unix has
//! (file modes, links, signals, a pseudo-terminal) is `cfg(unix)`, so the program builds for Windows.

mod support;

mod cli;
mod doctor;
mod env_push;
#[cfg(unix)]
mod files;
mod harness;
mod hosting;
mod init;
#[cfg(feature = "interop")]
mod interop;
#[cfg(all(feature = "interop", unix))]
mod npm;
mod rotation;
mod setup;
