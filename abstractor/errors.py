"""Errors the program reports to a person: their message is the whole story."""


class AbstractorError(Exception):
    """Base: str(exc) is a complete, plain-words message naming what and where."""


class StoreError(AbstractorError):
    """The database cannot be opened or written."""


class StoreBusy(StoreError):
    """Another process holds the write lock longer than we are willing to wait."""


class PasswordNeeded(StoreError):
    """The server asks for a password that libpq did not find (~/.pgpass, PGPASSWORD), or
    refused the one given (``wrong``): the window may ask for it."""

    def __init__(self, message: str, wrong: bool = False):
        super().__init__(message)
        self.wrong = wrong


class AlreadyImported(StoreError):
    """The file was imported meanwhile (by another process): the database refused a second copy."""


class ImportRejected(AbstractorError):
    """A document cannot be imported; the message says why."""


class InvalidValue(AbstractorError):
    """A value does not fit its field (wrong type, not in the list)."""


class StaleWrite(StoreError):
    """Someone else changed the value after it was read: the write is refused, not lost.
    ``theirs``, ``who`` and ``when`` say what is stored now; ``mine`` is the refused value."""

    def __init__(self, message: str, theirs=None, who=None, when=None, mine=None):
        super().__init__(message)
        self.theirs, self.who, self.when, self.mine = theirs, who, when, mine
