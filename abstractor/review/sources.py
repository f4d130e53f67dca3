"""Reading one side of a comparison: a JSON export, a workbook or a database.

A side is read as far as it can be: studies that validate are kept, the others
are listed with the reason, and a file that is not ours at all (or from
another schema version) is refused as a whole with a message saying which.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from models import schema
from abstractor.errors import AbstractorError


@dataclass
class Side:
    label: str  # "A (alice.json)"
    studies: list[schema.Abstraction] = dc_field(default_factory=list)
    problems: list[str] = dc_field(default_factory=list)  # studies left out, one line each
    fatal: Optional[str] = None  # the whole side could not be read
    skip: set[str] = dc_field(default_factory=set)  # row kinds it cannot say anything about
    codebooks: list = dc_field(default_factory=list)  # the codebooks it knows (which codebook fields are choices)

    @property
    def ok(self) -> bool:
        return self.fatal is None


def load_side(path, name: str, user: Optional[str] = None, database: bool = False) -> Side:
    """Read ``path`` as side ``name`` ("A"/"B"), by its kind: .json, .xlsx, or a database
    (a file, or a team server's postgresql:// address)."""
    if database and (not isinstance(path, (str, Path)) or "://" in str(path)):
        return _load_server(name, path, user)  # an address, or an opened server's URL (its password too)
    p = Path(path).expanduser()
    side = Side(f"{name} ({p.name})")
    if not p.exists():
        side.fatal = f"{side.label}: {p} does not exist"
    elif p.is_dir():
        side.fatal = f"{side.label}: {p} is a folder, not a file"
    elif database:
        _load_database(side, p, user)
    elif p.suffix.lower() == ".json":
        _load_json(side, p)
    elif p.suffix.lower() in (".xlsx", ".xlsm"):
        _load_workbook(side, p)
    else:
        side.fatal = (f"{side.label}: not an abstraction workbook or JSON export "
                      f"(compare reads .xlsx and .json files, or a database with --db)")
    return side


def _load_json(side: Side, p: Path) -> None:
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        side.fatal = f"{side.label}: not a JSON export (the file is not UTF-8 text)"
        return
    except json.JSONDecodeError as exc:
        side.fatal = f"{side.label}: not a JSON export (invalid JSON at line {exc.lineno}: {exc.msg})"
        return
    except OSError as exc:
        side.fatal = f"{side.label}: cannot be read ({exc.strerror})"
        return
    except RecursionError:
        side.fatal = f"{side.label}: not a JSON export (nested too deeply to be read)"
        return
    if isinstance(data, dict) and ("study" in data or "schema" in data):
        data = [data]
    if not isinstance(data, list):
        side.fatal = f"{side.label}: not an abstraction export (expected a JSON array of studies)"
        return
    add_items(side, data)


def add_items(side: Side, items: list[Any]) -> None:
    """Validate study dicts into ``side``; refuse the side if none is ours."""
    foreign_schema: dict[str, int] = {}
    not_ours = 0
    for n, item in enumerate(items, 1):
        where = f"{side.label}: study {n}"
        if not isinstance(item, dict) or not ({"study", "schema"} & set(item)):
            not_ours += 1
            side.problems.append(f"{where}: not an abstraction (no 'schema' or 'study' key)")
            continue
        found = item.get("schema", schema.SCHEMA_ID)
        if found != schema.SCHEMA_ID:
            foreign_schema[str(found)] = foreign_schema.get(str(found), 0) + 1
            side.problems.append(f"{where}: schema {found!r}, this program reads {schema.SCHEMA_ID!r}")
            continue
        try:
            side.studies.append(schema.Abstraction.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            ids = (item.get("study") or {}).get("registry_ids") if isinstance(item.get("study"), dict) else None
            name = f" ({ids[0]})" if ids else ""
            side.problems.append(f"{where}{name}: {loc}: {err['msg']}")
    if side.studies or not items:
        return
    if foreign_schema:
        versions = ", ".join(sorted(foreign_schema))
        side.fatal = (f"{side.label}: written for schema {versions}; this program reads {schema.SCHEMA_ID!r} "
                      f"(a different version of the program)")
    elif not_ours == len(items):
        side.fatal = f"{side.label}: not an abstraction export (no item is a study abstraction)"
    else:
        side.fatal = f"{side.label}: no study in it is valid ({len(side.problems)} refused)"


def _load_workbook(side: Side, p: Path) -> None:
    try:
        from abstractor.review.workbook_side import read_side
    except ImportError:  # the workbook package is not part of this build
        side.fatal = f"{side.label}: this version cannot read workbooks; export JSON and compare that"
        return
    try:
        read_side(side, p)
    except AbstractorError as exc:
        side.fatal = f"{side.label}: {exc}"
    except Exception as exc:  # a damaged or foreign file: say so, never a traceback
        side.fatal = f"{side.label}: not a readable abstraction workbook ({type(exc).__name__}: {exc})"


def _load_server(name: str, address, user: Optional[str]) -> Side:
    """A team server's studies: those this login may see (the server decides)."""
    from abstractor.storage import Store
    from abstractor.storage.engine import database_label, database_url

    try:
        url = database_url(address) if isinstance(address, str) else address
    except AbstractorError as exc:
        return Side(f"{name} (the server)", fatal=f"{name}: {exc}")
    side = Side(f"{name} ({database_label(url)})")
    try:
        with Store(url, user=user, must_exist=True, read_only=None) as store:
            side.studies.extend(store.iter_studies())
            side.codebooks = [b.codebook for b in store.codebooks()]
    except AbstractorError as exc:
        side.fatal = f"{side.label}: {exc}"
    return side


def _load_database(side: Side, p: Path, user: Optional[str]) -> None:
    from abstractor.storage import Store

    try:
        with Store.open_path(p, user=user, must_exist=True, read_only=None) as store:
            side.studies.extend(store.iter_studies())
            side.codebooks = [b.codebook for b in store.codebooks()]
    except AbstractorError as exc:
        side.fatal = f"{side.label}: {exc}"
