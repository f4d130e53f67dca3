"""HTML to readable text with paragraph breaks (inscriptis keeps the layout)."""
from __future__ import annotations

from abstractor.errors import ImportRejected


def html_to_text(markup: str) -> str:
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    try:
        return get_text(markup, ParserConfig(css=CSS_PROFILES["strict"], display_links=False))
    except Exception as exc:  # lxml raises many types on broken markup
        raise ImportRejected(f"is HTML that cannot be read ({type(exc).__name__}: {exc})") from None
