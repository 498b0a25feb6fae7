"""Replies for a batch of ``reply`` requests: read each last line, decide its intent (one
embedder batch for the unclear ones), then answer by intent.

The steps, each a small function:

1. :func:`hear` — the line read (:mod:`.reading`), the names it uses other than the NPC's
   own (perception's ``mentioned``), whether it touches the NPC's own work;
2. :meth:`IntentModel.classify` — intents for all lines at once;
3. :func:`.likeness.similarities` — for questions, the line's cosine to each belief (one more
   embedder batch);
4. :func:`answer` — the answer for the intent (:mod:`.answers`, :mod:`.social`,
   :mod:`.orders`), a greeting in front when the line opened with one;
5. :func:`as_decision` — the reply as a :class:`Decision` (an agreed action becomes the
   decision's action: a promise the world lets the NPC keep next step).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace

from simverse.core.decisions import Decision, DecisionRequest, Turn
from simverse.core.names import FUNCTION_WORDS, ROLE_NOUNS, NameIndex, name_words, word_form_set, word_forms
from simverse.llm.dialogue.acquainted import known_people
from simverse.llm.dialogue.activity_asked import doing_now_asked
from simverse.llm.dialogue.aims import goal_answer, goal_asked, hour_asked
from simverse.llm.dialogue.answers import (
    Heard,
    Said,
    answer_about,
    answer_way,
    capital,
    dont_know,
)
from simverse.llm.dialogue.asides import said_without_asides
from simverse.llm.dialogue.bonds import bond_asked, bond_remarked, disliked_asked, liked_asked
from simverse.llm.dialogue.called import what_it_is_called
from simverse.llm.dialogue.carried import carried_told
from simverse.llm.dialogue.character import character, character_asked, seen_by_others
from simverse.llm.dialogue.cheapest import prices_compared
from simverse.llm.dialogue.claims import last_line_checked
from simverse.llm.dialogue.clausal import asked_late, asked_topics, late_question
from simverse.llm.dialogue.counts import count_unknown
from simverse.llm.dialogue.deed_closeness import deed_similarities
from simverse.llm.dialogue.doing_now import thing_in_use
from simverse.llm.dialogue.framing import framed_plainly
from simverse.llm.dialogue.gamer import played_plainly
from simverse.llm.dialogue.greetings import introduces, is_greeting
from simverse.llm.dialogue.hints import work_hinted
from simverse.llm.dialogue.intents import Cues, IntentModel
from simverse.llm.dialogue.kept_lines import as_asked, asked_part, bare_order  # kept per text
from simverse.llm.dialogue.knowing import SECRET_AFFINITY
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.likeness import similarities
from simverse.llm.dialogue.map_told import told_by_the_map
from simverse.llm.dialogue.motives import Motive, motive_asked, motive_of
from simverse.llm.dialogue.name_asked import name_of_described
from simverse.llm.dialogue.nearest_answer import with_nearest
from simverse.llm.dialogue.news import answer_confidence, answer_news
from simverse.llm.dialogue.obstacles import obstacle_told
from simverse.llm.dialogue.orders import answer_request, do_hinted
from simverse.llm.dialogue.own_life import own_life_asked, own_life_unknown, own_past
from simverse.llm.dialogue.own_time import own_span, own_when, span_asked
from simverse.llm.dialogue.participles import participle_asked
from simverse.llm.dialogue.parts import after_story, points_back
from simverse.llm.dialogue.place_closeness import place_similarities
from simverse.llm.dialogue.possessives import own_goal_named
from simverse.llm.dialogue.reading import THEIR_NAME, Reading, addressed, asks_opinion, read
from simverse.llm.dialogue.reported import people_in
from simverse.llm.dialogue.requesting import action_verbs
from simverse.llm.dialogue.roles import other_time, person_by_role
from simverse.llm.dialogue.similarities import (
    action_similarities,
    activity_similarity,
    goal_similarities,
    role_similarities,
)
from simverse.llm.dialogue.sketched import (
    named_within,
    person_sketched,
    things_describing_people,
)
from simverse.llm.dialogue.social import (
    about_me,
    activity_now,
    farewell,
    greet,
    here_asked,
    own_day_asked,
    react,
    small_talk,
    thanks,
    tod,
    told,
    who_i_am,
)
from simverse.llm.dialogue.spoken import fluent
from simverse.llm.dialogue.stated import briefed_plainly
from simverse.llm.dialogue.synonyms import bridge
from simverse.llm.dialogue.things_described import thing_described
from simverse.llm.dialogue.typed import plainly
from simverse.llm.dialogue.voice import voice_for
from simverse.llm.dialogue.wares import answer_price, ware_meant, ware_similarities

_TRADING = ("sell", "sells", "selling", "sold", "buy", "stock", "stocks")
"""Words of a question about where or from whom a ware is had, which may name it in other words."""
CLOSE_AFTER = 3
"""From this many lines on, a conversation that has run its course may end by chance."""
ANSWERS: dict[str, Callable[[Heard], Said]] = {
    "greet": greet, "farewell": farewell, "thanks": thanks, "ask_news": answer_news, "ask_self": about_me,
    "ask_about": answer_about, "ask_price": answer_price, "ask_way": answer_way, "request": answer_request,
    "tell": told, "react": react, "small_talk": small_talk, "confide": answer_confidence,
}
_PASSING_OVER = frozenset({"react", "small_talk"})
"""Intents that answer a line without telling what it asks. Not ``tell``: news is often
asked as a question ("did you know that...?", "have you heard?")."""
QUESTIONS = frozenset({"ask_news", "ask_self", "ask_about", "ask_price", "ask_way", "request", "confide"})


def hear(req: DecisionRequest) -> tuple[Reading, list[str], Cues]:
    """The last line read, the names it uses (not the NPC's own), and its cues: whether
    it names something or shares words with a belief, touches the NPC's own work ("how's
    the fishing?" to a fisherman), and the world's action words."""
    names = name_words(req.names)
    line = in_usual_order(req.conversation[-1].text) if req.conversation else ""  # "you can sell me one?"
    checked = last_line_checked(req)  # "Ada's the boss, right?": "who is the boss?"
    said = bare_order(as_asked(checked))  # "I was told somebody...", "I wonder if you'd mind firing up..."
    part = asked_part(said, action_verbs(req), names)
    reading = asked_late(read(part, own_words(req), names))  # "..., what..."
    topics = [m for m in req.mentioned if m != req.npc and not (
        m == req.partner and m in req.names and introduces(said, req.names[m].name))]  # "it's Theo."
    if after_story(said, part) and isinstance(req.names, NameIndex):  # a story, then the question it leads to
        topics = _named_in(part, topics, req.names)
    if said != line:  # the guessed person, or the one a question is passed on from, is not asked about
        topics = people_in(said, topics, req.names, strict=name_of_described(checked) is not None)
    asked = asked_topics(reading, topics, req.names)  # "so if the map's locked up, where's the key": the key
    not_asked = things_describing_people(said, req.names, topics)  # "the herb-woman": not the herbs
    topics = [t for t in dict.fromkeys([*asked, *topics]) if t not in not_asked]
    words = set(word_forms(reading.text)) - FUNCTION_WORDS
    mine = (word_form_set(req.schedule_activity or "") | (word_form_set(req.persona) & ROLE_NOUNS)) - FUNCTION_WORDS
    believed = any(len(words & word_form_set(f.text)) >= 2 for f in req.facts)
    about = {e for f in req.facts for e in (f.subject, f.object)}
    known = [t for t in topics if t in about or (t in req.names and req.names[t].kind != "concept")]
    place = any(t != req.place and t in req.names and req.names[t].kind == "place" for t in topics)
    return reading, topics, Cues(bool(topics) or believed, bool(mine & words), action_verbs(req),
                                 bool(known) or believed, place, names)


def _named_in(part: str, topics: list[str], names: NameIndex) -> list[str]:
    """``topics`` less those a story before the question names and the question does not, but
    for what it points back to: "could you welcome them?" keeps the people, "how do we get
    there?" the places."""
    named = set(names.find(plainly(part, names.words)))
    words = read(part).words
    people = points_back(tuple(w for w in words if w != "there"))
    places = "there" in words and points_back(words)
    return [t for t in topics if t in named or (places if names[t].kind == "place" else people)]


def own_words(req: DecisionRequest) -> frozenset[str]:
    """Words never "corrected" as misspellings besides the world's names: the words of
    what the NPC believes, is and is to others ("deskmate" is no typo of "desolate")."""
    texts = [f.text for f in req.facts] + list(req.relation_kinds.values()) + [req.persona]
    return frozenset().union(*map(word_form_set, texts))  # each text's words kept: one union in C


def sketched_first(model: IntentModel, r: Reading, req: DecisionRequest, topics: list[str],
                   acting: bool = False) -> list[str]:
    """The topics of a question that names no person but describes one ("the woman behind
    the medicines counter", :mod:`.sketched`) or asks how the NPC stands with one it calls
    by their role ("have you dealt with the manager before?"), that person first. In a
    request (``acting``) the person described is whom it is for even where it names another
    ("the young mum with the toddler needs the doctor, book her in")."""
    people = [t for t in topics if t in req.names and req.names[t].kind == "npc"]
    if people and not acting and not named_within(r.raw, req, people):  # "the lady who keeps cornering your guard"
        return topics
    if not acting and (liked_asked(r) or disliked_asked(r)):  # "who's the one person here you can't stand?"
        return topics
    bond = asks_opinion(r) or bond_asked(r)
    named_back = r.has(*THEIR_NAME)  # "the manager behind the glass, what's his name?"
    person = person_by_role(r, req) if (bond or named_back) and not people else None
    person = person or person_sketched(model, r.raw, req, known=bond, named=named_back or r.has("name of"))
    return topics if person is None else [person, *(t for t in topics if t != person)]


def _said_plainly(req: DecisionRequest) -> DecisionRequest:
    """``req`` with its last line as if typed (:func:`.spoken.fluent`), an ask to be briefed
    as one to be told (:func:`.stated.briefed_plainly`), what its answer is for and wry asides
    left out (:func:`.framing.framed_plainly`, :func:`.asides.said_without_asides`) and a
    player's game talk said plainly
    (:func:`.gamer.played_plainly`); ``req`` itself where that changes nothing."""
    if not req.conversation:
        return req
    last = req.conversation[-1]
    keep = name_words(req.names)
    text = played_plainly(said_without_asides(framed_plainly(briefed_plainly(fluent(last.text)), keep)), keep)
    return req if text == last.text else replace(req, conversation=[*req.conversation[:-1], Turn(last.speaker, text)])


def reply_batch(requests: Sequence[DecisionRequest], model: IntentModel) -> list[Decision]:
    """One reply decision per request, each seeded by its own request, its last line read
    plainly (:func:`_said_plainly`)."""
    requests = [_said_plainly(req) for req in requests]
    heard = [hear(req) for req in requests]
    intents = model.classify([h[0] for h in heard], [h[2] for h in heard])
    asking = [i for i, intent in enumerate(intents)
              if intent in ("ask_about", "ask_way", "ask_self", "ask_price", "ask_news", "confide")]
    sims = dict(zip(asking, similarities(model.encoder, [(heard[i][0], requests[i]) for i in asking]), strict=True))
    acting = [i for i, intent in enumerate(intents) if intent == "request"]
    acts = dict(zip(acting, action_similarities(model, [(heard[i][0], requests[i]) for i in acting]), strict=True))
    decisions = []
    for i, req in enumerate(requests):
        reading, topics, _ = heard[i]
        remark = bond_remarked(reading) and bond_asked(reading) and not any(  # "you and the lass who keeps the..."
            t in req.names and req.names[t].kind == "npc" for t in topics)
        if (i in sims or i in acts or remark) and (sketched := sketched_first(model, reading, req, topics, i in acts)) \
                != topics:
            topics = sketched  # "the cheery lad on the front counter - do you two work together?": about him
            intents[i] = "ask_about" if intents[i] == "ask_self" else intents[i]
        if (i in sims or i in acts) and (thing := thing_described(model, reading, req, topics)) is not None:
            topics = [thing, *topics]  # "the warm thing they ladle into bowls": the soup
        rng = random.Random(req.seed)
        facts, relations = sims.get(i, (None, {}))
        bridged = None
        if facts is not None:
            facts, bridged = bridge(model, reading, req, facts)
        roles = role_similarities(model, reading, req) if i in sims else {}
        wares = ware_similarities(model, reading, req, topics) if intents[i] in ("ask_price", "request") or (
            i in sims and reading.has(*_TRADING)) else {}
        if i in sims and intents[i] != "ask_price" and (ware := ware_meant(wares)) is not None:
            topics = [ware, *topics]  # "who's selling them paper lights?": the paper lantern
        goals = goal_similarities(model, reading, req) if i in sims else []
        deeds = deed_similarities(model, reading, topics, req) if i in sims else {}
        doing = activity_similarity(model, reading, req) if i in sims else 0.0
        places = place_similarities(model, reading, req, walk=intents[i] == "request") if i in sims or i in acts \
            else {}
        motive = _motive(model, reading, req) if i in sims else None
        h = Heard(req, reading, intents[i], topics, voice_for(req), rng, facts, relations,
                  bridged, acts.get(i, {}), roles, wares, goals, deeds, doing, places, motive)
        decisions.append(as_decision(req, with_nearest(model, h, answer(h))))
    return decisions


def _motive(model: IntentModel, r: Reading, req: DecisionRequest) -> Motive | None:
    """How the line asks what drives the NPC: the line without the NPC's name, or the clause
    that asks after a lead-in ("you look tired, what's eating you"), whichever asks it more."""
    said = [motive_of(model, r, text, req) for text in dict.fromkeys([addressed(r, req.npc), late_question(r)]) if text]
    return max((m for m in said if m is not None), key=lambda m: m.margin, default=None)


def answer(h: Heard) -> Said:
    """The answer for the line's intent; a conversation that has run its course may end."""
    if h.intent not in QUESTIONS and len(h.req.conversation) >= CLOSE_AFTER and h.rng.random() < 0.5:
        return Said(h.voice.say("closer", h.rng), end=True)
    intent = "small_talk" if h.intent == "greet" and len(h.req.conversation) > 2 else h.intent
    intent = "ask_self" if doing_now_asked(h) or own_day_asked(h) else intent
    intent = "ask_self" if intent in ("ask_way", "ask_about") and not h.topics and here_asked(h.reading) else intent
    if intent in ("confide", "react", "small_talk", "ask_news", "ask_price", "farewell", "tell") and goal_asked(
            h.reading):
        intent = "ask_self"  # "you keep looking at your watch, got somewhere to be?"
    remarked = intent == "request" and bond_remarked(h.reading)  # "yous sit together, don't ya": no order
    if (intent in ("tell", "react", "small_talk", "greet", "ask_news", "confide") or remarked) and _person_first(h) \
            and bond_asked(h.reading):  # "whats going on between u two" asks no news
        intent = "ask_about"  # "the trader with the charms - you two seem awful chummy"
    if intent != "request" and not _person_first(h) and (span := own_span(h.req, h.reading)
                                                          or own_when(h.req, h.reading)):
        return Said(span)  # "been a guard here long?": "Twenty years on the job."; "when's your big race?"
    if unknown := _unknowable(h, intent):
        return Said(unknown, settled=True)
    if intent not in ("farewell", "thanks", "request", "ask_way") and not _others_named(h) \
            and (known := known_people(h.req, h.reading)):
        return Said(known)  # "is anybody here known to you?": "Sunita is my neighbour."; "what am I to you?"
    line = h.req.conversation[-1].text if h.req.conversation else ""  # "when you're older, what...": all of it
    if doing := _doing_now(h, intent):
        return Said(doing)  # "Shopping for something?", "why are you here so early?"
    if intent in QUESTIONS and not _others_named(h) and (kept_from := obstacle_told(h.req, h.reading)):
        return Said(kept_from)  # "what's stopping you getting into your account?"
    if intent in QUESTIONS and not _others_named(h) and not goal_asked(h.reading) \
            and (carried := carried_told(h.req, h.reading)):  # not "...and what do you want done with it?"
        return Said(carried)  # "your bag is heavy, no? what is inside"
    if intent in QUESTIONS and not _others_named(h) and (used := thing_in_use(h.reading, h.req)):
        return Said(f"{capital(used)}. {activity_now(h)}")  # "reading already? which book?"
    if intent in QUESTIONS and (called := what_it_is_called(h)):
        return Said(called)  # "the beer hall beside the quay, what do people call it?"
    if intent in QUESTIONS - {"request"} and (priced := prices_compared(h, intent)) is not None:
        return priced  # "what's the least I'd pay for something to eat?", "which is cheaper, X or Y?"
    if mapped := told_by_the_map(h, intent, intent in QUESTIONS, line):
        return Said(mapped)  # "which room is right next door to your studio?", "from here I can step into..., yes?"
    if intent not in ("farewell", "thanks", "request") and (
            (character_asked(h.reading, h.req.npc) and not _others_named(h)) or seen_by_others(h.reading)):
        return Said(character(h.req, who_i_am(h.req)))  # "how would you describe yourself?"
    if intent not in ("farewell", "thanks") and not _others_named(h) and (part := own_life_asked(h.reading) or (
            own_life_asked(read(line)) if line and line.lower() != h.reading.raw else None)):
        if own_life_unknown(h.req, part):
            return Said(dont_know(h, []), settled=True)  # "got a missus at home?": nothing it is given says
        if part == "before" and (past := own_past(h.req, h.reading)):
            return Said(past)  # "what did you do before you retired?": "I'm a retired schoolteacher..."
    if intent in ("tell", "react", "small_talk") and (work := work_hinted(h.reading, h.req)):
        return do_hinted(h, work)  # "that wallboard's lit up behind you"
    if intent in QUESTIONS and hidden_things(h.req, h.topics, h.reading if intent == "request" else None):
        return Said(h.voice.say("deflect", h.rng))  # even its name tells the secret ("the pop quiz papers")
    said = _or_goals(h, ANSWERS[intent](h))
    said.passed_over = intent in _PASSING_OVER and h.reading.question
    if h.intent not in ("greet", "farewell") and is_greeting(h.reading) and len(h.req.conversation) <= 1:
        hello = h.voice.say("greet", h.rng, tod=tod(h.req.hour), tod_cap=tod(h.req.hour).capitalize())
        said.text = f"{hello} {said.text}"
    return said


def _or_goals(h: Heard, said: Said) -> Said:
    """The NPC's goals instead of ``said`` where the line asks what drives it ("what's driving
    you?") or about its own thing a goal names ("what about your refund?", not "I don't know
    about the refunds"), and ``said`` does not answer it; not "what did you want to be as a girl?"."""
    own_aim = not said.told and own_goal_named(h.reading.words, h.req.goals, h.req.npc)
    if (said.unsure or own_aim) and h.motive is not None and (motive_asked(h.motive) or own_aim) \
            and not other_time(h.reading):
        return Said(goal_answer(h.req, h.motive.goals))
    return said


def _doing_now(h: Heard, intent: str) -> str:
    """What the NPC is doing, when a line asks it ("shopping for something?") or asks why it is
    about at this hour ("why are you playing here so early?": then what it is after too); ""."""
    if not h.req.schedule_activity or _others_named(h):
        return ""
    if intent not in ("farewell", "thanks") and participle_asked(h.reading):
        return activity_now(h)
    if intent in QUESTIONS and hour_asked(h.reading):
        return f"{activity_now(h)} {goal_answer(h.req, h.goal_similarity or None)}".strip()
    return ""


def _unknowable(h: Heard, intent: str) -> str:
    """"I don't know" where what is asked is plainly nothing it holds: a count ("how many
    stairs climb up to your lamp?") or a span put as a remark ("you must have been on the
    phones for years, since when"); "" otherwise."""
    if intent in ("ask_self", "ask_about") and count_unknown(h.req, h.reading, h.topics, h.similarity or ()):
        return dont_know(h)
    if intent in ("tell", "react", "small_talk", "greet") and not _person_first(h) \
            and span_asked(h.reading, h.req.persona):
        return dont_know(h, [])
    return ""


def _person_first(h: Heard) -> bool:
    """Whether the line's first topic is a person."""
    return bool(h.topics) and h.topics[0] in h.req.names and h.req.names[h.topics[0]].kind == "npc"


def _others_named(h: Heard) -> bool:
    """Whether the line names a person other than the NPC and the one speaking to it."""
    return any(t != h.req.partner and t in h.req.names and h.req.names[t].kind == "npc" for t in h.topics)


def hidden_things(req: DecisionRequest, topics: Sequence[str], bid: Reading | None = None) -> list[str]:
    """Things the line names that the NPC has or sees and keeps secret (``secret`` among
    their properties) from a speaker it does not trust. In a ``bid`` (a request), only those
    named by a word no action of the world says: "grade that pile of papers" names work,
    not the pop quiz papers."""
    if req.relationships.get(req.partner or "", 0.0) >= SECRET_AFFINITY:
        return []
    hidden = [t for t in topics if req.item_info.get(t, {}).get("secret") is True]
    if bid is None or not hidden:
        return hidden
    deeds = {w for a in req.actions for w in word_forms(a.description)}
    return [t for t in hidden if t in req.names and set(word_forms(req.names[t].name)) & set(bid.words) - deeds]


def as_decision(req: DecisionRequest, said: Said) -> Decision:
    """The reply as a decision: ``talk`` to the partner, or the action agreed to."""
    partner = req.partner or ""
    if said.action == "talk":
        return Decision(req.npc, "talk", {"npc": partner}, said.text, told_facts=said.told,
                        end_conversation=said.end)
    return Decision(req.npc, said.action, dict(said.args), said.text, told_facts=said.told,
                    end_conversation=said.end)
