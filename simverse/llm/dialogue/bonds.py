"""How the NPC stands with people, asked in other words than a relationship's name: "are
you and Theo close?", "how are you getting on with Bea?" (a question about the NPC and a
person it names), and "who do you still get on with?" (the people it likes best).

The cues are plain English phrases of being together or getting on (:data:`BOND_PHRASES`,
:data:`LIKING`), never a world's words; the answer comes from the NPC's relationships.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.parts import CLAUSE_BREAK
from simverse.llm.dialogue.reading import YOU_WORDS, Reading, ends_tagged, read
from simverse.llm.dialogue.requesting import SEEN_AS
from simverse.llm.dialogue.roles import other_time
from simverse.llm.dialogue.unmarked import last_sentence

BOND_PHRASES = ("you and", "and you", "get on with", "getting on with", "get along", "getting along", "between you",
                "feel about", "close to", "close with", "know each other", "together", "friends with", "on good terms",
                "on bad terms", "see eye to eye", "related to", "glad to see", "happy to see", "pleased to see",
                "you trust", "dealt with", "run-in with", "run in with", "history with", "crossed paths",
                "look after", "looking after", "two get on", "two get along", "two getting on", "sweet on",
                "soft on", "thick as thieves", "mates with", "pals with", "high hopes for", "under your wing",
                "under their wing", "under his wing", "under her wing", "fallen out", "fall out", "falling out",
                "bad blood", "at odds", "beef with", "think highly of", "look up to", "looks up to", "fit in your life",
                "fit into your life", "fits in your life", "fits into your life", "each other", "on your team",
                "one of yours", "on your side", "hopes on", "work with you", "works with you", "working with you",
                "work alongside you", "works alongside you", "you work with", "you work alongside")
"""Phrases that ask how the NPC and a person it names stand: "how d'you two get on?", "u sweet
on her?", "who's taken you under their wing?"."""
_CLOSE_KIN = ("friend", "friends", "pal", "pals", "mate", "mates", "buddy", "buddies", "chum", "chums", "relative",
              "relation", "cousin", "brother", "sister", "son", "daughter", "father", "mother", "dad", "mum", "mom",
              "uncle", "aunt", "nephew", "niece", "grandson", "granddaughter", "husband", "wife", "sweetheart",
              "boyfriend", "girlfriend", "enemy", "rival", "acquaintance", "neighbour", "neighbor", "ally")
"""Nouns that name a bond with the one who says them: "is she a mate?" means a mate of
the NPC's when nobody else is named after it."""
_YOURS_ONLY = ("boss", "colleague", "coworker", "workmate", "partner", "employer", "apprentice", "master", "mentor",
               "student", "pupil", "teacher", "customer", "client", "creditor", "landlord", "tenant", "item", "couple")
"""Nouns that name a bond only as "your ...": "is he your boss?" ("is she a teacher?" asks a
role)."""
_BOND_NOUNS = "|".join(_CLOSE_KIN + _YOURS_ONLY)
"""Every noun of a bond, as a regular-expression alternation."""
_KIN = re.compile(r"\b(?:is|are|was|were|isn'?t|aren'?t|wasn'?t) (?!there\b|it\b|this\b|that\b|you\b|i\b)"
                  r"(?:[a-z']+ ){1,3}?(?:just |really |still |actually |maybe |perhaps |more )?"
                  rf"(?:(?:(?:a|an|some sort of|some kind of|kind of|sort of) )?(?:{'|'.join(_CLOSE_KIN)})"
                  rf"|(?:your|one of your) (?:{_BOND_NOUNS})|kin|family|related"
                  r"|(?:someone|somebody) you)\b(?! (?:of|to|with) (?!yours\b|you\b)[a-z])")
""""Is he kin of yours?", "is she a mate or just someone from work?", "is Bea your boss?",
"is he someone you owe?": whether a person named or described stands to the NPC so."""
_BOTH_OF_YOU = re.compile(r"(?:^|\b(?:are|were) )(?:you two|the two of you|you both|both of you) "
                          r"(?:(?:a|an|just|really|still) )?"
                          rf"(?:{_BOND_NOUNS}|close|together|related|family|kin)"
                          r"(?: or [a-z]+(?: [a-z]+)?)?$")
""""Are you two an item?", "you two pals?": the NPC and the person just spoken of."""
_OF_YOURS = re.compile(rf"\b(?:{_BOND_NOUNS}) of yours(?:,? (?:is|are|was|were) (?:he|she|they)|"
                       r" or\b|\W*$)")
""""The shouty lady out front, a pal of yours, is she?", "friend of yours or not?": a bond
asked with the question put after it."""
_SEEM_CLOSE = re.compile(r"\b(?:you(?: all)? two|the two of you|you both|both of you) (?:always )?(?:seem|look|are)"
                         r"(?: [a-z]+ly| awful| very| pretty| really| so| quite| mighty)? "
                         r"(?:chummy|close|thick|pally|matey|friendly|tight|cosy|cozy|inseparable|familiar)\b")
""""You two seem awful chummy", "you both look very close": a remark on how the NPC stands with
someone, which asks for it as a question would."""
LIKING = ("get on", "getting on", "get along", "getting along", "fond of", "friends with", "close to", "trust",
          "on good terms", "like best", "like most", "lean on", "turn to", "rely on", "count on", "confide in",
          "hold dear", "hold dearest", "hold dearer", "dearest to you", "dearer to you", "love most", "love best",
          "care most")
"""Phrases that ask whom the NPC likes ("who do you still get on with?")."""
LIKED = 0.2
"""Feeling from which a person counts as one the NPC gets on with."""
_HOW_LONG = ("how long", "since when", "how many years", "how many months")
"""A bond's length is a time the relationship does not tell ("how long have you and Jonas
been at odds?")."""


@lru_cache(maxsize=1 << 16)
def bond_remarked(r: Reading) -> bool:
    """Whether a line that asks no question still asks a bond ("you two seem awful chummy",
    "you sit together, don't you"): a remark on it, or one with a tag that asks to confirm."""
    return not r.opens and (ends_tagged(r) or bool(_SEEM_CLOSE.search(" ".join(read(last_sentence(r.raw)).words))))


@lru_cache(maxsize=1 << 16)  # a line heard by several NPCs, and asked twice by the intent reader
def bond_asked(r: Reading) -> bool:
    """Whether the line asks how the NPC stands with someone ("are you and Jonas close?",
    "is she a mate of yours?")."""
    if other_time(r) or r.has(*_HOW_LONG):
        return False
    last = " ".join(read(last_sentence(r.raw)).words)  # "I saw you two at the quay. You two pals?"
    if _SEEM_CLOSE.search(last):
        return True  # "the trader with the charms - you two seem awful chummy": a remark that asks
    if r.question and (r.wh is None or not r.opens) and (_KIN.search(r.text) or _BOTH_OF_YOU.search(last)
                                                         or _OF_YOURS.search(r.text)):
        return True  # "the big fella who runs the post, is he someone you owe?": "who" only describes him
    clause = read(CLAUSE_BREAK.split(last_sentence(r.raw))[-1])  # "u went pale when he waved, whats up with u two"
    return any(x.wh not in ("who", "where", "when", "how much") and bool(set(x.words) & YOU_WORDS)
               and (x.has(*BOND_PHRASES) or bool(SEEN_AS.search(x.text))) for x in (r, clause))





def liked_asked(r: Reading) -> bool:
    """Whether the line asks whom the NPC gets on with ("who do you still get on with?",
    "which classmate do you think is amazing?", "is there a villager you're fond of?")."""
    if other_time(r) or not set(r.words) & YOU_WORDS or _DISLIKING.search(r.text):
        return False
    if not (r.has(*LIKING, *_ESTEEM) or _MOSTLY_WITH.search(r.text) or _RATED_HIGHLY.search(r.text)
            or _FAVOURITE.search(r.text) or _MOST_REGARD.search(r.text)):
        return False
    return r.wh in ("who", "whom", "whose") or bool(_ONE_OF_THEM.search(r.text))


def disliked_asked(r: Reading) -> bool:
    """Whether the line asks whom the NPC dislikes ("who's the man you can't stand?", "who
    don't you get on with?", "which of them do you trust least?")."""
    if other_time(r) or not set(r.words) & YOU_WORDS or not _DISLIKING.search(r.text):
        return False
    return r.wh in ("who", "whom", "whose") or bool(_ONE_OF_THEM.search(r.text))


_DISLIKING = re.compile(r"\b(?:(?:can|could) not (?:stand|bear|abide|stomach)|dislike|hate|loathe|despise|detest"
                        r"|(?:slower|slowest|less likely|least likely) to (?:trust|like|believe)"
                        r"|think (?:less|least|the least|worst) of|(?:trust|like|rate)s? (?:[a-z]+ )?less"
                        r"|(?:do|does|did|would|will) not (?:you )?(?:really |much |quite )?"
                        r"(?:get on|get along|like|trust|care for|rate)"
                        r"|not (?:fond of|keen on)|no (?:love|time) for|(?:like|trust|rate) (?:the )?least"
                        r"|least (?:fond|keen)|gets? on your nerves|under your skin|annoys? you|irritates? you"
                        r"|grudge against|enem(?:y|ies)|(?:mis|dis)trust(?:s|ful|ful of)?|suspicious of|wary of"
                        r"|leery of)\b")
""""Can't stand", "don't get on with", "trust least", "have a grudge against": disliking
someone, asked (the line is read with "can't" as "can not", "don't you" as "do not you")."""
LIKED_LEAST = -0.2
"""Feeling at or below which a person counts as one the NPC dislikes."""


def liked_least(req: DecisionRequest, among: frozenset[str] | None = None) -> list[str]:
    """The people the NPC dislikes most (at most :data:`LIKED_LEAST`, within 0.1 of the
    coldest), only ``among`` these when given; not the one asking."""
    return _warmest({p: -f for p, f in req.relationships.items() if f <= LIKED_LEAST and p != req.partner
                     and (among is None or p in among)})


_ESTEEM = ("favour", "favor", "admire", "look up to", "lost without", "cry on",
           "shoulder to cry", "think the world of", "care about most", "care most about", "adore", "soft spot for",
           "esteem", "think highly of", "think most highly of", "think well of", "high regard", "respect most",
           "most respect")
"""Phrases of thinking well of someone, besides those of getting on (:data:`LIKING`)."""
_RATED_HIGHLY = re.compile(r"\b(?:think|reckon|find|rate)s? (?:is |are )?(?:the )?(?:most )?(?:amazing|brilliant|great"
                           r"|wonderful|the best|best|fantastic|awesome|lovely|kindest|nicest)\b")
""""Which classmate do you think is amazing?": thinking highly of someone, asked."""
_PEOPLE = (r"(?:person|people|one|ones|folk|folks|classmates?|villagers?|locals?|neighbou?rs?|colleagues?|workmates?"
           r"|co-?workers?|friends?|mates?|pals?|heroes|hero|patients?|customers?|visitors?|staff|students?|pupils?"
           r"|kids?|children|members?|guys?|fellas?|lads?|lasses?|ladies|lady|men|man|women|woman|souls?)")
_FAVOURITE = re.compile(rf"\bfavou?rite(?: {_PEOPLE})?\W*$")
""""Who's your favourite?", "who's your favourite classmate?" (not "your favourite writer",
someone the world may not hold)."""
_ONE_OF_THEM = re.compile(rf"\bwhich (?:of (?:the|these|those|your|you|them)(?: [a-z]+)? )?{_PEOPLE}\b"
                          rf"|\bwhich of (?:them|us|you|these|those)\b"
                          rf"|\b(?:is there|are there|got|have you got|do you have) (?:a|an|any|some|one)? ?"
                          rf"(?:special )?(?:{_PEOPLE}|one|anyone|anybody|someone|somebody)\b")
""""Which of the three heroes...", "which classmate...", "is there a villager you're fond of?":
one of the people, asked for without "who"."""


_MOST_REGARD = re.compile(r"\b(?:means?|meant|matters?) (?:the )?most\b"
                          r"|\bmost (?:enjoy|like|value|prize|trust|admire|rely on|miss|want)\b"
                          r"|\b(?:enjoy|value|prize|admire|miss)(?:s|ed)? (?:[a-z]+ ){0,3}(?:the )?most\b"
                          r"|\bclose(?:st|r) to\b|\bthink (?:more|most|better|the most|highest|higher) of\b")
""""Whose friendship means the most to you?", "whose shift do you most enjoy sharing?", "who
are you closest to?", "who do you think more of?": the person regarded most, asked by degree."""


_MOSTLY_WITH = re.compile(r"\bwho (?:do|will|would) you (?:[a-z]+ ){1,3}(?:with|around with|about with) "
                          r"(?:the )?(?:most|mostly|usually|best|more than anyone)\b"
                          r"|\bwho (?:do|did) you (?:usually|normally|always|mostly|generally|tend to|often) "
                          r"(?:end up |wind up )?[a-z]+ (?:up |around |about |round )?with\b")
""""Who do you sit with most?", "who do you knock about with the most in class?", "who do
you always end up pairing with?": the one the NPC spends its time with by choice, whom it
likes best."""


def liked_most(req: DecisionRequest, among: frozenset[str] | None = None) -> list[str]:
    """The people the NPC likes best (at least :data:`LIKED`, within 0.1 of the warmest),
    only ``among`` these when given; not the one asking."""
    return _warmest({p: f for p, f in req.relationships.items() if f >= LIKED and p != req.partner
                     and (among is None or p in among)})


def _warmest(feelings: dict[str, float]) -> list[str]:
    """The people within 0.1 of the highest of ``feelings``, sorted by name."""
    if not feelings:
        return []
    top = max(feelings.values())
    return sorted(p for p, f in feelings.items() if f >= top - 0.1)
