"""Read a one-line world prompt into a :class:`WorldRequest` for the template generator.

"a mountain monastery with 10 monks and a hidden library" becomes the setting
``mountain monastery`` (noun ``monastery``), the group ``("monk", 10)`` and the feature
``hidden library``. It is deliberately simple, offline and deterministic: a prompt it cannot
read still yields a usable request (a village of villagers), never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simverse.core.number_words import number_words

MAX_PER_GROUP = 30
MAX_NPCS = 40
DEFAULT_SETTING = "village"

_NUMBER_WORDS = {
    **number_words(1, 20),
    "dozen": 12,
    "a dozen": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 4,
}
_COUNT = re.compile(
    r"^(\d+|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")\s+"
    r"([a-z][a-z\- ]*)$"
)
_ARTICLE = re.compile(r"^(a|an|the|some|one)\s+")
_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "wolves": "wolf",
    "elves": "elf",
    "dwarves": "dwarf",
    "thieves": "thief",
    "geese": "goose",
    "mice": "mouse",
    "staff": "staff",
}


@dataclass(frozen=True)
class WorldRequest:
    """What a prompt asks for: a setting, groups of people (role, count) and features."""

    prompt: str
    setting: str
    setting_noun: str
    groups: tuple[tuple[str, int], ...]
    features: tuple[str, ...]


def read_prompt(prompt: str) -> WorldRequest:
    """Parse ``prompt``; counts are capped (``MAX_PER_GROUP`` each, ``MAX_NPCS`` in all)."""
    text = re.sub(r"[^a-z0-9,;\- ]+", " ", prompt.lower())
    text = re.sub(r"\s+", " ", text).strip()
    head, _, tail = text.partition(" with ")
    head_words = _ARTICLE.sub("", head.split(" of ")[0].strip()).split()
    setting = " ".join(head_words[-3:]) if head_words else DEFAULT_SETTING
    groups: list[tuple[str, int]] = []
    features: list[str] = []
    chunks = [*re.split(r",|;|\band\b", tail), head.partition(" of ")[2]]
    for chunk in (c.strip() for c in chunks):
        if not chunk:
            continue
        count = _COUNT.match(chunk)
        if count:
            groups.append((singular(count.group(2).split()[-1]), _number(count.group(1))))
        else:
            words = _ARTICLE.sub("", chunk).split()
            if words:
                features.append(" ".join(words[:4]))
    return WorldRequest(
        prompt=prompt,
        setting=setting,
        setting_noun=setting.split()[-1],
        groups=_cap(groups),
        features=tuple(dict.fromkeys(features)),
    )


def singular(word: str) -> str:
    """A plural noun's singular, good enough for role names ("monks" -> "monk")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ch|sh|ss|x)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _cap(groups: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Merge repeated roles and keep the total within ``MAX_NPCS``."""
    merged: dict[str, int] = {}
    for role, count in groups:
        merged[role] = min(MAX_PER_GROUP, merged.get(role, 0) + max(1, count))
    out, total = [], 0
    for role, count in merged.items():
        count = min(count, MAX_NPCS - total)
        if count > 0:
            out.append((role, count))
            total += count
    return tuple(out)
