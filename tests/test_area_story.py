"""graphkit area NAME: an area's whole story in order, every statement with its quote and source."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import assert_one_line_error, run_cli


def test_bury_story_in_order_with_quotes(built_store: Path) -> None:
    code, out, err = run_cli(["area", "Bury", "--db", str(built_store)])
    assert code == 0, err
    first = out.index("1. Inspection, June 2017")
    second = out.index("2. Revisit, May 2019")
    third = out.index("3. Area SEND inspection, February 2024")
    assert first < second < third
    assert "A written statement of action was required, for 8 areas of significant weakness." in out[first:second]
    assert "sufficient progress in 5 of the 8 areas of significant weakness" in out[second:third]
    report = out[third:]
    assert "The outcome: widespread and/or systemic failings." in report
    # the outcome with the report's own words, its document and page
    assert "“There are widespread and/or systemic failings leading to significant concerns" in report
    assert "— bury-area-send-2024-02.pdf, page 1" in report
    assert report.count("Priority action ") == 6 and report.count("Area for improvement ") == 3
    assert "Priority action 1 (for Bury Metropolitan Borough Council and NHS Greater Manchester ICB):" in report
    assert "Adam Sproston inspected, as Ofsted lead inspector." in report
    assert "Jeanette Richards, Executive Director of Children’s Services" in report
    assert "by about 16 February 2027" in report


def test_story_json_every_letter_statement_has_its_source(built_store: Path) -> None:
    code, out, err = run_cli(["area", "Middlesbrough", "--db", str(built_store), "--format", "json"])
    assert code == 0, err
    story = json.loads(out)
    assert story["area"] == "Middlesbrough" and [c["kind"] for c in story["chapters"]] == ["initial", "revisit"]
    revisit = story["chapters"][1]["statements"]
    verdicts = [s for s in revisit if s["text"].startswith("Weakness ")]
    assert len(verdicts) == 4 and all(s["text"].endswith(": sufficient progress.") for s in verdicts)
    assert all(s["quote"] and s["source"] == "middlesbrough-revisit-2019-07.txt" for s in verdicts)
    for chapter in story["chapters"]:
        for s in chapter["statements"]:
            assert s["source"], s  # a document or the official statistics, never nothing
            assert s["page"] is None  # a text letter has no pages


def test_story_formats_and_names(built_store: Path, tmp_path: Path) -> None:
    code, out, err = run_cli(["area", "Hull", "--db", str(built_store), "--format", "md"])
    assert code == 0 and out.startswith("# Kingston upon Hull (") and "## 3. Area SEND inspection, November 2023" in out
    page = tmp_path / "bury.html"
    code, out, err = run_cli(["area", "Bury", "--db", str(built_store), "--format", "html", "-o", str(page)])
    assert code == 0, err
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<blockquote>“There are widespread" in text
    assert "<cite>bury-area-send-2024-02.pdf, page 1</cite>" in text
    code, out, err = run_cli(["area", "Middlesborough", "--db", str(built_store)])
    assert_one_line_error(code, out, err, "Middlesborough", "no area of that name")
    assert 'Did you mean "Middlesbrough"' in err
