"""Print per-field accuracy of the extractors on generated held-out pages.

    .venv/bin/python -m tests.extraction.held_out.run [--n 200] [--fails 30] [--kind ctgov|scrape|all]
"""
from __future__ import annotations

import argparse
import random
from collections import Counter

from abstractor.extraction import extract
from tests.extraction.held_out.scoring import Tally

GENERATORS = {}


def generators():
    from tests.extraction.held_out.ctgov_pages import ctgov_page
    out = {"ctgov": ctgov_page}
    try:
        from tests.extraction.held_out.scrape_pages import scrape_page
        out["scrape"] = scrape_page
    except ImportError:
        pass
    return out


def evaluate(kind: str, n: int, seed0: int = 1000) -> Tally:
    gen = generators()[kind]
    t = Tally()
    for k in range(n):
        text, gold = gen(seed0 + k)
        pred = extract(text).abstraction.to_json_dict()
        pred["acronym"] = pred["study"].get("acronym")
        t.add("%s-%d" % (kind, seed0 + k), gold, pred)
    return t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--fails", type=int, default=20)
    ap.add_argument("--kind", default="all")
    ap.add_argument("--field", default=None)
    a = ap.parse_args(argv)
    for kind in (generators() if a.kind == "all" else [a.kind]):
        t = evaluate(kind, a.n)
        print("== %s (%d pages)" % (kind, a.n))
        print(t.report())
        fails = [f for f in t.fails if a.field is None or f[1].startswith(a.field)]
        print("failure kinds:", Counter(f[1] for f in fails).most_common(12))
        for f in random.Random(0).sample(fails, min(a.fails, len(fails))):
            print("  ", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
