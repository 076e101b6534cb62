"""Benchmark: reading, extraction and building, against PDFium's own text extraction.

    .venv/bin/python benchmarks/bench_pipeline.py [--shared ../shared] [--runs 3] [--json out.json]

Prints a table (median and min-max of the runs) and the ratios the issues set as targets:
read+extract per report <= 1.5x PDFium raw text; build of ../shared cold, and warm (nothing
changed); the store's size on disk. Not a test: it never fails for being slow.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _row(name: str, times: list[float], per: int = 1, unit: str = "ms") -> dict[str, object]:
    scale = 1000.0 if unit == "ms" else 1.0
    med = statistics.median(times) / per * scale
    return {
        "stage": name,
        "median": med,
        "min": min(times) / per * scale,
        "max": max(times) / per * scale,
        "unit": unit,
    }


def pdf_stages(pdfs: list[Path], texts: list[Path], runs: int) -> tuple[list[dict[str, object]], float]:
    """Rows for PDFium raw text, graphkit read+extract and pypdf per report, and per 2016 letter;
    and the ratio read+extract / PDFium raw (the <= 1.5x target)."""
    import pypdfium2 as pdfium

    from graphkit.extract import extract
    from graphkit.read.document import read_document

    rows = []

    def raw() -> None:
        for p in pdfs:
            pdf = pdfium.PdfDocument(str(p))
            for page in pdf:
                tp = page.get_textpage()
                tp.get_text_range()
            pdf.close()

    def ours() -> None:
        for p in pdfs:
            doc = read_document(p)
            extract(doc)

    def pypdf_text() -> None:
        import pypdf

        for p in pdfs:
            for page in pypdf.PdfReader(str(p)).pages:
                page.extract_text()

    raw()
    ours()  # warm imports and caches
    raw_t = _time(raw, runs)
    ours_t = _time(ours, runs)
    rows.append(_row("PDFium raw text, per report", raw_t, len(pdfs)))
    rows.append(_row("graphkit read+extract, per report", ours_t, len(pdfs)))
    try:
        rows.append(_row("pypdf text (alternative), per report", _time(pypdf_text, runs), len(pdfs)))
    except ImportError:
        pass
    rows.append(
        _row(
            "graphkit read+extract, per 2016 letter (txt)",
            _time(lambda: [extract(read_document(p)) for p in texts], runs),
            len(texts),
        )
    )
    return rows, statistics.median(ours_t) / statistics.median(raw_t)


def build_stages(letters: Path, runs: int) -> tuple[list[dict[str, object]], float]:
    """Rows for a cold build of ``letters`` + statistics into a fresh store, and a warm one
    (nothing changed); and the store's median size on disk in bytes."""
    from graphkit.store.build import build_store

    cold, warm, sizes = [], [], []
    for _ in range(runs):
        tmp = Path(tempfile.mkdtemp())
        t = time.perf_counter()
        build_store([letters], tmp / "db")
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        build_store([letters], tmp / "db")
        warm.append(time.perf_counter() - t)
        sizes.append(sum(f.stat().st_size for f in (tmp / "db").rglob("*") if f.is_file()))
        shutil.rmtree(tmp)
    rows = [
        _row("build ../shared + statistics, cold", cold, unit="s"),
        _row("build ../shared + statistics, warm (unchanged)", warm, unit="s"),
    ]
    return rows, statistics.median(sizes)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()

    pdfs = sorted((a.shared / "letters" / "2023-framework").glob("*.pdf"))
    texts = sorted((a.shared / "letters" / "2016-framework").glob("*.txt"))
    rows, ratio = pdf_stages(pdfs, texts, a.runs)
    build_rows, size = build_stages(a.shared / "letters", a.runs)
    rows += build_rows

    print(f"{'stage':52s} {'median':>10s} {'min':>10s} {'max':>10s}")
    for r in rows:
        print(f"{r['stage']:52s} {r['median']:10.2f} {r['min']:10.2f} {r['max']:10.2f} {r['unit']}")
    print(f"\nread+extract / PDFium raw text: {ratio:.2f}x (target <= 1.5x)")
    print(f"store size on disk: {size / 1e6:.1f} MB")
    if a.json:
        a.json.write_text(json.dumps({"rows": rows, "read_extract_ratio": ratio, "store_bytes": size}, indent=2))


if __name__ == "__main__":
    main()
