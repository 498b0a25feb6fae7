"""A toy sentence encoder for the dialogue tests: a text is its bag of content words, and
the words of one group are one concept, so a test says exactly which words mean the same."""

from __future__ import annotations

import re
import zlib

import numpy as np

from simverse.core.names import FUNCTION_WORDS


class WordGroups:
    """Embeds each group of words as one dimension (at most 8 groups), any other word in
    one of 56 hashed dimensions; rows are unit vectors."""

    def __init__(self, *groups: set[str]) -> None:
        self.groups = groups

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            vector = np.zeros(64, dtype=np.float32)
            for word in (w for w in re.findall(r"[a-z]+", text.lower()) if w not in FUNCTION_WORDS):
                group = next((i for i, g in enumerate(self.groups) if word in g), None)
                vector[group if group is not None else 8 + zlib.crc32(word.encode()) % 56] += 1.0
            norm = float(np.linalg.norm(vector))
            rows.append(vector / norm if norm else vector)
        return np.stack(rows)
