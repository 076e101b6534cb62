"""Tables as a spreadsheet people open: ``.xlsx`` written with openpyxl.

Typed cells (numbers as numbers, dates as dates, true/false as booleans), a bold header row,
frozen panes below it, column widths from the content, one sheet per table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphkit.errors import UsageError

__all__ = ["write_xlsx", "sheet_title"]

_MAX_WIDTH = 60


def sheet_title(name: str, taken: set[str] | None = None) -> str:
    """A sheet name Excel accepts (31 characters, none of ``[]:*?/\\``), unique among ``taken``.

    >>> sheet_title("area-history")
    'area-history'
    >>> sheet_title("a/b" * 20)
    'a-ba-ba-ba-ba-ba-ba-ba-ba-ba-ba'
    """
    base = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'") or "sheet"
    title = base[:31]
    n = 2
    while taken is not None and title.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    return title


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]], out: str | Path) -> Path:
    """Write ``(name, columns, rows)`` tables to ``out``, one sheet each; values already typed
    (int, float, bool, date, datetime, str or None). Written to a temporary file and renamed, so
    a failure leaves nothing behind."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from graphkit.store.files import atomic_file

    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(str(path), "a spreadsheet needs the .xlsx suffix", "Name the output FILE.xlsx")
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for name, columns, rows in sheets:
        title = sheet_title(name, taken)
        taken.add(title)
        ws = wb.create_sheet(title)
        ws.append(list(columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(str(c)) for c in columns]
        for r, row in enumerate(rows, start=2):
            for c, v in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"  # text, never a formula
                elif isinstance(v, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(v, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                if isinstance(v, str) and len(v) > _MAX_WIDTH:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[c - 1] = max(widths[c - 1], _shown_width(v))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, max(8, w + 2))
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    if not wb.worksheets:
        wb.create_sheet("empty")
    with atomic_file(path) as tmp:
        wb.save(tmp)
    return path


def _shown_width(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, dt.datetime):
        return 16
    if isinstance(v, dt.date):
        return 10
    return len(str(v))
