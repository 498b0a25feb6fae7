"""Rewrites of a heard line that depend on its text alone, kept per text.

A town's NPCs say the same template lines to one another again and again (at 1,000 NPCs
about half of a 100-step run's replies answer a line heard before in the same words), and
each listener's reply first rewrites the line: a reported question as the question
(:func:`~.reported.as_question`) or a statement or order that asks as the question
(:func:`~.stated.as_asked`), an order wrapped in courtesy as the order
(:func:`~.wrapped_orders.bare_order`) and the part of it that is answered
(:func:`~.parts.asked_part`). These are pure functions of their arguments (the text, the
world's action words and name words, all hashable and never changed), so a kept result is
the one a fresh call gives; :mod:`.replying` calls them through here. A rule that came to
depend on anything else would have to take it as an argument, and so be kept per it too.
"""

from __future__ import annotations

from functools import lru_cache

from simverse.llm.dialogue.parts import asked_part as _asked_part
from simverse.llm.dialogue.stated import as_asked as _as_asked
from simverse.llm.dialogue.wrapped_orders import bare_order as _bare_order

KEPT = 1 << 16
"""Results kept per function: more than the distinct lines of a 1,000-NPC, 100-step run."""

as_asked = lru_cache(maxsize=KEPT)(_as_asked)
bare_order = lru_cache(maxsize=KEPT)(_bare_order)
asked_part = lru_cache(maxsize=KEPT)(_asked_part)

