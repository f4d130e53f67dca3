"""``server ...``: setting up and running a team server (PostgreSQL) from the command line.

Run by an administrator (the database's owner, with CREATEROLE for add-user);
the rules themselves live in the server (abstractor.storage.server).
"""
from __future__ import annotations

import argparse
import sys

EXIT_OK = 0


def say(line: str) -> None:
    print(line, flush=True)


def add_parser(sub) -> None:
    srv = sub.add_parser("server", help="set up a team server (PostgreSQL): users, roles, assignments",
                         description="Administer a team server: --db postgresql://user@host:port/dbname "
                         "(password from ~/.pgpass or PGPASSWORD).")
    cmds = srv.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    _db(cmds.add_parser("init", help="prepare an empty database: schema (Alembic), roles, rules",
                        description="Apply the schema revisions to an empty database (or upgrade an older one), "
                        "then create the roles abstractor, reviewer and admin with their grants and row-level "
                        "rules. Safe to run again."))
    add = cmds.add_parser("add-user", help="create a login (or change its role)",
                          description="Create a login NAME in one role. Set its password apart, e.g. in psql: "
                          "\\password NAME (the password is hashed before it is sent).")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("abstractor", "reviewer", "admin"))
    _db(add)
    asg = cmds.add_parser("assign", help="assign studies to an abstractor",
                          description="Give studies (study ids or registry ids) to an abstractor; the other "
                          "abstractors no longer see them; --dual gives each of two abstractors a blind copy.")
    asg.add_argument("studies", nargs="+", metavar="STUDY")
    asg.add_argument("--to", required=True, metavar="NAME")
    asg.add_argument("--dual", action="store_true", help="blind dual abstraction: her own copy of the study (its documents, nothing "
                     "abstracted), hidden from the other abstractor until both are submitted")
    _db(asg)
    _db(cmds.add_parser("status", help="users, assignments and open queries"))


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="postgresql://user@host:port/dbname")


def run(args) -> int:
    from abstractor.errors import StoreError
    from abstractor.storage import Store, server
    from abstractor.storage.engine import database_url

    if not args.db or "://" not in args.db:
        raise StoreError("server commands need --db postgresql://user@host:port/dbname")
    if args.server_command == "init":
        created = server.create_schema(database_url(args.db))
        return _init(args, created)
    with Store(database_url(args.db), user=getattr(args, "user", None)) as store:
        if store.notice:
            print(store.notice, file=sys.stderr)
        with store.transaction() as conn:
            if args.server_command == "add-user":
                new = server.add_user(conn, args.name, args.role)
                say(f"{args.name}: {'created' if new else 'now'} {args.role}"
                    + ("; set a password in psql with \\password " + args.name if new else ""))
            elif args.server_command == "assign":
                ids = server.assign(conn, args.studies, args.to, args.dual, store)
                say(f"{len(ids)} studies assigned to {args.to}" + (" (dual)" if args.dual else ""))
            else:
                _print_status(store, server.status(conn))
    return EXIT_OK


INIT_ATTEMPTS = 5


def _init(args, created: bool) -> int:
    """The roles and rules, while clients may be working: init waits a little for each table
    (server.LOCK_TIMEOUT_MS) and, when clients hold them (or PostgreSQL ends a deadlock by
    cancelling init), tries again from the start; then says so instead of hanging."""
    import time

    from abstractor.errors import StoreBusy, StoreError
    from abstractor.storage import Store, server
    from abstractor.storage.engine import database_url

    with Store(database_url(args.db), user=getattr(args, "user", None)) as store:
        if store.notice:
            print(store.notice, file=sys.stderr)
        for attempt in range(1, INIT_ATTEMPTS + 1):
            try:
                with store.transaction() as conn:
                    server.setup(conn)
                break
            except StoreBusy:
                if attempt == INIT_ATTEMPTS:
                    raise StoreError(f"{store.label}: server init could not get the tables it changes: other "
                                     f"clients kept them busy ({INIT_ATTEMPTS} tries); run it again when fewer "
                                     "people are working") from None
                time.sleep(0.2 * attempt)
        say(f"{store.label}: " + ("schema created" if created else "schema already there")
            + "; roles abstractor, reviewer, admin and their rules are in place")
    return EXIT_OK


def _print_status(store, st) -> None:
    from abstractor.storage.review_ops import studies_with_open_queries

    say(f"users ({len(st.users)}):")
    for name, role in st.users:
        say(f"  {name}  {role}")
    say(f"assignments ({len(st.assignments)}; {st.unassigned} studies unassigned):")
    for sid, label, user, dual, state in st.assignments:
        say(f"  {label}  {user}" + ("  dual" if dual else "") + f"  {state.lower().replace('_', ' ')}  [{sid}]")
    queried = studies_with_open_queries(store)
    say(f"open queries: {sum(queried.values())} in {len(queried)} studies")
