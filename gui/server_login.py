"""Opening a database from the window, asking for a team server's password when the server
wants one that libpq did not find (~/.pgpass and PGPASSWORD come first, untouched).  The
password goes to the connection only: never into the address shown, the recent list, the
settings or a log."""
from __future__ import annotations

from typing import Optional

from abstractor.errors import PasswordNeeded

ATTEMPTS = 3


def ask_password(parent, address: str, wrong: bool) -> Optional[str]:
    """The password typed (hidden as typed), or None when cancelled.  Tests replace this."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    first = "The password was not accepted. " if wrong else ""
    text, ok = QInputDialog.getText(parent, "Team server password", f"{first}Password for {address}:",
                                    QLineEdit.EchoMode.Password)
    return text if ok else None


def open_store_asking(parent, path, user: Optional[str] = None):
    """A Store on ``path`` (a file, or a postgresql:// address), asking for the password
    when the server needs one; PasswordNeeded when the user cancels or gives up."""
    from abstractor.storage import Store
    from abstractor.storage.engine import database_label, database_url

    url = database_url(str(path))
    try:
        return Store(url, user=user)
    except PasswordNeeded as exc:
        refused = exc
    for _ in range(ATTEMPTS):
        password = ask_password(parent, database_label(url), refused.wrong)
        if password is None:
            break
        try:
            return Store(url.set(password=password), user=user)
        except PasswordNeeded as exc:
            refused = exc
    raise refused
