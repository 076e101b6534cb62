"""One row per local area: the table people ask for first ("every area and its latest outcome").

:func:`area_rows` gives typed :class:`AreaRow` records — one per local area in the graph (every
area of the official statistics, whether or not a letter about it was read, and any area a
letter names) — with the area's codes and statistical neighbours from the bundled tables, its
latest 2016–2022 inspection and revisit, its latest 2023-framework inspection, and the documents
read about it. It is the library API behind ``graphkit query areas`` and can be called from
Python by anything that needs the rows (a website, a notebook)::

    from graphkit.store.db import open_store
    from graphkit.ask.areas import area_rows

    for row in area_rows(open_store("send.db", create=False)):
        print(row.area, row.outcome_2023, row.next_full_inspection_by)

Dates are :class:`datetime.date`, counts ``int``, yes/no ``bool``; ``None`` where nothing is
known. Facts of the 2016–2022 framework come from the official statistics where they hold them
(else from the letters); a publication date or report link comes only from the statistics or
from a sources file a person supplies (:func:`read_sources`), never guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from graphkit.errors import ReadError, UsageError

__all__ = ["AreaRow", "Source", "area_rows", "areas_table", "read_sources", "render_areas", "COLUMNS"]


@dataclass
class AreaRow:
    """Everything one row of ``graphkit query areas`` says about an area (typed)."""

    area: str
    id: str  # short id: area/<slug>
    region: str | None = None
    region_code: str | None = None
    la_code: str | None = None
    gss: str | None = None
    ltla_code: str | None = None
    urn: str | None = None
    statistical_neighbours: list[str] = field(default_factory=list)
    # latest 2016-2022 inspection and its revisit
    inspection_start: dt.date | None = None
    inspection_published: dt.date | None = None
    wsoa_required: bool | None = None
    weakness_count: int | None = None
    revisit_start: dt.date | None = None
    revisit_published: dt.date | None = None
    revisit_result: str | None = None  # all / some / none
    weaknesses_improved: int | None = None
    weaknesses_not_improved: int | None = None
    # latest 2023-framework inspection
    previous_inspection_start: dt.date | None = None
    start_2023: dt.date | None = None
    end_2023: dt.date | None = None
    published_2023: dt.date | None = None
    outcome_2023: str | None = None  # positive / inconsistent / widespread_failings
    outcome_sentence: str | None = None
    priority_action_plan: bool | None = None
    priority_actions: int | None = None
    improvements: int | None = None
    monitoring_within_months: int | None = None
    next_full_inspection_within_years: int | None = None
    next_full_inspection_by: dt.date | None = None
    report_link: str | None = None
    documents: list[str] = field(default_factory=list)


# (header, AreaRow field) in the order of the table and the spreadsheet
COLUMNS: tuple[tuple[str, str], ...] = (
    ("area", "area"),
    ("region", "region"),
    ("region code", "region_code"),
    ("LA code", "la_code"),
    ("GSS code", "gss"),
    ("LTLA code", "ltla_code"),
    ("URN", "urn"),
    ("statistical neighbours", "statistical_neighbours"),
    ("inspection start (2016-22)", "inspection_start"),
    ("inspection published (2016-22)", "inspection_published"),
    ("WSoA required", "wsoa_required"),
    ("weaknesses", "weakness_count"),
    ("revisit start", "revisit_start"),
    ("revisit published", "revisit_published"),
    ("revisit result", "revisit_result"),
    ("weaknesses improved", "weaknesses_improved"),
    ("weaknesses not improved", "weaknesses_not_improved"),
    ("previous inspection", "previous_inspection_start"),
    ("start (2023 framework)", "start_2023"),
    ("end (2023 framework)", "end_2023"),
    ("published (2023 framework)", "published_2023"),
    ("outcome", "outcome_2023"),
    ("priority action plan", "priority_action_plan"),
    ("priority actions", "priority_actions"),
    ("areas for improvement", "improvements"),
    ("monitoring within months", "monitoring_within_months"),
    ("next full inspection within years", "next_full_inspection_within_years"),
    ("next full inspection by", "next_full_inspection_by"),
    ("report link", "report_link"),
    ("outcome sentence", "outcome_sentence"),
    ("documents read", "documents"),
)

_OUTCOMES = {
    "PositiveOutcome": "positive",
    "InconsistentOutcome": "inconsistent",
    "WidespreadFailingsOutcome": "widespread_failings",
}
_OUTCOME_WORDS = {
    "positive": "positive experiences and outcomes",
    "inconsistent": "inconsistent experiences and outcomes",
    "widespread_failings": "widespread and/or systemic failings",
}
_PROGRESS = {"AllImproved": "all", "SomeImproved": "some", "NoneImproved": "none"}


@dataclass(frozen=True)
class Source:
    """What a person says of one document: where it is published and when."""

    url: str | None
    published: dt.date | None


def read_sources(path: str | Path) -> dict[str, Source]:
    """A sources CSV (header ``file,url,published``; ``published`` as 2024-05-01 or 01/05/2024):
    document file name -> :class:`Source`. Either of url and published may be empty."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(
            str(p), f"cannot read the sources file ({exc})", "Pass a UTF-8 CSV: file,url,published"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "file" not in header or not ({"url", "published"} & set(header)):
        raise UsageError(str(p), "a sources file needs a header row file,url,published", "Add the header row")
    out: dict[str, Source] = {}
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        name = Path(row.get("file", "")).name
        if not name:
            raise UsageError(f"{p}, line {n}", "no file name", "Give the document's file name in the file column")
        url = row.get("url") or None
        if url and not re.match(r"https?://\S+$", url):
            raise UsageError(f"{p}, line {n}", f'"{url}" is not a web address', "Give a link starting https://")
        published = _parse_date(row.get("published", ""), f"{p}, line {n}")
        out[name] = Source(url, published)
    return out


def _parse_date(text: str, where: str) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UsageError(where, f'"{text}" is not a date', "Write dates as 2024-05-01 or 01/05/2024")


@cache
def _lookup() -> dict[str, dict[str, str]]:
    """DfE LA code -> bundled lookup row (URN, region code, LTLA code, statistical neighbours)."""
    text = (files("graphkit") / "data" / "area_lookup.csv").read_text(encoding="utf-8")
    return {r["la_code"]: r for r in csv.DictReader(io.StringIO(text))}


def _py(term: Any) -> Any:
    from graphkit.ask.query import typed

    return None if term is None else typed(term)


def _local(term: Any) -> str | None:
    return None if term is None else str(term.value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def area_rows(store: Any, sources: dict[str, Source] | None = None, table: Any = None) -> list[AreaRow]:
    """One typed row per local area in the graph, by area name (see the module docstring).

    ``table``: the ``areas`` query's result, where the caller has run it already.
    """
    from graphkit.ask.query import run_query
    from graphkit.resolve import resolve_area

    if table is None:
        table = run_query(store, "areas")
    by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
    heads: dict[str, dict[str, Any]] = {}
    for r in table.rows:
        rec = dict(zip(table.columns, r, strict=True))
        iri = rec["area"].value
        heads.setdefault(iri, rec)
        if rec["inspection"] is not None:
            by_area[iri].append(rec)
    sources = sources or {}
    known_docs = {d for recs in by_area.values() for rec in recs for d in _docs(rec)}
    unknown = sorted(set(sources) - known_docs)
    if unknown:
        raise UsageError(
            "--sources",
            f"{unknown[0]} is not a document in the graph"
            + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""),
            "Use the file names graphkit query documents lists",
        )
    lookup = _lookup()
    names_by_code: dict[str, str] = {}
    rows: list[AreaRow] = []
    for iri, head in heads.items():
        name = head["name"].value if head["name"] is not None else iri.rsplit("/", 1)[-1]
        ref = resolve_area(head["gss"].value) if head["gss"] is not None else None
        ref = ref or resolve_area(name)
        row = AreaRow(area=name, id="area/" + iri.rsplit("/area/", 1)[-1])
        if ref is not None:
            row.region, row.la_code, row.gss = ref.region, ref.la_code, ref.gss
            names_by_code[ref.la_code] = name
        else:
            row.region = _py(head["region"])
            row.la_code = _py(head["laCode"])
            row.gss = _py(head["gss"])
        extra = lookup.get(row.la_code or "")
        if extra:
            row.urn = extra["urn"] or None
            row.region_code = extra["region_code"] or None
            row.ltla_code = extra["ltla_code"] or None
            row.statistical_neighbours = extra["stat_neighbours"].split()  # codes; names below
        _fill(row, by_area.get(iri, []), sources)
        rows.append(row)
    from graphkit.resolve import all_areas

    labels = {a.la_code: a.label for a in all_areas()} | names_by_code
    for row in rows:
        row.statistical_neighbours = [labels.get(code, code) for code in row.statistical_neighbours]
    return sorted(rows, key=lambda r: (r.area.casefold(), r.id))


def _docs(rec: dict[str, Any]) -> list[str]:
    return str(rec["documents"].value).split() if rec.get("documents") is not None else []


def _fill(row: AreaRow, recs: list[dict[str, Any]], sources: dict[str, Source]) -> None:
    def start(rec: dict[str, Any]) -> dt.date:
        return _py(rec["start"]) or dt.date.min

    kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in sorted(recs, key=start):
        kinds[rec["kind"].value].append(rec)
    documents: list[str] = []
    for rec in sorted(recs, key=start):
        documents += [d for d in _docs(rec) if d not in documents]
    row.documents = documents
    link: str | None = None
    if kinds["initial"]:
        ini = kinds["initial"][-1]
        row.inspection_start = _py(ini["start"])
        row.inspection_published = _py(ini["published"])
        row.wsoa_required = _py(ini["wsoaRequired"])
        row.weakness_count = _py(ini["weaknessCount"])
        for d in _docs(ini):
            if d in sources:
                row.inspection_published = row.inspection_published or sources[d].published
                link = sources[d].url or link
        revisits = [r for r in kinds["revisit"] if start(r) > start(ini)]
        if revisits:
            rv = revisits[-1]
            row.revisit_start = _py(rv["start"])
            row.revisit_published = _py(rv["published"])
            row.revisit_result = _PROGRESS.get(_py(rv["revisitResult"]) or "")
            row.weaknesses_improved = _py(rv["improved"])
            row.weaknesses_not_improved = _py(rv["notImproved"])
            for d in _docs(rv):
                if d in sources:
                    row.revisit_published = row.revisit_published or sources[d].published
                    link = sources[d].url or link
    if kinds["area_send_2023"]:
        rep = kinds["area_send_2023"][-1]
        row.start_2023 = _py(rep["start"])
        row.end_2023 = _py(rep["end"])
        row.published_2023 = _py(rep["published"])
        row.previous_inspection_start = _py(rep["previousStart"])
        row.outcome_2023 = _OUTCOMES.get(_py(rep["outcome"]) or "")
        sentence = _py(rep["outcomeSentence"])
        row.outcome_sentence = " ".join(sentence.split()) if sentence else None
        row.priority_action_plan = _py(rep["priorityActionPlan"])
        listed = _py(rep["priorityActions"]) or 0
        counted = _py(rep["priorityActionCount"])
        has_letter = bool(_docs(rep))
        row.priority_actions = counted if counted is not None else (listed if has_letter else None)
        if has_letter:
            row.improvements = _py(rep["improvements"])
        row.monitoring_within_months = _py(rep["monitoringMonths"])
        row.next_full_inspection_within_years = _py(rep["nextFullYears"])
        last_day = row.end_2023 or row.start_2023
        if row.next_full_inspection_within_years is not None and last_day is not None:
            row.next_full_inspection_by = _years_after(last_day, row.next_full_inspection_within_years)
        for d in _docs(rep):
            if d in sources:
                row.published_2023 = row.published_2023 or sources[d].published
                link = sources[d].url or link
    row.report_link = link


def _cell(row: AreaRow, attr: str) -> Any:
    v = getattr(row, attr)
    if attr == "outcome_2023" and v:
        return _OUTCOME_WORDS[v]
    if isinstance(v, list):
        return "; ".join(v) if v else None
    return v


def areas_table(rows: list[AreaRow]) -> tuple[list[str], list[list[Any]]]:
    """Headers and typed values (for a spreadsheet) of the rows."""
    return [h for h, _ in COLUMNS], [[_cell(r, attr) for _h, attr in COLUMNS] for r in rows]


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _json_value(v: Any) -> dict[str, str]:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if isinstance(v, bool):
        return {"type": "literal", "value": str(v).lower(), "datatype": xsd + "boolean"}
    if isinstance(v, int):
        return {"type": "literal", "value": str(v), "datatype": xsd + "integer"}
    if isinstance(v, dt.date):
        return {"type": "literal", "value": v.isoformat(), "datatype": xsd + "date"}
    return {"type": "literal", "value": str(v)}


def render_areas(columns: list[str], values: list[list[Any]], rows: list[AreaRow], fmt: str) -> str:
    """The areas table as text: table, csv, tsv (plain values) or json (SPARQL 1.1 results JSON)."""
    if fmt == "json":
        names = [attr for _h, attr in COLUMNS]
        doc = {
            "head": {"vars": names},
            "results": {
                "bindings": [
                    {n: _json_value(v) for n, v in zip(names, vals, strict=True) if v is not None} for vals in values
                ]
            },
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    text_rows = [[_text(v) for v in vals] for vals in values]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows(text_rows)
        return buf.getvalue()
    if fmt == "tsv":
        return "".join("\t".join(" ".join(c.split()) for c in r) + "\n" for r in [columns, *text_rows])
    if fmt == "table":
        import pyoxigraph as ox

        from graphkit.ask.query import Table, render

        return render(Table(columns, [[ox.Literal(c) if c else None for c in r] for r in text_rows]), "table")
    raise UsageError("--format", f'unknown format "{fmt}"', "Use table, csv, tsv, json or xlsx")
