"""The areas for priority action and their responsible bodies, from the PDF table or a text copy (flattened, in blocks or side by side)."""

from __future__ import annotations

import itertools
import re

from graphkit.extract.report2023.bodies import _ORG_END, _body_fact, _is_body_line
from graphkit.extract.report2023.locate import _fact_at
from graphkit.extract.report2023.pages import _cell, _grid, _page_range, _Pages
from graphkit.extract.report2023.sections import _PARA_END, _Sections
from graphkit.model import Fact, PriorityAction, Span, collapse
from graphkit.read.document import Document


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
            m = re.match(r"(.*?\b(?:Council|ICB|Board|Trust|\([^()]*\)))\s+(?=[A-Z][a-z]|\(?1[.)]\s)", line)
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


# a line of a side-by-side copy: the body cell's words, a gap of three spaces or more, the action's
_TWO_COLUMNS = re.compile(r"^([ \f]{0,4})(\S(?:[^ ]| (?! ))*)( {3,})(\S.*)$", re.M)
_TABLE_HEAD = re.compile(r"(?:Responsible\s+bod(?:y|ies))?\s*(?:Areas\s+for\s+priority\s+actions?)?\s*$", re.I)
_RUNNING = re.compile(
    r"^(?:(?:Area\s+SEND\s+)?[Ii]nspection\s+report:|\d{1,4}$|\d{1,2}(?:\s+[A-Z][a-z]+)?(?:\s+\d{4})?\s+(?:to|–|-)\s+"
    r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}(?:\s+\d{1,3})?$)"
)
# an action's opening words ("Leaders at X and the NHS Y ICB should …"), across a line break;
# "should also …" goes on with the action before
_OPENS_ITEM = re.compile(
    r"\s*(?!(?:They|This|These|It|Their|There|We|He|She)\b)[A-Z][\w’'&\-]*,?(?:\s+[^\s]+){0,14}?"
    r"\s+(?:should|must|needs?\s+to)\b(?!\s+also\b)"
)
_ENDS_SENTENCE = re.compile(r"[.!?][’”\")]*\s*$")


_NUMBER_MARK = re.compile(r"\(?\d{1,2}[.)]\s+")
_CONTINUING = frozenset("They This These It Its Their There That We He She".split())
_LONE_MARK = re.compile(r"[•▪◼■●◦‣∙·\-–]+")


def _improvements_copied(text: str, lo: int, hi: int) -> list[Fact[str]] | None:
    """Areas for improvement of a text copy, whatever it did with paragraphs and bullets.

    An item opens with a recommendation ("Leaders … should", "The local partnership needs to",
    "1. Leaders should") after the previous item's last sentence, or with a capital after a
    sentence's end and a blank line; bullets and wrapped lines stay with their item. Running
    headers, dates, page numbers, the table's own heading and bullet marks left alone on a line
    are not items. None where the copy keeps PDFium's soft-wrap spaces and no blank lines (the
    paragraph reader handles those)."""
    pieces: list[tuple[int, int, bool]] = []  # start, end, blank line before
    pos, blank, soft, hard = lo, False, 0, 0
    while pos < hi:
        e = text.find("\n", pos, hi)
        e = hi if e < 0 else e
        line = text[pos:e]
        words = line.strip()
        if not words:
            blank = True
        elif not (
            re.fullmatch(r"Areas\s+for\s+improvement", words, re.I)
            or _RUNNING.match(words)
            or _LONE_MARK.fullmatch(words)
        ):
            s = pos + len(line) - len(line.lstrip())
            pieces.append((s, s + len(words), blank))
            soft += line.endswith(" ")
            hard += not line.endswith(" ")
            blank = False
        pos = e + 1
    if not pieces or (not any(b for _, _, b in pieces[1:]) and soft and hard):
        return None  # PDFium's text: a space ends each soft-wrapped line, none a paragraph's last
    items: list[list[tuple[int, int, bool]]] = []
    done = True
    # a line ending a sentence with room left for the next line's first word was cut by hand:
    # the paragraph (the table cell) ends there
    width = max(len(collapse(text[a:b])) for a, b, _ in pieces)
    prev = ""
    for i, (s, e, blank_before) in enumerate(pieces):
        words = text[s:e]
        ahead = " ".join(text[a:b] for a, b, _ in pieces[i : i + 3])
        ahead = _NUMBER_MARK.sub("", ahead, count=1) if _NUMBER_MARK.match(ahead) else ahead
        first = words.split()[0]
        cut = len(collapse(prev)) + 1 + len(first) < 0.9 * width
        starts = (words[:1].isupper() or words[:1].isdigit()) and first not in _CONTINUING
        opens = bool(_OPENS_ITEM.match(ahead)) or ((blank_before or cut) and starts)
        prev = words
        if not items or (done and opens):
            items.append([(s, e, blank_before)])
        else:
            items[-1].append((s, e, blank_before))
        done = bool(_ENDS_SENTENCE.search(words))
    return [
        Fact(collapse(" ".join(text[a:b] for a, b, _ in item)), Span.of(text, item[0][0], item[-1][1]))
        for item in items
    ]


def _priority_actions_blocks(text: str, lo: int, hi: int) -> list[PriorityAction] | None:
    """The priority action table of a text copy that lays its cells out in blocks separated by
    blank lines (each column's cells in order, a row's body cell not always beside its action)
    or side by side (each line holding a body cell's words and an action's, far apart).

    Each action opens with a recommendation ("Leaders … should …") after the previous one's
    last sentence; bullets, wrapped lines and the rest of a row carried over a page stay with
    it. Side by side, a row's body cell is the left-hand words from its action's first line to
    the next action's; in blocks, the n-th body cell (one broken by a page continues until its
    name is complete) is the n-th action's. None where the layout is neither, or the counts of
    body cells and actions disagree. One pass over the lines; no pattern backtracks."""
    lines: list[tuple[int, int, bool]] = []  # start, end, blank line before it
    pos, blank = lo, False
    while pos < hi:
        e = text.find("\n", pos, hi)
        e = hi if e < 0 else e
        if text[pos:e].strip():
            lines.append((pos, e, blank))
            blank = False
        else:
            blank = True
        pos = e + 1
    two = [_TWO_COLUMNS.match(text, s, e) for s, e, _ in lines]
    side = sum(1 for m in two if m is not None and m.start(4) - m.start(1) >= 20) >= 2
    if not side and not any(b for _, _, b in lines[1:]):
        return None

    # (line number, start, end) of each column's pieces
    left: list[tuple[int, int, int]] = []
    right: list[tuple[int, int, int]] = []
    split = 0
    if side:
        starts = sorted(m.start(4) - m.start(1) for m in two if m is not None)
        split = starts[len(starts) // 2]
    for n, ((s, e, _), m) in enumerate(zip(lines, two, strict=True)):
        line = text[s:e]
        body = line.strip()
        if _TABLE_HEAD.fullmatch(body) or _RUNNING.match(body):
            continue
        if side:
            indent = len(line) - len(line.lstrip())
            if m is not None and m.start(4) - m.start(1) >= split - 6 and not body.startswith("•"):
                left.append((n, m.start(2), m.end(2)))
                right.append((n, m.start(4), e))
            elif indent >= split - 6 or body.startswith("•") or not _is_body_line(body):
                right.append((n, s + indent, e))
            else:
                left.append((n, s + indent, e))
        else:
            s += len(line) - len(line.lstrip())
            right.append((n, s, e))  # sorted into bodies and actions below

    def joined(parts: list[tuple[int, int, int]]) -> str:
        return collapse(" ".join(text[a:b] for _, a, b in parts))

    # actions: a recommendation opening after a sentence's end starts the next one
    items: list[list[tuple[int, int, int]]] = []
    bodies: list[list[tuple[int, int, int]]] = []
    done = True  # the last action ended a sentence
    last_body = False  # in blocks, the piece before was a body cell's
    strong: list[bool] = []  # each action opened after a gap
    row_left: list[tuple[int, int, int]] = []  # side by side: the body cell's words of the row so far
    j = 0  # the next left piece not yet in row_left
    for i, piece in enumerate(right):
        n, s, e = piece
        words = text[s:e]
        ahead = " ".join(text[a:b] for _, a, b in right[i : i + 3])
        if (
            not side
            and _is_body_line(words)
            and (done or last_body or lines[n][2] or (bodies and _body_open(joined(bodies[-1]))))
        ):
            if bodies and (_body_open(joined(bodies[-1])) or (last_body and re.match(r"(?:and|of|&)\s", words))):
                bodies[-1].append(piece)
            else:
                bodies.append([piece])
            last_body = True
            continue
        # in blocks, a cell follows a blank line, a body cell or a running header left out
        gap = last_body or lines[n][2] or (i > 0 and right[i - 1][0] != n - 1)
        last_body = False
        before = j
        while j < len(left) and left[j][0] < n:
            j += 1
        row_left += left[before:j]
        # side by side, a row opens with a body cell beside it, unless the row before's goes on
        here = left[j : j + 1] if j < len(left) and left[j][0] == n else []
        row_starts = not side or not left or (bool(here) and not (row_left and _body_open(joined(row_left))))
        if done and row_starts and _OPENS_ITEM.match(ahead):
            items.append([piece])
            strong.append(gap)
            row_left = []
        elif items:
            items[-1].append(piece)
        else:
            return None  # text before the first action that is not a body
        done = bool(_ENDS_SENTENCE.search(words))
    if not items:
        return None
    if side:
        starts_at = [item[0][0] for item in items] + [len(lines)]
        bodies = [[p for p in left if starts_at[k] <= p[0] < starts_at[k + 1]] for k in range(len(items))]
    elif len(bodies) != len(items):
        # a recommendation opening a line inside an action ("… education. Leaders need to …"):
        # where the copy separates its cells, only those after a gap open an action
        merged: list[list[tuple[int, int, int]]] = []
        for item, after_gap in zip(items, strong, strict=True):
            if merged and not after_gap:
                merged[-1] = merged[-1] + item
            else:
                merged.append(item)
        if len(bodies) != len(merged):
            return None
        items = merged
    out: list[PriorityAction] = []
    for k, (item, cell) in enumerate(zip(items, bodies, strict=True), start=1):
        af = Fact(joined(item), Span.of(text, item[0][1], item[-1][2]))
        bf = Fact(joined(cell), Span.of(text, cell[0][1], cell[-1][2])) if cell else None
        out.append(PriorityAction(af, k, bf))
    return out


def _body_open(name: str) -> bool:
    """Whether a body cell's words so far leave its name unfinished ("Halton Borough Council and")."""
    return not _ORG_END.search(name.rstrip()) or bool(re.search(r"(?:\band|,|&|\bof|\bthe|\bNHS)$", name.rstrip()))


def _page_breaks(doc: Document) -> tuple[int, ...]:
    """Offsets in ``doc.text`` where a running page header (or page number) was taken out."""
    out = []
    for (t0, r0), (t1, r1) in itertools.pairwise(doc.anchors):
        if (r1 - r0) - (t1 - t0) > 20:
            out.append(t1)
    return tuple(out)
