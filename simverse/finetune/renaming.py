"""Renamed copies of train examples: the same situations with their people's names permuted.

A student trained from random weights learns which names go with which situations sooner
than it learns to read a name from its prompt: asked to reply, it names whoever usually
stood there in training, often itself. A renamed copy is an example with one seeded
permutation of the train split's NPC names applied to every message (and to its schema)
at once, so the situation stays coherent (who is present, who is talking, who said what,
whom the answer addresses) while the names that go with it change: the right name can only
be read from the prompt. Only train examples are renamed; held-out ones are untouched.
"""

from __future__ import annotations

import random
import re
from typing import Any

from simverse.core.seeds import derive_seed


def npc_names(rows: list[dict[str, Any]]) -> list[str]:
    """The names of the NPCs whose decisions ``rows`` hold (the people a permutation moves)."""
    return sorted({row["npc"] for row in rows if isinstance(row.get("npc"), str) and row["npc"].strip()})


def name_pattern(names: list[str]) -> re.Pattern[str]:
    """Whole-word occurrences of any of ``names`` (longest first, so "Ann Lee" wins over "Ann")."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def renamed(row: dict[str, Any], mapping: dict[str, str], pattern: re.Pattern[str]) -> dict[str, Any]:
    """``row`` with every name in its messages, schema and ``npc`` replaced through ``mapping``."""
    def swap(text: str) -> str:
        return pattern.sub(lambda match: mapping[match.group(0)], text)

    copy = dict(row)
    copy["messages"] = [dict(message, content=swap(message["content"])) for message in row["messages"]]
    if isinstance(row.get("json_schema"), str):
        copy["json_schema"] = swap(row["json_schema"])
    if row.get("npc") in mapping:
        copy["npc"] = mapping[row["npc"]]
    return copy


def with_renamed_copies(rows: list[dict[str, Any]], copies: int, seed: int) -> list[dict[str, Any]]:
    """``rows`` followed by ``copies`` renamed copies of each (a permutation per copy and
    example, from ``seed``); ``rows`` alone when there are no copies or fewer than two names."""
    names = npc_names(rows)
    if copies <= 0 or len(names) < 2:
        return list(rows)
    pattern = name_pattern(names)
    out = list(rows)
    for copy in range(1, copies + 1):
        for index, row in enumerate(rows):
            shuffled = names[:]
            random.Random(derive_seed(seed, "renamed-copy", copy, index)).shuffle(shuffled)
            out.append(renamed(row, dict(zip(names, shuffled, strict=True)), pattern))
    return out
