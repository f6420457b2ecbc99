#!/usr/bin/env bash
# npm/pack.sh OUTDIR: builds the release binary for this machine and writes two npm tarballs
# into OUTDIR: the main package (convex-authjs) and this machine's platform package
# (@convex-authjs/cli-<platform>). Needs cargo, node and npm; no network but the registries.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: npm/pack.sh OUTDIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$root"

node npm/version.mjs --check
cargo build --release --locked
key=$(node npm/convex-authjs/platform.js)
binary=convex-authjs
case "$key" in win32-*) binary=convex-authjs.exe ;; esac

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/platform" "$stage/main"
cp "npm/platforms/$key/package.json" "${CARGO_TARGET_DIR:-target}/release/$binary" "$stage/platform/"
cp -R npm/convex-authjs/. "$stage/main/"
cp README.md "$stage/main/README.md"
(cd "$stage/platform" && npm pack --silent --pack-destination "$out" >/dev/null)
(cd "$stage/main" && npm pack --silent --pack-destination "$out" >/dev/null)
ls -1 "$out"/*.tgz
