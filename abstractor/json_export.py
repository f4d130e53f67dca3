"""JSON export: one function for the command line and the window.

``export_json(store, path, ids, progress=...)`` reads the studies, then writes the file beside its
target and renames it, so an interrupted export (an error, or ``progress`` raising to cancel)
never leaves a partial file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional



def export_json(store, path, ids: Optional[Iterable[str]] = None, *,
                progress: Optional[Callable[[int, int], None]] = None) -> int:
    """Write the studies (all when ``ids`` is None) as a JSON array; returns how many were written.
    ``progress(done, total)`` is called as studies are read."""
    ids = [r.id for r in reversed(store.list_studies())] if ids is None else list(ids)
    data = []
    for i, ab in enumerate(store.iter_studies(ids), 1):
        data.append(ab.to_json_dict())
        if progress is not None and (i % 50 == 0 or i == len(ids)):
            progress(i, len(ids))
    write_json_atomic(Path(path), data)
    return len(data)


def write_json_atomic(path: Path, data) -> None:
    """Write beside the target and rename, so a crash never leaves half a file (abstractor.atomic_file)."""
    import json

    from abstractor.atomic_file import atomic_output

    with atomic_output(Path(path)) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
