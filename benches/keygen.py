#!/usr/bin/env python3
"""Times whole-process 2048-bit key generation: `convex-authjs keys generate` against the setup
guide's `node generateKeys.mjs` (jose) and `openssl genpkey`, alternating them run by run so that
a noisy moment hurts all three alike. Prints each median and our ratio to each baseline.

    python3 benches/keygen.py [RUNS]      (default 31; builds the release binary first)
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTEROP = os.path.join(ROOT, "tests", "interop")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 31
    subprocess.run(["cargo", "build", "--release", "--locked", "-q"], cwd=ROOT, check=True)
    if not os.path.isdir(os.path.join(INTEROP, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=INTEROP, check=True)
    # The seed script imports jose, so it runs beside the installed package.
    script = os.path.join(INTEROP, "generateKeys.bench.mjs")
    shutil.copy(os.path.join(ROOT, "benches", "generateKeys.mjs"), script)
    commands = {
        "convex-authjs keys generate": [os.path.join(ROOT, "target", "release", "convex-authjs"), "keys", "generate"],
        "node generateKeys.mjs (jose)": ["node", script],
        "openssl genpkey 2048": ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    }
    times = {name: [] for name in commands}
    try:
        for name, argv in commands.items():  # one warm-up each: page cache, not measured
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=INTEROP)
        for _ in range(runs):
            for name, argv in commands.items():
                start = time.perf_counter()
                subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=INTEROP)
                times[name].append(time.perf_counter() - start)
    finally:
        os.remove(script)

    medians = {name: statistics.median(t) for name, t in times.items()}
    ours = medians["convex-authjs keys generate"]
    print(f"{runs} runs each, alternating; whole-process wall time")
    for name, median in medians.items():
        spread = f"min {min(times[name]) * 1000:.0f} ms, max {max(times[name]) * 1000:.0f} ms"
        print(f"  {name:<30} median {median * 1000:7.1f} ms   ({spread})")
    print(f"ratio to node generateKeys.mjs: {ours / medians['node generateKeys.mjs (jose)']:.2f}x (target <= 0.4x)")
    print(f"ratio to openssl genpkey:       {ours / medians['openssl genpkey 2048']:.2f}x (target <= 0.6x)")


if __name__ == "__main__":
    main()
