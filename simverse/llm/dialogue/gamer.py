"""Words and phrases of a player who talks to NPCs as in a video game, and their plain
equivalents ("what's your quest?", "lf the quickest route from this spawn", "list the waiting
room's POIs", "years of XP", "has your character survived"), said plainly before any reader
sees the line (:func:`played_plainly`): the intent reader and the embedder read the line as
said, so a word read plainly only by the rules (:mod:`.typed`) would not reach them. A word the
world uses in a name is kept. Plain English, no world's words: only senses a player means.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.typed import word_swapper

GAMER = {
    "npc": "person", "npcs": "people", "lf": "looking for", "spawn": "place", "spawns": "places",
    "spawning": "coming", "zone": "place", "zones": "places", "hub": "place", "poi": "feature", "pois": "features",
    "xp": "experience", "loot": "goods", "gear": "goods", "aggro": "anger", "perks": "strengths",
    "stats": "strengths", "tutorial": "training", "questline": "story", "afk": "away",
}
"""A player's words, each read as the plain word after it ("aggro" as anger, "POIs" as a
place's features); words with a plain sense as common are read by their phrase
(:data:`_PHRASES`: "your grind" but "grain to grind", "which quest" but "doling out quests")."""

_game_words_plainly = word_swapper(GAMER)
_PHRASES = (
    (re.compile(r"\b(?!(?:the|this|that|a|an|your|my|our|which|what|each|every|any|some)\b)([a-z']+) "
                r"(?:spawn point|zones|zone|hub|spawn)\b", re.IGNORECASE), lambda m: m[1]),
    (re.compile(r"\b(is|does|was) your (?:character|toon|avatar|build)\b", re.IGNORECASE),
     lambda m: {"is": "are", "does": "do", "was": "were"}[m[1].lower()] + " you"),
    (re.compile(r"\byour (?:character|toon|avatar|build)\b", re.IGNORECASE), lambda m: "you"),
    (re.compile(r"\b(?:quick|lore|dumb|small|random) q(?: for (?:you|ya|u))?\b[,:]?\s*", re.IGNORECASE), lambda m: ""),
    (re.compile(r"\b(what|which) ((?:[a-z]+ ){0,2})are you running\b", re.IGNORECASE),
     lambda m: f"{m[1]} {m[2]}are you doing"),
    (re.compile(r"\bgear(?:ing)? up\b", re.IGNORECASE), lambda m: "prepare"),
    (re.compile(r"\b(the|your|ur|my|this|that|which|what|whose|daily|main|current)((?: [a-z]+)?) grind\b",
                re.IGNORECASE), lambda m: f"{m[1]}{m[2]} work"),
    (re.compile(r"\bgrinding(?= (?:in|at|on|away|for|through|right|today|now)\b|\s*[?.!,]|$)", re.IGNORECASE),
     lambda m: "working"),
    (re.compile(r"\bcraft(?= (?:one|a|an|some|me|us|the next)\b)", re.IGNORECASE), lambda m: "make"),
    (re.compile(r"\b(?:pulled|pulls|pulling|pull|drawn|drew|draws|draw)( the most| most| the least| least)? aggro"
                r"(?: from| off| of| with)? (you|me|him|her|them|us)\b", re.IGNORECASE),
     lambda m: f"annoyed {m[2]}{m[1] or ''}"),
    (re.compile(r"\bin (?:your|ur) (?:inventory|inv)\b", re.IGNORECASE), lambda m: "on you"),
    (re.compile(r"\bboss (?:fight|battle)\b", re.IGNORECASE), lambda m: "big test"),
    (re.compile(r"\bdaily (?:quest|mission)\b", re.IGNORECASE), lambda m: "daily job"),
    (re.compile(r"\b(?:side|main) (?:quest|mission)\b", re.IGNORECASE), lambda m: "goal"),
    (re.compile(r"\b(your|ur|which|what|current|next|this) quest(s?)\b", re.IGNORECASE),
     lambda m: f"{m[1]} goal{m[2]}"),
    (re.compile(r"\bworld events?\b", re.IGNORECASE), lambda m: m[0].split()[-1]),
    (re.compile(r"\b(i|we|you) (?:path|pathfind)\b", re.IGNORECASE), lambda m: f"{m[1]} go"),
    (re.compile(r"\b(?:buy )?price check on\b", re.IGNORECASE), lambda m: "what is the price of"),
)
"""A player's phrases said plainly: "the lobby spawn" and "the market hub" as the lobby and the
market (where the world has a "Waiting Area", "area" would name it), "is your character
running" -> "are you running" ("which quest has your character stuck here" -> "has you stuck"),
"quick q, " said as nothing, "which grind are you running" -> "which grind are you doing",
"gear up for" -> "prepare for", "your grind" and "grinding in the market" as work ("grain to
grind" is left), "craft one" -> "make one", "pulled the most aggro from you" -> "annoyed you
the most", "in your inventory" -> "on you", a "boss fight" coming as a big test, a "daily
quest" as a daily job and a "side quest", "your quest" or "which quest" as a goal, "world
events" as events, "if I path out of" -> "if I go out of", "price check on" -> "what is the
price of"."""


@lru_cache(maxsize=1 << 14)  # a line heard by several NPCs
def played_plainly(line: str, keep: frozenset[str] = frozenset()) -> str:
    """``line`` with a player's phrases (:data:`_PHRASES`) and words (:data:`GAMER`) said
    plainly, but for the words in ``keep`` (the world's name words)."""
    for pattern, plain in _PHRASES:
        line = pattern.sub(plain, line)
    return _game_words_plainly(line, keep)
