// The database schema: the Auth.js tables, beside your own tables.
// Written by `convex-authjs init`.
import { defineSchema } from "convex/server";
import { authTables } from "./authTables";

export default defineSchema({
  ...authTables,
});
