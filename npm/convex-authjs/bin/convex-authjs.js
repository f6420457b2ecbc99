#!/usr/bin/env node
"use strict";
// Runs the convex-authjs binary of this platform's package with our arguments, stdio, signals
// and exit code. No install script: pnpm 10, bun and --ignore-scripts would skip it, so the
// binary comes from an optional dependency that npm picks by os, cpu and libc.

const { spawn } = require("node:child_process");
const { constants } = require("node:os");
const { PLATFORMS, platformKey, packageName, binaryName } = require("../platform.js");

function fail(lines) {
  process.stderr.write(`convex-authjs: error: ${lines[0]}\n`);
  for (const hint of lines.slice(1)) process.stderr.write(`hint: ${hint}\n`);
  process.exit(1);
}

function binary() {
  const override = process.env.CONVEX_AUTHJS_BINARY;
  if (override) return override;
  const key = platformKey();
  if (!PLATFORMS[key]) {
    fail([
      `there is no convex-authjs binary for ${key}`,
      `supported: ${Object.keys(PLATFORMS).join(", ")}`,
      "build it with `cargo install convex-authjs` and set CONVEX_AUTHJS_BINARY to its path",
    ]);
  }
  const name = packageName(key);
  try {
    return require.resolve(`${name}/${binaryName(key)}`);
  } catch {
    fail([
      `the binary for ${key} is missing: the package ${name} is not installed`,
      "npm installs it as an optional dependency; it is left out by --omit=optional (or --no-optional), and by a lock file written on another platform (npm/cli#4828)",
      `install it: npm install --save-dev ${name}@${require("../package.json").version}`,
      "or set CONVEX_AUTHJS_BINARY to the path of a convex-authjs binary",
    ]);
  }
}

const child = spawn(binary(), process.argv.slice(2), { stdio: "inherit" });

// A signal sent to this process (not only Ctrl-C, which the whole process group gets) must
// reach the binary, and the binary's end decides ours.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}

child.on("error", (error) => {
  fail([`cannot run ${child.spawnfile}: ${error.message}`, "set CONVEX_AUTHJS_BINARY to a working binary, or reinstall convex-authjs"]);
});

child.on("exit", (code, signal) => {
  // Killed by a signal: exit as shells report it, 128 + its number (130 for SIGINT).
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : code);
});
