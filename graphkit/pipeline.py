"""The pipeline for one document: path -> read -> extract -> graph."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import NotALetterError, ReadError, TimeLimitError
from graphkit.extract import extract
from graphkit.model import Extraction
from graphkit.read.document import Document, read_document

if TYPE_CHECKING:  # rdflib only where a graph is made: commands that make none start without it
    from rdflib import Graph, URIRef

__all__ = ["Letter", "read_letter", "letter_graph", "check_complete", "time_limit", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 10.0  # seconds per document: the longest real report takes well under one

_GRAPH_SUFFIXES = {".ttl", ".trig", ".nq", ".nt", ".jsonld", ".n3", ".rdf", ".owl"}
_SEND_WORDS = re.compile(
    r"special educational needs|\bSEND\b|written statement of action|Local Area Partnership|Ofsted", re.I
)


@dataclass
class Letter:
    """A document read and extracted."""

    doc: Document
    extraction: Extraction

    @property
    def name(self) -> str:
        return self.doc.name

    @property
    def iri(self) -> URIRef:
        """The document's IRI: ``gkid:doc/<file stem slug>-<12 hex digits of its SHA-256>``."""
        from graphkit.graph.rdf import doc_iri

        return doc_iri(self.doc.name, self.doc.sha256)


def check_complete(doc: Document, x: Extraction) -> str | None:
    """Why ``x`` looks like a document cut off half way, or None when it looks whole."""
    text = doc.text
    if x.kind in ("initial", "revisit"):
        from graphkit.extract.letter2016 import check_complete as letter_complete

        return letter_complete(doc, x)
    if x.kind == "area_send_2023":
        if x.outcome is None:
            return "no inspection outcome found (cut off, or not a full area SEND report?)"
        if not re.search(r"Inspection team", text, re.I):
            return 'the report stops before its "Inspection team" table (cut off half way?)'
    return None


_PARTIAL_HINT = "Pass the whole letter as published, or pass --partial to read what this copy holds"


def read_letter(path: str | Path, partial: bool = False) -> Letter:
    """Read and extract one letter; raise a one-line error for anything that is not one.

    A copy holding only part of a letter (no heading, no title page, cut off before its sign-off
    or its tables) is refused with an error naming ``--partial``; with ``partial`` it is read
    for what it holds, and the extraction says why it is partial (``Extraction.partial``).
    """
    if Path(path).suffix.lower() in _GRAPH_SUFFIXES:  # a graph graphkit wrote, not a letter
        raise NotALetterError(
            str(path),
            "is a graph file, not a letter or report",
            f"Check it with graphkit validate {path}, or ask it questions with graphkit query NAME --graph {path}",
        )
    doc = read_document(path)
    try:
        x = extract(doc)
        missing: list[str] = []
        if x.kind == "other":
            from graphkit.extract.kind import partial_kind

            found = partial_kind(doc.text)
            if found is not None:
                kind, why = found
                if not partial:
                    raise ReadError(str(path), f"looks like part of a letter: {why}", _PARTIAL_HINT)
                x = _extract_as(doc, kind)
                missing.append(why)
    finally:
        doc.close()  # the PDF's pages were needed for its tables only
    if x.kind == "other" and not _SEND_WORDS.search(doc.text):
        raise NotALetterError(
            str(path),
            'not a SEND inspection letter (no "Joint local area SEND" or "Area SEND inspection" heading found)',
            "Pass an Ofsted/CQC local area SEND inspection letter or report",
        )
    reason = check_complete(doc, x) if x.kind != "other" else None
    if reason:
        if not partial:
            raise ReadError(str(path), reason, _PARTIAL_HINT)
        missing.append(reason)
    if missing:
        x = replace(x, partial="; ".join(missing))
    return Letter(doc, x)


def _extract_as(doc: Document, kind: str) -> Extraction:
    """Extract ``doc`` as a document of ``kind`` (a partial copy whose kind ``classify`` could not tell)."""
    if kind == "revisit":
        from graphkit.extract.letter2016 import extract_revisit

        return extract_revisit(doc)
    if kind == "initial":
        from graphkit.extract.letter2016 import extract_initial

        return extract_initial(doc)
    from graphkit.extract.report2023 import extract_report

    return extract_report(doc)


def letter_graph(letter: Letter) -> tuple[URIRef, Graph]:
    """The named-graph IRI and graph of one letter."""
    from graphkit.graph.rdf import DocInfo, graph_iri, to_graph

    info = DocInfo(
        name=letter.name,
        sha256=letter.doc.sha256,
        text=letter.doc.text,
        page_starts=tuple(p.start for p in letter.doc.pages),
    )
    return graph_iri(letter.name, letter.doc.sha256), to_graph(letter.extraction, info)


@contextmanager
def time_limit(seconds: float | None, source: str) -> Iterator[None]:
    """Stop the block with :class:`TimeLimitError` after ``seconds`` of wall-clock time.

    The budget of one document in ``build``, ``show`` and ``validate`` (``--timeout``): a document
    that takes longer is reported as failed with the reason, and the others go on. It interrupts
    Python code and regular-expression matching (a signal, ``SIGALRM``); ``None`` or 0 means no
    limit, and so does a platform without ``setitimer`` or a call outside the main thread.
    """
    usable = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TimeLimitError(
            source,
            f"stopped after {seconds:g} s (the per-document time limit); the input is unusually long or damaged",
            "Check the file, or raise the limit with --timeout",
        )

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
