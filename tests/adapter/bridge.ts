// A loopback Convex deployment for the conformance suite: it speaks Convex's function protocol
// (what `convex/nextjs` and doctor send) and runs the project's Convex code in convex-test.
// HTTP routes go to the project's own `http.ts` through convex-test's `fetch`.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type Value } from "convex/values";

type Backend = {
  query(fn: unknown, args: unknown): Promise<unknown>;
  mutation(fn: unknown, args: unknown): Promise<unknown>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
};

export type Deployment = {
  backend: Backend;
  // The deployment's environment variables, seen by its functions only while they run.
  env: Record<string, string | undefined>;
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
    return await call(deployment, kind, JSON.parse(body));
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
): Promise<Reply> {
  const encoded = request.format === "convex_encoded_json";
  const args = encoded ? jsonToConvex((request.args as Value[])[0]) : request.args;
  const json = { "Content-Type": "application/json" };
  try {
    const value = await withEnv(deployment.env, () =>
      deployment.backend[kind](makeFunctionReference(request.path), args),
    );
    const wire = encoded ? convexToJson((value ?? null) as Value) : (value ?? null);
    return { status: 200, headers: json, body: JSON.stringify({ status: "success", value: wire, logLines: [] }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
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
