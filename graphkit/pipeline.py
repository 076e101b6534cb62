"""The pipeline for one document: path -> read -> extract -> graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from graphkit.errors import NotALetterError, ReadError
from graphkit.extract import extract
from graphkit.model import Extraction
from graphkit.read import Document, read_document

__all__ = ["Letter", "read_letter", "letter_graph", "check_complete"]

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


def read_letter(path: str | Path) -> Letter:
    """Read and extract one letter; raise a one-line error for anything that is not one."""
    if Path(path).suffix.lower() in _GRAPH_SUFFIXES:  # a graph graphkit wrote, not a letter
        raise NotALetterError(
            str(path),
            "is a graph file, not a letter or report",
            f"Check it with graphkit validate {path}, or ask it questions with graphkit query NAME --graph {path}",
        )
    doc = read_document(path)
    x = extract(doc)
    if x.kind == "other" and not _SEND_WORDS.search(doc.text):
        raise NotALetterError(
            str(path),
            'not a SEND inspection letter (no "Joint local area SEND" or "Area SEND inspection" heading found)',
            "Pass an Ofsted/CQC local area SEND inspection letter or report",
        )
    reason = check_complete(doc, x) if x.kind != "other" else None
    if reason:
        raise ReadError(str(path), reason, "Pass the whole letter as published")
    return Letter(doc, x)


def letter_graph(letter: Letter) -> tuple[URIRef, Graph]:
    """The named-graph IRI and graph of one letter."""
    from graphkit.rdf import DocInfo, graph_iri, to_graph

    info = DocInfo(
        name=letter.name,
        sha256=letter.doc.sha256,
        text=letter.doc.text,
        page_starts=tuple(p.start for p in letter.doc.pages),
    )
    return graph_iri(letter.name), to_graph(letter.extraction, info)
