#!/usr/bin/env python3
"""Build graphkit's bundled reference tables (graphkit/data/*.csv) from ../shared/reference.

Run from the repository root::

    python scripts/make_reference_data.py            # reads ../shared/reference
    python scripts/make_reference_data.py --source DIR --out graphkit/data

It writes four small CSV files, facts only, and checks them as it goes (every statistics row
must match exactly one local authority; revisit results must agree with their counts):

- ``local_authorities.csv``            one row per English local authority (current or abolished)
- ``area_send_inspections_2016_2022.csv``  Ofsted official statistics, one row per area
- ``area_send_mi_2023.csv``            Ofsted management information, 2023 framework
- ``integrated_care_boards.csv``       the NHS integrated care boards: the 42 of 1 July 2022 and the
                                       boards from 1 April 2026, with codes, dates and areas covered
- ``icb_successions.csv``              which boards merged or split into which on 1 April 2026

The output is deterministic (sorted rows, ``\\n`` line endings), so re-running it on the same
input gives byte-identical files. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "graphkit" / "data"

STATS_FILE = "area_send_inspection_outcomes_2016-05_to_2022-08.csv"
MI_FILE = "area_send_mi_2023-01_to_2023-08.csv"
LOOKUP_FILE = "local_authority_lookup.csv"

# Curated extra names, keyed by DfE LA code. Spellings seen in letters, reports and common use.
# (Normalisation in graphkit.resolve already covers case, "&"/"and", hyphens, "City of",
# "Council"/"Borough" suffixes and the like; these are names normalisation cannot reach.)
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "822": ("Bedford",),
    "840": ("County Durham",),
    "810": ("Hull", "Kingston upon Hull"),
    "801": ("Bristol",),
    "882": ("Southend",),
    "839": ("BCP",),
    "884": ("County of Herefordshire",),
    "342": ("St Helens",),
    "391": ("Newcastle",),
    "800": ("BANES", "B&NES", "Bath & North East Somerset", "Bath and NE Somerset"),
    "811": ("East Riding",),
    "861": ("Stoke",),
    "919": ("Herts",),
    "825": ("Bucks",),
    "891": ("Notts",),
    "855": ("Leics",),
    "925": ("Lincs",),
    "850": ("Hants",),
    "885": ("Worcs",),
    "916": ("Gloucs",),
    "931": ("Oxon",),
    "873": ("Cambs",),
    "860": ("Staffs",),
    "865": ("Wilts",),
    "830": ("Derbys",),
    "928": (
        "Northants",
        "North and West Northamptonshire",
        "North Northamptonshire and West Northamptonshire",
    ),
    "942": ("Cumberland Council",),
}

# Authorities abolished in reorganisations, and the authorities that took over their area.
SUCCESSORS: dict[str, tuple[str, ...]] = {
    "909": ("942", "943"),  # Cumbria -> Cumberland, Westmorland and Furness (April 2023)
    "928": ("940", "941"),  # Northamptonshire -> North, West Northamptonshire (April 2021)
    "836": ("839",),  # Poole -> Bournemouth, Christchurch and Poole (April 2019)
}

ICB_DIR = "icb"  # ../shared/reference/icb: ONS and ODS names and codes (see its SOURCES.md)
ICB_FIRST_DAY = "2022-07-01"
ICB_2026_DAY = "2026-04-01"
ICB_2026_EVE = "2026-03-31"

# Short names the reports use for some boards (curated: the ONS and ODS files give none), keyed by
# the statutory name without the leading "NHS" and the trailing "Integrated Care Board".
ICB_SHORT_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Bath and North East Somerset, Swindon and Wiltshire", ("BSW",)),
    ("Bedfordshire, Luton and Milton Keynes", ("BLMK",)),
    ("Birmingham and Solihull", ("BSol",)),
    ("Black Country", ()),
    ("Bristol, North Somerset and South Gloucestershire", ("BNSSG",)),
    ("Buckinghamshire, Oxfordshire and Berkshire West", ("BOB",)),
    ("Cambridgeshire and Peterborough", ("C&P",)),
    ("Cheshire and Merseyside", ()),
    ("Cornwall and the Isles of Scilly", ("CIoS",)),
    ("Coventry and Warwickshire", ()),
    ("Derby and Derbyshire", ("DDICB",)),
    ("Devon", ()),
    ("Dorset", ()),
    ("Frimley", ()),
    ("Gloucestershire", ()),
    ("Greater Manchester", ("GM",)),
    ("Hampshire and Isle of Wight", ("HIOW",)),
    ("Herefordshire and Worcestershire", ("H&W",)),
    ("Hertfordshire and West Essex", ("HWE",)),
    ("Humber and North Yorkshire", ("HNY",)),
    ("Kent and Medway", ()),
    ("Lancashire and South Cumbria", ("L&SC",)),
    ("Leicester, Leicestershire and Rutland", ("LLR",)),
    ("Lincolnshire", ()),
    ("Mid and South Essex", ("MSE",)),
    ("Norfolk and Waveney", ()),
    ("North Central London", ("NCL",)),
    ("North East and North Cumbria", ("NENC",)),
    ("North East London", ("NEL",)),
    ("North West London", ("NWL",)),
    ("Northamptonshire", ()),
    ("Nottingham and Nottinghamshire", ()),
    ("Shropshire, Telford and Wrekin", ("STW", "ST&W")),
    ("Somerset", ()),
    ("South East London", ("SEL",)),
    ("South West London", ("SWL",)),
    ("South Yorkshire", ()),
    ("Staffordshire and Stoke-on-Trent", ()),
    ("Suffolk and North East Essex", ("SNEE",)),
    ("Surrey Heartlands", ()),
    ("Sussex", ()),
    ("West Yorkshire", ()),
)

OUTCOMES = {
    "typically positive experiences and outcomes": "positive",
    "inconsistent experiences and outcomes": "inconsistent",
    "widespread and/or systemic failings": "widespread_failings",
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            n += 1
    return n


def _iso(value: str) -> str:
    """'2019-02-04', '2020-02-03 00:00:00' or '27/03/2023' -> '2019-02-04'; '' stays ''."""
    if not value:
        return ""
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            pass
    raise ValueError(f"unrecognised date {value!r}")


def _count(value: str) -> str:
    """'5.0' -> '5'; '' or 'NA' -> ''."""
    if value in ("", "NA"):
        return ""
    number = float(value)
    if number != int(number) or number < 0:
        raise ValueError(f"not a count: {value!r}")
    return str(int(number))


def _bool(value: str) -> str:
    mapping = {"yes": "true", "no": "false"}
    try:
        return mapping[value.lower()]
    except KeyError:
        raise ValueError(f"expected Yes or No, found {value!r}") from None


def _simple(name: str) -> str:
    """Crude name comparison key used only to cross-check names in this script."""
    name = name.lower().replace("&", " and ").replace(".", "")
    name = re.sub(r"^(.*), (city|county) of$", r"\1", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def _split_also_known_as(text: str, ons_name: str) -> list[str]:
    """'[BCP, Bournemouth, Christchurch & Poole]' -> ['BCP', 'Bournemouth, Christchurch & Poole'].

    The lookup's list is comma-separated but names may contain commas: a run of items that
    together spell the ONS name is one name.
    """
    items = [a.strip() for a in text.strip().strip("[]").split(",") if a.strip()]
    for i in range(len(items)):
        for j in range(len(items), i + 1, -1):
            if _simple(", ".join(items[i:j])) == _simple(ons_name):
                return items[:i] + [", ".join(items[i:j])] + items[j:]
    return items


def _label(la: dict[str, str], stats_name: str | None, mi_name: str | None) -> str:
    """Ofsted's own spelling where it has one, else the ONS name without ', City of'."""
    if stats_name:
        return stats_name
    if mi_name:
        return mi_name
    return re.sub(r", (City|County) of$", "", la["local_authority_ons_name"])


def build_local_authorities(
    lookup: list[dict[str, str]],
) -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    """One record per authority, with its current GSS code and any former codes."""
    primary: dict[str, str] = {}
    records: list[dict[str, str]] = []
    for la in lookup:
        gss = la["la_code_new"] or la["ltla23_ons"] or la["lad23cd"]
        if not re.fullmatch(r"E\d{8}", gss):
            raise ValueError(f"{la['la_code']}: no GSS code")
        primary[gss] = la["la_code"]
    for la in lookup:
        gss = la["la_code_new"] or la["ltla23_ons"] or la["lad23cd"]
        former = sorted({la["lad23cd"], la["ltla23cd"], la["ltla23_ons"]} - {"", gss} - set(primary))
        records.append({**la, "_gss": gss, "_former": " ".join(former)})
    by_code = {r["la_code"]: r for r in records}
    if len(by_code) != len(records):
        raise ValueError("duplicate DfE LA code in the lookup table")
    return records, by_code


def match_gss(code: str, records: list[dict[str, str]]) -> dict[str, str]:
    """The authority a statistics row's GSS code (as it was then) belongs to."""
    for test in (
        lambda r: r["_gss"] == code,
        lambda r: not r["la_code_new"] and code in (r["lad23cd"], r["ltla23_ons"]),
        lambda r: code in r["_former"].split(),
    ):
        found = [r for r in records if test(r)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValueError(f"{code}: matches {[r['la_code'] for r in found]}")
    raise ValueError(f"{code}: no local authority has this GSS code")


def match_name(name: str, records: list[dict[str, str]]) -> dict[str, str]:
    """The authority a management-information row names."""
    key = _simple(name)
    found = [
        r
        for r in records
        if key in {_simple(r["local_authority_ons_name"]), _simple(r["ltla23nm"])} and r["la_code_new"]
    ]
    if len(found) != 1:
        raise ValueError(f"{name!r}: matches {len(found)} local authorities")
    return found[0]


ICB_COLUMNS = [
    "name",
    "statutory_name",
    "ods",
    "gss_2022",
    "gss_2024",
    "gss_2026",
    "gss_note",
    "ods_note",
    "region",
    "established",
    "abolished",
    "areas_2022",
    "short_names",
]


def _core(statutory: str) -> str:
    """ "NHS X Integrated Care Board" -> "X"."""
    m = re.fullmatch(r"NHS (.+) Integrated Care Board", statutory.strip())
    if not m:
        raise ValueError(f"integrated care board {statutory!r}: expected 'NHS … Integrated Care Board'")
    return m.group(1)


def _codes(cell: str) -> list[str]:
    """ "Coventry (E08000026);Warwickshire (E10000031)" -> the codes in brackets, in order."""
    return re.findall(r"\(([EWSN]\d{8})\)", cell)


def _note(confidence: str) -> str:
    """A source's confidence for a code, kept only where it is not plainly high."""
    return "" if confidence.startswith("high") else confidence


def build_icbs(folder: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The boards of 2022 and 2026 merged into one row per board (a board keeps its ODS code
    through a change of GSS code), and the 2026 successions, checked against each other."""
    rows_2022 = _read(folder / "icb_2022.csv")
    by_ods_2024 = {r["icb24_code_nhs"]: r for r in _read(folder / "icb_2024_ons.csv")}
    rows_2026 = _read(folder / "icb_2026.csv")
    changes = _read(folder / "icb_changes_2026.csv")
    if len(rows_2022) != 42 or len(by_ods_2024) != 42 or len(rows_2026) != 36:
        raise ValueError(f"{folder}: expected 42 boards in 2022 and 2024 and 36 in 2026")
    short = dict(ICB_SHORT_NAMES)
    abolished = {c["predecessor_ods"] for c in changes} - {c["successor_ods"] for c in changes}
    boards: dict[str, dict[str, str]] = {}
    for r in rows_2022:
        core = _core(r["name"])
        r24 = by_ods_2024.get(r["ods"])
        if r24 is None or _core(r24["icb24_name"]) != core:
            raise ValueError(f"{r['name']}: not in the April 2024 list under ODS code {r['ods']}")
        if r["established"] != ICB_FIRST_DAY:
            raise ValueError(f"{r['name']}: established {r['established']}, expected {ICB_FIRST_DAY}")
        boards[r["ods"]] = {
            "name": core,
            "statutory_name": r["name"],
            "ods": r["ods"],
            "gss_2022": r["gss"],
            "gss_2024": r24["icb24_code"],
            "gss_2026": "",
            "gss_note": "",
            "ods_note": "",
            "region": r["region"],
            "established": ICB_FIRST_DAY,
            "abolished": ICB_2026_EVE if r["ods"] in abolished else "",
            "areas_2022": " ".join(_codes(r["utlas"])),
            "short_names": "|".join(short.get(core, ())),
        }
    if set(short) - {b["name"] for b in boards.values()}:
        raise ValueError(f"short names for unknown boards: {sorted(set(short) - {b['name'] for b in boards.values()})}")
    for r in rows_2026:
        core = _core(r["name"])
        board = boards.get(r["ods"])
        if board is None:
            if r["effective_date"] != ICB_2026_DAY:
                raise ValueError(f"{r['name']}: a new board without the date {ICB_2026_DAY}")
            board = boards[r["ods"]] = {
                "name": core,
                "statutory_name": r["name"],
                "ods": r["ods"],
                "gss_2022": "",
                "gss_2024": "",
                "region": r["region"],
                "established": ICB_2026_DAY,
                "abolished": "",
                "areas_2022": "",
                "short_names": "",
            }
        elif board["name"] != core or board["abolished"]:
            raise ValueError(f"{r['name']}: ODS code {r['ods']} names another board or one abolished")
        board["gss_2026"] = r["gss"]
        board["gss_note"] = _note(r["gss_confidence"])
        board["ods_note"] = _note(r["ods_confidence"])
    successions = []
    for c in changes:
        for ods, gss, key in (
            (c["predecessor_ods"], c["predecessor_gss_2024"], "gss_2024"),
            (c["successor_ods"], c["successor_gss_2026"], "gss_2026"),
        ):
            if ods not in boards or boards[ods][key] != gss:
                raise ValueError(f"icb_changes_2026.csv: {ods} {gss} does not match the board lists")
        if c["succession_type"] not in ("merger", "split", "acquisition") or c["effective_date"] != ICB_2026_DAY:
            raise ValueError(f"icb_changes_2026.csv: unexpected change {c}")
        successions.append([c["predecessor_ods"], c["successor_ods"], c["succession_type"], c["effective_date"]])
    rows = [[b[k] for k in ICB_COLUMNS] for b in boards.values()]
    return sorted(rows), sorted(successions)


def revisit_result(made: str, not_made: str) -> str:
    """'all' / 'some' / 'none' from the two counts."""
    m, n = int(made), int(not_made)
    if n == 0:
        return "all"
    if m == 0:
        return "none"
    return "some"


def convert(source: Path, out: Path) -> dict[str, int]:
    lookup = _read(source / LOOKUP_FILE)
    stats = _read(source / STATS_FILE)
    mi = _read(source / MI_FILE)
    records, by_code = build_local_authorities(lookup)

    # --- official statistics 2016-2022 -------------------------------------------------
    stats_rows: list[list[str]] = []
    stats_names: dict[str, str] = {}
    for row in stats:
        gss = row["Local authority code"]
        name = row["Area name"]
        la = match_gss(gss, records)
        names = {_simple(la["local_authority_ons_name"]), _simple(la["ltla23nm"])}
        names |= {_simple(a) for a in EXTRA_ALIASES.get(la["la_code"], ())}
        if _simple(name) not in names:
            raise ValueError(f"{gss} {name!r}: lookup says {la['local_authority_ons_name']!r}")
        if la["la_code"] in stats_names:
            raise ValueError(f"{name}: two statistics rows")
        stats_names[la["la_code"]] = name

        wsoa = _bool(row["Inspection outcome: written statement of action required?"])
        weaknesses = _count(row["Number significant weaknesses identified in written statement of action"])
        revisit_start_raw = row["Revisit start date"]
        not_revisited = revisit_start_raw.lower() == "not revisited yet"
        revisit_start = "" if not_revisited else _iso(revisit_start_raw)
        revisit_pub = _iso(row["Revisit publication date"])
        made = _count(row["Number significant weaknesses where sufficient progress has been made"])
        not_made = _count(row["Number significant weaknesses where sufficient progress has not been made"])
        stated = row["Revisit outcome: sufficient progress in addressing all significant weaknesses?"]
        result = ""
        if made or not_made:
            result = revisit_result(made, not_made)
            expected = {"all": "yes", "some": "some", "none": "no"}[result]
            if stated.lower() != expected:
                raise ValueError(f"{name}: revisit outcome {stated!r} but counts say {result}")
            if int(made) + int(not_made) != int(weaknesses):
                raise ValueError(f"{name}: revisit counts do not add up to {weaknesses}")
        if wsoa == "true" and not weaknesses:
            raise ValueError(f"{name}: WSoA required but no weakness count")
        if wsoa == "false" and (weaknesses or revisit_start or not_revisited):
            raise ValueError(f"{name}: no WSoA but weakness or revisit data")
        if wsoa == "true" and not (revisit_start or not_revisited):
            raise ValueError(f"{name}: WSoA area with neither a revisit nor 'Not revisited yet'")
        stats_rows.append(
            [
                name,
                gss,
                la["la_code"],
                row["Ofsted region"],
                _iso(row["Inspection start date"]),
                _iso(row["Inspection publication date"]),
                wsoa,
                weaknesses,
                "true" if not_revisited else "false",
                revisit_start,
                revisit_pub,
                result,
                made,
                not_made,
            ]
        )
    stats_rows.sort(key=lambda r: (r[0].lower(), r[4]))

    # --- management information 2023 ----------------------------------------------------
    mi_rows: list[list[str]] = []
    mi_names: dict[str, str] = {}
    for row in mi:
        name = row["Local.area.partnership"]
        la = match_name(name, records)
        mi_names[la["la_code"]] = name
        label = row["Inspection.outcome"]
        outcome = OUTCOMES[label.lower()]
        pap = _bool(row["Priority.action.plan.required."])
        count = _count(row["Number.of.areas.for.priority.action"])
        if (pap == "true") != bool(count):
            raise ValueError(f"{name}: priority action plan {pap} but count {count!r}")
        mi_rows.append(
            [
                name,
                la["_gss"],
                la["la_code"],
                row["Ofsted.region"],
                _iso(row["Inspection.start.date"]),
                _iso(row["Inspection.publication.date"]),
                outcome,
                label,
                pap,
                count,
            ]
        )
    mi_rows.sort(key=lambda r: (r[0].lower(), r[4]))

    # --- local authorities ----------------------------------------------------------------
    la_rows: list[list[str]] = []
    labels: dict[str, str] = {}
    for la in records:
        code = la["la_code"]
        label = _label(la, stats_names.get(code), mi_names.get(code))
        if label.lower() in labels:
            raise ValueError(f"label {label!r} used twice")
        labels[label.lower()] = code
    for la in records:
        code = la["la_code"]
        label = _label(la, stats_names.get(code), mi_names.get(code))
        aliases: list[str] = []
        candidates = [la["local_authority_ons_name"], la["ltla23nm"], la["utla23nm"]]
        candidates += _split_also_known_as(la["also_known_as"], la["local_authority_ons_name"])
        candidates += [stats_names.get(code, ""), mi_names.get(code, "")]
        candidates += list(EXTRA_ALIASES.get(code, ()))
        for alias in candidates:
            # an ONS area name another authority is called by (Cumberland's ltla23nm is
            # "Cumbria") would point at the wrong authority: leave it out.
            owner = labels.get(alias.lower())
            if not alias or alias == label or alias in aliases or owner not in (None, code):
                continue
            aliases.append(alias)
        # "Bournemouth, Christchurch and Poole" contains a comma: join aliases with "|".
        status = "current" if la["la_code_new"] else "abolished"
        la_rows.append(
            [
                code,
                la["_gss"],
                la["_former"],
                label,
                la["local_authority_ons_name"],
                la["region_name"],
                la["ons_la_type"],
                la["urn"],
                status,
                " ".join(SUCCESSORS.get(code, ())),
                "|".join(aliases),
            ]
        )
    la_rows.sort(key=lambda r: r[0])
    for code, successors in SUCCESSORS.items():
        if by_code[code]["la_code_new"] or not all(s in by_code for s in successors):
            raise ValueError(f"{code}: successor table out of date")

    out.mkdir(parents=True, exist_ok=True)
    counts = {
        "local_authorities.csv": _write(
            out / "local_authorities.csv",
            [
                "la_code",
                "gss",
                "former_gss",
                "label",
                "ons_name",
                "region",
                "la_type",
                "ofsted_urn",
                "status",
                "successor_la_codes",
                "aliases",
            ],
            la_rows,
        ),
        "area_send_inspections_2016_2022.csv": _write(
            out / "area_send_inspections_2016_2022.csv",
            [
                "area",
                "gss",
                "la_code",
                "ofsted_region",
                "inspection_start",
                "inspection_published",
                "wsoa_required",
                "weakness_count",
                "not_revisited_yet",
                "revisit_start",
                "revisit_published",
                "revisit_result",
                "weaknesses_sufficient_progress",
                "weaknesses_insufficient_progress",
            ],
            stats_rows,
        ),
        "area_send_mi_2023.csv": _write(
            out / "area_send_mi_2023.csv",
            [
                "area",
                "gss",
                "la_code",
                "ofsted_region",
                "inspection_start",
                "inspection_published",
                "outcome",
                "outcome_label",
                "priority_action_plan_required",
                "priority_action_count",
            ],
            mi_rows,
        ),
    }
    boards, successions = build_icbs(source / ICB_DIR)
    counts["integrated_care_boards.csv"] = _write(out / "integrated_care_boards.csv", ICB_COLUMNS, boards)
    counts["icb_successions.csv"] = _write(
        out / "icb_successions.csv",
        ["predecessor_ods", "successor_ods", "succession_type", "effective_date"],
        successions,
    )
    if counts["area_send_inspections_2016_2022.csv"] != 149:
        raise ValueError("expected 149 areas in the 2016-2022 statistics")
    if counts["integrated_care_boards.csv"] != 48:
        raise ValueError("expected 48 integrated care boards (42 of 2022, 6 new in 2026)")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="../shared/reference")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="graphkit/data")
    args = parser.parse_args(argv)
    try:
        counts = convert(args.source, args.out)
    except (OSError, ValueError, KeyError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    for name, n in counts.items():
        print(f"{args.out / name}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
