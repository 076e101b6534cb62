"""How fast, how big, against what: every stage of graphkit at 1x, 10x and 100x ../shared/letters.

    .venv/bin/python benchmarks/run.py [--scales 1,10,100] [--runs 3] [--json benchmarks/results/latest.json]

1. The real letters (../shared/letters, PDFs as PDFs): PDFium's raw text (the floor) against
   graphkit's read+extract and against pypdf; a cold build of them + the statistics, then
   validation of the whole store (the "< 10 s" target); a warm rebuild (nothing changed).
2. The scaled corpora (benchmarks/corpus.py: every letter plus 9 or 99 variants of it about
   other areas, people and dates, written as text into a temporary folder): read+extract and
   RDF emission per document, a cold build into a fresh Oxigraph store (and what of it is the
   store load), a warm rebuild, per-document and whole-graph validation, every named query,
   every export, publishing to a local ``oxigraph serve``; peak RSS per stage.
3. Baselines on the same graph: rdflib's in-memory Dataset + SPARQL against Oxigraph (load,
   serialise, queries); pySHACL over the whole union against graphkit's per-document strategy.

Each scale runs in a child process of its own, so its peak RSS is its own. Each stage is run
``--runs`` times (median, min-max) unless one run alone takes longer than ``--budget`` seconds;
stages whose cost is per document are timed on a sample of at most ``--sample`` documents at
the larger scales, and stages that hold the whole graph in rdflib are skipped above
``--rdflib-limit`` triples (rdflib needs ~4 kB a triple), and above ``--full-limit`` triples
only three exports are run: the table says so. Benchmarks never fail: the targets are printed
as met / missed.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import _row  # noqa: E402  (benchmarks/ is not a package)

REPO = Path(__file__).resolve().parents[1]
Row = dict[str, object]
T = TypeVar("T")


# --- measuring ---------------------------------------------------------------------------------


def _reset_peak() -> None:
    """Reset the kernel's high-water mark of this process's RSS (Linux), so each stage has its own."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    """This process's peak RSS in MB since the last reset (VmHWM; ru_maxrss where there is no /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Bench:
    """Rows of one scale: each stage run up to ``runs`` times within ``budget`` seconds."""

    def __init__(self, scale: int, runs: int, budget: float) -> None:
        self.scale, self.runs, self.budget = scale, runs, budget
        self.rows: list[Row] = []

    def stage(
        self,
        name: str,
        fn: Callable[[], object],
        *,
        per: int = 1,
        unit: str = "ms",
        note: str = "",
        runs: int | None = None,
        group: str = "",
    ) -> Row:
        want = runs or self.runs
        times: list[float] = []
        _reset_peak()
        spent = 0.0
        while len(times) < want:
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
            spent += times[-1]
            if spent + times[-1] > self.budget and len(times) < want:
                note = (note + "; " if note else "") + f"{len(times)} run(s): one takes {times[-1]:.0f} s"
                break
        row = _row(name, times, per, unit)
        row.update(scale=self.scale, runs=len(times), peak_rss_mb=round(_peak_mb()), note=note, group=group)
        self.rows.append(row)
        print(f"  [{self.scale}x] {name}: {row['median']:.3g} {unit} ({len(times)} runs)", file=sys.stderr, flush=True)
        return row

    def skip(self, name: str, note: str, group: str = "") -> None:
        self.rows.append({"stage": name, "scale": self.scale, "runs": 0, "note": note, "group": group})


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- the real letters --------------------------------------------------------------------------


def real_letters(shared: Path, runs: int) -> dict[str, object]:
    """PDF text, read+extract, cold build + validate and warm rebuild of ../shared/letters."""
    from bench_pipeline import pdf_stages

    from graphkit.check.validate import validate_inputs
    from graphkit.store.build import build_store
    from graphkit.store.db import open_store

    letters = shared / "letters"
    pdfs = sorted((letters / "2023-framework").glob("*.pdf"))
    texts = sorted((letters / "2016-framework").glob("*.txt"))
    rows, ratio = pdf_stages(pdfs, texts, runs)
    for r in rows:
        r.update(scale=1, runs=runs, group="real")

    cold, warm, val, sizes, triples = [], [], [], [], 0
    for _ in range(runs):
        tmp = Path(tempfile.mkdtemp())
        t = time.perf_counter()
        build_store([letters], tmp / "db")
        t1 = time.perf_counter()
        report = validate_inputs([], db=tmp / "db")  # graphkit validate --db
        t2 = time.perf_counter()
        store = open_store(tmp / "db", create=False)
        cold.append(t1 - t)
        val.append(t2 - t1)
        triples = len(store)
        del store
        t = time.perf_counter()
        build_store([letters], tmp / "db")
        warm.append(time.perf_counter() - t)
        sizes.append(_du(tmp / "db"))
        shutil.rmtree(tmp)
    both = [a + b for a, b in zip(cold, val, strict=True)]
    for name, ts in (
        ("build ../shared/letters + statistics, cold", cold),
        ("  then validate the whole store (validate --db)", val),
        ("  build + validate, cold", both),
        ("build ../shared/letters, warm (unchanged)", warm),
    ):
        rows.append({**_row(name, ts, unit="s"), "scale": 1, "runs": runs, "group": "real"})
    rows.extend(_cli_rows(letters, runs))
    return {
        "rows": rows,
        "read_extract_ratio": ratio,
        "reports": len(pdfs),
        "store_bytes": statistics.median(sizes),
        "triples": triples,
        "validation": report.summary(),
    }


def _cli_rows(letters: Path, runs: int) -> list[Row]:
    """Wall time of whole commands, each a fresh process as a person runs it: start-up included."""
    from graphkit.ask.query import run_query
    from graphkit.store.build import build_store
    from graphkit.store.db import open_store

    exe = str(Path(sys.executable).with_name("graphkit"))
    tmp = Path(tempfile.mkdtemp())
    build_store([letters], tmp / "db")
    report = letters / "2023-framework" / "bury-area-send-2024-02.pdf"
    commands = [
        ("graphkit --version", [exe, "--version"]),
        ("graphkit validate ONE.pdf (the Bury report)", [exe, "validate", str(report)]),
        ("graphkit validate --db (the ../shared store)", [exe, "validate", "--db", str(tmp / "db")]),
        *[
            (f"graphkit query {q} --db", [exe, "query", q, "--db", str(tmp / "db")])
            for q in ("documents", "lead-inspectors")
        ],
    ]
    out = []
    for name, args in commands:
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(args, capture_output=True, check=False)
            ts.append(time.perf_counter() - t)
        out.append({**_row(name, ts, unit="s"), "scale": 1, "runs": runs, "group": "cli"})
    store = open_store(tmp / "db", create=False)
    for q in ("documents", "lead-inspectors"):
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            run_query(store, q)
            ts.append(time.perf_counter() - t)
        out.append({**_row(f"  query {q} alone (in process)", ts, unit="s"), "scale": 1, "runs": runs, "group": "cli"})
    del store
    shutil.rmtree(tmp)
    return out


# --- one scale ---------------------------------------------------------------------------------


def _sample(files: list[T], limit: int) -> list[T]:
    step = max(1, -(-len(files) // limit))
    return files[::step]


BASELINE_QUERIES = ("documents", "lead-inspectors", "outcomes-by-region", "people-in-several-areas")
EXPORT_FORMATS = ("graphml", "gexf", "cytoscape", "node-link", "dot", "csv", "html")


def run_scale(
    corpus: Path,
    scale: int,
    runs: int,
    budget: float,
    sample: int,
    rdflib_limit: int,
    pyshacl_limit: int,
    full_limit: int,
) -> dict[str, object]:
    """Every stage on the ``scale``x corpus (copies 0..scale-1 of the variants in ``corpus``)."""
    import pyoxigraph as ox
    import pyshacl
    from bench_queries import query_times
    from rdflib import Dataset, Graph, URIRef

    from graphkit.ask.query import bind_params, list_queries
    from graphkit.check.validate import _shapes, validate_graph, validate_store
    from graphkit.extract import extract
    from graphkit.graph.links import link_lifecycle
    from graphkit.graph.rdf import DocInfo, to_graph
    from graphkit.graph.themes import code_themes
    from graphkit.read.document import read_document
    from graphkit.share.export import write_export
    from graphkit.share.publish import publish_store
    from graphkit.store.build import BATCH, build_store
    from graphkit.store.db import Change, open_store
    from graphkit.store.files import add_graph, new_dataset

    variants = json.loads((corpus.parent / f"{corpus.name}.variants.json").read_text())
    files = [corpus / v["file"] for v in variants if v["copy"] < scale]
    b = Bench(scale, runs, budget)
    tmp = Path(tempfile.mkdtemp(prefix=f"graphkit-bench-{scale}x-"))
    out: dict[str, object] = {"scale": scale, "documents": len(files)}

    # per document: read+extract, RDF emission
    some = _sample(files, sample)
    note = "" if len(some) == len(files) else f"sample of {len(some)} of {len(files)} documents"
    docs = [read_document(p) for p in some]
    records = [extract(d) for d in docs]
    b.stage(
        "read+extract (text), per document",
        lambda: [extract(read_document(p)) for p in some],
        per=len(some),
        note=note,
        group="pipeline",
    )
    infos = [DocInfo(name=d.name, sha256=d.sha256, text=d.text) for d in docs]
    b.stage(
        "RDF emission (to_graph), per document",
        lambda: [to_graph(x, i) for x, i in zip(records, infos, strict=True)],
        per=len(some),
        note=note,
        group="pipeline",
    )

    # build: cold into a fresh store, then warm; the store load alone from the built graphs
    dbs: list[Path] = []

    def cold() -> None:
        db = tmp / f"db{len(dbs)}"
        dbs.append(db)
        build_store(files, db)

    b.stage(f"build cold ({len(files)} docs, 2 workers)", cold, unit="s", group="build")
    out["build_workers_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    db = dbs[0]
    for extra in dbs[1:]:
        shutil.rmtree(extra)
    b.stage("build warm (unchanged)", lambda: build_store(files, db), unit="s", group="build")
    store = open_store(db, create=False)
    out["triples"] = len(store)
    out["store_bytes"] = _du(db)

    graphs = [g for g in store.named_graphs() if "/graph/" in g]
    full = int(out["triples"]) <= full_limit  # type: ignore[call-overload]
    # the store load alone: every document graph (and its validation findings) written again into
    # a fresh store the way build writes them (batches through the bulk loader). The batches are
    # read from the built store beforehand and kept on disk, so neither extraction nor reading the
    # built store is in the time, and this process does not hold them all in memory.
    batches: list[Path] = []
    loaded = [g for g in graphs if not g.endswith(("/manifest", "/links", "/themes", "/decisions"))]
    for i in range(0, len(loaded), 2 * BATCH):
        chunk = [
            Change(
                g,
                "".join(
                    f"{q.subject} {q.predicate} {q.object} .\n"
                    for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(g))
                ),
                sha256="bench",
                source=g.rsplit("/", 1)[-1],
                kind="report",
            )
            for g in loaded[i : i + 2 * BATCH]
        ]
        batches.append(tmp / f"batch{len(batches)}.pickle")
        batches[-1].write_bytes(pickle.dumps(chunk))

    def load() -> None:
        fresh = open_store(tmp / f"load{time.perf_counter_ns()}")
        for f in batches:
            fresh.apply(pickle.loads(f.read_bytes()), bulk=True)
        fresh.flush()

    b.stage("  of which: store load (bulk loader, as build)", load, unit="s", group="build")
    for f in batches:
        f.unlink()
    for d in tmp.glob("load*"):
        shutil.rmtree(d, ignore_errors=True)
    b.stage("  of which: lifecycle links", lambda: link_lifecycle(store), unit="s", group="build")
    b.stage(
        "theme coding again on the live store (nothing changed)",
        lambda: code_themes(store),
        unit="s",
        group="build",
    )

    # validation: the whole store as graphkit validate --db does it (the build's findings shown
    # again, the checks across documents on the store), one document at a time (sample), then the
    # whole store copied into rdflib
    b.stage(
        "graphkit validate --db (stored findings, checks across on the store)",
        lambda: validate_store(store),
        unit="s",
        group="validate",
    )
    special = {"statistics", "links", "themes", "manifest", "decisions"}
    doc_graphs = [g for g in graphs if "/validation/" not in g and g.rsplit("/", 1)[-1] not in special]
    few = _sample(doc_graphs, 10)

    def one_by_one() -> None:
        for g in few:
            one = new_dataset()
            add_graph(one, URIRef(g), store.graph(g))
            validate_graph(one)

    validate_graph(new_dataset())  # shapes parsed once per process
    b.stage("validate one document's graph", one_by_one, per=len(few), note=f"mean of {len(few)}", group="validate")
    if out["triples"] <= rdflib_limit:  # type: ignore[operator]
        holder: list[Dataset] = []
        b.stage(
            "store -> rdflib Dataset (validation's input)",
            lambda: (holder.clear(), holder.append(store.to_dataset())),
            unit="s",
            group="validate",
        )
        ds = holder[-1]
        rep = b.stage(
            "validate whole store (graphkit: per document + cross once)",
            lambda: validate_graph(ds),
            unit="s",
            group="validate",
        )
        rep["note"] = "graphkit's strategy"
        per_doc, cross, hierarchy = _shapes()
        all_shapes = Graph()
        all_shapes += per_doc
        all_shapes += cross

        def whole_union() -> None:
            union = Dataset()  # pySHACL validates a dataset as the union of its graphs
            union.addN(ds.quads((None, None, None, None)))  # type: ignore[arg-type]
            union.addN((s, p, o, URIRef("urn:x-bench:hierarchy")) for s, p, o in hierarchy)
            pyshacl.validate(union, shacl_graph=all_shapes, inference="none", inplace=True, advanced=False)

        if int(out["triples"]) <= pyshacl_limit:  # type: ignore[call-overload]
            b.stage("validate whole store (baseline: pySHACL over the union)", whole_union, unit="s", group="validate")
        else:
            b.skip(
                "validate whole store (baseline: pySHACL over the union)",
                f"skipped above {pyshacl_limit} triples (at 1x it already takes >10x graphkit's time)",
                "validate",
            )
    else:
        for name in (
            "store -> rdflib Dataset (validation's input)",
            "validate whole store (graphkit: per document + cross once)",
            "validate whole store (baseline: pySHACL over the union)",
        ):
            b.skip(
                name,
                f"skipped: {out['triples']} triples in rdflib would need ~{out['triples'] * 4 // 1000} MB",  # type: ignore[operator]
                "validate",
            )
        ds = None

    # named queries on the built store
    for name, rows, times in query_times(store, runs):
        r = _row(f"query {name}", times)
        r.update(scale=scale, runs=len(times), note=f"{rows} rows", group="query")
        b.rows.append(r)

    # rdflib in memory vs Oxigraph on the same graph
    if ds is not None:
        nq = "".join(store.iter_graph_nquads())
        b.stage(
            "load N-Quads: Oxigraph (in memory)",
            lambda: ox.Store().load(nq, format=ox.RdfFormat.N_QUADS),
            unit="s",
            group="baseline",
        )
        b.stage(
            "load N-Quads: rdflib Dataset",
            lambda: Dataset().parse(data=nq, format="nquads"),
            unit="s",
            group="baseline",
        )
        mem = ox.Store()
        mem.load(nq, format=ox.RdfFormat.N_QUADS)
        b.stage("serialise TriG: Oxigraph", lambda: mem.dump(format=ox.RdfFormat.TRIG), unit="s", group="baseline")
        b.stage("serialise TriG: rdflib", lambda: ds.serialize(format="trig"), unit="s", group="baseline")
        union = Dataset(store=ds.store, default_union=True)
        for qname in BASELINE_QUERIES:
            q = next(q for q in list_queries() if q.name == qname)
            text = bind_params(q)
            b.stage(
                f"query {qname}: Oxigraph",
                lambda t=text: list(mem.query(t, use_default_graph_as_union=True)),
                group="baseline",
            )
            b.stage(f"query {qname}: rdflib", lambda t=text: list(union.query(t)), group="baseline")
    else:
        b.skip("rdflib vs Oxigraph (load, serialise, queries)", f"skipped above {rdflib_limit} triples", "baseline")

    # exports of the full view, and the other views as GraphML
    for fmt in EXPORT_FORMATS if full else ("graphml", "csv", "html"):
        b.stage(
            f"export {fmt} (full)",
            lambda f=fmt: write_export(store, f, "full", tmp / f"out.{f}"),
            unit="s",
            group="export",
        )
    for view in ("people", "areas", "themes") if full else ():
        b.stage(
            f"export graphml ({view})",
            lambda v=view: write_export(store, "graphml", v, tmp / "v.graphml"),
            unit="s",
            group="export",
        )

    # publish every named graph to a local oxigraph serve
    from graphkit.share.publish import LocalOxigraphServer

    with LocalOxigraphServer(tmp / "server") as server:
        b.stage(
            f"publish ({len(store.named_graphs())} graphs) to oxigraph serve",
            lambda: publish_store(store, server.endpoint),
            unit="s",
            group="publish",
        )
    shutil.rmtree(tmp, ignore_errors=True)
    out["rows"] = b.rows
    out["peak_rss_mb"] = max(int(r.get("peak_rss_mb", 0)) for r in b.rows)  # type: ignore[call-overload]
    return out


# --- report ------------------------------------------------------------------------------------


def _num(value: float, unit: str) -> str:
    if unit == "ms" and value >= 1000:
        value, unit = value / 1000, "s"
    return f"{value:.3g} {unit}"


def _fmt(r: Row | None) -> str:
    if r is None:
        return ""
    if not r.get("runs"):
        return "skipped"
    unit = str(r["unit"])
    med, lo, hi = float(r["median"]), float(r["min"]), float(r["max"])  # type: ignore[arg-type]
    if r["runs"] == 1:
        return f"{_num(med, unit)} (1 run)"
    return f"{_num(med, unit)} ({_num(lo, unit).split()[0]}-{_num(hi, unit)})"


def _name(stage: object) -> str:
    """A stage's name without the counts that differ by scale ("build cold (260 docs, ...)")."""
    return re.sub(r" \(\d+ (?:docs|graphs)(?:, )?", " (", str(stage)).replace(" ()", "")


def print_table(result: dict[str, object]) -> None:
    real = result["real"]
    scales = result["scales"]
    assert isinstance(real, dict) and isinstance(scales, list)
    print(f"\n== the real letters (../shared/letters: {real['triples']} triples with the statistics) ==")
    print(f"{'stage':58} {'median (min-max)':>28}")
    for r in real["rows"]:
        print(f"{r['stage']:58} {_fmt(r):>28}")
    print(f"store on disk: {real['store_bytes'] / 1e6:.1f} MB; validation: {real['validation']}")

    names: list[str] = []
    for sc in scales:
        for r in sc["rows"]:
            if _name(r["stage"]) not in names:
                names.append(_name(r["stage"]))
    head = "".join(f"{str(sc['scale']) + 'x (' + str(sc['documents']) + ' docs)':>28}" for sc in scales)
    print(f"\n== scaled corpus: median (min-max) of the runs ==\n{'stage':56}{head}")
    for key, label in (
        ("triples", "triples"),
        ("store_bytes", "store on disk (MB)"),
        ("peak_rss_mb", "peak RSS, main (MB)"),
        ("build_workers_peak_rss_mb", "peak RSS, a build worker (MB)"),
    ):
        vals = [sc.get(key, "") for sc in scales]
        if key == "store_bytes":
            vals = [f"{int(v) / 1e6:.1f}" for v in vals]
        print(f"{label:56}" + "".join(f"{v!s:>28}" for v in vals))
    for name in names:
        cells = [next((r for r in sc["rows"] if _name(r["stage"]) == name), None) for sc in scales]
        print(f"{name[:56]:56}" + "".join(f"{_fmt(c):>28}" for c in cells))
    notes = sorted(
        {
            f"{sc['scale']}x {r['stage']}: {r['note']}"
            for sc in scales
            for r in sc["rows"]
            if r.get("note") and r.get("group") != "query"
        }
    )
    if notes:
        print("\nnotes:\n  " + "\n  ".join(notes))


def targets(result: dict[str, object]) -> list[dict[str, object]]:
    """The issue's targets, each met / missed / not measured (never a failure)."""
    real = result["real"]
    by_scale = {sc["scale"]: sc for sc in result["scales"]}  # type: ignore[union-attr,index]
    assert isinstance(real, dict)

    def real_row(name: str) -> float:
        return float(next(r["median"] for r in real["rows"] if r["stage"] == name))

    def row(scale: int, prefix: str) -> Row | None:
        sc = by_scale.get(scale)
        return next((r for r in sc["rows"] if _name(r["stage"]).startswith(prefix)), None) if sc else None

    out: list[dict[str, object]] = []

    def add(name: str, value: str, met: bool | None) -> None:
        out.append(
            {"target": name, "value": value, "status": "not measured" if met is None else ("met" if met else "MISSED")}
        )

    ratio = float(real["read_extract_ratio"])
    add("read+extract a report <= 1.5x PDFium raw text", f"{ratio:.2f}x", ratio <= 1.5)
    cold = real_row("  build + validate, cold")
    add("build + validate ../shared/letters + statistics, cold < 10 s", f"{cold:.2f} s", cold < 10)
    pdfium = real_row("PDFium raw text, per report") * int(real["reports"]) / 1000  # type: ignore[call-overload]
    add(
        "build + validate ../shared/letters, cold <= 3x PDFium's raw text of its reports",
        f"{cold:.2f} s vs 3 x {pdfium:.2f} s = {cold / pdfium:.1f}x",
        cold <= 3 * pdfium,
    )
    warm = real_row("build ../shared/letters, warm (unchanged)")
    add("warm rebuild < 1 s", f"{warm:.2f} s", warm < 1)
    one = real_row("graphkit validate ONE.pdf (the Bury report)")
    add("graphkit validate ONE.pdf <= 0.4 s wall", f"{one:.2f} s", one <= 0.4)
    version = real_row("graphkit --version")
    for q in ("documents", "lead-inspectors"):
        wall, alone = real_row(f"graphkit query {q} --db"), real_row(f"  query {q} alone (in process)")
        add(
            f"graphkit query {q} --db <= 2x graphkit --version + the query",
            f"{wall:.2f} s vs 2 x {version:.2f} + {alone:.3f} s",
            wall <= 2 * version + alone,
        )
    for scale, limit in ((1, 50.0), (100, 500.0)):
        sc = by_scale.get(scale)
        if sc is None:
            add(f"every named query median < {limit:.0f} ms at {scale}x", "", None)
            continue
        qs = [r for r in sc["rows"] if r.get("group") == "query"]
        slow = [f"{str(r['stage'])[6:]} {float(r['median']):.0f}" for r in qs if float(r["median"]) >= limit]  # type: ignore[arg-type]
        worst = max(float(r["median"]) for r in qs)  # type: ignore[arg-type]
        add(
            f"every named query median < {limit:.0f} ms at {scale}x",
            f"slowest {worst:.0f} ms" + (f"; over: {', '.join(slow)}" if slow else ""),
            not slow,
        )
    sc = by_scale.get(100)
    if sc is None:
        add("peak RSS at 100x < 1.5 GB", "", None)
        add("build at 100x <= 1.2 x (100 x build at 1x)", "", None)
    else:
        peak = max(int(sc["peak_rss_mb"]), int(sc.get("build_workers_peak_rss_mb", 0)))  # type: ignore[call-overload]
        skipped = [str(r["stage"]) for r in sc["rows"] if not r.get("runs")]
        add("peak RSS at 100x < 1.5 GB", f"{peak} MB" + (" (rdflib stages skipped)" if skipped else ""), peak < 1536)
        b1, b100 = row(1, "build cold"), row(100, "build cold")
        if b1 and b100:
            ratio = float(b100["median"]) / (100 * float(b1["median"]))  # type: ignore[arg-type]
            add(
                "build at 100x <= 1.2 x (100 x build at 1x)",
                f"{float(b100['median']):.0f} s vs 100 x {float(b1['median']):.2f} s = {ratio:.2f}x",
                ratio <= 1.2,
            )
        else:
            add("build at 100x <= 1.2 x (100 x build at 1x)", "", None)
    return out


# --- main --------------------------------------------------------------------------------------


def _print_all(result: dict[str, object]) -> None:
    print_table(result)
    print("\n== targets (reported, never failing) ==")
    for tg in targets(result):
        print(f"  {tg['status']:>12}  {tg['target']}: {tg['value']}")
    machine = result.get("machine", {})
    cpus = machine.get("cpus") if isinstance(machine, dict) else "?"
    print(f"\n{cpus} cores; commit {result.get('commit', '?')}; whole run {float(result['seconds']):.0f} s")  # type: ignore[arg-type]


def _commit() -> str:
    """The checkout's commit, with "+changes" when the working tree differs from it."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain", "graphkit"], cwd=REPO, capture_output=True, text=True)
        return rev.strip() + ("+changes" if dirty.stdout.strip() else "")
    except OSError:
        return ""


def _child(args: list[str], out: Path) -> dict[str, object]:
    subprocess.run([sys.executable, __file__, *args, "--worker-out", str(out)], check=True)
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--scales", default="1,10,100", help="comma-separated multiples of ../shared/letters")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--budget", type=float, default=90.0, help="seconds a stage may take before it is run fewer times")
    ap.add_argument("--sample", type=int, default=260, help="documents timed for per-document stages")
    ap.add_argument("--rdflib-limit", type=int, default=400_000, help="skip rdflib stages above this many triples")
    ap.add_argument(
        "--full-limit", type=int, default=10_000_000, help="above this many triples: 3 exports, no other views"
    )
    ap.add_argument("--pyshacl-limit", type=int, default=60_000, help="skip pySHACL over the union above this")
    ap.add_argument("--json", type=Path, help="write the results here too")
    ap.add_argument("--report", type=Path, help="print the table and targets of a saved --json file; run nothing")
    ap.add_argument("--worker-scale", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--worker-real", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.report:
        saved = json.loads(a.report.read_text())
        _print_all(saved)
        return
    if a.worker_real:
        a.worker_out.write_text(json.dumps(real_letters(a.shared, a.runs)))
        return
    if a.worker_scale:
        res = run_scale(
            a.corpus, a.worker_scale, a.runs, a.budget, a.sample, a.rdflib_limit, a.pyshacl_limit, a.full_limit
        )
        a.worker_out.write_text(json.dumps(res))
        return

    from corpus import describe, read_sources, write_corpus

    scales = sorted({int(s) for s in a.scales.split(",") if s.strip()})
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmpdir:
        tmp = Path(tmpdir)
        print("the real letters ...", file=sys.stderr, flush=True)
        real = _child(["--worker-real", "--shared", str(a.shared), "--runs", str(a.runs)], tmp / "real.json")
        print(f"writing the {max(scales)}x corpus ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        variants = write_corpus(read_sources(a.shared), max(scales), tmp / "corpus")
        corpus_seconds = time.perf_counter() - t
        (tmp / "corpus.variants.json").write_text(json.dumps([asdict(v) for v in variants]))
        results = []
        for scale in scales:
            print(f"{scale}x ...", file=sys.stderr, flush=True)
            sc = _child(
                [
                    "--worker-scale",
                    str(scale),
                    "--corpus",
                    str(tmp / "corpus"),
                    "--runs",
                    str(a.runs),
                    "--budget",
                    str(a.budget),
                    "--sample",
                    str(a.sample),
                    "--rdflib-limit",
                    str(a.rdflib_limit),
                    "--pyshacl-limit",
                    str(a.pyshacl_limit),
                    "--full-limit",
                    str(a.full_limit),
                ],
                tmp / f"scale{scale}.json",
            )
            sc["corpus"] = describe(v for v in variants if v.copy < scale)
            results.append(sc)
    result: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "commit": _commit(),
        "runs": a.runs,
        "real": real,
        "corpus_seconds": corpus_seconds,
        "scales": results,
    }
    result["targets"] = targets(result)
    result["seconds"] = time.perf_counter() - t0
    _print_all(result)
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
