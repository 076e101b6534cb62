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
from dataclasses import dataclass, field, replace
from pathlib import Path

from graphkit.errors import GraphkitError, UsageError, explain
from graphkit.store.db import GraphStore, sibling, swap_in

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
    bugs: list[str] = field(default_factory=list)  # files among the failed whose reading hit a bug
    warned: list[tuple[str, int]] = field(default_factory=list)  # (file, validation warnings)
    revalidated: list[str] = field(default_factory=list)  # stored documents whose findings no longer held
    statistics_loaded: bool = False
    triples: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed or self.statistics_loaded or self.revalidated)


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


def path_key(path: Path) -> str:
    """Which file a stored document came from, without writing its path into the graph: a hash
    of the absolute path. A changed file at the same path replaces its earlier version."""
    return hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


DOCUMENT_KINDS = {"initial", "revisit", "area_send_2023"}


_Result = tuple[str, str, str, str, str, str, int]


STATISTICS_JOB = "(the official statistics)"  # a job of the workers besides the documents


@dataclass(frozen=True)
class _Stored:
    """A job of the workers: validate again a document already in the store (its findings were
    stamped with other shapes), from its stored graph; ``ntriples`` is filled in when it is sent."""

    graph: str
    source: str
    sha256: str
    ntriples: str = ""


_Job = Path | str | _Stored


def _revalidated(job: _Stored) -> _Result:
    """Worker: a stored document's graph validated again, as the build validates a new one."""
    from rdflib import Graph

    from graphkit.check.validate import _documents, results_to_ntriples, validate_graph

    g = Graph()
    g.parse(data=job.ntriples, format="nt")
    checked = validate_graph(g, cross_document=False, ntriples=job.ntriples)
    doc = next(iter(_documents(g)), None)
    base = f"{doc}/validation" if doc is not None else f"{job.graph}/validation"
    findings = results_to_ntriples(checked, base)
    return "revalidated", job.source, "validation", "", job.sha256, findings, checked.warnings


def _statistics_checked() -> _Result:
    """Worker: the statistics graph made from graphkit's data, as N-Triples, with its findings."""
    from graphkit.check.validate import results_to_ntriples, validate_graph
    from graphkit.graph.rdf import validation_graph_of
    from graphkit.graph.statistics import STATISTICS_GRAPH, statistics_fingerprint, statistics_graph

    g = statistics_graph()
    nt = g.serialize(format="nt")
    checked = validate_graph(g, cross_document=False, ntriples=nt)
    findings = results_to_ntriples(checked, validation_graph_of(str(STATISTICS_GRAPH)))
    source = "graphkit/data (Ofsted official statistics)"
    return "ok", source, "statistics", nt, statistics_fingerprint(), findings, 0


def _extract_one(path: str | _Stored, timeout: float | None = None, partial: bool = False) -> _Result:
    """Worker: read, extract and validate one document, within ``timeout`` seconds.

    Returns (status, name, kind, n-triples or reason, sha256, validation n-triples, warnings);
    status is ok, other (a look-alike), failed, or bug (failed on a bug in graphkit).
    """
    from graphkit.pipeline import time_limit

    if isinstance(path, _Stored):
        try:
            return _revalidated(path)
        except Exception as exc:  # a bug in graphkit: reported, the other documents go on
            return "bug", path.source, "", f"validating it again: {type(exc).__name__}: {exc}", "", "", 0
    if path == STATISTICS_JOB:
        try:
            return _statistics_checked()
        except Exception as exc:
            return "bug", path, "", f"{type(exc).__name__}: {exc}", "", "", 0
    p = Path(path)
    try:
        with time_limit(timeout, str(p)):
            return _extract_checked(p, partial)
    except GraphkitError as exc:
        return "failed", p.name, "", exc.line().split(": ", 1)[-1], "", "", 0
    except Exception as exc:  # a bug must not stop the other documents; report it
        err = explain(exc, str(p))
        status = "bug" if err.exit_code == 3 else "failed"  # the machine's faults are not bugs
        return status, p.name, "", err.line().split(": ", 1)[-1], "", "", 0


def _extract_checked(p: Path, partial: bool = False) -> _Result:
    from graphkit.check.validate import results_to_ntriples, validate_graph
    from graphkit.pipeline import letter_graph, read_letter

    letter = read_letter(p, partial=partial)
    if letter.extraction.kind == "other":
        reason = "; ".join(letter.extraction.notes) or "not an inspection letter"
        return "other", p.name, "other", reason, letter.doc.sha256, "", 0
    _, g = letter_graph(letter)
    nt = g.serialize(format="nt")
    checked = validate_graph(g, cross_document=False, ntriples=nt)
    findings = results_to_ntriples(checked, f"{letter.iri}/validation")
    return "ok", p.name, letter.extraction.kind, nt, letter.doc.sha256, findings, checked.warnings


BATCH = 64  # documents per bulk load into the staging copy


def build_store(
    inputs: Iterable[str | Path],
    db: str | Path,
    remove: Iterable[str] = (),
    jobs: int | None = None,
    progress: Progress | None = None,
    timeout: float | None = None,
    partial: bool = False,
) -> BuildReport:
    """Add, replace or remove documents in the store at ``db``; load statistics; relink.

    The work is done on a checkpoint copy of the store (hard links, so cheap), loaded in batches,
    and swapped in only when complete: an interrupted build leaves the store as it was, and
    memory stays bounded however many documents are added. A second build of the same store
    at the same time stops with an error (:func:`graphkit.store.db.writing`).
    """
    import errno

    from graphkit.store.db import check_store_folder, writing

    check_store_folder(db, create=True)  # a folder that is not a store is never written into
    live = Path(db)
    existed = live.exists()
    with writing(db):
        try:
            return _build(inputs, live, remove, jobs, progress, timeout, partial)
        except BaseException as exc:
            # the copy the build worked on is of no use now; a store this build created is empty
            shutil.rmtree(sibling(live, "building"), ignore_errors=True)
            if not existed:
                shutil.rmtree(live, ignore_errors=True)
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise GraphkitError(
                    str(live),
                    "no space left on the disk; the store is as it was before this build"
                    if existed
                    else "no space left on the disk; no store was made",
                    "Free some space (or choose another folder for --db), then run the build again",
                ) from None
            raise


def _build(
    inputs: Iterable[str | Path],
    live: Path,
    remove: Iterable[str],
    jobs: int | None,
    progress: Progress | None,
    timeout: float | None = None,
    partial: bool = False,
) -> BuildReport:
    from graphkit.check.validate import findings_hold, findings_stamp
    from graphkit.graph.rdf import graph_iri, validation_graph_of
    from graphkit.graph.statistics import STATISTICS_GRAPH, statistics_fingerprint
    from graphkit.store.db import Change, open_store

    t0 = time.perf_counter()
    report = BuildReport()
    store = open_store(live)
    manifest = store.manifest()
    changes: list[Change] = []

    docs = {g: v for g, v in manifest.items() if v[2] in DOCUMENT_KINDS}
    paths = store.manifest_paths()
    for name in remove:
        for g in _named(name, docs, paths):
            changes.append(Change(g, None))
            changes.append(Change(validation_graph_of(g), None))
            report.removed.append(docs.pop(g)[1])

    # Identity (README, "Identity"): a document is its content. Its key is its file stem's slug
    # and its SHA-256's first digits; content already stored (or met earlier in this run, under
    # another path) is the same document; a new content at the path of a stored document
    # replaces that one.
    by_sha = {v[0]: g for g, v in docs.items()}
    by_path = {k: g for g, k in paths.items() if g in docs}
    legacy = {}  # documents stored before path keys: known by file name, when one has it
    for g, (_, src, _) in docs.items():
        if g not in paths:
            legacy[src] = None if src in legacy else g
    todo: list[Path] = []
    replacing: dict[str, str] = {}  # input path -> the stored graph it replaces
    for p in iter_inputs(inputs):
        if not p.is_file():
            report.failed.append((str(p), "no such file"))
            continue
        try:
            sha = _sha256(p)
        except OSError as exc:
            report.failed.append((str(p), f"cannot read ({exc.strerror})"))
            continue
        if sha in by_sha:
            report.unchanged.append(p.name)
            continue
        old = by_path.get(path_key(p)) or legacy.get(p.name)
        if old is not None and old not in replacing.values():
            replacing[str(p)] = old
        by_sha[sha] = str(graph_iri(p.name, sha))
        todo.append(p)

    fingerprint = statistics_fingerprint()
    stats = str(STATISTICS_GRAPH)
    jobs_todo: list[_Job] = list(todo)
    # stored documents whose findings were found with other shapes (graphkit was upgraded, or
    # its shapes edited): validated again from their stored graphs, so validate --db can show them
    for g, (sha, src, _kind) in sorted(docs.items()):
        if g not in replacing.values() and not findings_hold(manifest, g):
            jobs_todo.append(_Stored(g, src, sha))
    if manifest.get(stats, ("",))[0] != fingerprint:
        jobs_todo.insert(0, STATISTICS_JOB)  # made and validated by a worker, beside the documents
        report.statistics_loaded = True

    if not jobs_todo and not changes:  # nothing changed: the warm path touches nothing
        report.triples = len(store)
        report.seconds = time.perf_counter() - t0
        return report

    staging = sibling(live, "building")
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted build
    store.store.backup(str(staging))
    del store
    work = open_store(staging)
    for res, job in zip(
        _extract_all(jobs_todo, jobs, progress, timeout, partial, work.ntriples), jobs_todo, strict=True
    ):
        status, name, kind, payload, sha, findings, warnings = res
        if isinstance(job, _Stored):
            if status == "revalidated":
                changes.append(
                    Change(validation_graph_of(job.graph), findings, sha256=findings_stamp(sha), source=name, kind=kind)
                )
                report.revalidated.append(name)
                if warnings:
                    report.warned.append((name, warnings))
            else:
                report.failed.append((name, payload))
                report.bugs.append(name)
            continue
        p = Path(job)
        if job == STATISTICS_JOB:
            if status != "ok":  # graphkit's own data: a failure here is a bug, and stops the build
                raise RuntimeError(f"the official statistics could not be loaded: {payload}")
            changes.append(Change(stats, payload, sha256=sha, source=name, kind=kind))
            changes.append(
                Change(
                    validation_graph_of(stats),
                    findings,
                    sha256=findings_stamp(sha),
                    source=name,
                    kind="validation",
                )
            )
        elif status in ("failed", "bug"):
            report.failed.append((str(p), payload))
            if status == "bug":
                report.bugs.append(str(p))
        elif status == "other":
            report.skipped.append((str(p), payload))
        else:
            g = str(graph_iri(name, sha))
            old = replacing.get(str(p))
            if old is not None and old != g:
                changes.append(Change(old, None))
                changes.append(Change(validation_graph_of(old), None))
            (report.replaced if old is not None else report.added).append(name)
            changes.append(Change(g, payload, sha256=sha, source=name, kind=kind, path_key=path_key(p)))
            changes.append(
                Change(
                    validation_graph_of(g),
                    findings,
                    sha256=findings_stamp(sha),  # what the findings depend on
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
    _finish(work)
    _validate_derived(work)
    report.warned.extend(_check_across(work))
    work.flush()
    work.optimize()  # the files the bulk loader left, compacted: queries on the new store run faster
    report.triples = len(work)
    del work
    swap_in(staging, live)
    report.seconds = time.perf_counter() - t0
    return report


def _named(name: str, docs: dict[str, tuple[str, str, str]], paths: dict[str, str]) -> list[str]:
    """The stored document graphs that ``--remove NAME`` means: the file at that path, else the
    documents of that file name, else the one with that key (``<stem slug>-<hash>``)."""
    from graphkit.graph.rdf import ID

    p = Path(name)
    if p.is_file():
        k = path_key(p)
        hit = [g for g, pk in paths.items() if pk == k and g in docs]
        if hit:
            return hit
    hit = [g for g, v in docs.items() if v[1] == p.name]
    if len(hit) > 1:
        keys = ", ".join(sorted(g.rsplit("/", 1)[-1] for g in hit))
        raise UsageError(
            name,
            f"{len(hit)} stored documents have this file name ({keys})",
            "Pass the file's path or one of these keys",
        )
    hit = hit or [g for g in docs if g == str(ID[f"graph/{name}"])]
    if not hit:
        raise UsageError(
            name,
            "no such document in the store",
            "graphkit query documents --db DIR lists the documents in the store (file names and keys)",
        )
    return hit


def _extract_all(
    todo: list[_Job],
    jobs: int | None,
    progress: Progress | None,
    timeout: float | None,
    partial: bool,
    load: Callable[[str], str],
) -> Iterator[_Result]:
    """Each job's result, in order, done in parallel across cores: a document read, extracted and
    validated; the statistics made and validated; a stored graph (its N-Triples read by ``load``
    when it is sent) validated again."""
    total = len(todo)
    if not total:
        return

    def job(item: _Job) -> str | _Stored:
        if isinstance(item, _Stored):
            return replace(item, ntriples=load(item.graph))
        return str(item)

    workers = max(1, min(jobs or os.cpu_count() or 1, total))
    if workers == 1 or total < 3:
        for i, p in enumerate(todo, 1):
            res = _extract_one(job(p), timeout, partial)
            yield res
            if progress:
                progress(i, total, res[1])
        return
    # a few documents in flight per worker, not all of them: results wait in memory until the
    # store has taken the ones before them
    window = 4 * workers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_Result]] = deque(
            pool.submit(_extract_one, job(p), timeout, partial) for p in todo[:window]
        )
        for i in range(1, total + 1):
            res = pending.popleft().result()
            if i - 1 + window < total:
                pending.append(pool.submit(_extract_one, job(todo[i - 1 + window]), timeout, partial))
            if progress:
                progress(i, total, res[1])
            yield res


ACROSS = "(across documents)"


def _check_across(work: GraphStore) -> list[tuple[str, int]]:
    """Run the checks across documents over the whole store (as ``graphkit validate --db`` does)
    and store their findings beside the documents' own, so that ``graphkit query
    validation-warnings`` lists them too. Returns ``[(ACROSS, warnings)]`` when there are any."""
    from graphkit.check.validate import results_to_ntriples, shapes_fingerprint, validate_store_across
    from graphkit.graph.rdf import CROSS_VALIDATION_GRAPH
    from graphkit.store.db import Change

    graph = str(CROSS_VALIDATION_GRAPH)
    checked = validate_store_across(work.store)
    findings = results_to_ntriples(checked, graph)
    work.apply([Change(graph, findings, sha256=shapes_fingerprint(), source=ACROSS, kind="validation")], bulk=True)
    return [(ACROSS, checked.warnings)] if checked.warnings else []


DERIVED_KINDS = ("statistics", "links", "themes")


def _validate_derived(work: GraphStore) -> None:
    """Validate the graphs graphkit makes itself (the statistics, links and themes) where they
    changed, and store their findings as each document's are: ``graphkit validate --db`` then
    shows them again instead of reading the graphs back and validating them anew. (A build that
    loads the statistics validates them as it makes them: see :func:`_statistics_checked`.)"""
    from graphkit.check.validate import (
        findings_hold,
        findings_stamp,
        reached_by_shapes,
        results_to_ntriples,
        validate_graph,
    )
    from graphkit.graph.rdf import validation_graph_of
    from graphkit.store.db import Change

    manifest = work.manifest()
    changes = []
    for g, (sha, source, kind) in sorted(manifest.items()):
        if kind not in DERIVED_KINDS or findings_hold(manifest, g):
            continue
        v = validation_graph_of(g)
        findings = ""  # a graph no shape reaches (the links, the themes) has nothing to find
        if reached_by_shapes(work, g):
            findings = results_to_ntriples(validate_graph(work.graph(g), cross_document=False), v)
        changes.append(Change(v, findings, sha256=findings_stamp(sha), source=source, kind="validation"))
    if changes:
        work.apply(changes, bulk=True)


def _finish(work: GraphStore) -> int:
    """Recompute the derived graphs (links, themes) and write everything to disk."""
    from graphkit.ask.people import merge_people
    from graphkit.graph.links import link_lifecycle
    from graphkit.graph.themes import code_themes

    merge_people(work)  # people accepted as one (graphkit people --accept) stay one after a rebuild
    link_lifecycle(work, bulk=True)
    code_themes(work, bulk=True)
    work.flush()
    return len(work)
