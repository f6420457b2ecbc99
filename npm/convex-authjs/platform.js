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

// Which C library this Linux runs, the way the detect-libc package decides it (and so the way
// npm chose which platform package to install): the text of /usr/bin/ldd first, which names
// musl or "GNU C Library", then Node's own report of the libraries it loaded. The mere presence
// of /lib/ld-musl-* says nothing: Debian's musl package installs it beside glibc.
function isMusl(lddPath = "/usr/bin/ldd", getReport = () => process.report?.getReport?.()) {
  const ldd = readStart(lddPath);
  if (ldd.includes("musl")) return true;
  if (ldd.includes("GNU C Library")) return false;
  const report = getReport() ?? {};
  if (report.header?.glibcVersionRuntime) return false;
  return Array.isArray(report.sharedObjects) && report.sharedObjects.some((f) => f.includes("libc.musl-") || f.includes("ld-musl-"));
}

// The first 2 KiB of a file as text, or "" when it cannot be read (as detect-libc reads ldd).
function readStart(path) {
  let fd;
  try {
    fd = fs.openSync(path, "r");
    const buffer = Buffer.alloc(2048);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0)).toString("latin1");
  } catch {
    return "";
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
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

module.exports = { PLATFORMS, platformKey, packageName, binaryName, isMusl };

if (require.main === module) {
  process.stdout.write(`${platformKey()}\n`);
}
