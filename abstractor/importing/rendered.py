"""A structured record rendered as readable text, with the span of every value it writes: the
importers of structured exports (ClinicalTrials.gov JSON, WHO ICTRP XML) share it, so each value's
evidence points into the text the window shows."""
from __future__ import annotations

from typing import Optional

from models import schema
from abstractor.importing.document import normalise


class RenderedText:
    """Appends text and remembers the span of every value it writes."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.evidence: list[schema.Evidence] = []

    def write(self, s: str) -> tuple[int, int]:
        s = normalise(s)  # offsets are fixed here, so the text must already be in its final form
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return start, self.length

    def value(self, s: str, path: Optional[str]) -> None:
        s = normalise(s)
        start, end = self.write(s)
        if path and s:
            self.evidence.append(schema.Evidence(field=path, start=start, end=end, quote=s))

    def field(self, label: str, s: Optional[str], path: Optional[str] = None) -> None:
        if s in (None, ""):
            return
        self.write(f"{label}: ")
        self.value(str(s), path)
        self.write("\n")

    def listed(self, heading: str, items: list[str], path: str) -> None:
        """A heading and its items as "- " lines, each item's evidence at ``path[i]``."""
        if not items:
            return
        self.heading(heading)
        for i, item in enumerate(items):
            self.write("- ")
            self.value(item, f"{path}[{i}]")
            self.write("\n")

    def heading(self, s: str) -> None:
        self.write(("\n" if self.length else "") + s + "\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)
