// Auth.js's own adapter suite (adapter-suite.ts, vendored unchanged), run as the official
// adapters run it, authenticator tests on, against the code `convex-authjs init` wrote into a
// fixture project: ConvexAdapter.ts calls the Convex functions over real HTTP (convex/nextjs)
// through the bridge, which runs them in convex-test. The `db` helpers read the rows straight
// from convex-test's database, in the Auth.js model's shape: a row's `_id` is its `id`, its
// times (milliseconds) are Dates, an optional field it lacks is `null`.
import { convexTest } from "convex-test";
import { runBasicTests } from "./convex-authjs.adapter-suite";
import { startBridge, type Deployment } from "./convex-authjs.bridge";
import { ConvexAdapter, modules, schema } from "./convex-authjs.fixture";

const SECRET = "the-adapter-secret-shared-by-next-and-convex";
const backend = convexTest(schema, modules);
const deployment: Deployment = { backend, env: { CONVEX_AUTH_ADAPTER_SECRET: SECRET }, providers: [] };
let bridge: Awaited<ReturnType<typeof startBridge>>;

type Row = Record<string, unknown> & { _id: string; _creationTime: number };
type Ctx = { db: any };

// The row without Convex's system fields, its `_id` as `id`; absent optionals as null.
function model(row: Row | null, nulls: string[] = [], dates: string[] = []) {
  if (row === null) return null;
  const { _id, _creationTime, ...fields } = row;
  const out: Record<string, unknown> = { id: _id, ...fields };
  for (const name of nulls) out[name] ??= null;
  for (const name of dates) out[name] = out[name] == null ? null : new Date(out[name] as number);
  return out;
}

function read<T>(f: (ctx: Ctx) => Promise<T>): Promise<T> {
  return (backend as unknown as { run: (f: (ctx: Ctx) => Promise<T>) => Promise<T> }).run(f);
}

function byField(table: string, index: string, field: string, value: string) {
  return read((ctx) => ctx.db.query(table).withIndex(index, (q: any) => q.eq(field, value)).unique());
}

runBasicTests({
  adapter: ConvexAdapter,
  testWebAuthnMethods: true,
  db: {
    connect: async () => {
      bridge = await startBridge(deployment);
      process.env.NEXT_PUBLIC_CONVEX_URL = bridge.url;
      process.env.CONVEX_AUTH_ADAPTER_SECRET = SECRET;
    },
    disconnect: () => bridge.close(),
    user: async (id) => {
      const row = await read(async (ctx) => {
        const normalized = ctx.db.normalizeId("users", id);
        return normalized === null ? null : ctx.db.get(normalized);
      });
      return model(row, ["name", "image"], ["emailVerified"]);
    },
    session: async (sessionToken) => {
      const row = await byField("sessions", "sessionToken", "sessionToken", sessionToken);
      return model(row, [], ["expires"]);
    },
    account: async ({ provider, providerAccountId }) => {
      const row: Row | null = await read((ctx) =>
        ctx.db
          .query("accounts")
          .withIndex("providerAndAccountId", (q: any) =>
            q.eq("provider", provider).eq("providerAccountId", providerAccountId),
          )
          .unique(),
      );
      if (row === null) return null;
      const { extra, ...columns } = row as Row & { extra?: Record<string, unknown> };
      return model({ ...(extra ?? {}), ...columns } as Row);
    },
    verificationToken: async ({ identifier, token }) => {
      const row: Row | null = await read((ctx) =>
        ctx.db
          .query("verificationTokens")
          .withIndex("identifierToken", (q: any) => q.eq("identifier", identifier).eq("token", token))
          .unique(),
      );
      if (row === null) return null;
      const { id: _ignored, ...token_ } = model(row, [], ["expires"])!;
      return token_;
    },
    authenticator: async (credentialID) => {
      const row = await byField("authenticators", "credentialID", "credentialID", credentialID);
      return model(row, ["transports"]);
    },
  },
});
