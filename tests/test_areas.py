"""graphkit query areas: one row per local area, matching the official statistics; xlsx; sources."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run_cli

from graphkit.ask.areas import AreaRow, area_rows, read_sources
from graphkit.resolve import resolve_area
from graphkit.store.db import open_store

STATS = "area_send_inspection_outcomes_2016-05_to_2022-08.csv"
MI = "area_send_mi_2023-01_to_2023-08.csv"


@pytest.fixture(scope="module")
def rows(built_store: Path) -> dict[str, AreaRow]:
    store = open_store(built_store, create=False)
    out = {r.id: r for r in area_rows(store)}
    del store
    return out


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text or text in ("NA", "Not revisited yet"):
        return None
    if "/" in text:
        d, m, y = text.split("/")
        return dt.date(int(y), int(m), int(d))
    return dt.date.fromisoformat(text[:10])  # a few cells carry a time of 00:00:00


def _int(text: str) -> int | None:
    return int(float(text)) if text.strip() not in ("", "NA") else None


def test_a_row_for_every_area_matching_the_official_statistics(shared: Path, rows: dict[str, AreaRow]) -> None:
    with (shared / "reference" / STATS).open(encoding="utf-8-sig", newline="") as fh:
        official = list(csv.DictReader(fh))
    assert len(official) == 149
    for o in official:
        ref = resolve_area(o["Local authority code"])
        assert ref is not None, o["Area name"]
        row = rows[f"area/{ref.slug}"]
        result = o["Revisit outcome: sufficient progress in addressing all significant weaknesses?"].strip()
        assert (
            row.inspection_start,
            row.inspection_published,
            row.wsoa_required,
            row.weakness_count,
            row.revisit_start,
            row.revisit_published,
            row.revisit_result,
            row.weaknesses_improved,
            row.weaknesses_not_improved,
        ) == (
            _date(o["Inspection start date"]),
            _date(o["Inspection publication date"]),
            o["Inspection outcome: written statement of action required?"].strip() == "Yes",
            _int(o["Number significant weaknesses identified in written statement of action"]),
            _date(o["Revisit start date"]),
            _date(o["Revisit publication date"]),
            {"Yes": "all", "No": "none", "Some": "some"}.get(result) if _date(o["Revisit start date"]) else None,
            _int(o["Number significant weaknesses where sufficient progress has been made"]),
            _int(o["Number significant weaknesses where sufficient progress has not been made"]),
        ), o["Area name"]
        assert row.la_code and row.gss and row.region and row.urn, row


def test_2023_columns_match_the_management_information(shared: Path, rows: dict[str, AreaRow]) -> None:
    words = {
        "Typically positive experiences and outcomes": "positive",
        "Inconsistent experiences and outcomes": "inconsistent",
        "Widespread and/or systemic failings": "widespread_failings",
    }
    with (shared / "reference" / MI).open(encoding="utf-8-sig", newline="") as fh:
        official = list(csv.DictReader(fh))
    for o in official:
        ref = resolve_area(o["Local.area.partnership"])
        assert ref is not None
        row = rows[f"area/{ref.slug}"]
        assert row.start_2023 == _date(o["Inspection.start.date"]), ref.label
        assert row.published_2023 == _date(o["Inspection.publication.date"]), ref.label
        assert row.outcome_2023 == words[o["Inspection.outcome"].strip()], ref.label
        assert row.priority_action_plan == (o["Priority.action.plan.required."].strip() == "Yes")
        if o["Number.of.areas.for.priority.action"].strip() != "NA":
            assert row.priority_actions == int(o["Number.of.areas.for.priority.action"])


def test_bury_row_reads_the_report(rows: dict[str, AreaRow]) -> None:
    bury = rows["area/bury"]
    assert (bury.la_code, bury.gss, bury.region, bury.region_code) == ("351", "E08000002", "North West", "E12000002")
    assert len(bury.statistical_neighbours) == 10 and all(not n.isdigit() for n in bury.statistical_neighbours)
    assert (bury.start_2023, bury.end_2023) == (dt.date(2024, 2, 12), dt.date(2024, 2, 16))
    assert bury.outcome_2023 == "widespread_failings" and bury.priority_actions == 6 and bury.improvements == 3
    assert bury.monitoring_within_months == 18 and bury.next_full_inspection_within_years == 3
    assert bury.next_full_inspection_by == dt.date(2027, 2, 16)  # "within approximately three years" of 16 Feb 2024
    assert bury.previous_inspection_start == dt.date(2019, 5, 13)
    assert bury.outcome_sentence and bury.outcome_sentence.startswith("There are widespread and/or systemic failings")
    assert bury.documents == ["bury-area-send-2024-02.pdf"]
    assert bury.published_2023 is None and bury.report_link is None  # not in the statistics: never guessed


def test_areas_xlsx_and_sources(built_store: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sources = tmp_path / "sources.csv"
    sources.write_text(
        "file,url,published\nbury-area-send-2024-02.pdf,https://example.org/bury-report,24/04/2024\n", encoding="utf-8"
    )
    out = tmp_path / "send-areas.xlsx"
    code, _, err = run_cli(
        ["query", "areas", "--db", str(built_store), "--format", "xlsx", "-o", str(out), "--sources", str(sources)]
    )
    assert code == 0, err
    ws = load_workbook(out)["areas"]
    header = [c.value for c in ws[1]]
    assert ws.max_row == 150 and ws.freeze_panes == "A2"
    bury = next(
        dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2) if r[0].value == "Bury"
    )
    assert bury["published (2023 framework)"] == dt.datetime(2024, 4, 24)
    assert bury["report link"] == "https://example.org/bury-report"
    assert bury["weaknesses"] == 8 and bury["WSoA required"] is True
    assert bury["next full inspection by"] == dt.datetime(2027, 2, 16)
    cell = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Bury")[header.index("start (2023 framework)")]
    assert cell.is_date
    bad = tmp_path / "bad.csv"
    bad.write_text("file,url,published\nnot-a-document.pdf,https://example.org/x,2024-01-01\n", encoding="utf-8")
    code, out_text, err = run_cli(
        ["query", "areas", "--db", str(built_store), "--sources", str(bad), "--format", "csv"]
    )
    assert_one_line_error(code, out_text, err, "--sources", "not-a-document.pdf is not a document in the graph")


def test_read_sources_refuses_a_bad_date(tmp_path: Path) -> None:
    from graphkit.errors import UsageError

    p = tmp_path / "s.csv"
    p.write_text("file,url,published\na.pdf,,next spring\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a date"):
        read_sources(p)
