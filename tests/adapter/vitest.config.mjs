// Runs the conformance suite inside a fixture project (`vitest run --root <project>`), in the
// edge runtime Convex functions run in, as convex-test asks.
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The project's `@/` imports, as Next.js resolves them from tsconfig.json.
  resolve: { tsconfigPaths: true },
  // Each fixture keeps its own cache: the fixtures run at once and share one node_modules.
  cacheDir: ".vite",
  test: {
    environment: "edge-runtime",
    server: { deps: { inline: ["convex-test"] } },
    include: ["convex-authjs.*.test.ts"],
    testTimeout: 20000,
  },
});
