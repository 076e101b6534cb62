"""Extraction: a :class:`~graphkit.read.document.Document` in, an :class:`~graphkit.model.Extraction` out.

``extract(doc)`` recognises the document's kind and hands it to the extractor for that kind.
Each extractor is a pure function over the document's normalised text (the 2023 reader also
reads two-column tables by position from the PDF pages).
"""

from __future__ import annotations

from graphkit.extract.kind import classify
from graphkit.model import Extraction
from graphkit.read.document import Document

__all__ = ["extract", "classify"]


def extract(doc: Document) -> Extraction:
    """Read every fact of ``doc`` into an :class:`Extraction` (kind ``other`` for look-alikes).

    Names with no letters or digits ("•", ":") are left out, with a warning (see ``nameless``).
    """
    from graphkit.extract.nameless import drop_nameless

    return drop_nameless(_extract(doc))


def _extract(doc: Document) -> Extraction:
    kind, notes = classify(doc.text)
    if kind == "initial":
        from graphkit.extract.letter2016 import extract_initial

        return extract_initial(doc)
    if kind == "revisit":
        from graphkit.extract.letter2016 import extract_revisit

        return extract_revisit(doc)
    if kind == "area_send_2023":
        from graphkit.extract.report2023 import extract_report

        return extract_report(doc)
    return Extraction(kind="other", notes=tuple(notes))
