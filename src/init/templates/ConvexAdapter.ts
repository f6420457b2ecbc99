// The Auth.js half of the Convex adapter: each Adapter method calls its Convex function in
// authAdapter.ts over HTTP, with the shared CONVEX_AUTH_ADAPTER_SECRET.
// Written by `convex-authjs init`.
import type {
  Adapter,
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "next-auth/adapters";
import { fetchMutation, fetchQuery } from "convex/nextjs";
import type {
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
} from "convex/server";
import { api } from "{{CONVEX}}/_generated/api";
import type { Doc, Id } from "{{CONVEX}}/_generated/dataModel";

export const ConvexAdapter: Adapter = {
  // Convex makes the id: Auth.js's own (a UUID) is not stored.
  async createUser(user) {
    const id = await mutate(api.authAdapter.createUser, {
      user: { ...userToDB(user), email: user.email },
    });
    return { ...user, id };
  },
  async getUser(id) {
    return maybe(userFromDB, await read(api.authAdapter.getUser, { id }));
  },
  async getUserByEmail(email) {
    return maybe(
      userFromDB,
      await read(api.authAdapter.getUserByEmail, { email }),
    );
  },
  async getUserByAccount({ provider, providerAccountId }) {
    return maybe(
      userFromDB,
      await read(api.authAdapter.getUserByAccount, {
        provider,
        providerAccountId,
      }),
    );
  },
  async updateUser({ id, ...user }) {
    const updated = await mutate(api.authAdapter.updateUser, {
      id,
      user: userToDB(user),
    });
    return userFromDB(updated!);
  },
  async deleteUser(id) {
    return maybe(userFromDB, await mutate(api.authAdapter.deleteUser, { id }));
  },
  async linkAccount(account) {
    return maybe(
      accountFromDB,
      await mutate(api.authAdapter.linkAccount, {
        account: accountToDB(account),
      }),
    );
  },
  async unlinkAccount({ provider, providerAccountId }) {
    const account = await mutate(api.authAdapter.unlinkAccount, {
      provider,
      providerAccountId,
    });
    return account === null ? undefined : accountFromDB(account);
  },
  async getAccount(providerAccountId, provider) {
    return maybe(
      accountFromDB,
      await read(api.authAdapter.getAccount, { provider, providerAccountId }),
    );
  },
  async createSession(session) {
    const created = await mutate(api.authAdapter.createSession, {
      session: sessionToDB(session),
    });
    return sessionFromDB(created!);
  },
  async getSessionAndUser(sessionToken) {
    const found = await read(api.authAdapter.getSessionAndUser, {
      sessionToken,
    });
    return found === null
      ? null
      : { session: sessionFromDB(found.session), user: userFromDB(found.user) };
  },
  async updateSession({ sessionToken, expires }) {
    return maybe(
      sessionFromDB,
      await mutate(api.authAdapter.updateSession, {
        session: { sessionToken, expires: expires?.getTime() },
      }),
    );
  },
  async deleteSession(sessionToken) {
    return maybe(
      sessionFromDB,
      await mutate(api.authAdapter.deleteSession, { sessionToken }),
    );
  },
  async createVerificationToken(token) {
    await mutate(api.authAdapter.createVerificationToken, {
      verificationToken: { ...token, expires: token.expires.getTime() },
    });
    return token;
  },
  async useVerificationToken({ identifier, token }) {
    return maybe(
      verificationTokenFromDB,
      await mutate(api.authAdapter.useVerificationToken, { identifier, token }),
    );
  },
  async createAuthenticator(authenticator) {
    await mutate(api.authAdapter.createAuthenticator, {
      authenticator: {
        ...authenticator,
        userId: authenticator.userId as Id<"users">,
        transports: authenticator.transports ?? undefined,
      },
    });
    return authenticator;
  },
  async getAuthenticator(credentialID) {
    return maybe(
      authenticatorFromDB,
      await read(api.authAdapter.getAuthenticator, { credentialID }),
    );
  },
  async listAuthenticatorsByUserId(userId) {
    const found = await read(api.authAdapter.listAuthenticatorsByUserId, {
      userId,
    });
    return found.map(authenticatorFromDB);
  },
  async updateAuthenticatorCounter(credentialID, newCounter) {
    return authenticatorFromDB(
      await mutate(api.authAdapter.updateAuthenticatorCounter, {
        credentialID,
        newCounter,
      }),
    );
  },
};

// Calls carry the secret, read when called (not when imported, so `next build` needs no secrets).
function withSecret<Args extends object>(args: Args) {
  const secret = process.env.CONVEX_AUTH_ADAPTER_SECRET;
  if (secret === undefined || secret === "") {
    throw new Error(
      "Missing CONVEX_AUTH_ADAPTER_SECRET environment variable: `npx convex-authjs setup` writes it",
    );
  }
  return { ...args, secret };
}

function read<Query extends FunctionReference<"query">>(
  query: Query,
  args: Omit<FunctionArgs<Query>, "secret">,
): Promise<FunctionReturnType<Query>> {
  return fetchQuery(query, withSecret(args) as FunctionArgs<Query>);
}

function mutate<Mutation extends FunctionReference<"mutation">>(
  mutation: Mutation,
  args: Omit<FunctionArgs<Mutation>, "secret">,
): Promise<FunctionReturnType<Mutation>> {
  return fetchMutation(mutation, withSecret(args) as FunctionArgs<Mutation>);
}

function maybe<Row, Value>(
  convert: (row: Row) => Value,
  row: Row | null,
): Value | null {
  return row === null ? null : convert(row);
}

// Convex stores no `null` in optional fields and no Date: `undefined` and milliseconds instead.
function userToDB(user: Partial<AdapterUser>) {
  return {
    email: user.email,
    name: user.name ?? undefined,
    emailVerified: user.emailVerified?.getTime(),
    image: user.image ?? undefined,
  };
}

function userFromDB(user: Doc<"users">): AdapterUser {
  return {
    id: user._id,
    email: user.email,
    name: user.name ?? null,
    emailVerified:
      user.emailVerified === undefined ? null : new Date(user.emailVerified),
    image: user.image ?? null,
  };
}

const accountColumns = new Set([
  "userId",
  "type",
  "provider",
  "providerAccountId",
  "refresh_token",
  "access_token",
  "expires_at",
  "token_type",
  "scope",
  "id_token",
  "session_state",
]);

// A provider's own fields (GitHub's `refresh_token_expires_in`, …) are kept in `extra`, so
// linking an account never fails on a field the Auth.js model does not name.
function accountToDB(account: AdapterAccount) {
  const extra = Object.fromEntries(
    Object.entries(account).filter(
      ([name, value]) =>
        !accountColumns.has(name) && value !== undefined && value !== null,
    ),
  );
  return {
    userId: account.userId as Id<"users">,
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    refresh_token: text(account.refresh_token),
    access_token: text(account.access_token),
    expires_at: account.expires_at ?? undefined,
    token_type: text(account.token_type),
    scope: text(account.scope),
    id_token: text(account.id_token),
    session_state: text(account.session_state),
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  };
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function accountFromDB(account: Doc<"accounts">): AdapterAccount {
  const { extra, ...columns } = account;
  const fields: Record<string, unknown> = { ...extra, ...columns };
  delete fields._id;
  delete fields._creationTime;
  return fields as AdapterAccount;
}

function sessionToDB(session: AdapterSession) {
  return {
    sessionToken: session.sessionToken,
    userId: session.userId as Id<"users">,
    expires: session.expires.getTime(),
  };
}

// A session has an id, as the model's rows do (Auth.js's own suite compares them).
function sessionFromDB(session: Doc<"sessions">): AdapterSession {
  const adapted = {
    id: session._id,
    sessionToken: session.sessionToken,
    userId: session.userId,
    expires: new Date(session.expires),
  };
  return adapted;
}

function verificationTokenFromDB(
  token: Doc<"verificationTokens">,
): VerificationToken {
  return {
    identifier: token.identifier,
    token: token.token,
    expires: new Date(token.expires),
  };
}

function authenticatorFromDB(
  authenticator: Doc<"authenticators">,
): AdapterAuthenticator {
  return {
    credentialID: authenticator.credentialID,
    userId: authenticator.userId,
    providerAccountId: authenticator.providerAccountId,
    credentialPublicKey: authenticator.credentialPublicKey,
    counter: authenticator.counter,
    credentialDeviceType: authenticator.credentialDeviceType,
    credentialBackedUp: authenticator.credentialBackedUp,
    transports: authenticator.transports ?? null,
  };
}
