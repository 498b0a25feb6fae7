"""Whether a line asks what the NPC is doing now ("what are you fiddling with?", "what has you
up at this hour?"), and whether what it is doing now may answer it at all: not a count, a
time, a name, a job or another time of day. Plain English shapes, never a world's words."""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, same_root, word_forms, word_set
from simverse.llm.dialogue.aims import AIM_WORDS
from simverse.llm.dialogue.clausal import asked_topics
from simverse.llm.dialogue.heard import Heard
from simverse.llm.dialogue.parts import clauses_of, question_at_end
from simverse.llm.dialogue.reading import TITLES, YOU_WORDS, Reading, read
from simverse.llm.dialogue.roles import other_time
from simverse.llm.dialogue.unmarked import last_sentence

_DOING_ASKED = re.compile(r"\b(?:what|who) (?:is (?:it|that|all that|this) |are |were )?you(?: are| were)? "
                          r"(?:[a-z]+ ){0,2}(?P<verb>[a-z]{3,}ing)\b")
""""What are you fiddling with?", "what is it you're picking?": what the NPC is doing now."""
_HAVING = word_set("carrying holding wearing hiding keeping bringing having thinking looking staring watching "
                   "saying talking reading eating drinking")
"""Verbs of having, seeing or saying: "what are you carrying?" asks for a thing, not the doing."""


_BENT_OVER = re.compile(r"\bwhat (?:is )?(?:all )?(?:[a-z]+ ){0,5}?(?:you are|are you) (?:all |so )?"
                        r"(?:hunched|bent|bending|poring|stooped|crouched|leaning|slaving|sweating|fussing|scribbling|frowning|squinting)"
                        r"(?: away| down)? (?:over|on|at)\b")
""""What's all the paperwork in that tray you're hunched over?": what the NPC is busy with."""


_SEEN_DOING = re.compile(r"^what is (?:all (?:this|that)\b(?! about| drawn| written| painted| pinned| stuck| on| in)"
                         r"|(?P<pointed>this|that|it|all (?:this|that)"
                         r"|the occasion)(?: in aid of| for| about)?$)"
                         r"|^(?:why are you|how come you are) (?:[a-z]+ )?(?P<verb>[a-z]{3,}ing)\b"
                         r"|\bwhat (?:is (?:got|keeping|kept)|keeps) you (?:so |all )?(?:busy|occupied|buried|tied up"
                         r"|snowed under|absorbed|engrossed|preoccupied|wrapped up|hooked|glued|chained)\b"
                         r"|\bwhat (?:is keeping|keeps) you out\b"
                         r"|\bwhich (?:chore|job|task|duty|errand|work) (?:is (?:got|keeping)|keeps|has(?: got)?)"
                         r" you\b")
""""What's that in aid of?", "what's the occasion?", "why are you singing?", "what's got you buried in
paperwork?", "which chore has you up the stairs?", "what's keeping you out in the lobby?", "how
come you are kneeling ...?" ("what's got you out on the road?", "what's keeping you up at night?"
ask why): what the speaker sees the NPC doing ("all that about?"
only after a lead-in saying it; "what's all that drawn on your board?" asks for a thing)."""
_BUSY_WITH = re.compile(r"\b(?:that|this|those|these) [a-z]+ (?:you|you have|you are)\b|\byou (?:are|have been) "
                        r"(?:[a-z]+ )?[a-z]+ing\b|^(?:[a-z]+ )?(?!(?:morning|evening|[a-z]*thing)\b)[a-z]{3,}ing\b")
""""That stack you've had your nose in", "plucking strings already": what the NPC is busy with."""


def seen_doing(r: Reading) -> bool:
    """Whether the line's last question asks about what the speaker sees the NPC doing (a
    lead-in saying what: "that stack you've had your nose in, what is it?"), or why it is
    doing it; not why it has, sees or wants something ("why are you holding that?")."""
    lead, asked = question_at_end(r.raw)
    last = read(asked or last_sentence(r.raw))
    match = _SEEN_DOING.search(" ".join(last.body or last.words))
    if match is None or not (set(r.words) & YOU_WORDS or match["pointed"]):  # "Pip, plucking strings - what for?"
        return False
    if match["pointed"]:
        return _BUSY_WITH.search(read(lead or r.raw).text) is not None  # the question itself says no doing
    return match["verb"] is None or (match["verb"] not in _HAVING and match["verb"] not in AIM_WORDS)


def doing_asked(r: Reading) -> bool:
    """Whether the line asks what the NPC is busy doing, in the present with a verb of doing
    ("what are you crouched down picking?"), not of having, seeing or aiming, or what it is
    bent over ("what's that you're poring over?")."""
    match = _DOING_ASKED.search(" ".join(r.body or r.words))
    return (match is not None and match.group("verb") not in _HAVING and match.group("verb") not in AIM_WORDS) or (
        _BENT_OVER.search(r.text) is not None)


def says_activity(r: Reading, activity: str) -> bool:
    """Whether the line says a word of the activity in some form ("queueing" / "queueing
    for a guidebook")."""
    said = {w for w in word_forms(r.text) if w not in FUNCTION_WORDS and len(w) >= 3}
    doing = {w for w in word_forms(activity) if w not in FUNCTION_WORDS and len(w) >= 3}
    return any(a == b or same_root(a, b) for a in said for b in doing)


ACTIVITY_QUESTION = "what are you doing right now?"
"""How asking what the NPC is doing now is said plainly, to compare a line with."""
ACTIVITY_CLOSE = 0.55
"""Cosine to :data:`ACTIVITY_QUESTION` from which a "what ... you" line asks it ("what has
you up at this hour?" 0.62, "what is keeping you so busy?" 0.60; "what do you do for a
living?" 0.46, "what are you carrying?" 0.44, "what are you thinking about?" 0.37)."""
_DOING = ("doing", "you up to", "been up to", "busy", "right now", "at the moment", "your attention",
          "caught your eye", "absorbed", "engrossed", "preoccupied", "stuck into", "occupies you", "occupying you",
          "you occupied", "are you spending", "current assignment", "current task", "current engagement",
          "current project", "to do list", "on your plate", "are you working on", "your workstream")
"""Plain words of asking what one is doing or has in mind ("what's taking all your attention?", "so absorbed?")."""


def activity_asked(h: Heard) -> bool:
    """Whether the line asks what the NPC is doing now: in plain words ("what are you up
    to?"), or, about now and about nothing but the NPC and where it is, close in meaning
    ("what has you up at this hour?")."""
    r = h.reading
    if seen_doing(r):  # not "you've been squinting at the mayor, what's that about?": about him
        kinds = [h.req.names[t].kind for t in h.topics if t != h.req.npc and t in h.req.names]
        return not (r.text.endswith("about") and "npc" in kinds)
    if not asks_activity(r) or JOB_ASKED.search(r.text):  # "what profession keeps you busy?": the job
        return False
    if r.has(*_DOING) or doing_asked(r):  # "what are you fiddling with on your desk?"
        return True
    mine = all(t == h.req.place for t in h.topics) and bool(set(r.words) & YOU_WORDS)
    return mine and r.wh == "what" and h.activity_similarity >= ACTIVITY_CLOSE


def doing_now_asked(h: Heard) -> bool:
    """A question taken to be about something that names nothing and asks what the NPC is
    doing ("what has you up at this hour?"), or names only where it is, of which it believes
    nothing, and says "busy" or "doing" ("what keeps you busy in the library?") or asks why
    it is doing what the speaker sees ("why are you kneeling in the chapel?"); one that
    names its place otherwise may be answered by a belief about it first. What a lead-in
    names ("curled up with the puzzle books, what's got you so absorbed?") is not asked."""
    if h.intent != "ask_about":  # most lines NPCs say to each other: nothing below to read
        return False
    find = getattr(h.req.names, "find", None)
    named = set(find(h.reading.text)) if find is not None else None  # the asked part's own names
    topics = [t for t in asked_topics(h.reading, h.topics, h.req.names) if named is None or t in named]
    doing = h.reading.has(*_DOING) or seen_doing(h.reading)  # "why are you kneeling in the chapel?": its work there
    here = not topics or (doing and all(t == h.req.place for t in topics)
                          and not any(h.req.place in (f.subject, f.object) for f in h.req.facts))
    return (here and bool(set(h.reading.words) & YOU_WORDS or seen_doing(h.reading))
            and activity_asked(h) and not _later(h))


def _later(h: Heard) -> bool:
    """Whether the line asks about a later part of the day than the one its NPC is busy with
    now ("after dinner?"; not "before school" of one who is reading before school)."""
    later = _LATER.search(h.reading.text)
    return later is not None and later.group(0) not in (h.req.schedule_activity or "").lower()


_LATER = re.compile(r"\b(?:after|before) (?:lunch|dinner|tea|supper|breakfast|school|work|class|church|the break)\b"
                    r"|\blater on\b|\btonight\b|\bthis (?:afternoon|evening)\b")
"""A later part of the day ("are we doing anything after dinner?"): not what it is doing now."""

JOB_ASKED = re.compile(r"\b(?:profession|occupation|job title|remit|core function)\b"
                        r"|\bwhat line of (?:work|business) (?:brings|brought|are|were|is|do|did) you\b"
                        r"|\byour role\b(?! in\b)"
                        r"|\b(?:what|which) (?:job|work|trade)\b.* before (?:retiring|you retired)\b"
                        r"|\bwhat (?:post|position|office|job|role) (?:do|did) you (?:hold|have|fill|occupy)\b"
                        r"|\bwhat (?:do|did) you do for (?:a living|work|your living)\b")
"""A job asked by name ("your profession", "what line of work brings you here?", "what post
do you hold?", "what do you do for a living that brings you here?"), whatever else the line's
words are near."""


_NAMING = word_set("name names named called")
_CALLING = ("do you call", "do they call", "do people call", "do we call", "does everyone call", "would you call")
"""Words of a question that asks what someone or something is called ("that sword on your
hip got a name?", "what do you call the kiln?")."""
_NOT_NOW = word_set("will would shall going gonna did was were had")
"""Words that put a question at another time than now ("will it...", "did you...")."""


_MAYBE_TITLES = word_set("mayor nurse captain professor teacher boss")
"""Words that may stand before a name said last ("..., Mayor Pieter?")."""


def asks_activity(r: Reading) -> bool:
    """Whether what the NPC is doing now answers the line: not when it asks a count, an
    amount, a time, a reason or a person ("how many calls did you get through?"), nor about
    another time ("yesterday", "will it be..."). A question behind a leading clause ("if
    someone swapped it, what did the thief look like?") is judged by its own words."""
    _, asked = question_at_end(r.raw)
    if not asked and len(clauses := clauses_of(r.raw)) > 1 and clauses[-1].rstrip().endswith("?") \
            and len(set(read(clauses[-1]).words) - TITLES - _MAYBE_TITLES) > 1:  # not "..., Tomas?": a name
        asked = clauses[-1]  # "you've had that headset on since I came in, busy morning?"
    r = read(asked) if asked else r
    if r.wh not in (None, "what", "where", "how"):
        return False
    if r.has("how many", "how long", "how old", "how often", "how far", "what kind", "what sort", *_CALLING) or set(
            r.words) & _NAMING:  # "what's the name of that tune you were playing?" asks a name, not the doing
        return False
    lead = [w for i, w in enumerate(r.body[:3]) if not (w == "going" and r.body[i + 1:i + 2] == ("on",))]
    return not other_time(r) and not (set(lead) & _NOT_NOW)  # "what's going on with...": now, not "going to"
