"""Typed records that flow through the pipeline: read -> segment -> extract -> rdf.

Nothing here imports rdflib: records are plain frozen dataclasses, each fact carrying the
:class:`Span` of text it was read from, so that every triple can be traced to its quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Literal, TypeVar

__all__ = [
    "Span",
    "Fact",
    "Recipient",
    "Person",
    "Weakness",
    "Verdict",
    "PriorityAction",
    "Improvement",
    "Finding",
    "Extraction",
    "KINDS",
    "collapse",
]

T = TypeVar("T")

KINDS = ("initial", "revisit", "area_send_2023", "other")
Kind = Literal["initial", "revisit", "area_send_2023", "other"]
Outcome = Literal["positive", "inconsistent", "widespread_failings"]
Polarity = Literal["strength", "weakness", "neutral"]

_WS = re.compile(r"[^\S ]\s*| \s+")  # runs of white space other than a single space


def collapse(text: str) -> str:
    """Join line breaks and runs of white space into single spaces.

    >>> collapse("  the quality of EHC\\n plans is   too variable ")
    'the quality of EHC plans is too variable'
    """
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Span:
    """A stretch of a document's normalised text: ``text[start:end] == quote``.

    Offsets count Unicode code points, as Web Annotation's TextPositionSelector does.
    """

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, trimmed of surrounding white space.

        >>> Span.of("  Bury  ", 0, 8)
        Span(start=2, end=6, quote='Bury')
        """
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value read from a document and the span it was read from (None for derived values)."""

    value: T
    span: Span | None = None


@dataclass(frozen=True)
class Recipient:
    """An addressee of a 2016-2022 letter."""

    name: Fact[str]
    role: Fact[str] | None = None
    organisation: Fact[str] | None = None
    salutation: str | None = None  # the name as the salutation gives it ("Ms Watson")


@dataclass(frozen=True)
class Person:
    """A person named in a sign-off, signature table, team table or partnership details."""

    name: Fact[str]
    roles: tuple[Fact[str], ...] = ()
    organisation: Fact[str] | None = None
    honorific: str | None = None  # "Ms", "Dr" ... as written, not part of the name
    post_nominals: tuple[str, ...] = ()  # "CBE", "OBE" ... ("HMI" is a role)
    context: Literal["signatory", "team", "partnership"] = "team"


@dataclass(frozen=True)
class Weakness:
    """An area of significant weakness (initial letter list item, or a revisit's quoted one)."""

    text: Fact[str]
    ordinal: int


@dataclass(frozen=True)
class Verdict:
    """A revisit's decision on one weakness."""

    weakness_index: int
    sufficient_progress: Fact[bool]


@dataclass(frozen=True)
class PriorityAction:
    """A 2023 report's area for priority action and the bodies responsible for it."""

    text: Fact[str]
    ordinal: int
    responsible_body: Fact[str] | None = None


@dataclass(frozen=True)
class Improvement:
    """A 2023 report's area for improvement."""

    text: Fact[str]
    ordinal: int


@dataclass(frozen=True)
class Finding:
    """A narrative finding: main finding, strength, area for development, or 2023 section item.

    ``section`` names where it stands ("main findings", "identifying", "assessing and meeting",
    "improving outcomes", "what is it like", "effective", "do better").
    """

    section: str
    polarity: Polarity
    text: Fact[str]
    ordinal: int


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document, before it becomes RDF.

    Field names follow ``letter-summary.schema.json``; each value keeps its span.
    """

    kind: Kind
    area: Fact[str] | None = None
    letter_date: Fact[date] | None = None
    visit_start: Fact[date] | None = None
    visit_end: Fact[date] | None = None
    recipients: tuple[Recipient, ...] = ()
    local_authority: Fact[str] | None = None
    ccgs: tuple[Fact[str], ...] = ()  # CCGs named (2016-22: current; 2023: former, predecessors)
    icbs: tuple[Fact[str], ...] = ()
    other_partners: tuple[Fact[str], ...] = ()  # children's trusts and other responsible bodies
    wsoa_required: Fact[bool] | None = None
    wsoa_issued: Fact[date] | None = None
    wsoa_fit_for_purpose: Fact[date] | None = None
    initial_inspection_month: Fact[str] | None = None  # "YYYY-MM"
    weaknesses: tuple[Weakness, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    overall_verdict: Fact[str] | None = None  # "all" | "some" | "none" (revisits)
    monitoring_should_cease: Fact[bool] | None = None
    outcome: Fact[Outcome] | None = None
    previous_inspection: Fact[str] | None = None
    previous_inspection_start: date | None = None
    previous_inspection_end: date | None = None
    next_full_inspection_within_years: Fact[int] | None = None
    monitoring_inspection_within_months: Fact[int] | None = None
    priority_action_plan_required: Fact[bool] | None = None
    priority_actions: tuple[PriorityAction, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    people: tuple[Person, ...] = ()
    cc: tuple[Fact[str], ...] = ()
    survey_responses: Fact[int] | None = None
    parent_carer_forum: Fact[str] | None = None
    findings: tuple[Finding, ...] = ()
    title: Fact[str] | None = None
    notes: tuple[str, ...] = field(default=())  # why a look-alike was judged "other", etc.
    warnings: tuple[str, ...] = field(default=())  # what was read but left out (a name with no letters)
    partial: str | None = None  # why this copy holds only part of the letter (read with --partial)
