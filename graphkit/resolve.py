"""Areas, bodies and people across documents: reference tables, aliases, stable keys.

Pure Python (no rdflib). The reference tables are the CSV files bundled in ``graphkit/data``
(see its README), read once with :mod:`importlib.resources` and cached.

Identity rules, in one place:

- **areas** resolve to an :class:`AreaRef` from the local authority table, by name (case,
  "&"/"and", hyphens, "City of", "Council"/"Borough" and similar affixes, "the", known aliases),
  by GSS code (current or former) or by DfE LA code. Its :attr:`AreaRef.slug` is the stable key.
- **bodies** get ``(kind, key)`` from :func:`normalise_body`: spelling variants of one body
  ("NHS Greater Manchester ICB", "Greater Manchester Integrated Care Board") share a key.
- **people** get a key from :func:`person_key` that ignores case, accents, honorifics and
  post-nominals; anything looser (nicknames, one-letter typos) is only ever ``"uncertain"`` in
  :func:`person_match`, to be reported, never merged automatically.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Literal, get_args

from graphkit.model import Outcome

__all__ = [
    "AreaRef",
    "Board",
    "BoardCode",
    "BoardCover",
    "BoardSuccession",
    "BodyKind",
    "InspectionStats",
    "InspectionMI2023",
    "MatchClass",
    "RevisitResult",
    "all_areas",
    "all_boards",
    "board_successions",
    "boards_covering",
    "body_label",
    "current_authorities",
    "load_mi_2023",
    "load_statistics",
    "normalise_body",
    "person_key",
    "person_match",
    "resolve_area",
    "resolve_board",
    "slug",
    "split_bodies",
    "suggest_areas",
]

BodyKind = Literal["local_authority", "icb", "ccg", "trust", "inspectorate", "department", "pcf", "other"]
MatchClass = Literal["same", "uncertain", "different"]
RevisitResult = Literal["all", "some", "none"]

_BODY_KINDS: frozenset[str] = frozenset(get_args(BodyKind))


# --------------------------------------------------------------------------------------------
# slugs and text folding


_FOLD_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "ð": "d",
        "ı": "i",
    }
)
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`´]")


def _fold(text: str) -> str:
    """ASCII-fold: strip accents, map a few letters NFKD cannot split (ß, ø, æ ...)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """A deterministic, IRI-safe slug: ASCII, lower case, words joined by hyphens.

    Accents are folded, "&" reads as "and", apostrophes vanish (so "Children's" and
    "Childrens" agree), every other run of non-alphanumerics becomes one hyphen.

    >>> slug("Telford & Wrekin")
    'telford-and-wrekin'
    >>> slug("  Máire O’Callaghan ")
    'maire-ocallaghan'
    >>> slug("Bournemouth, Christchurch and Poole")
    'bournemouth-christchurch-and-poole'
    >>> slug("St. Helens")
    'st-helens'

    Raises :class:`ValueError` when nothing is left to make a slug of.
    """
    folded = _fold(_APOSTROPHES.sub("", text)).replace("&", " and ").lower()
    result = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not result:
        raise ValueError(f"{text!r}: no letters or digits to make a slug from")
    return result


def _words(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("&" -> "and", "St." -> "st")."""
    folded = _fold(_APOSTROPHES.sub("", text)).lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", folded))


# --------------------------------------------------------------------------------------------
# areas


@dataclass(frozen=True)
class AreaRef:
    """A local area: one English local authority from the bundled table.

    ``label`` is Ofsted's spelling where the statistics use the area ("Bristol", "Durham",
    "Kingston upon Hull"), else the ONS name. ``gss`` is the current ONS GSS code (for an
    abolished authority, its last one); ``former_gss`` holds codes the same authority had
    before ("North Yorkshire" was E10000023, is E06000065). ``region`` is the ONS region
    (Ofsted's statistics group regions differently: see :attr:`InspectionStats.ofsted_region`).
    """

    label: str
    gss: str
    la_code: str
    region: str
    slug: str
    former_gss: tuple[str, ...] = ()
    status: Literal["current", "abolished"] = "current"
    successor_la_codes: tuple[str, ...] = ()

    @property
    def gss_codes(self) -> tuple[str, ...]:
        """Every GSS code this authority has had, current first."""
        return (self.gss, *self.former_gss)


_GSS = re.compile(r"[EWSN]\d{8}")
_LA_CODE = re.compile(r"\d{3}")

# Affixes taken off a name, one at a time, until it matches a name in the table.
_AREA_PREFIXES = (
    "joint local area send inspection in ",
    "joint local area send revisit in ",
    "area send inspection of ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "city and county of ",
    "city of ",
    "county of ",
    "borough of ",
    "council of the ",
    "council of ",
    "county ",
    "the ",
)
_AREA_SUFFIXES = (
    " local area partnership",
    " area partnership",
    " partnership",
    " local area",
    " area",
    " send",
    " metropolitan borough council",
    " metropolitan district council",
    " borough council",
    " city council",
    " county council",
    " district council",
    " unitary authority",
    " local authority",
    " council",
    " borough",
    " city",
    " county",
    " mbc",
)


def _read_table(name: str) -> list[dict[str, str]]:
    text = (files("graphkit") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@dataclass(frozen=True)
class _AreaTables:
    areas: tuple[AreaRef, ...]
    by_code: dict[str, AreaRef]  # DfE LA code, current and former GSS codes
    by_name: dict[str, AreaRef]  # _words(name) -> area


@cache
def _area_tables() -> _AreaTables:
    areas: list[AreaRef] = []
    by_code: dict[str, AreaRef] = {}
    by_name: dict[str, AreaRef] = {}
    ambiguous: set[str] = set()
    for row in _read_table("local_authorities.csv"):
        status: Literal["current", "abolished"] = "abolished" if row["status"] == "abolished" else "current"
        area = AreaRef(
            label=row["label"],
            gss=row["gss"],
            la_code=row["la_code"],
            region=row["region"],
            slug=slug(row["label"]),
            former_gss=tuple(row["former_gss"].split()),
            status=status,
            successor_la_codes=tuple(row["successor_la_codes"].split()),
        )
        areas.append(area)
        for code in (area.la_code, *area.gss_codes):
            by_code.setdefault(code, area)
        names = [row["label"], row["ons_name"], *row["aliases"].split("|")]
        for name in names:
            key = _words(name)
            if not key:
                continue
            if by_name.get(key, area) != area:
                ambiguous.add(key)
            by_name[key] = area
    for key in ambiguous:  # a name two authorities answer to resolves to neither
        del by_name[key]
    return _AreaTables(tuple(areas), by_code, by_name)


def _area_candidates(key: str) -> Iterator[str]:
    """``key``, then ``key`` with affixes taken off one by one (breadth first)."""
    seen = {key}
    queue = [key]
    while queue:
        current = queue.pop(0)
        yield current
        for prefix in _AREA_PREFIXES:
            if current.startswith(prefix) and len(current) > len(prefix):
                shorter = current[len(prefix) :]
                if shorter not in seen:
                    seen.add(shorter)
                    queue.append(shorter)
        for suffix in _AREA_SUFFIXES:
            if current.endswith(suffix) and len(current) > len(suffix):
                shorter = current[: -len(suffix)]
                if shorter not in seen:
                    seen.add(shorter)
                    queue.append(shorter)


def resolve_area(name: str) -> AreaRef | None:
    """The local area a name, council name, GSS code or DfE LA code refers to, or None.

    >>> resolve_area("Telford & Wrekin").gss
    'E06000020'
    >>> resolve_area("City of Kingston upon Hull").label
    'Kingston upon Hull'
    >>> resolve_area("Bury Metropolitan Borough Council").slug
    'bury'
    >>> resolve_area("London Borough of Bexley").la_code
    '303'
    >>> resolve_area("E10000023").label  # a former code of North Yorkshire
    'North Yorkshire'
    >>> resolve_area("Gotham") is None
    True

    "North and West Northamptonshire" (one local area partnership, two councils) resolves to
    the former county of Northamptonshire, whose area the two unitary councils cover exactly;
    :func:`current_authorities` gives the two councils.

    >>> resolve_area("North and West Northamptonshire").label
    'Northamptonshire'
    """
    text = name.strip()
    tables = _area_tables()
    if _GSS.fullmatch(text.upper()) or _LA_CODE.fullmatch(text):
        return tables.by_code.get(text.upper())
    key = _words(re.sub(r"^(.*),\s*(city|county) of\s*$", r"\2 of \1", text, flags=re.I))
    if not key:
        return None
    for candidate in _area_candidates(key):
        found = tables.by_name.get(candidate)
        if found is not None:
            return found
    return None


def current_authorities(name: str) -> tuple[AreaRef, ...]:
    """The current local authorities for an area: itself, or an abolished one's successors.

    >>> [a.label for a in current_authorities("North and West Northamptonshire")]
    ['North Northamptonshire', 'West Northamptonshire']
    >>> [a.label for a in current_authorities("Bury")]
    ['Bury']
    >>> current_authorities("Gotham")
    ()
    """
    area = resolve_area(name)
    if area is None:
        return ()
    if area.status == "current" or not area.successor_la_codes:
        return (area,)
    by_code = _area_tables().by_code
    return tuple(by_code[code] for code in area.successor_la_codes)


def all_areas() -> tuple[AreaRef, ...]:
    """Every authority in the bundled table (current and abolished), by DfE LA code.

    >>> len(all_areas()) > 150
    True
    """
    return _area_tables().areas


def suggest_areas(name: str, limit: int = 3) -> list[str]:
    """Labels of the areas whose names are closest to ``name``, for "did you mean" messages.

    >>> suggest_areas("Middlesborough", limit=1)
    ['Middlesbrough']
    """
    from rapidfuzz import fuzz, process

    tables = _area_tables()
    labels: list[str] = []
    matches = process.extract(_words(name), list(tables.by_name), scorer=fuzz.WRatio, limit=limit * 4)
    for key, _score, _index in matches:
        label = tables.by_name[key].label
        if label not in labels:
            labels.append(label)
    return labels[:limit]


# --------------------------------------------------------------------------------------------
# official statistics


@dataclass(frozen=True)
class InspectionStats:
    """One area's 2016-2022 inspection (and revisit) in Ofsted's official statistics.

    ``not_revisited_yet`` is true for areas that needed a written statement of action (WSoA)
    but had no revisit by 31 August 2022; the revisit fields are then None. ``revisit_result``
    says for how many weaknesses the revisit found sufficient progress: all, some or none.
    """

    area: str
    gss: str
    la_code: str
    ofsted_region: str
    inspection_start: date
    inspection_published: date
    wsoa_required: bool
    weakness_count: int | None
    not_revisited_yet: bool
    revisit_start: date | None
    revisit_published: date | None
    revisit_result: RevisitResult | None
    weaknesses_sufficient_progress: int | None
    weaknesses_insufficient_progress: int | None

    @property
    def revisited(self) -> bool:
        """Whether the statistics record a revisit."""
        return self.revisit_start is not None

    @property
    def area_ref(self) -> AreaRef:
        """The local area of this row."""
        return _area_tables().by_code[self.la_code]


@dataclass(frozen=True)
class InspectionMI2023:
    """One area SEND inspection in Ofsted's 2023 management information (first 16).

    ``priority_action_count`` is None where no priority action plan was required (the source
    says "NA").
    """

    area: str
    gss: str
    la_code: str
    ofsted_region: str
    inspection_start: date
    inspection_published: date
    outcome: Outcome
    outcome_label: str
    priority_action_plan_required: bool
    priority_action_count: int | None

    @property
    def area_ref(self) -> AreaRef:
        """The local area of this row."""
        return _area_tables().by_code[self.la_code]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _required_date(value: str) -> date:
    return date.fromisoformat(value)


def _int(value: str) -> int | None:
    return int(value) if value else None


def _true(value: str) -> bool:
    return value == "true"


def _revisit_result(value: str) -> RevisitResult | None:
    if value == "all":
        return "all"
    if value == "some":
        return "some"
    if value == "none":
        return "none"
    return None


def _outcome(value: str) -> Outcome:
    if value == "positive":
        return "positive"
    if value == "inconsistent":
        return "inconsistent"
    if value == "widespread_failings":
        return "widespread_failings"
    raise ValueError(f"area_send_mi_2023.csv: unknown outcome {value!r}")


@cache
def _statistics() -> tuple[InspectionStats, ...]:
    return tuple(
        InspectionStats(
            area=row["area"],
            gss=row["gss"],
            la_code=row["la_code"],
            ofsted_region=row["ofsted_region"],
            inspection_start=_required_date(row["inspection_start"]),
            inspection_published=_required_date(row["inspection_published"]),
            wsoa_required=_true(row["wsoa_required"]),
            weakness_count=_int(row["weakness_count"]),
            not_revisited_yet=_true(row["not_revisited_yet"]),
            revisit_start=_date(row["revisit_start"]),
            revisit_published=_date(row["revisit_published"]),
            revisit_result=_revisit_result(row["revisit_result"]),
            weaknesses_sufficient_progress=_int(row["weaknesses_sufficient_progress"]),
            weaknesses_insufficient_progress=_int(row["weaknesses_insufficient_progress"]),
        )
        for row in _read_table("area_send_inspections_2016_2022.csv")
    )


@cache
def _mi_2023() -> tuple[InspectionMI2023, ...]:
    return tuple(
        InspectionMI2023(
            area=row["area"],
            gss=row["gss"],
            la_code=row["la_code"],
            ofsted_region=row["ofsted_region"],
            inspection_start=_required_date(row["inspection_start"]),
            inspection_published=_required_date(row["inspection_published"]),
            outcome=_outcome(row["outcome"]),
            outcome_label=row["outcome_label"],
            priority_action_plan_required=_true(row["priority_action_plan_required"]),
            priority_action_count=_int(row["priority_action_count"]),
        )
        for row in _read_table("area_send_mi_2023.csv")
    )


def load_statistics() -> list[InspectionStats]:
    """Ofsted's official statistics: every 2016-2022 area SEND inspection (149 areas).

    >>> rows = load_statistics()
    >>> len(rows)
    149
    >>> bury = next(r for r in rows if r.area == "Bury")
    >>> bury.weakness_count, bury.revisit_result, bury.revisit_start.isoformat()
    (8, 'some', '2019-05-13')
    """
    return list(_statistics())


def load_mi_2023() -> list[InspectionMI2023]:
    """Ofsted's management information: the first 16 inspections under the 2023 framework.

    >>> rows = {r.area: r for r in load_mi_2023()}
    >>> rows["Nottinghamshire"].outcome, rows["Nottinghamshire"].priority_action_count
    ('widespread_failings', 2)
    >>> rows["Rutland"].outcome, rows["Rutland"].priority_action_count
    ('positive', None)
    """
    return list(_mi_2023())


# --------------------------------------------------------------------------------------------
# bodies


@dataclass(frozen=True)
class BoardCode:
    """One code of a board as one source recorded it: ``scheme`` is "GSS" (ONS) or "ODS" (NHS);
    ``recorded`` the date of the source's list; ``note`` the source's own doubt about the code
    ("medium-low (derived list only)"), empty where the source is sure of it."""

    scheme: Literal["GSS", "ODS"]
    value: str
    recorded: date
    note: str = ""


@dataclass(frozen=True)
class Board:
    """An NHS integrated care board from the bundled table (ONS and ODS lists; see the data README).

    ``name`` is the statutory name without "NHS" and "Integrated Care Board"; a board keeps its
    ODS code (``ods``) through a change of GSS code, so it is one board. ``established`` and
    ``abolished`` (its last day, None while it exists) bound the dates it is valid on;
    ``areas_2022`` are the slugs of the local areas (upper-tier authorities) it covered, in
    whole or part, on 1 July 2022.
    """

    name: str
    statutory_name: str
    slug: str
    ods: str
    codes: tuple[BoardCode, ...]
    region: str
    established: date
    abolished: date | None
    areas_2022: tuple[str, ...]
    short_names: tuple[str, ...] = ()

    def valid_on(self, day: date) -> bool:
        """Whether the board existed on ``day``."""
        return self.established <= day and (self.abolished is None or day <= self.abolished)

    @property
    def gss_codes(self) -> tuple[str, ...]:
        """Its GSS codes, oldest first, each once."""
        return tuple(dict.fromkeys(c.value for c in self.codes if c.scheme == "GSS"))


@dataclass(frozen=True)
class BoardSuccession:
    """One line of the 1 April 2026 changes: ``predecessor`` merged or split into ``successor``
    ("merger", "split", or "acquisition" where an existing board took over part of another)."""

    predecessor: Board
    successor: Board
    kind: Literal["merger", "split", "acquisition"]
    effective: date


@dataclass(frozen=True)
class BoardCover:
    """A board covering a local area from ``start`` (to ``end``, None while it lasts); ``partial``
    where the area is shared with another board."""

    board: Board
    start: date
    end: date | None
    partial: bool


@dataclass(frozen=True)
class _IcbTables:
    by_name: dict[str, str]  # _words(core name or short name) -> canonical core name
    boards: tuple[Board, ...]
    by_core: dict[str, Board]
    successions: tuple[BoardSuccession, ...]
    covers: dict[str, tuple[BoardCover, ...]]  # area slug -> boards covering it


_RECORDED = {"gss_2022": date(2022, 7, 1), "gss_2024": date(2024, 4, 1), "gss_2026": date(2026, 4, 1)}


def _board(row: dict[str, str]) -> Board:
    codes: list[BoardCode] = []
    for column, recorded in _RECORDED.items():
        if row[column]:
            note = row["gss_note"] if column == "gss_2026" else ""
            codes.append(BoardCode("GSS", row[column], recorded, note))
    ods_recorded = date.fromisoformat(row["established"])
    # the ODS code's doubt concerns the new boards of 2026 only (the older codes are long in use)
    codes.append(BoardCode("ODS", row["ods"], ods_recorded, row["ods_note"] if row["gss_2022"] == "" else ""))
    areas = []
    for code in row["areas_2022"].split():
        area = _area_tables().by_code.get(code)
        if area is not None:
            areas.append(area.slug)
    return Board(
        name=row["name"],
        statutory_name=row["statutory_name"],
        slug=slug(row["name"]),
        ods=row["ods"],
        codes=tuple(codes),
        region=row["region"],
        established=date.fromisoformat(row["established"]),
        abolished=_date(row["abolished"]),
        areas_2022=tuple(areas),
        short_names=tuple(filter(None, row["short_names"].split("|"))),
    )


def _kind(value: str) -> Literal["merger", "split", "acquisition"]:
    if value == "merger":
        return "merger"
    if value == "split":
        return "split"
    if value == "acquisition":
        return "acquisition"
    raise ValueError(f"icb_successions.csv: unknown succession type {value!r}")


@cache
def _icb_tables() -> _IcbTables:
    by_name: dict[str, str] = {}
    boards = tuple(_board(row) for row in _read_table("integrated_care_boards.csv"))
    for board in boards:
        for variant in (board.name, *board.short_names):
            by_name[_words(variant)] = board.name
    by_ods = {b.ods: b for b in boards}
    successions = tuple(
        BoardSuccession(
            by_ods[r["predecessor_ods"]],
            by_ods[r["successor_ods"]],
            _kind(r["succession_type"]),
            date.fromisoformat(r["effective_date"]),
        )
        for r in _read_table("icb_successions.csv")
    )
    # who covers each area: the 2022 boards as the ONS lookup says; from 2026 the boards that
    # took over a 2022 board whole (unchanged or merged). Where a board was split, which
    # successor covers which area is not in the bundled data, so no cover is claimed.
    shared: dict[str, int] = {}
    for board in boards:
        for area in board.areas_2022:
            shared[area] = shared.get(area, 0) + 1
    covers: dict[str, list[BoardCover]] = {}
    for board in boards:
        for area in board.areas_2022:
            partial = shared[area] > 1
            covers.setdefault(area, []).append(BoardCover(board, board.established, board.abolished, partial))
            whole = [s for s in successions if s.predecessor is board]
            if board.abolished is not None and len(whole) == 1 and whole[0].kind == "merger":
                succ = whole[0].successor
                covers[area].append(BoardCover(succ, succ.established, succ.abolished, partial))
    return _IcbTables(
        by_name,
        boards,
        {b.name: b for b in boards},
        successions,
        {k: tuple(v) for k, v in covers.items()},
    )


def all_boards() -> tuple[Board, ...]:
    """Every integrated care board in the bundled table: the 42 of 2022 and those from April 2026.

    >>> len(all_boards()), sum(b.valid_on(date(2022, 7, 1)) for b in all_boards())
    (48, 42)
    >>> sum(b.valid_on(date(2026, 4, 1)) for b in all_boards())
    36
    """
    return _icb_tables().boards


def resolve_board(name: str, on: date | None = None) -> Board | None:
    """The board a name ("NHS BSW ICB", "Kent and Medway Integrated Care Board") refers to.

    With ``on``, only a board valid on that date answers: a report of 2024 naming "NHS Essex
    ICB" names no board (the Essex board exists from 1 April 2026).

    >>> resolve_board("NHS Essex ICB", date(2026, 5, 1)).ods
    'D7T5G'
    >>> resolve_board("NHS Essex ICB", date(2024, 5, 1)) is None
    True
    >>> resolve_board("Surrey Heartlands ICB").gss_codes
    ('E54000052', 'E54000063')
    """
    words = _words(_PARENS.sub("", name))
    if not words:
        return None
    tables = _icb_tables()
    core = tables.by_name.get(_icb_core(words))
    board = tables.by_core.get(core) if core else None
    if board is None or (on is not None and not board.valid_on(on)):
        return None
    return board


def board_successions() -> tuple[BoardSuccession, ...]:
    """The 1 April 2026 changes: which boards merged or split into which.

    >>> sorted(s.successor.name for s in board_successions() if s.predecessor.name == "Frimley")
    ['Hampshire and Isle of Wight', 'Surrey and Sussex', 'Thames Valley']
    """
    return _icb_tables().successions


def boards_covering(area: AreaRef, on: date | None = None) -> tuple[BoardCover, ...]:
    """The boards covering an area (on a date, or at any date).

    >>> [c.board.name for c in boards_covering(resolve_area("Bury"))]
    ['Greater Manchester']
    >>> [(c.board.name, c.partial) for c in boards_covering(resolve_area("Essex"), date(2023, 1, 1))]
    [('Hertfordshire and West Essex', True), ('Mid and South Essex', True), ('Suffolk and North East Essex', True)]
    """
    found = _icb_tables().covers.get(area.slug, ())
    if on is None:
        return found
    return tuple(c for c in found if c.board.valid_on(on))


_PARENS = re.compile(r"(?<!\s)\s*\([^)]*\)")


def _drop_parens(text: str, repl: str) -> str:
    """``text`` without its bracketed parts. Only the text up to the last ")" can hold one: an
    unclosed "(" is not rescanned to the end from every "(" (quadratic in a damaged name)."""
    end = text.rfind(")") + 1
    return _PARENS.sub(repl, text[:end]) + text[end:]


_INSPECTORATES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"\bofsted\b|\boffice for standards in education\b"),
        "ofsted",
        "Ofsted",
    ),
    (re.compile(r"\bcqc\b|\bcare quality commission\b"), "cqc", "Care Quality Commission"),
)
_DEPARTMENTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\bdfe\b|\bdepartment for education\b"), "dfe", "Department for Education"),
    (
        re.compile(r"\bdhsc\b|\bdepartment of health\b"),
        "dhsc",
        "Department of Health and Social Care",
    ),
    (re.compile(r"\bnhs england\b|\bnhse\b"), "nhs-england", "NHS England"),
)
_CCG = re.compile(r"\bccgs?\b|\bclinical commissioning groups?\b")
_CCG_WORDS = re.compile(r"\bnhs\b|\bccgs?\b|\bclinical commissioning groups?\b")
_ICB = re.compile(r"\bicbs?\b|\bintegrated care boards?\b")
_ICB_WORDS = re.compile(r"\bnhs\b|\bicbs?\b|\bintegrated care boards?\b")
_PCF = re.compile(r"\bparents? (and |or )?carers?\b|\bparent carers?\b|\bfamily forum\b|\bparents? forum\b")
_TRUST = re.compile(r"\btrust\b|\bchildren first\b|\b(achieving|together|brighter futures) for children\b")
_COUNCIL = re.compile(r"\b(council|borough|local authority|corporation)\b|^city of ")


def _icb_core(words: str) -> str:
    return " ".join(_ICB_WORDS.sub(" ", words).split()).removeprefix("the ")


def _classify(name: str, hint: BodyKind | None, strict: bool) -> tuple[BodyKind, str]:
    """normalise_body's work; ``strict`` (used when splitting) recognises only bodies that
    carry their kind in the name or are known (ICBs from the table, councils with "Council")."""
    text = _drop_parens(name, "").strip(" ,;.")
    words = _words(text)
    if not words:
        raise ValueError(f"{name!r}: no body name to normalise")

    for pattern, key, _label in _INSPECTORATES:
        if pattern.search(words):
            return "inspectorate", key
    if not _CCG.search(words) and not _ICB.search(words):
        for pattern, key, _label in _DEPARTMENTS:
            if pattern.search(words):
                return "department", key

    if hint == "pcf" or (hint is None and _PCF.search(words)):
        return "pcf", slug(words.removeprefix("the "))

    if _CCG.search(words):
        core = " ".join(_CCG_WORDS.sub(" ", words).split()).removeprefix("the ")
        if not core:
            return "other", "clinical-commissioning-groups"
        return "ccg", slug(core)

    icbs = _icb_tables().by_name
    core = _icb_core(words)
    known = icbs.get(core)
    if _ICB.search(words) or (words.startswith("nhs ") and known is not None):
        if known is not None:
            return "icb", slug(known)
        # an unknown board is one when it names its kind and holds no council in its name
        # ("London Borough of X and Y ICB" is two bodies)
        if core and (not strict or not _COUNCIL.search(core)):
            return "icb", slug(core)
        if not core:
            return "other", "integrated-care-boards"

    if _TRUST.search(words):
        return "trust", slug(words.removeprefix("the ").removeprefix("nhs "))

    area = resolve_area(text)
    if area is not None and (not strict or _COUNCIL.search(words)):
        return "local_authority", area.slug
    if _COUNCIL.search(words):
        return "local_authority", slug(words)

    if hint is not None:
        if hint == "icb" and core:
            return "icb", slug(core)
        return hint, slug(words)
    return "other", slug(words)


def normalise_body(name: str, hint: BodyKind | None = None) -> tuple[BodyKind, str]:
    """(kind, key) for one organisation's name: variants of one body share the key.

    kind is one of "local_authority", "icb", "ccg", "trust", "inspectorate", "department",
    "pcf" (parent carer forum) or "other". Councils are keyed by their area's slug where the
    area resolves, ICBs by their name in the bundled list of the 42 boards. ``hint`` says what
    the caller knows the body is (a report's "parent carer forum" field is a pcf even when
    called "Bury2gether"); it is used when the name itself does not say.

    >>> normalise_body("NHS Greater Manchester ICB")
    ('icb', 'greater-manchester')
    >>> normalise_body("Greater Manchester Integrated Care Board")
    ('icb', 'greater-manchester')
    >>> normalise_body("NHS BSW ICB")
    ('icb', 'bath-and-north-east-somerset-swindon-and-wiltshire')
    >>> normalise_body("NHS Bassetlaw Clinical Commissioning Group")
    ('ccg', 'bassetlaw')
    >>> normalise_body("Bury Council") == normalise_body("Bury Metropolitan Borough Council")
    True
    >>> normalise_body("Office for Standards in Education, Children's Services and Skills")
    ('inspectorate', 'ofsted')
    >>> normalise_body("DfE Department for Education")
    ('department', 'dfe')
    >>> normalise_body("Bury2gether", hint="pcf")
    ('pcf', 'bury2gether')

    One body per call: split "Bury Council and NHS Greater Manchester ICB" with
    :func:`split_bodies` first.
    """
    if hint is not None and hint not in _BODY_KINDS:
        raise ValueError(f"hint {hint!r}: expected one of {sorted(_BODY_KINDS)}")
    return _classify(name, hint, strict=False)


_SEPARATORS = re.compile(r",?\s+(?:and|&)\s+|,\s*|;\s*|\s+/\s+")


def split_bodies(text: str) -> list[str]:
    """Split a list of bodies ("X Council and NHS Y ICB") into its bodies, as written.

    A split is made only where every part names a body by itself, so "Telford and Wrekin
    Council" or "NHS Derby and Derbyshire Integrated Care Board" stay whole. Parts are
    substrings of ``text``.

    >>> split_bodies("Bury Metropolitan Borough Council and NHS Greater Manchester ICB")
    ['Bury Metropolitan Borough Council', 'NHS Greater Manchester ICB']
    >>> split_bodies("Derbyshire County Council and NHS Derby and Derbyshire Integrated Care Board")
    ['Derbyshire County Council', 'NHS Derby and Derbyshire Integrated Care Board']
    >>> split_bodies("Kent and Medway ICB")
    ['Kent and Medway ICB']
    >>> split_bodies("Northshire Council and NHS Cornwall and the Isles of Scilly ICB")
    ['Northshire Council', 'NHS Cornwall and the Isles of Scilly ICB']
    >>> split_bodies("The London Borough of Northshire and North East Westshire Integrated Care Board (ICB)")
    ['The London Borough of Northshire', 'North East Westshire Integrated Care Board (ICB)']
    """
    parts = _split(text.strip())
    return parts if parts is not None else [text.strip()]


def _recognised(part: str) -> bool:
    try:
        kind, _key = _classify(part, None, strict=True)
    except ValueError:
        return False
    return kind != "other"


def _split(text: str) -> list[str] | None:
    depth_at = _paren_depths(text)
    for match in _SEPARATORS.finditer(text):
        if depth_at[match.start()] > 0:
            continue
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        if left and right and _recognised(left):
            rest = _split(right)
            if rest is not None:
                return [left, *rest]
    return [text] if _recognised(text) else None


def _paren_depths(text: str) -> list[int]:
    depths: list[int] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        depths.append(depth)
        if char == ")":
            depth = max(0, depth - 1)
    return depths


_BODY_LABELS: dict[tuple[str, str], str] = {
    **{("inspectorate", key): label for _p, key, label in _INSPECTORATES},
    **{("department", key): label for _p, key, label in _DEPARTMENTS},
}


def body_label(kind: BodyKind, key: str) -> str | None:
    """A preferred label for a normalised body, where the reference tables know one.

    >>> body_label("icb", "greater-manchester")
    'NHS Greater Manchester Integrated Care Board'
    >>> body_label("local_authority", "kingston-upon-hull")
    'Kingston upon Hull'
    >>> body_label("inspectorate", "cqc")
    'Care Quality Commission'
    """
    if (kind, key) in _BODY_LABELS:
        return _BODY_LABELS[(kind, key)]
    if kind == "icb":
        for name in _icb_tables().by_name.values():
            if slug(name) == key:
                return f"NHS {name} Integrated Care Board"
    if kind == "local_authority":
        area = resolve_area(key)
        if area is not None and area.slug == key:
            return area.label
    return None


# --------------------------------------------------------------------------------------------
# people

_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sir dame lady lord rev revd cllr councillor".split()
)
_POST_NOMINALS = frozenset("hmi cbe obe mbe dbe kbe cb bem qc kc phd dphil md frcp frcpch mrcpch frcpsych".split())

# Given names and their short forms: sharing a group makes two names "uncertain", never "same".
_NAME_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "daniel danielle dan danny",
        "jessica jess jessie",
        "joanna joanne johanna josephine jo jojo",
        "samantha samuel sam sammy",
        "elizabeth liz lizzie lizzy beth betty eliza libby",
        "geraldine gerald gerard gerry geri",
        "deborah debra deb debbie",
        "nicholas nicola nick nicky nicki nikki",
        "christopher christine christina chris",
        "philip phillip phil phill pip",
        "andrew andrea andy drew",
        "david dave davey",
        "edward edmund ed eddie ted",
        "katherine catherine kathryn cathryn kate kath kathy cathy kat katie",
        "robert roberta rob robbie bob bobby",
        "stephen steven stephanie steve steph",
        "susan suzanne susanne sue suzie",
        "thomas tom tommy",
        "anthony antony tony",
        "margaret maggie meg peggy",
        "patricia patrick pat trish tricia paddy",
        "rebecca becky becca bex",
        "matthew matt",
        "michael michaela mike mick mickey",
        "william will bill billy",
        "richard rich rick ricky dick",
        "jennifer jenny jen",
        "alexander alexandra alex alec sandy",
        "victoria vicky vicki tori",
        "pamela pam",
        "alison allison ali",
        "benjamin ben",
        "james jim jimmy jamie",
        "jonathan john jon johnny jack",
        "timothy tim",
        "gregory greg",
        "kenneth ken kenny",
        "frances francis fran frankie",
        "charlotte charles charlie",
        "abigail abi abby",
        "amanda mandy",
        "bernadette bernard bernie",
        "jacqueline jackie jacqui",
        "joseph joe",
        "peter pete",
        "stuart stewart stu",
        "louise louisa lou",
        "natalie nat",
        "rosemary rose rosie",
        "teresa theresa tess tessa",
        "gillian gill jill",
        "judith judy",
        "caroline carol carrie",
        "angela angie",
        "kimberley kimberly kim",
        "nathaniel nathan nat",
        "lindsay lindsey",
        "zoe zoey",
    )
)


def _person_tokens(name: str) -> list[str]:
    """Name words without honorifics and post-nominals, folded and lower-cased."""
    text = _drop_parens(name, " ")
    folded = _fold(_APOSTROPHES.sub("", text)).lower()
    tokens = [t for t in re.split(r"[\s,]+", folded.replace(".", " ")) if t]
    cleaned = list(tokens)
    while cleaned and cleaned[0] in _HONORIFICS:
        cleaned.pop(0)
    while cleaned and cleaned[-1] in _POST_NOMINALS:
        cleaned.pop()
    return cleaned or tokens


def person_key(name: str) -> str:
    """One key per person: case, accents, honorifics and post-nominals do not matter.

    >>> person_key("Hilary MacDonald") == person_key("Hilary Macdonald")
    True
    >>> person_key("Máire Atherton") == person_key("Maire Atherton")
    True
    >>> person_key("Ms Bernie Brown HMI")
    'bernie-brown'
    >>> person_key("Frances O’Callaghan")
    'frances-ocallaghan'

    Short forms of a given name are not folded ("Dan Carrick" and "Daniel Carrick" keep two
    keys): :func:`person_match` calls such pairs "uncertain".
    """
    return slug(" ".join(_person_tokens(name)))


def _given_compatible(a: str, b: str) -> bool:
    """Whether two given names may be the same person's (initial, short form, nickname)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) == 1:
        return long.startswith(short)
    if len(short) >= 2 and long.startswith(short):
        return True
    return any(a in group and b in group for group in _NAME_GROUPS)


def person_match(a: str, b: str) -> MatchClass:
    """Whether two names are the same person: "same", "uncertain" or "different".

    "same" only when :func:`person_key` agrees. "uncertain" (report it, do not merge) when the
    surnames agree and the given names may be one (a short form, a nickname, an initial, or a
    name missing), or the given names agree and the surnames differ by a letter or so.

    >>> person_match("Hilary Macdonald", "Hilary MacDonald")
    'same'
    >>> person_match("Deena Walworth", "Deena Wallworth")
    'uncertain'
    >>> person_match("Dan Carrick", "Daniel Carrick")
    'uncertain'
    >>> person_match("Jess Taylor-Beirne", "Jessica Taylor-Beirne")
    'uncertain'
    >>> person_match("Lea Decker", "Lea Pickerill")
    'different'
    """
    from rapidfuzz import fuzz

    if person_key(a) == person_key(b):
        return "same"
    ta, tb = _person_tokens(a), _person_tokens(b)
    given_a, surname_a = (ta[0], "".join(ta[1:])) if len(ta) > 1 else ("", "".join(ta))
    given_b, surname_b = (tb[0], "".join(tb[1:])) if len(tb) > 1 else ("", "".join(tb))
    surname_a, surname_b = re.sub(r"[^a-z0-9]", "", surname_a), re.sub(r"[^a-z0-9]", "", surname_b)
    if not surname_a or not surname_b:
        return "different"

    if surname_a == surname_b:
        if not given_a or not given_b or _given_compatible(given_a, given_b):
            return "uncertain"
        if fuzz.ratio(given_a, given_b) >= 80:  # "Deana" / "Deena"
            return "uncertain"
        return "different"

    surname_score = fuzz.ratio(surname_a, surname_b)
    if surname_score >= 85 and given_a and given_b and _given_compatible(given_a, given_b):
        return "uncertain"
    return "different"
