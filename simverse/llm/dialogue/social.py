"""The social side of talk: greetings, thanks, farewells, small talk, reacting to news,
and questions about the NPC itself (how it is, what it does, what it is doing, what it
sells, what it wants), all from the request and in the NPC's voice."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest, FactView
from simverse.core.names import FUNCTION_WORDS, word_form_set, word_forms, word_set
from simverse.llm.dialogue.activity_asked import (
    JOB_ASKED,
    activity_asked,
    asks_activity,
    doing_asked,
    says_activity,
    seen_doing,
)
from simverse.llm.dialogue.aims import as_own, goal_answer, goal_asked, hoped_deed, hoped_for, kind_asked, saving_asked
from simverse.llm.dialogue.answers import (
    Heard,
    Said,
    answer_about,
    fact_sentence,
    name_of,
)
from simverse.llm.dialogue.clausal import late_question
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
from simverse.llm.dialogue.people import asks_for_person
from simverse.llm.dialogue.reading import CALLED_YOU, YOU_WORDS, Reading, read
from simverse.llm.dialogue.roles import other_time
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
    elif _anecdote(h):  # "I dropped my purse and a stranger handed it back": a pleasantry, not surprise
        text = h.voice.say("small_talk", h.rng)
    else:
        text = h.voice.say("ack_new", h.rng)
    return _with_news(h, text)


_HEARSAY = ("heard", "they say", "people say", "word is", "word around", "rumour", "rumor", "apparently",
            "did you know", "guess what", "told me", "between you and me")
"""Words that pass on what others say: news to be surprised at, not a story of one's own."""


def _anecdote(h: Heard) -> bool:
    """Whether a line tells the speaker's own story, or one about the NPC, asking nothing and
    naming nothing of the world but where they are: no news the NPC could have missed."""
    return "?" not in h.reading.raw and not h.reading.has(*_HEARSAY) \
        and all(t in (h.req.place, h.req.npc) for t in h.topics)


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
    now = asks_activity(r) or (r.wh in ("who", "whom") and not other_time(r))  # "who are you welcoming?"
    if req.schedule_activity and ((now and doing_asked(r) and says_activity(r, req.schedule_activity))
                                  or doing_guessed(r, h.topics, req)):  # "are you queuing for something?"
        return Said(activity_now(h))  # "what are you queueing at the desk for?", "who are you welcoming?"
    if asks_for_person(r) and not hoped_for(r):  # "who do you work with?": someone, not the NPC's own work
        return answer_about(h)
    deed = hoped_deed(r)  # "what are you keen to sell?" asks a goal where one says "sell"; "... sell me?" wares
    aimed = deed is not None and not r.has(f"{deed} me", f"{deed} us") and any(deed in word_forms(g) for g in req.goals)
    if (wares_asked_here(r) and not asks_origin(r) and not aimed) or (
            _OFFERED.search(r.text) and all(t == req.place for t in h.topics) and _priced_here(req)):
        return Said(" ".join(filter(None, (not_sold_here(r, req, h.topics), _wares(h)))))
    if (r.has("want", "hope", "plan", "goal", "wish", "dream", "need") or hoped_for(r)) and not other_time(r):
        if kind_asked(r) and not goal_answer(req, None, r):
            return answer_about(h)  # "which school do you want?": no goal names one
        return Said(goal_answer(req, h.goal_similarity or None) or "Nothing much, just to get through the day.")
    if goal_asked(r) and (not seen_doing(r) or saving_asked(r)) and not JOB_ASKED.search(r.text):  # a belief fits?
        return answer_about(h)
    if activity_asked(h):
        return Said(activity_now(h))
    if here_asked(r) or (r.has("where are you", "this place") and not r.has(
            "where are you from", "where are you originally")):  # a birthplace, not where it stands
        return Said(f"This is {name_of(h, req.place)}. {req.place_description}".strip())
    job = JOB_ASKED.search(r.text)  # "before retirement, what profession kept you busy?": any time
    if (job or r.has("do you do", "your job", "your work", "for a living", "what are you", "what work", "you work",
                     "is it you do", "is it that you do", "you do for work", "line of work", "your trade")) \
            and (asks_activity(r) or job) and not r.has(*_OFF_WORK) \
            and not (job and set(word_forms(who_i_am(req))) & _NO_CALLING):  # a customer's job?
        return Said(f"I'm {who_i_am(req)}.")
    if (req.schedule_activity and asks_activity(r)
            and (set(word_forms(req.schedule_activity)) & set(word_forms(r.text))) - FUNCTION_WORDS):
        return Said(activity_now(h))  # not for "when does school finish?": what it is doing says no time
    return answer_about(h)


_NO_CALLING = word_set("customer patient visitor tourist guest pupil student child kid boy girl passenger client")
_OFF_WORK = ("when you are not", "for fun", "spare time", "free time", "day off", "days off", "off duty")
"""What one does off work is no job ("what is it you do when you're not working?")."""


def own_day_asked(h: Heard) -> bool:
    """A line asking the NPC who it is (even as an order: "introduce yourself") or, not as
    an order, what its day holds or how it has gone, whatever the intent its words were
    nearest to ("tell me a bit about you" is no confidence)."""
    return introduction_asked(h.reading, h.topics, h.req) or (h.intent != "request" and (
        day_plan_asked(h.reading, h.topics, h.req) or (day_gone_asked(h.reading) and not h.topics)
        or _own_job_asked(h)))


def _own_job_asked(h: Heard) -> bool:
    """"What post do you hold at the museum?", "what line of work brings you here?": the NPC's
    own job asked by name, though the line names a place (the job is said where it is held)."""
    return bool(JOB_ASKED.search(h.reading.text) and set(h.reading.words) & YOU_WORDS) and not any(
        h.req.names[t].kind == "npc" for t in h.topics if t in h.req.names and t != h.req.npc)


def here_asked(r: Reading) -> bool:
    """"Where are we?", "what is this place?", "how's the view?": where the asker stands,
    which the NPC names and describes from where it is, though the words are those of asking the way."""
    return bool(_HERE.search(" ".join(r.body or r.words))) or view_asked(r)  # "what can you see from up there?"


_HERE = re.compile(r"^(?:so |and |sorry |excuse me )?(?:where (?:are we|am i)|what (?:is this place|place is this))"
                   r"(?: (?:now|exactly|then|again|right now))?$")


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


__all__ = ["about_me", "activity_now", "answer_news", "farewell", "greet",
           "here_asked", "own_day_asked", "react", "small_talk", "thanks", "told", "who_i_am"]
