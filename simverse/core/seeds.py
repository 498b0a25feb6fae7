"""Every random stream of a run, derived in one place from the world seed and a purpose.

A seed is ``sha256("world_seed|purpose|part|...")`` read as a 63-bit integer, so it is the
same in every process and whatever batch a request lands in: that is what makes batched
runs, resumes and replays bit-identical. Purposes in use:

* ``derive_seed(seed, step, npc, mode, turn)`` — an NPC's decision request (act or reply)
* ``derive_seed(seed, step, who, "events", index)`` — one events-model query
* ``derive_seed(seed, "memory", purpose, npc, ...)`` — reflection, planning, importance
"""

from __future__ import annotations

import hashlib

MAX_SEED = 2**63 - 1
"""The largest world seed: runs store it in an SQLite INTEGER (signed 64 bits), and Mesa's
numpy generator takes no negative seed, so a seed is 0 .. 2**63-1."""


def derive_seed(world_seed: int, *parts: object) -> int:
    """A seed that depends only on the world seed and ``parts`` (the purpose first)."""
    key = "|".join(map(str, (world_seed, *parts)))
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") >> 1
