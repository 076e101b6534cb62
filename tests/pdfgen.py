"""Fictional 2023-framework "Area SEND inspection" reports, drawn as PDFs at test time.

The layout mimics the published reports closely enough for the extractor's positional table
reading: an A4 page, a cover block (label, wrapped title, dates lines), bold headings, wrapped
paragraphs whose soft line ends keep a trailing space (as PDFium shows Word's output), ◼/▪
bullets hung at the margin, ruled two-column tables ("Responsible body | Areas for priority
action", the partnership details) with one set of rules per row, a ruled one-column
"Areas for improvement" table, the unruled two-column inspection team table, and a running
footer ("Area SEND inspection report: X Local Area Partnership" over "<dates> <page>", under a
rule) drawn first on every page after the cover, so that text extraction puts it at the start
of the page's text, in the middle of whatever sentence crosses the page break.

Every area, body, person and sentence in the reports built from this module is fictional.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Report", "write_report", "pdf_text"]

PAGE_W, PAGE_H = 591.84, 839.04
LEFT, RIGHT = 57.0, 531.5
TOP, BOTTOM = 790.0, 62.0
LEADING = 14.5
BODY = 11.0

_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts")


@dataclass
class Report:
    """The content of one fictional report. ``title`` is given as its drawn lines (to control
    where the area's name wraps); ``priority`` rows are (body, [paragraph or "• bullet", …]);
    ``details`` and ``team`` rows are (left cell, right cell) with "\\n" between a cell's lines."""

    area: str
    title: list[str]
    dates: str
    previous: str
    outcome: list[str]
    info: list[str]
    cover_label: str = "Local area partnership report"
    previous_label: str = "Dates of previous inspection:"
    footer_comma: bool = False  # "…Partnership, <dates> <page>" on one line
    like_heading: str = "What is it like to be a child or young person with SEND in this area?"
    like: list[str] = field(default_factory=list)
    effective: list[str] = field(default_factory=list)
    better: list[str] = field(default_factory=list)
    bullet: str = "◼"
    priority: list[tuple[str, list[str]]] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    team: list[tuple[str, str]] = field(default_factory=list)
    spacer_before_priority: float = 0.0  # push the priority table down (to break a row across pages)
    spacer_before_details: float = 0.0  # push the partnership details table down (to break it across pages)
    spacer_before_team: float = 0.0  # push the inspection team table down (to break it across pages)


def _fonts() -> tuple[str, str, bool]:
    """(regular, bold, has geometric-shape bullets) font names, registered with reportlab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for d in _FONT_DIRS:
        reg, bold = os.path.join(d, "DejaVuSans.ttf"), os.path.join(d, "DejaVuSans-Bold.ttf")
        if os.path.isfile(reg) and os.path.isfile(bold):
            if "GkSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("GkSans", reg))
                pdfmetrics.registerFont(TTFont("GkSans-Bold", bold))
            return "GkSans", "GkSans-Bold", True
    # reportlab's own Vera has no ◼/▪ glyphs: bullets fall back to •
    import reportlab

    base = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    if "GkVera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("GkVera", os.path.join(base, "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("GkVera-Bold", os.path.join(base, "VeraBd.ttf")))
    return "GkVera", "GkVera-Bold", False


class _Writer:
    def __init__(self, path: Path, report: Report) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas

        self.width = stringWidth
        self.r = report
        self.font, self.bold, shapes = _fonts()
        self.bullet = report.bullet if shapes else "•"
        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.page = 1
        self.y = TOP

    # --- primitives ------------------------------------------------------------------------

    def wrap(self, text: str, width: float, size: float = BODY, font: str | None = None) -> list[str]:
        """Greedy wrap; soft-wrapped lines keep their trailing space, as in the real PDFs."""
        font = font or self.font
        lines: list[str] = []
        for hard in text.split("\n"):
            cur = ""
            for word in hard.split(" "):
                trial = f"{cur} {word}" if cur else word
                if cur and self.width(trial, font, size) > width:
                    lines.append(cur + " ")
                    cur = word
                else:
                    cur = trial
            lines.append(cur)
        return lines

    def text(self, x: float, y: float, s: str, size: float = BODY, font: str | None = None) -> None:
        self.c.setFont(font or self.font, size)
        self.c.drawString(x, y, s)

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x0, y0, x1, y1)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = TOP
        # the running footer is drawn first, so extraction puts it at the start of the page
        r = self.r
        self.rule(56.7, 39.0, 534.8, 39.0)
        head = f"Area SEND inspection report: {r.area} Local Area Partnership"
        if r.footer_comma:
            self.text(60.0, 24.0, f"{head}, {r.dates} ", 9)
            self.text(520.0, 24.0, str(self.page), 9)
        else:
            self.text(60.0, 24.0, head, 9)
            self.text(60.0, 13.0, f"{r.dates} ", 9)
            self.text(520.0, 15.0, str(self.page), 9)

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    # --- blocks ----------------------------------------------------------------------------

    def heading(self, s: str, size: float = 14.0) -> None:
        self.need(LEADING * 3)
        self.y -= 8
        self.text(LEFT, self.y - size, s, size, self.bold)
        self.y -= size + 14

    def paragraph(self, s: str, indent: float = 0.0, bullet: str | None = None) -> None:
        x = LEFT + indent + (18.0 if bullet else 0.0)
        lines = self.wrap(s, RIGHT - x)
        for k, line in enumerate(lines):
            self.need(LEADING)
            if k == 0 and bullet:
                self.text(LEFT + indent + 0.7, self.y - BODY, bullet + " ")
            self.text(x, self.y - BODY, line)
            self.y -= LEADING
        self.y -= 10

    def cell_lines(self, parts: list[str], x: float, width: float) -> list[tuple[float, str, str | None]]:
        """(x, line, bullet) for a cell's paragraphs and "• " bullet items."""
        out: list[tuple[float, str, str | None]] = []
        for part in parts:
            if part.startswith("• "):
                for k, line in enumerate(self.wrap(part[2:], width - 36)):
                    out.append((x + 36, line, "•" if k == 0 else None))
            else:
                out.extend((x, line, None) for line in self.wrap(part, width))
        return out

    def ruled_rows(self, rows: list[tuple[list[str], list[str]]], xs: tuple[float, float, float]) -> None:
        """A two-column table, one set of rules per row; a row too tall for the page is split,
        its rest continuing in a new row at the top of the next page."""
        left, mid, right = xs
        pad = 4.0
        for body, action in rows:
            lcol = self.cell_lines(body, left + 6, mid - left - 12) if body else []
            rcol = self.cell_lines(action, mid + 6, right - mid - 12) if action else []
            while lcol or rcol:
                room = int((self.y - BOTTOM - 2 * pad) // LEADING)
                n = max(len(lcol), len(rcol))
                if room < 2 and n > room:
                    self.new_page()
                    continue
                take = min(n, room)
                height = take * LEADING + 2 * pad
                top, bottom = self.y, self.y - height
                for col in (lcol[:take], rcol[:take]):
                    yy = top - pad
                    for x, line, bullet in col:
                        if bullet:
                            self.text(x - 18, yy - BODY, bullet + " ")
                        self.text(x, yy - BODY, line)
                        yy -= LEADING
                for y in (top, bottom):
                    self.rule(left, y, mid, y)
                    self.rule(mid, y, right, y)
                for x in xs:
                    self.rule(x, bottom, x, top)
                self.y = bottom
                lcol, rcol = lcol[take:], rcol[take:]
                if lcol or rcol:
                    self.new_page()
        self.y -= 12

    def one_column_rows(self, rows: list[str]) -> None:
        pad = 4.0
        for s in rows:
            lines = self.wrap(s, RIGHT - LEFT - 12)
            height = len(lines) * LEADING + 2 * pad
            self.need(height)
            top = self.y
            yy = top - pad
            for line in lines:
                self.text(LEFT + 6, yy - BODY, line)
                yy -= LEADING
            bottom = top - height
            self.rule(LEFT, top, RIGHT, top)
            self.rule(LEFT, bottom, RIGHT, bottom)
            self.rule(LEFT, bottom, LEFT, top)
            self.rule(RIGHT, bottom, RIGHT, top)
            self.y = bottom
        self.y -= 12

    def unruled_rows(self, rows: list[tuple[str, str]], split: float) -> None:
        for a, b in rows:
            la = [ln for part in a.split("\n") for ln in self.wrap(part, split - LEFT - 14)] if a else []
            lb = [ln for part in b.split("\n") for ln in self.wrap(part, RIGHT - split)] if b else []
            n = max(len(la), len(lb))
            self.need(n * LEADING)
            for k in range(n):
                if k < len(la):
                    self.text(LEFT + 7, self.y - BODY, la[k])
                if k < len(lb):
                    self.text(split, self.y - BODY, lb[k])
                self.y -= LEADING
        self.y -= 12


def write_report(path: Path, r: Report) -> Path:
    """Draw report ``r`` as a PDF at ``path``."""
    w = _Writer(path, r)
    w.text(LEFT, w.y - BODY, r.cover_label)
    w.y -= 40
    for line in r.title:
        w.text(LEFT, w.y - 24, line, 24.0, w.bold)
        w.y -= 32
    w.y -= 6
    w.text(LEFT, w.y - BODY, f"Inspection dates: {r.dates}")
    w.y -= 19
    w.text(LEFT, w.y - BODY, f"{r.previous_label} {r.previous}")
    w.y -= 30
    w.heading("Inspection outcome")
    for p in r.outcome:
        w.paragraph(p)
    w.heading("Information about the local area partnership")
    for p in r.info:
        w.paragraph(p)
    if r.like:
        w.heading(r.like_heading)
        for p in r.like:
            w.paragraph(p)
    if r.effective:
        w.heading("What is the area partnership doing that is effective?")
        for p in r.effective:
            w.paragraph(p, bullet=w.bullet)
    if r.better:
        w.heading("What does the area partnership need to do better?")
        for p in r.better:
            w.paragraph(p, bullet=w.bullet)
    if r.priority:
        w.y -= r.spacer_before_priority
        w.heading("Areas for priority action")
        w.ruled_rows([(["Responsible body"], ["Areas for priority action"])], (LEFT, 218.2, RIGHT))
        w.y += 12
        w.ruled_rows([([b] if b else [], a) for b, a in r.priority], (LEFT, 218.2, RIGHT))
    if r.improvements:
        w.heading("Areas for improvement")
        w.one_column_rows(["Areas for improvement", *r.improvements])
    if r.details:
        w.y -= r.spacer_before_details
        w.heading("Local area partnership details")
        w.ruled_rows([(a.split("\n"), b.split("\n")) for a, b in r.details], (LEFT, 283.1, 509.4))
    w.heading("Information about this inspection")
    for p in r.about or [
        "This inspection was carried out at the request of the Secretary of State for Education under "
        "section 20(1)(a) of the Children Act 2004."
    ]:
        w.paragraph(p)
    if r.team:
        w.y -= r.spacer_before_team
        w.heading("Inspection team")
        w.unruled_rows([("Ofsted", "Care Quality Commission"), *r.team], 298.0)
    w.paragraph(
        "The Office for Standards in Education, Children’s Services and Skills (Ofsted) regulates and "
        "inspects to achieve excellence in the care of children and young people."
    )
    w.paragraph("If you would like a copy of this document in a different format, please telephone us.")
    w.c.showPage()
    w.c.save()
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text as a copy from a PDF viewer gives it (PDFium's text, page after page)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf)))
    finally:
        pdf.close()
