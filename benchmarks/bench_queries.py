"""Median latency of every named query on the graph built from ../shared/letters plus the statistics.

    .venv/bin/python benchmarks/bench_queries.py [--db DIR] [--repeat N]

Builds a store in a temporary folder unless --db is given. Prints a table; never fails for slowness.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from graphkit.ask.query import list_queries, run_query
from graphkit.store.build import build_store
from graphkit.store.db import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"


def query_times(store: object, repeat: int) -> list[tuple[str, int, list[float]]]:
    """(query name, rows, seconds of each of ``repeat`` runs) for every named query on ``store``."""
    out = []
    for q in list_queries():
        times = []
        rows = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = len(run_query(store, q).rows)
            times.append(time.perf_counter() - t0)
        out.append((q.name, rows, times))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", help="an existing store (default: build one from ../shared/letters)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "store"
        if not args.db:
            build_store([SHARED / "letters"], db)
        store = open_store(db, create=False)
        print(f"{len(store)} triples; median of {args.repeat} runs\n")
        print(f"{'query':28} {'rows':>6} {'median ms':>10} {'max ms':>8}")
        for name, rows, times in query_times(store, args.repeat):
            ms = [t * 1000 for t in times]
            print(f"{name:28} {rows:>6} {statistics.median(ms):>10.1f} {max(ms):>8.1f}")


if __name__ == "__main__":
    main()
