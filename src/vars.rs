//! The variables of the Convex Adapter for Auth.js, and Convex's limits on them
//! (convex-facts.md §1 and §2). Every other module names them through these constants.

/// The RS256 private key, PKCS#8 PEM; lives on the Next.js server only.
pub const PRIVATE_KEY: &str = "CONVEX_AUTH_PRIVATE_KEY";
/// The shared secret between the Next.js server and the adapter's Convex functions.
pub const ADAPTER_SECRET: &str = "CONVEX_AUTH_ADAPTER_SECRET";
/// Auth.js's own secret (it encrypts its cookies and tokens); `npx auth secret` makes one.
pub const AUTH_SECRET: &str = "AUTH_SECRET";
/// The deployment's site URL, the issuer of the tokens the Next.js server signs; the convex CLI
/// writes it for cloud deployments, and setup where it is missing.
pub const SITE_URL: &str = "NEXT_PUBLIC_CONVEX_SITE_URL";
/// The public half of the key, on the Convex deployment, served by `convex/http.ts`.
pub const JWKS: &str = "JWKS";
/// Convex's limit on one variable's value, in bytes.
pub const MAX_VALUE: usize = 8192;
/// On the deployment, beside `JWKS`: when each retired key stopped signing, so that a later
/// `keys prune`, on any machine, knows when tokens signed by it have all expired.
pub const RETIRED_KEYS: &str = "CONVEX_AUTH_RETIRED_KEYS";
/// On the hosting provider, beside the write-only private key: its kid, so that a rerun and
/// doctor know which key the host signs with without reading it.
pub const KEY_ID: &str = "CONVEX_AUTH_KEY_ID";
/// On the hosting provider, beside the write-only adapter secret: its SHA-256, for the same.
pub const ADAPTER_SECRET_SHA256: &str = "CONVEX_AUTH_ADAPTER_SECRET_SHA256";
/// Auth.js's switch to trust the request's host name (`next start` behind a proxy, Netlify).
pub const TRUST_HOST: &str = "AUTH_TRUST_HOST";
/// Auth.js's own URL, which also makes it trust the host.
pub const AUTH_URL: &str = "AUTH_URL";
