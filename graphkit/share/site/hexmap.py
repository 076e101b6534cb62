"""England's local areas as a hex map (plain SVG), from the bundled Open Innovations layout.

The layout (``graphkit/data/hexmap``, MIT, © Open Innovations) has one cell per upper-tier local
authority as it was in 2019; graphkit adds the councils created since. An area takes the cell
of its GSS code, else of a former code of the same authority; where a cell is taken, the
nearest free cell.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

__all__ = ["Hex", "HexCell", "ATTRIBUTION", "layout_hexes", "hex_svg", "hex_cells"]

ATTRIBUTION = (
    "Hex layout of England's upper-tier local authorities © 2017- Open Innovations (MIT licence), "
    "with cells added by graphkit for the councils created since 2019."
)


@dataclass(frozen=True)
class HexCell:
    code: str
    name: str
    q: int
    r: int
    part: str = ""  # "" a whole cell, "left" / "right" a half of one
    replaces: str = ""  # the older code this cell stands for (successor_of / recoded_from)


@dataclass(frozen=True)
class Hex:
    """One area placed on the map."""

    key: str  # the caller's key (an area IRI)
    label: str
    href: str
    fill: str
    category: str
    title: str
    q: int
    r: int
    part: str = ""


def _read(name: str) -> dict[str, dict]:
    text = (files("graphkit") / "data" / "hexmap" / name).read_text(encoding="utf-8")
    return json.loads(text)["hexes"]


@cache
def hex_cells() -> dict[str, HexCell]:
    """Every cell of the bundled layout and graphkit's additions, by GSS code."""
    cells: dict[str, HexCell] = {}
    for code, h in _read("uk-upper-tier-local-authorities.hexjson").items():
        cells[code] = HexCell(code, h["n"], int(h["q"]), int(h["r"]))
    for code, h in _read("england-areas-since-2019.hexjson").items():
        replaces = h.get("successor_of") or h.get("recoded_from") or ""
        cells[code] = HexCell(code, h["n"], int(h["q"]), int(h["r"]), h.get("part", ""), replaces)
    return cells


@cache
def _former_codes() -> dict[str, tuple[str, ...]]:
    text = (files("graphkit") / "data" / "local_authorities.csv").read_text(encoding="utf-8")
    return {row["gss"]: tuple(row["former_gss"].split()) for row in csv.DictReader(io.StringIO(text))}


def _neighbours(q: int, r: int) -> list[tuple[int, int]]:
    if r % 2:
        steps = [(1, 0), (-1, 0), (0, 1), (1, 1), (0, -1), (1, -1)]
    else:
        steps = [(1, 0), (-1, 0), (-1, 1), (0, 1), (-1, -1), (0, -1)]
    return [(q + a, r + b) for a, b in steps]


def layout_hexes(areas: Iterable[tuple[str, str]]) -> tuple[dict[str, tuple[int, int, str]], list[str]]:
    """Place areas given as (key, GSS code): key -> (q, r, part), and the keys with no cell."""
    cells = hex_cells()
    former = _former_codes()
    placed: dict[str, tuple[int, int, str]] = {}
    taken: dict[tuple[int, int], set[str]] = {}
    missing: list[str] = []

    def free(q: int, r: int, part: str) -> bool:
        parts = taken.get((q, r), set())
        return not parts or (part != "" and "" not in parts and part not in parts)

    for key, gss in sorted(areas, key=lambda a: a[1]):
        cell = cells.get(gss) or next((cells[c] for c in former.get(gss, ()) if c in cells), None)
        if cell is None:
            missing.append(key)
            continue
        q, r, part = cell.q, cell.r, cell.part
        if not free(q, r, part):  # nearest free cell, breadth first
            seen, queue = {(q, r)}, [(q, r)]
            while queue:
                cq, cr = queue.pop(0)
                if not taken.get((cq, cr)):
                    q, r, part = cq, cr, ""
                    break
                for n in _neighbours(cq, cr):
                    if n not in seen:
                        seen.add(n)
                        queue.append(n)
        taken.setdefault((q, r), set()).add(part)
        placed[key] = (q, r, part)
    return placed, missing


def _points(cx: float, cy: float, size: float, part: str) -> str:
    w = math.sqrt(3) / 2 * size
    top, bottom = (cx, cy - size), (cx, cy + size)
    ul, ll, ur, lr = (cx - w, cy - size / 2), (cx - w, cy + size / 2), (cx + w, cy - size / 2), (cx + w, cy + size / 2)
    if part == "left":
        pts = [top, ul, ll, bottom]
    elif part == "right":
        pts = [top, ur, lr, bottom]
    else:
        pts = [top, ur, lr, bottom, ll, ul]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z"


def _ink(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (#rrggbb)."""
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#111" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#fff"


def _abbrev(label: str) -> str:
    words = [w for w in label.replace("-", " ").split() if w.lower() not in {"and", "of", "the", "upon", "on", "with"}]
    if len(words) == 1:
        return words[0][:3]
    return "".join(w[0] for w in words[:3]).upper()


def hex_svg(hexes: list[Hex], map_id: str, size: float = 17.0) -> str:
    """One SVG: a hexagon per area, each a link, abbreviated label inside and full title on hover."""
    if not hexes:
        return '<p class="empty">No area has a place on the map.</p>'
    w = math.sqrt(3) * size
    rmax = max(h.r for h in hexes)
    qmin = min(h.q for h in hexes)
    centres = {}
    for h in hexes:
        cx = (h.q - qmin + 0.5 * (h.r % 2)) * w + w
        cy = (rmax - h.r) * 1.5 * size + size + 2
        if h.part == "left":
            cx -= w / 4
        elif h.part == "right":
            cx += w / 4
        centres[h.key] = (cx, cy)
    width = max(c[0] for c in centres.values()) + w
    height = max(c[1] for c in centres.values()) + size + 2
    out = [
        f'<svg id="{map_id}" class="hexmap" viewBox="0 0 {width:.0f} {height:.0f}" width="{width * 1.15:.0f}" '
        f'role="img" aria-label="Hex map of England\'s local areas">'
    ]
    for h in hexes:
        cx, cy = centres[h.key]
        ox = cx + (w / 4 if h.part == "left" else -w / 4 if h.part == "right" else 0)  # cell centre
        d = _points(ox, cy, size - 0.8, h.part)
        out.append(
            f'<a href="{escape(h.href)}" class="hex-link" data-category="{escape(h.category)}">'
            f'<path class="hex" d="{d}" fill="{h.fill}"><title>{escape(h.title)}</title></path>'
            f'<text x="{cx:.1f}" y="{cy + 2.5:.1f}" fill="{_ink(h.fill)}">{escape(_abbrev(h.label))}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)
