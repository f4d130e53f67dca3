"""Where the program keeps its files on this user's machine."""
from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from abstractor import APP_NAME


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database() -> Path:
    return data_dir() / "abstractions.db"


def log_file() -> Path:
    return data_dir() / "errors.log"
