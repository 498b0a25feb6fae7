"""The one candidate clearly closest to what a line asks: the rule every meaning match of
the offline reader shares (wares, places, roles, deeds), so that a line about nothing in
the world, or about two things equally, gets no guess."""

from __future__ import annotations

from collections.abc import Mapping


def clearly_closest(scores: Mapping[str, float], close: float, margin: float) -> str | None:
    """The best-scoring key if it scores at least ``close`` and at least ``margin`` above
    the next; ``None`` otherwise. Ties in score go to the key that sorts first."""
    ranked = sorted(scores.items(), key=lambda t: (-t[1], t[0]))
    if not ranked or ranked[0][1] < close:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin:
        return None
    return ranked[0][0]
