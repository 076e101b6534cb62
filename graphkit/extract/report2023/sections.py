"""The report's sections and header facts: headings, the title, inspection dates, the previous inspection, the outcome and what follows it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graphkit.extract.common import looks_like_date_range, parse_date, parse_date_range
from graphkit.model import Span

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
    r"\n[ \t\f]*(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _HEADINGS.items()) + r")[ \t]*(?=\n|\Z)", re.I
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
