"""Protocol abstractor: wiring only.  ``python main.py --help`` lists what it does."""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run from a checkout without installing


def main(argv: list[str] | None = None) -> int:
    """Entry point of both ``python main.py`` and the installed ``protocol-abstractor``."""
    try:
        code = _dispatch(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    return code


def window_options(argv: list[str]):
    """The window's own options (--db PATH, --user NAME, --demo) when they are all there is.

    Start-up is measured to the first painted window, and argparse with its
    gettext lookups costs a visible part of it; anything else (a subcommand,
    --help, a typo) goes to the full parser, which also documents these options.
    """
    from types import SimpleNamespace

    opts = SimpleNamespace(command=None, db=None, user=None, demo=False)
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--demo":
            opts.demo = True
        elif a in ("--db", "--user") and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            setattr(opts, a[2:], argv[i + 1])
            i += 1
        elif a.startswith(("--db=", "--user=")) and a.partition("=")[2]:
            name, _, value = a[2:].partition("=")
            setattr(opts, name, value)
        else:
            return None
        i += 1
    return opts


def _dispatch(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_options(argv)
    if args is None:
        from abstractor.cli import build_parser, run

        args = build_parser().parse_args(argv)
        if args.command is not None:
            return run(args)
    from gui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
