"""The site's pages as HTML strings: a shared frame, and one function per kind of page."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from html import escape

from graphkit.share.site.data import (
    GK,
    OUTCOME_WORDS,
    PROGRESS_WORDS,
    Area,
    Body,
    Document,
    Fact,
    Inspection,
    Person,
    SiteData,
    Statement,
    Theme,
    local,
    words,
)
from graphkit.share.site.hexmap import ATTRIBUTION

__all__ = ["CSP", "page", "FRAMEWORK_2016", "FRAMEWORK_2023", "category_2016", "category_2023"]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

FRAMEWORK_2023 = {
    "positive": ("positive", "#1a9850"),
    "inconsistent": ("inconsistent", "#fdd835"),
    "widespread_failings": ("widespread or systemic failings", "#b2182b"),
    "not_inspected": ("not yet inspected", "#d0d0d0"),
}
FRAMEWORK_2016 = {
    "no_wsoa": ("no written statement of action (WSoA)", "#2166ac"),
    "all": ("WSoA; revisit: sufficient progress on all weaknesses", "#92c5de"),
    "some": ("WSoA; revisit: sufficient progress on some", "#f4a582"),
    "none": ("WSoA; revisit: sufficient progress on none", "#b2182b"),
    "not_revisited": ("WSoA; not revisited by August 2022", "#fddbc7"),
    "not_inspected": ("not inspected 2016–22", "#d0d0d0"),
}

_CSS = """
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#d8d8d8;--accent:#1d4f91;--bg:#fafafa}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#1d4f91;color:#fff;padding:.5rem 1.2rem;display:flex;gap:1.5rem;align-items:baseline;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}header .brand{font-size:1.1rem}
main{padding:1rem 1.2rem;max-width:1400px;margin:auto}h1{font-size:1.6rem;margin:.3rem 0 .6rem}h2{font-size:1.25rem;margin:1.4rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1rem 0 .3rem}a{color:var(--accent)}.muted{color:var(--muted)}footer{font-size:.8rem;color:var(--muted);padding:1rem 1.2rem;border-top:1px solid var(--line);margin-top:2rem}
table{border-collapse:collapse;font-size:.88rem;background:#fff}th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
#areas-table{font-size:.8rem}#areas-table td{white-space:nowrap}
th{background:#eef1f6;position:sticky;top:0}table.sortable th{cursor:pointer}table.sortable th:after{content:" \\2195";color:#999}
.grid{display:flex;gap:1.5rem;align-items:flex-start;flex-wrap:wrap}.grid>*{min-width:0}
.hexmap text{font-size:6.5px;text-anchor:middle;pointer-events:none;font-weight:600}.hexmap a:hover path,.hexmap a:focus path{stroke:#000;stroke-width:1.5}
.hexmap path{stroke:#fff;stroke-width:.6}.legend{list-style:none;padding:0;margin:.4rem 0;columns:2;font-size:.85rem;max-width:640px}.legend li{display:flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;border:1px solid #999}.framework-choice label{margin-right:1rem}
.map-panel[hidden]{display:none}.table-wrap{max-height:80vh;overflow:auto;flex:1 1 520px}
.timeline{list-style:none;padding:0;border-left:3px solid var(--accent);margin-left:.5rem}
.timeline>li{margin:0 0 1.2rem 0;padding-left:1rem;position:relative}.timeline>li:before{content:"";position:absolute;left:-.55rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--accent)}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem}.when{font-weight:700}.kind{text-transform:capitalize}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.8rem;font-weight:600;color:#fff}
blockquote{margin:.3rem 0 .2rem;padding:.2rem .6rem;border-left:3px solid #bbb;background:#f6f6f6}
.src{font-size:.8rem}.stmts{padding-left:1.2rem}.stmts>li{margin:.5rem 0}.chip{display:inline-block;background:#eef1f6;border-radius:10px;padding:0 .5rem;font-size:.75rem;margin-right:.2rem}
.ok{color:#1a7a3c;font-weight:600}.notok{color:#b2182b;font-weight:600}svg.network text{font-size:11px}
.chart{background:#fff;border:1px solid var(--line);padding:.4rem;overflow:auto;max-width:100%}
.review{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr);gap:1rem}
pre.doc{white-space:pre-wrap;background:#fff;border:1px solid var(--line);padding:1rem;font:14px/1.55 Georgia,serif;margin:0}
.m{background:#fff1a8;border-bottom:2px solid #e0b000;cursor:pointer}.m.t-weakness{background:#f9d3d6;border-color:#b2182b}
.m.t-priority{background:#fde0c9;border-color:#d6604d}.m.t-improvement{background:#d6e6f5;border-color:#2166ac}
.m.t-finding{background:#eee9f7;border-color:#8073ac}.m.t-person{background:#d9f0d3;border-color:#1a9850}.m.t-body{background:#d8f0f0;border-color:#35978f}
.m.doubt{outline:2px dashed #b2182b}.m.on{background:#ffe14d!important;box-shadow:0 0 0 2px #000}
.facts{position:sticky;top:.5rem;max-height:95vh;overflow:auto;background:#fff;border:1px solid var(--line);padding:.5rem}
.facts ol{padding-left:1.4rem;margin:.2rem 0}.facts li{cursor:pointer;margin:.15rem 0;font-size:.85rem}.facts li.on{background:#ffe14d}
.facts .type{font-weight:600}.doubtmsg{color:#b2182b;font-size:.8rem}#fact-details{border:1px solid var(--line);padding:.4rem;margin-bottom:.5rem;min-height:3rem;background:#fffbe6}
"""

_SORT_JS = """
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
    var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=th.getAttribute('data-dir')!=='asc';
    t.querySelectorAll('th').forEach(function(h){h.removeAttribute('data-dir')});th.setAttribute('data-dir',asc?'asc':'desc');
    function key(r){var c=r.cells[i];var v=c.getAttribute('data-sort');if(v===null)v=c.textContent.trim();var n=parseFloat(v);return isNaN(n)||!/^-?[0-9.]+$/.test(v)?v.toLowerCase():n}
    rows.sort(function(x,y){var a=key(x),c=key(y);if(a===c)return 0;if(a===''||a===null)return 1;if(c===''||c===null)return -1;return (a<c?-1:1)*(asc?1:-1)});
    rows.forEach(function(r){b.appendChild(r)});
  })});
});
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def page(title: str, body: str, root: str, script: str = "", standalone: bool = False) -> str:
    """A complete page: CSP, inline style, navigation, footer and any inline script."""
    nav = "".join(
        f'<a href="{root}{href}">{label}</a>'
        for href, label in (
            ("index.html", "Map of areas"),
            ("themes/index.html", "Themes"),
            ("people/index.html", "People"),
            ("bodies/index.html", "Bodies"),
            ("documents/index.html", "Documents"),
        )
    )
    scripts = f"<script>{script}{_SORT_JS}</script>" if script or "sortable" in body else ""
    header = f'<header><a class="brand" href="{root}index.html">SEND inspections atlas</a>{nav}</header>'
    if standalone:
        header = '<header><span class="brand">graphkit: what was read from this document</span></header>'
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} · SEND inspections atlas</title><style>{_CSS}</style></head><body>"
        f"{header}<main>{body}</main>"
        "<footer>Built by graphkit from Ofsted/CQC local area SEND inspection letters and reports and Ofsted's "
        "official statistics (Crown copyright, Open Government Licence v3.0). Every statement links to the words "
        f"it was read from. {e(ATTRIBUTION)}</footer>"
        f"{scripts}</body></html>"
    )


def fmt_date(iso: str) -> str:
    months = "January February March April May June July August September October November December".split()
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{months[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def category_2016(area: Area) -> str:
    insp = area.latest(("initial inspection",))
    if insp is None:
        return "not_inspected"
    if insp.wsoa_required is False:
        return "no_wsoa"
    revisit = next((i for i in area.inspections if i.kind == "revisit" and i.revisit_of == insp.iri), None)
    if revisit is None:
        revisit = area.latest(("revisit",))
    if revisit is not None and revisit.progress:
        return revisit.progress
    return "not_revisited"


def category_2023(area: Area) -> str:
    insp = area.latest(("area SEND inspection",))
    return insp.outcome_key if insp is not None and insp.outcome_key else "not_inspected"


def _doc_link(data: SiteData, doc_iri: str | None, start: int | None, end: int | None, root: str) -> str:
    doc = data.documents.get(doc_iri or "")
    if doc is None:
        return ""
    anchor = f"#q-{start}-{end}" if start is not None else ""
    where = f", characters {start}–{end}" if start is not None else ""
    return f'<a class="src" href="{root}documents/{e(doc.page)}.html{anchor}">{e(doc.source)}{where}</a>'


def _quote(data: SiteData, st: Statement, root: str) -> str:
    doc = data.documents.get(st.document or "")
    text = st.text
    if doc is not None and st.start is not None and st.end is not None:
        text = doc.text[st.start : st.end]
    link = (
        _doc_link(data, st.document, st.start, st.end, root)
        if st.start is not None
        else '<span class="src muted">no quote recorded</span>'
    )
    return f"<blockquote>{e(text)}</blockquote>{link}"


def _themes_chips(data: SiteData, st: Statement, root: str) -> str:
    chips = []
    for t in st.themes:
        theme = data.themes.get(t)
        if theme is not None:
            chips.append(f'<a class="chip" href="{root}themes/{e(theme.notation)}.html">{e(theme.label)}</a>')
    return " ".join(chips)


def _verdict(data: SiteData, st: Statement, root: str) -> str:
    if st.verdict is None:
        return ""
    word = (
        '<span class="ok">sufficient progress</span>'
        if st.verdict
        else '<span class="notok">not sufficient progress</span>'
    )
    return f"<div>Revisit verdict: {word} {_doc_link(data, st.verdict_document, st.verdict_start, st.verdict_end, root)}</div>"


def statement_item(data: SiteData, st: Statement, root: str, with_area: bool = False) -> str:
    same = [s for s in data.inspections[st.inspection].statements if s.kind == st.kind]
    number = same.index(st) + 1 if st in same else st.ordinal  # letters count from 0 or 1: show 1, 2, 3...
    head = f"<strong>{e(st.kind.capitalize())} {number}</strong>"
    if with_area:
        insp = data.inspections[st.inspection]
        area = data.areas[insp.area]
        head = (
            f'<a href="{root}areas/{e(area.slug)}.html">{e(area.label)}</a>, {e(insp.kind)} {e(fmt_date(insp.date))} — '
            + head
        )
    resp = f"<div>Responsible: {e(st.responsible)}</div>" if st.responsible else ""
    return f"<li>{head} {_themes_chips(data, st, root)}{_quote(data, st, root)}{resp}{_verdict(data, st, root)}</li>"


_REVISIT_SHORT = {
    "all": "sufficient progress on all",
    "some": "on some",
    "none": "on none",
    "not_revisited": "not revisited",
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# -- home ------------------------------------------------------------------------------------------


def home_page(
    data: SiteData, maps: dict[str, str], counts: dict[str, Counter[str]], missing: list[str], charts: str
) -> str:
    panels = []
    for key, scheme, title in (
        ("2023", FRAMEWORK_2023, "2023 framework: latest outcome"),
        ("2016", FRAMEWORK_2016, "2016–22 framework: written statement of action and revisit"),
    ):
        legend = "".join(
            f'<li data-category="{cat}"><span class="swatch" style="background:{colour}" data-colour="{colour}"></span>{e(label)} '
            f'<strong data-count="{cat}">{counts[key][cat]}</strong></li>'
            for cat, (label, colour) in scheme.items()
        )
        hidden = "" if key == "2023" else " hidden"
        panels.append(
            f'<section class="map-panel" id="panel-{key}"{hidden}><h2>{e(title)}</h2>'
            f'<ul class="legend">{legend}</ul>{maps[key]}</section>'
        )
    rows = []
    for area in sorted(data.areas.values(), key=lambda a: a.label):
        initial = area.latest(("initial inspection",))
        revisit = area.latest(("revisit",))
        latest = area.latest(("area SEND inspection",))
        pas = sum(1 for s in latest.statements if s.kind == "priority action") if latest else ""
        docs = sum(len(i.documents) for i in area.inspections)
        c16, c23 = category_2016(area), category_2023(area)
        rows.append(
            "<tr>"
            f'<td><a href="areas/{e(area.slug)}.html">{e(area.label)}</a></td><td>{e(area.region)}</td>'
            f'<td data-sort="{e(initial.date if initial else "")}">{e(fmt_date(initial.date)) if initial else ""}</td>'
            f"<td>{'yes' if initial and initial.wsoa_required else 'no' if initial else ''}</td>"
            f"<td>{e(initial.weakness_count) if initial and initial.weakness_count is not None else ''}</td>"
            f'<td data-sort="{e(revisit.progress if revisit else "")}">{e(_REVISIT_SHORT.get(c16, ""))}</td>'
            f'<td data-sort="{e(latest.date if latest else "")}">{e(fmt_date(latest.date)) if latest else ""}</td>'
            f"<td>{e(FRAMEWORK_2023[c23][0]) if latest else ''}</td><td>{pas}</td><td>{docs}</td></tr>"
        )
    table = (
        '<table class="sortable" id="areas-table"><thead><tr><th>Area</th><th>Region</th><th>Initial inspection</th>'
        "<th>WSoA</th><th>Weaknesses</th><th>Revisit</th><th>2023-framework inspection</th><th>Outcome</th>"
        f"<th>Priority actions</th><th>Documents</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    off_map = ""
    if missing:
        names = ", ".join(
            f'<a href="areas/{e(data.areas[k].slug)}.html">{e(data.areas[k].label)}</a>' for k in sorted(missing)
        )
        off_map = f"<p>Not on the map (no cell for their GSS code): {names}</p>"
    body = (
        "<h1>England's local area SEND inspections</h1>"
        f'<p class="muted">{_count(len(data.areas), "area")}, {_count(len(data.inspections), "inspection")} '
        f"and revisits, {_count(len(data.documents), 'letter')} and reports read. Choose a framework; each hexagon links to its area.</p>"
        '<p class="framework-choice"><strong>Framework:</strong> '
        '<label><input type="radio" name="fw" value="2023" checked> 2023 (area SEND inspections)</label>'
        '<label><input type="radio" name="fw" value="2016"> 2016–22 (joint inspections and revisits)</label></p>'
        f'<div class="grid"><div>{"".join(panels)}{off_map}</div><div class="table-wrap">{table}</div></div>'
        f"<h2>By region</h2>{charts}"
    )
    script = """
function framework(v){document.querySelectorAll('.map-panel').forEach(function(p){p.hidden=p.id!=='panel-'+v});
  document.querySelector('input[name=fw][value="'+v+'"]').checked=true;}
document.querySelectorAll('input[name=fw]').forEach(function(r){r.addEventListener('change',function(){
  framework(r.value);history.replaceState(null,'','#'+r.value);});});
function fromHash(){if(location.hash==='#2016'||location.hash==='#2023')framework(location.hash.slice(1));}
window.addEventListener('hashchange',fromHash);fromHash();
"""
    return page("Map of areas", body, "", script)


# -- area ------------------------------------------------------------------------------------------


def _inspection_card(data: SiteData, insp: Inspection, root: str) -> str:
    when = fmt_date(insp.start or insp.month)
    if insp.end and insp.end != insp.start:
        when += f" to {fmt_date(insp.end)}"
    sources = []
    if insp.from_statistics:
        sources.append("Ofsted's official statistics")
    for d in insp.documents:
        doc = data.documents[d]
        sources.append(f'<a href="{root}documents/{e(doc.page)}.html">{e(doc.source)}</a>')
    parts = [
        f'<div class="card" data-inspection="{e(insp.iri)}"><div><span class="when">{e(when)}</span> · '
        f'<span class="kind">{e(insp.kind)}</span></div><div class="src">From: {"; ".join(sources)}</div>'
    ]
    facts = []
    if insp.kind == "initial inspection":
        if insp.wsoa_required is not None:
            facts.append(
                f"Written statement of action required: <strong>{'yes' if insp.wsoa_required else 'no'}</strong>"
            )
        if insp.weakness_count is not None:
            facts.append(f"Areas of significant weakness (statistics): <strong>{insp.weakness_count}</strong>")
        if insp.wsoa_issued:
            facts.append(f"WSoA issued {e(fmt_date(insp.wsoa_issued))}")
        if insp.wsoa_fit:
            facts.append(f"declared fit for purpose {e(fmt_date(insp.wsoa_fit))}")
    if insp.kind == "revisit":
        if insp.progress:
            facts.append(
                f"Result: <strong>{e(FRAMEWORK_2016[insp.progress][0].removeprefix('WSoA; revisit: '))}</strong>"
            )
        if insp.improved is not None:
            facts.append(f"{insp.improved} weaknesses improved sufficiently, {insp.not_improved} not (statistics)")
    if insp.kind == "area SEND inspection":
        if insp.outcome:
            colour = FRAMEWORK_2023.get(insp.outcome_key, ("", "#777"))[1]
            ink = "#111" if insp.outcome_key == "inconsistent" else "#fff"
            facts.append(
                f'Outcome: <span class="badge" style="background:{colour};color:{ink}">{e(insp.outcome)}</span>'
            )
        if insp.previous_text:
            facts.append(f"Previous inspection: {e(insp.previous_text)}")
        if insp.pa_plan is not None:
            facts.append(f"Priority action plan required: {'yes' if insp.pa_plan else 'no'}")
    if insp.published:
        facts.append(f"published {e(fmt_date(insp.published))}")
    if facts:
        parts.append("<div>" + "; ".join(facts) + "</div>")
    groups: dict[str, list[Statement]] = defaultdict(list)
    for st in insp.statements:
        groups[st.kind].append(st)
    for kind, title in (
        ("weakness", "Areas of significant weakness"),
        ("priority action", "Areas for priority action"),
        ("area for improvement", "Areas for improvement"),
    ):
        if groups.get(kind):
            items = "".join(statement_item(data, s, root) for s in groups[kind])
            parts.append(f"<h3>{title}</h3><ol class='stmts'>{items}</ol>")
    if insp.kind == "revisit" and insp.revisit_of in data.inspections:
        judged = [s for s in data.inspections[insp.revisit_of].statements if s.verdict is not None]
        if judged:
            items = "".join(
                f"<li>{'<span class=ok>sufficient progress</span>' if s.verdict else '<span class=notok>not sufficient progress</span>'}"
                f" on weakness {n}: {e(s.text[:140])}{'…' if len(s.text) > 140 else ''} "
                f"{_doc_link(data, s.verdict_document, s.verdict_start, s.verdict_end, root)}</li>"
                for n, s in enumerate(judged, 1)
            )
            parts.append(f"<h3>Verdicts</h3><ul class='stmts'>{items}</ul>")
    team = [(p, ctx, role) for p, ctx, role in data.people_of.get(insp.iri, []) if ctx != "addressee"]
    if team:
        people = "; ".join(
            f'<a href="{root}people/{e(p.slug)}.html">{e(p.name)}</a> ({e(role or ctx)})' for p, ctx, role in team
        )
        parts.append(f"<div><strong>People:</strong> {people}</div>")
    bodies = [data.bodies[b] for b in insp.bodies if b in data.bodies]
    if bodies:
        parts.append(
            "<div><strong>Bodies:</strong> "
            + "; ".join(f'<a href="{root}bodies/{e(b.slug)}.html">{e(b.label)}</a> ({e(b.kind)})' for b in bodies)
            + "</div>"
        )
    parts.append("</div>")
    return "".join(parts)


def network_svg(data: SiteData, area: Area, root: str) -> str:
    """The area's neighbourhood: the area, its inspections, and the bodies and lead people of each."""
    insps = area.inspections
    if not insps:
        return ""
    width, height = 1000, 480
    cx, cy = width / 2, height / 2
    nodes: list[tuple[float, float, str, str, str]] = []  # x, y, label, kind, href
    edges: list[tuple[float, float, float, float]] = []
    outer: list[tuple[int, str, str, str]] = []  # inspection index, label, kind, href
    for n, insp in enumerate(insps):
        for b in insp.bodies:
            body = data.bodies.get(b)
            if body is not None:
                outer.append((n, body.label, "body", f"{root}bodies/{body.slug}.html"))
        leads = {p.iri: p for p, _ctx, role in data.people_of.get(insp.iri, []) if "lead inspector" in role}
        for p in leads.values():
            outer.append((n, p.name, "person", f"{root}people/{p.slug}.html"))
    seen: dict[tuple[str, str], int] = {}
    uniq: list[tuple[list[int], str, str, str]] = []
    for n, label, kind, href in outer:
        key = (kind, href)
        if key in seen:
            uniq[seen[key]][0].append(n)
        else:
            seen[key] = len(uniq)
            uniq.append(([n], label, kind, href))
    ring1, ring2 = 100.0, 200.0  # vertical radii; horizontal ones 1.3x and 1.4x, labels need the width
    ipos = []
    for n, insp in enumerate(insps):
        a = -math.pi / 2 + 2 * math.pi * (n + 0.5) / len(insps)
        x, y = cx + ring1 * 1.3 * math.cos(a), cy + ring1 * math.sin(a)
        ipos.append((x, y))
        edges.append((cx, cy, x, y))
        nodes.append((x, y, f"{insp.year} {insp.kind}", "inspection", "#" + local(insp.iri)))
    for k, (ns, label, kind, href) in enumerate(uniq):
        a = -math.pi / 2 + 2 * math.pi * (k + 0.5) / max(1, len(uniq))
        x, y = cx + ring2 * 1.4 * math.cos(a), cy + ring2 * math.sin(a)
        for n in ns:
            edges.append((ipos[n][0], ipos[n][1], x, y))
        nodes.append((x, y, label, kind, href))
    colours = {"area": "#1d4f91", "inspection": "#6a51a3", "body": "#35978f", "person": "#1a9850"}
    out = [
        f'<svg class="network" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{e(area.label)}: inspections, bodies and lead inspectors">'
    ]
    for x1, y1, x2, y2 in edges:
        out.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#bbb"/>')
    nodes.insert(0, (cx, cy, area.label, "area", "#"))
    for x, y, label, kind, href in nodes:
        short = label if len(label) <= 34 else label[:32] + "…"
        anchor = "middle" if abs(x - cx) < 60 else ("start" if x > cx else "end")
        dx = 0 if anchor == "middle" else (8 if anchor == "start" else -8)
        dy = -9 if anchor == "middle" and y < cy else 15 if anchor == "middle" else 4
        r = 9 if kind == "area" else 6
        out.append(
            f'<a href="{e(href)}"><circle cx="{x:.0f}" cy="{y:.0f}" r="{r}" fill="{colours[kind]}"><title>{e(label)} ({kind})</title></circle>'
            f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}" class="node-label">{e(short)}</text></a>'
        )
    out.append("</svg>")
    legend = " ".join(f'<span class="swatch" style="background:{c}"></span> {k}' for k, c in colours.items())
    return "".join(out) + f'<p class="muted">{legend}</p>'


def area_page(data: SiteData, area: Area) -> str:
    root = "../"
    items = "".join(
        f'<li id="{e(local(i.iri))}" data-kind="{e(i.kind)}" data-date="{e(i.date)}" class="inspection">'
        f"{_inspection_card(data, i, root)}</li>"
        for i in area.inspections
    )
    c16, c23 = category_2016(area), category_2023(area)
    summary = (
        f"<p>{e(area.region)} · GSS code {e(area.gss)} · 2016–22: {e(FRAMEWORK_2016[c16][0])} · "
        f"2023 framework: {e(FRAMEWORK_2023[c23][0])}</p>"
    )
    body = (
        f"<h1>{e(area.label)}</h1>{summary}<h2>Its story</h2>"
        f'<ol class="timeline" id="timeline">{items}</ol>'
        f"<h2>Who and what is connected</h2>{network_svg(data, area, root)}"
    )
    return page(area.label, body, root)


# -- themes ----------------------------------------------------------------------------------------


def theme_rows(data: SiteData, statements: Iterable[Statement], by: str) -> list[dict[str, object]]:
    counts: Counter[tuple[str, str]] = Counter()
    for st in statements:
        insp = data.inspections[st.inspection]
        key = insp.year if by == "year" else data.areas[insp.area].region or "unknown"
        counts[(key, st.kind)] += 1
    return [{by: k, "kind": kind, "count": n} for (k, kind), n in sorted(counts.items())]


def rows_table(rows: list[dict[str, object]], by: str, kinds: list[str]) -> str:
    keys = sorted({str(r[by]) for r in rows})
    cell = {(str(r[by]), r["kind"]): r["count"] for r in rows}
    head = "".join(f"<th>{e(k)}</th>" for k in kinds)
    body = "".join(
        f"<tr><td>{e(k)}</td>" + "".join(f"<td>{cell.get((k, kind), 0)}</td>" for kind in kinds) + "</tr>" for k in keys
    )
    return (
        f'<table class="sortable numbers"><thead><tr><th>{e(by)}</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


KINDS = ["weakness", "priority action", "area for improvement"]


def theme_page(data: SiteData, theme: Theme, chart_svg: str) -> str:
    root = "../"
    sts = sorted(
        theme.statements,
        key=lambda s: (data.areas[data.inspections[s.inspection].area].label, s.kind, s.ordinal),
    )
    n = Counter(s.kind for s in sts)
    by_year = rows_table(theme_rows(data, sts, "year"), "year", KINDS)
    by_region = rows_table(theme_rows(data, sts, "region"), "region", KINDS)
    lists = ""
    for kind in KINDS:
        items = "".join(statement_item(data, s, root, with_area=True) for s in sts if s.kind == kind)
        if items:
            lists += f"<h3>{e(kind.capitalize())}s ({n[kind]})</h3><ol class='stmts'>{items}</ol>"
    body = (
        f"<h1>Theme: {e(theme.label)}</h1><p>{e(theme.definition)}</p>"
        f"<p>{n['weakness']} weaknesses (2016–22), {n['priority action']} priority actions and "
        f"{n['area for improvement']} areas for improvement (2023 framework) coded to this theme.</p>"
        f'<div class="chart">{chart_svg}</div>'
        f'<div class="grid"><div><h3>By year</h3>{by_year}</div><div><h3>By region</h3>{by_region}</div></div>'
        f"<h2>Every statement</h2>{lists or '<p>None.</p>'}"
    )
    return page(theme.label, body, root)


def themes_index(data: SiteData, chart_svg: str) -> str:
    rows = []
    for t in sorted(data.themes.values(), key=lambda t: -len(t.statements)):
        c = Counter(s.kind for s in t.statements)
        rows.append(
            f'<tr><td><a href="{e(t.notation)}.html">{e(t.label)}</a></td>'
            + "".join(f"<td>{c[k]}</td>" for k in KINDS)
            + "</tr>"
        )
    body = (
        "<h1>Themes</h1><p>Weaknesses (2016–22 written statements of action) against the 2023 framework's "
        "priority actions and areas for improvement, coded to a shared set of themes.</p>"
        f'<div class="chart">{chart_svg}</div>'
        '<table class="sortable numbers"><thead><tr><th>theme</th><th>weaknesses</th><th>priority actions</th>'
        f"<th>areas for improvement</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return page("Themes", body, "../")


# -- people and bodies -----------------------------------------------------------------------------


def _insp_ref(data: SiteData, insp_iri: str, root: str) -> str:
    insp = data.inspections.get(insp_iri)
    if insp is None:
        return ""
    area = data.areas[insp.area]
    return (
        f'<a href="{root}areas/{e(area.slug)}.html#{e(local(insp.iri))}">{e(area.label)}</a>, '
        f"{e(insp.kind)} {e(fmt_date(insp.date))}"
    )


def person_page(data: SiteData, person: Person) -> str:
    root = "../"
    rows = "".join(
        f'<tr><td data-sort="{e(data.inspections[i].date if i in data.inspections else "")}">{_insp_ref(data, i, root)}</td>'
        f"<td>{e(ctx)}</td><td>{e(role)}</td><td>{_doc_link(data, d, None, None, root)}</td></tr>"
        for i, d, ctx, role in sorted(
            person.roles, key=lambda r: data.inspections[r[0]].date if r[0] in data.inspections else ""
        )
    )
    body = (
        f"<h1>{e(person.name)}</h1>"
        '<table class="sortable"><thead><tr><th>inspection</th><th>as</th><th>role</th><th>document</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return page(person.name, body, root)


def people_index(data: SiteData) -> str:
    rows = []
    for p in sorted(data.people.values(), key=lambda p: p.name):
        led = sum(1 for r in p.roles if r[2] in ("inspection team", "signatory") and "lead inspector" in r[3])
        joined = sum(1 for r in p.roles if r[2] in ("inspection team", "signatory")) - led
        other = sorted({r[2] for r in p.roles if r[2] not in ("inspection team", "signatory")})
        rows.append(
            f'<tr><td><a href="{e(p.slug)}.html">{e(p.name)}</a></td><td>{led}</td><td>{joined}</td>'
            f"<td>{e(', '.join(other))}</td></tr>"
        )
    body = (
        "<h1>People</h1><p>Inspectors with the inspections they led or joined; partnership leaders and the "
        "people letters were addressed to.</p>"
        '<table class="sortable"><thead><tr><th>name</th><th>inspections led</th><th>joined or signed</th>'
        f"<th>also named as</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return page("People", body, "../")


def body_page(data: SiteData, body: Body) -> str:
    root = "../"
    areas = sorted((data.areas[a] for a in body.areas if a in data.areas), key=lambda a: a.label)
    area_links = ", ".join(f'<a href="{root}areas/{e(a.slug)}.html">{e(a.label)}</a>' for a in areas)
    insps = sorted(body.inspections, key=lambda i: data.inspections[i].date)
    parts = [f"<h1>{e(body.label)}</h1><p>{e(body.kind.capitalize())}"]
    if body.from_date:
        parts.append(f", from {e(fmt_date(body.from_date))}")
    if body.until:
        parts.append(f", until {e(fmt_date(body.until))}")
    parts.append("</p>")
    if len(body.labels) > 1:
        parts.append(f"<p class='muted'>Also written: {e('; '.join(body.labels))}</p>")
    parts.append(f"<h2>Areas</h2><p>{area_links or 'none'}</p>")
    if insps:
        parts.append(
            "<h2>Inspections naming it</h2><ul>"
            + "".join(f"<li>{_insp_ref(data, i, root)}</li>" for i in insps)
            + "</ul>"
        )
    if body.statements:
        items = "".join(statement_item(data, s, root, with_area=True) for s in body.statements)
        parts.append(
            f"<h2>Priority actions it is responsible for ({len(body.statements)})</h2><ol class='stmts'>{items}</ol>"
        )
    if body.kind == "integrated care board":
        before = sorted(
            (b for b in data.bodies.values() if b.kind == "clinical commissioning group" and b.areas & body.areas),
            key=lambda b: b.label,
        )
        links = ", ".join(f'<a href="{e(b.slug)}.html">{e(b.label)}</a>' for b in before)
        parts.append(
            f"<h2>Clinical commissioning groups before it</h2><p>{links or 'No CCG of its areas is named in the letters read.'}</p>"
        )
    return page(body.label, "".join(parts), root)


def bodies_index(data: SiteData) -> str:
    parts = ["<h1>Bodies</h1>"]
    for kind in (
        "integrated care board",
        "clinical commissioning group",
        "local authority",
        "parent carer forum",
        "inspectorate",
    ):
        bodies = sorted((b for b in data.bodies.values() if b.kind == kind), key=lambda b: b.label)
        if not bodies:
            continue
        rows = "".join(
            f'<tr><td><a href="{e(b.slug)}.html">{e(b.label)}</a></td><td>{len(b.areas)}</td>'
            f"<td>{len(b.inspections)}</td><td>{len(b.statements)}</td></tr>"
            for b in bodies
        )
        parts.append(
            f"<h2>{e(kind.capitalize())}s ({len(bodies)})</h2><table class='sortable'><thead><tr><th>name</th>"
            f"<th>areas</th><th>inspections</th><th>priority actions</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return page("Bodies", "".join(parts), "../")


# -- documents -------------------------------------------------------------------------------------


def fact_type(fact: Fact) -> str:
    cls = set(fact.classes)
    if "SignificantWeakness" in cls:
        return "weakness"
    if "PriorityAction" in cls:
        return "priority"
    if "AreaForImprovement" in cls:
        return "improvement"
    if "Finding" in cls:
        return "finding"
    if cls & {"PersonMention", "Association", "Addressee", "Membership"}:
        return "person"
    if "BodyMention" in cls:
        return "body"
    return "fact"


_TYPE_WORDS = {
    "weakness": "weakness",
    "priority": "priority action",
    "improvement": "area for improvement",
    "finding": "finding",
    "person": "person",
    "body": "body",
    "fact": "fact",
}


def fact_label(fact: Fact) -> tuple[str, str]:
    """(what, value) of a fact, in words."""
    what = _TYPE_WORDS[fact_type(fact)]
    prop = words(fact.prop) if fact.prop else "named"
    concepts = {**OUTCOME_WORDS, **{k: f"sufficient progress on {v}" for k, v in PROGRESS_WORDS.items()}}
    vals = [concepts.get(local(v), local(v)) if v.startswith(GK) else v for v in fact.values] or [fact.exact]
    return f"{what}: {prop}", "; ".join(vals)


def document_page(data: SiteData, doc: Document, standalone: bool = False) -> str:
    """The document's text with every quoted fact highlighted; ``standalone``: no links to other pages."""
    root = "../"
    text = doc.text
    facts = [f for f in doc.facts if 0 <= f.start < f.end <= len(text)]
    bounds = sorted({0, len(text), *(f.start for f in facts), *(f.end for f in facts)})
    starts: dict[int, list[int]] = defaultdict(list)
    for n, f in enumerate(facts):
        starts[f.start].append(n)
    active: set[int] = set()
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = {n for n in active if facts[n].end > a} | set(starts.get(a, []))
        seg = e(text[a:b])
        if active:
            inner = min(active, key=lambda n: facts[n].end - facts[n].start)
            doubt = " doubt" if any(facts[n].doubts for n in active) else ""
            ids = " ".join(str(n) for n in sorted(active))
            out.append(f'<span class="m t-{fact_type(facts[inner])}{doubt}" data-f="{ids}">{seg}</span>')
        else:
            out.append(seg)
    seen_anchor: set[str] = set()
    items = []
    for n, f in enumerate(facts):
        what, value = fact_label(f)
        anchor = f"q-{f.start}-{f.end}"
        id_attr = f' id="{anchor}"' if anchor not in seen_anchor else ""
        seen_anchor.add(anchor)
        doubts = "".join(f'<div class="doubtmsg">{e(d)}</div>' for d in f.doubts)
        items.append(
            f'<li{id_attr} data-n="{n}" data-start="{f.start}" data-end="{f.end}" data-prop="{e(local(f.prop) if f.prop else "")}"'
            f' data-exact="{e(f.exact)}" data-value="{e(value)}"><span class="type">{e(what)}</span> '
            f'<span class="val">{e(value[:160])}{"…" if len(value) > 160 else ""}</span>'
            f' <span class="muted">[{f.start}–{f.end}]</span>{doubts}</li>'
        )
    findings = ""
    if doc.findings:
        findings = (
            "<h2>What the self-checks found</h2><ul>"
            + "".join(
                f"<li><strong>{e(sev)}</strong>: {e(msg)} <span class='muted'>({e(local(path)) if path else e(local(focus))})</span></li>"
                for sev, focus, path, msg in doc.findings
            )
            + "</ul>"
        )
    insp = data.inspections.get(doc.inspection)
    insp_ref = _insp_ref(data, doc.inspection, root)
    if standalone:
        insp_ref = f"{e(data.areas[insp.area].label)}, {e(insp.kind)} {e(fmt_date(insp.date))}" if insp else ""
    counts = Counter(fact_type(f) for f in facts)
    legend = " ".join(f'<span class="m t-{t}">{e(_TYPE_WORDS[t])}</span> {counts[t]}' for t in _TYPE_WORDS if counts[t])
    body = (
        f"<h1>{e(doc.title)}</h1><p>{e(doc.source)} · {e(words(doc.kind))} · {insp_ref}</p>"
        f"<p>{len(facts)} facts read from this document, highlighted where they were read "
        f"(click one in the text or the list). {legend}</p>{findings}"
        # the newline after <pre> is eaten by the HTML parser, so the text keeps its own first character
        f'<div class="review"><pre class="doc" id="doc-text">\n{"".join(out)}</pre>'
        f'<div class="facts"><div id="fact-details">Click a highlight or a fact.</div>'
        f'<ol id="fact-list">{"".join(items)}</ol></div></div>'
    )
    script = """
var list=document.getElementById('fact-list'),details=document.getElementById('fact-details');
function marksOf(n){return Array.prototype.filter.call(document.querySelectorAll('#doc-text .m'),function(m){return m.getAttribute('data-f').split(' ').indexOf(String(n))>=0})}
function clear(){document.querySelectorAll('.on').forEach(function(x){x.classList.remove('on')})}
function show(ns,scroll){clear();var html='';ns.forEach(function(n){var li=list.querySelector('li[data-n="'+n+'"]');li.classList.add('on');
  html+='<div>'+li.innerHTML+'</div>';marksOf(n).forEach(function(m){m.classList.add('on')})});details.innerHTML=html;
  if(scroll){var m=marksOf(ns[0])[0];if(m)m.scrollIntoView({block:'center'})}}
document.getElementById('doc-text').addEventListener('click',function(ev){var m=ev.target.closest('.m');if(m){var ns=m.getAttribute('data-f').split(' ');show(ns,false);var li=list.querySelector('li[data-n="'+ns[0]+'"]');li.scrollIntoView({block:'nearest'})}});
list.addEventListener('click',function(ev){var li=ev.target.closest('li');if(li)show([li.getAttribute('data-n')],true)});
if(location.hash){var t=document.getElementById(location.hash.slice(1));if(t&&t.getAttribute('data-n')!==null){show([t.getAttribute('data-n')],true)}}
window.graphkitReview={marksOf:marksOf};
"""
    return page(doc.title, body, root, script, standalone)


def documents_index(data: SiteData) -> str:
    rows = []
    for d in sorted(data.documents.values(), key=lambda d: d.source):
        insp = data.inspections.get(d.inspection)
        area = data.areas[insp.area] if insp else None
        rows.append(
            f'<tr><td><a href="{e(d.page)}.html">{e(d.source)}</a></td><td>{e(words(d.kind))}</td>'
            f"<td>{f'<a href=../areas/{e(area.slug)}.html>{e(area.label)}</a>' if area else ''}</td>"
            f'<td data-sort="{e(insp.date if insp else "")}">{e(fmt_date(insp.date)) if insp else ""}</td>'
            f"<td>{len(d.facts)}</td><td>{len(d.findings)}</td></tr>"
        )
    body = (
        "<h1>Documents</h1><p>Each letter and report with every fact read from it highlighted in its text.</p>"
        '<table class="sortable"><thead><tr><th>file</th><th>kind</th><th>area</th><th>inspection</th><th>facts</th>'
        f"<th>self-check findings</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return page("Documents", body, "../")


def embed_json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/")
