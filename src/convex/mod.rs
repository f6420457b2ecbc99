//! Talking to Convex: a deployment's HTTP API, the management API, and the `npx convex` delegate.

pub mod api;
pub mod npx;
