"""Stage 1, read: a letter or report (text or PDF) as normalised text, with offsets kept back to
the source and, for PDFs, each page's span (see :mod:`graphkit.read.document`)."""

from graphkit.read.document import MAX_BYTES, Document, Page, lexicon, normalise, read_document

__all__ = ["MAX_BYTES", "Document", "Page", "lexicon", "normalise", "read_document"]
