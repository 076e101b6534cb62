"""The letter summary (``letter-summary.schema.json``) of an :class:`Extraction`.

Used as the oracle in tests: the summary read back from the graph by SPARQL
(:func:`graphkit.ask.show.summarise_graph`) must equal this one.
"""

from __future__ import annotations

from typing import Any

from graphkit.model import Extraction, Fact

__all__ = ["to_summary"]


def _v(f: Fact[Any] | None) -> Any:
    if f is None:
        return None
    v = f.value
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def to_summary(x: Extraction, source: str = "") -> dict[str, Any]:
    """The schema-shaped summary of one extraction."""
    return {
        "source": source,
        "kind": x.kind,
        "area": _v(x.area),
        "letter_date": _v(x.letter_date),
        "visit_start": _v(x.visit_start),
        "visit_end": _v(x.visit_end),
        "recipients": [
            {"name": r.name.value, "role": _v(r.role), "organisation": _v(r.organisation)} for r in x.recipients
        ],
        "local_authority": _v(x.local_authority),
        "ccgs": [c.value for c in x.ccgs],
        "icbs": [c.value for c in x.icbs],
        "wsoa_required": _v(x.wsoa_required),
        "wsoa_issued": _v(x.wsoa_issued),
        "wsoa_fit_for_purpose": _v(x.wsoa_fit_for_purpose),
        "initial_inspection_month": _v(x.initial_inspection_month),
        "weaknesses": [w.text.value for w in sorted(x.weaknesses, key=lambda w: w.ordinal)],
        "revisit_decisions": [
            {"weakness_index": v.weakness_index, "sufficient_progress": v.sufficient_progress.value}
            for v in sorted(x.verdicts, key=lambda v: v.weakness_index)
        ],
        "monitoring_should_cease": _v(x.monitoring_should_cease),
        "outcome": _v(x.outcome),
        "previous_inspection": _v(x.previous_inspection),
        "next_full_inspection_within_years": _v(x.next_full_inspection_within_years),
        "monitoring_inspection_within_months": _v(x.monitoring_inspection_within_months),
        "priority_action_plan_required": _v(x.priority_action_plan_required),
        "priority_actions": [
            {"responsible_body": _v(p.responsible_body), "text": p.text.value}
            for p in sorted(x.priority_actions, key=lambda p: p.ordinal)
        ],
        "improvements": [i.text.value for i in sorted(x.improvements, key=lambda i: i.ordinal)],
        "people": [
            {"name": p.name.value, "roles": [r.value for r in p.roles], "organisation": _v(p.organisation)}
            for p in x.people
        ],
        "cc": [c.value for c in x.cc],
        "survey_responses": _v(x.survey_responses),
        "parent_carer_forum": _v(x.parent_carer_forum),
    }
