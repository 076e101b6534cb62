"""Property-based fuzzing of the reader and the extractors (Hypothesis), on a small budget.

Whatever is done to a letter — lines deleted, duplicated or shuffled, dates and keywords
changed, unicode inserted, sections repeated, another encoding; a PDF's bytes flipped, its
objects damaged — reading it and making its graph either works or fails with graphkit's own
one-line error, and within its time budget. The longer run is ``scripts/fuzz.py``; its
reproducers are in tests/regressions. Real letters are read from ../shared at test time (the
fictional ones in tests/data are always used).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutate import ENCODINGS, PDF_OPS, TEXT_OPS, sources

from graphkit.errors import GraphkitError, TimeLimitError
from graphkit.pipeline import letter_graph, read_letter, time_limit

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# CI runs the same examples every time (a failure there is reproducible); a developer's run
# draws new ones
settings.register_profile(
    "fuzz",
    max_examples=25,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
LIMIT = 30.0  # seconds: far above any input here; a hang fails the test instead of stopping the run

_SOURCES = sources(REPO, SHARED if (SHARED / "letters").is_dir() else None)
TEXTS = [s for s in _SOURCES if s[2] == ".txt"]
PDFS = [s for s in _SOURCES if s[2] == ".pdf"]


def _check(path: Path) -> None:
    """Read and graph ``path``: graphkit's own error is a fine answer; anything else fails."""
    try:
        with time_limit(LIMIT, str(path)):
            try:
                letter = read_letter(path)
                _, g = letter_graph(letter)
                g.serialize(format="nt")
            except TimeLimitError:
                raise
            except GraphkitError as exc:
                line = exc.line()
                assert "\n" not in line and line.startswith(str(path)), line
    except TimeLimitError:
        pytest.fail(f"{path.name}: still running after {LIMIT} s")


@settings(settings.get_profile("fuzz"))
@given(
    source=st.sampled_from(TEXTS),
    ops=st.lists(st.sampled_from(sorted(TEXT_OPS)), min_size=1, max_size=3),
    seed=st.integers(0, 2**32 - 1),
    insert=st.text(max_size=40),
    encoding=st.sampled_from(ENCODINGS),
)
def test_mutated_text_letters(
    tmp_path: Path, source: tuple[str, bytes, str], ops: list[str], seed: int, insert: str, encoding: str
) -> None:
    rng = random.Random(seed)
    text = source[1].decode("utf-8", errors="replace")
    for op in ops:
        text = TEXT_OPS[op](text, rng)
    at = rng.randrange(len(text) + 1)
    text = text[:at] + insert + text[at:]  # any unicode Hypothesis draws, surrogates included
    path = tmp_path / "mutated.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _check(path)


@pytest.mark.skipif(not PDFS, reason="no real PDFs: ../shared/letters is not beside this checkout")
@settings(settings.get_profile("fuzz"), max_examples=15)
@given(
    source=st.sampled_from(PDFS or [("none", b"", ".pdf")]),
    ops=st.lists(st.sampled_from(sorted(PDF_OPS)), min_size=1, max_size=3),
    seed=st.integers(0, 2**32 - 1),
)
def test_mutated_pdfs(tmp_path: Path, source: tuple[str, bytes, str], ops: list[str], seed: int) -> None:
    rng = random.Random(seed)
    data = source[1]
    for op in ops:
        data = PDF_OPS[op](data, rng)
    path = tmp_path / "mutated.pdf"
    path.write_bytes(data)
    _check(path)
