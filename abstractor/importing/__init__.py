"""Document import: any supported file to an ImportedDocument whose text never changes."""
from __future__ import annotations

import json
from pathlib import Path

from abstractor.errors import ImportRejected
from abstractor.importing.document import (
    MAX_BINARY_BYTES,
    MAX_TEXT_BYTES,
    ImportedDocument,
    normalise,
    sha256_of,
)

SUPPORTED = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html",
             ".pdf": "pdf", ".docx": "docx", ".json": "ctgov-json", ".xml": "ictrp-xml"}

__all__ = ["ImportedDocument", "ImportRejected", "SUPPORTED", "read_document"]


def read_document(path: str | Path) -> ImportedDocument:
    """Read one file; raises ImportRejected (message without the file name) when it cannot."""
    path = Path(path)
    if not path.exists():
        raise ImportRejected("does not exist")
    if path.is_dir():
        raise ImportRejected("is a folder, not a file")
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise ImportRejected(f"has an unsupported type {path.suffix or '(no extension)'!r}; "
                             f"supported: {', '.join(sorted(set(SUPPORTED)))}")
    size = path.stat().st_size
    limit = MAX_BINARY_BYTES if kind in ("pdf", "docx") else MAX_TEXT_BYTES
    if size > limit:
        shown = "JSON" if kind == "ctgov-json" else kind        # a .json may be ClinicalTrials.gov or CTIS
        raise ImportRejected(f"is {size / 2**20:.1f} MB; the limit for a {shown} document is "
                             f"{limit // 2**20} MB (a 300-page protocol is about 1 MB of text)")
    if size == 0:
        raise ImportRejected("is empty")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRejected(f"cannot be read ({exc.strerror})") from None
    doc = ImportedDocument(file_name=path.name, sha256=sha256_of(data), kind=kind, text="", size_bytes=size)
    try:
        _read_kind(path, doc, data)
    except ImportRejected:
        raise
    except RecursionError:  # e.g. JSON nested 100,000 deep
        raise ImportRejected("is nested too deeply to be read (a damaged or hostile file?)") from None
    except Exception as exc:  # a reader's library met something it did not expect: say so, go on with the batch
        raise ImportRejected(f"cannot be read ({type(exc).__name__}: {str(exc)[:200]})") from None
    if not doc.text.strip():
        raise ImportRejected("holds no text")
    if len(doc.text) > MAX_TEXT_BYTES:
        raise ImportRejected(f"holds {len(doc.text):,} characters of text; the limit is {MAX_TEXT_BYTES:,}")
    return doc


def _read_kind(path: Path, doc: ImportedDocument, data: bytes) -> None:
    kind = doc.kind
    if kind == "pdf":
        from abstractor.importing.pdf import read_pdf

        doc.text, doc.page_starts = read_pdf(path)
    elif kind == "docx":
        from abstractor.importing.docx import read_docx

        doc.text = normalise(read_docx(path))
    elif kind == "ictrp-xml":
        _read_ictrp(doc, data)
    else:
        _read_textual(doc, data)


def _read_textual(doc: ImportedDocument, data: bytes) -> None:
    from abstractor.importing.text import decode

    text, doc.encoding = decode(data)
    if doc.encoding not in ("utf-8", "utf-8-sig", "ascii"):
        doc.notes.append(f"read as {doc.encoding} (not UTF-8)")
    if doc.kind == "html":
        from abstractor.importing.html import html_to_text

        doc.text = normalise(html_to_text(text))
    elif doc.kind == "ctgov-json":
        _read_ctgov(doc, text)
    else:
        doc.text = normalise(text)


def _read_ctgov(doc: ImportedDocument, text: str) -> None:
    from abstractor.importing import ctgov

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("studies"), list) and len(data["studies"]) == 1:
        data = data["studies"][0]  # an API search result holding one study
    from abstractor.importing import ctis

    if ctis.is_ctis_record(data):  # an EU CTIS trial, recognised by its content
        doc.kind = "ctis-json"
        doc.text, doc.abstraction = ctis.render(data, doc.file_name, doc.sha256)
    elif ctis.looks_like_ctis(data):
        raise ImportRejected("is EU CTIS JSON but not one trial's full record (no authorizedApplication): "
                             "save the trial's record (ctis-public-api/retrieve/<EU CT number>), not a search result")
    elif not ctgov.is_ctgov_record(data):
        raise ImportRejected("is JSON but not a ClinicalTrials.gov study record (no protocolSection) "
                             "nor an EU CTIS trial record (no ctNumber)")
    else:
        doc.text, doc.abstraction = ctgov.render(data, doc.file_name, doc.sha256)
    doc.text = normalise(doc.text)


def _read_ictrp(doc: ImportedDocument, data: bytes) -> None:
    """A WHO ICTRP export: the first trial is this document, the others ``doc.more``."""
    from abstractor.importing import ictrp

    for k, (name, sha, text, ab) in enumerate(ictrp.read_all(data, doc.file_name, doc.sha256)):
        if k == 0:
            doc.file_name, doc.sha256, doc.text, doc.abstraction = name, sha, text, ab
        else:
            doc.more.append(ImportedDocument(file_name=name, sha256=sha, kind=doc.kind, text=text,
                                             size_bytes=doc.size_bytes, abstraction=ab))
