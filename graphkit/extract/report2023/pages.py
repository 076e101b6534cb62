"""The PDF pages: text boxes, ruling lines, rows and columns of the tables, paragraphs by position."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphkit.extract.report2023.locate import _phrase
from graphkit.extract.report2023.sections import _PARA_END
from graphkit.read.document import Document, normalise


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


def _page_range(doc: Document, lo: int, hi: int) -> list[int]:
    a, b = doc.page_of(lo), doc.page_of(max(lo, hi - 1))
    if a is None or b is None:
        return []
    return list(range(a, b + 1))
