"""Themes: code every weakness, priority action and area for improvement to themes, and keep reviews.

The themes are a SKOS concept scheme (``ontology/themes.ttl``), each with cue phrases
(``gk:cue``). :func:`code_themes` codes each statement to every theme whose cue occurs in its
text; a statement no cue matches gets the theme whose words overlap its text most, recorded as
a ``fallback`` coding, so nothing is left uncoded. Each coding is a node (``gk:ThemeCoding``)
saying which statement, which theme, which cue matched, how, and which activity made it; the
codings live in the named graph ``gkid:graph/themes``, which every build recomputes.

People review codings in a spreadsheet (:func:`export_codings`, :func:`import_decisions`): their
accept/reject decisions are recorded with who and when in ``gkid:graph/decisions``, which builds
never drop, and win over the automatic coding in every later build.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from graphkit import __version__
from graphkit.errors import ReadError, UsageError
from graphkit.graph.rdf import GK, ID
from graphkit.store.db import DECISIONS_GRAPH, Change, GraphStore, content_sha256

__all__ = [
    "THEMES_GRAPH",
    "Theme",
    "Coding",
    "load_themes",
    "match_cues",
    "code_text",
    "code_themes",
    "compute_codings",
    "read_codings",
    "export_codings",
    "import_decisions",
]

THEMES_GRAPH = ID["graph/themes"]
CODING_ACTIVITY = ID["activity/theme-coding"]
STATEMENT_CLASSES = ("SignificantWeakness", "PriorityAction", "AreaForImprovement")
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

_STOP = set(
    "a about across all also an and any are as at be been but by can could do does for from has have in into is "
    "it its leaders local area more much must need needs not of on or our should so such than that the their them "
    "there these they this those through to too under up use very was well were what when where which while who "
    "will with within work young people children child families family sen send support services service make "
    "ensure improve improving improvement partnership".split()
)


@dataclass(frozen=True)
class Theme:
    """One theme of the scheme, with its cue phrases."""

    iri: str
    notation: str
    label: str
    definition: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Coding:
    """One statement coded to one theme: by which cues, how (cue, fallback, reviewer)."""

    statement: str
    theme: str
    cues: tuple[str, ...]
    method: str
    decision: str = ""  # the decision IRI, for reviewer codings
    kind: str = ""  # the statement's class: SignificantWeakness, PriorityAction or AreaForImprovement


def _norm(text: str) -> str:
    """Lower case, curly quotes straightened, hyphens dropped, spaces collapsed.

    >>> _norm("Co-production  with  Parents’ forum")
    "coproduction with parents' forum"
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", " ").replace("\u2014", " ")
    return " ".join(text.replace("-", "").split())


def _cue_pattern(cue: str) -> re.Pattern[str]:
    stem = cue.endswith("*")
    body = re.escape(_norm(cue.rstrip("*")))
    return re.compile(r"(?<![\w])" + body + ("" if stem else r"(?![\w])"))


_PATTERNS: dict[str, re.Pattern[str]] = {}


def match_cues(text: str, theme: Theme) -> tuple[str, ...]:
    """The cues of ``theme`` that occur in ``text``.

    >>> t = Theme("x", "co-production", "Co-production", "", ("co-produc*", "ap"))
    >>> match_cues("A co-produced strategy with approaches", t)
    ('co-produc*',)
    """
    norm = _norm(text)
    out = []
    for cue in theme.cues:
        pat = _PATTERNS.get(cue)
        if pat is None:
            pat = _PATTERNS[cue] = _cue_pattern(cue)
        if pat.search(norm):
            out.append(cue)
    return tuple(out)


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", _norm(text)) if len(w) > 2 and w not in _STOP}


def _overlap(text: str, theme: Theme) -> tuple[int, tuple[str, ...]]:
    words = _words(text)
    theme_words = _words(" ".join((theme.label, theme.definition, *theme.cues)))
    common = sorted(words & theme_words)
    return len(common), tuple(common)


def code_text(text: str, themes: list[Theme], exclude: Iterable[str] = ()) -> list[tuple[Theme, tuple[str, ...], str]]:
    """(theme, cues matched, method) for one statement's text: cue matches, else the best fallback.

    >>> themes = load_themes()
    >>> [(t.notation, m) for t, _, m in code_text("The local offer is poor.", themes)]
    [('local-offer', 'cue')]
    >>> [(t.notation, c, m) for t, c, m in code_text("Leaders should act with more speed.", themes)][0][2]
    'fallback'
    """
    skip = set(exclude)
    out = [(t, cues, "cue") for t in themes if t.iri not in skip for cues in [match_cues(text, t)] if cues]
    if out:
        return out
    candidates = [t for t in themes if t.iri not in skip] or themes
    best = max(candidates, key=lambda t: (_overlap(text, t)[0], -candidates.index(t)))
    return [(best, _overlap(text, best)[1], "fallback")]


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """The themes of ``ontology/themes.ttl`` (or ``path``), in notation order.

    >>> len(load_themes()) >= 15
    True
    """
    from graphkit.resources import resource_dir

    p = Path(path) if path else resource_dir("ontology") / "themes.ttl"
    store = ox.Store()
    store.load(path=str(p), format=ox.RdfFormat.TURTLE)
    q = f"""SELECT ?t ?n ?l ?d (GROUP_CONCAT(?c; SEPARATOR="\\u001f") AS ?cues) WHERE {{
      ?t a <{GK.Theme}> ; <{SKOS}notation> ?n ; <{SKOS}prefLabel> ?l ; <{SKOS}definition> ?d .
      OPTIONAL {{ ?t <{GK.cue}> ?c }} }} GROUP BY ?t ?n ?l ?d ORDER BY ?n"""
    out = []
    for r in store.query(q):  # type: ignore[union-attr]
        cues = tuple(sorted(c for c in r["cues"].value.split("\u001f") if c))  # type: ignore[index,union-attr]
        out.append(Theme(r["t"].value, r["n"].value, r["l"].value, r["d"].value, cues))  # type: ignore[index,union-attr]
    return out


def _statements(store: GraphStore) -> list[tuple[str, str, str]]:
    values = " ".join(f"<{GK[c]}>" for c in STATEMENT_CLASSES)
    q = f"""SELECT DISTINCT ?s ?cls ?text WHERE {{ VALUES ?cls {{ {values} }}
          ?s a ?cls ; <{GK.statementText}> ?text }} ORDER BY ?s"""
    seen: dict[str, tuple[str, str, str]] = {}
    for r in store.query(q):  # type: ignore[union-attr]
        s = r["s"].value  # type: ignore[index]
        seen.setdefault(s, (s, r["cls"].value.rsplit("#", 1)[-1], r["text"].value))  # type: ignore[index]
    return list(seen.values())


def _decisions(store: GraphStore) -> dict[tuple[str, str], tuple[bool, str]]:
    """(statement, theme) -> (accepted, decision IRI) from the decisions graph."""
    q = f"""SELECT ?d ?s ?t ?ok WHERE {{ GRAPH <{DECISIONS_GRAPH}> {{
          ?d a <{GK.ThemeDecision}> ; <{PROV}used> ?s ; <{GK.theme}> ?t ; <{GK.accepted}> ?ok }} }}"""
    out = {}
    for r in store.query(q, union=False):  # type: ignore[union-attr]
        out[(r["s"].value, r["t"].value)] = (r["ok"].value == "true", r["d"].value)  # type: ignore[index]
    return out


def compute_codings(store: GraphStore, themes: list[Theme] | None = None) -> list[Coding]:
    """Every statement's codings, the people's decisions applied."""
    themes = themes or load_themes()
    by_iri = {t.iri: t for t in themes}
    decided = _decisions(store)
    per_statement: dict[str, dict[tuple[str, str], tuple[bool, str]]] = {}
    for (s, t), v in decided.items():
        per_statement.setdefault(s, {})[(s, t)] = v
    out: list[Coding] = []
    for s, cls, text in _statements(store):
        mine = per_statement.get(s, {})
        rejected = {t for (_, t), (ok, _) in mine.items() if not ok}
        accepted = {t: d for (_, t), (ok, d) in mine.items() if ok and t in by_iri}
        auto = (
            code_text(text, themes, exclude=rejected)
            if not accepted
            else [x for x in code_text(text, themes) if x[2] == "cue" and x[0].iri not in rejected]
        )
        codings = {t.iri: Coding(s, t.iri, cues, method, kind=cls) for t, cues, method in auto}
        for t, d in accepted.items():
            codings[t] = Coding(s, t, match_cues(text, by_iri[t]), "reviewer", d, kind=cls)
        out.extend(codings[k] for k in sorted(codings))
    return out


def _nt(s: str, p: str, o: ox.NamedNode | ox.Literal) -> str:
    return f"{ox.NamedNode(s)} {ox.NamedNode(p)} {o} ."


# per theme, what the themes graph counts: (property, kind of statement or method of coding)
THEME_COUNTS = (
    ("weaknessCount", "SignificantWeakness"),
    ("priorityActionCount", "PriorityAction"),
    ("improvementCount", "AreaForImprovement"),
    ("cueCodingCount", "cue"),
    ("fallbackCodingCount", "fallback"),
    ("reviewerCodingCount", "reviewer"),
)


def theme_counts(codings: list[Coding], quoting: Iterable[str] = ()) -> dict[str, dict[str, int]]:
    """Per theme IRI: statements coded to it by kind, and its codings by method.

    A weakness in ``quoting`` (a revisit letter's quotation of an initial letter's weakness, see
    gk:quotesWeakness) is not counted again as a weakness; its coding is still counted by method.
    """
    quoted = set(quoting)
    out: dict[str, dict[str, int]] = {}
    for c in codings:
        n = out.setdefault(c.theme, _zero_counts())
        kind = "" if c.kind == "SignificantWeakness" and c.statement in quoted else c.kind
        for prop, what in THEME_COUNTS:
            if what in (c.method, kind):
                n[prop] += 1
    return out


def _zero_counts() -> dict[str, int]:
    return dict.fromkeys((p for p, _ in THEME_COUNTS), 0)


def _quoting_weaknesses(store: GraphStore) -> set[str]:
    from graphkit.store.db import LINKS_GRAPH

    q = f"SELECT DISTINCT ?s WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s <{GK.quotesWeakness}> ?x }} }}"
    return {r["s"].value for r in store.query(q, union=False)}  # type: ignore[index,union-attr]


def to_ntriples(codings: list[Coding], themes: list[Theme], quoting: Iterable[str] = ()) -> str:
    """The themes graph: the scheme itself, the coding activity, every coding and each theme's counts.

    The counts (:func:`theme_counts`) are kept on each theme so that ``graphkit query themes``
    reads 21 rows instead of joining every coding with its statement (27k at 100x the letters).
    """
    from graphkit.resources import resource_dir

    lines = []
    scheme = ox.Store()
    scheme.load(path=str(resource_dir("ontology") / "themes.ttl"), format=ox.RdfFormat.TURTLE)
    for q in scheme.quads_for_pattern(None, None, None):
        if (
            isinstance(q.subject, ox.NamedNode)
            and q.subject.value.startswith(str(ID))
            or q.subject == ox.NamedNode(str(GK.Themes))
        ):
            lines.append(f"{q.subject} {q.predicate} {q.object} .")
    act = str(CODING_ACTIVITY)
    lines.append(_nt(act, RDF_TYPE, ox.NamedNode(str(GK.ThemeCodingActivity))))
    lines.append(_nt(act, RDF_TYPE, ox.NamedNode(PROV + "Activity")))
    lines.append(_nt(act, PROV + "used", ox.NamedNode(str(GK.Themes))))
    lines.append(_nt(act, str(GK.graphkitVersion), ox.Literal(__version__)))
    slug = {t.iri: t.notation for t in themes}
    for c in codings:
        node = f"{c.statement}/coding/{slug.get(c.theme, hashlib.sha1(c.theme.encode()).hexdigest()[:8])}"
        lines.append(_nt(node, RDF_TYPE, ox.NamedNode(str(GK.ThemeCoding))))
        lines.append(_nt(node, str(GK.codedStatement), ox.NamedNode(c.statement)))
        lines.append(_nt(node, str(GK.theme), ox.NamedNode(c.theme)))
        lines.append(_nt(node, str(GK.codingMethod), ox.Literal(c.method)))
        lines.append(_nt(node, PROV + "wasGeneratedBy", ox.NamedNode(c.decision or act)))
        lines.append(_nt(node, PROV + "wasDerivedFrom", ox.NamedNode(c.statement)))
        for cue in c.cues:
            lines.append(_nt(node, str(GK.matchedCue), ox.Literal(cue)))
        lines.append(_nt(c.statement, str(GK.theme), ox.NamedNode(c.theme)))
    counts = theme_counts(codings, quoting)
    for t in themes:
        for prop, n in counts.get(t.iri, _zero_counts()).items():
            lines.append(_nt(t.iri, str(GK[prop]), ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))))
    return "\n".join(lines)


def code_themes(store: GraphStore, bulk: bool = False) -> int:
    """Recompute the themes graph of ``store`` (people's decisions applied); return the codings made.

    ``bulk``: write it with the bulk loader (a build's staging store; see GraphStore.apply)."""
    themes = load_themes()
    codings = compute_codings(store, themes)
    text = to_ntriples(codings, themes, _quoting_weaknesses(store))
    store.apply_derived(
        Change(
            str(THEMES_GRAPH),
            text,
            sha256=content_sha256(text),
            source="graphkit themes",
            kind="themes",
        ),
        bulk=bulk,
    )
    return len(codings)


# -- review round trip -----------------------------------------------------------------------------

CSV_COLUMNS = ["statement", "kind", "area", "theme", "theme_label", "method", "matched_cue", "decision", "text"]
_ACCEPT = {"accept", "accepted", "yes", "y", "keep", "add", "true", "1"}
_REJECT = {"reject", "rejected", "no", "n", "drop", "remove", "delete", "false", "0"}


def read_codings(store: GraphStore) -> list[dict[str, str]]:
    """The stored codings as rows of :data:`CSV_COLUMNS` (decision pre-filled for reviewed ones)."""
    q = f"""SELECT ?s ?cls ?area ?t ?label ?method ?text (GROUP_CONCAT(DISTINCT ?cue; SEPARATOR="; ") AS ?cues)
    WHERE {{
      GRAPH <{THEMES_GRAPH}> {{ ?c <{GK.codedStatement}> ?s ; <{GK.theme}> ?t ; <{GK.codingMethod}> ?method .
                               ?t <{SKOS}prefLabel> ?label . OPTIONAL {{ ?c <{GK.matchedCue}> ?cue }} }}
      ?s a ?cls ; <{GK.statementText}> ?text .
      VALUES ?cls {{ {" ".join(f"<{GK[c]}>" for c in STATEMENT_CLASSES)} }}
      OPTIONAL {{ {{ ?s <{GK.actionOf}> ?i }} UNION {{ ?s <{GK.weaknessOf}> ?i }}
                 ?i <{GK.area}>/<http://www.w3.org/2000/01/rdf-schema#label> ?area }}
    }} GROUP BY ?s ?cls ?area ?t ?label ?method ?text ORDER BY ?s ?t"""
    themes = {t.iri: t.notation for t in load_themes()}
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for r in store.query(q):  # type: ignore[union-attr]
        key = (r["s"].value, r["t"].value)  # type: ignore[index]
        if key in rows:
            continue
        method = r["method"].value  # type: ignore[index]
        rows[key] = {
            "statement": key[0],
            "kind": r["cls"].value.rsplit("#", 1)[-1],  # type: ignore[index]
            "area": r["area"].value if r["area"] is not None else "",  # type: ignore[index]
            "theme": themes.get(key[1], key[1]),
            "theme_label": r["label"].value,  # type: ignore[index]
            "method": method,
            "matched_cue": r["cues"].value if r["cues"] is not None else "",  # type: ignore[index]
            "decision": "accept" if method == "reviewer" else "",
            "text": " ".join(r["text"].value.split()),  # type: ignore[index]
        }
    return list(rows.values())


def export_codings(store: GraphStore, path: str | Path) -> int:
    """Write the codings to a CSV for review; return the rows written.

    Reviewers fill ``decision`` with ``accept`` or ``reject``, and may add rows (statement,
    theme, decision ``accept``) for themes the coding missed.
    """
    rows = read_codings(store)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def _theme_iri(value: str, themes: list[Theme]) -> str | None:
    v = value.strip()
    for t in themes:
        if v in (t.iri, t.notation) or v.lower() == t.label.lower():
            return t.iri
    return None


def import_decisions(store: GraphStore, path: str | Path, by: str | None = None) -> tuple[int, int]:
    """Record the decisions in a reviewed CSV (with who and when) and recode; return (accepted, rejected).

    Rows with an empty decision change nothing; a decision equal to the one already recorded is
    not recorded again.
    """
    p = Path(path)
    if not p.is_file():
        raise ReadError(str(p), "no such file", "Export one first: graphkit themes export --db DIR -o codings.csv")
    themes = load_themes()
    statements = {s for s, _, _ in _statements(store)}
    decided = _decisions(store)
    who = by or getpass.getuser()
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    parts: list[str] = []
    counts = [0, 0]
    with open(p, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"statement", "theme", "decision"} - set(reader.fieldnames or [])
        if missing:
            raise ReadError(str(p), f"no {', '.join(sorted(missing))} column", "Start from graphkit themes export")
        for line, row in enumerate(reader, start=2):
            decision = (row.get("decision") or "").strip().lower()
            if not decision:
                continue
            if decision not in _ACCEPT | _REJECT:
                raise UsageError(
                    f"{p}:{line}", f'decision "{decision}" is not accept or reject', "Write accept or reject"
                )
            s = (row.get("statement") or "").strip()
            if s not in statements:
                raise UsageError(
                    f"{p}:{line}", f"no such statement in the store: {s}", "Keep the statement column as exported"
                )
            t = _theme_iri(row.get("theme") or "", themes)
            if t is None:
                raise UsageError(
                    f"{p}:{line}", f'unknown theme "{row.get("theme")}"', "Use a notation from ontology/themes.ttl"
                )
            ok = decision in _ACCEPT
            if decided.get((s, t), (None,))[0] == ok:
                continue
            counts[0 if ok else 1] += 1
            d = f"{ID}decision/theme/{hashlib.sha1(s.encode()).hexdigest()[:16]}/{t.rsplit('/', 1)[-1]}"
            parts.append(f"DELETE WHERE {{ GRAPH <{DECISIONS_GRAPH}> {{ <{d}> ?p ?o }} }}")
            triples = [
                _nt(d, RDF_TYPE, ox.NamedNode(str(GK.ThemeDecision))),
                _nt(d, RDF_TYPE, ox.NamedNode(PROV + "Activity")),
                _nt(d, PROV + "used", ox.NamedNode(s)),
                _nt(d, str(GK.theme), ox.NamedNode(t)),
                _nt(d, str(GK.accepted), ox.Literal("true" if ok else "false", datatype=ox.NamedNode(XSD + "boolean"))),
                _nt(d, DCT + "creator", ox.Literal(who)),
                _nt(d, PROV + "endedAtTime", ox.Literal(when, datatype=ox.NamedNode(XSD + "dateTime"))),
            ]
            parts.append(f"INSERT DATA {{ GRAPH <{DECISIONS_GRAPH}> {{ {' '.join(triples)} }} }}")
    if parts:
        store.update(" ;\n".join(parts))
        code_themes(store)
        store.flush()
    return counts[0], counts[1]
