"""The part of a line that asks: a line often says more than its question ("Okafor, before
I promise Hugo anything, is there still money in the pot for refunds?"). What is answered
and what beliefs are compared with is the question, found by the line's own punctuation
and a few English words that open a clause leading into it, never a world's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.clausal import asked_late
from simverse.llm.dialogue.imperatives import NOT_ORDERS
from simverse.llm.dialogue.question_words import suggests
from simverse.llm.dialogue.reading import AUX, WH, YOU_WORDS, Reading, read
from simverse.llm.dialogue.requesting import SHOW_WAY, polite_request
from simverse.llm.dialogue.telling import tells_news

SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
"""Where one sentence of a line ends and the next begins."""
CLAUSE_BREAK = re.compile(r"\s*[,;:\u2013\u2014]\s*|\s+-\s+")
"""Where one clause of a line ends and the next begins (a comma, colon, semicolon or dash)."""
LEADING = frozenset({"before", "after", "since", "while", "if", "when", "because", "although", "though", "as",
                     "once", "until", "unless", "whenever", "now"})
"""Words that open a clause leading into the main one ("before I promise Hugo anything, ...")."""
_FEWEST = 4
"""A question of fewer words than this leans on the rest of the line ("...tonight? What time?")."""
_SHORT = 2
"""A clause of at most this many words before the question is a name or an address ("Okafor,")."""


def asked_part(line: str, verbs: frozenset[str], names: frozenset[str] = frozenset()) -> str:
    """The part of a line that is answered: all of it, but for an offer or request
    followed by a question ("Fancy a coffee? What does the café ask for a cup?", "read me
    the label, what are they actually called?"), the question, which is what the speaker
    waits to hear, and for a story of whole sentences, the question or request it leads to
    ("... Long story short, could you welcome them?"). Thanks, or a word of the speaker's
    own, after a question is left out ("For how much you sell it? Danke.", "Is the tea dear?
    I have only small coins.")."""
    sentences = SENTENCE_BREAK.split(line.strip())
    while len(sentences) > 1 and sentences[-2].endswith("?") and (
            _courtesy(sentences[-1]) or _own(sentences[-1], verbs)):
        sentences = sentences[:-1]  # "For how much you sell it? Danke.", "...? I have only small coins."
        line = " ".join(sentences)
    scene = len(sentences) > 1 and _only_tells(sentences[:-1])  # whole sentences that only set the scene
    told = len(sentences) > _STORY and _only_tells(sentences[:-1], story=True)  # or tell a story
    if len(sentences) < 2:  # "read me the label, what are they called?": the same within one sentence
        sentences = [c for c in CLAUSE_BREAK.split(line.strip()) if c]
        if len(sentences) < 2 or len(sentences[-1].split()) < _FEWEST:
            return line
    if scene and _begged(sentences[-1]):
        return sentences[-1]  # "Everybody here has a paper with a number. Please, you pull one too."
    last = read(sentences[-1], names)
    if told and len(last.words) >= _WHOLE and polite_request(last, verbs) is not None:
        return sentences[-1]  # "... Long story short, could you go and give them a warm welcome?"
    if not sentences[-1].endswith("?"):
        return line
    subjects = _SUBJECTS | names if told else _SUBJECTS  # after a story, "so when was the Girl ... painted?"
    whole = len(last.words) >= _WHOLE and bool(set(last.words) & subjects) and not points_back(last.words, names)
    asks = last.opens or (told and asked_late(last).wh is not None)  # "..., once it's yours, what ...?"
    if not asks or (last.wh is None and not (told and whole)):  # "... So is there a test today?"
        return line
    before = read(" ".join(sentences[:-1]), names)
    if polite_request(before, verbs) is not None or ((scene or told) and whole):
        return sentences[-1]  # "I'm trying hard to be braver. What would you like me to do in class?"
    return line


_SUBJECTS = frozenset({"i", "you", "we", "me", "us"})
_BACK = frozenset({"he", "she", "they", "it", "there", "him", "her", "them", "that", "those", "this", "these"})


def after_story(line: str, part: str) -> bool:
    """Whether ``part`` (:func:`asked_part`) is what a story of whole sentences in ``line`` leads
    to: what only the story names is then no topic of the question."""
    return part != line and len(SENTENCE_BREAK.split(line.strip())) > _STORY


def points_back(words: tuple[str, ...], names: frozenset[str] = frozenset()) -> bool:
    """Whether a question points back to what came before ("how much is it?"): not "it" after
    a name said in it ("once the map is yours, what will you do with it?"); "there" after "is"
    or "are" only says something exists ("is there a test today?")."""
    return any(w in _BACK and not (w == "there" and i and words[i - 1] in AUX)
               and not (w == "it" and set(words[:i]) & names) for i, w in enumerate(words))


_WHOLE = 6
"""A question of at least :data:`_WHOLE` words with a subject of its own (after a story, or a name
of the world) and nothing that points back ("what would you like me to do in class?", "... so,
when was the Girl with a Lantern painted?") is whole on its own, unlike "how many years on the
job?", "who should we ask?" or "which bit do they do them in?", which lean on what came before."""
_STORY = 2
"""A line of more than this many sentences may tell a story before what it asks: those sentences
may speak of the one asked ("I saw you on the quay at dawn.") and still only lead to the question."""


_COURTESY = frozenset({"please", "thanks", "thank", "cheers", "sorry", "ta"})
_COURTEOUS = _COURTESY | {"you", "so", "much", "very", "kindly", "again", "in", "advance", "a", "lot", "many"}


def _courtesy(sentence: str) -> bool:
    """Whether a sentence only thanks or says please ("Danke.", "Thanks in advance!")."""
    words = set(read(sentence).words)
    return bool(words & _COURTESY) and words <= _COURTEOUS


def _begged(sentence: str) -> bool:
    """Whether a sentence that does not ask is said with "please" at its start or end and
    points back to nothing ("that tray is overflowing. Please make a start on it" needs the tray,
    "ticket first. grab one, please" the ticket) and says more than when ("lamp needs trimming.
    now, please")."""
    words = read(sentence).words
    return not sentence.endswith("?") and len(words) > 1 and "please" in (words[0], words[-1]) \
        and not set(words) & _BACK and not _bare_one(words) and not set(words) <= _WHEN_ONLY


def _bare_one(words: tuple[str, ...]) -> bool:
    """"Grab one, please": a verb and "one" alone, which leans on the sentence before for
    what ("please, you pull one from the machine" says more itself)."""
    return "one" in words and len(set(words) - _COURTESY - {"one", "you", "just"}) <= 1


_WHEN_ONLY = _COURTESY | frozenset({"now", "right", "away", "at", "once", "quick", "quickly", "then", "asap", "soon",
                                    "today", "go", "on", "straight", "off", "immediately"})
"""Words of a bare "now, please" or "right away, please": a bidding that names no deed."""


def _own(sentence: str, verbs: frozenset[str]) -> bool:
    """Whether a sentence after a question only tells of the speaker ("I have only small
    coins.", "I want to go up there."): why it asks, not more to answer; "I'll take
    whatever comes up" asks for something itself."""
    r = read(sentence)
    return not sentence.endswith("?") and r.words[:1] in (("i",), ("my",), ("we",), ("our",)) \
        and (polite_request(r, verbs) is None or _MEANS_TO.search(r.text) is not None)


_MEANS_TO = re.compile(r"^i (?:want|need|would like|would love)(?: to)? (?:go|come|walk|climb|visit|reach)\b"
                       r"|^i (?:want|need|would like|would love|hope|plan|mean) to "
                       r"(?!(?:buy|get|have|order|take|purchase|grab|try|book|borrow|rent)\b)[a-z]+")
""""I want go up there", "I want to bring him something": what the speaker means to do, not
something it asks to have."""


def _only_tells(sentences: list[str], story: bool = False) -> bool:
    """Whether sentences before a question only set the scene: none asks, none is an order,
    none speaks of the one asked ("you look troubled" is part of what is asked), unless they
    tell a ``story`` of several sentences, which may also say a question word within ("nobody
    knows who's ...") or open with a word like "when"."""
    return all(not s.rstrip().endswith("?") and ((not (r := read(s)).opens and r.wh is None) or (
        story and (not r.opens or r.words[0] in LEADING)))  # "Nobody knows who's ...", "When I saw it, I ..."
        and (story or not YOU_WORDS & set(r.words)) for s in sentences)


def asked_clause(line: str) -> str:
    """The question of a line without what leads into it or follows it: its last sentence
    that asks ("... later on? mornings are impossible for me" -> the first), less the
    clauses before the main one that address someone or open with a word like "before";
    the line itself when nothing is left out."""
    sentences = [s for s in SENTENCE_BREAK.split(line.strip()) if s]
    asking = [s for s in sentences if s.endswith("?")]
    sentence = asking[-1] if asking else (sentences[-1] if sentences else line)
    clauses = [c for c in CLAUSE_BREAK.split(sentence) if c]
    while len(clauses) > 1 and (len(clauses[0].split()) <= _SHORT or _leads_in(clauses[0])):
        clauses = clauses[1:]
    asked = ", ".join(clauses).strip()
    return asked if len(asked.split()) >= _FEWEST else line  # "what time?" says too little alone


def _leads_in(clause: str) -> bool:
    """Whether a clause leads into the main one: it opens with a word like "before", maybe
    after a word of address ("doc, while it's quiet, ..." or "doc while it's quiet, ...")."""
    words = clause.lower().split()
    return bool(words) and (words[0] in LEADING or (len(words) > 2 and words[1] in LEADING and words[0] not in WH))


def clauses_of(line: str) -> list[str]:
    """The line's clauses, sentence by sentence ("first day here. who's our teacher, what's
    she called?" -> three)."""
    return [c for s in SENTENCE_BREAK.split(line.strip()) for c in CLAUSE_BREAK.split(s) if c]


@lru_cache(maxsize=1 << 16)
def asking_text(line: str) -> str:
    """The clauses of a line that ask (end in "?", open with an auxiliary or have a question
    word), each with a clause of a few words right before it ("last year, what did you
    grow?"); the whole line when none asks. What a line says around its question ("..., I
    want to order for tomorrow") is not what it asks."""
    clauses = clauses_of(line)
    asking = [i for i, c in enumerate(clauses) if c.endswith("?") or _asks(read(c))]
    if not asking or len(clauses) < 2:
        return line
    kept = {j for i in asking for j in (i - 1, i) if j == i or (j >= 0 and len(clauses[j].split()) <= _LEAD_WORDS)}
    return ", ".join(clauses[j] for j in sorted(kept))


def _asks(r: Reading) -> bool:
    return r.opens or r.wh is not None


_LEAD_WORDS = 3
"""A clause of at most this many words right before a question belongs to it ("last year,")."""


def last_clause(line: str) -> tuple[str, str]:
    """``(before, last)``: a line of several clauses split before its last ("his knee is
    swelling, could you fit him in?"); ``("", "")`` for a line of one clause."""
    clauses = [c for c in CLAUSE_BREAK.split(line.strip()) if c]
    return (", ".join(clauses[:-1]), clauses[-1]) if len(clauses) > 1 else ("", "")


def question_at_end(line: str) -> tuple[str, str]:
    """``(statement, question)`` of a line that says something and then asks with a
    question word ("I've got a prescription to pick up, who sorts that out?"); ``("", "")``
    for any other line."""
    clauses = clauses_of(line)
    asking = [i for i, c in enumerate(clauses) if i and _opens_with_wh(read(c))]
    if not asking:
        return "", ""
    return clauses[asking[-1] - 1], clauses[asking[-1]]  # "sorry father. what have you been up to? ..."


def _opens_with_wh(r: Reading) -> bool:
    return r.opens and r.wh is not None and bool(r.body) and r.body[0] in WH


_PREP_WH = re.compile(r"^(?:so |and |but |then )?(?:in|at|on|from|to|for|with|by|of|into) (?:which|what|whose|whom)\b")
"""A question that opens with its preposition ("..., so in which city were you trained?")."""
_SEE_TO = re.compile(r"\bsee(?:ing)? to (?:it|that|this|them|those)\b")
_ASKS_YOU = re.compile(r"\b(?:can|could|would|will) you\b")
_ASKING_YOU = (("could", "you"), ("would", "you"), ("can", "you"), ("will", "you"))


@lru_cache(maxsize=1 << 16)
def request_clause(line: str, verbs: frozenset[str], names: frozenset[str] | None = None) -> str | None:
    """The clause of a line that asks for something done, where the line opens with
    something else ("his knee is swelling, could you fit him in?", "a crowd just came in,
    give them a proper hello would you", "while I'm here can you clear a ticket?");
    ``None`` for a line that opens with its request or has none. A line that asks a
    question ("where's the shop, I want a magnet", "level with me: is it worth anything?")
    asks no more than its question, and a clause of a word or two ("go on") or leading
    into another ("before the rush") asks nothing. Kept per line: each line is read
    this way when it is heard, classified and answered."""
    clauses = clauses_of(line)
    if len(clauses) < 2 and not _ASKS_YOU.search(line.lower()):
        return None
    whole = read(line, names=names)
    if polite_request(whole, verbs) is not None or tells_news(whole) or whole.has(*SHOW_WAY):
        return None  # "point me to the ale, would you, because...": the way asked
    last = read(clauses[-1]) if len(clauses) > 1 else whole
    suggested = last.words[:2] in _ASKING_YOU or suggests(last.words[:4]) or last.words[:2] == ("why", "not")
    if last is not whole and suggested and polite_request(last, verbs) is not None:
        return clauses[-1]  # "tide's in, how about you get a line out?", "..., why not pick one up"
    if (whole.wh is not None and whole.question) or last.opens:  # not "u keep asking me what it is, just buy one"
        return None
    if line.rstrip().endswith("?") and any(((c := read(clause)).opens and c.wh) or _PREP_WH.match(c.text)
                                           for clause in clauses[1:]):
        return None  # "between your drills and speeches, what are you out here to do, old friend?"
    if whole.question and not line.rstrip().endswith("?") and last.question:
        return None  # "left my money at home :( u reckon the canteen gives out anything free": asked, unmarked
    for i, clause in enumerate(clauses if len(clauses) > 1 else []):
        said = read(clause, names=names if i == 0 else None)  # a name after the first clause is its subject
        if len(said.body or said.words) <= _SHORT or said.opens or _leads_in(clause):
            continue
        if (polite_request(said, verbs) or "trust") not in NOT_ORDERS or _SEE_TO.search(said.text):
            return clause  # "mind seeing to it?" asks for work, as "see that?" does not
    found = _ASKS_YOU.search(whole.text)  # "while I'm standing here can you clear a ticket"
    if found is None or found.start() == 0 or whole.opens or set(whole.text[:found.start()].split()) & set(WH):
        return None  # "if you came into money what would you spend it on" asks what
    asked = whole.text[found.start():]
    return asked if polite_request(read(asked, names=names), verbs) is not None else None


_DICTATED = re.compile(r"^(?P<order>.*?\b(?:this|that|these|the following)\b[^:]{0,40}):\s*\S")


def without_dictation(line: str) -> str:
    """The line without what it dictates after "this:" ("write this in your notebook: the
    café does the best croissants" -> "write this in your notebook"): the words to be
    written or said are no part of what is to be done."""
    match = _DICTATED.match(line)
    return match["order"] if match else line


_REASON = re.compile(r"\s*,?\s+\b(?:while|because|since|as|before|so that|cos|cause)\b.*$")
"""What an order says after it of why or when ("..., because I won't repeat it")."""


def without_reason(line: str) -> str:
    """An order without the reason or time said after it ("write this down while it's
    fresh, because I won't repeat it" -> "write this down"): what is to be done is in the
    order alone. The line itself when the order would keep fewer than two words."""
    order = _REASON.sub("", line.strip())
    return order if len(order.split()) >= 2 and order != line.strip() else line
