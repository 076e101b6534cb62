"""Read a 2023-framework "Area SEND inspection of X Local Area Partnership" report.

Everything is read from the document's normalised text by heading anchors and robust wording
cores, except the report's tables, which PDF text extraction flattens and interleaves:

* "Areas for priority action" (Responsible body | Areas for priority action),
* "Local area partnership details" (Local authority | Integrated care board),
* "Inspection team" (Ofsted | Care Quality Commission),

are read by position on the PDF page (ruling lines give rows and columns; the column headings
give the columns of the unruled team table), and each cell's text is then located in the
normalised text so that every fact keeps a :class:`~graphkit.model.Span`. A cell whose lines
are interleaved with the other column's gets the smallest span covering all of its words, so
its quote may contain some of the neighbouring cell's words; its value is the cell's own text.
For documents without a PDF (text copies) the tables are read from the flattened text: lines
holding two entries are split where a name follows the end of a role, a body cell broken by a
page is joined across the removed running header, and the partnership table's first person is
the council's. A bare name beside another entry on one line cannot be told from one long name
there ("Alun Pryce Rosalind Tremaine"); the PDF reads it.

``previous_inspection_start``/``_end``: a free-text value naming a full inspection and a later
revisit ("The previous full inspection was on 19 March 2018. There was a subsequent revisit on
24 March 2020.") gives the dates of the *full* inspection; a bare value gives the dates it
states (which for Bury, Hull, Medway are the revisit's).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphkit.extract.common import looks_like_date_range, parse_date, parse_date_range, text_fact, to_int
from graphkit.model import Extraction, Fact, Finding, Improvement, Person, PriorityAction, Span, collapse
from graphkit.read import Document, normalise

__all__ = ["extract_report"]

# --- headings ----------------------------------------------------------------------------------

_HEADINGS: dict[str, str] = {
    "outcome": r"Inspection outcome",
    "info": r"Information about the local area partnership",
    "like": r"What is it like to be a child or young person\b[^\n]*",
    "effective": r"What is the (?:local )?area partnership doing that is effective\??",
    "better": r"What does the (?:local )?area partnership need to do better\??",
    "priority": r"Areas for priority action",
    "improvement": r"Areas for improvement",
    "details": r"Local area partnership details",
    "about": r"Information about this inspection",
    "team": r"Inspection team",
}
# one pass over the text finds every heading line (searched from the newline before it)
_HEADING_LINE = re.compile(
    r"\n[ \t]*(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _HEADINGS.items()) + r")[ \t]*(?=\n|\Z)", re.I
)

_TITLE = re.compile(
    r"Area\s+SEND\s+inspection\s+of\s+(?:the\s+)?(?P<area>\S[\s\S]{0,80}?)\s+Local\s+Area\s+Partnership", re.I
)
_VISIT = re.compile(r"Inspection\s+dates?\s*:\s*(?P<v>[^\n]+(?:\n(?![^\n]*:)[^\n]+)?)", re.I)
_PREVIOUS = re.compile(
    r"Dates?\s+of\s+(?:the\s+)?previous\s+(?:area\s+SEND\s+)?inspections?\s*:\s*(?P<v>[\s\S]{1,400}?)"
    r"\s*(?=\n[ \t]*Inspection\s+outcome|\n[ \t]*Information\s+about|\Z)",
    re.I,
)
_OUTCOMES = (
    ("widespread_failings", re.compile(r"widespread\s+(?:and\s*/?\s*or\s+|and\s+|or\s+)?systemic\s+failings", re.I)),
    (
        "inconsistent",
        re.compile(r"lead\s+to\s+inconsistent\s+experiences|inconsistent\s+experiences\s+and\s+outcomes", re.I),
    ),
    ("positive", re.compile(r"typically\s+lead\s+to\s+positive|positive\s+experiences\s+and\s+outcomes", re.I)),
)
_NUM = r"(?P<n>\d{1,2}|[a-z]+(?:-[a-z]+)?)"
_NEXT = re.compile(
    r"next\s+full\s+(?:area\s+SEND\s+)?(?:re-?)?inspection[\s\S]{0,40}?\bwithin\s+(?:approximately\s+|about\s+|around\s+)?"
    + _NUM
    + r"\s+years?",
    re.I,
)
_MONITORING = re.compile(
    r"monitoring\s+inspection[\s\S]{0,50}?\bwithin\s+(?:approximately\s+|about\s+|around\s+)?" + _NUM + r"\s+months?",
    re.I,
)
_PLAN = re.compile(r"prepare\s+and\s+submit\s+a\s+priority\s+action\s+plan", re.I)

# --- bodies ------------------------------------------------------------------------------------

_RESPONSIBLE = re.compile(  # (?<!\s): a match starts where white space starts, not at each of its characters
    r"(?<!\s)\s+(?:are|is)\s+(?:jointly\s+|together\s+|collectively\s+)?responsible\s+for\s+(?:the\s+)?"
    r"(?:planning|commissioning|delivery|strategic)"
    r"|(?<!\s)\s+(?:share|shares|have|hold)\s+(?:joint\s+)?responsibility\b",
    re.I,
)
_MADE_UP = re.compile(r"(?:is\s+made\s+up\s+of|comprises|consists\s+of)\s+", re.I)
_SEP = re.compile(r"(?<!\s)(?:\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?|\s*;\s*)")
_ORG_END = re.compile(
    r"(?:Council|Integrated\s+Care\s+Board|ICB|Clinical\s+Commissioning\s+Group|CCG|Trust|Partnership|"
    r"Achieving\s+for\s+Children|local\s+authority|\([^()]*\))$"
)
_ICB = re.compile(r"Integrated\s+Care\s+Board|\bICB\b")
_CCG = re.compile(r"Clinical\s+Commissioning\s+Group|\bCCG\b")
_TRAILING_PAREN = re.compile(r"(?<!\s)\s*\([^()]*\)$")

# --- people ------------------------------------------------------------------------------------

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr)\.?"
_POSTNOMINAL = re.compile(r"(?<!\s)\s*\(?\b(?:CBE|OBE|MBE|KBE|DBE|QPM)\b\)?")
_NAME_WORD = r"[A-ZÀ-Ý][\w’'\-]*"
_ROLE_WORDS = re.compile(
    r"\b(?:Director|Chief|Executive|Officer|Lead|Manager|Services|Board|Council|ICB|Interim|"
    r"Deputy|Corporate|Strategic|President|Commissioner|Nurse|Nursing|Inspector|HMI|Ofsted|CQC|NHS|"
    r"Assistant|Senior|Acting|Partnerships|SEND|DCS|Care|Social|Borough|Metropolitan|County|City|District|"
    r"Authority|Trust|Integrated)\b"
)
_PERSON_START = re.compile(
    r"^(?:" + _HONORIFIC + r"\s+)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,3}"
    r"(?:\s+\(?(?:CBE|OBE|MBE|HMI)\)?)?\s*(?:,|$)"
)
_URLISH = re.compile(r"www\.|https?:|\.gov\.uk|\.nhs\.uk|\.org|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")

_PARA_END = re.compile(r"[.!?:;][’”\")]*$")


@dataclass
class _Sections:
    text: str
    bounds: dict[str, tuple[int, int, int]]  # name -> (heading start, body start, body end)

    def body(self, name: str) -> tuple[int, int] | None:
        b = self.bounds.get(name)
        return (b[1], b[2]) if b else None


def _sections(text: str) -> _Sections:
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _HEADING_LINE.finditer("\n" + text):
        name = m.lastgroup or ""
        if name not in seen:  # the first line of each heading
            seen.add(name)
            found.append((m.start(name) - 1, m.end() - 1, name))
    bounds: dict[str, tuple[int, int, int]] = {}
    for i, (s, e, name) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        bounds[name] = (s, e, end)
    return _Sections(text, bounds)


# --- locating a value in the normalised text ---------------------------------------------------


def _phrase(tokens: list[str]) -> re.Pattern[str]:
    return re.compile(r"\s*".join(re.escape(t) for t in tokens))


_WS_SPLIT = re.compile(r"(\s+)")


class _Locator:
    """Finds a value in the text whatever its white space: the text's words are joined without
    spaces once, and values are looked up in that with ``str.find``."""

    def __init__(self, text: str, base: int = 0) -> None:
        self.text = text
        # words and the white space between them alternate in the split; their offsets are the
        # running sums of the pieces' lengths (all in C: 3x faster than a match per word)
        parts = _WS_SPLIT.split(text[base:])
        offsets = list(itertools.accumulate(map(len, parts), initial=base))
        pairs = [(w, o) for w, o in zip(parts[0::2], offsets[0::2], strict=False) if w]
        words = [w for w, _ in pairs]
        self.starts = [o for _, o in pairs]
        self.cum = list(itertools.accumulate(map(len, words), initial=0))[:-1] if words else []
        self.squeezed = "".join(words)

    def _sq(self, offset: int) -> int:
        j = bisect.bisect_left(self.starts, offset)
        return self.cum[j] if j < len(self.cum) else len(self.squeezed)

    def _orig(self, p: int) -> int:
        j = bisect.bisect_right(self.cum, p) - 1
        return self.starts[j] + (p - self.cum[j])

    def locate(self, value: str, lo: int, hi: int) -> Span | None:
        """The smallest span of ``text[lo:hi]`` that starts with ``value``'s first words and ends
        with its last words (other words may be interleaved in between)."""
        toks = value.split()
        if not toks:
            return None
        slo, shi = self._sq(lo), self._sq(hi)
        whole = "".join(toks)
        p = self.squeezed.find(whole, slo, shi)
        if p >= 0:
            return Span.of(self.text, self._orig(p), self._orig(p + len(whole) - 1) + 1)
        start = -1
        for k in sorted({min(6, len(toks)), min(3, len(toks)), 1}, reverse=True):
            start = self.squeezed.find("".join(toks[:k]), slo, shi)
            if start >= 0:
                break
        if start < 0:
            return None
        need = start + int(len(whole) * 0.9)
        for k in sorted({min(6, len(toks)), min(3, len(toks)), 1}, reverse=True):
            tail = "".join(toks[-k:])
            q = self.squeezed.find(tail, start, shi)
            while q >= 0 and q + len(tail) < need:
                q = self.squeezed.find(tail, q + 1, shi)
            if q >= 0:
                return Span.of(self.text, self._orig(start), self._orig(q + len(tail) - 1) + 1)
        return None


_LOCATORS: dict[int, _Locator] = {}


def _locate(text: str, value: str, lo: int, hi: int) -> Span | None:
    loc = _LOCATORS.get(id(text))
    if loc is None or loc.text is not text or (loc.starts and lo < loc.starts[0] and loc.starts[0] > 0):
        _LOCATORS.clear()
        loc = _LOCATORS[id(text)] = _Locator(text)
    return loc.locate(value, lo, hi)


def _prepare_locator(text: str, base: int) -> None:
    """Index the words of ``text[base:]`` (where the tables are) for :func:`_locate`."""
    _LOCATORS.clear()
    _LOCATORS[id(text)] = _Locator(text, base)


def _fact_at(text: str, value: str, lo: int, hi: int, fallback: tuple[int, int] | None = None) -> Fact[str]:
    """A string fact whose value is ``value`` (collapsed), its span located in ``text[lo:hi]``."""
    value = collapse(value)
    sp = _locate(text, value, lo, hi)
    if sp is None and fallback is not None:
        sp = Span.of(text, *fallback)
    return Fact(value, sp)


# --- the PDF pages -----------------------------------------------------------------------------


class _Pages:
    """Text pages and ruling lines of a PDF, loaded on demand."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._tp: dict[int, tuple[Any, Any]] = {}
        self._footer: dict[int, float] = {}
        self._texts: dict[int, str | None] = {}
        self._rules: dict[int, tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]] = {}

    def norm(self, raw: str) -> str:
        """Normalised text of a box read from a page (PDFium gives soft hyphens there as U+0002)."""
        if "\x02" not in raw and "\ufffe" not in raw:
            return normalise(raw, frozenset())[0]
        return normalise(raw.replace("\x02", "\ufffe"), self.doc.words())[0]

    def get(self, i: int) -> tuple[Any, Any]:
        if i not in self._tp:
            if i < len(self.doc.textpages):
                self._tp[i] = self.doc.textpages[i]
            else:
                page = self.doc.pdf[i]
                self._tp[i] = (page, page.get_textpage())
        return self._tp[i]

    def count(self) -> int:
        return len(self.doc.pdf) if self.doc.pdf is not None else 0

    def rules(self, i: int) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
        """(horizontal rules as (y, x0, x1), vertical rules as (x, y0, y1)) of page ``i``."""
        if i not in self._rules:
            import ctypes

            import pypdfium2.raw as pdfium_c

            page, _ = self.get(i)
            hs: list[tuple[float, float, float]] = []
            vs: list[tuple[float, float, float]] = []
            box = [ctypes.c_float() for _ in range(4)]
            refs = [ctypes.byref(b) for b in box]
            raw = page.raw
            get_object, get_type, get_bounds = (
                pdfium_c.FPDFPage_GetObject,
                pdfium_c.FPDFPageObj_GetType,
                pdfium_c.FPDFPageObj_GetBounds,
            )
            path = pdfium_c.FPDF_PAGEOBJ_PATH
            for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
                obj = get_object(raw, k)
                if get_type(obj) != path or not get_bounds(obj, *refs):
                    continue
                left, bottom, right, top = box[0].value, box[1].value, box[2].value, box[3].value
                if top - bottom < 2.5 and right - left > 4:
                    hs.append(((top + bottom) / 2, left, right))
                elif right - left < 2.5 and top - bottom > 4:
                    vs.append(((left + right) / 2, bottom, top))
            self._rules[i] = (hs, vs)
        return self._rules[i]

    def _own_text(self, i: int) -> str | None:
        """PDFium's text of page ``i``, when its offsets are the text page's char indexes."""
        if i not in self._texts:
            own = self.doc.page_texts[i] if i < len(self.doc.page_texts) else None
            if own is not None and not own.isascii() and max(own) > "\uffff":
                own = None  # a character beyond 16 bits may count twice in PDFium's indexes
            self._texts[i] = own
        return self._texts[i]

    def hits(self, i: int, needle: str, match_case: bool = False) -> Iterator[tuple[int, int]]:
        """(first char index, char count) of each occurrence of ``needle`` on page ``i``, in order,
        its spaces matching any white space (a line break too), as PDFium's own search does.

        Looked up in the page's text with a regex (a PDFium search object per lookup costs
        ~20 us in wrapping alone); PDFium's own search where the text cannot be used."""
        own = self._own_text(i)
        if own is not None:
            rx = re.compile(r"\s+".join(map(re.escape, needle.split())), 0 if match_case else re.I)
            for m in rx.finditer(own):
                yield m.start(), m.end() - m.start()
            return
        _, tp = self.get(i)
        searcher = tp.search(needle, match_case=match_case)
        while (hit := searcher.get_next()) is not None:
            yield hit

    def find(self, i: int, needle: str, match_case: bool = False) -> tuple[float, float, float, float] | None:
        """The box (left, bottom, right, top) of the first occurrence of ``needle`` on page ``i``."""
        _, tp = self.get(i)
        hit = next(self.hits(i, needle, match_case), None)
        if hit is None:
            return None
        idx, n = hit
        boxes = [tp.get_charbox(j) for j in (idx, idx + n - 1)]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def footer(self, i: int) -> float:
        """The top of page ``i``'s running footer ("Area SEND inspection report: …"), or a margin."""
        if i not in self._footer:
            _, tp = self.get(i)
            top = 60.0
            for hit in self.hits(i, "nspection report", match_case=False):
                box = tp.get_charbox(hit[0])
                if box[3] < 130:
                    top = box[3] + 4  # capitals and the page number stand taller than "n"
                    break
            self._footer[i] = top
        return self._footer[i]

    def text_in(self, i: int, left: float, bottom: float, right: float, top: float) -> str:
        _, tp = self.get(i)
        return str(tp.get_text_bounded(left, bottom, right, top))

    def height(self, i: int) -> float:
        page, _ = self.get(i)
        return float(page.get_height())

    def width(self, i: int) -> float:
        page, _ = self.get(i)
        return float(page.get_width())


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _grid(pages: _Pages, i: int, y_top: float, y_bottom: float) -> tuple[float, float, float, list[float]] | None:
    """A two-column ruled table between ``y_top`` and ``y_bottom`` on page ``i``:
    (left, middle, right, row rule ys from top to bottom)."""
    hs, vs = pages.rules(i)
    vs = [v for v in vs if v[2] > y_bottom + 1 and v[1] < y_top - 1]
    xs = _cluster([v[0] for v in vs])
    if len(xs) < 3:
        return None
    left, right = xs[0], xs[-1]
    inner = xs[1:-1]

    # the column boundary: the inner rule drawn over the greatest height
    def reach(x: float) -> float:
        return sum(v[2] - v[1] for v in vs if abs(v[0] - x) <= 1.5)

    middle = max(inner, key=reach)
    ys = _cluster(
        [
            h[0]
            for h in hs
            if y_bottom - 1 <= h[0] <= y_top + 1 and h[1] < middle < h[2] + 2 and h[1] >= left - 3 and h[2] <= right + 3
        ]
        + [h[0] for h in hs if y_bottom - 1 <= h[0] <= y_top + 1 and h[1] <= middle + 2 and h[2] >= right - 3]
    )
    ys = sorted(ys, reverse=True)
    if len(ys) < 2:
        return None
    return left, middle, right, ys


def _cell(pages: _Pages, i: int, left: float, bottom: float, right: float, top: float) -> str:
    raw = pages.text_in(i, left + 0.5, bottom + 0.5, right - 0.5, top - 0.5)
    return pages.norm(raw).strip()


def _lines(pages: _Pages, i: int, top: float, bottom: float) -> list[list[float]]:
    """Text lines of page ``i`` between ``top`` and ``bottom``, as [left, bottom, right, top],
    top to bottom, from PDFium's text rectangles (running footers below the footer rule left out)."""
    _, tp = pages.get(i)
    bottom = max(bottom, pages.footer(i) + 0.5)
    n = tp.count_rects()
    rects = [tp.get_rect(k) for k in range(n)]
    rects = [r for r in rects if r[1] > bottom - 2 and r[3] < top + 2 and (r[1] + r[3]) / 2 > bottom]
    rects.sort(key=lambda r: -(r[3] - r[1]))  # tallest first, so small glyphs join their line
    lines: list[list[float]] = []
    for left, b, right, t in rects:
        for ln in lines:
            overlap = min(t, ln[3]) - max(b, ln[1])
            if overlap > 0.5 * min(t - b, ln[3] - ln[1]):
                ln[0], ln[2] = min(ln[0], left), max(ln[2], right)
                break
        else:
            lines.append([left, b, right, t])
    lines.sort(key=lambda ln: -ln[3])
    return lines


def _paragraph_starts(pages: _Pages, i: int, top: float, bottom: float) -> list[tuple[str, str, bool]]:
    """(first line, whole text, starts a new item) for each row or line of page ``i`` in the band.

    Where full-width ruling lines divide the band (a one-column table, as "Areas for
    improvement" is) each row is an item; otherwise a line after a gap clearly wider than the
    line spacing, at the left margin, starts a paragraph."""
    hs, _ = pages.rules(i)
    width = pages.width(i)
    footer = pages.footer(i) + 6
    ys = sorted(
        _cluster(
            [h[0] for h in hs if bottom - 1 <= h[0] <= top + 1 and h[0] > footer + 2 and h[2] - h[1] > 0.6 * width]
        ),
        reverse=True,
    )
    out: list[tuple[str, str, bool]] = []
    if len(ys) >= 2:
        left = min(h[1] for h in hs if abs(h[0] - ys[0]) < 2)
        right = max(h[2] for h in hs if abs(h[0] - ys[0]) < 2)
        for y0, y1 in zip(ys, ys[1:], strict=False):
            full = _cell(pages, i, left, y1, right, y0)
            if full:
                out.append((full.split("\n", 1)[0].strip(), full, True))
        return out
    lines = _lines(pages, i, top, bottom)
    if not lines:
        return []
    gaps = [lines[k - 1][1] - lines[k][3] for k in range(1, len(lines))]
    normal = sorted(gaps)[len(gaps) // 3] if gaps else 3.0
    margin = min(ln[0] for ln in lines)
    for k, ln in enumerate(lines):
        gap = gaps[k - 1] if k else 99.0
        txt = pages.norm(pages.text_in(i, ln[0] - 1, ln[1] + 0.5, ln[2] + 1, ln[3] - 0.5)).strip()
        out.append((txt, txt, gap > normal + 1.2 and ln[0] - margin < 6))
    return out


def _positional_paragraphs(
    doc: Document, pages: _Pages, heading: str, lo: int, hi: int, end_heading: str | None
) -> list[tuple[int, int]] | None:
    """Paragraph offsets in ``doc.text[lo:hi]``, their starts found by position on the pages."""
    text = doc.text
    idx = _page_range(doc, lo, hi)
    if not idx:
        return None
    starts: list[str] = []
    prev_tail = ""
    for n, i in enumerate(idx):
        top = pages.height(i)
        bottom = 0.0
        if n == 0:
            box = pages.find(i, heading)
            if box is None:
                return None
            top = box[1]
        if n == len(idx) - 1 and end_heading:
            box = pages.find(i, end_heading)
            if box and box[3] < top:
                bottom = box[3]
        for first, full, new in _paragraph_starts(pages, i, top, bottom):
            if not first or re.match(re.escape(heading), first, re.I):
                continue
            tail = prev_tail.rstrip()
            cont = bool(
                first[:1].islower()
                or first[:1] in "•◼▪-–"
                or tail.endswith((":", ",", ";"))
                or (tail and not _PARA_END.search(tail))
            )
            if (new and not cont) or not starts:
                starts.append(first)
            prev_tail = full
    # find each start in the text, in order
    offsets: list[int] = []
    cursor = lo
    for st in starts:
        toks = normalise(st)[0].split()[:8]
        while toks:
            m = _phrase(toks).search(text, cursor, hi)
            if m:
                offsets.append(m.start())
                cursor = m.end()
                break
            toks = toks[:-1] if len(toks) > 3 else []
    if not offsets:
        return None
    bounds = offsets + [hi]
    return [(bounds[k], bounds[k + 1]) for k in range(len(offsets))]


# --- the extractor -----------------------------------------------------------------------------


def extract_report(doc: Document) -> Extraction:
    """Read every fact of a 2023-framework area SEND inspection report.

    The document's PDF pages, when it has them, are used to read the tables by position.
    """
    text = doc.text
    sec = _sections(text)
    pages = _Pages(doc) if doc.pdf is not None else None
    fields: dict[str, Any] = {}
    tables = [sec.bounds[k][0] for k in ("priority", "improvement", "details", "about", "team") if k in sec.bounds]
    _prepare_locator(text, min(tables) if tables else 0)

    # title and area
    m = _TITLE.search(text, 0, min(len(text), 3000))
    if m:
        fields["title"] = text_fact(text, m.start(), m.end())
        fields["area"] = text_fact(text, m.start("area"), m.end("area"))

    head_end = sec.bounds["info"][0] if "info" in sec.bounds else min(len(text), 4000)

    # inspection dates
    m = _VISIT.search(text, 0, head_end)
    if m:
        rng = parse_date_range(m.group("v"))
        if rng:
            sp = Span.of(text, m.start("v"), m.end("v"))
            fields["visit_start"] = Fact(rng[0], sp)
            fields["visit_end"] = Fact(rng[1], sp)

    # previous inspection
    m = _PREVIOUS.search(text, 0, head_end)
    if m:
        prev = text_fact(text, m.start("v"), m.end("v"))
        fields["previous_inspection"] = prev
        start, end = _previous_dates(prev.value)
        fields["previous_inspection_start"] = start
        fields["previous_inspection_end"] = end

    # outcome, intervals, priority action plan
    ob = sec.body("outcome")
    o_lo, o_hi = (ob[0], ob[1]) if ob else (0, head_end)
    o_hi = min(o_hi, head_end) if ob else o_hi
    for value, rx in _OUTCOMES:
        m = rx.search(text, o_lo, o_hi)
        if m:
            fields["outcome"] = Fact(value, _sentence(text, m.start(), m.end(), o_lo, o_hi))
            break
    m = _NEXT.search(text, o_lo, o_hi)
    if m and to_int(m.group("n")) is not None:
        fields["next_full_inspection_within_years"] = Fact(to_int(m.group("n")), Span.of(text, m.start(), m.end()))
    m = _MONITORING.search(text, o_lo, o_hi)
    if m and to_int(m.group("n")) is not None:
        fields["monitoring_inspection_within_months"] = Fact(to_int(m.group("n")), Span.of(text, m.start(), m.end()))
    m = _PLAN.search(text, o_lo, o_hi)
    if m:
        fields["priority_action_plan_required"] = Fact(True, _sentence(text, m.start(), m.end(), o_lo, o_hi))
    elif "outcome" in fields and fields["outcome"].value != "widespread_failings":
        # a complete report with a positive or inconsistent outcome requires no plan: the
        # outcome statement is the evidence
        fields["priority_action_plan_required"] = Fact(False, fields["outcome"].span)

    # responsible bodies and former CCGs
    ib = sec.body("info")
    if ib:
        fields.update(_bodies(text, ib[0], ib[1]))

    # narrative findings
    fields["findings"] = tuple(_findings(doc, pages, sec))

    # priority actions
    pb = sec.body("priority")
    if pb:
        actions = _priority_actions_pdf(doc, pages, sec) if pages else None
        if actions is None:
            actions = _priority_actions_text(text, pb[0], pb[1], _page_breaks(doc))
        fields["priority_actions"] = tuple(actions)

    # improvements
    ib2 = sec.body("improvement")
    if ib2:
        paras = None
        if pages is not None:
            paras = _positional_paragraphs(doc, pages, "Areas for improvement", ib2[0], ib2[1], "partnership details")
        facts = [text_fact(text, s, e) for s, e in paras] if paras else _improvements(text, ib2[0], ib2[1])
        fields["improvements"] = tuple(Improvement(f, n) for n, f in enumerate(facts, start=1))

    # people
    people: list[Person] = []
    people += _team(doc, pages, sec)
    partnership = _partnership(doc, pages, sec, fields["area"].value if "area" in fields else "")
    people += partnership[0]
    fields["people"] = tuple(people)
    if "local_authority" not in fields and partnership[1] is not None:
        fields["local_authority"] = partnership[1]
    if not fields.get("icbs") and partnership[2]:
        fields["icbs"] = tuple(partnership[2])

    # parent carer forum
    pcf = _parent_carer_forum(text, sec)
    if pcf is not None:
        fields["parent_carer_forum"] = pcf

    return Extraction(kind="area_send_2023", **fields)


# --- header helpers ----------------------------------------------------------------------------


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> Span:
    """The sentence around ``text[start:end]`` within ``text[lo:hi]``."""
    s = start
    while s > lo and not (text[s - 1] in ".\n" and (s - 1 == lo or text[s - 1] == "." or text[s - 2] in ".?:")):
        s -= 1
    e = end
    while e < hi and text[e] != ".":
        e += 1
    return Span.of(text, s, min(hi, e + 1))


_FULL = re.compile(r"\bfull\b|\binitial\b", re.I)


def _previous_dates(value: str) -> tuple[date | None, date | None]:
    """Start and end dates of the previous inspection named in ``value`` (see module docstring)."""
    if re.search(r"\bnot\s+(?:been\s+)?previously\s+inspected|\bnone\b|\bno\s+previous", value, re.I):
        return None, None
    sentences = re.split(r"(?<=[.;])\s+", value)
    if len(sentences) > 1:
        full = [s for s in sentences if _FULL.search(s) and not re.search(r"re-?visit", s, re.I)]
        if full:
            sentences = full + [s for s in sentences if s not in full]
    for s in sentences:
        rng = parse_date_range(s)
        if rng:
            return rng
        if looks_like_date_range(s):  # impossible ("16 to 12 February 2024"): unread, not half-read
            return None, None
        d = parse_date(s)
        if d:
            return d, d
    return None, None


# --- responsible bodies ------------------------------------------------------------------------


def _split_bodies(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Offsets of the bodies named in ``text[lo:hi]`` ("A Council, the B ICB and C ICB")."""
    pieces: list[tuple[int, int, bool]] = []  # start, end, separator before it names "the"
    pos = lo
    the = False
    for m in _SEP.finditer(text, lo, hi):
        if m.start() > pos:
            pieces.append((pos, m.start(), the))
        the = "the" in m.group().split()
        pos = m.end()
    if hi > pos:
        pieces.append((pos, hi, the))
    bodies: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e, the in pieces:
        word = text[s:e]
        if cur is not None and (
            the
            or word.startswith("NHS ")
            or (
                re.search(r"\bBorough\s+of\s+[A-Z][\w\-’']*$", text[max(cur[0], cur[1] - 200) : cur[1]])
                and len(word.split()) >= 2
            )
        ):
            bodies.append(cur)
            cur = None
        cur = (cur[0], e) if cur else (s, e)
        # the ends only (200 characters): a body list without ends was rescanned for every piece
        if _ORG_END.search(text[max(cur[0], cur[1] - 200) : cur[1]]):
            bodies.append(cur)
            cur = None
    if cur is not None:
        bodies.append(cur)
    out = []
    for s, e in bodies:
        while text[s:e].lower().startswith(("the ", "both ")):
            s += text[s:e].index(" ") + 1
        out.append((s, e))
    return out


def _body_fact(text: str, s: int, e: int, strip_alias: bool = True) -> Fact[str]:
    name = text[s:e]
    if strip_alias:
        m = _TRAILING_PAREN.search(name)
        if m and re.search(r"\b(?:ICB|CCG|NHS)\b|^\([A-Z&\s]+\)$", m.group().strip()):
            e = s + m.start()
    m = re.search(r"\s+local\s+authority$", text[s:e], re.I)
    if m:
        e = s + m.start()
    return text_fact(text, s, e)


def _fuller_icb(text: str, f: Fact[str]) -> Fact[str]:
    """The fullest name the report gives for an ICB written as "X ICB"."""
    m = re.match(r"(?:NHS\s+)?(.+?)\s+ICB$", f.value)
    if not m:
        return f
    core = r"\s+".join(re.escape(w) for w in m.group(1).split())
    best = None
    for mm in re.finditer(r"(?:NHS\s+)?" + core + r"\s+Integrated\s+Care\s+Board", text):
        if best is None or (mm.end() - mm.start()) > (best.end() - best.start()):
            best = mm
    return text_fact(text, best.start(), best.end()) if best else f


def _bodies(text: str, lo: int, hi: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    m = _RESPONSIBLE.search(text, lo, hi)
    subject: tuple[int, int] | None = None
    if m:
        # the sentence's subject, or the "made up of" list before "They are responsible"
        s = m.start()
        b = max(text.rfind(". ", lo, s), text.rfind(".\n", lo, s))
        sent_start = b + 2 if b >= 0 else lo
        if re.match(r"\s*(?:They|These|Together\s+they)\b", text[sent_start:s]):
            pb = max(text.rfind(". ", lo, b), text.rfind(".\n", lo, b))
            prev_start = pb + 2 if pb >= 0 else lo
            mu = _MADE_UP.search(text, prev_start, b)
            if mu:
                subject = (mu.end(), b)
        else:
            mu = _MADE_UP.search(text, sent_start, s)
            subject = (mu.end() if mu else sent_start, s)
    if subject is None:
        mu = _MADE_UP.search(text, lo, hi)
        if mu:
            e = text.find(".", mu.end(), hi)
            subject = (mu.end(), e if e > 0 else hi)
    icbs: list[Fact[str]] = []
    others: list[Fact[str]] = []
    if subject:
        for s, e in _split_bodies(text, *subject):
            f = _body_fact(text, s, e)
            if not f.value:
                continue
            if _ICB.search(f.value):
                icbs.append(_fuller_icb(text, f))
            elif "local_authority" not in out and not _CCG.search(f.value):
                out["local_authority"] = f
            else:
                others.append(f)
    if not icbs:
        # "On 1 July 2022, X ICB became responsible for the commissioning of health services in Y"
        for mm in re.finditer(
            # a body's name is short: bounded, so that a long run of words is not rescanned from each capital
            r"(?:(?<=\s)|^)(?P<icb>(?:NHS\s+)?[A-Z][\w’'&,\- ]{0,150}?\s(?:Integrated\s+Care\s+Board|ICB))(?:\s*\([^()]*\))?"
            r"\s+(?:became|becomes|is|was|took\s+over|has\s+been)\s+(?:\w+\s+)?responsib",
            text[lo:hi],
        ):
            s = lo + mm.start("icb")
            e = lo + mm.end("icb")
            icbs.append(_fuller_icb(text, _body_fact(text, s, e)))
            break
    if icbs:
        seen: set[str] = set()
        uniq = []
        for f in icbs:
            if f.value not in seen:
                seen.add(f.value)
                uniq.append(f)
        out["icbs"] = tuple(uniq)
    if others:
        # one body named twice is one partner; a list of more than 30 is damage (a real
        # partnership has a handful), so only its first 30 are kept
        first: dict[str, Fact[str]] = {}
        for f in others:
            first.setdefault(f.value, f)
        out["other_partners"] = tuple(first.values())[:30]
    ccgs = _former_ccgs(text, lo, hi)
    if ccgs:
        out["ccgs"] = tuple(ccgs)
    return out


def _former_ccgs(text: str, lo: int, hi: int) -> list[Fact[str]]:
    """CCGs named as the bodies health commissioning passed *from* in the 2022 hand-over."""
    out: list[Fact[str]] = []
    for m in re.finditer(r"\bfrom\s+(?:the\s+)?", text[lo:hi]):
        s = lo + m.end()
        stop = re.compile(
            r"\s+to\s+(?:the\s+)?(?=[A-Z0-9])|[.;]\s|[.;]$|\s+on\s+\d|,\s+(?:with|and\s+this|which|who)\b"
        )
        ms = stop.search(text, s, hi)
        e = ms.start() if ms else hi
        if not _CCG.search(text[s:e]):
            continue
        for bs, be in _split_bodies(text, s, e):
            f = _body_fact(text, bs, be)
            v = f.value
            # a named CCG: capitalised, not a count ("5 clinical commissioning groups")
            if _CCG.search(v) and re.match(r"(?:NHS\s+)?[A-Z][a-z]", v) and not re.search(r"\bCCGs\b|Groups\b", v):
                if v.split()[0] in ("Clinical", "CCG"):
                    continue
                out.append(f)
    return out


# --- narrative sections ------------------------------------------------------------------------


def _paragraphs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Paragraphs of ``text[lo:hi]``: a line ending a sentence with no trailing space, followed by
    a line that begins a sentence, ends a paragraph (PDFium keeps the space at soft wraps)."""
    lines: list[tuple[int, int]] = []
    pos = lo
    while pos < hi:
        e = text.find("\n", pos, hi)
        if e < 0:
            e = hi
        if text[pos:e].strip():
            lines.append((pos, e))
        pos = e + 1
    paras: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for k, (s, e) in enumerate(lines):
        cur = (cur[0], e) if cur else (s, e)
        line = text[s:e]
        nxt = text[lines[k + 1][0] : lines[k + 1][1]].lstrip() if k + 1 < len(lines) else ""
        ends = bool(_PARA_END.search(line.rstrip())) and not line.endswith(" ")
        if not nxt or (
            ends and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "‘“'\"") and not line.rstrip().endswith(":")
        ):
            paras.append(cur)
            cur = None
    if cur:
        paras.append(cur)
    return paras


def _bullets(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Bullet items ("• …") of ``text[lo:hi]``; text before the first bullet is ignored."""
    starts = [m.start() for m in re.finditer(r"(?m)^[ \t]*• ", text[lo:hi])]
    out = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else hi - lo
        out.append((lo + s + text[lo + s :].index("•") + 1, lo + e))
    return out


def _findings(doc: Document, pages: _Pages | None, sec: _Sections) -> list[Finding]:
    text = doc.text
    out: list[Finding] = []
    like = sec.body("like")
    if like:
        # paragraphs by text (reading them by position would cost more than all the rest)
        paras = None
        for n, (s, e) in enumerate(paras or _paragraphs(text, *like), start=1):
            out.append(Finding("what is it like", "neutral", text_fact(text, s, e), n))
    for name, polarity in (("effective", "strength"), ("better", "weakness")):
        b = sec.body(name)
        if not b:
            continue
        items = _bullets(text, *b) or _paragraphs(text, *b)
        section = "effective" if name == "effective" else "do better"
        for n, (s, e) in enumerate(items, start=1):
            out.append(Finding(section, polarity, text_fact(text, s, e), n))  # type: ignore[arg-type]
    return out


def _improvements(text: str, lo: int, hi: int) -> list[Fact[str]]:
    # the table repeats its heading ("Areas for improvement" above a header row of the same name)
    m = re.match(r"\s*Areas\s+for\s+improvement[ \t]*\n", text[lo:hi], re.I)
    if m:
        lo += m.end()
    out: list[tuple[int, int]] = []
    for s, e in _paragraphs(text, lo, hi):
        # a table row's last line may keep a trailing space, which _paragraphs reads as a soft
        # wrap: a line ending a sentence, then one opening a recommendation ("Health leaders
        # should …", not "They should …"), starts a new area for improvement
        cut = s
        for m2 in re.finditer(r"[.!?][’”)]*[ \t]+\n(?=[ \t]*" + _RECOMMENDATION + r")", text[s:e]):
            out.append((cut, s + m2.start() + 1))
            cut = s + m2.end()
        out.append((cut, e))
    return [text_fact(text, s, e) for s, e in out if text[s:e].strip()]


_RECOMMENDATION = (
    r"(?!(?:They|This|These|It|Their|There|We|He|She)\b)[A-Z][\w’'&\-]*(?:[ \t]+[^\s]+){0,6}?"
    r"[ \t]+(?:should|must|needs?[ \t]+to)\b"
)


# --- priority actions --------------------------------------------------------------------------


def _page_range(doc: Document, lo: int, hi: int) -> list[int]:
    a, b = doc.page_of(lo), doc.page_of(max(lo, hi - 1))
    if a is None or b is None:
        return []
    return list(range(a, b + 1))


def _continues(prev_body: str, prev_action: str, body: str, action: str) -> bool:
    """Whether a table row at the top of a page continues the last row of the page before."""
    if not body or not action:
        return True
    if not _PARA_END.search(prev_action.rstrip()) or prev_action.rstrip().endswith(":"):
        return True
    if action[:1].islower() or body[:1].islower():
        return True
    if re.search(r"(?:\band|,|&|\bof|\bthe|\bNHS|Integrated|Care)$", prev_body.rstrip()):
        return True
    return False


def _priority_actions_pdf(doc: Document, pages: _Pages | None, sec: _Sections) -> list[PriorityAction] | None:
    if pages is None:
        return None
    text = doc.text
    h = sec.bounds["priority"]
    lo, hi = h[0], h[2]
    rows: list[list[str]] = []  # [body, action]
    idx = _page_range(doc, lo, hi)
    if not idx:
        return None
    for n, i in enumerate(idx):
        top = pages.height(i)
        bottom = 0.0
        if n == 0:
            box = pages.find(i, "Areas for priority action")
            if box:
                top = box[1]
        if n == len(idx) - 1 and "improvement" in sec.bounds:
            box = pages.find(i, "Areas for improvement")
            if box and box[3] < top:
                bottom = box[3]
        grid = _grid(pages, i, top, bottom)
        if grid is None:
            if n == 0 or n == len(idx) - 1:
                continue
            return None
        left, middle, right, ys = grid
        first = True
        for y0, y1 in zip(ys, ys[1:], strict=False):
            body = _cell(pages, i, left, y1, middle, y0)
            action = _cell(pages, i, middle, y1, right, y0)
            if not body and not action:
                continue
            if re.match(r"Responsible\s+bod(?:y|ies)\b", body, re.I):
                continue  # the header row (repeated on each page)
            if first and rows and n > 0 and _continues(rows[-1][0], rows[-1][1], body, action):
                rows[-1][0] = (rows[-1][0] + "\n" + body).strip()
                rows[-1][1] = (rows[-1][1] + "\n" + action).strip()
            else:
                rows.append([body, action])
            first = False
    if not rows:
        return None
    out = []
    cursor = lo
    for k, (body, action) in enumerate(rows, start=1):
        af = _fact_at(text, action, cursor, hi, fallback=(lo, hi))
        bf = _fact_at(text, body, max(lo, cursor), hi) if body else None
        if bf is not None and bf.span is None:
            bf = None
        out.append(PriorityAction(af, k, bf))
        if af.span is not None:
            cursor = max(cursor, min(af.span.start + 1, hi))
    return out


# A line of body names: capitalised words, "and", "of", "the", "&" and bracketed capitals. Each
# capitalised word is taken whole (the look-ahead) and no alternative can match inside another,
# so a line is split one way only: the match is linear in the line's length. (Listing "NHS",
# "ICB" … beside the general capitalised word let a line in capitals split 2^n ways.)
_BODY_LINE = re.compile(r"^(?:(?:[A-Z][\w’'\-,]*(?![\w’'\-,])|and|of|the|&|\([A-Z&\s]+\))\s*)+$")


def _priority_actions_text(text: str, lo: int, hi: int, breaks: tuple[int, ...] = ()) -> list[PriorityAction]:
    """Flattened table: runs of body-name lines, each followed by its action's lines. A row broken
    by a page may resume with the rest of its body cell before the rest of its action; a body
    cell of one line may share its line with the action's first line."""
    lines = []
    pos = lo
    while pos < hi:
        e = text.find("\n", pos, hi)
        e = hi if e < 0 else e
        if text[pos:e].strip():
            lines.append((pos, e))
        pos = e + 1
    out: list[PriorityAction] = []
    body: list[tuple[int, int]] = []
    action: list[tuple[int, int]] = []
    prev_body: list[tuple[int, int]] = []
    prev_len = 0

    def joined(parts: list[tuple[int, int]]) -> str:
        return collapse(" ".join(text[a:b] for a, b in parts))

    def flush() -> None:
        if action:
            af = Fact(joined(action), Span.of(text, action[0][0], action[-1][1]))
            bf = None
            if body:
                bf = _body_fact(text, body[0][0], body[-1][1], strip_alias=False)
                if len(body) > 1 and body[-1][0] > action[0][0]:  # interleaved with the action
                    bf = Fact(joined(body), Span.of(text, body[0][0], body[-1][1]))
            out.append(PriorityAction(af, len(out) + 1, bf))

    for s, e in lines:
        line = text[s:e].strip()
        if re.match(r"Responsible\s+bod", line, re.I):
            continue
        s += len(text[s:e]) - len(text[s:e].lstrip())
        # only the ends matter: the last line of the action, the last few of the body cell (each
        # line under 60 characters); joining the whole of each for every line was quadratic
        action_done = not action or bool(_PARA_END.search(joined(action[-1:])))
        body_done = bool(body) and bool(_ORG_END.search(joined(body[-8:])))
        if action_done:
            # "NHS X ICB Leaders should …": a one-line body cell beside the action's first line
            m = re.match(r"(.*?\b(?:Council|ICB|Board|Trust|\([^()]*\)))\s+(?=[A-Z][a-z])", line)
            if m and _is_body_line(m.group(1)) and not _is_body_line(line):
                if action:
                    flush()
                    body, action = [], []
                body = [*body, (s, s + m.end(1))]
                action = [(s + m.end(), e)]
                continue
        if _is_body_line(line) and (action_done or not body_done):
            if action and action_done:
                flush()
                prev_body, prev_len, body, action = body, len(body), [], []
            if not body and prev_body and out and out[-1].text.span:
                # the last words of a row's body cell, carried over the page after its action
                # ended ("… Integrated Care" / page break / "Board"): amend that row's body
                pj = joined(prev_body)
                after_break = any(out[-1].text.span.end <= b <= s for b in breaks)
                if (after_break or len(prev_body) > prev_len) and not _ORG_END.search(pj.rstrip()):
                    prev_body.append((s, e))
                    last = out[-1]
                    bf = Fact(joined(prev_body), Span.of(text, prev_body[0][0], e))
                    out[-1] = PriorityAction(last.text, last.ordinal, bf)
                    continue
            prev_body = []
            body.append((s, e))
        else:
            action.append((s, e))
    flush()
    return out


def _page_breaks(doc: Document) -> tuple[int, ...]:
    """Offsets in ``doc.text`` where a running page header (or page number) was taken out."""
    out = []
    for (t0, r0), (t1, r1) in itertools.pairwise(doc.anchors):
        if (r1 - r0) - (t1 - t0) > 20:
            out.append(t1)
    return tuple(out)


def _is_body_line(line: str) -> bool:
    line = line.strip()
    return (
        len(line) < 60
        and bool(_BODY_LINE.match(line))
        and not line.endswith(".")
        and not re.match(r"Leaders\b|[A-Z]\w*\s+leaders\b", line)
    )


# --- people ------------------------------------------------------------------------------------


def _split_person(entry: str, split_roles: bool = True) -> tuple[str | None, str, tuple[str, ...], list[str]]:
    """(honorific, name, post-nominals, roles) of a table entry like "Dr Ed Garratt, Chief Executive".

    A team entry's commas part its roles ("HMI, Lead inspector"); a partnership leader's role is
    one title that may hold commas ("Executive Director for Children, Families and Education").
    """
    first, _, rest = entry.partition(",")
    if "\n" in first and not _is_person_start(collapse(first)):
        # "Name\nrole lines" (no comma on the name line), not a name wrapped before its comma
        first, _, rest2 = entry.partition("\n")
        rest = rest2
        roles = [collapse(rest)] if rest.strip() else []
    else:
        parts = rest.split(",") if split_roles else [rest]
        roles = [collapse(r) for r in parts] if rest.strip() else []
    first = collapse(first)
    hon = None
    m = re.match(_HONORIFIC + r"\s+", first)
    if m:
        hon = first[: m.end()].strip()
        first = first[m.end() :]
    posts = tuple(p.strip(" ()") for p in _POSTNOMINAL.findall(first))
    first = collapse(_POSTNOMINAL.sub("", first))
    if first.endswith(" HMI"):
        first = first[:-4]
        roles.insert(0, "HMI")
    return hon, first, posts, [r for r in roles if r]


def _is_person_start(line: str) -> bool:
    line = line.strip()
    if not _PERSON_START.match(line):
        return False
    name = line.split(",")[0]
    name = re.sub(r"^" + _HONORIFIC + r"\s+", "", name)
    name = re.sub(r"\s+\(?(?:CBE|OBE|MBE|HMI)\)?$", "", name)
    return not _ROLE_WORDS.search(name)


def _entries(cell: str) -> list[str]:
    """A cell's lines grouped into one entry per person."""
    out: list[str] = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        joined = bool(out) and bool(re.search(r"(?:\band|\bof|\bfor|\bthe|,|&|-)$", out[-1][-60:].rstrip()))
        if not out or (_is_person_start(line) and not joined):
            out.append(line.strip())
        else:
            out[-1] += "\n" + line.strip()
    return out


def _person(
    text: str, entry: str, lo: int, hi: int, organisation: Fact[str] | None, context: str
) -> tuple[Person | None, int]:
    hon, name, posts, roles = _split_person(entry, split_roles=context != "partnership")
    if not name:
        return None, lo
    nf = _fact_at(text, name, lo, hi)
    if nf.span is None:
        return None, lo
    cursor = nf.span.end
    role_facts = []
    for r in roles:
        rf = _fact_at(text, r, cursor, hi)
        if rf.span is not None:
            role_facts.append(rf)
        else:
            role_facts.append(Fact(r, nf.span))
    p = Person(
        name=nf,
        roles=tuple(role_facts),
        organisation=organisation,
        honorific=hon,
        post_nominals=posts,
        context=context,  # type: ignore[arg-type]
    )
    return p, nf.span.start


def _team(doc: Document, pages: _Pages | None, sec: _Sections) -> list[Person]:
    text = doc.text
    b = sec.bounds.get("team")
    if not b:
        return []
    lo = b[1]
    end_m = re.search(
        r"^(?:If you are not happy|The Office for Standards|If you would like|You may reuse)", text[lo:], re.M
    )
    hi = lo + end_m.start() if end_m else min(len(text), lo + 3000)
    columns: list[tuple[str, str]] = []  # (organisation, cell text)
    if pages is not None:
        columns = _team_columns(doc, pages, b[0])
    if not columns:
        columns = _team_columns_text(text, lo, hi)
    out: list[Person] = []
    for org, cell in columns:
        for entry in _entries(cell):
            if re.fullmatch(r"(?:Ofsted|CQC|Care Quality Commission)", entry.strip()):
                continue
            of = None
            org_m = re.search(r"\b" + re.escape(org) + r"\b", text[lo:hi]) if org else None
            if org_m:
                # the organisation as the column heading names it, e.g. "Ofsted"
                hdr = re.search(r"^\s*Ofsted\b[^\n]*", text[lo:hi], re.M)
                if org == "CQC":
                    hdr = re.search(r"Care Quality Commission|\bCQC\b", text[lo:hi])
                if hdr:
                    of = Fact(org, Span.of(text, lo + hdr.start(), lo + hdr.end()))
            p, _ = _person(text, entry, lo, hi, of, "team")
            if p:
                out.append(p)
    return out


def _team_columns(doc: Document, pages: _Pages, heading: int) -> list[tuple[str, str]]:
    i = doc.page_of(heading)
    if i is None:
        return []
    box = pages.find(i, "Inspection team", match_case=True)
    if box is None:
        return []
    top = box[1]
    # the column headings row: find the CQC heading below the section heading
    _, tp = pages.get(i)
    hdr = None
    for hit in pages.hits(i, "Care Quality Commission"):
        cb = tp.get_charbox(hit[0])
        if cb[3] < top:
            hdr = cb
            break
    if hdr is None:
        searcher = tp.search("CQC", match_whole_word=True)
        while True:
            hit = searcher.get_next()
            if hit is None:
                break
            cb = tp.get_charbox(hit[0])
            if cb[3] < top and top - cb[3] < 60:
                hdr = cb
                break
    if hdr is None:
        return []
    split = hdr[0] - 2
    header_bottom = hdr[1] - 1
    bottom = 0.0
    for needle in ("If you are not happy", "The Office for Standards", "If you would like"):
        b2 = pages.find(i, needle)
        if b2 and b2[3] < header_bottom and b2[3] > bottom:
            bottom = b2[3] + 1
    bottom = max(bottom, pages.footer(i) + 0.5)
    # text may run a little past the heading's left edge: move the split into the gap
    _, tp = pages.get(i)
    rects = [tp.get_rect(k) for k in range(tp.count_rects())]
    rects = [rc for rc in rects if bottom < (rc[1] + rc[3]) / 2 < header_bottom]
    for _ in range(3):
        crossing = [rc[2] for rc in rects if rc[0] < split - 1 and rc[2] > split + 1 and rc[2] < split + 45]
        if not crossing:
            break
        split = max(crossing) + 0.5
    width = pages.width(i)
    left = pages.norm(pages.text_in(i, 0, bottom, split, header_bottom))
    right = pages.norm(pages.text_in(i, split, bottom, width, header_bottom))
    return [("Ofsted", left), ("CQC", right)]


_JOINER_END = re.compile(r"(?:\band|\bof|\bfor|\bthe|,|&|-)$")
_ROLE_DONE = re.compile(r"(?:inspector|Inspector|HMI|\)|[Cc]are)\s*$")


def _entry_starts(line: str) -> list[int]:
    """Where entries ("Name, role" or a bare name) start in a line of a flattened table: at the
    line's start, and wherever a person's name follows the end of a role (the other column)."""
    out: list[int] = []
    if _is_person_start(line):
        out.append(0)
    # Linear in the line's length (a damaged page can put a whole table on one line): each test
    # looks at a bounded stretch, and the next comma is found by a cursor moving forwards.
    first = len(line) - len(line.lstrip())
    comma = -1  # the first comma at or after k (len(line) when none)
    entry_comma = line.find(",") if out else -1  # the first comma at or after the last entry's start
    entry_comma = len(line) if out and entry_comma < 0 else entry_comma
    for m in re.finditer(r"(?<=\s)(?=[A-ZÀ-Ý])", line):
        k = m.start()
        if out and k <= out[-1] + 2:
            continue
        if k <= first or _JOINER_END.search(line[max(0, k - 40) : k].rstrip()):
            continue
        if comma < k:
            comma = line.find(",", k)
            comma = len(line) if comma < 0 else comma
        if out and entry_comma >= k:
            continue  # still inside the previous entry's name
        stop = min(len(line), comma + 1)
        if stop - k > 300:  # no name of at most four words and a post-nominal is this long
            continue
        if _is_person_start(line[k:stop]):
            out.append(k)
            entry_comma = comma  # the first comma of this entry
    return out


def _team_columns_text(text: str, lo: int, hi: int) -> list[tuple[str, str]]:
    """Flattened team table: a line holding two entries has an Ofsted one then a CQC one; a line
    with one entry goes by the organisation it names; a wrapped line continues the entry of the
    line above whose role is unfinished."""
    cols: dict[str, list[str]] = {"Ofsted": [], "CQC": []}
    above: list[tuple[str, int]] = []  # (column, index) of the entries of the line above
    for line in text[lo:hi].splitlines():
        line = line.strip()
        if not line or re.fullmatch(r"Ofsted\s+(?:Care Quality Commission|CQC)", line):
            continue
        starts = _entry_starts(line)
        if not starts or starts[0] > 0:
            head = line[: starts[0]].strip() if starts else line
            if above:
                pick = above[-1]
                if len(above) == 2:
                    done = [bool(_ROLE_DONE.search(cols[c][i])) for c, i in above]
                    pick = above[0] if done == [False, True] or done == [False, False] else above[1]
                    if done == [True, False]:
                        pick = above[1]
                c, i = pick
                cols[c][i] += "\n" + head
            if not starts:
                continue
        parts = [line[s : starts[k + 1] if k + 1 < len(starts) else len(line)].strip() for k, s in enumerate(starts)]
        above = []
        for k, part in enumerate(parts):
            if len(parts) >= 2:
                col = "Ofsted" if k == 0 else "CQC"
            else:
                col = "CQC" if re.search(r"\bCQC\b|Care Quality", part) else "Ofsted"
            cols[col].append(part)
            above.append((col, len(cols[col]) - 1))
    return [("Ofsted", "\n".join(cols["Ofsted"])), ("CQC", "\n".join(cols["CQC"]))]


def _partnership_rows(doc: Document, pages: _Pages, start: int, end: int) -> list[tuple[str, str]] | None:
    """The (left, right) cells of the ruled partnership details table, which may run on to the
    next page (a row broken by the page continues when one of its cells reads on)."""
    first = doc.page_of(start)
    if first is None:
        return None
    last = doc.page_of(max(start, end - 1))
    rows: list[tuple[str, str]] = []
    for i in range(first, (last if last is not None else first) + 1):
        top = pages.height(i)
        if i == first:
            box = pages.find(i, "partnership details")
            if box is None:
                return None
            top = box[1]
        bottom = pages.footer(i) + 0.5
        nb = pages.find(i, "Information about this inspection")
        if nb and nb[3] < top:
            bottom = max(bottom, nb[3])
        grid = _grid(pages, i, top, bottom)
        if grid is None:
            if rows:
                break
            continue  # the heading ends a page; the table starts on the next
        left, middle, right, ys = grid
        page_rows = [
            (_cell(pages, i, left, y1, middle, y0), _cell(pages, i, middle, y1, right, y0))
            for y0, y1 in zip(ys, ys[1:], strict=False)
        ]
        page_rows = [r for r in page_rows if r[0] or r[1]]
        if page_rows and rows and i > first and _row_reads_on(rows[-1], page_rows[0]):
            prev, cont = rows.pop(), page_rows[0]
            page_rows[0] = ((prev[0] + "\n" + cont[0]).strip(), (prev[1] + "\n" + cont[1]).strip())
        rows += page_rows
    return rows


_BODY_END = re.compile(r"(?:Council|ICB|Integrated\s+Care\s+Board|Trust|\))$")
_LABEL = re.compile(r"Name\s+of\s+[\w ()]+:\s*")


def _split_names(line: str, area: str) -> list[str]:
    """A line of the names row split where one body's name ends and the next begins ("Bexley
    Council NHS South East London ICB", "London Borough of Haringey North Central London ICB")."""
    cuts = {m.end() for m in re.finditer(r"\b(?:Council|Authority|ICB)(?=\s+[A-Z])", line)}
    cuts |= {m.start() for m in re.finditer(r"(?<=\S)\s+(?=NHS\s+(?!Integrated|ICB))", line)}
    if area:
        m = re.search(
            r"\b"
            + re.escape(area)
            + r"(?=\s+[A-Z])(?!\s+(?:Council|City|County|Borough|Metropolitan|Local|District)\b)",
            line,
        )
        if m and re.search(r"ICB|Integrated|Care|NHS", line[m.end() :]):
            cuts.add(m.end())
    out, pos = [], 0
    for c in sorted(cuts):
        if line[pos:c].strip():
            out.append(line[pos:c].strip())
            pos = c
    out.append(line[pos:].strip())
    return [x for x in out if x]


def _partnership_rows_text(text: str, lo: int, hi: int, area: str = "") -> list[tuple[str, str]]:
    """The partnership details table from flattened text, as (names row, people row): the bodies
    named before the first person (the first the council, the rest the column beside it), then
    the people (the first in the council's column, the rest beside it), up to the web addresses."""
    bodies: list[str] = []
    entries: list[str] = []
    cur = ""
    for raw in text[lo:hi].splitlines():
        line = raw.strip()
        if not line:
            continue
        if (
            not bodies
            and not cur
            and re.match(
                r"(?:Local\s+authority|Name\s+of\s+authority)\b.*\b(?:Integrated|ICB|care\s+board)", line, re.I
            )
            and not _LABEL.match(line)
        ):
            continue  # the header row
        if _URLISH.search(line):
            break
        # labels ("Name of lead person:") and a council's name run into its neighbour's split a line
        pieces = [p for p in re.split(r"\s*" + _LABEL.pattern, line) if p.strip()]
        for piece in pieces:
            if entries or _entry_starts(piece)[:1] == [0] and not _BODY_END.search(piece.rstrip()):
                if cur:
                    bodies.append(cur)
                    cur = ""
                starts = _entry_starts(piece)
                if starts and starts[0] == 0 and entries and _JOINER_END.search(entries[-1].rstrip()):
                    starts = starts[1:]  # "Director of Children’s Services and / Lifelong Learning"
                if not starts or starts[0] > 0:
                    head = piece[: starts[0]] if starts else piece
                    if entries:
                        entries[-1] += "\n" + head.strip()
                    elif head.strip():
                        cur = collapse(cur + " " + head)
                for k, st in enumerate(starts):
                    entries.append(piece[st : starts[k + 1] if k + 1 < len(starts) else len(piece)].strip())
                continue
            parts = _split_names(piece, area)
            for j, part in enumerate(parts):
                cur = collapse(cur + " " + part)
                if j < len(parts) - 1 or _BODY_END.search(cur):
                    bodies.append(cur)
                    cur = ""
    if cur:
        bodies.append(cur)
    if not bodies:
        return []
    return [(bodies[0], "\n".join(bodies[1:])), (entries[0] if entries else "", "\n".join(entries[1:]))]


def _row_reads_on(prev: tuple[str, str], row: tuple[str, str]) -> bool:
    """Whether ``row``, first on its page, is the rest of ``prev`` broken by the page end."""
    for a, b in zip(prev, row, strict=True):
        if not a.strip() or not b.strip():
            continue
        if b[:1].islower() or re.search(r"(?:\band|\bof|\bfor|\bthe|,|&|-|\bNHS|Integrated|Care)$", a.rstrip()):
            return True
    return False


def _partnership(
    doc: Document, pages: _Pages | None, sec: _Sections, area: str = ""
) -> tuple[list[Person], Fact[str] | None, list[Fact[str]]]:
    """People of the partnership details table, the council it names, and its ICB(s)."""
    text = doc.text
    b = sec.bounds.get("details")
    if not b:
        return [], None, []
    lo, hi = b[1], b[2]
    rows = _partnership_rows(doc, pages, b[0], hi) if pages is not None else _partnership_rows_text(text, lo, hi, area)
    if not rows:
        return [], None, []
    if rows and re.fullmatch(r"(?:Local\s+authority|Name\s+of\s+[\w ]+:?)\s*", rows[0][0], re.I):
        rows = rows[1:]  # the header row (a name row may carry "Name of authority:" labels)
    if not rows:
        return [], None, []
    names = rows[0]
    person_rows = []
    for r in rows[1:]:
        if _URLISH.search(r[0] + "\n" + r[1]):
            break
        person_rows.append(r)
    people: list[Person] = []
    la: Fact[str] | None = None
    icbs: list[Fact[str]] = []
    cursor = lo
    for col in (0, 1):
        body_text = re.sub(r"(?m)^Name\s+of\s+[\w ()]+:\s*", "", names[col]).strip()
        body = _fact_at(text, body_text, lo, hi) if body_text else None
        if body is not None and body.span is None:
            body = Fact(body.value, Span.of(text, lo, hi))
        listed = _listed_bodies(body_text)
        if col == 0:
            la = body
        elif body is not None:
            if len(listed) > 1 and all(_ICB.search(x) for x in listed):
                icbs += [_fact_at(text, x, lo, hi, fallback=(lo, hi)) for x in listed]
            else:
                icbs.append(body)
        many = len(listed) >= 2 or (
            body is not None and len(_ICB.findall(body.value)) + len(re.findall(r"\bCouncil\b", body.value)) >= 2
        )
        cell = "\n".join(r[col] for r in person_rows if r[col].strip())
        cell = re.sub(r"(?m)^Name\s+of\s+[\w ()]+:\s*", "", cell)
        entries = _entries(cell)
        for k, entry in enumerate(entries):
            org = body
            if many:
                # the body the role names; else one person per body listed, in order; else the
                # first body listed (the lead body heads the column)
                org = _org_from_role(text, entry, listed, lo, hi)
                if org is None and len(listed) >= 2:
                    pick = listed[k] if len(entries) == len(listed) else listed[0]
                    org = _fact_at(text, pick, lo, hi, fallback=(lo, hi))
                org = org or body
            p, _ = _person(text, entry, cursor if col == 0 else lo, hi, org, "partnership")
            if p:
                people.append(p)
    return people, la, icbs


def _listed_bodies(cell: str) -> list[str]:
    """The bodies a names cell lists one under another, wrapped lines joined."""
    out: list[str] = []
    parts: list[str] = []  # the lines of the body being read, collapsed
    tail = ""  # its last 60 characters: all its end needs (the whole was rejoined per line: quadratic)
    for line in cell.splitlines():
        piece = collapse(line)
        if piece:
            parts.append(piece)
            tail = (tail + " " + piece if tail else piece)[-60:]
        if parts and re.search(r"(?:ICB|Integrated\s+Care\s+Board|Council|Trust|\))$", tail):
            out.append(" ".join(parts))
            parts, tail = [], ""
    if parts:
        out.append(" ".join(parts))
    return out


def _org_from_role(text: str, entry: str, listed: list[str], lo: int, hi: int) -> Fact[str] | None:
    """For a column naming several bodies, the body the person's role names."""
    flat = collapse(entry)

    def key(s: str) -> str:
        return re.sub(r"\b(?:NHS|the)\b|\s+", " ", s).strip().lower()

    for name in listed:
        if (
            len(name.split()) >= 2
            and re.search(r"(?:ICB|Integrated Care Board|Council)$", name)
            and key(name) in key(flat)
        ):
            return _fact_at(text, name, lo, hi)
    m = re.search(
        r"(?:\bof|\bat|,)\s+(?:the\s+)?((?:NHS\s+)?[A-Z][^,]{0,150}?\b(?:ICB|Integrated\s+Care\s+Board|Council))\.?$",
        flat,
    )
    if m:
        return _fact_at(text, m.group(1), lo, hi)
    return None


# --- parent carer forum ------------------------------------------------------------------------

_GENERIC = r"(?i:parents?(?:\s+and)?\s+carers?[’']?\s+(?:forum|council|voice))"
_PCF_PATTERNS = (
    # "the parent carer forum, known as Bexley Voice" / "the local parent carer forum, BCP,"
    re.compile(
        _GENERIC + r"(?:\s+\([A-Z]{2,6}\))?(?i:\s*,\s*known\s+as|\s+known\s+as|\s+called|\s*,)\s+"
        r"(?P<name>‘[^’\n]{2,40}’|[A-Z0-9][\w’'&\-]*(?:\s+(?:[A-Z0-9][\w’'&\-]*|and|of|for))*)",
    ),
    # "‘Bury2gether’, the local parent carer forum" / "X (WPCC, Wiltshire’s parent carer forum)"
    re.compile(
        r"(?P<name>‘[^’\n]{2,40}’|(?<![\w’])[A-Z0-9][\w’'&\-]*(?:\s+(?:[A-Z0-9][\w’'&\-]*|and|of))*)"
        r"\s*(?:,|\()\s*(?:[A-Z]{2,6},\s*)?(?:the|a|an|its|our|[A-Z][\w]*[’']s)?\s*(?:local\s+)?(?:[A-Z]\w+\s+)?"
        + _GENERIC
    ),
    # a proper name: "the Darlington Parent and Carer Forum", "Parent carer voice Herefordshire"
    re.compile(
        r"(?P<name>(?:[A-Z][\w’'\-]*\s+){0,3}Parents?\s+(?:and\s+)?Carers?\s+(?:Forum|Voice|Council|Involvement)"
        r"|(?:[A-Z][\w’'\-]*\s+){1,3}Family\s+(?:Forum|Voice)|Family\s+Voice\s+[A-Z]\w+"
        r"|Parents?\s+carers?\s+(?:forum|voice)\s+[A-Z][a-z]\w+)"
    ),
)
_NOT_NAMES = {"The", "This", "It", "They", "These", "Their", "Its", "A", "An", "In", "Leaders", "Members", "While"}


_PCF_ANCHOR = re.compile(
    r"(?i:parents?(?:\s+and)?\s+carers?[’']?\s+(?:forum|council|voice|involvement))|Family\s+(?:Forum|Voice)"
)


def _parent_carer_forum(text: str, sec: _Sections) -> Fact[str] | None:
    lo = sec.bounds["info"][0] if "info" in sec.bounds else 0
    hi = sec.bounds["details"][0] if "details" in sec.bounds else len(text)
    best: tuple[int, int, int] | None = None
    for anchor in _PCF_ANCHOR.finditer(text, lo, hi):
        if best is not None and anchor.start() > best[1] + 100:
            break
        wlo, whi = max(lo, anchor.start() - 100), min(hi, anchor.end() + 60)
        for rx in _PCF_PATTERNS:
            for m in rx.finditer(text, wlo, whi):
                s, e = m.start("name"), m.end("name")
                name = text[s:e]
                if name.startswith("‘"):
                    s, e = s + 1, e - 1
                    name = text[s:e]
                # trim leading sentence words and trailing joiners
                words = name.split()
                while words and words[0] in _NOT_NAMES:
                    s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
                    words = words[1:]
                while words and words[-1] in ("and", "of", "for"):
                    e = text.rindex(words[-1], s, e)
                    words = words[:-1]
                if not words or e <= s:
                    continue
                if re.fullmatch(r"(?:PCF|PCV|SENDIASS|SEND|Parent|Parents)", collapse(text[s:e])):
                    continue
                if best is None or s < best[0]:
                    best = (s, e, 0)
                break
    if best is None:
        return None
    return text_fact(text, best[0], best[1])
