"""Build the national graph: many letters into the persistent store, with the statistics and links.

One named graph per document keyed by its file name, with the file's SHA-256 in the manifest:
re-adding an unchanged document does nothing, a changed one replaces exactly its graph. Every
change of one build lands in one transaction, so an interrupted build leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import GraphkitError, UsageError
from graphkit.store_db import GraphStore, sibling, swap_in

__all__ = ["BuildReport", "build_store", "iter_inputs", "Progress"]

LETTER_SUFFIXES = {".pdf", ".txt", ".text"}


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # look-alikes: (file, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)
    warned: list[tuple[str, int]] = field(default_factory=list)  # (file, validation warnings)
    statistics_loaded: bool = False
    triples: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed or self.statistics_loaded)


Progress = Callable[[int, int, str], None]


def iter_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named, and letters (.pdf .txt) found recursively in folders named, in a stable order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in LETTER_SUFFIXES))
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_Result = tuple[str, str, str, str, str, str, int]


def _extract_one(path: str) -> _Result:
    """Worker: read, extract and validate one document.

    Returns (status, name, kind, n-triples or reason, sha256, validation n-triples, warnings);
    status is ok, other (a look-alike) or failed.
    """
    from graphkit.pipeline import letter_graph, read_letter
    from graphkit.rdf import doc_iri
    from graphkit.validate import results_to_ntriples, validate_graph

    p = Path(path)
    try:
        letter = read_letter(p)
        if letter.extraction.kind == "other":
            reason = "; ".join(letter.extraction.notes) or "not an inspection letter"
            return "other", p.name, "other", reason, letter.doc.sha256, "", 0
        _, g = letter_graph(letter)
        checked = validate_graph(g, cross_document=False)
        findings = results_to_ntriples(checked, f"{doc_iri(p.name)}/validation")
        nt = g.serialize(format="nt")
        return "ok", p.name, letter.extraction.kind, nt, letter.doc.sha256, findings, checked.warnings
    except GraphkitError as exc:
        return "failed", p.name, "", exc.line().split(": ", 1)[-1], "", "", 0
    except Exception as exc:  # a bug must not stop the other documents; report it
        return "failed", p.name, "", f"internal error ({type(exc).__name__}: {exc}); run with --debug", "", "", 0


BATCH = 64  # documents per bulk load into the staging copy


def build_store(
    inputs: Iterable[str | Path],
    db: str | Path,
    remove: Iterable[str] = (),
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Add, replace or remove documents in the store at ``db``; load statistics; relink.

    The work is done on a checkpoint copy of the store (hard links, so cheap), loaded in batches,
    and swapped in only when complete: an interrupted build leaves the store as it was, and
    memory stays bounded however many documents are added. A second build of the same store
    at the same time stops with an error (:func:`graphkit.store_db.writing`).
    """
    from graphkit.store_db import check_store_folder, writing

    check_store_folder(db, create=True)  # a folder that is not a store is never written into
    with writing(db):
        return _build(inputs, Path(db), remove, jobs, progress)


def _build(
    inputs: Iterable[str | Path], live: Path, remove: Iterable[str], jobs: int | None, progress: Progress | None
) -> BuildReport:
    from graphkit.rdf import graph_iri, validation_graph_iri
    from graphkit.statistics import STATISTICS_GRAPH, statistics_fingerprint, statistics_graph
    from graphkit.store_db import Change, open_store
    from graphkit.validate import shapes_fingerprint

    t0 = time.perf_counter()
    report = BuildReport()
    store = open_store(live)
    manifest = store.manifest()
    changes: list[Change] = []

    for name in remove:
        g = str(graph_iri(Path(name).name))
        if g not in manifest:
            raise UsageError(
                name,
                "no such document in the store",
                "graphkit query documents --db DIR lists the documents in the store",
            )
        changes.append(Change(g, None))
        changes.append(Change(str(validation_graph_iri(Path(name).name)), None))
        report.removed.append(Path(name).name)

    todo: list[Path] = []
    for p in iter_inputs(inputs):
        if not p.is_file():
            report.failed.append((str(p), "no such file"))
            continue
        try:
            sha = _sha256(p)
        except OSError as exc:
            report.failed.append((str(p), f"cannot read ({exc.strerror})"))
            continue
        g = str(graph_iri(p.name))
        if g in manifest and manifest[g][0] == sha:
            report.unchanged.append(p.name)
        else:
            todo.append(p)

    fingerprint = statistics_fingerprint()
    stats = str(STATISTICS_GRAPH)
    if manifest.get(stats, ("",))[0] != fingerprint:
        changes.append(
            Change(
                stats,
                statistics_graph().serialize(format="nt"),
                sha256=fingerprint,
                source="graphkit/data (Ofsted official statistics)",
                kind="statistics",
            )
        )
        report.statistics_loaded = True

    if not todo and not changes:  # nothing changed: the warm path touches nothing
        report.triples = len(store)
        report.seconds = time.perf_counter() - t0
        return report

    staging = sibling(live, "building")
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted build
    store.store.backup(str(staging))
    del store
    work = open_store(staging)
    for res, p in zip(_extract_all(todo, jobs, progress), todo, strict=True):
        status, name, kind, payload, sha, findings, warnings = res
        g = str(graph_iri(name))
        if status == "failed":
            report.failed.append((str(p), payload))
        elif status == "other":
            report.skipped.append((str(p), payload))
        else:
            (report.replaced if g in manifest else report.added).append(name)
            changes.append(Change(g, payload, sha256=sha, source=name, kind=kind))
            changes.append(
                Change(
                    str(validation_graph_iri(name)),
                    findings,
                    sha256=f"{sha}+{shapes_fingerprint()}",  # what the findings depend on
                    source=name,
                    kind="validation",
                )
            )
            if warnings:
                report.warned.append((name, warnings))
        if len(changes) >= 2 * BATCH:
            work.apply(changes, bulk=True)
            changes = []
    work.apply(changes, bulk=True)
    report.triples = _finish(work)
    del work
    swap_in(staging, live)
    report.seconds = time.perf_counter() - t0
    return report


def _extract_all(todo: list[Path], jobs: int | None, progress: Progress | None) -> Iterator[_Result]:
    """Each document's result, in order, extracted in parallel across cores."""
    total = len(todo)
    if not total:
        return
    workers = max(1, min(jobs or os.cpu_count() or 1, total))
    if workers == 1 or total < 3:
        for i, p in enumerate(todo, 1):
            yield _extract_one(str(p))
            if progress:
                progress(i, total, p.name)
        return
    # a few documents in flight per worker, not all of them: results wait in memory until the
    # store has taken the ones before them
    window = 4 * workers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_Result]] = deque(pool.submit(_extract_one, str(p)) for p in todo[:window])
        for i in range(1, total + 1):
            res = pending.popleft().result()
            if i - 1 + window < total:
                pending.append(pool.submit(_extract_one, str(todo[i - 1 + window])))
            if progress:
                progress(i, total, res[1])
            yield res


def _finish(work: GraphStore) -> int:
    """Recompute the derived graphs (links, themes) and write everything to disk."""
    from graphkit.link import link_lifecycle
    from graphkit.people import merge_people
    from graphkit.themes import code_themes

    merge_people(work)  # people accepted as one (graphkit people --accept) stay one after a rebuild
    link_lifecycle(work, bulk=True)
    code_themes(work, bulk=True)
    work.flush()
    return len(work)
