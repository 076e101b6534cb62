"""The responsible bodies (council, integrated care boards, a children's trust) and the clinical commissioning groups they took over from."""

from __future__ import annotations

import functools
import re
from typing import Any

from graphkit.extract.common import text_fact
from graphkit.model import Fact

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


@functools.cache
def _board_names() -> re.Pattern[str]:
    """Every board in the bundled list, by statutory core name or short name, as "… ICB" or
    "… Integrated Care Board" (longest names first, so a name is never read in part)."""
    from graphkit.resolve import all_boards

    names = sorted({n for b in all_boards() for n in (b.name, *b.short_names)}, key=len, reverse=True)
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(
        r"(?<![\w’'])(?:NHS\s+)?(?:" + alt + r")\s+(?:Integrated\s+Care\s+Board|ICB)\b(?:\s*\([^()\n]{1,40}\))?"
    )


def _split_bodies(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Offsets of the bodies named in ``text[lo:hi]`` ("A Council, the B ICB and C ICB").

    Boards in the bundled list are found first and kept whole, whatever "and" and commas their
    names hold ("Cornwall and the Isles of Scilly ICB"); the text between them is split at its
    separators where the words before one make a body."""
    out: list[tuple[int, int]] = []
    pos = lo
    for m in _board_names().finditer(text, lo, hi):
        out += _split_plain(text, pos, m.start())
        out.append((m.start(), m.end()))
        pos = m.end()
    out += _split_plain(text, pos, hi)
    return out


def _split_plain(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """:func:`_split_bodies` for text naming no board of the bundled list."""
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
        while s < e and text[s].isspace():
            s += 1
        while text[s:e].lower().startswith(("the ", "both ")):
            s += text[s:e].index(" ") + 1
        if re.search(r"[^\W\d_]", text[s:e]) and not text[s:e].startswith("("):
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


_CCG_ANY = re.compile(r"(?i:clinical\s+commissioning\s+groups?)|\bCCGs?\b")
_CCG_STOP = re.compile(
    r"\s+to\s+(?:the\s+)?(?=[A-Z0-9])|[.;]\s|[.;]$|\s+(?:on|in|from|since|during)\s+(?:\d|(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)|,\s+(?:with|and\s+this|which|who)\b"
)


def _former_ccgs(text: str, lo: int, hi: int) -> list[Fact[str]]:
    """CCGs named as the bodies health commissioning passed *from* in the 2022 hand-over.

    Any hand-over wording that says "from" before the groups' names ("passed from the NHS X and
    Y Clinical Commissioning Groups to …", "took over … from X clinical commissioning group in
    July 2022"); a count or a bare title ("from five clinical commissioning groups") names none.
    """
    out: list[Fact[str]] = []
    for m in re.finditer(r"\bfrom\s+(?:the\s+)?", text[lo:hi]):
        s = lo + m.end()
        ms = _CCG_STOP.search(text, s, hi)
        e = ms.start() if ms else hi
        if not _CCG_ANY.search(text[s:e]):
            continue
        for bs, be in _split_bodies(text, s, e):
            f = _body_fact(text, bs, be)
            v = f.value
            # a named CCG: capitalised, not a count ("5 clinical commissioning groups")
            if _CCG_ANY.search(v) and re.match(r"(?:NHS\s+)?[A-Z][a-z]", v) and not re.search(r"\bCCGs\b", v):
                if v.split()[0] in ("Clinical", "CCG"):
                    continue
                out.append(f)
    return out


# A line of body names: capitalised words, "and", "of", "the", "&" and bracketed capitals. Each
# capitalised word is taken whole (the look-ahead) and no alternative can match inside another,
# so a line is split one way only: the match is linear in the line's length. (Listing "NHS",
# "ICB" … beside the general capitalised word let a line in capitals split 2^n ways.)
_BODY_LINE = re.compile(r"^(?:(?:[A-Z][\w’'\-,]*(?![\w’'\-,])|and|of|the|&|\([A-Z&\s]+\))\s*)+$")


def _is_body_line(line: str) -> bool:
    line = line.strip()
    return (
        len(line) < 60
        and bool(_BODY_LINE.match(line))
        and not line.endswith(".")
        and not re.match(r"Leaders\b|[A-Z]\w*\s+leaders\b", line)
    )
