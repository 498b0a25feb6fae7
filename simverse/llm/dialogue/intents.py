"""What a line is for: a greeting, a question (about something, about the NPC, the news, a
price, the way), a request to act, news being told, a reaction or small talk.

Clear cases are decided by :mod:`~simverse.llm.dialogue.reading`'s cues and the names the
line uses. The rest go, in one batch per step, to the offline sentence embedder (MiniLM by
default): the line's nearest example sentences decide (:data:`EXAMPLES`, a few general
English sentences per intent, embedded once per brain). Without an embedder the rule
falls back to the shape of the line (a question, or small talk).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from simverse.core.names import verb_forms
from simverse.llm.dialogue.bonds import bond_asked, bond_remarked
from simverse.llm.dialogue.described import walk_goal
from simverse.llm.dialogue.greetings import FAREWELLS, is_farewell, is_greeting, is_thanks, meets, says_farewell
from simverse.llm.dialogue.parts import (
    CLAUSE_BREAK,
    SENTENCE_BREAK,
    asked_clause,
    clauses_of,
    question_at_end,
    request_clause,
)
from simverse.llm.dialogue.reading import (
    AUX,
    YOU_WORDS,
    Reading,
    asks_about,
    asks_news,
    asks_price,
    asks_self,
    doubts_asked,
    goes_along,
    invites_confidence,
    is_reaction,
    read,
)
from simverse.llm.dialogue.requesting import led_on, polite_request, walk_together
from simverse.llm.dialogue.telling import tells_news
from simverse.llm.dialogue.unmarked import last_sentence
from simverse.llm.dialogue.way_asked import asks_way, asks_way_to_place

INTENTS = ("greet", "farewell", "thanks", "ask_news", "ask_self", "ask_about", "ask_price", "ask_way",
           "request", "tell", "react", "small_talk", "confide")
EXAMPLES: dict[str, tuple[str, ...]] = {
    "greet": ("hello there", "good morning to you", "hi, nice to meet you", "hey, how do you do",
              "greetings, friend", "well met"),
    "farewell": ("goodbye for now", "see you later", "i have to go now", "take care, bye", "farewell"),
    "thanks": ("thank you so much", "thanks for your help", "much appreciated", "cheers, that helps"),
    "ask_news": ("any news today?", "what is going on around here?", "heard any gossip lately?",
                 "what is the latest?", "anything interesting happen?", "tell me something new",
                 "what have people been saying?", "any rumours going around?"),
    "ask_self": ("how are you?", "what do you do for a living?", "who are you?", "what are you doing?",
                 "how is business?", "how is work going?", "are you busy today?", "what is your job?",
                 "what do you sell?", "how are you feeling?", "what are you up to today?",
                 "what do you want most?", "what is your name?", "how goes your day?"),
    "ask_about": ("what do you know about that?", "tell me about the old mill", "who was it?",
                  "is it true what they say about him?", "what happened to the money?",
                  "fill me in on the story", "what is the deal with her?", "spill the beans about it",
                  "why is he so nervous?", "when does it start?", "who did it?", "what do you think of him?",
                  "give me the scoop on that", "i would like to know more about it"),
    "ask_price": ("how much does it cost?", "what is the price?", "how much for one?",
                  "what do you charge for that?"),
    "ask_way": ("how do i get there?", "where is it?", "which way to the station?", "can you give me directions?",
                "how far is it?", "where can i find it?"),
    "request": ("can you come with me?", "please give me one", "follow me", "sell me some", "let us go",
                "could you do that for me?", "i would like to buy one", "bring me one please",
                "go there now", "do it now, please", "help me with this"),
    "tell": ("did you know that the bridge is closed?", "i heard the miller is leaving town",
             "they say the well has run dry", "guess what happened at the market",
             "the storm is coming tonight", "the prices went up again"),
    "react": ("really? i had no idea", "is that so?", "well, well", "i see", "oh, interesting", "hmm",
              "you do not say", "okay", "right"),
    "confide": ("you can tell me anything", "what is troubling you?", "something on your mind?",
                "you look worried, what happened?", "you can trust me with it"),
    "small_talk": ("lovely weather today", "nice day, isn't it?", "it is cold this morning", "you look well",
                   "i like this place", "what a busy day", "the sea is calm today", "i am tired",
                   "nice to see you again", "beautiful evening", "this rain will not let up, will it?"),
}
"""General English examples of each intent: never a world's own sentences."""
CACHE_SIZE = 4096
"""Phrases whose vectors :meth:`IntentModel.vectors` keeps."""
EXAMPLE_WEIGHT_TOP = 2
"""An intent's score is the mean cosine of its two nearest examples."""


class Encoder(Protocol):
    """Turns texts into unit vectors in one batch (the memory embedders fit)."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Cues:
    """What the request tells about a line besides its words."""

    topic: bool = False
    """It names something other than the NPC itself, or shares words with a belief."""
    about_me: bool = False
    """Its words touch the NPC's own activity, job or wares."""
    verbs: frozenset[str] = frozenset()
    """The world's action words (an order starts with one)."""
    known_topic: bool | None = None
    """It names a person, place or thing, or a concept the NPC believes something about
    (``None``: as ``topic``). A concept named only in passing ("anything special
    happening?") does not make a call for news or confidences a question about it."""
    place: bool = False
    """It names a place other than where the NPC is."""
    names: frozenset[str] = frozenset()
    """The words of the world's names (a line may open with the name of the one asked)."""


def by_cues(r: Reading, cues: Cues) -> str | None:
    """The intent the line's cues make plain, or ``None`` when they do not."""
    topic, about_me = cues.topic, cues.about_me
    if not r.words:
        return "react"
    short = len(r.words) <= 8
    if is_farewell(r) and (short or (r.starts(*FAREWELLS) and not r.question)):
        return "farewell"  # also "fare you well, good elder. may your hearth stay ever warm."
    if is_thanks(r) and short and not r.question:
        return "thanks"
    if is_greeting(r) and (len(r.words) <= 4 or (meets(r) and len(r.words) <= 8)) and not r.question:
        return "greet"
    known = topic if cues.known_topic is None else cues.known_topic
    if invites_confidence(r) and not known and r.wh != "who" and not _asked_first(r):  # "who tells you...?"
        return "confide"
    if ((cues.place or walk_goal(r.raw)) and goes_along(r)) or walk_together(r) or led_on(r):  # "keep me company..."
        return "request"
    verb = polite_request(r, cues.verbs)
    if (verb is not None or _asks_after_lead_in(r, cues.verbs, cues.names)) \
            and not ((r.question or bond_remarked(r)) and not r.opens and bond_asked(r)) \
            and not _asks_after_order(r) and not _wish_then_asks(r, verb) and not doubts_asked(r):
        return "request"  # not "kofi n you, best mates are ya?"
    if known and r.wh is None and r.raw.rstrip().endswith("?") and r.text.endswith(_CONFIRMING) \
            and not goes_along(r):  # not "mosey on to Brakka's with me, yeah?"
        return "ask_about"  # "the doctor's got nothing left today, right?": the claim is checked on what it knows
    if tells_news(r):
        return "tell"
    if is_reaction(r) and not topic and not r.wh:
        return "react"
    if asks_price(r):
        return "ask_price"
    if (asks_way(r) and (topic or not r.has("you"))) or (cues.place and asks_way_to_place(r)):
        return "ask_way"
    if asks_news(r) and not known and not (about_me and set(r.words) & YOU_WORDS):  # "what's going on with your nets?"
        return "ask_news"
    if asks_about(r):
        if topic:
            return "ask_about"
        if about_me or asks_self(r):
            return "ask_self"
        return None
    if is_reaction(r):
        return "react"
    return None


_by_cues_kept = lru_cache(maxsize=1 << 16)(by_cues)  # a line said to several NPCs: classified once
_CONFIRMING = (" right", " yeah", " true", " correct", " is that right", " am i right", " is that so")
"""Tags that ask to have a claim confirmed, not agreed with ("lovely day, isn't it?")."""


def _asks_after_lead_in(r: Reading, verbs: frozenset[str], names: frozenset[str]) -> bool:
    """"Doctor, before the rush starts, would you go over the notes?": a request behind a
    clause that only leads into it (:func:`.parts.asked_clause`)."""
    clause = asked_clause(r.raw)
    if clause != r.raw and r.wh is None and polite_request(read(clause), verbs) is not None:
        return True
    late = _MODAL_YOU.search(r.raw)  # "..., so can you find her a time when the doctor can see her?": "when" says which
    supposed = bool(set((r.body or r.words)[:1]) & _SUPPOSING)
    if late and not supposed and polite_request(read(late["ask"]), verbs) is not None:
        return True
    return request_clause(r.raw, verbs, names) is not None or _bare_bid(r, verbs)  # "Marco's knee is swelling, ..."


_MODAL_YOU = re.compile(r"[,;:]\s+(?:so |and |then |now )?(?P<ask>(?:can|could|would|will) you [a-z][^.!?]*)[.!?]*$",
                        re.IGNORECASE)
"""A polite request after a remark, to the end of the line ("would you, since ..." is a tag
on what came before)."""
_SUPPOSING = frozenset({"suppose", "supposing", "imagine", "hypothetically"})
"""Openings of a case put ("suppose somebody's owed seventy coins, can you hand it over?"):
what follows asks what the NPC may do, not that it do it."""


def _asked_first(r: Reading) -> bool:
    """"Which kid do you look up to? You can tell me.": a question with a question word, then
    leave to answer it; the question is what is asked."""
    sentences = SENTENCE_BREAK.split(r.raw)
    return len(sentences) > 1 and any(s.rstrip().endswith("?") and read(s).wh for s in sentences[:-1])


_URGING = frozenset({"go", "on", "please", "now", "then", "so", "just", "quick", "quickly", "off", "you", "ya", "it",
                     "them", "em", "one", "some", "him", "her"})


def _bare_bid(r: Reading, verbs: frozenset[str]) -> bool:
    """"Nets in the water. Go on, fish.": a last sentence that is one of the world's action
    words with only urging or a pronoun round it ("greet 'em"), after another that sets the scene."""
    last = last_sentence(r.raw)
    if last == r.raw.strip() or last.rstrip().endswith("?"):
        return False
    bid = [w for w in read(last).words if w not in _URGING]
    return len(bid) == 1 and bool(verb_forms(bid[0]) & verbs)


def _asks_after_order(r: Reading) -> bool:
    """"Fancy a cuppa while I wait. The kiosk, which way from your counter?": a last sentence
    that asks with a question word and orders nothing; the wish before it is why it asks."""
    last = last_sentence(r.raw)
    if last == r.raw.strip() or not last.rstrip().endswith("?"):
        return False
    said = read(last)
    return said.wh is not None and polite_request(said) is None


_WISHES = frozenset({"need", "want", "wanted", "looking"})
_NOT_ASKING = frozenset({"the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "that", "it", "i",
                         "you"})


def _wish_then_asks(r: Reading, verb: str | None) -> bool:
    """"Need my tablets refilled, who hands those out": a need (``verb``, what the line asks
    done), then a question with a question word in its last clause, marked or not; what is
    asked is who or where, not that the NPC do it ("..., where the fountain is" asks nothing)."""
    if verb not in _WISHES:
        return False
    last = read(clauses_of(r.raw)[-1])
    return last.wh is not None and last.opens and len(last.body) > 1 and last.body[1] not in _NOT_ASKING


def _asks_last(r: Reading) -> bool:
    """"The huge one under the skylight - did they cast it in pieces?": a line whose last
    sentence asks, opening with "did", "is" or the like."""
    if not r.raw.rstrip().endswith("?"):
        return False
    clauses = CLAUSE_BREAK.split(last_sentence(r.raw))
    return any(said.opens and len(set(said.words) - AUX - _TAGGED) >= 2  # "nice day, isn't it (Ben)?" asks nothing
               for said in map(read, clauses[-2:]))  # "what's in it, tea or something stronger?"


_TAG = re.compile(r"\b(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would)(?: not)? "
                  r"(?:he|she|they)$")


_TAGGED_WORDS = 10
"""How long a tagged line must be to ask rather than chat."""


def _tagged(r: Reading) -> bool:
    """"..., he's in your class, isn't he?": a statement about another made a question by its
    tag ("..., don't you?" may confide as much as ask, "..., isn't it?" chats about the day, as
    any short tagged line does)."""
    return r.raw.rstrip().endswith("?") and len(r.words) >= _TAGGED_WORDS and _TAG.search(r.text) is not None


def _asks_bare(r: Reading) -> bool:
    """"U follow any footy team?", "..., seen any claw prints up by the peaks?": a last clause
    that asks without its "do" or "have you", as players type, and asks for nothing done."""
    if not r.raw.rstrip().endswith("?"):
        return False
    clauses = clauses_of(r.raw)
    words = r.body if len(clauses) == 1 else read(clauses[-1]).body  # the whole line's body is without its names
    if words[:1] == ("you",) and len(words) > 2:
        return words[1] not in AUX and words[1] not in _ASKING_DONE and not words[1].endswith("ing")
    return words[:1] in (("seen",), ("heard",), ("noticed",), ("met",), ("ever",)) and len(words) > 2


_ASKING_DONE = frozenset({"want", "fancy", "mind", "need", "wanna", "gonna", "going", "coming", "up", "free", "ready"})
"""After a bare "you" these ask for something done ("you want to walk over with me?")."""
_TAGGED = frozenset({"not", "it", "you", "they", "he", "she", "we", "i", "there", "that", "this", "so", "right"})
"""The words of a question tag ("isn't it?", "don't you think so?" less "think")."""


def by_shape(r: Reading) -> str:
    """The fallback without an embedder: a question is about something, else small talk."""
    return "ask_about" if r.opens or (asks_about(r) and r.question) else "small_talk"


class IntentModel:
    """Decides intents for a batch of lines; the examples are embedded on first use."""

    def __init__(self, encoder: Encoder | None) -> None:
        self.encoder = encoder
        self._examples: np.ndarray | None = None
        self._labels: list[str] = [i for i in INTENTS for _ in EXAMPLES[i]]
        self._cache: dict[str, np.ndarray] = {}

    def classify(self, readings: Sequence[Reading], cues: Sequence[Cues]) -> list[str]:
        """One intent per reading: by cues, else by the nearest examples (one batch)."""
        intents = [_by_cues_kept(r, c) for r, c in zip(readings, cues, strict=True)]
        unsure = [i for i, intent in enumerate(intents) if intent is None]
        if unsure and self.encoder is not None:
            vectors = self.encoder.embed([readings[i].text for i in unsure])
            for i, vector in zip(unsure, vectors, strict=True):
                intents[i] = self._nearest(vector, readings[i], cues[i].topic)
        return [intent or by_shape(r) for intent, r in zip(intents, readings, strict=True)]

    def _nearest(self, vector: np.ndarray, r: Reading, topic: bool) -> str:
        examples = self._embedded()
        scores = examples @ np.asarray(vector, dtype=np.float32)
        best: dict[str, float] = {}
        for intent in INTENTS:
            mine = np.sort(scores[[j for j, label in enumerate(self._labels) if label == intent]])[::-1]
            best[intent] = float(mine[:EXAMPLE_WEIGHT_TOP].mean())
        asked = question_at_end(r.raw)[1]
        if asked and not topic and asks_news(read(asked)):  # "you look fit to burst. what have you heard?"
            return "ask_news"
        in_place = r.wh is not None and r.raw.rstrip().endswith("?")  # "doors shut at what hour tonight?"
        if r.opens or asked or in_place or _asks_last(r) or _asks_bare(r) or _tagged(r):  # left open, yet it asks
            about_you = bool(set(r.words) & YOU_WORDS)
            return "ask_self" if about_you and best["ask_self"] > best["ask_about"] + 0.05 else "ask_about"
        if not asks_about(r):  # a statement the cues left open is news, a reaction or small talk
            for intent in ("ask_news", "ask_self", "ask_about", "ask_price", "ask_way", "confide"):
                best[intent] = -1.0
        if topic:
            best["ask_self"] -= 0.05
        if not says_farewell(r):  # "on you go with that varnish, I'm just nosing" takes no leave
            best["farewell"] = -1.0
        if r.raw.rstrip().endswith("?"):  # "art college. name?" thanks no one
            best["thanks"] = -1.0
        return max(INTENTS, key=lambda i: (best[i], -INTENTS.index(i)))

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (one embedder batch for the ones not seen before):
        the world's own phrases (its actions) recur on every line."""
        assert self.encoder is not None
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            if len(self._cache) + len(new) > CACHE_SIZE:
                self._cache.clear()
            for text, vector in zip(new, np.asarray(self.encoder.embed(new), dtype=np.float32), strict=True):
                self._cache[text] = vector
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)

    def _embedded(self) -> np.ndarray:
        if self._examples is None:
            texts = [read(t).text for i in INTENTS for t in EXAMPLES[i]]
            self._examples = np.asarray(self.encoder.embed(texts), dtype=np.float32)
        return self._examples
