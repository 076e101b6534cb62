"""Read a letter or report (``.txt`` or ``.pdf``) into a :class:`Document`.

The document's ``text`` is normalised for extraction — CRLF, ligatures, PDFium's soft-hyphen
marks, hyphenated line ends, running page headers and bullets are mended — while ``to_raw``
maps any offset in it back to the text as it came out of the file.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import ReadError

__all__ = ["Document", "Page", "read_document", "normalise", "MAX_BYTES"]

MAX_BYTES = 5 * 1024 * 1024  # the longest real letter is ~60 kB of text, the largest PDF ~1 MB
TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}


@dataclass(frozen=True)
class Page:
    """One page of a PDF: its index and where its text lies in the normalised text."""

    index: int
    start: int
    end: int


@dataclass
class Document:
    """A document's text, normalised, with a map back to the raw text and (PDFs) its pages."""

    path: Path
    raw: str
    text: str
    sha256: str
    anchors: list[tuple[int, int]] = field(default_factory=list)  # (text offset, raw offset)
    pages: tuple[Page, ...] = ()
    pdf: Any = None  # the open pypdfium2.PdfDocument, for reading tables by position
    _words: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        """The raw text's words (lower case), made on first use: they mend soft hyphens in table cells."""
        if self._words is None:
            self._words = lexicon(self.raw)
        return self._words

    # (PdfPage, PdfTextPage) per page, kept open from reading so that tables can be read by
    # position without building each text page twice
    textpages: list[tuple[Any, Any]] = field(default_factory=list, repr=False)
    # PDFium's text of each page as it gave it (CRLF line ends): its offsets are character
    # indexes of the text page, so a phrase found in it can be boxed on the page
    page_texts: list[str] = field(default_factory=list, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    def to_raw(self, offset: int) -> int:
        """The raw-text offset that normalised offset ``offset`` came from."""
        if not self.anchors:
            return offset
        keys = [a for a, _ in self.anchors]
        i = bisect.bisect_right(keys, offset) - 1
        if i < 0:
            return offset
        t, r = self.anchors[i]
        return r + (offset - t)

    def close(self) -> None:
        """Close the PDF's text pages, pages and document (children first), once extraction is done.

        PDFium's objects are otherwise closed by finalizers whenever the garbage collector gets
        to them; a process that reads thousands of PDFs (a build worker) closes each at once."""
        pdf, kept = self.pdf, self.textpages
        self.pdf, self.textpages = None, []
        for page, textpage in kept:
            textpage.close()
            page.close()
        if pdf is not None:
            pdf.close()

    def page_of(self, offset: int) -> int | None:
        """The index of the PDF page holding normalised offset ``offset``."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.index
        return None


# --- normalisation ---------------------------------------------------------------------------

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_BULLETS = "\u25fc\u25aa\u25a0\u2022\u25cf\u2212\uf0a7\uf0b7"
# running page headers (footers) of 2023 reports and 2016-22 letters: the title line (the area's
# name, "… Local Area Partnership"), then the dates and the page number. Text extractors lay them
# out differently: the page number after the dates on one line (PDFium, pypdf), far to the right
# (pdftotext -layout), or on a line of its own after a blank line (pdfminer, pdftotext); the dates
# after a comma on the title line; leading spaces; a 2016-22 letter's title with only the page number
_DATES = r"\d{1,2}(?:\s+[A-Z][a-z]+)?(?:\s+\d{4})?(?:\s*(?:to|and|–|-)\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
_NL = r"[ \t]*(?:\r?\n|\f)"  # a line end (a form feed ends a page)
_END = r"[ \t]*(?=\r?\n|\f)"
# after the title's first words: the rest of the title line, the dates, the page number (a header
# whose page number the extractor moved elsewhere ends with its dates)
_HEADER_REST = (
    r"[:\s][^\n]{0,120}?(?:(?:"
    + _NL
    + r")+|,)[ \t]*"
    + _DATES
    + r"(?:(?:[ \t]+|(?:"
    + _NL
    + r")+[ \t]*)\d{1,3})?"
    + _END
)
_HEADER = (
    r"[ \t]*(?:(?:Area SEND [Ii]nspection report|Inspection report|Joint local area SEND (?:inspection|revisit)"
    r"(?: in| of)?)"
    + _HEADER_REST
    + r"|Joint local area SEND (?:inspection|revisit) (?:in|of) [^\n.;:]{1,60}?[ \t]+\d{1,3}"
    + _END
    + ")"
)
# a header glued to the end of a word broken at the page end, whose hyphen the extractor took out
# ("co" + header + "produced"), as its first letter's lookbehind sees it
_GLUED = (
    r"(?:(?<=[a-z]A)rea SEND [Ii]nspection report|(?<=[a-z]I)nspection report)"
    + _HEADER_REST
    + r"(?:"
    + _NL
    + r")+[ \t]*"
)
_PAGENO = r"[ \t]*(?:Page \d{1,3} of \d{1,3}|\d{1,2} of \d{1,2})[ \t]*"
# the newline (or form feed) before a line, as the first character consumed
_LINE_START = r"(?:(?<=\r)\n|(?<=[\n\f]))"
# a line break inside a word, with any running header or page number (and the blank lines around
# them) that a page break put there
_BREAK = r"[ \t]*\r?[\n\f](?:(?:" + _NL + r")*(?:" + _HEADER + "|" + _PAGENO + r")(?:" + _NL + r")+)?[ \t]*"


# Every match starts by consuming one character of the leading set, so the regex engine skips
# to candidates with a fast character-set scan (4x faster than trying each branch everywhere);
# each branch then checks, looking behind, which character it was. Damage at a line start is
# matched from the newline before it (the text is scanned with a newline put in front).
def _damage(trailing: bool) -> re.Pattern[str]:
    return re.compile(
        r"[AI"
        + (" " if trailing else "")
        + r"\r\n\f\ufb00-\ufb04\ufffe\u00ad\-\u00a0\u2007\u202f\t](?:"
        + _LINE_START
        + r"(?P<header>"
        + _HEADER
        + r")"
        r"|" + _LINE_START + r"(?P<pageno>" + _PAGENO + r")(?=\r?\n|\f)"
        r"|" + _LINE_START + r"(?P<bullet>[ \t]*[" + _BULLETS + r"][ \t]*)"
        r"|(?<=\r)(?P<crlf>\n?)"
        r"|(?<=\f)(?P<ff>)"
        r"|(?P<glued>" + _GLUED + r")"
        r"|(?<=[\ufb00-\ufb04])(?P<lig>)"
        r"|(?<=[\ufffe\u00ad])(?P<soft>(?:" + _BREAK + r")?[ \t]*)"
        # a hyphen at a line end joins the word parts, except a suspended hyphen ("five-\nto 18-year-olds",
        # "pre-\nand post-16"), which keeps its line break; the hyphen is kept unless the document
        # spells the joined word elsewhere and never the hyphenated one ("provi-\nsion", "co-\nproduced")
        r"|(?<=[A-Za-z]-)(?P<hyph>"
        + _BREAK
        + r")(?=[A-Za-z])(?!(?:to|and|or)[ \t])"
        + (r"|(?<=[^ \t\n][ \t])(?P<trail>[ \t]*)(?=\r?\n[ \t]*(?:\r?\n|\f|\Z))" if trailing else "")
        + r"|(?<=[\u00a0\u2007\u202f\t])(?P<nbsp>))"
    )


_DAMAGE = _damage(False)
# a text copy whose every line ends with a space (as pypdf's and pdfminer's do) says nothing by
# it; its blank lines part paragraphs, so the spaces before a blank line are taken out, and the
# lines end as PDFium's do (a space at a soft wrap, none at a paragraph's end)
_DAMAGE_TRAILING = _damage(True)

_REPLACE = {
    "crlf": "\n",
    "ff": "\n",
    "hyph": "-",
    "header": "",
    "glued": "",
    "pageno": "",
    "trail": "",
    "bullet": "\n• ",
    "nbsp": " ",
}


_WORD = re.compile(r"[a-z]+")
_LEFT = re.compile(r"[A-Za-z]+$")
_RIGHT = re.compile(r"[A-Za-z]+")


def _joined_word(raw: str, start: int, end: int) -> str:
    """The word made by joining the letters either side of raw[start:end], lower-cased."""
    left = _LEFT.search(raw, max(0, start - 40), start)
    right = _RIGHT.match(raw, end)
    if not left or not right:
        return ""
    return (left.group() + right.group()).lower()


def _has_word(lower: str, word: str) -> bool:
    """Whether ``word`` occurs in ``lower`` as a whole word."""
    i = lower.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not "a" <= lower[i - 1] <= "z") and (j == len(lower) or not "a" <= lower[j] <= "z"):
            return True
        i = lower.find(word, i + 1)
    return False


def lexicon(text: str) -> frozenset[str]:
    """The lower-cased words of ``text``: what tells a hyphenated word from a compound."""
    return frozenset(_WORD.findall(text.lower()))


_LINE_END = re.compile(r"[^\s][ \t]*\r?\n")
_SPACED_END = re.compile(r"[^\s][ \t]+\r?\n")


def _spaces_end_lines(raw: str) -> bool:
    """Whether (nearly) every line of ``raw`` ends with a space: an extractor's habit, no mark of a soft wrap."""
    n = len(_LINE_END.findall(raw, 0, 200_000))
    return n >= 20 and len(_SPACED_END.findall(raw, 0, 200_000)) >= 0.95 * n


def normalise(raw: str, words: frozenset[str] | None = None, copy: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Mend what text extraction does to letters; return the text and its offset anchors.

    >>> normalise("co\\ufffe\\nproduced, ﬁrst\\r\\n◼  item")[0]
    'co-produced, first\\n• item'
    >>> normalise("chil\\ufffedren and children")[0]
    'children and children'
    """
    out: list[str] = []
    anchors: list[tuple[int, int]] = [(0, 0)]
    # PDFium marks both a hyphenated word ("chil-dren") and a compound broken at its hyphen
    # ("co-produced") with U+FFFE; the document's own words tell them apart
    # (a table cell passes the whole document's words: its own are too few); without them the
    # few joins are looked up in the text itself
    lower: str | None = None
    pos = 0  # raw position consumed
    n = 0  # normalised length so far
    damage = _DAMAGE_TRAILING if copy and _spaces_end_lines(raw) else _DAMAGE
    for m in damage.finditer("\n" + raw):
        start, end = m.start() - 1, m.end() - 1  # in raw: the scan has a newline in front
        if start > pos:
            piece = raw[pos:start]
            out.append(piece)
            n += len(piece)
        kind = m.lastgroup
        if kind == "lig":
            rep = _LIGATURES[raw[start]]
        elif kind == "soft":
            joined = _joined_word(raw, start, end)
            if words is not None:
                known = joined in words
            else:
                lower = raw.lower() if lower is None else lower
                known = bool(joined) and _has_word(lower, joined)
            rep = "" if known else "-"
        elif kind == "hyph":
            # start is the hyphen's offset (the match begins with it)
            lower = raw.lower() if lower is None else lower
            joined = _joined_word(raw, start, end)
            known = joined in words if words is not None else bool(joined) and _has_word(lower, joined)
            if known:
                left = _LEFT.search(raw, max(0, start - 40), start)
                right = _RIGHT.match(raw, end)
                known = not (left and right and _has_word(lower, f"{left.group()}-{right.group()}".lower()))
            rep = "" if known else "-"
        else:
            rep = _REPLACE[kind or ""]
            if start < 0:  # a line start at the very beginning: no newline of its own
                rep = rep.lstrip("\n")
            elif kind == "bullet":  # the line break, then the bullet: anchored apart
                out.append("\n")
                n += 1
                anchors.append((n, start + (2 if raw[start] == "\r" else 1)))
                rep = "• "
        out.append(rep)
        n += len(rep)
        pos = end
        anchors.append((n, pos))
    out.append(raw[pos:])
    return "".join(out), anchors


# --- readers ---------------------------------------------------------------------------------


def _utf16(data: bytes) -> str | None:
    """``data`` decoded as UTF-16 (or UTF-32) when it is that: by its byte-order mark, or, without
    one, by the zero bytes that every other byte of mostly-Latin text is (Windows' "Unicode").

    >>> _utf16("Dear Ms Lee".encode("utf-16")), _utf16("Dear Ms Lee".encode("utf-16-be"))
    ('Dear Ms Lee', 'Dear Ms Lee')
    >>> _utf16(b"Dear Ms Lee") is None
    True
    """
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            width = 4 if "32" in codec else 2
            try:
                return body[: len(body) - len(body) % width].decode(codec)
            except UnicodeDecodeError:
                return None
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) / 2
    if odd > 0.4 * half and even < odd / 8:
        codec = "utf-16-le"
    elif even > 0.4 * half and odd < even / 8:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_text(path: Path, data: bytes) -> str:
    """Text in UTF-8 (with or without a byte-order mark), UTF-16/32, else Windows-1252."""
    utf16 = _utf16(data) if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4096] else None
    if utf16 is not None:
        text = utf16.removeprefix("\ufeff")
    elif b"\x00" in data[:4096]:
        raise ReadError(str(path), "binary data, not text", "Pass the letter as .txt or .pdf")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > 8:
        raise ReadError(str(path), "binary data, not text", "Pass the letter as .txt or .pdf")
    return text


# The CPU seconds PDFium may spend opening a PDF's pages and their text (a real report's take
# 10-30 ms): past it the PDF is refused as damaged rather than read for many seconds.
PDFIUM_BUDGET = 1.0


def _read_pdf(path: Path, data: bytes) -> tuple[str, list[tuple[int, int]], Any, list[tuple[Any, Any]], list[str]]:
    import pypdfium2 as pdfium  # heavy import: only when a PDF is read

    if not data.startswith(b"%PDF"):
        kind = "a JPEG image" if data[:3] == b"\xff\xd8\xff" else "not a PDF"
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            kind = "a PNG image"
        raise ReadError(
            str(path), f"{kind} (no %PDF header)", "Pass the report's PDF as published, or its text as .txt"
        )
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise ReadError(
                str(path), "the PDF is encrypted (password required)", "Save an unencrypted copy and read that"
            ) from None
        raise ReadError(
            str(path),
            f"corrupt or truncated PDF ({reason.split(':')[-1].strip(' ).') or 'PDFium could not open it'})",
            "Download the report again",
        ) from None
    texts: list[str] = []
    pdfium_texts: list[str] = []
    bounds: list[tuple[int, int]] = []
    kept: list[tuple[Any, Any]] = []
    pos = 0
    started = time.process_time()
    try:
        for i in range(len(pdf)):
            if time.process_time() - started > PDFIUM_BUDGET:
                # a damaged stream (a font, a content stream) can make PDFium take a second a page,
                # in its own code, where no time limit reaches: stop at the next page instead
                raise pdfium.PdfiumError(
                    f"PDFium needed over {PDFIUM_BUDGET:g} s of CPU to open {i} of its {len(pdf)} pages, where a"
                    " report's pages open in milliseconds: damaged"
                )
            page = pdf[i]
            tp = page.get_textpage()
            # PDFium ends lines with CRLF; a PDF has no text of its own to keep, so its raw text
            # is PDFium's with LF line ends (saves an offset anchor per line in normalise)
            own = tp.get_text_range()
            t = own.replace("\r\n", "\n")
            kept.append((page, tp))
            pdfium_texts.append(own)
            if not t.endswith("\n"):
                t += "\n"
            texts.append(t)
            bounds.append((pos, pos + len(t)))
            pos += len(t)
    except pdfium.PdfiumError as exc:
        for page, textpage in kept:
            textpage.close()
            page.close()
        pdf.close()
        raise ReadError(str(path), f"corrupt or truncated PDF ({exc})", "Download the report again") from None
    return "".join(texts), bounds, pdf, kept, pdfium_texts


def read_document(path: str | Path) -> Document:
    """Read ``path`` (.txt or .pdf) into a normalised :class:`Document`.

    Raises :class:`ReadError` with a one-line reason for empty, binary, oversized, corrupt,
    encrypted or image-only inputs.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReadError(str(p), f"cannot open ({exc.strerror or exc})", "Check the path") from None
    if p.is_dir():
        raise ReadError(str(p), "is a folder, not a file", "Name the letters inside it, or use graphkit build")
    if size > MAX_BYTES:
        raise ReadError(
            str(p),
            f"too large for a letter ({size / 1e6:.1f} MB; real letters are under 2 MB)",
            "Check that this is an inspection letter or report",
        )
    data = p.read_bytes()
    if not data.strip():
        raise ReadError(
            str(p),
            "the file is empty" if not data else "the file holds only white space",
            "Pass a letter's text or its PDF",
        )
    suffix = p.suffix.lower()
    pdf = None
    kept: list[tuple[Any, Any]] = []
    page_texts: list[str] = []
    page_bounds: list[tuple[int, int]] = []
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF"):
        raw, page_bounds, pdf, kept, page_texts = _read_pdf(p, data)
        if not raw.strip():
            raise ReadError(str(p), "no text layer on any page (a scan?)", "Run OCR first, or pass a .txt")
    else:
        raw = _decode_text(p, data)
    text, anchors = normalise(raw, copy=pdf is None)
    if not text.strip():
        raise ReadError(str(p), "no readable text", "Pass a letter's text or its PDF")
    doc = Document(
        path=p,
        raw=raw,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        anchors=anchors,
        pdf=pdf,
        textpages=kept,
        page_texts=page_texts,
    )
    if page_bounds:
        starts = [_to_norm(anchors, s) for s, _ in page_bounds] + [len(text)]
        doc.pages = tuple(Page(i, starts[i], starts[i + 1]) for i in range(len(page_bounds)))
    return doc


def _to_norm(anchors: list[tuple[int, int]], raw_offset: int) -> int:
    """The normalised offset of raw offset ``raw_offset`` (first anchor at or before it)."""
    keys = [r for _, r in anchors]
    i = bisect.bisect_right(keys, raw_offset) - 1
    t, r = anchors[max(i, 0)]
    return max(t, t + (raw_offset - r)) if raw_offset >= r else t
