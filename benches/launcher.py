#!/usr/bin/env python3
"""What the npm launcher costs: `convex-authjs --version` through `npx`, through the launcher
itself (node_modules/.bin), and of the binary run directly, alternating run by run. Prints each
median and the launcher's overhead over the binary.

    python3 benches/launcher.py [RUNS]      (default 31; packs with npm/pack.sh first)
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 31
    out = os.path.join(ROOT, "target", "npm-pack", "bench")
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target", "npm-pack", "build"))
    subprocess.run(["bash", "npm/pack.sh", out], cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "package.json"), "w") as f:
            f.write('{"name":"app","private":true}')
        subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error",
                        *sorted(glob.glob(os.path.join(out, "*.tgz")))], cwd=project, check=True)
        binary = os.path.join(ROOT, "target", "npm-pack", "build", "release", "convex-authjs")
        commands = {
            "binary": [binary, "--version"],
            "node -e 0 (node's own start)": ["node", "-e", "0"],
            "launcher (node_modules/.bin)": [os.path.join(project, "node_modules", ".bin", "convex-authjs"), "--version"],
            "npx convex-authjs": ["npx", "convex-authjs", "--version"],
        }
        times = {name: [] for name in commands}
        for argv in commands.values():  # warm-up
            subprocess.run(argv, cwd=project, check=True, stdout=subprocess.DEVNULL)
        for _ in range(runs):
            for name, argv in commands.items():
                start = time.perf_counter()
                subprocess.run(argv, cwd=project, check=True, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
    print(f"{runs} runs each, alternating; `--version`, whole-process wall time")
    for name, median in medians.items():
        print(f"  {name:<30} median {median:7.1f} ms")
    launcher = medians["launcher (node_modules/.bin)"] - medians["binary"]
    npx = medians["npx convex-authjs"] - medians["binary"]
    own = medians["launcher (node_modules/.bin)"] - medians["node -e 0 (node's own start)"] - medians["binary"]
    print(f"launcher overhead: {launcher:.1f} ms, of which node's start is all but {own:.1f} ms (target: that part <= 15 ms)")
    print(f"through npx: {npx:.1f} ms (npm's own start and package lookup come on top)")


if __name__ == "__main__":
    main()
