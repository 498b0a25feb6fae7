"""Questions about the NPC's own life away from what the world shows of it: its family, where
it grew up, what it did before, its schooling, its age, its pets, how long it has been at
its work, what it will be when it is older. A world file seldom says; where the NPC's
persona, goals, relationships and own beliefs say nothing of it, the honest answer is that
it cannot say, not its activity, its wares or the way somewhere that other answers would
find in the same words ("got a missus at home?" is no question about the way home). Plain
English word shapes, no world's words.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import word_set
from simverse.llm.dialogue.own_time import persona_said
from simverse.llm.dialogue.parts import SENTENCE_BREAK
from simverse.llm.dialogue.reading import Reading, ends_tagged, read

_YOU = r"(?:you|your|yours|yourself|ya|yer)"
_FAMILY = word_set("family wife husband missus spouse married kid kids kiddies child children son sons daughter "
                   "daughters parent parents mum mom mam dad father mother brother brothers sister sisters sibling "
                   "siblings grandchild grandchildren grandkids grandparents folks widow widower")
_THEIRS = (r"(?:\byour|\byer|(?<!i have )(?<!we have )(?<!\bi )(?<!\bwe )\bgot|\bany"
           r"|\b(?:do|did|if|whether) you have (?:a|an|any)|\bhave you (?:got )?(?:a|an|any))")
"""What makes a family or a pet the NPC's own: "your mum", "got a missus", "any kids", "do
you have a dog" (not "I've got my mum's prescription")."""
_ONE_WORD = r"(?:(?!my |his |her |their |our )\w+\s+)?"
_KIN = rf"(?:{'|'.join(sorted(_FAMILY))})"
_COMPOUND_HEAD = r"(?:tickets?|toys?|books?|jokes?|menus?|rooms?|friendly|sized?|packs?|deals?|photos?|business)\b"
"""Nouns a family word may stand before as their kind ("a family ticket", "kids toys")."""
_POSSESSED = re.compile(rf"\b{_KIN}(?:'s|s'|’s)", re.IGNORECASE)
""""Your father's boat", "children's books": something of theirs, not the family asked after."""
_JOB = r"(?:job|jobs|career|trade|living|profession)"
_EARLIER_JOB = (rf"\bwhat (?:was|were) {_YOU}r? (?:job|work|trade|career|line of work|profession)\b"
                rf"|^(?:so )?were {_YOU} (?:ever |once )?(?:a|an) \w+")
"""The earlier job asked in the past tense: "what was your job?", "were you a teacher?"."""
_ASKED: dict[str, re.Pattern[str]] = {
    "family": re.compile(
        rf"(?:{_THEIRS})(?<!\bany)(?<!\bgot any)\s+{_ONE_WORD}{_KIN}\b(?!\s+{_COMPOUND_HEAD})"
        rf"|\bany\s+{_ONE_WORD}{_KIN}(?=\s+(?:at|of|yourself|back)\b|\s*$)"
        rf"|\b(?:do|did|if|whether) you (?:have|had) (?:got )?any\s+{_ONE_WORD}{_KIN}\b"
        rf"|\bare {_YOU} married\b|^married\b"),
    "origin": re.compile(
        rf"\bwhere(?:abouts)? (?:are|were|was|is) {_YOU} (?:from|born|raised|brought up)\b|\b{_YOU} from originally\b"
        rf"|\bwhere(?:abouts)?(?: \w+){{0,2}} (?:is|was) home\b|\bhome ?town\b"
        rf"|\bwhere (?:do|did) {_YOU} (?:live|grow up)\b"
        rf"|\b(?:did|were|was) {_YOU} (?:born|raised|brought up|grow up)\b|\b{_YOU} (?:were |was )?(?:born|raised) in\b"
        rf"|\braised {_YOU}\b|\b{_YOU} grew up\b"),
    "before": re.compile(
        rf"\b(?:previous|last|old|former|earlier|other) (?:job|work|trade|career|line of work)\b"
        rf"|^(?=.*\bbefore\b)(?=.*\b{_YOU}\b)(?=.*\b{_JOB}\b)(?=.*\b(?:did|was|were|had|used)\b)"
        rf"|\bbefore {_YOU} (?:came|started|joined|moved|became|worked|retired|stopped|quit|finished|left)\b"
        rf"|^(?=.*\bwhen {_YOU} (?:were|was) (?:younger|young)\b)(?=.*\b{_JOB}\b)"
        rf"|\bbefore (?:the|your|ur|yer) (?:pension|retirement)\b|\b{_YOU} used to\b"
        rf"|{_EARLIER_JOB}|\b(?:what|where) did {_YOU} (?:use to|used to) (?:do|work|be)\b"
        rf"|\bdid {_YOU} (?:do for|earn|make) (?:a|your) living\b"),
    "schooling": re.compile(rf"\b(?:which|what) (?:university|college|uni)\b|\b{_YOU}\b.*\b(?:university|college)\b"
                            rf"|\bwhere (?:did )?{_YOU} (?:study|studied|train|trained)\b"),
    "age": re.compile(rf"\bhow old (?:are|is|might|would|were) {_YOU}\b|\bhow old {_YOU}\b|\b{_YOU}r? age\b"
                      rf"|\byour birthday\b|\bwhen were {_YOU} born\b"),
    "pets": re.compile(rf"{_THEIRS}\s+{_ONE_WORD}(?:pets?\b|animals? (?:at|in) (?:home|your house|yours)\b)"),
    "future": re.compile(rf"^(?=.*\b(?:what|which|want|wanna|will|gonna|going to|plans?|hope)\b).*?"
                         rf"(?:\bwhen {_YOU} (?:are|'re|re|r|get|grow) (?:older|grown|up|bigger|big)\b"
                         rf"|\bwhen your (?:older|grown|bigger)\b"  # "when ur older", typed for "you're"
                         rf"|\b{_YOU} grow up\b|\bwhen {_YOU} retire\b"
                         rf"|\bafter {_YOU} (?:leave|finish) (?:school|college)\b)"
                         rf"|\b(?:grown up|dream) (?:job|career|work)\b"),
    "span": re.compile(rf"\bhow long (?:have|had|has) {_YOU}\b|\bhow long {_YOU}\b"
                       rf"|\bhow many (?:years|yrs|months) (?:have |had )?{_YOU}\b"
                       rf"|\bbeen (?:[a-z]+ ){{0,5}}(?:long|a while|for ages)\b"),
}
"""How each part of an NPC's own life is asked about, "you" left out as chat leaves it
("got any kids?", "been here long?")."""
_HOW_IS = re.compile(r"\bhow (?:is|are|was|were) (?:your|the|all) ")
"""Asking after someone's health or mood ("how is your mum?") is small talk, not their story."""
_PAST = re.compile(r"(?i)\b(?:retired|former|formerly|once|used to|ex-|previously)")
"""Words that say what the NPC was before ("a retired bus driver"); "a veteran phone agent" is
still one, and says nothing of an earlier job."""
_HELD: dict[str, re.Pattern[str]] = {
    "family": re.compile(rf"\b(?:{'|'.join(sorted(_FAMILY))})\b"),
    "origin": re.compile(r"\b(?:born|grew up|raised|native|hometown|from)\b"),
    "before": _PAST,
    "schooling": re.compile(r"\b(?:trained|studied|university|college|graduate|apprentice)"),
    "age": re.compile(r"\baged \d|\b\w+[- ]years?[- ]old\b"),
    "pets": re.compile(r"\b(?:pets?|dog|cat|hamster|parrot|horse)\b"),
    "future": re.compile(r"\b(?:become|want to be|dreams?|someday|one day|grow up|career|future|retire)"),
}
"""Words of what the NPC is given that speak of each part: where one is there, the other
answers speak ("a retired bus driver": what he did before). A span of time has none here:
:mod:`.own_time` answers from the persona's span before this is asked."""


_WONDERING = re.compile(r"\b(?:wonder|wondering|wondered|curious) (?:if|whether|what|where|how|who|which|when)\b")
""""I've been wondering if you have any siblings.": a question said as a statement."""


def own_life_asked(r: Reading) -> str | None:
    """The part of the NPC's own life a question asks about (``family``, ``origin``,
    ``before``, ``schooling``, ``age``, ``pets``, ``future``, ``span``), or None. Only a question: "say
    hello to your mum" asks nothing."""
    if not (r.question or r.opens or r.wh or "?" in r.raw or ends_tagged(r) or _WONDERING.search(r.raw.lower())):
        return None
    sentences = [s for s in SENTENCE_BREAK.split(r.raw) if s.strip()]
    asking = [s for s in sentences if "?" in s or _WONDERING.search(s.lower())]  # not a remark before the question
    for sentence in asking or sentences[-1:]:
        text = read(sentence).text
        if not _HOW_IS.search(text) and (part := next((p for p, rule in _ASKED.items() if rule.search(text)), None)) \
                and not (part == "family" and _POSSESSED.search(sentence)):
            return part
        if _ASKED["before"].search(sentence.lower()):  # "Bram, before the pension, how did you earn your living?"
            return "before"
    return None


def own_life_unknown(req: DecisionRequest, part: str) -> bool:
    """Whether nothing the NPC is given speaks of ``part`` of its life: its persona, goals,
    the kinds of its relationships and its beliefs about itself."""
    given = [req.persona, *req.goals, *req.relation_kinds.values(),
             *(f.text for f in req.facts if req.npc in (f.subject, f.object))]
    held = _HELD.get(part)
    return held is None or not any(held.search(text.lower()) for text in given)


_PAST_JOB = re.compile(
    rf"\bwhat (?:did|do) {_YOU} (?:use to |used to )?do\b(?! (?:at|in|for|with|there)\b)"
    rf"|\bhow did {_YOU} (?:earn|make) (?:a|your|ur|yer) living\b|{_EARLIER_JOB}|\bdid {_YOU} do for a living\b"
    rf"|\bwhat (?:job|work|trade) did {_YOU} (?:have|do)\b"
    rf"|\b(?:previous|last|old|former|earlier) (?:job|work|trade|career|line of work)\b")
"""The earlier job itself asked ("what did you do before you retired?", "were you a
teacher?"), not something of it ("which school did you teach at?", "how long were you
behind the wheel?"), which the persona does not say."""
_GUESSED = re.compile(rf"\b{_YOU} used to \w+")
""""I reckon you used to drive lorries": a guess at the earlier job, said as a statement."""


def own_past(req: DecisionRequest, r: Reading) -> str | None:
    """What the NPC's persona says it was ("I'm a retired schoolteacher visiting with a
    thermos..."), where the line asks what its earlier job was or guesses it; else None."""
    asked = any(_PAST_JOB.search(read(s).text) for s in SENTENCE_BREAK.split(r.raw) if s.strip()) \
        or (r.wh is None and _GUESSED.search(r.text) is not None)
    return persona_said(req, _PAST) if asked else None
