"""The Store: the only object that reads or writes the database.

Every method is one transaction that commits before it returns, and every
change writes an audit event (who, when, which field, old and new value).
Callers get pydantic objects or plain tuples, never live ORM rows.
"""
from __future__ import annotations

import getpass
import json
import threading
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError

from models import schema, tables as t
from abstractor.errors import AlreadyImported, InvalidValue, StoreError
from abstractor.storage import convert, engine as eng
from abstractor.storage.field_edits import FieldEdits
from abstractor.storage.records import Change, DocumentInfo, EvidenceSpan, RowSnapshot, StudyListRow

__all__ = ["Change", "DocumentInfo", "EvidenceSpan", "RowSnapshot", "Store", "StudyListRow", "audit_value",
           "default_user"]


class Store(FieldEdits):
    def __init__(self, url, user: Optional[str] = None, *, must_exist: bool = False,
                 read_only: Optional[bool] = False):
        """``url``: a SQLAlchemy URL (object or string).  ``must_exist``: refuse a missing
        file rather than create it; ``read_only``: never write (None: only when the file
        or its folder cannot be written); see engine.open_engine."""
        self.url = url
        self.label = eng.database_label(url)
        self.user = user or default_user()
        self._local = threading.local()  # the open unit of work of each thread
        # notice: set when opening upgraded an older file (say so to the user).
        self.engine, self.notice = eng.open_engine(url, must_exist=must_exist, read_only=read_only)
        # On a team server changes are recorded under the login the server checked, not a typed name.
        self.user = eng.login_user(self.engine) or self.user

    @classmethod
    def open_path(cls, path, user: Optional[str] = None, *, must_exist: bool = False,
                  read_only: Optional[bool] = False) -> "Store":
        return cls(eng.sqlite_url(path), user=user, must_exist=must_exist, read_only=read_only)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transactions -----------------------------------------------------
    # One user action is one transaction: ``with store.transaction():`` opens it and every
    # Store method called inside joins it (reads see its uncommitted writes).  A nested
    # ``transaction()`` is a savepoint, so a caller that catches a failed inner step keeps
    # the rest.  ``read``/``write`` are public for the storage modules beside this one.
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One unit of work: all of it commits at the end, or none of it."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            try:
                with conn.begin_nested():
                    yield conn
            except DBAPIError as exc:
                raise self._translate(exc) from exc
            return
        try:
            with self.engine.connect().execution_options(write=True) as conn, conn.begin():
                self._local.conn = conn
                try:
                    yield conn
                finally:
                    self._local.conn = None
        except DBAPIError as exc:
            raise self._translate(exc) from exc

    @property
    def in_transaction(self) -> bool:
        return getattr(self._local, "conn", None) is not None

    def _translate(self, exc: DBAPIError) -> StoreError:
        if isinstance(exc, IntegrityError) and "import_sha256" in str(exc.orig):
            return AlreadyImported(f"{self.label}: this file is already imported")
        if isinstance(exc, IntegrityError):
            return StoreError(f"{self.label}: the change conflicts with what is stored ({exc.orig})")
        return eng.translate(exc, self.label)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A transaction for reading (or the open unit of work); driver errors become StoreError."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except DBAPIError as exc:
            raise self._translate(exc) from exc

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction that takes the write lock up front and commits on exit;
        inside ``transaction()`` it is that unit of work (a savepoint)."""
        with self.transaction() as conn:
            yield conn

    def audit(self, conn, study_id, entity_name, row_id, field, action, old=None, new=None, origin="user"):
        """Record one change (by this Store's user) in the transaction that makes it."""
        conn.execute(insert(t.AuditEvent), [{
            "at": t.utcnow(), "user": self.user, "study_id": study_id, "entity": entity_name, "row_id": row_id,
            "field": field, "action": action, "old": convert.dumps(old), "new": convert.dumps(new), "origin": origin}])

    @staticmethod
    def _touch(conn, study_id):
        conn.execute(update(t.Study).where(t.Study.id == study_id).values(updated_at=t.utcnow()))

    # --- studies ----------------------------------------------------------
    _LIST_COLS = (t.Study.id, t.RegistryId.value, t.Study.title, t.Study.status, t.Study.overall_status)

    def _list_query(self):
        first_id = and_(t.RegistryId.study_id == t.Study.id, t.RegistryId.position == 0)
        return select(*self._LIST_COLS).select_from(t.Study).outerjoin(t.RegistryId, first_id)

    def list_studies(self, text: str = "", status: Optional[str] = None) -> list[StudyListRow]:
        """Id, first registry id, title and statuses of every study, newest first."""
        q = self._list_query()
        if text:
            like = f"%{text}%"
            q = q.where(or_(t.Study.title.ilike(like), t.RegistryId.value.ilike(like), t.Study.acronym.ilike(like)))
        if status:
            q = q.where(t.Study.status == status)
        q = q.order_by(t.Study.created_at.desc(), t.Study.id)
        with self.read() as conn:
            return [StudyListRow(*r) for r in conn.execute(q)]

    def study_rows(self, ids: list[str]) -> dict[str, StudyListRow]:
        """List rows for just these ids (a lazy view fetches a page at a time)."""
        with self.read() as conn:
            rows = conn.execute(self._list_query().where(t.Study.id.in_(ids)))
            return {r[0]: StudyListRow(*r) for r in rows}

    def count_studies(self) -> int:
        with self.read() as conn:
            return conn.execute(select(func.count()).select_from(t.Study)).scalar_one()

    def get_study(self, study_id: str) -> schema.Abstraction:
        with self.read() as conn:
            ab = convert.read_study(conn, study_id)
        if ab is None:
            raise StoreError(f"{self.label}: there is no study with id {study_id}")
        return ab

    def iter_studies(self, ids: Optional[Iterable[str]] = None) -> Iterator[schema.Abstraction]:
        if ids is None:
            ids = [r.id for r in reversed(self.list_studies())]
        for sid in ids:
            yield self.get_study(sid)

    def study_exists(self, study_id: str) -> bool:
        with self.read() as conn:
            return conn.execute(select(t.Study.id).where(t.Study.id == study_id)).first() is not None

    def add_study(self, ab: schema.Abstraction, documents: Iterable = (), origin: str = "import",
                  suggestions: Optional[list] = None, imported: bool = False) -> str:
        """Store a whole study with its documents (and the first document's suggestion
        units), atomically: all of it or none.  ``imported``: the documents are files
        the importer read (see insert_document)."""
        from abstractor.storage.suggestion_store import insert_suggestions

        with self.write() as conn:
            docs = list(documents)
            doc_ids: dict[str, str] = {}

            def add_documents(study_id: str) -> dict[str, str]:
                doc_ids.update({d.sha256: self.insert_document(conn, study_id, d, pos, imported=imported)
                                for pos, d in enumerate(docs)})
                return doc_ids

            study_id = convert.write_study(conn, ab, user=self.user, add_documents=add_documents)
            if suggestions:
                insert_suggestions(conn, study_id, doc_ids.get(docs[0].sha256) if docs else None, suggestions,
                                   self.user)
            self.audit(conn, study_id, "study", study_id, None, "create", None, ab.study.title, origin)
        return study_id

    def replace_study(self, ab: schema.Abstraction, origin: str = "user") -> list:
        """Overwrite the stored study ``ab.id`` with ``ab`` (documents kept), auditing each
        field that changed; returns those changes (abstractor.storage.diff.FieldDiff)."""
        from abstractor.storage.diff import diff_abstractions

        with self.write() as conn:
            old = convert.read_study(conn, ab.id)
            if old is None:
                raise StoreError(f"{self.label}: there is no study with id {ab.id}")
            convert.replace_study(conn, ab, self.user)
            new = convert.read_study(conn, ab.id)
            changes = diff_abstractions(old, new)
            for d in changes:
                self.audit(conn, ab.id, d.entity, d.row_id, d.field, d.action, d.old, d.new, origin)
        return changes

    def delete_study(self, study_id: str) -> None:
        with self.write() as conn:
            title = conn.execute(select(t.Study.title).where(t.Study.id == study_id)).scalar()
            convert.delete_study_rows(conn, study_id)
            self.audit(conn, study_id, "study", study_id, None, "delete", title, None)

    # --- documents --------------------------------------------------------
    def insert_document(self, conn, study_id: str, doc, position: int, imported: bool = False) -> str:
        """Insert a document's row in ``conn``'s transaction; returns its new id.  ``imported``:
        stored by the file importer, once per database (AlreadyImported otherwise)."""
        doc_id = t.new_id()
        row = convert.document_row(doc_id, study_id, doc, position, self.user)
        conn.execute(insert(t.SourceDocument), [row | {"import_sha256": doc.sha256 if imported else None}])
        return doc_id

    def add_document(self, study_id: str, doc, imported: bool = False) -> str:
        """Attach another document to an existing study."""
        with self.write() as conn:
            pos = conn.execute(select(func.count()).where(t.SourceDocument.study_id == study_id)).scalar_one()
            doc_id = self.insert_document(conn, study_id, doc, pos, imported=imported)
            self.audit(conn, study_id, "document", doc_id, None, "import", None, doc.file_name, "import")
        return doc_id

    def find_document(self, sha256: str) -> Optional[DocumentInfo]:
        with self.read() as conn:
            r = conn.execute(self._doc_query().where(t.SourceDocument.sha256 == sha256)).first()
        return DocumentInfo(*r) if r else None

    @staticmethod
    def _doc_query():
        d = t.SourceDocument
        return select(d.id, d.study_id, d.file_name, d.sha256, d.kind, d.page_starts, d.size_bytes, d.imported_at)

    def documents(self, study_id: str) -> list[DocumentInfo]:
        q = self._doc_query().where(t.SourceDocument.study_id == study_id).order_by(t.SourceDocument.position)
        with self.read() as conn:
            return [DocumentInfo(*r) for r in conn.execute(q)]

    def document_text(self, document_id: str) -> str:
        with self.read() as conn:
            text = conn.execute(select(t.SourceDocument.text).where(t.SourceDocument.id == document_id)).scalar()
        if text is None:
            raise StoreError(f"{self.label}: there is no document with id {document_id}")
        return text

    # --- evidence -----------------------------------------------------------
    def evidence(self, study_id: str) -> list[EvidenceSpan]:
        e = t.Evidence
        q = (select(e.id, e.entity, e.row_id, e.field, e.document_id, e.start, e.end, e.quote)
             .where(e.study_id == study_id).order_by(e.created_at, e.id))
        with self.read() as conn:
            return [EvidenceSpan(*r) for r in conn.execute(q)]

    def set_evidence(self, study_id: str, entity_name: str, row_id: str, field: str,
                     document_id: Optional[str], start: int, end: int, origin: str = "user") -> Change:
        """Record where a field's value came from, replacing earlier evidence for it."""
        with self.write() as conn:
            if document_id is not None:
                text = conn.execute(select(t.SourceDocument.text).where(t.SourceDocument.id == document_id)).scalar()
                if text is None or not (0 <= start <= end <= len(text)):
                    raise InvalidValue(f"evidence {start}-{end} is outside the document")
                quote = text[start:end]
            else:
                quote = ""
            key = (t.Evidence.study_id == study_id, t.Evidence.entity == entity_name,
                   t.Evidence.row_id == row_id, t.Evidence.field == field)
            old = conn.execute(select(t.Evidence.quote).where(*key)).scalar()
            conn.execute(delete(t.Evidence).where(*key))
            conn.execute(insert(t.Evidence), [{"id": t.new_id(), "study_id": study_id, "entity": entity_name,
                                               "row_id": row_id, "field": field, "document_id": document_id,
                                               "start": start, "end": end, "quote": quote,
                                               "created_by": self.user}])
            self.audit(conn, study_id, entity_name, row_id, f"{field}#evidence", "update", old, quote, origin)
        return Change(study_id, entity_name, row_id, field, "evidence", old, quote)

    def clear_evidence(self, study_id: str, entity_name: str, row_id: str, field: str, origin: str = "user") -> None:
        key = (t.Evidence.study_id == study_id, t.Evidence.entity == entity_name,
               t.Evidence.row_id == row_id, t.Evidence.field == field)
        with self.write() as conn:
            old = conn.execute(select(t.Evidence.quote).where(*key)).scalar()
            if old is not None:
                conn.execute(delete(t.Evidence).where(*key))
                self.audit(conn, study_id, entity_name, row_id, f"{field}#evidence", "delete", old, None, origin)

    # --- codebooks (abstractor.storage.codebook_store; importing one: abstractor.codebooks.importing) ---
    def codebook_for(self, study_id: str):
        """The codebook (models.codebook.Codebook) a study's extra fields follow, or None."""
        from abstractor.storage import codebook_store as cs

        with self.read() as conn:
            found = cs.for_study(conn, study_id)
        return found.codebook if found else None

    def current_codebook(self):
        """The codebook new studies and edits use (the last imported), or None."""
        from abstractor.storage import codebook_store as cs

        with self.read() as conn:
            found = cs.current(conn)
        return found.codebook if found else None

    def codebooks(self) -> list:
        """Every stored codebook version (codebook_store.StoredCodebook), oldest first."""
        from abstractor.storage import codebook_store as cs

        with self.read() as conn:
            return cs.all_codebooks(conn)

    # --- audit --------------------------------------------------------------
    def audit_events(self, study_id: Optional[str] = None, limit: int = 1000) -> list[dict]:
        q = select(t.AuditEvent).order_by(t.AuditEvent.id.desc()).limit(limit)
        if study_id:
            q = q.where(t.AuditEvent.study_id == study_id)
        with self.read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something
        return "unknown"


def audit_value(raw: Optional[str]) -> Any:
    return None if raw is None else json.loads(raw)
