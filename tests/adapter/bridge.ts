// A loopback Convex deployment for the conformance suite: it speaks Convex's function protocol
// (what `convex/nextjs` and doctor send) and runs the project's Convex code in convex-test.
// HTTP routes go to the project's own `http.ts` through convex-test's `fetch`. A Bearer token is
// checked as Convex checks it (convex-facts.md §5) against the providers of the project's own
// `auth.config.ts`, with jose doing the verifying.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import * as jose from "jose";

type Caller = {
  query(fn: unknown, args: unknown): Promise<unknown>;
  mutation(fn: unknown, args: unknown): Promise<unknown>;
};

type Backend = Caller & {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  withIdentity(identity: Identity): Caller;
};

export type Provider = { domain?: string; applicationID?: string };

export type Deployment = {
  backend: Backend;
  // The deployment's environment variables, seen by its functions only while they run.
  env: Record<string, string | undefined>;
  // auth.config.ts's providers, as the deployment evaluated them.
  providers: Provider[];
};

export async function startBridge(deployment: Deployment) {
  const server = createServer(async (request, response) => {
    try {
      const reply = await answer(deployment, request);
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    } catch (error) {
      response.writeHead(500, { "Content-Type": "text/plain" });
      response.end(`bridge: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Reply = { status: number; headers: Record<string, string>; body: string };

async function answer(deployment: Deployment, request: IncomingMessage): Promise<Reply> {
  const body = await readBody(request);
  const kind = request.url?.match(/^\/api\/(query|mutation)$/)?.[1] as "query" | "mutation" | undefined;
  if (request.method === "POST" && kind !== undefined) {
    const caller = await authenticate(deployment, request.headers.authorization);
    if ("status" in caller) return caller;
    return await call(deployment, kind, JSON.parse(body), caller.identity);
  }
  const response = await withEnv(deployment.env, () =>
    deployment.backend.fetch(request.url ?? "/", {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.method === "GET" || request.method === "HEAD" ? undefined : body,
    }),
  );
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  };
}

// Convex's wire format: `convex/nextjs` sends `convex_encoded_json` with the arguments as a
// one-element array and takes errors as status 560; plain `json` callers get status 200.
async function call(
  deployment: Deployment,
  kind: "query" | "mutation",
  request: { path: string; args: unknown; format?: string },
  identity: Identity | undefined,
): Promise<Reply> {
  const encoded = request.format === "convex_encoded_json";
  const args = encoded ? jsonToConvex((request.args as JSONValue[])[0]) : request.args;
  const json = { "Content-Type": "application/json" };
  try {
    // The function sees the verified token as `ctx.auth.getUserIdentity()`, as on Convex.
    const backend = identity === undefined ? deployment.backend : deployment.backend.withIdentity(identity);
    const value = await withEnv(deployment.env, () => backend[kind](makeFunctionReference(request.path), args));
    const wire = encoded ? convexToJson((value ?? null) as Value) : (value ?? null);
    return { status: 200, headers: json, body: JSON.stringify({ status: "success", value: wire, logLines: [] }) };
  } catch (error) {
    let message = error instanceof Error ? error.message : String(error);
    // convex-test's words for a function that is not there, in Convex's.
    if (/Could not find module for|but there is no such export/.test(message)) {
      message = `Could not find public function for '${request.path}'.`;
    }
    return {
      status: encoded ? 560 : 200,
      headers: json,
      body: JSON.stringify({
        status: "error",
        errorMessage: `[Request ID: bridge] Server Error\nUncaught Error: ${message}`,
        logLines: [],
      }),
    };
  }
}

function authError(code: string, message: string): Reply {
  return { status: 401, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code, message }) };
}

type Identity = { subject: string; issuer: string; tokenIdentifier: string };

// Convex's order: a provider whose domain is the token's issuer and whose applicationID is in
// its audience; discovery from the issuer (200, JSON, the same issuer); its JWKS; the signature
// and claims, with no clock skew. A refusal is Convex's reply; else the caller's identity (none
// without a token), as Convex makes it from the token's claims.
async function authenticate(
  deployment: Deployment,
  header: string | undefined,
): Promise<Reply | { identity: Identity | undefined }> {
  if (header === undefined) return { identity: undefined };
  const token = header.replace(/^Bearer /, "");
  let claims: jose.JWTPayload;
  try {
    claims = jose.decodeJwt(token);
  } catch {
    return authError("InvalidAuthHeader", "Could not parse JWT payload");
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const domain = (d: string) => (d.includes("://") ? d : `https://${d}`).replace(/\/$/, "");
  const provider = deployment.providers.find(
    (p) => p.domain !== undefined && domain(p.domain) === claims.iss && audiences.includes(p.applicationID),
  );
  if (provider === undefined) {
    return authError("NoAuthProvider", "No auth provider found matching the given token");
  }
  const failed = (why: string) => authError("AuthProviderDiscoveryFailed", `Auth provider discovery of ${claims.iss} failed: ${why}`);
  const json = (r: Response, also: string) => [null, "application/json", also].includes(r.headers.get("content-type"));
  const discovery = await fetch(`${claims.iss}/.well-known/openid-configuration`);
  if (discovery.status !== 200 || !json(discovery, "application/json")) return failed("bad discovery response");
  const { issuer, jwks_uri } = (await discovery.json()) as { issuer?: string; jwks_uri?: string };
  if (issuer !== claims.iss || jwks_uri === undefined) return failed("issuer mismatch");
  const keys = await fetch(jwks_uri);
  if (keys.status !== 200 || !json(keys, "application/jwk-set+json")) return failed("bad JWKS response");
  try {
    await jose.jwtVerify(token, jose.createLocalJWKSet(await keys.json()), {
      issuer,
      audience: provider.applicationID,
      algorithms: ["RS256"],
      requiredClaims: ["iss", "sub", "iat", "exp"],
    });
  } catch {
    return authError(
      "Unauthenticated",
      "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
    );
  }
  // Both verified above: the token names this issuer and a subject.
  const [iss, subject] = [String(claims.iss), String(claims.sub)];
  return { identity: { subject, issuer: iss, tokenIdentifier: `${iss}|${subject}` } };
}

async function withEnv<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(env);
  try {
    return await run();
  } finally {
    apply(saved);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
