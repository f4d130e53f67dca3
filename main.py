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


def _dispatch(argv: list[str] | None) -> int:
    from abstractor.cli import build_parser, opens_window, run

    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(subcommands=not opens_window(argv)).parse_args(argv)
    if args.command is not None:
        return run(args)
    from gui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
