"""Showing text that came from NPCs, models or people: always as text, never as markup.

Pages show such text with ``st.text`` / ``st.code`` / ``st.dataframe`` (which never
interpret it) or, inside Markdown, through :func:`md` (every ASCII punctuation character
backslash-escaped, which CommonMark defines as "show this character literally").
Plotly labels go through :func:`plot_text` (Plotly reads a few HTML tags in labels).
Widget labels, captions, headers and expander titles are Markdown in Streamlit: they get
only :func:`md`-escaped text.
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


def shorten(text: object, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: max(1, limit - 1)].rstrip() + "…"
