"""One document to one abstraction: what the file states, plus the suggestions."""
from __future__ import annotations

from models import schema
from abstractor.importing import ImportedDocument


def extract_document(doc: ImportedDocument) -> schema.Abstraction:
    """The abstraction of a document, without touching any database.

    Registry JSON states its values outright; for everything else (and for the
    fields the JSON leaves as prose, such as criteria) the extractors suggest.
    """
    try:
        from abstractor.extraction import extract
    except ImportError:  # extraction not available: only what import knows
        extract = None
    if doc.abstraction is not None:
        ab = doc.abstraction
        if extract is not None:
            ab = merge_missing(ab, extract(doc.text, file_name=doc.file_name, sha256=doc.sha256).abstraction)
        return ab
    if extract is None:
        return schema.Abstraction(source=schema.Source(file=doc.file_name, sha256=doc.sha256))
    return extract(doc.text, file_name=doc.file_name, sha256=doc.sha256).abstraction


_LISTS = ("arms", "interventions", "dose_levels", "outcomes", "criteria")


def merge_missing(stated: schema.Abstraction, suggested: schema.Abstraction) -> schema.Abstraction:
    """Take from ``suggested`` only the lists and escalation that ``stated`` leaves empty."""
    out = stated.model_copy(deep=True)
    taken = [k for k in _LISTS if not getattr(out, k) and getattr(suggested, k)]
    for k in taken:
        setattr(out, k, getattr(suggested, k))
    if out.escalation == schema.Escalation() and suggested.escalation != schema.Escalation():
        out.escalation = suggested.escalation
        taken.append("escalation")
    prefixes = tuple(taken)
    out.evidence = out.evidence + [e for e in suggested.evidence if e.field.startswith(prefixes)] if taken else out.evidence
    return out
