"""Charts as static SVG: Vega-Lite specifications rendered offline by vl-convert.

vl-convert-python embeds the Vega and Vega-Lite JavaScript libraries and a JavaScript engine in
its wheel, so rendering needs no browser, no network and no Node. The specifications are plain
dictionaries (what altair would produce) with their data inline; every chart is shown beside a
table of the same numbers.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KIND_COLOURS", "bar_chart_spec", "render_svgs"]

KIND_COLOURS = {
    "weakness": "#b2182b",
    "priority action": "#ef8a62",
    "area for improvement": "#2166ac",
}

_CONFIG = {
    # the renderer measures text with the first of these it has; browsers lacking it use a similar
    # sans-serif, hence the padding: a wider font must not push labels out of the picture
    "font": "DejaVu Sans, Verdana, Arial, sans-serif",
    "axis": {"labelFontSize": 11, "titleFontSize": 12},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "columnPadding": 28, "labelLimit": 260},
    "view": {"stroke": None},
}


def bar_chart_spec(
    rows: list[dict[str, Any]],
    x: str,
    title: str,
    x_title: str,
    colour: str = "kind",
    colours: dict[str, str] | None = None,
    horizontal: bool = False,
    sort: list[str] | None = None,
) -> dict[str, Any]:
    """A grouped (vertical) or stacked (horizontal) bar chart of ``count`` by ``x`` and ``colour``."""
    colours = colours or KIND_COLOURS
    scale = {"domain": list(colours), "range": list(colours.values())}
    cat: dict[str, Any] = {"field": x, "type": "nominal", "title": x_title, "sort": sort or "ascending"}
    num = {"field": "count", "type": "quantitative", "title": "statements", "axis": {"tickMinStep": 1}}
    col: dict[str, Any] = {"field": colour, "type": "nominal", "title": None, "scale": scale}
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True},
        "config": _CONFIG,
        "padding": {"left": 30, "right": 10, "top": 5, "bottom": 5},
    }
    if horizontal:
        cat["axis"] = {"labelLimit": 360}
        col["legend"] = {"columns": 2, "labelLimit": 400}  # long outcome names side by side would run off
        cat["title"] = None  # the category names say what they are; a rotated title would overlap them
        spec["encoding"] = {"y": cat, "x": num, "color": col}
        spec["width"] = 420
    else:
        cat["axis"] = {"labelAngle": -40}
        spec["encoding"] = {"x": cat, "y": num, "color": col, "xOffset": {"field": colour, "sort": list(colours)}}
        spec["width"] = 320
        spec["height"] = 200
    return spec


def render_svgs(specs: list[dict[str, Any]]) -> list[str]:
    """Render Vega-Lite specifications to SVG strings, offline."""
    if not specs:
        return []
    import vl_convert as vlc

    out = []
    for spec in specs:
        svg = vlc.vegalite_to_svg(spec)
        out.append(svg[svg.find("<svg") :])
    return out
