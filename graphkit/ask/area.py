"""An area's whole story, in order and in words: ``graphkit area NAME``.

Each inspection of the area in turn — the 2016–2022 inspection and its written statement of
action with each weakness, the revisit and its verdict on each weakness, the 2023-framework
inspection with its outcome, priority actions (with the bodies responsible) and areas for
improvement — and who inspected and who led the partnership. Every statement carries its
evidence: the quote and the document it is from (with the page, where the document is a PDF),
or the official statistics. This is the page a parent carer forum would print.

:func:`area_story` gives the typed :class:`Story`; :func:`render_story` writes it as text,
Markdown, JSON or one self-contained HTML page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from graphkit.graph.rdf import GK, ID

__all__ = ["Statement", "Chapter", "Story", "area_story", "render_story", "STORY_FORMATS"]

STORY_FORMATS = ("text", "md", "json", "html")
STATISTICS = "Ofsted official statistics"
_STATS_GRAPH = f"{ID}graph/statistics"
_OA = "http://www.w3.org/ns/oa#"
_PROV = "http://www.w3.org/ns/prov#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass
class Statement:
    """One thing the story says, with its evidence."""

    text: str
    quote: str | None = None
    source: str | None = None  # a document's file name, or "Ofsted official statistics"
    page: int | None = None


@dataclass
class Chapter:
    """One inspection or revisit of the area."""

    kind: str  # initial / revisit / area_send_2023
    title: str
    start: dt.date | None
    inspection: str  # short id
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Story:
    """An area and its chapters, oldest first."""

    area: str
    id: str
    region: str | None
    la_code: str | None
    gss: str | None
    chapters: list[Chapter] = field(default_factory=list)


def _day(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else "an unknown date"


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start and end and start != end:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} to {end.day} {end:%B %Y}"
        return f"{_day(start)} to {_day(end)}"
    return _day(start)


def _value(term: Any) -> Any:
    from graphkit.ask.query import typed

    return None if term is None else typed(term)


class _Reader:
    """SPARQL over the store for one area's nodes, quotes looked up in bulk."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def rows(self, sparql: str) -> list[dict[str, Any]]:
        res = self.store.query(sparql)
        names = [v.value for v in res.variables]
        return [{n: row[i] for i, n in enumerate(names)} for row in res]

    def facts(self, subject: str) -> dict[str, list[tuple[Any, str]]]:
        """property IRI -> [(value term, graph IRI)] of one node."""
        out: dict[str, list[tuple[Any, str]]] = defaultdict(list)
        for r in self.rows(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{subject}> ?p ?o }} }}"):
            out[r["p"].value].append((r["o"], r["g"].value))
        return out

    def members(self, prop: str, obj: str) -> list[dict[str, Any]]:
        """The nodes with ``prop`` ``obj`` (weaknesses of an inspection, its actions, verdicts), each
        as {"s": IRI, "types": {class IRIs}, property IRI: first value}; every node's facts read
        once per graph by its subject, so documents restating them do not multiply the work."""
        subjects = [r["s"].value for r in self.rows(f"SELECT DISTINCT ?s WHERE {{ ?s <{prop}> <{obj}> }}")]
        out = []
        for subject in subjects:
            rec: dict[str, Any] = {"s": subject, "types": set()}
            for p, vals in self.facts(subject).items():
                if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
                    rec["types"] |= {v.value for v, _g in vals}
                else:
                    rec[p] = vals[0][0]
            out.append(rec)
        return out

    def quotes(self, subjects: list[str]) -> dict[str, list[tuple[str | None, int, str, str, int | None]]]:
        """subject -> [(property or None, start offset, exact words, document file, page)], in text order."""
        if not subjects:
            return {}
        values = " ".join(f"<{s}>" for s in sorted(set(subjects)))
        sparql = f"""SELECT ?s ?prop ?start ?exact ?file ?page WHERE {{
          VALUES ?s {{ {values} }}
          ?q <{GK.quoteFor}> ?s ; <{_OA}hasSource> ?doc ; <{_OA}hasSelector> ?pos, ?ex .
          ?pos <{_OA}start> ?start . ?ex <{_OA}exact> ?exact . ?doc <{GK.sourceFile}> ?file .
          OPTIONAL {{ ?q <{GK.quoteOfProperty}> ?prop }} OPTIONAL {{ ?q <{GK.page}> ?page }} }}"""
        out: dict[str, list[tuple[str | None, int, str, str, int | None]]] = defaultdict(list)
        seen = set()
        for r in self.rows(sparql):
            key = (r["s"].value, r["prop"].value if r["prop"] else None, int(r["start"].value), r["file"].value)
            if key in seen:
                continue
            seen.add(key)
            page = int(r["page"].value) if r["page"] is not None else None
            out[key[0]].append((key[1], key[2], " ".join(r["exact"].value.split()), key[3], page))
        for v in out.values():
            v.sort(key=lambda q: (q[3], q[1]))
        return out


def _evidence(
    quotes: dict[str, list[tuple[str | None, int, str, str, int | None]]], subject: str, prop: str | None = None
) -> tuple[str | None, str | None, int | None]:
    """(quote, document, page) for a node's property (or the node), the first in the text."""
    found = quotes.get(subject, [])
    for q in found:
        if prop is None or q[0] == prop:
            return q[2], q[3], q[4]
    return None, None, None


def _fact(
    facts: dict[str, list[tuple[Any, str]]], prop: str, prefer_statistics: bool = False
) -> tuple[Any, bool] | tuple[None, bool]:
    """(value, from the statistics?) of a property: the statistics' value first when asked."""
    vals = facts.get(str(prop), [])
    if not vals:
        return None, False
    if prefer_statistics:
        for v, g in vals:
            if g == _STATS_GRAPH:
                return _value(v), True
    v, g = next(((v, g) for v, g in vals if g != _STATS_GRAPH), vals[0])
    return _value(v), g == _STATS_GRAPH


def area_story(store: Any, name: str) -> Story:
    """The story of the area ``name`` names (any name the build resolves; unknown: an error with
    suggestions)."""
    from graphkit.ask.areas import _OUTCOME_WORDS
    from graphkit.ask.query import resolve_area_name

    iri, label = resolve_area_name(store, name, name)
    rd = _Reader(store)
    area_facts = rd.facts(iri)
    story = Story(
        area=label,
        id=iri[len(str(ID)) :],
        region=_fact(area_facts, f"{GK}region")[0],
        la_code=_fact(area_facts, f"{GK}laCode")[0],
        gss=_fact(area_facts, f"{GK}gssCode")[0],
    )
    classes = {
        str(GK.InitialInspection): "initial",
        str(GK.Revisit): "revisit",
        str(GK.AreaSendInspection): "area_send_2023",
    }
    chapters = []
    for rec in rd.members(str(GK.area), iri):
        kinds = [classes[t] for t in classes if t in rec["types"]]
        if not kinds:
            continue
        i, kind = rec["s"], kinds[0]
        facts = rd.facts(i)
        start = _fact(facts, str(GK.startDate), prefer_statistics=kind != "area_send_2023")[0]
        chapters.append((start or dt.date.min, i, kind, facts))
    chapters.sort(key=lambda c: (c[0], c[1]))
    for _start, i, kind, facts in chapters:
        if kind == "initial":
            story.chapters.append(_initial(rd, i, facts, label))
        elif kind == "revisit":
            story.chapters.append(_revisit(rd, i, facts, label))
        else:
            story.chapters.append(_report(rd, i, facts, label, _OUTCOME_WORDS))
    return story


def _documents(rd: _Reader, inspection: str) -> list[str]:
    rows = rd.rows(f"SELECT DISTINCT ?f WHERE {{ ?d <{GK.about}> <{inspection}> ; <{GK.sourceFile}> ?f }} ORDER BY ?f")
    return [r["f"].value for r in rows]


def _said(
    quotes: dict[str, list[tuple[str | None, int, str, str, int | None]]],
    subject: str,
    prop: str,
    text: str,
    from_statistics: bool,
) -> Statement:
    """A statement with the letter's quote for ``subject``'s ``prop`` when it has one, else the statistics."""
    quote, doc, page = _evidence(quotes, subject, prop)
    if quote:
        return Statement(text, quote, doc, page)
    return Statement(text, None, STATISTICS if from_statistics else None, None)


def _opening(rd: _Reader, i: str, facts: dict[str, list[tuple[Any, str]]], verb: str) -> list[Statement]:
    quotes = rd.quotes([i])
    start, s_stats = _fact(facts, str(GK.startDate), prefer_statistics=True)
    end, _ = _fact(facts, str(GK.endDate))
    out = [_said(quotes, i, str(GK.startDate), f"Ofsted and the CQC {verb} {_span(start, end)}.", s_stats)]
    published, p_stats = _fact(facts, str(GK.publishedOn), prefer_statistics=True)
    if published:
        out.append(
            Statement(f"The findings were published on {_day(published)}.", None, STATISTICS if p_stats else None)
        )
    return out


def _people(rd: _Reader, i: str, docs: list[str]) -> list[Statement]:
    """Who inspected (the team's roles) and who led the partnership, each with the quote naming them."""
    rows = rd.rows(
        f"""SELECT DISTINCT ?m ?name ?role ?label ?org ?file WHERE {{
          ?d <{GK.about}> <{i}> ; <{GK.sourceFile}> ?file ; <{GK.mentions}> ?m .
          ?m a <{GK.PersonMention}> ; <{GK.nameAsWritten}> ?name .
          OPTIONAL {{ ?m <{_PROV}hadRole> ?role }} OPTIONAL {{ ?m <{GK.roleLabel}> ?label }}
          OPTIONAL {{ ?m <{GK.organisationName}> ?org }} }}"""
    )
    team: dict[str, dict[str, Any]] = {}
    leaders: dict[str, dict[str, Any]] = {}
    for r in rows:
        m = r["m"].value
        target = team if r["role"] is not None else leaders
        entry = target.setdefault(
            m, {"name": r["name"].value, "labels": set(), "org": None, "file": r["file"].value, "roles": set()}
        )
        if r["role"] is not None:
            entry["roles"].add(r["role"].value)
        if r["label"] is not None:
            entry["labels"].add(" ".join(r["label"].value.split()))
        if r["org"] is not None:
            entry["org"] = " ".join(r["org"].value.split())
    quotes = rd.quotes(list(team) + list(leaders))
    name_prop = str(GK.nameAsWritten)

    def where(m: str) -> tuple[int, str]:  # in the order the document names them
        starts = [q[1] for q in quotes.get(m, []) if q[0] == name_prop] or [q[1] for q in quotes.get(m, [])]
        return (min(starts) if starts else 1 << 30, m)

    out = []
    for what, group in (("inspected", team), ("led", leaders)):
        for m, e in sorted(group.items(), key=lambda kv: where(kv[0])):
            labels = sorted(e["labels"], key=len, reverse=True)
            role = labels[0] if labels else ""
            if what == "inspected" and str(GK.SeniorOfficer) in e["roles"] and str(GK.LeadInspector) not in e["roles"]:
                text = f"{e['name']}" + (f", {role}," if role else "") + " signed for the inspectorates."
            elif what == "inspected":
                text = f"{e['name']} inspected" + (f", as {role}" if role else "") + "."
            else:
                of = f" of {e['org']}" if e["org"] and e["org"].lower() not in role.lower() else ""
                text = f"{e['name']}" + (f", {role}{of}" if role else of) + ", was named among the area's leaders."
            quote, doc, page = _evidence(quotes, m, name_prop)
            if quote is None:
                quote, doc, page = _evidence(quotes, m)
            out.append(Statement(text, quote, doc or e["file"], page))
    return out


def _initial(rd: _Reader, i: str, facts: dict[str, list[tuple[Any, str]]], area: str) -> Chapter:
    start = _fact(facts, str(GK.startDate), prefer_statistics=True)[0]
    ch = Chapter("initial", f"Inspection, {start:%B %Y}" if start else "Inspection", start, i[len(str(ID)) :])
    ch.statements += _opening(rd, i, facts, f"inspected {area}'s SEND arrangements (2016–2022 framework) from")
    quotes = rd.quotes([i])
    wsoa, w_stats = _fact(facts, str(GK.wsoaRequired), prefer_statistics=True)
    count, c_stats = _fact(facts, str(GK.weaknessCount), prefer_statistics=True)
    weaknesses = sorted(
        (
            w
            for w in rd.members(str(GK.weaknessOf), i)
            if str(GK.quotesWeakness) not in w and str(GK.statementText) in w and str(GK.ordinal) in w
        ),
        key=lambda w: int(w[str(GK.ordinal)].value),
    )
    if wsoa is True:
        n = count if count is not None else (len(weaknesses) or None)
        text = "A written statement of action was required" + (
            f", for {n} areas of significant weakness." if n else "."
        )
        ch.statements.append(_said(quotes, i, str(GK.wsoaRequired), text, w_stats or c_stats))
    elif wsoa is False:
        ch.statements.append(
            _said(quotes, i, str(GK.wsoaRequired), "No written statement of action was required.", w_stats)
        )
    wq = rd.quotes([w["s"] for w in weaknesses])
    for w in weaknesses:
        quote, doc, page = _evidence(wq, w["s"])
        words = " ".join(w[str(GK.statementText)].value.split())
        n = int(w[str(GK.ordinal)].value) + 1
        ch.statements.append(Statement(f"Weakness {n}:", quote or words, doc, page))
    ch.statements += _people(rd, i, _documents(rd, i))
    return ch


def _revisit(rd: _Reader, i: str, facts: dict[str, list[tuple[Any, str]]], area: str) -> Chapter:
    start = _fact(facts, str(GK.startDate), prefer_statistics=True)[0]
    ch = Chapter("revisit", f"Revisit, {start:%B %Y}" if start else "Revisit", start, i[len(str(ID)) :])
    ch.statements += _opening(rd, i, facts, f"revisited {area} from")
    quotes = rd.quotes([i])
    improved, _ = _fact(facts, str(GK.weaknessesImproved))
    not_improved, _ = _fact(facts, str(GK.weaknessesNotImproved))
    progress = [(v, g) for v, g in facts.get(str(GK.overallProgress), [])]
    progress.sort(key=lambda vg: vg[1] != _STATS_GRAPH)  # the statistics first
    result = {
        "all": "sufficient progress in every area of significant weakness",
        "some": "sufficient progress in some areas of significant weakness but not all",
        "none": "insufficient progress in every area of significant weakness",
    }
    key = None
    p_stats = False
    if progress:
        key = {"AllImproved": "all", "SomeImproved": "some", "NoneImproved": "none"}.get(
            progress[0][0].value.rsplit("#", 1)[-1]
        )
        p_stats = progress[0][1] == _STATS_GRAPH
    if improved is not None and not_improved is not None:
        total = improved + not_improved
        text = f"The revisit found sufficient progress in {improved} of the {total} areas of significant weakness."
        ch.statements.append(Statement(text, None, STATISTICS))
    elif key:
        ch.statements.append(_said(quotes, i, str(GK.overallProgress), f"The revisit found {result[key]}.", p_stats))
    verdicts = sorted(
        (v for v in rd.members(str(GK.verdictOf), i) if str(GK.ordinal) in v and str(GK.sufficientProgress) in v),
        key=lambda v: int(v[str(GK.ordinal)].value),
    )
    vq = rd.quotes([v["s"] for v in verdicts])
    for v in verdicts:
        ok = v[str(GK.sufficientProgress)].value == "true"
        words = ""
        if str(GK.onWeakness) in v:
            texts = rd.facts(v[str(GK.onWeakness)].value).get(str(GK.statementText), [])
            words = " ".join(texts[0][0].value.split()) if texts else ""
        verdict = "sufficient progress" if ok else "not sufficient progress"
        text = f"Weakness {int(v[str(GK.ordinal)].value) + 1}" + (f" ({words})" if words else "") + f": {verdict}."
        quote, doc, page = _evidence(vq, v["s"])
        ch.statements.append(Statement(text, quote, doc, page))
    ch.statements += _people(rd, i, _documents(rd, i))
    return ch


def _report(
    rd: _Reader, i: str, facts: dict[str, list[tuple[Any, str]]], area: str, outcome_words: dict[str, str]
) -> Chapter:
    start = _fact(facts, str(GK.startDate))[0]
    ch = Chapter(
        "area_send_2023",
        f"Area SEND inspection, {start:%B %Y}" if start else "Area SEND inspection",
        start,
        i[len(str(ID)) :],
    )
    ch.statements += _opening(rd, i, facts, f"inspected the {area} local area partnership (2023 framework),")
    quotes = rd.quotes([i])
    outcome_vals = [v for v, _g in facts.get(str(GK.outcome), [])]
    if outcome_vals:
        key = {
            "PositiveOutcome": "positive",
            "InconsistentOutcome": "inconsistent",
            "WidespreadFailingsOutcome": "widespread_failings",
        }.get(outcome_vals[0].value.rsplit("#", 1)[-1])
        if key:
            from_stats = all(g == _STATS_GRAPH for _v, g in facts.get(str(GK.outcome), []))
            ch.statements.append(_said(quotes, i, str(GK.outcome), f"The outcome: {outcome_words[key]}.", from_stats))
    prev, _ = _fact(facts, str(GK.previousInspectionText))
    if prev:
        ch.statements.append(
            _said(quotes, i, str(GK.previousInspectionText), f"The previous inspection: {prev}.", False)
        )
    plan, plan_stats = _fact(facts, str(GK.priorityActionPlanRequired))
    if plan is not None:
        text = "A priority action plan was required." if plan else "No priority action plan was required."
        ch.statements.append(_said(quotes, i, str(GK.priorityActionPlanRequired), text, plan_stats))
    kinds = (str(GK.PriorityAction), str(GK.AreaForImprovement))
    actions = [
        a
        for a in rd.members(str(GK.actionOf), i)
        if a["types"] & set(kinds) and str(GK.ordinal) in a and str(GK.statementText) in a
    ]
    actions.sort(key=lambda a: (str(GK.PriorityAction) not in a["types"], int(a[str(GK.ordinal)].value)))
    aq = rd.quotes([a["s"] for a in actions])
    for a in actions:
        is_pa = str(GK.PriorityAction) in a["types"]
        words = " ".join(a[str(GK.statementText)].value.split())
        body_term = a.get(str(GK.responsibleBodyText))
        body = " ".join(body_term.value.split()) if body_term is not None else None
        n = a[str(GK.ordinal)].value
        label = f"Priority action {n}" if is_pa else f"Area for improvement {n}"
        who = f" (for {body})" if body else ""
        quote, doc, page = _evidence(aq, a["s"], str(GK.statementText))
        if quote is None:
            quote, doc, page = _evidence(aq, a["s"])
        ch.statements.append(Statement(f"{label}{who}:", quote or words, doc, page))
    months, _ = _fact(facts, str(GK.monitoringInspectionWithinMonths))
    if months is not None:
        ch.statements.append(
            _said(
                quotes,
                i,
                str(GK.monitoringInspectionWithinMonths),
                f"A monitoring inspection within about {months} months.",
                False,
            )
        )
    years, _ = _fact(facts, str(GK.nextFullInspectionWithinYears))
    if years is not None:
        end = _fact(facts, str(GK.endDate))[0] or start
        by = ""
        if end:
            from graphkit.ask.areas import _years_after

            by = f", that is by about {_day(_years_after(end, years))}"
        ch.statements.append(
            _said(
                quotes,
                i,
                str(GK.nextFullInspectionWithinYears),
                f"The next full inspection within about {years} years{by}.",
                False,
            )
        )
    ch.statements += _people(rd, i, _documents(rd, i))
    return ch


# -- rendering --------------------------------------------------------------------------------------


def _where(s: Statement) -> str:
    if not s.source:
        return ""
    return s.source + (f", page {s.page}" if s.page else "")


def _header(story: Story) -> str:
    bits = [b for b in (story.region, f"LA code {story.la_code}" if story.la_code else None, story.gss) if b]
    return story.area + (f" ({'; '.join(bits)})" if bits else "")


def render_story(story: Story, fmt: str = "text") -> str:
    """The story as ``text``, ``md`` (Markdown), ``json`` or ``html`` (one page, prints well)."""
    if fmt == "json":
        return json.dumps(asdict(story), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "md":
        lines = [f"# {_header(story)}", ""]
        for n, ch in enumerate(story.chapters, 1):
            lines += [f"## {n}. {ch.title}", ""]
            for s in ch.statements:
                lines.append(f"- {s.text}")
                if s.quote and s.quote != s.text:
                    lines.append(f"  > “{s.quote}”" + (f" — {_where(s)}" if s.source else ""))
                elif s.source:
                    lines.append(f"  ({_where(s)})")
            lines.append("")
        if not story.chapters:
            lines.append("No inspection of this area is in the graph.")
        return "\n".join(lines).rstrip() + "\n"
    if fmt == "html":
        return _html(story)
    if fmt != "text":
        from graphkit.errors import UsageError

        raise UsageError("--format", f'unknown format "{fmt}"', "Use one of " + ", ".join(STORY_FORMATS))
    import textwrap

    out = [_header(story), "=" * min(80, len(_header(story))), ""]
    for n, ch in enumerate(story.chapters, 1):
        out += [f"{n}. {ch.title}", ""]
        for s in ch.statements:
            out += textwrap.wrap(s.text, 96, initial_indent="   - ", subsequent_indent="     ")
            if s.quote and s.quote != s.text:
                out += textwrap.wrap(f"“{s.quote}”", 92, initial_indent="       ", subsequent_indent="       ")
            if s.source:
                out.append(f"       — {_where(s)}")
        out.append("")
    if not story.chapters:
        out.append("No inspection of this area is in the graph.")
    return "\n".join(out).rstrip() + "\n"


def _html(story: Story) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(story.area)}: area SEND inspections</title>",
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}"
        "h2{border-bottom:1px solid #ccc;margin-top:2em}li{margin:.6em 0}"
        "blockquote{margin:.3em 0 0 1em;padding-left:.8em;border-left:3px solid #999;color:#444}"
        "cite{display:block;font-size:.85em;color:#666;font-style:normal}</style></head><body>",
        f"<h1>{e(_header(story))}</h1>",
    ]
    for n, ch in enumerate(story.chapters, 1):
        parts.append(f"<section><h2>{n}. {e(ch.title)}</h2><ul>")
        for s in ch.statements:
            item = f"<li>{e(s.text)}"
            if s.quote and s.quote != s.text:
                item += f"<blockquote>“{e(s.quote)}”</blockquote>"
            if s.source:
                item += f"<cite>{e(_where(s))}</cite>"
            parts.append(item + "</li>")
        parts.append("</ul></section>")
    if not story.chapters:
        parts.append("<p>No inspection of this area is in the graph.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
