"""Names that cannot become nodes: a person, body or area named only by punctuation ("•", ":").

A damaged line can leave a table cell holding a bullet or a colon where a name should be. Such a
name has no letters or digits to key a node by, so it never becomes one: it is dropped from the
extraction and a warning says which words were dropped, so that a person can look at the letter.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graphkit.model import Extraction, Fact
from graphkit.resolve import normalise_body, person_key, slug

__all__ = ["drop_nameless"]


def _keys(fn: Any, *args: Any) -> bool:
    try:
        fn(*args)
    except ValueError:
        return False
    return True


def _where(f: Fact[str]) -> str:
    return f" at offset {f.span.start}" if f.span is not None else ""


def drop_nameless(x: Extraction) -> Extraction:
    """``x`` without the people, addressees and bodies whose names have nothing to key a node by.

    >>> from graphkit.model import Person
    >>> x = drop_nameless(Extraction(kind="initial", people=(Person(Fact("•", None)), Person(Fact("Ann Lee", None)))))
    >>> [p.name.value for p in x.people], x.warnings
    (['Ann Lee'], ('a person\\'s name "•" has no letters or digits; left out of the graph',))
    """
    warnings: list[str] = []

    def keep(f: Fact[str] | None, what: str, ok: bool) -> bool:
        if f is None or ok:
            return True
        warnings.append(f'{what} "{f.value}"{_where(f)} has no letters or digits; left out of the graph')
        return False

    def body_ok(f: Fact[str] | None, hint: Any = None) -> bool:
        return f is None or _keys(normalise_body, f.value, hint)

    changes: dict[str, Any] = {}

    def named(items: Any, what: str) -> tuple[Any, ...]:
        """The people (or addressees) whose names have letters; an organisation without is dropped."""
        out = []
        for item in items:
            if not keep(item.name, what, _keys(person_key, item.name.value)):
                continue
            if not keep(item.organisation, "an organisation", body_ok(item.organisation)):
                item = replace(item, organisation=None)
            out.append(item)
        return tuple(out)

    changes["people"] = named(x.people, "a person's name")
    changes["recipients"] = named(x.recipients, "an addressee's name")
    for name, hint in (("ccgs", "ccg"), ("icbs", "icb"), ("other_partners", None)):
        facts: tuple[Fact[str], ...] = getattr(x, name)
        changes[name] = tuple(f for f in facts if keep(f, "a body", body_ok(f, hint)))
    if not keep(x.local_authority, "a local authority", body_ok(x.local_authority, "local_authority")):
        changes["local_authority"] = None
    if not keep(x.parent_carer_forum, "a parent carer forum", body_ok(x.parent_carer_forum, "pcf")):
        changes["parent_carer_forum"] = None
    if x.area is not None and not keep(x.area, "an area", _keys(slug, x.area.value)):
        changes["area"] = None
    if not warnings:
        return x
    return replace(x, warnings=(*x.warnings, *warnings), **changes)
