"""The narrative sections: findings (what works, what needs to be better) and the areas for improvement."""

from __future__ import annotations

import re

from graphkit.extract.common import text_fact
from graphkit.extract.report2023.pages import _Pages
from graphkit.extract.report2023.sections import _PARA_END, _Sections
from graphkit.model import Fact, Finding, PriorityAction
from graphkit.read.document import Document


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
        for m2 in re.finditer(
            r"(?<![\s(]\d)(?<![\s(]\d\d)[.!?][’”)]*[ \t]+\n(?=[ \t]*" + _RECOMMENDATION + r")", text[s:e]
        ):
            out.append((cut, s + m2.start() + 1))
            cut = s + m2.end()
        out.append((cut, e))
    return [text_fact(text, s, e) for s, e in out if text[s:e].strip()]


# "1. ", "2) ", "(3) " opening a numbered item: at the start of a block, or of a line, or after a
# sentence's end
_ITEM_MARK = re.compile(r"\(?(\d{1,2})[.)][ \t]*\n?[ \t]*(?=[A-Z‘“])")


def _numbered(text: str, s: int, e: int) -> list[tuple[int, int]] | None:
    """The items of a block written "1. … 2. … 3. …" (numbers 1, 2, 3 … in order, each opening
    a line or following a sentence's end), without their numbers; None for any other block."""
    lead = len(text[s:e]) - len(text[s:e].lstrip())
    marks: list[tuple[int, int]] = []  # (mark start, item start)
    expect = 1
    for m in _ITEM_MARK.finditer(text, s + lead, e):
        if int(m.group(1)) != expect:
            continue
        before = text[s : m.start()].rstrip(" \t")
        if before and not (before.endswith("\n") or re.search(r"[.;:!?][’”)]?\s*$", before)):
            continue
        if expect == 1 and m.start() != s + lead:
            return None  # a block that does not open with its first number is not numbered
        marks.append((m.start(), m.end()))
        expect += 1
    if len(marks) < 2:
        return None
    bounds = [m[0] for m in marks[1:]] + [e]
    return [(item, end) for (_mark, item), end in zip(marks, bounds, strict=True)]


def _unnumbered(text: str, facts: list[Fact[str]]) -> list[Fact[str]]:
    """Facts whose block holds numbered items, one fact per item; and where every fact of the
    list opens with its own number (1, 2, 3 … one item a paragraph), the numbers taken off."""
    out: list[Fact[str]] = []
    for f in facts:
        items = _numbered(text, f.span.start, f.span.end) if f.span is not None else None
        out += [text_fact(text, a, b) for a, b in items] if items else [f]
    if len(out) < 2:
        return out
    marks = [_ITEM_MARK.match(f.value) for f in out]
    if all(m is not None and int(m.group(1)) == k for k, m in enumerate(marks, start=1)) and all(
        f.span is not None for f in out
    ):
        stripped = []
        for f in out:
            assert f.span is not None
            m = _ITEM_MARK.match(text, f.span.start)
            stripped.append(text_fact(text, m.end(), f.span.end) if m else f)
        return stripped
    return out


def _unnumbered_actions(text: str, actions: list[PriorityAction]) -> list[PriorityAction]:
    """Priority actions with numbered items in one cell made one action each, renumbered."""
    out: list[PriorityAction] = []
    for pa in actions:
        for f in _unnumbered(text, [pa.text]):
            out.append(PriorityAction(f, len(out) + 1, pa.responsible_body))
    return out


_RECOMMENDATION = (
    r"(?!(?:They|This|These|It|Their|There|We|He|She)\b)[A-Z][\w’'&\-]*(?:[ \t]+[^\s]+){0,6}?"
    r"[ \t]+(?:should|must|needs?[ \t]+to)\b"
)
