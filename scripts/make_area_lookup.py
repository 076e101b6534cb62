#!/usr/bin/env python3
"""Build graphkit/data/area_lookup.csv from ../shared/reference/local_authority_lookup.csv.

Run from the repository root::

    python scripts/make_area_lookup.py            # reads ../shared/reference
    python scripts/make_area_lookup.py --source DIR --out graphkit/data

One row per English local authority (DfE LA code): its Ofsted URN, ONS region code, lower-tier
(LTLA) code, and its statistical neighbours (DfE LA codes, nearest first) as the DfE's
children's services statistical neighbour benchmarking gives them. Facts only, sorted by LA
code, ``\\n`` line endings: the same input gives byte-identical output. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "graphkit" / "data"
LOOKUP_FILE = "local_authority_lookup.csv"
COLUMNS = ["la_code", "urn", "region_code", "ltla_code", "stat_neighbours"]


def _codes(text: str) -> list[str]:
    return re.findall(r"\d{3}", text)


def build(source: Path) -> list[dict[str, str]]:
    with (source / LOOKUP_FILE).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    known = {r["la_code"].strip() for r in rows}
    out = []
    for r in rows:
        code = r["la_code"].strip()
        if not re.fullmatch(r"\d{3}", code):
            raise SystemExit(f"{LOOKUP_FILE}: LA code {code!r} is not three digits")
        neighbours = _codes(r["stat_neighbours"])
        unknown = [n for n in neighbours if n not in known]
        if unknown:
            raise SystemExit(f"{LOOKUP_FILE}: {code}: statistical neighbours {unknown} are not in the lookup")
        out.append(
            {
                "la_code": code,
                "urn": r["urn"].strip(),
                "region_code": r["rgn22cd"].strip(),
                "ltla_code": r["ltla23cd"].strip(),
                "stat_neighbours": " ".join(neighbours),
            }
        )
    return sorted(out, key=lambda row: row["la_code"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rows = build(args.source)
    path = args.out / "area_lookup.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
