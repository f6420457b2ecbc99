// Writes every npm package.json from Cargo.toml's version: the main package (with one optional
// dependency per platform, at the same version) and one package per platform under platforms/;
// and the GitHub Action's default version (../action.yml).
// `node npm/version.mjs --check` changes nothing and fails when a file is not what it would write.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const { PLATFORMS, packageName, binaryName } = createRequire(import.meta.url)("./convex-authjs/platform.js");

const cargo = readFileSync(join(here, "..", "Cargo.toml"), "utf8");
const version = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");

const repository = { type: "git", url: "git+https://github.com/convex-authjs/convex-authjs.git" };
const common = {
  version,
  license: "MIT OR Apache-2.0",
  repository,
  engines: { node: ">=18" },
};

const files = new Map();
files.set("convex-authjs/package.json", {
  name: "convex-authjs",
  ...common,
  description: "Set up and verify Auth.js (NextAuth) with Convex: keys, secrets, the adapter's code, and a doctor for CI",
  keywords: ["convex", "authjs", "next-auth", "jwt", "jwks", "cli"],
  bin: { "convex-authjs": "bin/convex-authjs.js" },
  files: ["bin/convex-authjs.js", "platform.js", "README.md"],
  optionalDependencies: Object.fromEntries(Object.keys(PLATFORMS).map((key) => [packageName(key), version])),
});
for (const [key, p] of Object.entries(PLATFORMS)) {
  files.set(`platforms/${key}/package.json`, {
    name: packageName(key),
    ...common,
    description: `The convex-authjs binary for ${key} (${p.target}); installed by the convex-authjs package`,
    os: [p.os],
    cpu: [p.cpu],
    ...(p.libc ? { libc: [p.libc] } : {}),
    files: [binaryName(key)],
    preferUnplugged: true,
  });
}

const check = process.argv.includes("--check");
let stale = [];
for (const [file, json] of files) {
  const path = join(here, file);
  const text = `${JSON.stringify(json, null, 2)}\n`;
  const current = existsSync(path) ? readFileSync(path, "utf8") : null;
  if (current === text) continue;
  if (check) {
    stale.push(`npm/${file}`);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}
// The GitHub Action runs this version's package by default.
const actionPath = join(here, "..", "action.yml");
const action = readFileSync(actionPath, "utf8");
const pinned = action.replace(/(\n  version:\n    description: [^\n]*\n    default: )"[^"]*"/, `$1"${version}"`);
if (pinned !== action) {
  if (check) stale.push("action.yml");
  else writeFileSync(actionPath, pinned);
}
if (stale.length) {
  console.error(`${stale.join(", ")} not at Cargo.toml's version ${version}: run node npm/version.mjs`);
  process.exit(1);
}
