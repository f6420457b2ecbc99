// A user signs in on a real Next.js server: `next build` and `next start` of a project that
// `convex-authjs setup` set up, its Convex code run by the bridge (Convex's protocol,
// convex-test behind it). The server runs on the values setup wrote into `.env.local` (only
// the deployment's URLs point at the bridge); the bridge holds the values setup pushed to the
// deployment. The user asks for an email link, which Auth.js's own email provider (Nodemailer)
// sends over SMTP to the test's loopback sink; they follow it and have a session. Its Convex
// token is accepted by the deployment's own checks (the bridge verifies it as Convex does,
// against the JWKS the project's http.ts serves), and a Convex function of the app reads the
// user's id as `ctx.auth.getUserIdentity().subject`. Signing out removes the session from Convex.
import { spawn, spawnSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
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

// An SMTP server on loopback that accepts every message and keeps it: the mail a real one
// would deliver. Enough of RFC 5321 for a client that is told of no extensions.
async function startSmtpSink() {
  const mails: string[] = [];
  const server = createServer((socket) => {
    socket.setEncoding("utf8");
    const say = (line: string) => socket.write(`${line}\r\n`);
    let buffer = "";
    let data: string | undefined;
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (data !== undefined) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          mails.push(data + buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = undefined;
          say("250 2.0.0 queued");
          continue;
        }
        const at = buffer.indexOf("\r\n");
        if (at === -1) return;
        const verb = buffer.slice(0, at).slice(0, 4).toUpperCase();
        buffer = buffer.slice(at + 2);
        if (verb === "EHLO" || verb === "HELO") say("250 sink");
        else if (verb === "DATA") {
          data = "";
          say("354 end data with <CR><LF>.<CR><LF>");
        } else if (verb === "QUIT") {
          say("221 2.0.0 bye");
          socket.end();
          return;
        } else say("250 2.0.0 ok");
      }
    });
    say("220 sink ESMTP");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => server.close() };
}

// The sign-in link in a mail: its text part, quoted-printable decoded.
function linkIn(mail: string, site: string): string {
  const decoded = mail.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  const found = decoded.match(/https?:\/\/[^\s"<>]+\/api\/auth\/callback\/nodemailer\?[^\s"<>]+/);
  if (found === null) throw new Error(`no sign-in link in the mail:\n${mail}`);
  expect(found[0].startsWith(site), found[0]).toBe(true);
  return found[0];
}

test("a user signs in by email link on next start, and Convex knows who they are", async () => {
  const smtp = await startSmtpSink();
  const deployment: Deployment = { backend: convexTest(schema, modules), env: {}, providers: [] };
  const bridge = await startBridge(deployment);
  process.env.CONVEX_SITE_URL = bridge.url;
  deployment.providers = (await authConfig()).default.providers;
  delete process.env.CONVEX_SITE_URL;
  const secret = required("CONVEX_AUTHJS_TEST_ADAPTER_SECRET");
  deployment.env = {
    CONVEX_AUTH_ADAPTER_SECRET: secret,
    JWKS: required("CONVEX_AUTHJS_TEST_JWKS"),
    CONVEX_SITE_URL: bridge.url,
  };
  // Everything else (the key, the secret, AUTH_SECRET) Next.js loads from .env.local; the
  // environment wins over it, as on a host.
  const env = {
    ...process.env,
    // vitest's NODE_ENV=test would make Next.js skip .env.local, as it does under test runners.
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_CONVEX_URL: bridge.url,
    NEXT_PUBLIC_CONVEX_SITE_URL: bridge.url,
    // Auth.js trusts the request's host by itself only in development and on Vercel.
    AUTH_TRUST_HOST: "true",
    EMAIL_SERVER: smtp.url,
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
  const query = (path: string, args: object, token?: string) =>
    fetch(`${bridge.url}/api/query`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ path, args, format: "json" }),
    });
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

    // Ask for a link: Auth.js stores a verification token in Convex and mails the link.
    const asked = await fetch(`${site}/api/auth/signin/nodemailer`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
      body: new URLSearchParams({ email: "ada@example.com", csrfToken, callbackUrl: site }),
    });
    jar.take(asked);
    expect(asked.status, said).toBe(302);
    expect(asked.headers.get("location"), said).toContain("verify-request");
    expect(smtp.mails.length, `no mail was sent:\n${said}`).toBe(1);
    expect(smtp.mails[0]).toMatch(/^To: ada@example\.com\r$/m);

    // Follow it: Auth.js makes the user and the session, in Convex.
    const followed = await fetch(linkIn(smtp.mails[0], site), { redirect: "manual", headers: { Cookie: jar.header() } });
    jar.take(followed);
    expect(followed.status, said).toBe(302);
    expect(followed.headers.get("location"), said).not.toContain("error");

    const answer = await fetch(`${site}/api/auth/session`, { headers: { Cookie: jar.header() } });
    const session = (await answer.json()) as { user?: { email?: string }; convexToken?: string };
    expect(session.user?.email, JSON.stringify(session)).toBe("ada@example.com");
    expect(typeof session.convexToken).toBe("string");

    // The user, as the adapter keeps them in Convex.
    const stored = await query("authAdapter:getUserByEmail", { secret, email: "ada@example.com" });
    const user = (await stored.json()) as { value?: { _id?: string; email?: string } };
    expect(user.value?.email, JSON.stringify(user)).toBe("ada@example.com");

    // A function of the app, called with the session's token: the deployment takes the token
    // (checked before the function runs, as Convex checks it), and the function reads the
    // user's id in Convex as the identity's subject.
    const viewer = await query("viewer:subject", {}, session.convexToken);
    const seen = (await viewer.json()) as { status?: string; value?: string | null };
    expect(viewer.status, JSON.stringify(seen)).toBe(200);
    expect(seen.value, JSON.stringify(seen)).toBe(user.value?._id);
    expect(jose.decodeJwt(session.convexToken!).sub).toBe(user.value?._id);
    // Without a token, no one.
    expect(((await (await query("viewer:subject", {})).json()) as { value: unknown }).value).toBeNull();

    // Signing out ends the session in Convex, not only in the browser.
    const sessionToken = jar.cookies.get("authjs.session-token");
    expect(sessionToken, [...jar.cookies.keys()].join(", ")).toBeDefined();
    const kept = () =>
      query("authAdapter:getSessionAndUser", { secret, sessionToken }).then((r) => r.json() as Promise<{ value: unknown }>);
    expect((await kept()).value).not.toBeNull();
    const out = await fetch(`${site}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, callbackUrl: site }),
    });
    expect(out.status, said).toBe(302);
    expect((await kept()).value).toBeNull();
  } finally {
    server.kill();
    smtp.close();
    await bridge.close();
  }
}, 240_000);
