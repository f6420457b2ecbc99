// The Convex client, signed in as the Auth.js user: wrap your pages in it. Pass it the session
// from `auth()` to have it on the first render; without it, the session is fetched in the
// browser (and a layout need not await request data). Written by `convex-authjs init`.
"use client";

import { ConvexProviderWithAuth, ConvexReactClient } from "convex/react";
import type { Session } from "next-auth";
import { SessionProvider, useSession } from "next-auth/react";
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from "react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({
  children,
  session,
}: {
  children: ReactNode;
  session?: Session | null;
}) {
  return (
    <SessionProvider session={session}>
      <ConvexProviderWithAuth client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithAuth>
    </SessionProvider>
  );
}

function useAuth() {
  const { data: session, status, update } = useSession();
  const isAuthenticated = session !== null && session !== undefined;
  // The latest token, read when Convex asks: a new token for the same user must not remount
  // the Convex client's auth state; another user must.
  const convexToken = useRef(session?.convexToken ?? null);
  useEffect(() => {
    convexToken.current = session?.convexToken ?? null;
  }, [session?.convexToken]);
  const user = JSON.stringify(session?.user ?? null);
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) => {
      if (forceRefreshToken) {
        const refreshed = await update();
        return refreshed?.convexToken ?? null;
      }
      return user === "null" ? null : convexToken.current;
    },
    [update, user],
  );
  return useMemo(
    () => ({ isLoading: status === "loading", isAuthenticated, fetchAccessToken }),
    [status, isAuthenticated, fetchAccessToken],
  );
}
