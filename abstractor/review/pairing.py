"""Which studies of two abstractors are the same study: the one rule that the command line
compare, the window's Compare and the window's "adjudicate the open study" all use.

Rules, strongest first, each applied to the studies the earlier ones left unpaired:

1. the same source document (SHA-256): two abstractors who imported the same file;
2. the same study id: copies of one database (an exported and re-imported workbook);
3. a registry id in common (two studies whose registry ids all differ are different studies,
   so the later rule never pairs them);
4. the title (without case and punctuation; nearly equal titles pair at ``TITLE_THRESHOLD``).

Pairing is one to one.  A study left unpaired gets the reason in plain words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from rapidfuzz import fuzz, process

from abstractor.review.values import registry_key, title_key
from models import schema

TITLE_THRESHOLD = 90.0
BY_DOCUMENT, BY_ID, BY_REGISTRY, BY_TITLE = "source document", "study id", "registry id", "title"
RULES = (BY_DOCUMENT, BY_ID, BY_REGISTRY, BY_TITLE)


@dataclass(frozen=True)
class Pair:
    a: Optional[int]  # index on side A (None: only in B)
    b: Optional[int]
    how: str = ""  # one of RULES when paired
    reason: str = ""  # why a study on one side only was not paired


def _sha(ab: schema.Abstraction) -> str:
    return (ab.source.sha256 or "").lower() if ab.source else ""


def _keys(rule: str) -> Callable[[schema.Abstraction], list[str]]:
    if rule == BY_DOCUMENT:
        return lambda ab: [_sha(ab)] if _sha(ab) else []
    if rule == BY_ID:
        return lambda ab: [ab.id] if ab.id else []
    if rule == BY_REGISTRY:
        return lambda ab: [registry_key(r) for r in ab.study.registry_ids if r.strip()]
    return lambda ab: [title_key(ab.study.title)] if title_key(ab.study.title) else []


def _ids_conflict(a: schema.Abstraction, b: schema.Abstraction) -> bool:
    """Both have registry ids and none is shared: different studies, whatever their titles."""
    ka, kb = _keys(BY_REGISTRY)(a), _keys(BY_REGISTRY)(b)
    return bool(ka and kb and not set(ka) & set(kb))


def same_study(a: schema.Abstraction, b: schema.Abstraction, title_threshold: float = TITLE_THRESHOLD) -> str:
    """The rule by which ``a`` and ``b`` are the same study, or "" when they are not."""
    for rule in (BY_DOCUMENT, BY_ID, BY_REGISTRY):
        key = _keys(rule)
        if set(key(a)) & set(key(b)):
            return rule
    ta, tb = title_key(a.study.title), title_key(b.study.title)
    if ta and tb and not _ids_conflict(a, b) and (ta == tb or fuzz.token_sort_ratio(ta, tb) >= title_threshold):
        return BY_TITLE
    return ""


def pair_studies(side_a: Sequence[schema.Abstraction], side_b: Sequence[schema.Abstraction],
                 title_threshold: float = TITLE_THRESHOLD) -> list[Pair]:
    """Every study of A in order (paired or not), then the studies only in B."""
    pair_of: dict[int, tuple[int, str]] = {}
    used_b: set[int] = set()
    for rule in RULES:
        key = _keys(rule)
        index: dict[str, list[int]] = {}
        for j, b in enumerate(side_b):
            if j not in used_b:
                for k in dict.fromkeys(key(b)):
                    index.setdefault(k, []).append(j)
        for i, a in enumerate(side_a):
            if i in pair_of:
                continue
            ok = (lambda j: j not in used_b and not _ids_conflict(a, side_b[j])) if rule == BY_TITLE \
                else (lambda j: j not in used_b)
            j = next((j for k in key(a) for j in index.get(k, ()) if ok(j)), None)
            if j is None and rule == BY_TITLE and key(a):
                choices = {j: title_key(side_b[j].study.title) for j in range(len(side_b))
                           if ok(j) and title_key(side_b[j].study.title)}
                hit = process.extractOne(key(a)[0], choices, scorer=fuzz.token_sort_ratio,
                                         score_cutoff=title_threshold) if choices else None
                j = hit[2] if hit else None
            if j is not None:
                pair_of[i] = (j, rule)
                used_b.add(j)
    out = []
    for i, a in enumerate(side_a):
        if i in pair_of:
            out.append(Pair(i, *pair_of[i]))
        else:
            out.append(Pair(i, None, reason=unpaired_reason(a, side_b, "B")))
    paired_a = [side_a[i] for i in pair_of]
    out.extend(Pair(None, j, reason=unpaired_reason(b, side_a, "A", taken=paired_a))
               for j, b in enumerate(side_b) if j not in used_b)
    return out


def unpaired_reason(ab: schema.Abstraction, others: Sequence[schema.Abstraction], other: str,
                    taken: Sequence[schema.Abstraction] = ()) -> str:
    """Why ``ab`` has no partner among ``others`` (side ``other``), in plain words."""
    has = [what for what, rule in (("source document", BY_DOCUMENT), ("study id", BY_ID),
                                   ("registry id", BY_REGISTRY), ("title", BY_TITLE)) if _keys(rule)(ab)]
    if not has:
        return "it has no source document, study id, registry id or title to pair it by"
    if any(same_study(ab, o) for o in others):
        return f"its match in {other} was paired with another study that matched it first"
    return f"no study in {other} has the same {_or(has)}"


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def may_pair(ab: schema.Abstraction, keys, title_threshold: float = TITLE_THRESHOLD) -> list[str]:
    """The ids among ``keys`` ((study id, source SHA-256, title, registry ids) of each stored study)
    that the rule could pair with ``ab``: every study ``same_study`` pairs it with is among them (the
    rule itself then decides on those alone), so a database of 10,000 studies is not read whole."""
    sha, regs, title = _sha(ab), set(_keys(BY_REGISTRY)(ab)), title_key(ab.study.title)
    out = []
    for sid, other_sha, other_title, other_regs in keys:
        if sid == ab.id:
            continue
        other_key = title_key(other_title)
        if (sha and (other_sha or "").lower() == sha) or regs & {registry_key(r) for r in other_regs if r.strip()} \
                or (title and other_key and (title == other_key
                                             or fuzz.token_sort_ratio(title, other_key) >= title_threshold)):
            out.append(sid)
    return out


def partners(ab: schema.Abstraction, candidates: Sequence[schema.Abstraction]) -> list[tuple[int, str]]:
    """The candidates that are the same study as ``ab`` (index, rule), strongest rule first:
    the window's "adjudicate the open study with another abstraction of it"."""
    found = [(i, same_study(ab, c)) for i, c in enumerate(candidates)]
    return sorted(((i, how) for i, how in found if how), key=lambda p: RULES.index(p[1]))
