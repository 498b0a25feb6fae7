"""An NPC's own voice: its tone (from its traits and persona) and its warmth towards the
person it talks to (from their relationship), applied to every kind of line it says.

A tone is a set of phrasings per kind of line (:data:`PHRASES`); a line is drawn from its
tone's phrasings with the request's seeded rng, then warmed or cooled for the speaker:
a friend is greeted by name, someone disliked gets the short form.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

from simverse.core.decisions import DecisionRequest
from simverse.core.names import word_set

TONE_WORDS: dict[str, frozenset[str]] = {
    "gruff": word_set("blunt proud quick-tempered gruff grumpy bitter suspicious bored stern dry-humoured "
                       "competitive tough impatient"),
    "shy": word_set("shy quiet solitary timid nervous anxious private soft-spoken meticulous"),
    "chatty": word_set("talkative gossipy curious jovial charming loud eager cheerful upbeat chatty "
                        "friendly funny naive excitable"),
    "gentle": word_set("gentle kind wise discreet patient warm calm generous caring polite fair"),
}
"""Trait (or persona) words that make each tone; a tie or no match gives ``plain``."""

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "plain": {
        "deflect": ("Let's not talk about that.", "That's my own business."),
        "dont_know": ("I don't know{about}.", "I couldn't tell you{about}; I haven't heard.",
                      "No idea{about}, I'm afraid."),
        "withhold": ("That's not something I'll talk about with you.", "I'd rather not say, not to you.",
                     "Some things aren't mine to tell."),
        "agree": ("All right, {what}.", "Fine, {what}.", "Very well: {what}."),
        "refuse": ("I can't do that: {why}.", "Not now, I'm afraid: {why}."),
        "heard_from": ("{teller} told me {clause}.", "I heard from {teller} that {clause}."),
        "own": ("{clause}, as far as I know.", "I know that {clause}."),
        "confide": ("Between you and me, {clause}.", "Keep this to yourself: {clause}."),
        "unsure": ("I've heard {clause}, but I'm not sure of it.", "They say {clause}; I can't swear to it."),
        "nothing_new": ("Nothing new that I know of.", "I don't know of any news, I'm afraid."),
        "ack_new": ("Really? I had no idea.", "Is that so?", "Well, well."),
        "ack_known": ("Yes, I'd heard that too.", "I know; {teller} told me."),
        "greet": ("Hello{name}.", "Good {tod}{name}."),
        "farewell": ("Good day{name}.", "Take care{name}."),
        "thanks": ("You're welcome.", "Glad to help."),
        "small_talk": ("Indeed.", "It is, isn't it?", "Can't complain."),
        "closer": ("I must get on. Good day!", "Let's talk later.", "Take care, {partner}."),
    },
    "gruff": {
        "deflect": ("Drop it.", "That's my business, not yours."),
        "dont_know": ("Don't know{about}.", "No idea{about}. Ask someone else.",
                      "Can't say{about}, I haven't heard."),
        "withhold": ("That's none of your business.", "I'm not telling you that.", "Not your concern."),
        "agree": ("Fine. {what}.", "If I must: {what}."),
        "refuse": ("Can't: {why}.", "No. {why}."),
        "heard_from": ("{teller} says {clause}.", "Word from {teller}: {clause}."),
        "own": ("{clause}. That's how it is.", "{clause}, and everyone should know it."),
        "confide": ("Keep it under your hat: {clause}.", "This stays between us: {clause}."),
        "unsure": ("Heard {clause}. Might be talk.",),
        "nothing_new": ("Nothing new. Don't know any news.",),
        "ack_new": ("Huh. Didn't know that.", "Is that so."),
        "ack_known": ("Old news. {teller} told me already.",),
        "greet": ("{tod_cap}{name}.", "What is it{name}?"),
        "farewell": ("Right. Off you go.", "Bye."),
        "thanks": ("Aye.", "Don't mention it."),
        "small_talk": ("Hm. Suppose so.", "If you say so."),
        "closer": ("Enough talk, I've work to do.", "That's all from me."),
    },
    "shy": {
        "deflect": ("I... would rather not talk about that.", "Can we talk about something else?"),
        "dont_know": ("Oh... I don't know{about}, sorry.", "I... couldn't say{about}. I haven't heard.",
                      "I'm not sure{about}; I don't know."),
        "withhold": ("I... I'd rather not say. Not to you.", "Please, I can't talk about that with you."),
        "agree": ("Oh, all right... {what}.", "I suppose so: {what}."),
        "refuse": ("I'm sorry, I can't: {why}.",),
        "heard_from": ("Well... {teller} told me {clause}.", "I only know what {teller} said: {clause}."),
        "own": ("I... I know that {clause}.", "If you must know, {clause}."),
        "confide": ("Please don't tell anyone... {clause}.", "Only because it's you: {clause}."),
        "unsure": ("I think {clause}... but I'm not sure.",),
        "nothing_new": ("I don't hear much news, sorry.", "Nothing that I know of."),
        "ack_new": ("Oh! I didn't know.", "Really? Oh."),
        "ack_known": ("Yes... {teller} mentioned it.",),
        "greet": ("Oh, hello{name}.", "H-hello{name}."),
        "farewell": ("Goodbye{name}.", "Oh, yes, goodbye."),
        "thanks": ("Oh, it's nothing.",),
        "small_talk": ("Yes, I suppose.", "Mm, it is."),
        "closer": ("I should go... goodbye.", "Excuse me, I must get back."),
    },
    "chatty": {
        "deflect": ("Oh, never mind that! Have you seen the preparations?", "Let's not spoil a good day with that."),
        "dont_know": ("Oh, I wish I knew{about}! No idea.", "Now that I don't know{about}, and I hear most things!",
                      "Haven't heard a thing{about}, I'm afraid."),
        "withhold": ("Ooh, I couldn't possibly tell you that. Not you!", "My lips are sealed on that one, dear.",
                     "Now that I won't share with just anyone."),
        "agree": ("Of course! {what}.", "Happy to: {what}!"),
        "refuse": ("Oh, I'd love to, but I can't: {why}.",),
        "heard_from": ("Oh, {teller} told me {clause}!", "Well, {teller} says {clause}, you know."),
        "own": ("Oh, everyone should know: {clause}!", "Why, {clause}, of course!"),
        "confide": ("Ooh, between you and me, {clause}!", "Don't tell a soul, but {clause}!"),
        "unsure": ("Rumour is {clause}, but don't quote me!",),
        "nothing_new": ("Oh, I don't know any news today, can you believe it?",),
        "ack_new": ("No! Really? I had no idea!", "Well I never!"),
        "ack_known": ("Oh, I know! {teller} told me already.",),
        "greet": ("Hello{name}! Lovely to see you.", "Good {tod}{name}! What brings you here?"),
        "farewell": ("Bye now{name}, come back soon!", "Take care{name}!"),
        "thanks": ("Oh, any time!", "My pleasure!"),
        "small_talk": ("Oh, isn't it just!", "Ha, you're so right."),
        "closer": ("Oh, I must dash! Good day!", "Lovely chat, {partner}. Later!"),
    },
    "gentle": {
        "deflect": ("Let us leave that be, please.", "That is mine to carry, not to share."),
        "dont_know": ("I'm afraid I don't know{about}.", "I couldn't say{about}; I haven't heard.",
                      "That I do not know{about}."),
        "withhold": ("Forgive me, that was told in confidence; I can't share it with you.",
                     "That is not mine to share with you, I'm sorry."),
        "agree": ("Of course: {what}.", "Gladly: {what}."),
        "refuse": ("I'm sorry, I cannot: {why}.",),
        "heard_from": ("{teller} told me that {clause}.", "From what {teller} said, {clause}."),
        "own": ("I believe {clause}.", "I know that {clause}."),
        "confide": ("I trust you to keep this to yourself: {clause}.", "Since it's you, I'll say it: {clause}."),
        "unsure": ("I have heard that {clause}, though I am not certain.",),
        "nothing_new": ("No news that I know of, I'm afraid.",),
        "ack_new": ("Is that so? I didn't know.", "I see. Thank you for telling me."),
        "ack_known": ("Yes, {teller} told me as well.",),
        "greet": ("Good {tod}{name}.", "Welcome{name}."),
        "farewell": ("Go well{name}.", "Take care{name}."),
        "thanks": ("You are most welcome.",),
        "small_talk": ("Indeed it is.", "Yes, we are blessed today."),
        "closer": ("I must return to my work. Go well.", "Let us speak again soon, {partner}."),
    },
}


@dataclass(frozen=True)
class Voice:
    """How one NPC speaks to one partner."""

    tone: str
    warmth: float
    partner: str
    partner_known: bool

    def say(self, kind: str, rng: random.Random, **slots: str) -> str:
        """A line of ``kind`` in this voice, its slots filled."""
        options = PHRASES[self.tone].get(kind) or PHRASES["plain"][kind]
        text = rng.choice(options)
        return text.format_map(_Slots(slots, self))

    def address(self) -> str:
        """", Mara" for someone the NPC knows and likes, else nothing."""
        return f", {self.partner}" if self.partner_known and self.warmth >= 0.2 else ""


class _Slots(dict):
    def __init__(self, slots: dict[str, str], voice: Voice) -> None:
        super().__init__(slots)
        self.voice = voice

    def __missing__(self, key: str) -> str:
        if key == "name":
            return self.voice.address()
        if key == "partner":
            return self.voice.partner
        return ""


def voice_for(req: DecisionRequest) -> Voice:
    """The NPC's tone and its warmth towards ``req.partner``."""
    words = {w.lower() for w in req.traits} | {w.strip(",.:;").lower() for w in req.persona.split()}
    scores = {tone: len(words & vocabulary) for tone, vocabulary in TONE_WORDS.items()}
    best = max(scores.values(), default=0)
    leaders = [t for t, s in scores.items() if s == best]
    tone = leaders[0] if best and len(leaders) == 1 else _trait_order(req.traits, leaders) if best else "plain"
    partner = req.partner or ""
    return Voice(tone, req.relationships.get(partner, 0.0), partner, partner in req.relationships)


def _trait_order(traits: list[str], leaders: list[str]) -> str:
    """Between tied tones, the one of the NPC's first-listed trait."""
    for trait in traits:
        for tone in leaders:
            if trait.lower() in TONE_WORDS[tone]:
                return tone
    return leaders[0]


def only_dont_know(voice: Voice, text: str) -> bool:
    """Whether ``text`` is one of the voice's plain "I don't know" lines and nothing more
    (with or without what it was about), so that something it does know may follow."""
    options = PHRASES[voice.tone].get("dont_know") or PHRASES["plain"]["dont_know"]
    return any(_template(option).fullmatch(text) for option in options)


@cache
def _template(option: str) -> re.Pattern[str]:
    slots = {"about": "(?: about [^.!?;]+)?", "name": "(?:, [^.!?;]+)?"}
    parts = re.split(r"\{(\w+)\}", option)
    return re.compile("".join(slots.get(p, "") if i % 2 else re.escape(p) for i, p in enumerate(parts)))


def a_name(name: str) -> str:
    """"a paper lantern", "an almond croissant"; names that start upper-case stay bare."""
    if name[:1].isupper() or name.startswith(("a ", "an ", "the ")):
        return name
    return ("an " if name[:1] in "aeiou" else "a ") + name


def coins_text(price: object) -> str:
    """"1 coin", "3 coins" (a whole float said without its ".0")."""
    value = int(price) if isinstance(price, float) and float(price).is_integer() else price
    return f"{value} coin" + ("" if value == 1 else "s")


_WEATHER_ADJECTIVES = word_set("clear fine fair warm cold hot dry wet grey gray calm mild bright overcast")


def weather_said(weather: str) -> str:
    """The world's weather as a word before "morning": "rain" -> "rainy", "fog" ->
    "foggy"; "sunny" and "clear" as they are."""
    word = weather.strip().lower()
    if not word.isalpha() or word.endswith("y") or word in _WEATHER_ADJECTIVES:
        return word
    short = len(word) == 3 and word[1] in "aeiou" and word[2] not in "aeiouwxy"
    return f"{word}{word[-1]}y" if short else f"{word}y"
