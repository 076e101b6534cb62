"""``graphkit export --to site``: a static, self-contained, offline website of the graph.

Plain HTML, CSS and SVG with any script inline; every page carries a Content-Security-Policy
that lets nothing load from anywhere, so the folder opens from the file system or any web host.
Pages: a hex map of England's areas with a sortable table (``index.html``), one page per area
(its story across both frameworks), theme, person, body and document (the text with every
extracted fact highlighted at its offsets).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import UsageError
from graphkit.share.site.charts import bar_chart_spec, render_svgs
from graphkit.share.site.data import SiteData, load_site_data
from graphkit.share.site.hexmap import Hex, hex_svg, layout_hexes
from graphkit.share.site.pages import (
    FRAMEWORK_2016,
    FRAMEWORK_2023,
    area_page,
    bodies_index,
    body_page,
    category_2016,
    category_2023,
    document_page,
    documents_index,
    home_page,
    people_index,
    person_page,
    theme_page,
    theme_rows,
    themes_index,
)
from graphkit.store.db import GraphStore

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = ["SiteResult", "store_of_graphs", "write_review_pages", "write_site"]


@dataclass(frozen=True)
class SiteResult:
    folder: Path
    pages: int
    size: int
    seconds: float
    areas: int
    off_map: tuple[str, ...]
    stages: tuple[tuple[str, float], ...] = ()  # (stage, seconds): read, charts, pages, write


def _maps(data: SiteData) -> tuple[dict[str, str], dict[str, Counter[str]], list[str]]:
    placed, missing = layout_hexes((a.iri, a.gss) for a in data.areas.values())
    maps: dict[str, str] = {}
    counts: dict[str, Counter[str]] = {}
    for key, scheme, categorise in (
        ("2023", FRAMEWORK_2023, category_2023),
        ("2016", FRAMEWORK_2016, category_2016),
    ):
        hexes = []
        counts[key] = Counter()
        for area in sorted(data.areas.values(), key=lambda a: a.label):
            cat = categorise(area)
            counts[key][cat] += 1
            if area.iri not in placed:
                continue
            q, r, part = placed[area.iri]
            label, colour = scheme[cat]
            hexes.append(
                Hex(area.iri, area.label, f"areas/{area.slug}.html", colour, cat, f"{area.label}: {label}", q, r, part)
            )
        maps[key] = hex_svg(hexes, f"map-{key}")
    return maps, counts, missing


def _region_specs(data: SiteData) -> list[dict]:
    specs = []
    for scheme, categorise, title in (
        (FRAMEWORK_2023, category_2023, "2023 framework: latest outcome by region"),
        (FRAMEWORK_2016, category_2016, "2016–22 framework: WSoA and revisit by region"),
    ):
        counts: Counter[tuple[str, str]] = Counter()
        for area in data.areas.values():
            counts[(area.region or "unknown", scheme[categorise(area)][0])] += 1
        rows = [{"region": r, "outcome": o, "count": n} for (r, o), n in sorted(counts.items())]
        colours = {label: colour for label, colour in scheme.values()}
        spec = bar_chart_spec(rows, "region", title, "region", colour="outcome", colours=colours, horizontal=True)
        spec["encoding"]["x"]["title"] = "areas"
        spec["_rows"] = rows
        specs.append(spec)
    return specs


def _outcome_table(rows: list[dict], labels: list[str]) -> str:
    from html import escape

    regions = sorted({r["region"] for r in rows})
    cell = {(r["region"], r["outcome"]): r["count"] for r in rows}
    head = "".join(f"<th>{escape(label)}</th>" for label in labels)
    body = "".join(
        f"<tr><td>{escape(reg)}</td>" + "".join(f"<td>{cell.get((reg, label), 0)}</td>" for label in labels) + "</tr>"
        for reg in regions
    )
    return f'<table class="sortable numbers"><thead><tr><th>region</th>{head}</tr></thead><tbody>{body}</tbody></table>'


def write_site(store: GraphStore, folder: str | Path) -> SiteResult:
    """Write the site for ``store`` into ``folder`` (created; pages already there are replaced)."""
    t0 = time.perf_counter()
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise UsageError(str(out), "is a file; the site is a folder of pages", "Pass -o NEW_FOLDER")
    data = load_site_data(store)
    t_read = time.perf_counter()
    maps, counts, missing = _maps(data)

    # every chart of the site, rendered in one pass (the renderer starts once)
    region_specs = _region_specs(data)
    theme_counts = [{"theme": t.label, "kind": s.kind, "count": 1} for t in data.themes.values() for s in t.statements]
    national = bar_chart_spec(
        theme_counts,
        "theme",
        "Statements per theme",
        "theme",
        horizontal=True,
        sort=[t.label for t in sorted(data.themes.values(), key=lambda t: -len(t.statements))],
    )
    national["encoding"]["x"]["aggregate"] = "sum"
    themes = sorted(data.themes.values(), key=lambda t: t.notation)
    theme_specs = []
    for t in themes:
        by_year = bar_chart_spec(theme_rows(data, t.statements, "year"), "year", "by year", "year of inspection")
        by_region = bar_chart_spec(theme_rows(data, t.statements, "region"), "region", "by region", "region")
        theme_specs.append(
            {
                "$schema": by_year["$schema"],
                "title": f"{t.label}: statements by year and by region",
                "hconcat": [
                    {k: v for k, v in s.items() if k not in ("$schema", "config", "padding")}
                    for s in (by_year, by_region)
                ],
                "config": by_year["config"],
                "padding": by_year["padding"],
            }
        )
    clean = [{k: v for k, v in s.items() if not k.startswith("_")} for s in region_specs]
    t_specs = time.perf_counter()
    svgs = render_svgs([*clean, national, *theme_specs])
    t_charts = time.perf_counter()
    region_svgs, national_svg, theme_svgs = svgs[:2], svgs[2], svgs[3:]
    charts = "".join(
        f'<div class="chart">{svg}</div>' + _outcome_table(spec["_rows"], [label for label, _ in scheme.values()])
        for svg, spec, scheme in zip(region_svgs, region_specs, (FRAMEWORK_2023, FRAMEWORK_2016), strict=True)
    )

    pages: dict[str, str] = {"index.html": home_page(data, maps, counts, missing, charts)}
    for area in data.areas.values():
        pages[f"areas/{area.slug}.html"] = area_page(data, area)
    pages["themes/index.html"] = themes_index(data, national_svg)
    for t, svg in zip(themes, theme_svgs, strict=True):
        pages[f"themes/{t.notation}.html"] = theme_page(data, t, svg)
    pages["people/index.html"] = people_index(data)
    for p in data.people.values():
        pages[f"people/{p.slug}.html"] = person_page(data, p)
    pages["bodies/index.html"] = bodies_index(data)
    for b in data.bodies.values():
        pages[f"bodies/{b.slug}.html"] = body_page(data, b)
    pages["documents/index.html"] = documents_index(data)
    for d in data.documents.values():
        pages[f"documents/{d.page}.html"] = document_page(data, d)

    t_pages = time.perf_counter()
    size = 0
    for sub in ("areas", "themes", "people", "bodies", "documents"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for rel, html in pages.items():
        raw = html.encode("utf-8")
        (out / rel).write_bytes(raw)
        size += len(raw)
    t_end = time.perf_counter()
    stages = (
        ("read the store (SPARQL)", t_read - t0),
        (f"render {len(svgs)} charts (vl-convert)", t_charts - t_specs),
        (f"make {len(pages)} pages", (t_specs - t_read) + (t_pages - t_charts)),
        ("write the files", t_end - t_pages),
    )
    return SiteResult(out, len(pages), size, t_end - t0, len(data.areas), tuple(missing), stages)


def write_review_pages(store: GraphStore, out: str | Path) -> list[Path]:
    """The review page of each document in ``store``, standalone (no links to a site).

    ``out`` is the page itself when the store holds one document and ``out`` ends in ``.html``,
    else a folder that gets ``<document>.html`` per document.
    """
    data = load_site_data(store)
    target = Path(out)
    docs = sorted(data.documents.values(), key=lambda d: d.page)
    single = len(docs) == 1 and target.suffix.lower() == ".html"
    if not single and target.exists() and not target.is_dir():
        raise UsageError(str(target), "is a file, and several documents need a folder", "Pass --html NEW_FOLDER")
    written = []
    for doc in docs:
        path = target if single else target / f"{doc.page}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_page(data, doc, standalone=True), encoding="utf-8")
        written.append(path)
    return written


def store_of_graphs(graphs: Iterable[tuple[URIRef, Graph]]) -> GraphStore:
    """An in-memory store holding each (name, graph) as a named graph (``show --html`` uses it)."""
    import pyoxigraph as ox

    store = ox.Store()
    for name, g in graphs:
        store.load(g.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
    return GraphStore(store, None)
