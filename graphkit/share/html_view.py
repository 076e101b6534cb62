"""The browser view: ONE self-contained HTML file (inline script and style, no network).

Nodes are coloured by group, laid out by a small force simulation written here (seeded, so
the same graph always looks the same), with a search box, a filter per group and a panel
showing a clicked node's facts, each with its quote and source document.

Safety: the graph travels as JSON inside ``<script type="application/json">`` with ``<``,
``>``, ``&`` and U+2028/2029 escaped, so letter text can never close the script element; the
page puts text into the document with ``textContent`` only, never as HTML.

>>> "</script>" in embed_json({"t": "</script>"})
False
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from graphkit.share.spool import Spool

__all__ = ["write_html", "embed_json", "COLOURS"]

COLOURS = {
    "area": "#1b9e77",
    "inspection": "#d95f02",
    "document": "#7570b3",
    "person": "#e7298a",
    "body": "#66a61e",
    "weakness": "#e41a1c",
    "action": "#ff7f00",
    "verdict": "#a65628",
    "finding": "#999999",
    "wsoa": "#984ea3",
    "outcome": "#377eb8",
    "theme": "#e6ab02",
    "mention": "#bbbbbb",
    "concept": "#4daf4a",
    "other": "#666666",
}


def embed_json(data: Any) -> str:
    """JSON safe inside an HTML ``<script>`` element.

    >>> embed_json({"a": "<b>&"})
    '{"a": "\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return _escape(json.dumps(data, ensure_ascii=False, sort_keys=True))


def _escape(text: str) -> str:
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def write_html(fh: TextIO, sp: Spool, view: str, words: Callable[[str], str] = str) -> None:
    """Write the page for one view's spool (see :mod:`graphkit.share.export`), a node at a time.

    The graph data is written in pieces, each escaped as :func:`embed_json` does; edges name
    their ends by the nodes' positions. ``words`` names a property or class for a person (the
    exporter passes its own, so that the side panel speaks words, not RDF names).
    """
    title = html.escape(f"graphkit: {view} view ({sp.n_nodes} nodes, {sp.n_edges} edges)")
    head, tail = _PAGE.replace("__TITLE__", title).split("__DATA__")
    fh.write(head)
    fh.write(embed_json({"view": view, "colours": COLOURS, "note": sp.note})[:-1] + ', "nodes": [')
    index: dict[str, int] = {}
    for i, (n, d, facts) in enumerate(sp.nodes()):
        index[n] = i
        node = {
            "id": n,
            "label": str(d.get("label", n)),
            "group": str(d.get("group", "other")),
            "type": words(str(d.get("type", ""))) if d.get("type") else "",
            "facts": [[words(f[0]), *f[1:]] for f in facts or []],
        }
        fh.write(("," if i else "") + "\n" + embed_json(node))
    fh.write('], "edges": [')
    for i, (s, t, d) in enumerate(sp.edges()):
        edge = [index[s], index[t], words(str(d.get("label", ""))), int(d.get("weight", 1))]
        fh.write(("," if i else "") + "\n" + embed_json(edge))
    fh.write("]}")
    fh.write(tail)


_PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>
body{margin:0;font:14px system-ui,sans-serif;display:flex;height:100vh;overflow:hidden}
#side{width:340px;padding:8px;overflow:auto;border-right:1px solid #ccc;box-sizing:border-box}
#main{flex:1;position:relative}canvas{display:block;width:100%;height:100%}
#search{width:100%;box-sizing:border-box;padding:4px}
#results div,#details .nb{cursor:pointer;padding:2px;border-bottom:1px solid #eee}
#results div:hover{background:#eef}
.sw{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
.fact{margin:4px 0;padding:4px;border-left:3px solid #ccc}.prop{color:#555;font-size:12px}
.quote{font-style:italic;background:#fffbe6;margin-top:2px}.source{color:#777;font-size:11px}
#note{color:#a00}
</style></head>
<body><div id="side"><h3 id="title">__TITLE__</h3><div id="note"></div>
<input id="search" type="search" placeholder="Search labels…" autocomplete="off">
<div id="filters"></div><div id="results"></div><div id="details"></div></div>
<div id="main"><canvas id="canvas"></canvas></div>
<script type="application/json" id="graph-data">__DATA__</script>
<script>
"use strict";
const G = JSON.parse(document.getElementById("graph-data").textContent);
const N = G.nodes, E = G.edges, C = G.colours;
const shown = {}; N.forEach(n => shown[n.group] = true);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
document.getElementById("note").textContent = G.note || "";
// seeded layout: golden-angle spiral, then a force simulation with grid-limited repulsion
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
N.forEach((n, i) => { const r = 12 * Math.sqrt(i + 1), a = i * 2.39996; n.x = r * Math.cos(a); n.y = r * Math.sin(a); n.vx = 0; n.vy = 0; n.deg = 0; });
E.forEach(e => { N[e[0]].deg++; N[e[1]].deg++; });
function step(alpha) {
  const cell = 40, grid = new Map();
  N.forEach((n, i) => { const k = Math.floor(n.x / cell) + "," + Math.floor(n.y / cell); if (!grid.has(k)) grid.set(k, []); grid.get(k).push(i); });
  N.forEach((n, i) => {
    const cx = Math.floor(n.x / cell), cy = Math.floor(n.y / cell);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const b = grid.get((cx + dx) + "," + (cy + dy)); if (!b) continue;
      for (const j of b) { if (j <= i) continue; const m = N[j];
        let x = n.x - m.x, y = n.y - m.y, d2 = x * x + y * y; if (d2 === 0) { x = rnd() - 0.5; y = rnd() - 0.5; d2 = x * x + y * y; }
        const f = Math.min(400 / d2, 4) * alpha; n.vx += x * f; n.vy += y * f; m.vx -= x * f; m.vy -= y * f; }
    }
  });
  // springs weakened by degree (as d3-force does), so a hub with hundreds of links cannot overshoot
  E.forEach(e => { const a = N[e[0]], b = N[e[1]], x = b.x - a.x, y = b.y - a.y, d = Math.sqrt(x * x + y * y) || 1;
    const f = (d - 30) / d * alpha * 0.5 / Math.min(a.deg, b.deg), bias = a.deg / (a.deg + b.deg);
    a.vx += x * f * (1 - bias); a.vy += y * f * (1 - bias); b.vx -= x * f * bias; b.vy -= y * f * bias; });
  N.forEach(n => { n.vx -= n.x * 0.002 * alpha; n.vy -= n.y * 0.002 * alpha;
    const v = Math.hypot(n.vx, n.vy); if (v > 40) { n.vx *= 40 / v; n.vy *= 40 / v; }  // no node flies off
    n.x += n.vx; n.y += n.vy; n.vx *= 0.6; n.vy *= 0.6; });
}
for (let i = 0; i < 150; i++) step(1 - i / 150);
const canvas = document.getElementById("canvas"), ctx = canvas.getContext("2d");
let view = { k: 1, x: 0, y: 0 }, selected = -1, hits = new Set(), drawn = 0;
function fit() {
  const w = canvas.clientWidth, h = canvas.clientHeight; canvas.width = w; canvas.height = h;
  // frame the middle 98% of nodes, so that one straggler does not shrink the picture to a dot
  const xs = N.map(n => n.x).sort((a, b) => a - b), ys = N.map(n => n.y).sort((a, b) => a - b);
  const q = (v, p) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))];
  let x0 = q(xs, 0.01), x1 = q(xs, 0.99), y0 = q(ys, 0.01), y1 = q(ys, 0.99);
  if (!N.length) { x0 = y0 = -1; x1 = y1 = 1; }
  view.k = Math.min(w / (x1 - x0 + 40), h / (y1 - y0 + 40)); view.x = w / 2 - view.k * (x0 + x1) / 2; view.y = h / 2 - view.k * (y0 + y1) / 2;
}
const sx = n => view.x + view.k * n.x, sy = n => view.y + view.k * n.y;
const radius = n => 3 + Math.min(8, Math.sqrt(n.deg));
// labels always on for areas (the legible default view) and for every node of a small graph
const labelled = n => n.group === "area" || N.length <= 150;
function draw() {
  ctx.clearRect(0, 0, canvas.width, canvas.height); ctx.strokeStyle = "rgba(0,0,0,0.15)"; ctx.lineWidth = 1;
  ctx.beginPath();
  E.forEach(e => { const a = N[e[0]], b = N[e[1]]; if (!shown[a.group] || !shown[b.group]) return; ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); });
  ctx.stroke(); drawn = 0;
  N.forEach((n, i) => { if (!shown[n.group]) return; drawn++;
    ctx.beginPath(); ctx.arc(sx(n), sy(n), radius(n) + (i === selected ? 4 : 0), 0, 2 * Math.PI);
    ctx.fillStyle = C[n.group] || "#666"; ctx.fill();
    if (hits.has(i) || i === selected) { ctx.lineWidth = 2; ctx.strokeStyle = "#000"; ctx.stroke(); ctx.fillStyle = "#000"; ctx.fillText(n.label, sx(n) + 8, sy(n) + 4); }
    else if (labelled(n)) { ctx.fillStyle = "#333"; ctx.fillText(n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label, sx(n) + radius(n) + 2, sy(n) + 4); }
  });
  document.body.dataset.drawn = drawn;
}
function show(i) {
  selected = i; const n = N[i], box = document.getElementById("details"); box.replaceChildren();
  box.append(el("h3", n.label), el("div", n.type + " (" + n.group + ")", "prop"), el("div", n.id, "source"));
  n.facts.forEach(f => { const d = el("div", undefined, "fact"); d.append(el("div", f[0], "prop"));
    if (f[1]) d.append(el("div", f[1], "value"));
    if (f[2]) d.append(el("div", "“" + f[2] + "”", "quote"));
    if (f[3]) d.append(el("div", "source: " + f[3], "source"));
    box.append(d); });
  const nb = el("div"); nb.append(el("h4", "Linked"));
  E.forEach(e => { const j = e[0] === i ? e[1] : e[1] === i ? e[0] : -1; if (j < 0) return;
    const d = el("div", e[2] + " → " + N[j].label, "nb"); d.onclick = () => show(j); nb.append(d); });
  box.append(nb); draw();
}
const filters = document.getElementById("filters");
Object.keys(shown).sort().forEach(g => { const l = el("label"), c = el("input"); c.type = "checkbox"; c.checked = true; c.dataset.group = g;
  c.onchange = () => { shown[g] = c.checked; draw(); }; const s = el("span", undefined, "sw"); s.style.background = C[g] || "#666";
  l.append(c, s, document.createTextNode(g + " (" + N.filter(n => n.group === g).length + ") ")); filters.append(l); });
const search = document.getElementById("search"), results = document.getElementById("results");
search.oninput = () => { const q = search.value.trim().toLowerCase(); hits = new Set(); results.replaceChildren();
  if (q) N.forEach((n, i) => { if (n.label.toLowerCase().includes(q) || n.id.toLowerCase().includes(q)) hits.add(i); });
  [...hits].slice(0, 100).forEach(i => { const d = el("div"); const s = el("span", undefined, "sw"); s.style.background = C[N[i].group] || "#666";
    d.append(s, document.createTextNode(N[i].label + " — " + N[i].group)); d.className = "hit"; d.dataset.group = N[i].group; d.onclick = () => show(i); results.append(d); });
  draw(); };
canvas.onclick = ev => { const r = canvas.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
  let best = -1, bd = 100; N.forEach((n, i) => { if (!shown[n.group]) return; const d = (sx(n) - x) ** 2 + (sy(n) - y) ** 2; if (d < bd) { bd = d; best = i; } });
  if (best >= 0) show(best); };
window.addEventListener("resize", () => { fit(); draw(); });
fit(); draw();
window.graphkitView = { nodes: N.length, edges: E.length, drawn: () => drawn,
  // how many 20-pixel cells of the canvas hold a node: a collapsed layout holds a handful
  cells: () => new Set(N.filter(n => shown[n.group]).map(n => Math.floor(sx(n) / 20) + "," + Math.floor(sy(n) / 20))).size };
</script></body></html>
"""
