"""Repeating the examples of a kind: more answer updates where a small student needs them.

A student trained from random weights fits the common decisions first. Replies are a
minority of a run's decisions (about one in six in harbor_town) but each must name the
person talking, which the student learns last: trained on every example alike, the
offline experiment's student still named someone who was not there in 70 of its own 120
train replies. Repeating such examples gives them more updates without inventing data.
A kind is an example's ``mode`` (``act``, ``reply``) or its teacher's ``action``
(``move``, ``talk``, ...); only the train split is repeated, never the held-out one.
"""

from __future__ import annotations

from typing import Any


def parse_repeat(spec: str) -> tuple[str, int]:
    """``"reply=4"`` -> ``("reply", 4)``: every example of that kind appears 4 times in all."""
    kind, sep, times = spec.partition("=")
    if not sep or not kind.strip() or not times.strip().isdigit() or int(times) < 1:
        raise ValueError(f"--repeat takes KIND=N with N a whole number >= 1, not {spec!r}")
    return kind.strip(), int(times)


def times_for(row: dict[str, Any], repeats: dict[str, int]) -> int:
    """How many times ``row`` appears: the largest factor of a kind it is (its mode or action)."""
    return max((repeats.get(row.get(key), 1) for key in ("mode", "action")), default=1)


def with_repeats(rows: list[dict[str, Any]], repeats: dict[str, int]) -> list[dict[str, Any]]:
    """``rows`` with each example of a repeated kind appearing as often as its factor says
    (in place, so the trainer's seeded shuffle still decides the order)."""
    if not repeats:
        return list(rows)
    return [row for row in rows for _ in range(times_for(row, repeats))]
