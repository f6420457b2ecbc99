// Auth.js's endpoints (sign-in, callbacks, session), from auth.ts.
// Written by `convex-authjs init`.
import { handlers } from "{{AUTH}}";

export const { GET, POST } = handlers;
