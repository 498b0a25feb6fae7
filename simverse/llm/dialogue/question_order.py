"""An embedded question put in question order ("what you're doing" -> "what are you doing",
"how I'd get there" -> "how would I get there", "what your neighbour is called" -> "what is
your neighbour called"), as the reading knows questions. Plain English, no world's words.
"""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, word_set
from simverse.llm.dialogue.tag_questions import ASKED_BY

_SUBJECT_VERB = re.compile(r"^(?P<before>(?:[a-z0-9'-]+ ){0,4}?)(?P<subject>you|i)(?P<verb>'re|'ve|'d|'ll| are| am"
                           r"| have| had| were| was| would| will| can| could| should| might| must)\b ", re.IGNORECASE)
"""An embedded question's subject, the speaker or the one asked, and its first verb, after at
most four words of what is asked ("which important guests you're standing by ...")."""
_DO_VERB = re.compile(r"^(?P<before>(?:[a-z0-9'-]+ ){0,4}?)(?P<subject>you|i) (?P<verb>(?:(?:really|actually|usually"
                      r"|always|never|still|just|also|even|most|normally|honestly) )?[a-z]+)\b(?P<rest>.*)$",
                      re.IGNORECASE)
"""An embedded question's subject and a verb in the present ("what you think of him")."""
_OTHER_SUBJECT = re.compile(r"^(?P<before>(?:[a-z0-9'-]+ ){0,2}?)(?P<subject>(?:(?:the|a|an|your|his|her|their|my|our"
                            r"|this|that|these|those) (?:[a-z0-9'-]+ ){0,2}?[a-z0-9'-]+|it|he|she|they|we|[A-Z][a-z]+))"
                            r" (?P<aux>is|are|was|were|has|have|had|can|could|will|would|should|might|must)"
                            r"(?P<rest>(?: .*)?)$")
"""An embedded question's subject other than the speaker or the one asked, and its verb of being
or helping verb ("what your neighbour is called" -> "what is your neighbour called")."""
_NOT_PRESENT = word_set(
    "was were had did said made went took came saw got gave found thought told became left felt brought began kept "
    "held wrote stood heard let meant met ran paid sat spoke led grew lost fell sent built understood drew broke spent "
    "rose drove bought wore chose sold caught fought taught ate drank sang swam flew threw knew hid hung won is are am "
    "do does be been being not to too and or but so then there here that this it")
"""Words after a subject that are no verb in the present (a past, a verb of being, a function word)."""


def _present(verb: str) -> bool:
    """Whether ``verb``, said after "you" or "I", is a verb in the present that takes "do" in a question."""
    past = verb.endswith("ed") and not verb.endswith("eed")  # "sold", "waited"; not "need"
    return verb not in _NOT_PRESENT and verb not in FUNCTION_WORDS and not verb.endswith(("ing", "n't")) and not past


_HAS_VERB = re.compile(r"\s(?:'s|'re|'ve|'d|is|are|was|were|has|have|had|do|does|did|can|could|will|would"
                       r"|should|might|must|keeps|keep|kept|brought|brings|got|gets)\s", re.IGNORECASE)
"""A verb before "you" or "I": the clause already has its subject and verb ("what complaint has
brought you in", "which chore has you up the stairs", "what's keeping you out")."""


def in_question_order(clause: str) -> str:
    """An embedded question after its question word, in question order: "important guests
    you're standing by" -> "important guests are you standing by", "you think of him" -> "do
    you think of him", "i'd get there" -> "would i get there", "your neighbour is called" ->
    "is your neighbour called"; a clause with no such subject and verb is left."""
    if match := _SUBJECT_VERB.match(clause):
        verb = ASKED_BY.get(match["verb"].lower(), match["verb"].strip().lower())  # "'re" -> "are"
        return f"{match['before']}{verb} {match['subject'].lower()} {clause[match.end():]}"
    if (match := _DO_VERB.match(clause)) and not _HAS_VERB.search(f" {match['before']}") and (
            _present(verb := match["verb"].split()[-1].lower()) or (
            verb == "do" and not match["rest"].startswith((" not", "n't")))):  # "what you do", not "what you do not"
        return f"{match['before']}do {match['subject'].lower()} {match['verb']}{match['rest']}"
    if match := _OTHER_SUBJECT.match(clause):
        return f"{match['before']}{match['aux']} {match['subject']}{match['rest']}"
    return clause
