"""A scaled benchmark corpus: 1x, 10x and 100x the letters in ../shared/letters, generated at run time.

    .venv/bin/python benchmarks/corpus.py --scale 10 --out /tmp/corpus10 [--shared ../shared] [--check]

Copy 0 of every letter is the letter itself; copy k (1 <= k < scale) is a *variant* of it: the same
text with the area, the people and the dates rewritten, deterministically, so that

* every variant is about another real local area (one of the 150 current authorities in
  ``graphkit/data``), so area resolution, ONS codes and per-area lifecycle links do real work and
  an area collects documents from several variants (1x: 25 areas; 10x: ~150; 100x: every area,
  ~17 documents each);
* its dates are shifted by whole months inside its framework's years (2016-22 letters stay in
  May 2016 - Dec 2022, 2023 reports in Jan 2023 - Dec 2026), chosen so that no two documents
  claim the same inspection (area, kind, month): each document adds its own inspection node;
* its people are drawn from a pool of ~400 names by a hash of the original name and the copy
  number, so the same inspector recurs across the documents of one copy and across copies:
  person resolution merges names across documents, as it does for real inspectors;
* it is a file of its own with its own name (``<area>-area-send-<YYYY-MM>.txt`` ...), so the
  build keeps one named graph and one manifest entry per document.

Every document is written as text (``.txt``): a 2016-22 letter's own text, a 2023 report's text
as PDFium reads it (running headers, page numbers and all). So the corpus exercises the text
route of the extractors; the 2023 reader's tables-by-position from the PDF pages are not used
(the text route yields ~88% of a report's triples). PDF reading is measured on the real PDFs
(see run.py), and the 1x corpus is exactly ../shared/letters' content. Nothing of a letter's
text is stored in the repository: the corpus is made in a temporary folder on each run.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import json
import random
import re
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = "graphkit-bench-1"

MONTHS = list(calendar.month_name)[1:]
_MONTH_ALT = "|".join(MONTHS)
# "12 to 16 February 2024", "4 February 2019", "30 January", and "February 2019"
_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?P<sep>(?:st|nd|rd|th)?\s*(?:to|and|-|–)\s*))?(?P<d>\d{1,2})(?P<suf>st|nd|rd|th)?"
    rf"(?P<sp>\s+)(?P<m>{_MONTH_ALT})(?:(?P<ysep>,?\s+)(?P<y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<m2>{_MONTH_ALT})(?P<ysep2>,?\s+)(?P<y2>(?:19|20)\d\d)\b"
)
# the months a variant's inspection may fall in, per framework (inclusive, as year*12 + month-1)
WINDOWS = {"letter2016": (2016 * 12 + 4, 2022 * 12 + 11), "report2023": (2023 * 12 + 0, 2026 * 12 + 11)}
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Prof")
# fictional people: given names (some with the short forms people go by) x family names
GIVEN = (
    "Alice Amir Beatrice Callum Chloe Daniel Dan Deborah Eleanor Fatima Gareth Hannah Imran Joanne Jo Katherine "
    "Kate Liam Marcus Michael Mike Nadia Oliver Priya Rachel Samuel Sam Tariq Yvonne Zara"
).split()
FAMILY = (
    "Abbott Bancroft Carrick Dunmore Ellery Fairbairn Garside Hollins Ingram Jessop Kershaw Lomax Marsden Nuttall "
    "Oakes Pickering Quarmby Ramsden Sowerby Thwaite"
).split()


@dataclass(frozen=True)
class Source:
    """One letter of ../shared/letters, read once: what a variant rewrites."""

    path: str
    stem: str
    kind: str  # initial | revisit | area_send_2023
    text: str  # as read from the file: the .txt's text, or PDFium's raw text of the PDF
    area_forms: tuple[str, ...]  # the area's names as the letter may write them
    area_slug: str
    month: int  # year*12 + month-1 of the inspection's first day
    people: tuple[str, ...]  # full names (honorifics off)
    surnames: tuple[str, ...]  # people named by honorific + surname only ("Dear Mr Gray")

    @property
    def framework(self) -> str:
        return "report2023" if self.kind == "area_send_2023" else "letter2016"


@dataclass(frozen=True)
class Variant:
    """One document of the scaled corpus."""

    file: str
    source: str
    copy: int
    kind: str
    area: str  # the area's label, as written into the text
    area_slug: str
    month: str  # YYYY-MM of the inspection
    shift: int  # months the dates moved


def _aliases() -> dict[str, list[str]]:
    """Area label -> its other names (ONS name, aliases) from the bundled table."""
    text = (files("graphkit") / "data" / "local_authorities.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        names = [row["ons_name"], *row["aliases"].split("|")]
        out[row["label"]] = [n for n in names if n and n != row["label"]]
    return out


def _strip_honorific(name: str) -> list[str]:
    words = name.replace(".", " ").split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return words


def read_sources(shared: Path) -> list[Source]:
    """Read every letter in ``shared/letters`` once (the PDFs with PDFium), in a stable order."""
    from graphkit.pipeline import read_letter
    from graphkit.resolve import resolve_area
    from graphkit.store.build import iter_inputs

    aliases = _aliases()
    out = []
    for p in iter_inputs([shared / "letters"]):
        letter = read_letter(p)
        x = letter.extraction
        if x.kind == "other" or x.area is None or x.visit_start is None:
            continue
        ref = resolve_area(x.area.value)
        assert ref is not None, p
        forms = {x.area.value, ref.label, *aliases.get(ref.label, [])}
        people: set[str] = set()
        surnames: set[str] = set()
        for name in [pp.name.value for pp in x.people] + [r.name.value for r in x.recipients]:
            words = _strip_honorific(name)
            if len(words) >= 2:
                people.add(" ".join(words))
                surnames.add(words[-1])
            elif words:
                surnames.add(words[0])
        out.append(
            Source(
                path=str(p),
                stem=p.stem,
                kind=x.kind,
                text=letter.doc.raw,
                area_forms=tuple(sorted(forms, key=len, reverse=True)),
                area_slug=ref.slug,
                month=x.visit_start.value.year * 12 + x.visit_start.value.month - 1,
                people=tuple(sorted(people)),
                surnames=tuple(sorted(surnames)),
            )
        )
    return out


def _area_pool() -> list[tuple[str, str]]:
    """(label, slug) of the current authorities a variant may be about."""
    from graphkit.resolve import all_areas

    skip = {"City of London", "Isles of Scilly"}  # not local area partnerships of their own
    return sorted({(a.label, a.slug) for a in all_areas() if a.status == "current" and a.label not in skip})


def plan(sources: list[Source], scale: int) -> list[tuple[Source, Variant]]:
    """Which document each copy is: area and month chosen so that no inspection is claimed twice.

    Copies are allocated copy by copy, so the 10x corpus is the first tenth of the 100x one.
    """
    pool = _area_pool()
    used = {(s.area_slug, s.kind, s.month) for s in sources}
    out: list[tuple[Source, Variant]] = []
    for k in range(scale):
        for s in sources:
            if k == 0:
                label = next(lbl for lbl, slug in pool if slug == s.area_slug)
                month = s.month
            else:
                rng = random.Random(f"{SEED}:{s.stem}:{k}")
                lo, hi = WINDOWS[s.framework]
                for _ in range(10_000):
                    label, slug = rng.choice(pool)
                    month = rng.randint(lo, hi)
                    if slug != s.area_slug and (slug, s.kind, month) not in used:
                        break
                else:  # pragma: no cover - the windows hold far more slots than 100x needs
                    raise RuntimeError(f"no free (area, month) for {s.stem} copy {k}")
                used.add((slug, s.kind, month))
            slug = next(sl for lbl, sl in pool if lbl == label)
            ym = f"{month // 12:04d}-{month % 12 + 1:02d}"
            kind_part = {"initial": "initial", "revisit": "revisit"}.get(s.kind, "area-send")
            name = f"{slug}-{kind_part}-{ym}.txt"
            out.append((s, Variant(name, s.stem, k, s.kind, label, slug, ym, month - s.month)))
    return out


def _shift_dates(text: str, shift: int) -> str:
    """Every date in ``text`` moved by ``shift`` months (days clamped to the new month's length)."""
    if not shift:
        return text

    def moved(month_name: str, year: str | None) -> tuple[str, str | None, int]:
        m = MONTHS.index(month_name)
        if year is None:
            m2 = (m + shift) % 12
            return MONTHS[m2], None, calendar.monthrange(2001, m2 + 1)[1]
        total = int(year) * 12 + m + shift
        y2, m2 = divmod(total, 12)
        return MONTHS[m2], str(y2), calendar.monthrange(y2, m2 + 1)[1]

    def sub(mt: re.Match[str]) -> str:
        if mt.group("m2"):
            name, year, _ = moved(mt.group("m2"), mt.group("y2"))
            return f"{name}{mt.group('ysep2')}{year}"
        name, year, last = moved(mt.group("m"), mt.group("y"))
        out = ""
        if mt.group("d1"):
            out += f"{min(int(mt.group('d1')), last)}{mt.group('sep')}"
        out += f"{min(int(mt.group('d')), last)}{mt.group('suf') or ''}{mt.group('sp')}{name}"
        if year is not None:
            out += f"{mt.group('ysep')}{year}"
        return out

    return _DATE.sub(sub, text)


def _flex(phrase: str) -> str:
    """A pattern for ``phrase`` however the text wraps it (spaces, hyphens at line ends)."""
    parts = re.split(r"(\s+|-)", phrase.strip())
    out = []
    for part in parts:
        if not part:
            continue
        if part.isspace():
            out.append(r"\s+")
        elif part == "-":
            out.append(r"-\s*")
        else:
            out.append(re.escape(part))
    return r"(?<![\w-])" + "".join(out) + r"(?![\w])"


def _key(matched: str) -> str:
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", matched))


def _person_name(name: str, copy: int) -> tuple[str, str]:
    """The (given, family) name a person of the original letter has in copy ``copy``."""
    h = zlib.crc32(name.encode()) + copy * 7919
    return GIVEN[h % len(GIVEN)], FAMILY[(h // len(GIVEN)) % len(FAMILY)]


def variant_text(s: Source, v: Variant) -> str:
    """The text of variant ``v``: area, people and dates of ``s`` rewritten (copy 0: ``s`` as it is)."""
    if v.copy == 0:
        return s.text
    table: dict[str, str] = {}
    for form in s.area_forms:
        table[form] = v.area
    for full in s.people:
        given, family = _person_name(full, v.copy)
        table[full] = f"{given} {family}"
        table.setdefault(full.split()[-1], family)  # "Ms Watson" once named in full
    for surname in s.surnames:
        table.setdefault(surname, _person_name(surname, v.copy)[1])
    # a lone surname only after an honorific ("Dear Mr Gray"); names and areas however wrapped
    singles = {t for t in table if " " not in t and t not in s.area_forms}
    patterns = []
    for term in sorted(table, key=len, reverse=True):
        if term in singles:
            patterns += [rf"(?<=\b{h} ){re.escape(term)}\b" for h in ("Mr", "Ms", "Dr", "Mrs", "Miss")]
        else:
            patterns.append(_flex(term))
    combined = re.compile("|".join(f"(?:{p})" for p in patterns))
    text = combined.sub(lambda m: table.get(_key(m.group()), m.group()), s.text)
    return _shift_dates(text, v.shift)


def write_corpus(sources: list[Source], scale: int, out: Path) -> list[Variant]:
    """Write the ``scale``x corpus into ``out`` (created); return what each file is."""
    out.mkdir(parents=True, exist_ok=True)
    variants = []
    for s, v in plan(sources, scale):
        (out / v.file).write_text(variant_text(s, v), encoding="utf-8")
        variants.append(v)
    return variants


def describe(variants: Iterable[Variant]) -> dict[str, int]:
    """Counts of what a corpus exercises: documents, areas, areas with several documents."""
    vs = list(variants)
    per_area: dict[str, int] = {}
    for v in vs:
        per_area[v.area_slug] = per_area.get(v.area_slug, 0) + 1
    return {
        "documents": len(vs),
        "letters_2016": sum(1 for v in vs if v.kind != "area_send_2023"),
        "reports_2023": sum(1 for v in vs if v.kind == "area_send_2023"),
        "areas": len(per_area),
        "areas_with_several_documents": sum(1 for n in per_area.values() if n > 1),
        "max_documents_per_area": max(per_area.values(), default=0),
    }


def check(out: Path, variants: list[Variant]) -> list[str]:
    """Read every file back: the problems found (wrong area or month read, unreadable)."""
    from graphkit.pipeline import read_letter
    from graphkit.resolve import resolve_area

    problems = []
    for v in variants:
        try:
            x = read_letter(out / v.file).extraction
        except Exception as exc:  # report, don't stop
            problems.append(f"{v.file}: {exc}")
            continue
        ref = resolve_area(x.area.value) if x.area else None
        got = x.visit_start.value.isoformat()[:7] if x.visit_start else None
        if x.kind != v.kind or ref is None or ref.slug != v.area_slug or got != v.month:
            problems.append(
                f"{v.file} (from {v.source}): read kind={x.kind} area={ref.slug if ref else None} month={got}"
            )
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--check", action="store_true", help="read every file back and report what was misread")
    a = ap.parse_args()
    variants = write_corpus(read_sources(a.shared), a.scale, a.out)
    print(json.dumps(describe(variants)))
    (a.out.parent / f"{a.out.name}.variants.json").write_text(json.dumps([asdict(v) for v in variants], indent=1))
    if a.check:
        problems = check(a.out, variants)
        print(f"{len(variants) - len(problems)}/{len(variants)} read back as intended")
        for line in problems[:40]:
            print("  " + line)


if __name__ == "__main__":
    main()
