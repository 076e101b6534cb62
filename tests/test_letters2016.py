"""2016-2022 framework letters: initial and revisit extraction, look-alikes, completeness.

Hand-made letters in ``tests/data/letters/`` (fictional areas and people; see
``tests/data/README.md``) are checked summary-for-summary against ``tests/data/expected/``;
the real letters in ``../shared`` are checked against their answer keys.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.extract import classify, extract
from graphkit.extract.letter2016 import check_complete, extract_initial
from graphkit.extract.summary import to_summary
from graphkit.model import Extraction, Fact, Span
from graphkit.read.document import read_document

DATA = Path(__file__).resolve().parent / "data"
LETTERS = sorted((DATA / "letters").glob("*.txt"))
REAL_2016 = ("stockton-on-tees-initial-2019-02", "middlesbrough-revisit-2019-07")
# fields the answer keys hold for a 2016-22 letter (everything in the schema but "source")
SCORED = (
    "kind",
    "area",
    "letter_date",
    "visit_start",
    "visit_end",
    "recipients",
    "local_authority",
    "ccgs",
    "icbs",
    "wsoa_required",
    "wsoa_issued",
    "wsoa_fit_for_purpose",
    "initial_inspection_month",
    "weaknesses",
    "revisit_decisions",
    "monitoring_should_cease",
    "outcome",
    "previous_inspection",
    "next_full_inspection_within_years",
    "monitoring_inspection_within_months",
    "priority_action_plan_required",
    "priority_actions",
    "improvements",
    "people",
    "cc",
    "survey_responses",
    "parent_carer_forum",
)


def _read(name: str) -> tuple[object, Extraction]:
    doc = read_document(DATA / "letters" / f"{name}.txt")
    return doc, extract(doc)


def _spans(x: Extraction) -> list[Span]:
    """Every span an extraction carries, wherever it sits."""
    out: list[Span] = []

    def walk(v: object) -> None:
        if isinstance(v, Span):
            out.append(v)
        elif isinstance(v, (tuple, list)):
            for i in v:
                walk(i)
        elif hasattr(v, "__dataclass_fields__"):
            for f in v.__dataclass_fields__:  # type: ignore[attr-defined]
                walk(getattr(v, f))

    walk(x)
    return out


# --- hand-made letters -----------------------------------------------------------------------


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_summary_matches_expected(path: Path) -> None:
    expected = json.loads((DATA / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert to_summary(extract(read_document(path)), path.name) == expected


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_every_span_is_its_quote(path: Path) -> None:
    doc = read_document(path)
    x = extract(doc)
    spans = _spans(x)
    for s in spans:
        assert doc.text[s.start : s.end] == s.quote
    if x.kind != "other":
        assert spans


def test_every_test_letter_is_described_in_readme() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in LETTERS:
        assert f"letters/{path.name}" in readme, path.name


def test_no_wsoa_letter_reads_false_from_absence() -> None:
    doc, x = _read("initial-no-wsoa-kettlebridge")
    assert x.wsoa_required == Fact(False)  # derived: no span
    assert x.weaknesses == ()
    assert check_complete(doc, x) is None
    sections = {(f.section, f.polarity) for f in x.findings}
    assert sections == {
        ("main findings", "neutral"),
        ("identifying", "strength"),
        ("identifying", "weakness"),
        ("assessing and meeting", "strength"),
        ("assessing and meeting", "weakness"),
        ("improving outcomes", "strength"),
        ("improving outcomes", "weakness"),
    }


def test_and_item_is_its_own_weakness() -> None:
    _, x = _read("initial-8-weaknesses-brackenford")
    assert len(x.weaknesses) == 8
    assert x.weaknesses[-1].text.value.startswith("and the lack of a clear pathway")
    # "Areas for development/improvement" are findings, not WSoA weaknesses
    improving = [f.text.value for f in x.findings if f.section == "improving outcomes" and f.polarity == "weakness"]
    assert improving == ["Pupils with SEND are absent from school more often than their peers."]
    assert [r.salutation for r in x.recipients] == ["Ms Achterberg", "Mr Nowak", "Dr Fairweather"]


@pytest.mark.parametrize(
    ("name", "overall", "cease"),
    [
        ("revisit-mixed-2019-harrowmere", "some", False),
        ("revisit-none-2022-fenwick-moor", "none", False),
        ("revisit-2021-northcliffe", "all", True),
        ("revisit-2021-mixed-crlf-dunsford-and-marrow", "some", False),
        ("revisit-2019-none-office-header-saltby", "none", False),
    ],
)
def test_revisit_overall_verdict_and_closing(name: str, overall: str, cease: bool) -> None:
    doc, x = _read(name)
    assert x.overall_verdict is not None and x.overall_verdict.value == overall
    assert x.monitoring_should_cease is not None and x.monitoring_should_cease.value is cease
    assert check_complete(doc, x) is None


def test_damaged_copy_is_mended_before_extraction() -> None:
    doc, x = _read("damaged-initial-quillon-on-sea")
    assert "\r" not in doc.text and "\ufb01" not in doc.text and "Page 3 of 4" not in doc.text
    ident = [f.text.value for f in x.findings if f.section == "identifying" and f.polarity == "weakness"]
    assert ident == [
        "The decision-making about who receives a specialist assessment is not clear to families.",
        "Some families have to repeat their story to each new professional.",
    ]
    assert check_complete(doc, x) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("dfe-app-letter-larkmoor", "not an inspection letter: a DfE letter about an accelerated progress plan"),
        ("dfe-ministerial-ravensholt", "not an inspection letter: a DfE letter about a written statement of action"),
        ("parents-revisit-notice-dunmore", "not an inspection letter: a notice to parents and carers about a revisit"),
        ("council-paraphrase-ottermouth", "not an inspection letter: a paraphrase of an inspection outcome"),
        ("press-article-revisit-verdict-thornbury-wick", "not an inspection letter: an inspection letter's heading"),
        ("dfe-wsoa-letter-hollinsbrook", "not an inspection letter: a DfE letter about a written statement of action"),
        ("council-web-copy-hmci-determined-brindlecombe", "not an inspection letter: an inspection letter's heading"),
        (
            "dfe-app-letter-web-copy-grantley",
            "not an inspection letter: a DfE letter about an accelerated progress plan",
        ),
    ],
)
def test_look_alikes_are_other_with_a_reason(name: str, reason: str) -> None:
    doc = read_document(DATA / "letters" / f"{name}.txt")
    kind, reasons = classify(doc.text)
    assert kind == "other"
    assert reasons and reasons[0].startswith(reason)
    assert extract(doc).notes == tuple(reasons)


def test_weakness_list_without_bullets_is_split_an_item_a_line() -> None:
    doc, x = _read("initial-web-copy-14-weaknesses-ashcombe-vale")
    texts = [w.text.value for w in x.weaknesses]
    assert len(texts) == 14
    assert all(t[:1].islower() for t in texts)
    assert [t.endswith(".") for t in texts] == [False] * 13 + [True]
    assert check_complete(doc, x) is None


def test_weakness_list_without_bullets_wrapped_in_a_pdf_copy() -> None:
    class Doc:
        text = (
            "Some earlier paragraph of the letter that runs to the full width of the page ok.\n"
            "tackle the following areas of significant weakness:\n"
            "the slow and uneven completion of statutory assessments across the whole of\n"
            "the area\n"
            "the weak involvement of parents\n"
            "and the poor local offer.\n"
        )

    x = extract_initial(Doc())  # type: ignore[arg-type]
    assert [w.text.value for w in x.weaknesses] == [
        "the slow and uneven completion of statutory assessments across the whole of the area",
        "the weak involvement of parents",
        "and the poor local offer.",
    ]


def test_windows_1252_and_crlf_letters_are_read() -> None:
    raw = (DATA / "letters" / "initial-one-weakness-cp1252-wexley-marsh.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc, x = _read("initial-one-weakness-cp1252-wexley-marsh")
    assert "\ufffd" not in doc.text and "Her Majesty’s Inspector" in doc.text
    assert [w.text.value for w in x.weaknesses][0].startswith("the poor quality of education, health and care plans")
    assert b"\r\n" in (DATA / "letters" / "revisit-2021-mixed-crlf-dunsford-and-marrow.txt").read_bytes()
    doc, x = _read("revisit-2021-mixed-crlf-dunsford-and-marrow")
    assert "\r" not in doc.text and len(x.verdicts) == 4


def test_weakness_quoted_over_two_paragraphs() -> None:
    _, x = _read("revisit-2021-mixed-crlf-dunsford-and-marrow")
    assert x.weaknesses[0].text.value == (
        "Leaders from the council and the CCG do not work together to plan services. There is no agreed strategy for SEND."
    )
    # a web copy with no blank lines between paragraphs reads the same
    doc = read_document(DATA / "letters" / "revisit-2021-mixed-crlf-dunsford-and-marrow.txt")

    class Doc:
        text = re.sub(r"\n\n+", "\n", doc.text)

    y = extract(Doc())  # type: ignore[arg-type]
    assert [w.text.value for w in y.weaknesses] == [w.text.value for w in x.weaknesses]
    assert [v.sufficient_progress.value for v in y.verdicts] == [True, False, True, False]


@pytest.mark.parametrize(
    ("sentence", "overall"),
    [
        ("The area has made sufficient progress in addressing both of the areas of significant weakness", "all"),
        ("The area has made sufficient progress in addressing the areas of significant weakness", "all"),
        ("The area has made sufficient progress in addressing one of the two areas of significant weakness", "some"),
    ],
)
def test_2021_overall_verdict_forms(sentence: str, overall: str) -> None:
    decision = {"all": ("", ""), "some": ("", "not ")}[overall]
    blocks = "".join(
        f"• The initial inspection found that:\n\nWeakness {n} is serious.\n\nSome commentary here.\n\n"
        f"The area has {d}made sufficient progress in addressing this area of significant weakness.\n\n"
        for n, d in enumerate(decision)
    )

    class Doc:
        text = (
            "Joint local area SEND revisit in Testham\n\nBetween 1 and 3 March 2022, Ofsted and the Care Quality "
            "Commission (CQC) revisited the local area of Testham to decide whether sufficient progress has been made."
            f"\n\n{sentence} identified at the initial inspection.\n\nMain findings\n\n{blocks}Yours sincerely\n"
        )

    x = extract(Doc())  # type: ignore[arg-type]
    assert x.overall_verdict is not None and x.overall_verdict.value == overall
    assert x.overall_verdict.span is not None and x.overall_verdict.span.quote.startswith(sentence[:40])


def test_dash_heading_without_dfe_letterhead_is_other() -> None:
    kind, reasons = classify("Dear Sam & Lee,\n\nJoint local area SEND inspection – Ravensholt\n\nThank you.\n")
    assert kind == "other"
    assert "Joint local area SEND inspection – Ravensholt" in reasons[0]


def test_half_letter_is_refused() -> None:
    doc, x = _read("half-initial-pellbury")
    assert x.kind == "initial"
    assert check_complete(doc, x) == "the letter stops before its sign-off (cut off half way?)"
    assert x.wsoa_required is None  # a cut-off letter cannot show the absence of a WSoA


def test_letter_missing_a_section_is_refused() -> None:
    path = DATA / "letters" / "initial-no-wsoa-kettlebridge.txt"
    text = path.read_text(encoding="utf-8")
    start = text.index("The effectiveness of the local area in improving outcomes")
    cut = text[:start] + text[text.index("Yours sincerely") :]

    class Doc:
        pass

    from graphkit.read.document import normalise

    d = Doc()
    d.text = normalise(cut)[0]  # type: ignore[attr-defined]
    reason = check_complete(d, extract(d))  # type: ignore[arg-type]
    assert reason is not None and "improving outcomes" in reason


# --- real letters ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_summaries(shared: Path) -> list[dict]:
    out = []
    for stem in REAL_2016:
        path = shared / "letters" / "2016-framework" / f"{stem}.txt"
        doc = read_document(path)
        x = extract(doc)
        assert check_complete(doc, x) is None
        for s in _spans(x):
            assert doc.text[s.start : s.end] == s.quote
        out.append(to_summary(x, path.name))
    return out


def test_real_letters_match_gold(real_summaries: list[dict], gold: dict[str, dict]) -> None:
    for summary in real_summaries:
        key = gold[Path(summary["source"]).stem]
        for field in SCORED:
            assert summary[field] == key[field], field


def test_real_letters_score_full_marks(real_summaries: list[dict], shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(json.dumps(real_summaries, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score.py"),
            str(shared / "gold"),
            str(out),
            "--subset",
            "--min-f1",
            "1.0",
            "--misses",
            "20",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("F1 1.000")
