"""``checkout`` and ``checkin``: offline work against a team server (abstractor.checkout)."""
from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
CONFLICTS_KEPT = ("the conflicts above were not checked in: the server's values stay; settle them on the server, "
                  "or take its values into this file and check in again")


def add_parsers(sub, db_option) -> None:
    out = sub.add_parser("checkout", help="copy studies from a team server into a file to work offline",
                         description="Copy studies (default: those assigned to you) from the team server "
                         "(--db postgresql://...) into a new database file; open it in the window to work offline, "
                         "then bring the work back with checkin.")
    out.add_argument("studies", nargs="*", metavar="STUDY", help="study ids or registry ids (default: your assigned studies)")
    out.add_argument("--out", required=True, metavar="FILE.db", help="the new database file")
    db_option(out)
    back = sub.add_parser("checkin", help="bring offline work back to the team server",
                          description="Plan the offline file's studies against the team server with the rules of a "
                          "workbook import (changes made on the server since the checkout win over offline changes "
                          "of the same values and are reported as conflicts), print the plan, and apply it in one "
                          "transaction.")
    back.add_argument("file", metavar="FILE.db", help="the file checkout made")
    db_option(back)
    back.add_argument("--dry-run", action="store_true", help="only print what would change")
    back.add_argument("--delete-missing", action="store_true",
                      help="delete rows on the server that were deleted offline")


def run(args: argparse.Namespace) -> int:
    from abstractor import checkout as co
    from abstractor.errors import StoreError
    from abstractor.storage import Store
    from abstractor.storage.engine import database_url, sqlite_url

    db = getattr(args, "db", None)
    if not db or "://" not in db:
        raise StoreError(f"{args.command} needs the team server: --db postgresql://user@host:port/dbname")
    with Store(database_url(db), user=getattr(args, "user", None)) as server:
        if args.command == "checkout":
            res = co.checkout(server, args.out, args.studies or None)
            print(f"{len(res.study_ids)} {'study' if len(res.study_ids) == 1 else 'studies'} checked out from "
                  f"{server.label} into {res.path} (as of {res.at[:19].replace('T', ' ')} UTC); "
                  f"bring the work back with: checkin {res.path} --db ...")
            return EXIT_OK
        with Store(sqlite_url(args.file), user=server.user, must_exist=True) as laptop:
            plan, ids = co.plan_checkin(server, laptop, delete_missing=args.delete_missing)
            print(plan.report())
            if args.dry_run:
                print("dry run: nothing was changed")
            else:
                res = co.apply_checkin(server, laptop, plan, ids)
                print("nothing to check in" if res is None else
                      f"checked in, in one transaction: {len(res.updated)} updated, {len(res.added)} added, "
                      f"{res.changes} field change{'' if res.changes == 1 else 's'}")
                if plan.rejected:
                    print(CONFLICTS_KEPT, file=sys.stderr)
    return EXIT_REJECTED if plan.rejected else EXIT_OK
