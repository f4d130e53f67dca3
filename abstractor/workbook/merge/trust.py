"""Nothing a workbook says about documents is taken on trust.

A Documents row's ``sha256`` is the hash of the original file's bytes, which a
workbook does not carry, so the text cannot be checked against it.  What can be
checked, and is, before anything is planned:

- a document whose SHA-256 the database already has must carry exactly the stored
  text; a different text is refused (the stored one stays, and a workbook cannot
  plant a text under a real file's hash this way);
- every evidence span must lie inside its document and its quote must equal the
  document's text there; a span that does not is a problem of its Evidence row;
- a document new to the database whose text disagrees with any of its own
  evidence quotes was altered: it is left out with all its evidence.

Rows left out are reported as ``Sheet!A5: reason`` like unreadable cells.
"""
from __future__ import annotations

from typing import Callable, Optional

from abstractor.workbook.content import Issue, WorkbookContent, WorkbookStudy


def check_documents(store, content: WorkbookContent, issues: list[Issue], chunk: int = 500) -> None:
    """Drop what cannot be trusted from ``content`` (in place), with an issue for each.  The stored
    texts are read in bulk for a chunk of studies at a time (one query, not one per document)."""
    from abstractor.storage.workbook_state import stored_texts

    studies = list(content.studies.values())
    for i in range(0, len(studies), chunk):
        part = studies[i:i + chunk]
        texts = stored_texts(store, {sha for st in part for sha in _shas(st)})
        for st in part:
            _check_study(st, texts.get, issues)


def _shas(st: WorkbookStudy):
    """Every document SHA-256 the study's documents and evidence name."""
    yield from (d.sha256 for d in st.documents)
    yield from (r.document for r in st.evidence if r.document)
    if st.source_sha256:
        yield st.source_sha256


def _check_study(st: WorkbookStudy, stored: Callable[[str], Optional[str]], issues: list[Issue]) -> None:
    kept = []
    for doc in st.documents:
        known = stored(doc.sha256)
        if known is not None and known != doc.text:
            issues.append(Issue(_doc_where(st, doc.sha256),
                                f"the text of {doc.file_name} differs from the document with the same SHA-256 "
                                "already in the database; the stored text is kept"))
            continue
        kept.append(doc)
    st.documents = kept
    _check_spans(st, stored, issues)


def _doc_where(st: WorkbookStudy, sha: str) -> str:
    return st.row_where.get(("Documents", sha), "Documents")


def _check_spans(st: WorkbookStudy, stored, issues: list[Issue]) -> None:
    texts = {d.sha256: d.text for d in st.documents}
    source = st.source_sha256
    if source is None and len(texts) == 1:
        source = next(iter(texts))
    fresh = {sha for sha in texts if stored(sha) is None}  # new to the database: checked by their quotes
    bad_rows, altered = [], set()
    for r in st.evidence:
        sha = r.document or source
        if sha is None:
            continue
        text = texts.get(sha)
        if text is None:
            text = stored(sha)
        if text is None:
            continue  # a document neither the workbook nor the database has: the apply step reports it
        if not (0 <= r.start <= r.end <= len(text)):
            issues.append(Issue(r.where, f"the span {r.start}-{r.end} lies outside its document "
                                         f"({len(text):,} characters); this evidence was left out"))
        elif text[r.start:r.end] != r.quote:
            issues.append(Issue(r.where, f"the quote {_short(r.quote)} is not the document's text at "
                                         f"{r.start}-{r.end} ({_short(text[r.start:r.end])}); this evidence was left "
                                         "out"))
        else:
            continue
        bad_rows.append(r)
        if sha in fresh:
            altered.add(sha)
    if not bad_rows:
        return
    for sha in altered:
        name = next(d.file_name for d in st.documents if d.sha256 == sha)
        issues.append(Issue(_doc_where(st, sha), f"the text of {name} disagrees with its evidence quotes (altered?); "
                                                 "the document and all its evidence were left out"))
    st.documents = [d for d in st.documents if d.sha256 not in altered]
    gone = set(map(id, bad_rows))
    st.evidence = [r for r in st.evidence if id(r) not in gone and (r.document or source) not in altered]
    st.evidence_bad = True  # an updated study keeps its stored evidence


def _short(s: str) -> str:
    return repr(s if len(s) <= 40 else s[:37] + "...")
