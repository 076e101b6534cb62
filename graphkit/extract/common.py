"""Small pure helpers shared by the extractors: dates, spans, names."""

from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, date

from graphkit.model import Fact, Span, collapse

__all__ = [
    "MONTHS",
    "DATE_RE",
    "parse_date",
    "parse_date_range",
    "looks_like_date_range",
    "span",
    "fact",
    "text_fact",
    "WORD_NUMBERS",
    "to_int",
]

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
DATE_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH + r")\.?,?\s+(\d{4})", re.I)
_RANGE_RE = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+(" + _MONTH + r"))?(?:\s+(\d{4}))?"
    r"\s*(?:to|and|until|–|—|-)\s*"
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH + r")\s+(\d{4})",
    re.I,
)

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
    "thirty-six": 36,
}


def to_int(word: str) -> int | None:
    """A number written in figures or words.

    >>> to_int("three"), to_int("1,146"), to_int("x")
    (3, 1146, None)
    """
    w = word.strip().lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return WORD_NUMBERS.get(w)


def parse_date(text: str) -> date | None:
    """The first full date ("4 February 2019", "3rd Sept 2021") in ``text``.

    >>> parse_date("dated 26 September 2019.")
    datetime.date(2019, 9, 26)
    """
    m = DATE_RE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
    except ValueError:
        return None


def parse_date_range(text: str) -> tuple[date, date] | None:
    """A date range in any of the letters' forms.

    >>> parse_date_range("11 to 15 March 2024")
    (datetime.date(2024, 3, 11), datetime.date(2024, 3, 15))
    >>> parse_date_range("23 September to 27 September 2024")[0]
    datetime.date(2024, 9, 23)
    >>> parse_date_range("Between 4 February 2019 and 8 February 2019")[1]
    datetime.date(2019, 2, 8)
    >>> parse_date_range("31 January 2022 to 3 February 2022")[0]
    datetime.date(2022, 1, 31)
    >>> parse_date_range("16 to 12 February 2024") is None  # impossible: never shifted a year back
    True
    >>> parse_date_range("28 December to 3 January 0001") is None  # no year before 1
    True
    """
    m = _RANGE_RE.search(text)
    if not m:
        return None
    d1, m1, y1, d2, m2, y2 = m.groups()
    year2, month2 = int(y2), MONTHS[m2.lower()]
    year1, month1 = int(y1 or y2), MONTHS[(m1 or m2).lower()]
    if not y1 and m1 and month1 > month2:  # "28 December to 3 January 2020": the year before
        year1 -= 1
    if not (MINYEAR <= year1 <= MAXYEAR and MINYEAR <= year2 <= MAXYEAR):
        return None
    try:
        end = date(year2, month2, int(d2))
        start = date(year1, month1, int(d1))
    except ValueError:
        return None
    if start > end:  # "16 to 12 February 2024": a misprint, not a range; left for a person to see
        return None
    return start, end


def looks_like_date_range(text: str) -> bool:
    """Whether ``text`` holds a date range, possible or not ("16 to 12 February 2024").

    Where :func:`parse_date_range` gives None for such a text, the range is impossible: a reader
    must leave the dates unread rather than fall back to one of its dates.
    """
    return _RANGE_RE.search(text) is not None


def span(text: str, start: int, end: int) -> Span:
    """The trimmed span ``text[start:end]``."""
    return Span.of(text, start, end)


def fact(text: str, start: int, end: int, value: object = None) -> Fact:  # type: ignore[type-arg]
    """A fact whose span is ``text[start:end]``; its value defaults to the collapsed quote."""
    s = Span.of(text, start, end)
    return Fact(collapse(s.quote) if value is None else value, s)


def text_fact(text: str, start: int, end: int) -> Fact[str]:
    """A string fact: the collapsed quote of ``text[start:end]``."""
    s = Span.of(text, start, end)
    return Fact(collapse(s.quote), s)
