// A user signs in on a real Next.js server: `next build` and `next start` of a fixture project
// after `convex-authjs init`, its Convex code run by the bridge (Convex's protocol, convex-test
// behind it). The user asks for an email link, follows it, and has a session; the session's
// Convex token is accepted by the deployment's own checks (the bridge verifies it as Convex
// does, with jose, against the JWKS the project's http.ts serves). The email provider is the
// test's: it writes the link to a file where a mail would go. Then the token's subject is the
// user's id in Convex, and signing out removes the session from Convex.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { convexTest } from "convex-test";
import * as jose from "jose";
import { expect, test } from "vitest";
import { startBridge, type Deployment } from "./convex-authjs.bridge";
import { authConfig, modules, schema } from "./convex-authjs.fixture";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`the test runner must set ${name}`);
  return value;
}

const SECRET = "the-adapter-secret-shared-by-next-and-convex";
const root = process.cwd();
const next = join(root, "node_modules/next/dist/bin/next");

// Cookies as a browser keeps them, by name.
class Jar {
  cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

test("a user signs in by email link on next start, and Convex accepts their token", async () => {
  const deployment: Deployment = { backend: convexTest(schema, modules), env: {}, providers: [] };
  const bridge = await startBridge(deployment);
  process.env.CONVEX_SITE_URL = bridge.url;
  deployment.providers = (await authConfig()).default.providers;
  delete process.env.CONVEX_SITE_URL;
  deployment.env = {
    CONVEX_AUTH_ADAPTER_SECRET: SECRET,
    JWKS: required("CONVEX_AUTHJS_TEST_JWKS"),
    CONVEX_SITE_URL: bridge.url,
  };
  const linkFile = join(root, "signin-link.txt");
  rmSync(linkFile, { force: true });
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_CONVEX_URL: bridge.url,
    NEXT_PUBLIC_CONVEX_SITE_URL: bridge.url,
    CONVEX_AUTH_PRIVATE_KEY: required("CONVEX_AUTHJS_TEST_PRIVATE_KEY"),
    CONVEX_AUTH_ADAPTER_SECRET: SECRET,
    AUTH_SECRET: "an-auth-secret-for-this-test-only-0123456789",
    AUTH_TRUST_HOST: "true",
    SIGNIN_LINK_FILE: linkFile,
  };
  // The public URLs are built in: the build comes after the bridge has its address.
  const build = spawnSync(process.execPath, [next, "build", "--webpack"], { cwd: root, env, encoding: "utf8" });
  expect(build.status, `next build:\n${build.stdout}\n${build.stderr}`).toBe(0);

  const port = 40000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, [next, "start", "-p", String(port)], { cwd: root, env, stdio: "pipe" });
  let said = "";
  server.stdout.on("data", (chunk) => (said += chunk));
  server.stderr.on("data", (chunk) => (said += chunk));
  const site = `http://localhost:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      const up = await fetch(`${site}/api/auth/providers`).then((r) => r.ok, () => false);
      if (up) break;
      if (tries > 150) throw new Error(`next start did not answer:\n${said}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const jar = new Jar();
    const csrf = await fetch(`${site}/api/auth/csrf`);
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };

    // Ask for a link.
    const asked = await fetch(`${site}/api/auth/signin/email`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
      body: new URLSearchParams({ email: "ada@example.com", csrfToken, callbackUrl: site }),
    });
    jar.take(asked);
    expect(asked.status, said).toBe(302);
    expect(asked.headers.get("location"), said).toContain("verify-request");
    expect(existsSync(linkFile), `no link was sent:\n${said}`).toBe(true);

    // Follow it: Auth.js makes the user and the session, in Convex.
    const followed = await fetch(readFileSync(linkFile, "utf8"), { redirect: "manual", headers: { Cookie: jar.header() } });
    jar.take(followed);
    expect(followed.status, said).toBe(302);
    expect(followed.headers.get("location"), said).not.toContain("error");

    const answer = await fetch(`${site}/api/auth/session`, { headers: { Cookie: jar.header() } });
    const session = (await answer.json()) as { user?: { email?: string }; convexToken?: string };
    expect(session.user?.email, JSON.stringify(session)).toBe("ada@example.com");
    expect(typeof session.convexToken).toBe("string");

    // The deployment takes the token: checked before the function runs, as Convex checks it.
    const call = await fetch(`${bridge.url}/api/query`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${session.convexToken}` },
      body: JSON.stringify({
        path: "authAdapter:getUserByEmail",
        args: { secret: SECRET, email: "ada@example.com" },
        format: "json",
      }),
    });
    const result = (await call.json()) as { status?: string; value?: { _id?: string; email?: string } };
    expect(call.status, JSON.stringify(result)).toBe(200);
    expect(result.value?.email, JSON.stringify(result)).toBe("ada@example.com");
    // The identity Convex sees is the user's: the token's subject is their id in Convex.
    expect(jose.decodeJwt(session.convexToken!).sub).toBe(result.value?._id);

    // Signing out ends the session in Convex, not only in the browser.
    const sessionToken = jar.cookies.get("authjs.session-token");
    expect(sessionToken, [...jar.cookies.keys()].join(", ")).toBeDefined();
    const stored = () =>
      fetch(`${bridge.url}/api/query`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ path: "authAdapter:getSessionAndUser", args: { secret: SECRET, sessionToken }, format: "json" }),
      }).then((r) => r.json() as Promise<{ value: unknown }>);
    expect((await stored()).value).not.toBeNull();
    const out = await fetch(`${site}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, callbackUrl: site }),
    });
    expect(out.status, said).toBe(302);
    expect((await stored()).value).toBeNull();
  } finally {
    server.kill();
    await bridge.close();
  }
}, 240_000);
