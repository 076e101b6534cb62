"""Time `graphkit export --to site` on the graph built from ../shared/letters plus the statistics.

    .venv/bin/python benchmarks/bench_site.py [--db DIR] [--runs N]

Builds a store in a temporary folder unless --db is given, then writes the site N times (each
into a fresh folder, in a fresh process so the chart renderer starts cold every time) and prints
each stage's wall time, the process's CPU time, and the median against the target (< 10 s).
Never fails for slowness: the machine may be busy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
TARGET = 10.0

_CHILD = """
import json, os, sys, time
from graphkit.store.db import open_store
from graphkit.share.site import write_site
t0, c0 = time.perf_counter(), os.times()
r = write_site(open_store(sys.argv[1], create=False), sys.argv[2])
c1 = os.times()
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": (c1.user + c1.system) - (c0.user + c0.system),
                  "stages": r.stages, "pages": r.pages, "size": r.size}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an existing store (default: build one from ../shared/letters)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "store"
        if not args.db:
            from graphkit.store.build import build_store

            build_store([SHARED / "letters"], db)
        runs = []
        for n in range(args.runs):
            out = Path(tmp) / f"site-{n}"
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(db), str(out)], capture_output=True, text=True, check=True
            )
            runs.append(json.loads(done.stdout))
        print(
            f"site of {db}: {runs[0]['pages']} pages, {runs[0]['size'] / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}\n"
        )
        print(f"{'run':>3} {'wall s':>7} {'cpu s':>6}  stages")
        for n, r in enumerate(runs, 1):
            stages = ", ".join(f"{name} {sec:.2f}" for name, sec in r["stages"])
            print(f"{n:>3} {r['seconds']:>7.2f} {r['cpu']:>6.2f}  {stages}")
        median = statistics.median(r["seconds"] for r in runs)
        verdict = "met" if median < TARGET else "missed"
        print(f"\nmedian {median:.2f} s against the target of < {TARGET:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
