// The real consumers of what convex-authjs writes, driven by the Rust tests.
// Reads one JSON request on stdin and writes one JSON answer on stdout.
//   {"op":"load","files":["…"]}  → @next/env's loadEnvConfig on each text saved as .env.local
//   {"op":"jose","keys":[{"pem":"…","jwks":{…},"kid":"…"}]} → import, sign, verify, thumbprint
//   {"op":"verify-remote","token":"…","jwksUrl":"…","issuer":"…"} → jwtVerify with a remote JWKS
//   {"op":"load-dir","dir":"…","dev":bool} → what @next/env loads from a folder's env files
//   {"op":"import","pems":["…"]} → for each, whether jose's importPKCS8 accepts it
//   {"op":"rsa-parts","pems":["…"]} → each key's parts as Node's OpenSSL reads them, checked
//        against FIPS 186-4 B.3.1/B.3.3 with BigInt arithmetic and crypto.checkPrimeSync
//   {"op":"sign","pem":"…","kid":"…"|"thumbprint"?,"issuer":"…","audience":"…","expiresIn":secs} → a JWT signed by jose
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrivateKey, checkPrimeSync } from "node:crypto";
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

function rsaParts(pems) {
  const big = (b64url) => BigInt("0x" + Buffer.from(b64url, "base64url").toString("hex"));
  const mod = (a, m) => ((a % m) + m) % m;
  const gcd = (a, b) => (b === 0n ? a : gcd(b, a % b));
  return pems.map((pem) => {
    const jwk = createPrivateKey(pem).export({ format: "jwk" });
    const [n, e, d, p, q, dp, dq, qi] = ["n", "e", "d", "p", "q", "dp", "dq", "qi"].map((k) => big(jwk[k]));
    const bits = n.toString(2).length;
    const k = BigInt(bits / 2);
    const pm1 = p - 1n;
    const qm1 = q - 1n;
    const diff = p > q ? p - q : q - p;
    return {
      bits,
      e: Number(e),
      nIsPq: n === p * q,
      primes: checkPrimeSync(p, { checks: 64 }) && checkPrimeSync(q, { checks: 64 }),
      // B.3.3 steps 4.4 and 5.5: each prime at least 2^(k-1)·√2, i.e. its square at least 2^(2k-1).
      aboveSqrt2: p * p >= 1n << (2n * k - 1n) && q * q >= 1n << (2n * k - 1n),
      // B.3.3 step 5.4.
      farApart: diff > 1n << (k - 100n),
      // d·e ≡ 1 modulo p-1 and q-1, so modulo their lcm; B.3.1: 2^k < d < lcm(p-1, q-1), the
      // bound OpenSSL's FIPS key check (ossl_rsa_check_private_exponent) also holds a key to.
      dInverse: mod(d * e, pm1) === 1n && mod(d * e, qm1) === 1n,
      dLarge: d > 1n << k,
      dBelowLcm: d < (pm1 * qm1) / gcd(pm1, qm1),
      crt: dp === mod(d, pm1) && dq === mod(d, qm1) && mod(qi * q, p) === 1n && qi < p,
      p: jwk.p,
      q: jwk.q,
    };
  });
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
  else if (request.op === "rsa-parts") answer = rsaParts(request.pems);
  else if (request.op === "load-dir") answer = loadDir(request);
  else throw new Error(`unknown op ${request.op}`);
} catch (error) {
  answer = { error: String(error && error.message ? error.message : error) };
}
process.stdout.write(JSON.stringify(answer));
