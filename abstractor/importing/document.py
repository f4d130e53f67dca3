"""What import produces: a document's text, fixed forever, and where it came from."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Optional

from models.schema import Abstraction

# A 300-page protocol is about 1 MB of text; 20 MB is far beyond any real
# registry page or protocol, and a text that size would make the window crawl.
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_BINARY_BYTES = 200 * 1024 * 1024  # PDF and DOCX files

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class ImportedDocument:
    file_name: str
    sha256: str  # of the file's bytes: the same file imported twice is recognised
    kind: str  # txt, html, pdf, docx, ctgov-json
    text: str
    size_bytes: int
    encoding: Optional[str] = None
    page_starts: list[int] = field(default_factory=list)  # offset where each page begins (PDF)
    abstraction: Optional[Abstraction] = None  # structured values the file itself states (ctgov JSON)
    notes: list[str] = field(default_factory=list)  # things worth telling the user, not errors
    more: list["ImportedDocument"] = field(default_factory=list)  # further studies in the file (ICTRP export)

    def page_of(self, offset: int) -> Optional[int]:
        """1-based page holding ``offset``, when pages are known."""
        if not self.page_starts:
            return None
        import bisect

        return bisect.bisect_right(self.page_starts, offset)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalise(text: str) -> str:
    """The one normalisation, before offsets are fixed: \\n line ends, no control characters.

    Characters such as × ⁷ ≥ µ are kept exactly: they carry meaning in doses.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _CONTROL_RE.sub("", text)
