// Auth.js for this app, with its users and sessions in Convex.
// Written by `convex-authjs init`: add your providers (https://authjs.dev/getting-started/authentication).
import NextAuth from "next-auth";
import { ConvexAdapter } from "{{ADAPTER}}";
import { signConvexToken } from "{{TOKEN}}";

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers: [],
  adapter: ConvexAdapter,
  callbacks: {
    // The session carries a Convex token, so the Convex client can call functions as the user.
    async session({ session }) {
      return { ...session, convexToken: await signConvexToken(session.userId) };
    },
  },
});

declare module "next-auth" {
  interface Session {
    convexToken: string;
  }
}
