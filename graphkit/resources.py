"""Find the ontology, shapes and queries folders: inside the installed wheel, or in a checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir"]


def resource_dir(name: str) -> Path:
    """The folder ``name`` ("ontology", "shapes" or "queries").

    An installed wheel carries them in ``graphkit/_resources``; a source checkout (or an
    editable install) has them at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_resources" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"graphkit's {name}/ folder is missing from this installation; reinstall graphkit")
