"""A 2016-22 letter copied from its PDF had a word broken at a line end by a hyphen with the running
header between its halves ("commis-" / "Joint local area SEND inspection in X 9" / "sioning"), and a
running header after the last item of its list of weaknesses: the header stayed inside the weakness
and the word kept a hyphen. The header is recognised in each extractor's layout (page number on the
title's line, on the dates' line, or on a line of its own; leading and trailing spaces), and the
word is joined because the letter spells it whole elsewhere. Fictional letter (tests/data/letters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.extract import extract
from graphkit.read import read_document

LETTER = Path(__file__).resolve().parents[1] / "data" / "letters" / "initial-8-weaknesses-brackenford.txt"
WORD_AT = "the two clinical commissioning groups"
HEADERS = {
    "page-on-title-line": "Joint local area SEND inspection in Brackenford 9\n",
    "page-on-own-line": "Joint local area SEND inspection in Brackenford\n4 June 2018 to 8 June 2018\n\n9\n\n",
    "spaced": "  Joint local area SEND inspection in Brackenford \n4 June 2018 to 8 June 2018 9 \n \n",
}


@pytest.mark.parametrize("header", list(HEADERS.values()), ids=list(HEADERS))
def test_hyphen_and_header_inside_a_weakness(tmp_path: Path, header: str) -> None:
    text = LETTER.read_text(encoding="utf-8")
    whole = extract(read_document(LETTER))
    assert WORD_AT in text and text.count("commissioning") >= 2
    broken = text.replace(WORD_AT, "the two clinical commis-\n" + header + "sioning groups", 1)
    last = "moving into adult health services."
    assert last in broken
    broken = broken.replace(last, last + "\n" + header.rstrip("\n") + "\n", 1)
    path = tmp_path / LETTER.name
    path.write_text(broken, encoding="utf-8")
    doc = read_document(path)
    assert "Joint local area SEND inspection in Brackenford" not in doc.text.split("\n", 20)[-1]
    x = extract(doc)
    assert [w.text.value for w in x.weaknesses] == [w.text.value for w in whole.weaknesses]
    for w in x.weaknesses:
        assert doc.text[w.text.span.start : w.text.span.end] == w.text.span.quote
