"""`main.py codebook import|export`: a team's codebook in and out of a database (docs/CODEBOOK.md)."""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
SUFFIXES = (".json", ".xlsx")


def add_parser(sub, db_options) -> None:
    cb = sub.add_parser("codebook", help="import or export the team's codebook (its extra fields)",
                        description="A codebook lists the extra fields a team abstracts (docs/CODEBOOK.md).")
    what = cb.add_subparsers(dest="codebook_command", metavar="import|export", required=True)
    imp = what.add_parser("import", help="import a codebook (JSON, or a workbook with the Dictionary sheet's "
                          "columns); prints what changes, then applies it in one transaction",
                          description="Print what importing the codebook changes (fields added, retired or no "
                          "longer listed, choices renamed, stored values moved, values flagged for review), "
                          "then apply it in one transaction.")
    imp.add_argument("file", metavar="FILE.json|FILE.xlsx")
    db_options(imp)
    imp.add_argument("--dry-run", action="store_true", help="only print what would change")
    exp = what.add_parser("export", help="write the current codebook as JSON or as a workbook",
                          description="Write the database's current codebook (.json, or .xlsx with the same "
                          "columns as a workbook's Dictionary sheet).")
    db_options(exp)
    exp.add_argument("--out", required=True, metavar="FILE.json|FILE.xlsx")


def read_file(path: str | Path):
    """A codebook from a .json file or a .xlsx workbook; ValueError naming the file and the problem."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from abstractor.workbook.codebook_sheet import read_codebook_workbook

        return read_codebook_workbook(path)
    from models.codebook import read_codebook

    return read_codebook(path)


def write_file(cb, path: str | Path) -> None:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from abstractor.workbook.codebook_sheet import write_codebook_workbook

        write_codebook_workbook(cb, path)
        return
    from abstractor.atomic_file import atomic_output

    with atomic_output(path) as tmp:
        Path(tmp).write_text(cb.to_json(), encoding="utf-8")


def run(args, open_store) -> int:
    from abstractor.codebooks.importing import apply_import, preview_import

    if args.codebook_command == "import":
        if Path(args.file).suffix.lower() not in SUFFIXES:
            print(f"error: {args.file}: a codebook is a .json file or an .xlsx workbook", file=sys.stderr)
            return EXIT_USAGE
        try:
            cb = read_file(args.file)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_REJECTED
        with open_store(args) as store:
            preview = preview_import(store, cb)
            for line in preview.lines():
                print(line)
            if args.dry_run:
                print("dry run: nothing was changed")
            elif not preview.nothing_to_do:
                apply_import(store, preview)
                print(f"applied in one transaction: {cb.name} v{cb.version} is the current codebook of {store.label}")
        return EXIT_OK
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        print(f"error: {out}: codebook export writes .json or .xlsx files", file=sys.stderr)
        return EXIT_USAGE
    with open_store(args, reading=True) as store:
        cb = store.current_codebook()
    if cb is None:
        print(f"error: {store.label}: the database has no codebook (import one: codebook import)", file=sys.stderr)
        return EXIT_REJECTED
    write_file(cb, out)
    print(f"{cb.name} v{cb.version} ({len(cb.fields)} fields) written to {out}")
    return EXIT_OK
