// The tables Auth.js keeps in Convex, with the indexes the adapter reads by.
// Written by `convex-authjs init`; see https://authjs.dev/concepts/database-models
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const userFields = {
  email: v.string(),
  name: v.optional(v.string()),
  emailVerified: v.optional(v.number()),
  image: v.optional(v.string()),
};

export const sessionFields = {
  userId: v.id("users"),
  expires: v.number(),
  sessionToken: v.string(),
};

export const accountFields = {
  userId: v.id("users"),
  type: v.union(
    v.literal("email"),
    v.literal("oidc"),
    v.literal("oauth"),
    v.literal("webauthn"),
  ),
  provider: v.string(),
  providerAccountId: v.string(),
  refresh_token: v.optional(v.string()),
  access_token: v.optional(v.string()),
  expires_at: v.optional(v.number()),
  token_type: v.optional(v.string()),
  scope: v.optional(v.string()),
  id_token: v.optional(v.string()),
  session_state: v.optional(v.string()),
  // Fields a provider adds beyond the Auth.js model (GitHub's `refresh_token_expires_in`, …).
  extra: v.optional(v.record(v.string(), v.any())),
};

export const verificationTokenFields = {
  identifier: v.string(),
  token: v.string(),
  expires: v.number(),
};

export const authenticatorFields = {
  credentialID: v.string(),
  userId: v.id("users"),
  providerAccountId: v.string(),
  credentialPublicKey: v.string(),
  counter: v.number(),
  credentialDeviceType: v.string(),
  credentialBackedUp: v.boolean(),
  transports: v.optional(v.string()),
};

export const authTables = {
  users: defineTable(userFields).index("email", ["email"]),
  sessions: defineTable(sessionFields)
    .index("sessionToken", ["sessionToken"])
    .index("userId", ["userId"]),
  accounts: defineTable(accountFields)
    .index("providerAndAccountId", ["provider", "providerAccountId"])
    .index("userId", ["userId"]),
  verificationTokens: defineTable(verificationTokenFields).index(
    "identifierToken",
    ["identifier", "token"],
  ),
  authenticators: defineTable(authenticatorFields)
    .index("userId", ["userId"])
    .index("credentialID", ["credentialID"]),
};
