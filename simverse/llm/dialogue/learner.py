"""Questions in a learner's word order said in the usual one: "you can sell me a loaf?" ->
"can you sell me a loaf?", "where I can find the doctor?" -> "where can I find the doctor?",
"what you are doing?" -> "what are you doing?". Players whose first language is not English
often keep the order of a statement in a question; the rest of the reading expects the
auxiliary first. A thing asked about may also come first in chat ("your job, what is it?" ->
"what is your job?"). Plain English word shapes, no world's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.parts import SENTENCE_BREAK

_LEAD = r"^(?P<lead>(?:[a-z]+(?: [a-z]+){0,4},\s+|(?:please|sorry|excuse me|so|and|hello|hi)[,!.]?\s+)*)"
"""A name, a polite word or a short clause the question may open with ("Mara, you can...",
"please, where I...", "you live in the forest, you have seen...")."""
_MODALS = r"(?:can|could|will|would|should|must|may|might)"
_SUBJECTS = r"(?:i|you|he|she|we|they)"
_MODAL_FIRST = re.compile(_LEAD + r"(?P<subject>" + _SUBJECTS + r") (?P<aux>" + _MODALS + r") (?P<rest>[a-z].*\?)$")
""""You can sell me one loaf?": a yes-no question said as a statement with a question mark."""
_PERFECT_FIRST = re.compile(_LEAD + r"(?P<subject>" + _SUBJECTS + r") (?P<aux>have|has) (?P<rest>(?:seen|heard|been"
                            r"|met|found|done|had|known|read|noticed|tried|finished)\b.*\?)$")
""""You have seen his footprints?": the same with "have" before a past participle ("you have a
boat?" is left as it is)."""
_WH_FIRST = re.compile(_LEAD + r"(?P<wh>where|what|how|when|who|which \w+|why) (?P<subject>" + _SUBJECTS + r") "
                       r"(?P<aux>" + _MODALS + r"|am|are|is|was|were|have|has) (?P<rest>[a-z].*\?)$")
""""Where I can buy bread?", "what you are doing?": the question word, then a statement. Only
with a question mark: "what I want is bread" states."""
_AUXILIARIES = r"can|could|will|would|should|must|may|might|am|are|is|was|were|have|has|had|does|did|not|never"
_NO_AUXILIARY = re.compile(_LEAD + r"(?P<wh>where|what|how|when|who|which (?!of\b)\w+|why) "
                           r"(?P<subject>" + _SUBJECTS + r") "
                           r"(?!(?:" + _AUXILIARIES + r")\b)(?P<verb>[a-z]+)(?P<rest>(?: [a-z].*)?\?)$")
""""What you do so early?", "where she work?", "where you going?": the question word, then a
statement with no auxiliary at all, which English asks with "do" (or "be" before -ing)."""
_BE = {"i": "am", "he": "is", "she": "is"}
_FRONTED = re.compile(_LEAD + r"(?P<thing>(?:your|my|the|his|her|their|our) [a-z']+(?: [a-z']+){0,3}?),? "
                      r"(?P<wh>what|where|when|who|how much|how long) (?P<aux>is|are|was|were|does|do|did) "
                      r"(?:it|they|that|those|he|she)(?P<rest>(?: [a-z]+){0,3})\?$")
""""Your job, what is it?", "the rope, how much is it?", "your shift, when does it end?": the
thing asked about said first, then the question of it ("what is your job?")."""

_CLEFT = re.compile(_LEAD + r"(?P<wh>where|what|how|when|who|which \w+|why) (?P<be>is|was) it (?:that )?"
                    r"(?P<subject>" + _SUBJECTS + r")(?P<short>'d|'ll|'re|'ve|'m|r|re)? (?P<rest>[a-z].*\?)$")
""""What is it you'd like me to do?", "where is it that you work?": a question put as a cleft,
asked of the subject after "it" ("what would you like me to do?", "where do you work?"); not
"who was it you saw?" or "what is it she keeps?", whose verb a "do" would not fit."""
_CLEFT_AUX = re.compile(r"(?:can|could|will|would|should|must|may|might|am|are|is|was|were|have|has|does|did)\b"
                        r"(?! to\b)")
"""An auxiliary that opens what follows the cleft's subject ("...you can do?"), not "have to"."""

_STATIVE = {"knowing": "know", "understanding": "understand", "wanting": "want", "needing": "need",
            "liking": "like", "believing": "believe", "remembering": "remember", "recognising": "recognise",
            "recognizing": "recognize", "owning": "own", "preferring": "prefer"}
_STATE_GOING_ON = re.compile(_LEAD + r"(?:(?P<subject>" + _SUBJECTS + r") (?:am|are|is)|(?:am|are|is) (?P<after>"
                             + _SUBJECTS + r")) (?P<verb>" + "|".join(_STATIVE) + r") (?P<rest>[a-z].*\?)$")
""""You are knowing the story?", "is she needing a doctor?": a state said as going on, which
English asks with "do" ("do you know the story?")."""


def _cleft_asked(match: re.Match[str]) -> str:
    """The cleft question of :data:`_CLEFT` asked plainly; "" where no "do" fits its verb."""
    wh, subject, rest = match["wh"], match["subject"], match["rest"]
    if aux := {"'d": "would", "'ll": "will", "'re": "are", "'ve": "have", "'m": "am", "r": "are",
               "re": "are"}.get(match["short"] or ""):  # "who is it your waiting for?": "you're" as typed
        return f"{wh} {aux} {subject} {rest}"
    if found := _CLEFT_AUX.match(rest):
        return f"{wh} {found.group()} {subject} {rest[found.end():].lstrip()}"
    plain = match["be"] == "is" and subject not in ("he", "she") and not rest.startswith(("never ", "not "))
    return f"{wh} do {subject} {rest}" if plain else ""


def _with_auxiliary(match: re.Match[str]) -> str:
    """The question of :data:`_NO_AUXILIARY` with its auxiliary ("where are you going?")."""
    subject, verb = match["subject"], match["verb"]
    aux = _BE.get(subject, "are") if verb.endswith("ing") else "does" if subject in ("he", "she") else "do"
    return f"{match['wh']} {aux} {subject} {verb}{match['rest']}"


@lru_cache(maxsize=1 << 16)
def in_usual_order(line: str) -> str:
    """``line`` with its question's subject and auxiliary in the usual order, when a learner
    put them the other way round; else unchanged."""
    text = line.strip().replace("’", "'")
    before, question = _last_sentence(text)  # "Good morning! what you do so early?"
    if not question.endswith("?") and (unmarked := _LAST_WH_CLAUSE.search(question)):
        before, question = before + question[:unmarked.start(1)], unmarked[1].rstrip(" .!") + "?"
    lower = question.lower()
    for pattern in (_WH_FIRST, _MODAL_FIRST, _PERFECT_FIRST):
        if (match := pattern.match(lower)) and not (pattern is _WH_FIRST and _ASKS_AGAIN.search(match["rest"])):
            wh = match.groupdict().get("wh")
            asked = " ".join(w for w in (wh, match["aux"], match["subject"], match["rest"]) if w)
            return before + question[:len(match["lead"])] + asked
    if match := _STATE_GOING_ON.match(lower):
        subject = match["subject"] or match["after"]
        aux = "does" if subject in ("he", "she") else "do"
        return f"{before}{question[:len(match['lead'])]}{aux} {subject} {_STATIVE[match['verb']]} {match['rest']}"
    if (match := _NO_AUXILIARY.match(lower)) and not _ASKS_AGAIN.search(match["rest"]):
        return before + question[:len(match["lead"])] + _with_auxiliary(match)
    if (match := _CLEFT.match(lower)) and (asked := _cleft_asked(match)):
        return before + question[:len(match["lead"])] + asked  # "what is it you'd like?" -> "what would you like?"
    if match := _FRONTED.match(lower):
        return f"{before}{question[:len(match['lead'])]}{match['wh']} {match['aux']} {match['thing']}{match['rest']}?"
    return line


_ASKS_AGAIN = re.compile(r"\b(?:what|who|where|which|how|why)\b")
"""A question word after the statement: it set the scene ("when you do a test what score are
you aiming for?"), and the question comes after it."""
_LAST_WH_CLAUSE = re.compile(r",\s+((?:what|who|where|when|why|how|which)\b[^,]*)$", re.IGNORECASE)
""""You look ready for a fight, who is it your waiting to see": a last clause that asks,
typed without its question mark."""


def _last_sentence(text: str) -> tuple[str, str]:
    """``text`` as what comes before its last sentence, and that sentence ("Good morning! ",
    "what you do so early?")."""
    starts = [m.end() for m in SENTENCE_BREAK.finditer(text)]
    cut = starts[-1] if starts else 0
    return text[:cut], text[cut:]
