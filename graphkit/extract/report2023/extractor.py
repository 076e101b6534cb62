"""The extractor: a Document in, an Extraction out, each part read by its module."""

from __future__ import annotations

from typing import Any

from graphkit.extract.common import parse_date_range, text_fact, to_int
from graphkit.extract.forum import parent_carer_forum
from graphkit.extract.report2023.bodies import _bodies
from graphkit.extract.report2023.findings import _findings, _improvements, _unnumbered, _unnumbered_actions
from graphkit.extract.report2023.locate import _prepare_locator
from graphkit.extract.report2023.pages import _Pages, _positional_paragraphs
from graphkit.extract.report2023.people import _partnership, _team
from graphkit.extract.report2023.priority import (
    _improvements_copied,
    _page_breaks,
    _priority_actions_blocks,
    _priority_actions_pdf,
    _priority_actions_text,
)
from graphkit.extract.report2023.sections import (
    _MONITORING,
    _NEXT,
    _OUTCOMES,
    _PLAN,
    _PREVIOUS,
    _TITLE,
    _VISIT,
    _previous_dates,
    _Sections,
    _sections,
    _sentence,
)
from graphkit.model import Extraction, Fact, Improvement, Person, Span
from graphkit.read.document import Document


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
            actions = _priority_actions_blocks(text, pb[0], pb[1]) or _priority_actions_text(
                text, pb[0], pb[1], _page_breaks(doc)
            )
        fields["priority_actions"] = tuple(_unnumbered_actions(text, actions))

    # improvements
    ib2 = sec.body("improvement")
    if ib2:
        paras = None
        if pages is not None:
            paras = _positional_paragraphs(doc, pages, "Areas for improvement", ib2[0], ib2[1], "partnership details")
        if paras:
            facts = [text_fact(text, s, e) for s, e in paras]
        else:
            facts = _improvements_copied(text, ib2[0], ib2[1]) or _improvements(text, ib2[0], ib2[1])
        facts = _unnumbered(text, facts)
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
    pcf = _parent_carer_forum(text, sec, fields["area"].value if "area" in fields else "")
    if pcf is not None:
        fields["parent_carer_forum"] = pcf

    return Extraction(kind="area_send_2023", **fields)


def _parent_carer_forum(text: str, sec: _Sections, area: str = "") -> Fact[str] | None:
    lo = sec.bounds["info"][0] if "info" in sec.bounds else 0
    hi = sec.bounds["details"][0] if "details" in sec.bounds else len(text)
    return parent_carer_forum(text, lo, hi, area)
