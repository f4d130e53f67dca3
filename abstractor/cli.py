"""The command line: batch work that needs no window.

Exit codes: 0 success; 1 when some input was rejected (each printed as
``file: reason``, the rest still done); 2 for usage errors.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional

from abstractor import APP_NAME, __version__
from abstractor.errors import AbstractorError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=os.path.basename(sys.argv[0]) or "main.py", description="Offline workbench for clinical-trial protocol abstraction. "
        "With no subcommand, opens the window.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--db", metavar="PATH|URL", help="database file (default: abstractions.db in your data folder), "
                   "or a team server: postgresql://user@host:port/dbname (password from ~/.pgpass or PGPASSWORD)")
    p.add_argument("--demo", action="store_true",
                   help="open a fresh temporary database holding a few demo documents")
    p.add_argument("--user", metavar="NAME", help="who is working (recorded with every change)")
    sub = p.add_subparsers(dest="command", metavar="SUBCOMMAND")

    imp = sub.add_parser("import", help="import documents into a database",
                         description="Import .txt, .html, .pdf, .docx and ClinicalTrials.gov JSON files, one new "
                         "study per document unless --into or --together says otherwise. Prints a line per file.")
    imp.add_argument("files", nargs="+", metavar="FILE")
    _db(imp)
    group = imp.add_mutually_exclusive_group()
    group.add_argument("--into", metavar="STUDY_ID", help="add the documents to this existing study")
    group.add_argument("--together", action="store_true", help="put all the documents into one new study")
    sugg = imp.add_mutually_exclusive_group()
    sugg.add_argument("--no-suggestions", action="store_true",
                      help="do not pre-read the documents for suggested values (faster)")
    sugg.add_argument("--accept-suggestions", action="store_true",
                      help="accept every suggested value at once (batch work; each is audited as a suggestion)")

    exp = sub.add_parser("export", help="export studies as JSON or an Excel workbook",
                         description="Write the studies as a JSON array of ABSTRACTION_JSON objects (.json) or as "
                         "an Excel abstraction workbook (.xlsx; layout in docs/WORKBOOK.md).")
    _db(exp)
    exp.add_argument("--out", required=True, metavar="FILE", help="output file (.json or .xlsx)")
    exp.add_argument("--study", action="append", metavar="ID", help="only this study (repeatable)")

    iwb = sub.add_parser("import-workbook", help="import an Excel abstraction workbook (reviewed or another's)",
                         description="Read a workbook written by export, print what would change (new studies, "
                         "changed fields, new and missing rows, conflicts with changes made in the database after "
                         "the export, unreadable cells as Sheet!B12: reason) and apply it in one transaction.")
    iwb.add_argument("file", metavar="FILE.xlsx")
    _db(iwb)
    iwb.add_argument("--dry-run", action="store_true", help="only print what would change")
    iwb.add_argument("--delete-missing", action="store_true",
                     help="delete rows that are in the database but no longer in the workbook")

    ext = sub.add_parser("extract", help="print the abstraction of files as JSON, without a database",
                         description="Read each file and print a JSON array with one ABSTRACTION_JSON object per "
                         "file: the values the file states, each with its evidence. Touches no database.")
    ext.add_argument("files", nargs="+", metavar="FILE")
    ext.add_argument("--out", metavar="FILE", help="write the JSON here instead of standard output")

    cmp = sub.add_parser("compare", help="compare two abstractors' work and write a report workbook",
                         description="Compare two abstractions of the same studies (workbooks .xlsx or JSON "
                         "exports .json; or one file against the database with --db). Studies are matched by "
                         "registry id, else by title; repeated rows by content. Writes the discrepancies and the "
                         "agreement statistics to a report workbook.")
    cmp.add_argument("sides", nargs="*", metavar="FILE", help="A and B (one FILE with --db: the database is B; "
                     "with --db postgresql://...: STUDY ids or registry ids, or none, compare the two abstractors' "
                     "copies of each study in dual abstraction)")
    cmp.add_argument("--out", required=True, metavar="FILE", help="the report workbook (.xlsx)")
    cmp.add_argument("--threshold", type=float, default=80.0, metavar="0-100",
                     help="how similar two rows must be to count as the same row (default 80)")
    _db(cmp)
    from abstractor import checkout_cli, server_cli

    checkout_cli.add_parsers(sub, _db)
    from abstractor.codebooks import command as codebook_cli

    codebook_cli.add_parser(sub, _db)

    server_cli.add_parser(sub)
    return p


def _db(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS,
                     help="database file or postgresql://user@host:port/dbname")
    sub.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help="who is working")


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; every user mistake becomes a message, not a traceback."""
    _terminate_as_interrupt()
    try:
        return {"import": cmd_import, "export": cmd_export, "extract": cmd_extract,
                "compare": cmd_compare, "import-workbook": cmd_import_workbook, "server": cmd_server,
                "checkout": cmd_checkout, "checkin": cmd_checkout,
                "codebook": cmd_codebook}[args.command](args)
    except AbstractorError as exc:
        say(f"error: {exc}", err=True)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _terminate_as_interrupt() -> None:
    """SIGTERM unwinds like Ctrl+C, so half-written output files are removed and transactions roll back."""
    import signal
    import threading

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def one_line(text: str) -> str:
    """``text`` on one line: control characters and line breaks (a file name can hold them) escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\t" else ascii(ch)[1:-1] for ch in text)


def say(text: str, err: bool = False) -> None:
    """Print one line of a report, flushed at once (a later interrupt does not lose it)."""
    print(one_line(text), file=sys.stderr if err else sys.stdout, flush=True)


def open_store(args, reading: bool = False):
    """``reading``: a command that only reads: a missing file is refused, not created,
    and a file that cannot be written is opened read-only."""
    from abstractor.paths import default_database
    from abstractor.storage import Store
    from abstractor.storage.engine import database_url

    url = database_url(os.path.expanduser(args.db)) if args.db else database_url(str(default_database()))
    store = Store(url, user=args.user, must_exist=reading, read_only=None if reading else False)
    if store.notice:
        print(store.notice, file=sys.stderr)
    return store


def cmd_import(args) -> int:
    """One file at a time, each line printed when its file is done: an interrupt or a storage failure
    loses no line of what was done, and the summary says what was not."""
    from abstractor.errors import StoreError
    from abstractor.importer import import_files

    counts = {"imported": 0, "duplicate": 0, "rejected": 0, "failed": 0}
    into, done = args.into, 0
    store = open_store(args)
    try:
        with store:
            for f in args.files:
                try:
                    results = import_files(store, [f], into=into, together=args.together and into is None,
                                           suggest=not args.no_suggestions, accept=args.accept_suggestions)
                except StoreError as exc:  # the database cannot take more (full disk, busy, read-only)
                    say(f"{f}: not imported: {exc}", err=True)
                    counts["failed"] += 1
                    done += 1
                    break
                for r in results:
                    if args.together and into is None and r.outcome == "imported":
                        into = r.study_id
                    if args.accept_suggestions and r.outcome == "duplicate":
                        _accept_suggestions(store, r)  # imported earlier without: finish that work
                    counts[r.outcome] += 1
                    say(r.line, err=r.outcome in ("rejected", "failed"))
                done += 1
    finally:
        left = len(args.files) - done
        say(f"{counts['imported']} imported, {counts['duplicate']} already there, {counts['rejected']} rejected"
            + (f", {counts['failed']} failed" if counts["failed"] else "")
            + (f", {left} not tried" if left else "") + f" into {store.label}")
    return EXIT_REJECTED if counts["rejected"] or counts["failed"] or left else EXIT_OK


def _accept_suggestions(store, r) -> None:
    """Accept a file's open suggestions; a file already imported too (a re-run after an interrupt
    finishes the work).  A storage failure marks the file failed, with the reason."""
    from abstractor.errors import StoreError
    from abstractor.suggestions import accept_all

    try:
        n, refused = accept_all(store, r.study_id)
    except StoreError as exc:
        r.outcome = "failed"
        r.message += f"; accepting its suggested values failed, they stay open: {exc}"
        return
    except Exception as exc:  # a fault in the program: told, and the batch goes on
        r.outcome = "failed"
        r.message += f"; accepting its suggested values failed ({type(exc).__name__}: {exc})"
        return
    if r.outcome == "duplicate" and not n and not refused:
        return
    r.message += f"; {n} suggested values accepted" + (f", {len(refused)} left open" if refused else "")


def cmd_export(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() == ".xlsx":
        from abstractor.workbook import export_workbook

        with open_store(args, reading=True) as store:
            res = export_workbook(store, out, args.study)
        print(f"{res.studies} studies written to {out}")
        return EXIT_OK
    if out.suffix.lower() != ".json":
        print(f"error: {out}: export writes .json or .xlsx files", file=sys.stderr)
        return EXIT_USAGE
    from abstractor.json_export import export_json

    with open_store(args, reading=True) as store:
        n = export_json(store, out, args.study)
    print(f"{n} studies written to {out}")
    return EXIT_OK


def cmd_import_workbook(args) -> int:
    from abstractor.workbook import apply_import, plan_import

    if Path(args.file).suffix.lower() not in (".xlsx", ".xlsm"):
        print(f"error: {args.file}: import-workbook reads .xlsx workbooks", file=sys.stderr)
        return EXIT_USAGE
    with open_store(args) as store:
        plan = plan_import(store, args.file, delete_missing=args.delete_missing)
        print(plan.report())
        if args.dry_run:
            print("dry run: nothing was changed")
        elif plan.has_changes:
            res = apply_import(store, plan)
            added = f"{len(res.added)} {'study' if len(res.added) == 1 else 'studies'} added"
            print(f"applied in one transaction: {added}, {len(res.updated)} updated, "
                  f"{_n(res.changes, 'field change')}, {_n(res.documents, 'document')}")
        else:
            print("nothing to change")
    return EXIT_REJECTED if plan.rejected else EXIT_OK


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cmd_extract(args) -> int:
    from abstractor.errors import ImportRejected
    from abstractor.extract_file import extract_document
    from abstractor.importer import read_documents

    items, rejected = [], 0
    for f in args.files:
        try:
            items += [extract_document(d).to_json_dict() for d in read_documents(f)]   # ICTRP: one per trial
        except ImportRejected as exc:
            say(f"{f}: {exc}", err=True)
            rejected += 1
        except RecursionError:
            say(f"{f}: is nested too deeply to be read", err=True)
            rejected += 1
    if args.out:
        from abstractor.json_export import write_json_atomic

        write_json_atomic(Path(args.out), items)
    else:
        import json

        json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_REJECTED if rejected else EXIT_OK


def cmd_compare(args) -> int:
    from abstractor.review.command import run_compare

    return run_compare(args.sides, args.out, db=getattr(args, "db", None), user=getattr(args, "user", None),
                       threshold=args.threshold)


def cmd_codebook(args) -> int:
    from abstractor.codebooks import command as codebook_cli

    return codebook_cli.run(args, open_store)


def cmd_checkout(args) -> int:
    from abstractor import checkout_cli

    return checkout_cli.run(args)


def cmd_server(args) -> int:
    from abstractor import server_cli

    return server_cli.run(args)


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        print("the window is started by main.py", file=sys.stderr)
        return EXIT_USAGE
    return run(args)
