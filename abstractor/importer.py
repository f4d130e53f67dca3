"""Importing files into a database: one study per document, unless told otherwise."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from models import schema
from abstractor.errors import AbstractorError, AlreadyImported, ImportRejected, StoreBusy
from abstractor.importing import ImportedDocument, read_document
from abstractor.storage import Store


@dataclass
class FileResult:
    path: str
    outcome: str  # imported, duplicate, rejected
    message: str
    study_id: Optional[str] = None
    accepted: int = 0  # with accept: proposals accepted ...
    left_open: list[str] = field(default_factory=list)  # ... and why the others were refused

    @property
    def line(self) -> str:
        return f"{self.path}: {self.message}"


def _duplicate(path: str, known) -> FileResult:
    where = f" (as {known.file_name}, study {known.study_id})" if known else ""
    return FileResult(path, "duplicate", f"already imported{where}; skipped", known.study_id if known else None)


def read_documents(path: str) -> list[ImportedDocument]:
    """The documents a file holds: one, or one per trial of a WHO ICTRP export."""
    doc = read_document(path)
    more, doc.more = doc.more, []
    return [doc] + more


def _store_one(store: Store, doc: ImportedDocument, target: Optional[str], suggest: bool,
               accept: bool) -> tuple[str, int, list[str]]:
    """Store one document (into ``target`` or as a new study) with its proposals, in one transaction;
    returns the study id, how many proposals were accepted and the refusals of those left open."""
    from abstractor import suggestions as sg

    with store.transaction():
        if target is not None:
            doc_id = store.add_document(target, doc, imported=True)
            study_id = target
            if suggest or accept:
                sg.compute_and_store(store, study_id, doc_id, doc)
        else:
            study = study_for(doc).model_copy(update={"abstractor": store.user})
            units = sg.units_for_document(doc, study, store.current_codebook()) if suggest or accept else None
            if accept:  # decided before storing: one insert, the same result as accepting one by one
                study, accepted, left = sg.accept_in_memory(study, units)
                return store.add_study(study, [doc], suggestions=units, imported=True), accepted, left
            study_id = store.add_study(study, [doc], suggestions=units, imported=True)
        if not accept:
            return study_id, 0, []
        accepted, left = sg.accept_all(store, study_id)
        return study_id, accepted, left


def study_for(doc: ImportedDocument) -> schema.Abstraction:
    """A new study for a document: the values the file states itself, else empty."""
    if doc.abstraction is not None:
        return doc.abstraction
    return schema.Abstraction(source=schema.Source(file=doc.file_name, sha256=doc.sha256))


def import_files(store: Store, paths: Iterable[str | Path], *, into: Optional[str] = None,
                 together: bool = False, progress: Optional[Callable[[int, str], bool]] = None,
                 suggest: bool = False, accept: bool = False) -> list[FileResult]:
    """Import each file; a bad file is reported and skipped, the rest still import.

    Each document is one transaction: the document, its study and its proposals (all accepted
    with ``accept``, batch work) are stored together or not at all, so an interrupted run
    leaves only whole imports and a second run picks up the files the first did not finish.

    ``into``: add every document to this existing study.  ``together``: one new
    study for all the documents (the first one's values).  ``progress(i, path)``
    returning False cancels before the next file.
    """
    results: list[FileResult] = []
    target = into
    if into is not None and not store.study_exists(into):
        raise AbstractorError(f"there is no study with id {into} in {store.label}")
    for i, path in enumerate(paths):
        path = str(path)
        if progress is not None and progress(i, path) is False:
            break
        try:
            docs = read_documents(path)
        except (ImportRejected, AbstractorError) as exc:
            results.append(FileResult(path, "rejected", str(exc)))
            continue
        for doc in docs:        # an ICTRP export holds one study per trial
            where = path + doc.file_name[len(Path(path).name):] if len(docs) > 1 else path   # "x.xml [trial id]"
            try:
                if (known := store.find_document(doc.sha256)) is not None:
                    if store.document_text(known.id) == doc.text:
                        results.append(_duplicate(where, known))
                        continue
                    # A copy under this file's SHA-256 with other text came from outside (a workbook):
                    # the file itself is the truth, so it is imported, and the copy is named.
                    doc.notes.append(f"a copy with other text under this file's SHA-256 is in study "
                                     f"{known.study_id} (from a workbook); this file was imported as read")
                study_id, accepted, left = _store_one(store, doc, target, suggest, accept)
                if together and target is None:
                    target = study_id
            except AlreadyImported:  # another process stored it between our lookup and our insert
                results.append(_duplicate(where, store.find_document(doc.sha256)))
                continue
            except StoreBusy:
                raise  # the whole batch waits for the user, not just this file
            except (ImportRejected, AbstractorError) as exc:
                results.append(FileResult(where, "rejected", str(exc)))
                continue
            notes = f" ({'; '.join(doc.notes)})" if doc.notes else ""
            pages = f", {len(doc.page_starts)} pages" if doc.page_starts else ""
            took = f"; {accepted} suggested values accepted" + (f", {len(left)} left open" if left else "") \
                if accept else ""
            results.append(FileResult(where, "imported",
                                      f"imported as study {study_id} ({doc.kind}, {len(doc.text):,} characters{pages})"
                                      f"{notes}{took}", study_id, accepted, left))
    return results
