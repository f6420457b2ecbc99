"use strict";
// Which native package serves this machine. Shared by the launcher (bin/convex-authjs.js), the
// version script (../version.mjs) and ../pack.sh (`node platform.js` prints this machine's key).

const fs = require("node:fs");

const SCOPE = "@convex-authjs";

// One package per platform: npm installs only the one whose os, cpu and libc match.
const PLATFORMS = {
  "linux-x64": { os: "linux", cpu: "x64", libc: "glibc", target: "x86_64-unknown-linux-gnu" },
  "linux-arm64": { os: "linux", cpu: "arm64", libc: "glibc", target: "aarch64-unknown-linux-gnu" },
  "linux-x64-musl": { os: "linux", cpu: "x64", libc: "musl", target: "x86_64-unknown-linux-musl" },
  "linux-arm64-musl": { os: "linux", cpu: "arm64", libc: "musl", target: "aarch64-unknown-linux-musl" },
  "darwin-x64": { os: "darwin", cpu: "x64", target: "x86_64-apple-darwin" },
  "darwin-arm64": { os: "darwin", cpu: "arm64", target: "aarch64-apple-darwin" },
  "win32-x64": { os: "win32", cpu: "x64", target: "x86_64-pc-windows-msvc" },
};

// musl's dynamic loader is /lib/ld-musl-<arch>.so.1; glibc systems have none. A directory
// listing is far cheaper than process.report or running `ldd`, which the launcher would pay
// on every run.
function isMusl() {
  try {
    return fs.readdirSync("/lib").some((name) => name.startsWith("ld-musl-"));
  } catch {
    return false;
  }
}

function platformKey() {
  const { platform, arch } = process;
  return platform === "linux" ? `linux-${arch}${isMusl() ? "-musl" : ""}` : `${platform}-${arch}`;
}

function packageName(key) {
  return `${SCOPE}/cli-${key}`;
}

function binaryName(key) {
  return key.startsWith("win32") ? "convex-authjs.exe" : "convex-authjs";
}

module.exports = { PLATFORMS, platformKey, packageName, binaryName };

if (require.main === module) {
  process.stdout.write(`${platformKey()}\n`);
}
