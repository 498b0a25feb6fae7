"""Showing text that came from NPCs, models or people: always as text, never as markup.

Pages show such text with ``st.text`` / ``st.code`` / ``st.dataframe`` (which never
interpret it) or, inside Markdown, through :func:`md` (every ASCII punctuation character
backslash-escaped, which CommonMark defines as "show this character literally").
Plotly labels go through :func:`plot_text` (Plotly reads a few HTML tags in labels).
``unsafe_allow_html`` is never used.
"""

from __future__ import annotations

import html
import string

_PUNCTUATION = frozenset(string.punctuation)


def md(text: object) -> str:
    """``text`` escaped for ``st.markdown``: shown literally, no markup, links or HTML."""
    return "".join("\\" + c if c in _PUNCTUATION else c for c in str(text))


def plot_text(text: object) -> str:
    """``text`` for a Plotly label or hover: HTML-escaped, so tags show as text."""
    return html.escape(str(text), quote=False)
