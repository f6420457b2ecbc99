// Signs the token the Convex client sends for a signed-in user; Convex checks it against the
// JWKS served by convex/http.ts. Written by `convex-authjs init`.
import { SignJWT, calculateJwkThumbprint, exportJWK, importPKCS8 } from "jose";

type SigningKey = { key: CryptoKey; kid: string };

// Imported once per process: parsing an RSA key on every session read would be wasted work.
let signingKey: Promise<SigningKey> | undefined;

async function importSigningKey(): Promise<SigningKey> {
  const pem = process.env.CONVEX_AUTH_PRIVATE_KEY;
  if (pem === undefined || pem === "") {
    throw new Error(
      "Missing CONVEX_AUTH_PRIVATE_KEY environment variable: `npx convex-authjs setup` writes it",
    );
  }
  const key = await importPKCS8(pem, "RS256", { extractable: true });
  // The key id is the RFC 7638 thumbprint of the public key, as in the JWKS, so Convex can
  // pick the right key while two are published during a rotation.
  const kid = await calculateJwkThumbprint(await exportJWK(key));
  return { key, kid };
}

// Convex's issuer is its site URL. NEXT_PUBLIC_CONVEX_SITE_URL says it for every kind of
// deployment (custom domains, local, self-hosted); the `.cloud` → `.site` rewrite only
// holds for deployments on convex.cloud.
function issuer(): string {
  const site = process.env.NEXT_PUBLIC_CONVEX_SITE_URL;
  if (site !== undefined && site !== "") {
    return site.replace(/\/$/, "");
  }
  const url = process.env.NEXT_PUBLIC_CONVEX_URL;
  if (url === undefined || url === "") {
    throw new Error(
      "Missing NEXT_PUBLIC_CONVEX_SITE_URL (or NEXT_PUBLIC_CONVEX_URL) environment variable",
    );
  }
  return url.replace(/\/$/, "").replace(/\.cloud$/, ".site");
}

export async function signConvexToken(userId: string): Promise<string> {
  signingKey ??= importSigningKey();
  const { key, kid } = await signingKey.catch((error) => {
    signingKey = undefined;
    throw error;
  });
  return await new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: "RS256", kid })
    .setIssuedAt()
    .setIssuer(issuer())
    .setAudience("convex")
    .setExpirationTime("1h")
    .sign(key);
}
