#!/usr/bin/env node
"use strict";
// Runs the convex-authjs binary of this platform's package with our arguments, stdio, signals
// and exit code. No install script: pnpm 10, bun and --ignore-scripts would skip it, so the
// binary comes from an optional dependency that npm picks by os, cpu and libc.

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { PLATFORMS, platformKey, packageName, binaryName } = require("../platform.js");

const VERSION = require("../package.json").version;

function fail(lines) {
  process.stderr.write(`convex-authjs: error: ${lines[0]}\n`);
  for (const hint of lines.slice(1)) process.stderr.write(`hint: ${hint}\n`);
  process.exit(1);
}

// Where our own install can hold the platform package: inside this package (npm nests it
// there when it must), then beside this package in each node_modules folder it sits in, up
// through the packages that depend on it, and no further. The project's node_modules is the
// last; a node_modules above the project (/tmp/node_modules on a shared machine), NODE_PATH
// and the global folders, where require.resolve would also look, are never searched: a binary
// planted there would run with this shell's environment, deploy keys included.
function installedPlaces(name) {
  const own = path.dirname(__dirname);
  const places = [path.join(own, "node_modules", name)];
  let dir = own;
  // A folder a package sits in: node_modules, a scope in it, or pnpm's store (whose entries
  // sit in the project's node_modules/.pnpm).
  const holdsPackages = (dir) => ["node_modules", ".pnpm"].includes(path.basename(dir)) || path.basename(dir).startsWith("@");
  for (;;) {
    let parent = path.dirname(dir);
    while (path.basename(parent) !== "node_modules" && holdsPackages(parent)) parent = path.dirname(parent);
    if (path.basename(parent) !== "node_modules") break;
    places.push(path.join(parent, name));
    dir = path.dirname(parent);
    // Only a package nested in another's node_modules goes on up; the project root stops it.
    if (!holdsPackages(path.dirname(dir))) break;
  }
  return places;
}

function binary() {
  const override = process.env.CONVEX_AUTHJS_BINARY;
  if (override) {
    let real = override;
    try {
      real = fs.realpathSync(override);
    } catch {}
    // Set to this launcher (or a link to it), it would start itself again and again.
    if (real === fs.realpathSync(__filename) || process.env.CONVEX_AUTHJS_LAUNCHED) {
      fail([
        `CONVEX_AUTHJS_BINARY (${override}) is this launcher, not the convex-authjs binary`,
        "set it to the native binary (cargo install convex-authjs puts it in ~/.cargo/bin), or unset it",
      ]);
    }
    return override;
  }
  const key = platformKey();
  if (!PLATFORMS[key]) {
    fail([
      `there is no convex-authjs binary for ${key}`,
      `supported: ${Object.keys(PLATFORMS).join(", ")}`,
      "build it with `cargo install convex-authjs` and set CONVEX_AUTHJS_BINARY to its path",
    ]);
  }
  const name = packageName(key);
  for (const place of installedPlaces(name)) {
    let version;
    try {
      version = JSON.parse(fs.readFileSync(path.join(place, "package.json"), "utf8")).version;
    } catch {
      continue;
    }
    if (version !== VERSION) {
      fail([
        `${name} in ${place} is version ${version}, but convex-authjs is ${VERSION}`,
        `install the matching one: npm install --save-dev ${name}@${VERSION}`,
      ]);
    }
    return path.join(place, binaryName(key));
  }
  fail([
    `the binary for ${key} is missing: the package ${name} is not installed`,
    "npm installs it as an optional dependency; it is left out by --omit=optional (or --no-optional), and by a lock file written on another platform (npm/cli#4828)",
    `install it: npm install --save-dev ${name}@${VERSION}`,
    "or set CONVEX_AUTHJS_BINARY to the path of a convex-authjs binary",
  ]);
}

const child = spawn(binary(), process.argv.slice(2), {
  stdio: "inherit",
  env: { ...process.env, CONVEX_AUTHJS_LAUNCHED: "1" },
});

// A signal sent to this process (not only Ctrl-C, which the whole process group gets) must
// reach the binary, and the binary's end decides ours. SIGQUIT and the user signals too: left
// to their defaults they would end this launcher and leave the binary running alone.
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];
const forward = (signal) => child.kill(signal);
for (const signal of FORWARDED) {
  if (process.platform === "win32" && !["SIGINT", "SIGHUP"].includes(signal)) continue;
  process.on(signal, forward);
}

child.on("error", (error) => {
  fail([`cannot run ${child.spawnfile}: ${error.message}`, "set CONVEX_AUTHJS_BINARY to a working binary, or reinstall convex-authjs"]);
});

child.on("exit", (code, signal) => {
  if (!signal) process.exit(code);
  // Killed by a signal: end by the same signal, so our parent sees what the binary met (a
  // shell prints "Terminated", a supervisor restarts on SIGKILL). Our handlers go first.
  // Not SIGUSR1: Node answers it by starting its inspector.
  for (const forwarded of FORWARDED) process.removeListener(forwarded, forward);
  if (signal !== "SIGUSR1") process.kill(process.pid, signal);
  // A signal whose default does not end a process (or SIGUSR1): end as shells report it.
  process.exit(128 + (require("node:os").constants.signals[signal] ?? 0));
});
