// The Convex half of the Auth.js adapter: one function per adapter method, called only by the
// Next.js server (ConvexAdapter.ts), which proves itself with CONVEX_AUTH_ADAPTER_SECRET.
// Written by `convex-authjs init`.
import { v } from "convex/values";
import { mutation, query, type QueryCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
import {
  accountFields,
  authenticatorFields,
  sessionFields,
  userFields,
  verificationTokenFields,
} from "./authTables";

// The functions are public (the Next.js server calls them over HTTP), so every one of them
// takes the shared secret first and refuses to run without it.
const secret = v.string();

function checkSecret(given: string) {
  const expected = process.env.CONVEX_AUTH_ADAPTER_SECRET;
  if (expected === undefined || expected === "") {
    throw new Error(
      "Missing CONVEX_AUTH_ADAPTER_SECRET Convex environment variable",
    );
  }
  if (given !== expected) {
    throw new Error("Adapter API called without correct secret value");
  }
}

// Queries and mutations both read through these.
type Reader = { db: QueryCtx["db"] };

// Auth.js asks for ids it did not get from us (another adapter's, a stale cookie's):
// those read as "not found", never as an error.
function userId(ctx: Reader, id: string): Id<"users"> | null {
  return ctx.db.normalizeId("users", id);
}

async function accountOf(
  ctx: Reader,
  provider: string,
  providerAccountId: string,
) {
  return await ctx.db
    .query("accounts")
    .withIndex("providerAndAccountId", (q) =>
      q.eq("provider", provider).eq("providerAccountId", providerAccountId),
    )
    .unique();
}

async function sessionOf(ctx: Reader, sessionToken: string) {
  return await ctx.db
    .query("sessions")
    .withIndex("sessionToken", (q) => q.eq("sessionToken", sessionToken))
    .unique();
}

async function authenticatorOf(ctx: Reader, credentialID: string) {
  return await ctx.db
    .query("authenticators")
    .withIndex("credentialID", (q) => q.eq("credentialID", credentialID))
    .unique();
}

export const createUser = mutation({
  args: { secret, user: v.object(userFields) },
  handler: async (ctx, { secret, user }) => {
    checkSecret(secret);
    return await ctx.db.insert("users", user);
  },
});

export const getUser = query({
  args: { secret, id: v.string() },
  handler: async (ctx, { secret, id }) => {
    checkSecret(secret);
    const user = userId(ctx, id);
    return user === null ? null : await ctx.db.get("users", user);
  },
});

export const getUserByEmail = query({
  args: { secret, email: v.string() },
  handler: async (ctx, { secret, email }) => {
    checkSecret(secret);
    return await ctx.db
      .query("users")
      .withIndex("email", (q) => q.eq("email", email))
      .first();
  },
});

export const getUserByAccount = query({
  args: { secret, provider: v.string(), providerAccountId: v.string() },
  handler: async (ctx, { secret, provider, providerAccountId }) => {
    checkSecret(secret);
    const account = await accountOf(ctx, provider, providerAccountId);
    return account === null ? null : await ctx.db.get("users", account.userId);
  },
});

export const updateUser = mutation({
  args: {
    secret,
    id: v.string(),
    user: v.object({
      email: v.optional(userFields.email),
      name: userFields.name,
      emailVerified: userFields.emailVerified,
      image: userFields.image,
    }),
  },
  handler: async (ctx, { secret, id, user }) => {
    checkSecret(secret);
    const existing = userId(ctx, id);
    if (existing === null || (await ctx.db.get("users", existing)) === null) {
      throw new Error(`No user with id ${id}`);
    }
    await ctx.db.patch("users", existing, user);
    return await ctx.db.get("users", existing);
  },
});

export const deleteUser = mutation({
  args: { secret, id: v.string() },
  handler: async (ctx, { secret, id }) => {
    checkSecret(secret);
    const existing = userId(ctx, id);
    const user = existing === null ? null : await ctx.db.get("users", existing);
    if (user === null) {
      return null;
    }
    // Table by table: each delete names its table.
    const sessions = ctx.db.query("sessions").withIndex("userId", (q) => q.eq("userId", user._id));
    for (const row of await sessions.collect()) {
      await ctx.db.delete("sessions", row._id);
    }
    const accounts = ctx.db.query("accounts").withIndex("userId", (q) => q.eq("userId", user._id));
    for (const row of await accounts.collect()) {
      await ctx.db.delete("accounts", row._id);
    }
    const authenticators = ctx.db
      .query("authenticators")
      .withIndex("userId", (q) => q.eq("userId", user._id));
    for (const row of await authenticators.collect()) {
      await ctx.db.delete("authenticators", row._id);
    }
    await ctx.db.delete("users", user._id);
    return user;
  },
});

export const linkAccount = mutation({
  args: { secret, account: v.object(accountFields) },
  handler: async (ctx, { secret, account }) => {
    checkSecret(secret);
    const id = await ctx.db.insert("accounts", account);
    return await ctx.db.get("accounts", id);
  },
});

export const unlinkAccount = mutation({
  args: { secret, provider: v.string(), providerAccountId: v.string() },
  handler: async (ctx, { secret, provider, providerAccountId }) => {
    checkSecret(secret);
    const account = await accountOf(ctx, provider, providerAccountId);
    if (account === null) {
      return null;
    }
    await ctx.db.delete("accounts", account._id);
    return account;
  },
});

export const getAccount = query({
  args: { secret, provider: v.string(), providerAccountId: v.string() },
  handler: async (ctx, { secret, provider, providerAccountId }) => {
    checkSecret(secret);
    return await accountOf(ctx, provider, providerAccountId);
  },
});

export const createSession = mutation({
  args: { secret, session: v.object(sessionFields) },
  handler: async (ctx, { secret, session }) => {
    checkSecret(secret);
    const id = await ctx.db.insert("sessions", session);
    return await ctx.db.get("sessions", id);
  },
});

export const getSessionAndUser = query({
  args: { secret, sessionToken: v.string() },
  handler: async (ctx, { secret, sessionToken }) => {
    checkSecret(secret);
    const session = await sessionOf(ctx, sessionToken);
    if (session === null) {
      return null;
    }
    const user = await ctx.db.get("users", session.userId);
    return user === null ? null : { session, user };
  },
});

export const updateSession = mutation({
  args: {
    secret,
    session: v.object({
      sessionToken: v.string(),
      expires: v.optional(v.number()),
    }),
  },
  handler: async (ctx, { secret, session }) => {
    checkSecret(secret);
    const existing = await sessionOf(ctx, session.sessionToken);
    if (existing === null) {
      return null;
    }
    await ctx.db.patch("sessions", existing._id, session);
    return await ctx.db.get("sessions", existing._id);
  },
});

export const deleteSession = mutation({
  args: { secret, sessionToken: v.string() },
  handler: async (ctx, { secret, sessionToken }) => {
    checkSecret(secret);
    const session = await sessionOf(ctx, sessionToken);
    if (session === null) {
      return null;
    }
    await ctx.db.delete("sessions", session._id);
    return session;
  },
});

export const createVerificationToken = mutation({
  args: { secret, verificationToken: v.object(verificationTokenFields) },
  handler: async (ctx, { secret, verificationToken }) => {
    checkSecret(secret);
    await ctx.db.insert("verificationTokens", verificationToken);
    return verificationToken;
  },
});

export const useVerificationToken = mutation({
  args: { secret, identifier: v.string(), token: v.string() },
  handler: async (ctx, { secret, identifier, token }) => {
    checkSecret(secret);
    const verificationToken = await ctx.db
      .query("verificationTokens")
      .withIndex("identifierToken", (q) =>
        q.eq("identifier", identifier).eq("token", token),
      )
      .unique();
    if (verificationToken === null) {
      return null;
    }
    await ctx.db.delete("verificationTokens", verificationToken._id);
    return verificationToken;
  },
});

export const createAuthenticator = mutation({
  args: { secret, authenticator: v.object(authenticatorFields) },
  handler: async (ctx, { secret, authenticator }) => {
    checkSecret(secret);
    await ctx.db.insert("authenticators", authenticator);
    return authenticator;
  },
});

export const getAuthenticator = query({
  args: { secret, credentialID: v.string() },
  handler: async (ctx, { secret, credentialID }) => {
    checkSecret(secret);
    return await authenticatorOf(ctx, credentialID);
  },
});

export const listAuthenticatorsByUserId = query({
  args: { secret, userId: v.string() },
  handler: async (ctx, { secret, userId: id }) => {
    checkSecret(secret);
    const user = userId(ctx, id);
    if (user === null) {
      return [];
    }
    return await ctx.db
      .query("authenticators")
      .withIndex("userId", (q) => q.eq("userId", user))
      .collect();
  },
});

export const updateAuthenticatorCounter = mutation({
  args: { secret, credentialID: v.string(), newCounter: v.number() },
  handler: async (ctx, { secret, credentialID, newCounter }) => {
    checkSecret(secret);
    const authenticator = await authenticatorOf(ctx, credentialID);
    if (authenticator === null) {
      throw new Error(`No authenticator with credentialID ${credentialID}`);
    }
    await ctx.db.patch("authenticators", authenticator._id, { counter: newCounter });
    return { ...authenticator, counter: newCounter };
  },
});
