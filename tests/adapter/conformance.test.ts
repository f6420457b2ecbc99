// Auth.js's adapter contract, written from https://authjs.dev/reference/core/adapters and the
// cases of Auth.js's own suite (packages/utils/adapter.ts, not on npm), run against the code
// `convex-authjs init` wrote into a fixture project: ConvexAdapter.ts calls the Convex
// functions over real HTTP (convex/nextjs) through the bridge, which runs them in convex-test.
// The token checks use jose, not our code.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { convexTest } from "convex-test";
import * as jose from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startBridge, type Deployment } from "./convex-authjs.bridge";
import { authConfig, ConvexAdapter, modules, schema, signConvexToken } from "./convex-authjs.fixture";

const SECRET = "the-adapter-secret-shared-by-next-and-convex";
const adapter = ConvexAdapter as Required<typeof ConvexAdapter>;
const deployment: Deployment = { backend: convexTest(schema, modules), env: {}, providers: [] };
let bridge: Awaited<ReturnType<typeof startBridge>>;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`the test runner must set ${name}`);
  return value;
}
// The key pair comes from `convex-authjs keys generate`; the runner passes it in.
const JWKS = required("CONVEX_AUTHJS_TEST_JWKS");
const PRIVATE_KEY = required("CONVEX_AUTHJS_TEST_PRIVATE_KEY");

beforeAll(async () => {
  bridge = await startBridge(deployment);
  // auth.config.ts as the deployment evaluates it: with its own CONVEX_SITE_URL.
  process.env.CONVEX_SITE_URL = bridge.url;
  deployment.providers = (await authConfig()).default.providers;
  delete process.env.CONVEX_SITE_URL;
});
afterAll(async () => {
  await bridge.close();
});
beforeEach(() => {
  deployment.backend = convexTest(schema, modules);
  deployment.env = { CONVEX_AUTH_ADAPTER_SECRET: SECRET, JWKS, CONVEX_SITE_URL: bridge.url };
  // The Next.js server's environment.
  process.env.NEXT_PUBLIC_CONVEX_URL = bridge.url;
  process.env.NEXT_PUBLIC_CONVEX_SITE_URL = bridge.url;
  process.env.CONVEX_AUTH_ADAPTER_SECRET = SECRET;
  process.env.CONVEX_AUTH_PRIVATE_KEY = PRIVATE_KEY;
});

const METHODS = [
  "createUser", "getUser", "getUserByEmail", "getUserByAccount", "updateUser", "deleteUser",
  "linkAccount", "unlinkAccount", "getAccount", "createSession", "getSessionAndUser",
  "updateSession", "deleteSession", "createVerificationToken", "useVerificationToken",
  "createAuthenticator", "getAuthenticator", "listAuthenticatorsByUserId",
  "updateAuthenticatorCounter",
] as const;

let counter = 0;
function newUser() {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    email: `user${counter}@example.com`,
    name: `User ${counter}`,
    image: null,
    emailVerified: new Date("2026-01-02T03:04:05.000Z"),
  };
}
const hour = 60 * 60 * 1000;

async function userWithAccount() {
  const user = await adapter.createUser(newUser());
  const account = {
    userId: user.id,
    type: "oauth" as const,
    provider: "github",
    providerAccountId: `gh-${user.id}`,
    access_token: "gho_token",
    token_type: "bearer" as const,
    scope: "read:user",
    refresh_token: null as unknown as string,
    // GitHub's own field, beyond the Auth.js model.
    refresh_token_expires_in: 15897600,
  };
  return { user, account };
}

describe("users", () => {
  test("every adapter method is there", () => {
    for (const method of METHODS) expect(typeof adapter[method], method).toBe("function");
  });

  test("create, get, get by email, update", async () => {
    const created = await adapter.createUser(newUser());
    expect(created.id).toMatch(/^[a-z0-9]+$/);
    const read = await adapter.getUser(created.id);
    expect(read).toEqual({ ...created, image: null });
    expect(read!.emailVerified).toBeInstanceOf(Date);
    expect(await adapter.getUserByEmail(created.email)).toEqual(read);

    const updated = await adapter.updateUser({ id: created.id, name: "Renamed", image: "https://example.com/a.png" });
    expect(updated).toMatchObject({ id: created.id, email: created.email, name: "Renamed", image: "https://example.com/a.png" });
    expect(await adapter.getUser(created.id)).toEqual(updated);
  });

  test("an unknown id or email reads as null", async () => {
    expect(await adapter.getUser(crypto.randomUUID())).toBeNull();
    expect(await adapter.getUser("x")).toBeNull();
    expect(await adapter.getUserByEmail("nobody@example.com")).toBeNull();
    const gone = await adapter.createUser(newUser());
    await adapter.deleteUser!(gone.id);
    expect(await adapter.getUser(gone.id)).toBeNull();
  });
});

describe("accounts", () => {
  test("link with null and provider-specific fields, find the user by account, unlink", async () => {
    const { user, account } = await userWithAccount();
    await adapter.linkAccount(account);
    expect(await adapter.getUserByAccount(account)).toEqual(await adapter.getUser(user.id));
    const stored = await adapter.getAccount(account.providerAccountId, account.provider);
    expect(stored).toMatchObject({ provider: "github", access_token: "gho_token", refresh_token_expires_in: 15897600 });
    expect(stored!.refresh_token).toBeUndefined();

    await adapter.unlinkAccount(account);
    expect(await adapter.getUserByAccount(account)).toBeNull();
    expect(await adapter.getAccount(account.providerAccountId, account.provider)).toBeNull();
  });
});

describe("sessions", () => {
  test("create, read with its user, update, delete", async () => {
    const user = await adapter.createUser(newUser());
    const given = { sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(Date.now() + hour) };
    // A session comes back with its id, as the model's rows have one.
    const session = await adapter.createSession(given);
    expect(session).toEqual({ ...given, id: expect.any(String) });

    const found = await adapter.getSessionAndUser(session.sessionToken);
    expect(found).toEqual({ session, user: await adapter.getUser(user.id) });

    const later = new Date(session.expires.getTime() + hour);
    const updated = await adapter.updateSession({ sessionToken: session.sessionToken, expires: later });
    expect(updated).toEqual({ ...session, expires: later });

    expect(await adapter.deleteSession(session.sessionToken)).toEqual({ ...session, expires: later });
    expect(await adapter.getSessionAndUser(session.sessionToken)).toBeNull();
    expect(await adapter.updateSession({ sessionToken: session.sessionToken })).toBeNull();
  });
});

describe("verification tokens", () => {
  test("a token works once; the second use returns null", async () => {
    const token = { identifier: "user@example.com", token: crypto.randomUUID(), expires: new Date(Date.now() + hour) };
    expect(await adapter.createVerificationToken(token)).toEqual(token);
    expect(await adapter.useVerificationToken(token)).toEqual(token);
    expect(await adapter.useVerificationToken(token)).toBeNull();
  });
});

describe("authenticators", () => {
  test("create with null transports, get, list, count; unknown ids list [] and an unknown credential throws", async () => {
    const { user, account } = await userWithAccount();
    await adapter.linkAccount({ ...account, type: "webauthn" });
    const authenticator = {
      credentialID: "credential-1",
      userId: user.id,
      providerAccountId: account.providerAccountId,
      credentialPublicKey: "public-key",
      counter: 0,
      credentialDeviceType: "singleDevice",
      credentialBackedUp: false,
      transports: null,
    };
    expect(await adapter.createAuthenticator(authenticator)).toEqual(authenticator);
    expect(await adapter.getAuthenticator("credential-1")).toEqual(authenticator);
    expect(await adapter.listAuthenticatorsByUserId(user.id)).toEqual([authenticator]);
    expect(await adapter.updateAuthenticatorCounter("credential-1", 5)).toEqual({ ...authenticator, counter: 5 });

    expect(await adapter.listAuthenticatorsByUserId("x")).toEqual([]);
    expect(await adapter.getAuthenticator("unknown")).toBeNull();
    await expect(adapter.updateAuthenticatorCounter("unknown", 1)).rejects.toThrow(/unknown/);
  });
});

describe("deleteUser", () => {
  test("removes the user's sessions, accounts and authenticators", async () => {
    const { user, account } = await userWithAccount();
    await adapter.linkAccount(account);
    const session = { sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(Date.now() + hour) };
    await adapter.createSession(session);
    await adapter.createAuthenticator({
      credentialID: "credential-2", userId: user.id, providerAccountId: account.providerAccountId,
      credentialPublicKey: "k", counter: 0, credentialDeviceType: "multiDevice", credentialBackedUp: true,
      transports: "usb,nfc",
    });

    expect(await adapter.deleteUser!(user.id)).toMatchObject({ id: user.id, email: user.email });
    expect(await adapter.getUser(user.id)).toBeNull();
    expect(await adapter.getSessionAndUser(session.sessionToken)).toBeNull();
    expect(await adapter.getUserByAccount(account)).toBeNull();
    expect(await adapter.getAccount(account.providerAccountId, account.provider)).toBeNull();
    expect(await adapter.getAuthenticator("credential-2")).toBeNull();
    expect(await adapter.listAuthenticatorsByUserId(user.id)).toEqual([]);
  });
});

describe("the adapter secret", () => {
  test("a wrong secret is rejected", async () => {
    process.env.CONVEX_AUTH_ADAPTER_SECRET = "not-the-secret";
    await expect(adapter.getUserByEmail("a@example.com")).rejects.toThrow(
      "Adapter API called without correct secret value",
    );
  });

  test("a deployment with no secret says so", async () => {
    deployment.env.CONVEX_AUTH_ADAPTER_SECRET = undefined;
    await expect(adapter.getUserByEmail("a@example.com")).rejects.toThrow(
      "Missing CONVEX_AUTH_ADAPTER_SECRET Convex environment variable",
    );
  });

  test("a Next.js server with no secret says so before calling", async () => {
    delete process.env.CONVEX_AUTH_ADAPTER_SECRET;
    await expect(adapter.getUserByEmail("a@example.com")).rejects.toThrow(/Missing CONVEX_AUTH_ADAPTER_SECRET environment variable/);
  });
});

describe("the routes and the signer", () => {
  async function discovery() {
    const response = await fetch(`${bridge.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    return (await response.json()) as { issuer: string; jwks_uri: string };
  }

  test("discovery names this deployment as the issuer and a same-origin JWKS", async () => {
    const { issuer, jwks_uri } = await discovery();
    expect(issuer).toBe(bridge.url);
    expect(new URL(jwks_uri).origin).toBe(new URL(issuer).origin);
    const response = await fetch(jwks_uri);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual(JSON.parse(JWKS));
  });

  test("a deployment with no JWKS answers 500 with a clear message", async () => {
    deployment.env.JWKS = undefined;
    const response = await fetch(`${bridge.url}/.well-known/jwks.json`);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/Missing JWKS Convex environment variable/);
  });

  test("the signer's token verifies with jose against the served JWKS: issuer, audience, kid", async () => {
    const { issuer, jwks_uri } = await discovery();
    const userId = (await adapter.createUser(newUser())).id;
    const token = await signConvexToken(userId);
    const { payload, protectedHeader } = await jose.jwtVerify(token, jose.createRemoteJWKSet(new URL(jwks_uri)), {
      issuer,
      audience: "convex",
      algorithms: ["RS256"],
    });
    expect(payload.sub).toBe(userId);
    expect(payload.exp! - payload.iat!).toBe(3600);
    const kids = (JSON.parse(JWKS) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    expect(kids).toContain(protectedHeader.kid);
    const out = process.env.CONVEX_AUTHJS_TEST_TOKEN_OUT;
    if (out !== undefined) writeFileSync(out, JSON.stringify({ token, jwks: JSON.parse(JWKS), issuer }));
  });

  test("the deployment, by its auth.config.ts, accepts the signer's token and refuses a forged one", async () => {
    const userId = (await adapter.createUser(newUser())).id;
    const call = (token: string) =>
      fetch(`${bridge.url}/api/query`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ path: "authAdapter:getUserByEmail", args: { secret: SECRET, email: "x@example.com" }, format: "json" }),
      });
    const accepted = await call(await signConvexToken(userId));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: "success", value: null });

    const { privateKey } = await jose.generateKeyPair("RS256");
    const forged = await new jose.SignJWT({ sub: userId })
      .setProtectedHeader({ alg: "RS256", kid: (JSON.parse(JWKS) as { keys: { kid: string }[] }).keys[0].kid })
      .setIssuedAt()
      .setIssuer(bridge.url)
      .setAudience("convex")
      .setExpirationTime("1h")
      .sign(privateKey);
    const refused = await call(forged);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "Unauthenticated" });
  });

  test("the key is imported once per process, not once per call", async () => {
    await signConvexToken("first");
    // Were the key imported again, this would throw.
    process.env.CONVEX_AUTH_PRIVATE_KEY = "not a key";
    expect(jose.decodeJwt(await signConvexToken("second")).sub).toBe("second");
  });

  test("without NEXT_PUBLIC_CONVEX_SITE_URL the issuer is the .cloud URL's .site twin", async () => {
    delete process.env.NEXT_PUBLIC_CONVEX_SITE_URL;
    process.env.NEXT_PUBLIC_CONVEX_URL = "https://happy-otter-123.convex.cloud";
    const claims = jose.decodeJwt(await signConvexToken("someone"));
    expect(claims.iss).toBe("https://happy-otter-123.convex.site");
  });
});

describe("doctor", () => {
  // doctor, run against this code as a deployment: the routes, the served key, a token signed as
  // the app signs and accepted by auth.config.ts, the adapter's secret check, and the code checks
  // of the project's files. (No admin key: the deployment's variables are not compared.)
  test("passes every check the code answers", async () => {
    const bin = process.env.CONVEX_AUTHJS_BIN;
    if (bin === undefined) throw new Error("the test runner must set CONVEX_AUTHJS_BIN");
    const env = {
      PATH: process.env.PATH,
      NEXT_PUBLIC_CONVEX_URL: bridge.url,
      NEXT_PUBLIC_CONVEX_SITE_URL: bridge.url,
      CONVEX_AUTH_PRIVATE_KEY: PRIVATE_KEY,
      CONVEX_AUTH_ADAPTER_SECRET: SECRET,
    };
    // Asynchronous: the bridge answers doctor from this same process.
    const stdout = await new Promise<string>((resolve) => {
      execFile(bin, ["doctor", "--json"], { env }, (_error, out) => resolve(out));
    });
    const report = JSON.parse(stdout) as { checks: { id: string; status: string; summary: string }[] };
    const statuses = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    const expected = {
      "env.private_key": "pass",
      "env.adapter_secret": "pass",
      "code.schema": "pass",
      "code.adapter": "pass",
      "code.routes": "pass",
      "code.provider": "pass",
      "code.signer": "pass",
      "site.discovery": "pass",
      "site.jwks": "pass",
      "keys.match": "pass",
      "token.local": "pass",
      "token.convex": "pass",
      "adapter.secret": "pass",
      "adapter.rejects_wrong_secret": "pass",
    };
    expect(statuses, JSON.stringify(report, null, 2)).toMatchObject(expected);
  });
});
