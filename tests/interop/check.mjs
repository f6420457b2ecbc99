// The real consumers of what convex-authjs writes, driven by the Rust tests.
// Reads one JSON request on stdin and writes one JSON answer on stdout.
//   {"op":"load","files":["…"]}  → @next/env's loadEnvConfig on each text saved as .env.local
//   {"op":"jose","keys":[{"pem":"…","jwks":{…},"kid":"…"}]} → import, sign, verify, thumbprint
//   {"op":"verify-remote","token":"…","jwksUrl":"…","issuer":"…"} → jwtVerify with a remote JWKS
//   {"op":"load-dir","dir":"…","dev":bool} → what @next/env loads from a folder's env files
//   {"op":"import","pems":["…"]} → for each, whether jose's importPKCS8 accepts it
//   {"op":"sign","pem":"…","kid":"…"|"thumbprint"?,"issuer":"…","audience":"…","expiresIn":secs} → a JWT signed by jose
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nextEnv from "@next/env";
import * as jose from "jose";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});
const request = JSON.parse(input);

async function load(files) {
  const results = [];
  for (const contents of files) {
    const dir = mkdtempSync(join(tmpdir(), "convex-authjs-env-"));
    try {
      writeFileSync(join(dir, ".env.local"), contents);
      const errors = [];
      const log = { info() {}, error: (...args) => errors.push(args.map(String).join(" ")) };
      const { parsedEnv } = nextEnv.loadEnvConfig(dir, true, log, true);
      results.push({ env: { ...parsedEnv }, errors });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

async function checkKeys({ pem, jwks, kid }) {
  const answer = {};
  const privateKey = await jose.importPKCS8(pem, "RS256", { extractable: true });
  answer.imported = true;
  const keySet = jose.createLocalJWKSet(jwks);
  const claims = { sub: "probe-user" };
  const verify = async (header) => {
    const token = await new jose.SignJWT(claims)
      .setProtectedHeader(header)
      .setIssuedAt()
      .setIssuer("https://example.convex.site")
      .setAudience("convex")
      .setExpirationTime("1m")
      .sign(privateKey);
    const { payload } = await jose.jwtVerify(token, keySet, {
      issuer: "https://example.convex.site",
      audience: "convex",
    });
    return payload.sub === "probe-user";
  };
  answer.verifiedWithoutKid = await verify({ alg: "RS256" });
  answer.verifiedWithKid = await verify({ alg: "RS256", kid });
  answer.thumbprint = await jose.calculateJwkThumbprint(jwks.keys[0], "sha256");
  const fromPrivate = await jose.exportJWK(privateKey);
  answer.privateKeyThumbprint = await jose.calculateJwkThumbprint(
    { kty: fromPrivate.kty, n: fromPrivate.n, e: fromPrivate.e },
    "sha256",
  );
  return answer;
}

async function verifyRemote({ token, jwksUrl, issuer }) {
  try {
    const keySet = jose.createRemoteJWKSet(new URL(jwksUrl));
    const { payload, protectedHeader } = await jose.jwtVerify(token, keySet, { issuer, audience: "convex" });
    return { verified: true, sub: payload.sub, alg: protectedHeader.alg, lifetime: payload.exp - payload.iat };
  } catch (error) {
    return { verified: false, reason: String(error && error.code ? error.code : error) };
  }
}

async function sign({ pem, kid, issuer, audience, expiresIn }) {
  const privateKey = await jose.importPKCS8(pem, "RS256", { extractable: true });
  if (kid === "thumbprint") {
    // As a signer that sends kid computes it: the RFC 7638 thumbprint of its key.
    const { kty, n, e } = await jose.exportJWK(privateKey);
    kid = await jose.calculateJwkThumbprint({ kty, n, e }, "sha256");
  }
  const now = Math.floor(Date.now() / 1000);
  const header = kid ? { alg: "RS256", kid } : { alg: "RS256" };
  const token = await new jose.SignJWT({ sub: "probe-user" })
    .setProtectedHeader(header)
    .setIssuedAt(now)
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime(now + expiresIn)
    .sign(privateKey);
  return { token };
}

async function importable(pems) {
  const results = [];
  for (const pem of pems) {
    try {
      await jose.importPKCS8(pem, "RS256");
      results.push(true);
    } catch {
      results.push(false);
    }
  }
  return results;
}

function loadDir({ dir, dev }) {
  const { parsedEnv } = nextEnv.loadEnvConfig(dir, dev, { info() {}, error() {} }, true);
  return { ...parsedEnv };
}

let answer;
try {
  if (request.op === "load") answer = await load(request.files);
  else if (request.op === "jose") answer = await Promise.all(request.keys.map(checkKeys));
  else if (request.op === "verify-remote") answer = await verifyRemote(request);
  else if (request.op === "sign") answer = await sign(request);
  else if (request.op === "import") answer = await importable(request.pems);
  else if (request.op === "load-dir") answer = loadDir(request);
  else throw new Error(`unknown op ${request.op}`);
} catch (error) {
  answer = { error: String(error && error.message ? error.message : error) };
}
process.stdout.write(JSON.stringify(answer));
