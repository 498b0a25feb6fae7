"""The social side of talk: greetings, thanks, farewells, small talk, reacting to news,
and questions about the NPC itself (how it is, what it does, what it is doing, what it
sells, what it wants), all from the request and in the NPC's voice."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest, FactView
from simverse.core.names import FUNCTION_WORDS, same_root, word_form_set, word_forms, word_set
from simverse.llm.dialogue.aims import AIM_WORDS, as_own, goal_answer, goal_asked, hoped_for, kind_asked, saving_asked
from simverse.llm.dialogue.answers import (
    Heard,
    Said,
    answer_about,
    fact_sentence,
    name_of,
)
from simverse.llm.dialogue.clausal import asked_topics, late_question
from simverse.llm.dialogue.described import asks_origin, view_asked
from simverse.llm.dialogue.doing_now import busy_remarked, doing_guessed
from simverse.llm.dialogue.knowing import clause
from simverse.llm.dialogue.news import answer_news, news_for
from simverse.llm.dialogue.own_day import (
    day_gone_asked,
    day_plan,
    day_plan_asked,
    introduction,
    introduction_asked,
    state_asked,
)
from simverse.llm.dialogue.parts import clauses_of, question_at_end
from simverse.llm.dialogue.people import asks_for_person
from simverse.llm.dialogue.reading import CALLED_YOU, YOU_WORDS, Reading, read
from simverse.llm.dialogue.roles import other_time
from simverse.llm.dialogue.unmarked import last_sentence
from simverse.llm.dialogue.voice import coins_text, weather_said
from simverse.llm.dialogue.wares import not_sold_here, wares_asked_here

HUNGRY = 0.6
NEWS_AFTER = ("And I heard that {text}.", "That reminds me: {text}.", "Also, {text}.")
"""How a reply passes on news of its own after reacting."""
_SEGMENT = re.compile(r"[:;,]| who | whose | with ")
_NOT_VERBS = word_set("morning evening something nothing anything everything thing spring string king ring wing "
                      "building ceiling evening wedding pudding")
_WEATHER = word_set("weather rain sun sunny cloud cloudy cold warm hot wind windy storm snow fog day "
                     "evening morning sky sea")


def tod(hour: float) -> str:
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


def greet(h: Heard) -> Said:
    """A greeting back, and an offer to help (to a stranger) or news (to a friend)."""
    text = h.voice.say("greet", h.rng, tod=tod(h.req.hour), tod_cap=tod(h.req.hour).capitalize())
    if h.voice.warmth >= 0.2:
        fact = news_for(h.req, h.rng)
        if fact is not None:
            return Said(f"{text} {fact_sentence(h, fact)}", [fact.key])
    if h.voice.warmth > -0.2 and not h.voice.partner_known:
        text += " What can I do for you?"
    return Said(text)


def farewell(h: Heard) -> Said:
    return Said(h.voice.say("farewell", h.rng), end=True)


def thanks(h: Heard) -> Said:
    return Said(h.voice.say("thanks", h.rng))


def small_talk(h: Heard) -> Said:
    """Agree about the weather (as it is), say what keeps it busy, or answer in kind; friends add news."""
    if h.req.schedule_activity and busy_remarked(h.reading):  # "you look ever so busy at your desk"
        return Said(f"I am. {activity_now(h)}")
    weather = f"{weather_said(h.req.weather).capitalize()} {tod(h.req.hour)} here, yes." if h.req.weather else "It is."
    return _with_news(h, weather if set(h.reading.words) & _WEATHER else h.voice.say("small_talk", h.rng))


def react(h: Heard) -> Said:
    """After a reaction: pass on news of its own, or end when it has nothing to add."""
    said = _with_news(h, "")
    if said.told:
        return said
    return Said(h.voice.say("closer", h.rng), end=True) if len(h.req.conversation) >= 2 else Said(
        h.voice.say("small_talk", h.rng))


def told(h: Heard) -> Said:
    """News heard: "I know, X told me" when it already believes it, else surprise; then
    news of its own."""
    known = _already_believed(h)
    if known is not None and known.told_by == h.req.partner:
        text = "Yes, you told me already."
    elif known is not None and known.told_by:
        text = h.voice.say("ack_known", h.rng, teller=known.told_by)
    elif known is not None:
        text = "I know." if h.voice.tone == "gruff" else "Yes, I know that already."
    else:
        text = h.voice.say("ack_new", h.rng)
    return _with_news(h, text)


def _already_believed(h: Heard) -> FactView | None:
    line = set(word_forms(h.reading.text))
    for fact in h.req.facts:
        words = word_form_set(fact.text)
        if words and len(line & words) >= max(2, len(words) // 2):
            return fact
    return None


def _with_news(h: Heard, text: str) -> Said:
    fact = news_for(h.req, h.rng)
    if fact is None:
        return Said(text or h.voice.say("small_talk", h.rng))
    news = h.rng.choice(NEWS_AFTER).format(text=clause(fact.text, fact.told_by))
    return Said(f"{text} {news}".strip(), [fact.key])


def about_me(h: Heard) -> Said:
    """A question about the NPC itself, told from its persona, activity, place, wares,
    needs and goals. What a lead-in says ("you'd sell anything. what's your big dream?")
    does not choose which of these the question asks."""
    req = h.req
    r = read(late) if (late := late_question(h.reading)) else h.reading
    if state_asked(r):
        return Said(_state(req))
    if r.has("your name", "who might you be", *CALLED_YOU) or r.text.endswith("who are you") or r.has(
            "who are you exactly"):
        return Said(f"I'm {req.npc}, {who_i_am(req)}.")
    doing = activity_now(h) if req.schedule_activity else ""
    if introduction_asked(r, h.topics, req):
        return Said(introduction(f"{req.npc}, {who_i_am(req)}", doing, goal_answer(req, h.goal_similarity or None)))
    if day_plan_asked(r, h.topics, req):
        return Said(day_plan(doing, goal_answer(req, h.goal_similarity or None)))
    if req.schedule_activity and ((asks_activity(r) and _doing_asked(r) and _says_activity(r, req.schedule_activity))
                                  or doing_guessed(r, h.topics, req)):  # "are you queuing for something?"
        return Said(activity_now(h))  # "what are you queueing at the desk for?" to one queueing for a guidebook
    if asks_for_person(r) and not hoped_for(r):  # "who do you work with?": someone, not the NPC's own work
        return answer_about(h)
    if (wares_asked_here(r) and not asks_origin(r)) or (
            _OFFERED.search(r.text) and all(t == req.place for t in h.topics) and _priced_here(req)):
        return Said(" ".join(filter(None, (not_sold_here(r, req, h.topics), _wares(h)))))
    if (r.has("want", "hope", "plan", "goal", "wish", "dream", "need") or hoped_for(r)) and not other_time(r):
        if kind_asked(r) and not goal_answer(req, None, r):
            return answer_about(h)  # "which school do you want?": no goal names one
        return Said(goal_answer(req, h.goal_similarity or None) or "Nothing much, just to get through the day.")
    if goal_asked(r) and (not _seen_doing(r) or saving_asked(r)):  # the goals, unless a belief fits better
        return answer_about(h)
    if activity_asked(h):
        return Said(activity_now(h))
    if here_asked(r) or (r.has("where are you", "this place") and not r.has(
            "where are you from", "where are you originally")):  # a birthplace, not where it stands
        return Said(f"This is {name_of(h, req.place)}. {req.place_description}".strip())
    job = _JOB_ASKED.search(r.text)  # "before retirement, what profession kept you busy?": any time
    if (job or r.has("do you do", "your job", "your work", "for a living", "what are you", "what work", "you work",
                     "is it you do", "is it that you do", "you do for work", "line of work", "your trade")) \
            and (asks_activity(r) or job) and not r.has(*_OFF_WORK) \
            and not (job and set(word_forms(who_i_am(req))) & _NO_CALLING):  # a customer's job?
        return Said(f"I'm {who_i_am(req)}.")
    if (req.schedule_activity and asks_activity(r)
            and (set(word_forms(req.schedule_activity)) & set(word_forms(r.text))) - FUNCTION_WORDS):
        return Said(activity_now(h))  # not for "when does school finish?": what it is doing says no time
    return answer_about(h)


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


_SEEN_DOING = re.compile(r"^what is (?:all (?:this|that)\b(?! about)|(?P<pointed>this|that|it|all (?:this|that)"
                         r"|the occasion)(?: in aid of| for| about)?$)"
                         r"|^why are you (?:[a-z]+ )?(?P<verb>[a-z]{3,}ing)\b"
                         r"|\bwhat (?:is (?:got|keeping|kept)|keeps) you (?:so |all )?(?:busy|occupied|buried|tied up"
                         r"|snowed under|absorbed|engrossed|preoccupied|wrapped up|hooked)\b")
""""What's that in aid of?", "what's the occasion?", "why are you singing?", "what's got you buried in
paperwork?": what the speaker sees the NPC doing ("all that about?" only after a lead-in saying it)."""
_BUSY_WITH = re.compile(r"\b(?:that|this|those|these) [a-z]+ (?:you|you have|you are)\b|\byou (?:are|have been) "
                        r"(?:[a-z]+ )?[a-z]+ing\b|^(?:[a-z]+ )?(?!(?:morning|evening|[a-z]*thing)\b)[a-z]{3,}ing\b")
""""That stack you've had your nose in", "plucking strings already": what the NPC is busy with."""


def _seen_doing(r: Reading) -> bool:
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


def _doing_asked(r: Reading) -> bool:
    """Whether the line asks what the NPC is busy doing, in the present with a verb of doing
    ("what are you crouched down picking?"), not of having, seeing or aiming, or what it is
    bent over ("what's that you're poring over?")."""
    match = _DOING_ASKED.search(" ".join(r.body or r.words))
    return (match is not None and match.group("verb") not in _HAVING and match.group("verb") not in AIM_WORDS) or (
        _BENT_OVER.search(r.text) is not None)


def _says_activity(r: Reading, activity: str) -> bool:
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
          "you occupied")
"""Plain words of asking what one is doing or has in mind ("what's taking all your attention?", "so absorbed?")."""


def activity_asked(h: Heard) -> bool:
    """Whether the line asks what the NPC is doing now: in plain words ("what are you up
    to?"), or, about now and about nothing but the NPC and where it is, close in meaning
    ("what has you up at this hour?")."""
    r = h.reading
    if _seen_doing(r):  # not "you've been squinting at the mayor, what's that about?": about him
        kinds = [h.req.names[t].kind for t in h.topics if t != h.req.npc and t in h.req.names]
        return not (r.text.endswith("about") and "npc" in kinds)
    if not asks_activity(r) or _JOB_ASKED.search(r.text):  # "what profession keeps you busy?": the job
        return False
    if r.has(*_DOING) or _doing_asked(r):  # "what are you fiddling with on your desk?"
        return True
    mine = all(t == h.req.place for t in h.topics) and bool(set(r.words) & YOU_WORDS)
    return mine and r.wh == "what" and h.activity_similarity >= ACTIVITY_CLOSE


def doing_now_asked(h: Heard) -> bool:
    """A question taken to be about something that names nothing and asks what the NPC is
    doing ("what has you up at this hour?"), or names only where it is, of which it believes
    nothing, and says "busy" or "doing" ("what keeps you busy in the library?"); one that
    names its place otherwise may be answered by a belief about it first. What a lead-in
    names ("curled up with the puzzle books, what's got you so absorbed?") is not asked."""
    find = getattr(h.req.names, "find", None)
    named = set(find(h.reading.text)) if find is not None else None  # the asked part's own names
    topics = [t for t in asked_topics(h.reading, h.topics, h.req.names) if named is None or t in named]
    here = not topics or (h.reading.has(*_DOING) and all(t == h.req.place for t in topics)
                            and not any(h.req.place in (f.subject, f.object) for f in h.req.facts))
    return (h.intent == "ask_about" and here and bool(set(h.reading.words) & YOU_WORDS or _seen_doing(h.reading))
            and activity_asked(h) and not _LATER.search(h.reading.text))


_LATER = re.compile(r"\b(?:after|before) (?:lunch|dinner|tea|supper|breakfast|school|work|class|church|the break)\b"
                    r"|\blater on\b|\btonight\b|\bthis (?:afternoon|evening)\b")
"""A later part of the day ("are we doing anything after dinner?"): not what it is doing now."""

_JOB_ASKED = re.compile(r"\b(?:profession|occupation)\b|\byour role\b(?! in\b)"
                        r"|\bwhat (?:job|work)\b.* before (?:retiring|you retired)\b")
_NO_CALLING = word_set("customer patient visitor tourist guest pupil student child kid boy girl passenger client")
_OFF_WORK = ("when you are not", "for fun", "spare time", "free time", "day off", "days off", "off duty")
"""What one does off work is no job ("what is it you do when you're not working?")."""


def own_day_asked(h: Heard) -> bool:
    """A line asking the NPC who it is (even as an order: "introduce yourself") or, not as
    an order, what its day holds or how it has gone, whatever the intent its words were
    nearest to ("tell me a bit about you" is no confidence)."""
    return introduction_asked(h.reading, h.topics, h.req) or (h.intent != "request" and (
        day_plan_asked(h.reading, h.topics, h.req) or (day_gone_asked(h.reading) and not h.topics)))


def here_asked(r: Reading) -> bool:
    """"Where are we?", "what is this place?", "how's the view?": where the asker stands,
    which the NPC names and describes from where it is, though the words are those of asking the way."""
    return bool(_HERE.search(" ".join(r.body or r.words))) or view_asked(r)  # "what can you see from up there?"


_HERE = re.compile(r"^(?:so |and |sorry |excuse me )?(?:where (?:are we|am i)|what (?:is this place|place is this))"
                   r"(?: (?:now|exactly|then|again|right now))?$")


_NAMING = word_set("name names named called")
_CALLING = ("do you call", "do they call", "do people call", "do we call", "does everyone call", "would you call")
"""Words of a question that asks what someone or something is called ("that sword on your
hip got a name?", "what do you call the kiln?")."""
_NOT_NOW = word_set("will would shall going gonna did was were had")
"""Words that put a question at another time than now ("will it...", "did you...")."""


def asks_activity(r: Reading) -> bool:
    """Whether what the NPC is doing now answers the line: not when it asks a count, an
    amount, a time, a reason or a person ("how many calls did you get through?"), nor about
    another time ("yesterday", "will it be..."). A question behind a leading clause ("if
    someone swapped it, what did the thief look like?") is judged by its own words."""
    _, asked = question_at_end(r.raw)
    if not asked and len(clauses := clauses_of(r.raw)) > 1 and clauses[-1].rstrip().endswith("?"):
        asked = clauses[-1]  # "you've had that headset on since I came in, busy morning?"
    r = read(asked) if asked else r
    if r.wh not in (None, "what", "where", "how"):
        return False
    if r.has("how many", "how long", "how old", "how often", "how far", "what kind", "what sort", *_CALLING) or set(
            r.words) & _NAMING:  # "what's the name of that tune you were playing?" asks a name, not the doing
        return False
    lead = [w for i, w in enumerate(r.body[:3]) if not (w == "going" and r.body[i + 1:i + 2] == ("on",))]
    return not other_time(r) and not (set(lead) & _NOT_NOW)  # "what's going on with...": now, not "going to"


def who_i_am(req: DecisionRequest) -> str:
    """The persona's first phrase, in the first person ("the village baker")."""
    segments = [s.strip() for s in _SEGMENT.split(req.persona) if s.strip()]
    for segment in segments:
        if req.npc not in segment:
            first, _, rest = segment.partition(" ")
            if first.lower() in ("a", "an", "the", "my"):
                return f"{first.lower()} {rest}".strip()
            if first.endswith("'s"):
                return segment
            return f"the {first.lower()} {rest}".strip()
    return "just someone from around here"


def _state(req: DecisionRequest) -> str:
    mood = str(req.properties.get("mood") or "").strip()
    hungry = req.needs.get("hunger", 0.0) >= HUNGRY
    base = f"I'm {mood}, thank you" if mood else "I'm well, thank you"
    if hungry:
        base += ", though I could do with something to eat"
    if req.schedule_activity:
        base += f"; {_busy(as_own(req.schedule_activity, req), 'busy ')}"
    return base + "."


def _busy(activity: str, prefix: str = "") -> str:
    """An activity as said after "I'm": "(busy) baking bread", "in the lesson", "busy with
    morning prayers" (not "I'm morning prayers")."""
    first = activity.split()[0]
    if first in ("in", "on", "at"):
        return activity
    if first.endswith("ing") and first not in _NOT_VERBS:
        return prefix + activity
    return f"busy with {activity}"


def activity_now(h: Heard) -> str:
    req = h.req
    if not req.schedule_activity:
        return f"Nothing in particular; I'm at {name_of(h, req.place)}."
    where = f" at {name_of(h, req.schedule_place)}" if req.schedule_place else ""
    doing = as_own(req.schedule_activity, req)  # "arranging her pencils": "arranging my pencils"
    if req.schedule_place and req.schedule_place != req.place:
        return f"I'm on my way to {name_of(h, req.schedule_place)}; {doing} next."
    return f"I'm {_busy(doing)}{where}."


_OFFERED = re.compile(r"\b(?:anything|something) (?:[a-z]+ )?to (?:eat|drink)\b"
                      r"|\b(?:cheapest|least expensive|most expensive|dearest|priciest)\b(?! (?:pal|friend|mate))")
""""Got anything to eat?", "the cheapest thing you've got?": what is sold here, asked without a word of selling."""


def _priced_here(req: DecisionRequest) -> bool:
    return any(req.item_info.get(i, {}).get("price") for i in req.items_here)


def _wares(h: Heard) -> str:
    req = h.req
    priced = [(i, req.item_info[i].get("price")) for i in req.items_here if req.item_info.get(i, {}).get("price")]
    if priced:
        return "Here you can get " + ", ".join(f"{name_of(h, i)} for {coins_text(p)}" for i, p in priced) + "."
    if req.inventory:
        return "All I have is " + ", ".join(name_of(h, i) for i in req.inventory) + "."
    return "Nothing to sell here, I'm afraid."


__all__ = ["about_me", "activity_asked", "activity_now", "answer_news", "doing_now_asked", "farewell", "greet",
           "here_asked", "own_day_asked", "react", "small_talk", "thanks", "told", "who_i_am"]
