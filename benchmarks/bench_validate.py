"""Benchmark: SHACL validation, per report and for the whole ../shared graph.

    .venv/bin/python benchmarks/bench_validate.py [--shared ../shared] [--runs 3]

Prints a table (median and min-max of the runs) against the issue-4 targets: one new report
read + extract + validate < 1 s; validation of the graph of every letter in ../shared < 5 s
(the graph as ``graphkit extract`` writes it, and with the statistics graph beside it, as a
built store holds it). Not a test: it never fails for being slow.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from bench_pipeline import _time  # noqa: E402  (benchmarks/ is not a package)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    from graphkit.check.validate import validate_graph, validate_inputs
    from graphkit.pipeline import letter_graph, read_letter
    from graphkit.store.files import add_graph, new_dataset

    letters = sorted((a.shared / "letters").glob("*/*.*"))
    report = a.shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf"
    validate_inputs([report])  # warm: imports, shapes parsed once per process

    ds = new_dataset()
    for p in letters:
        name, g = letter_graph(read_letter(p))
        add_graph(ds, name, g)
    with_stats = new_dataset()
    for g in ds.graphs():
        if len(g):
            add_graph(with_stats, g.identifier, g)  # type: ignore[arg-type]
    try:
        from graphkit.graph.statistics import STATISTICS_GRAPH, statistics_graph

        add_graph(with_stats, STATISTICS_GRAPH, statistics_graph())
    except ImportError:  # pragma: no cover - statistics not built yet
        pass

    graphs = [letter_graph(read_letter(p))[1] for p in letters]

    def as_build_does() -> None:  # each document's graph to N-Triples, then its validation from them
        for g in graphs:
            validate_graph(g, cross_document=False, ntriples=g.serialize(format="nt"))

    per_doc = [t / len(graphs) for t in _time(as_build_does, a.runs)]
    rows = [
        ("one document as build validates it (mean of the letters)", per_doc, None),
        ("one report: read + extract + validate", _time(lambda: validate_inputs([report]), a.runs), 1.0),
        (f"{len(letters)} letters' graph ({len(ds)} triples)", _time(lambda: validate_graph(ds), a.runs), 5.0),
        (
            f"  ... plus statistics ({len(with_stats)} triples)",
            _time(lambda: validate_graph(with_stats), a.runs),
            5.0,
        ),
        ("  ... per-document shapes only", _time(lambda: validate_graph(ds, cross_document=False), a.runs), None),
    ]
    print(f"{'stage':<58} {'median s':>9} {'min':>7} {'max':>7} {'target':>8}")
    for name, times, target in rows:
        goal = f"< {target:.0f} s" if target else ""
        print(f"{name:<58} {statistics.median(times):>9.4f} {min(times):>7.4f} {max(times):>7.4f} {goal:>8}")


if __name__ == "__main__":
    main()
