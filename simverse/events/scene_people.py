"""Read what a scene command does to people: where they are, their coins, hunger and mood.

``send Mara to the square``, ``Tomas is at the tavern now``, ``everyone goes to the
square``, ``give Finn 10 coins``, ``Pieter pays Mara 2 coins``, ``Pieter loses all his
money``, ``Finn is starving``, ``Nell is angry``. A director may put a person anywhere
(even into a closed place); coins never go below zero (such a command is refused).
"""

from __future__ import annotations

import re

from simverse.core.state import Effect
from simverse.events.scene_clause import Clause, Reading
from simverse.events.scene_words import COIN_WORDS, HUNGER, MOODS, NEGATION, NUMBER, has, number_value

EVERYONE = (r"everyone|everybody|all the (?:villagers|people|npcs|students|staff|visitors|adventurers)|all npcs"
            r"|every npc|the whole (?:village|town|class)|all of them")
MOVE_VERBS = (r"send\w*|sent|mov\w*|tak\w*|took|bring\w*|brought|walk\w*|go|goes|went|gone|run\w*|ran|head\w*"
              r"|arriv\w*|return\w*|rush\w*|hurr\w*|wander\w*|come|comes|came|gather\w*|is at|are at|is in|are in"
              r"|now at|now in|is now at|is now in|stays? at|flee\w*|fled|escap\w*|enter\w*|teleport\w*|drag\w*"
              r"|lead\w*|led|storm(?:s|ed)? (?:off|out|away|in|into|over|back)")
LOSE_ALL = r"loses? all|lost all|is broke|are broke|goes broke|went broke|has no money|have no money|penniless|bankrupt"
GAIN = r"gets|got|receives?|received|finds?|found|earns?|earned|wins?|won|is given|was given|is paid|was paid|inherits?"
LOSE = r"loses?|lost|spends?|spent|drops?|dropped|gives away|gave away|wastes?|wasted"
PAYS = r"pays?|paid|gives?|gave|hands?|handed|lends?|lent"


def read_people(clause: Clause) -> Reading | None:
    """The people reader: move, coins, hunger, mood (in that order of precedence)."""
    subjects = _subjects(clause)
    if subjects is None:
        return None
    if not subjects:
        return Reading([], ["nobody is there"], matched=True)
    for reader in (_coins, _move, _hunger, _mood):
        found = reader(clause, subjects)
        if found is not None:
            return found
    return None


def _subjects(clause: Clause) -> list[str] | None:
    """The NPCs named, or everyone (``everyone in the square``: those there); None: nobody named."""
    everyone = has(EVERYONE, clause.text)
    if everyone is None:
        return clause.of_kind("npc") or None
    npcs = sorted(clause.state.ids_of("npc"))
    where = next((m for m in clause.mentions if clause.index.kinds.get(m.entity) == "place"
                  and re.fullmatch(r"\s*(?:who is |who are |that is )?(?:in|at|inside) (?:the )?",
                                   clause.text[everyone.end():m.start])), None)
    if where is None:
        return npcs
    clause.mentions = [m for m in clause.mentions if m is not where]
    return [n for n in npcs if clause.state.entities[n].get("place") == where.entity]


def _move(clause: Clause, subjects: list[str]) -> Reading | None:
    verb = has(MOVE_VERBS, clause.text)
    if verb is None:
        return None
    destination = clause.after(r"to|into|in|at|inside|towards|toward|for", "place") or _last_place(clause)
    if destination is None:
        return Reading(problem="it names no place of this world to go to", matched=True)
    clause.consume(verb)
    movers = [n for n in subjects if n in clause.state.entities]
    effects = [Effect(n, "place", "move", destination) for n in movers
               if clause.state.entities[n].get("place") != destination]
    names = "everyone" if len(movers) > 2 else " and ".join(movers)
    return Reading(effects, [f"{names} {'is' if len(movers) == 1 else 'are'} at {clause.index.name(destination)}"],
                   matched=True)


def _last_place(clause: Clause) -> str | None:
    places = clause.of_kind("place")
    return places[-1] if places else None


def _coins(clause: Clause, subjects: list[str]) -> Reading | None:
    if has(LOSE_ALL, clause.text):
        return _set_coins(clause, subjects, 0)
    match = re.search(rf"\b({NUMBER})\s+(?:more\s+)?(?:{COIN_WORDS})\b", clause.text)
    if match is None:
        return None
    amount = number_value(match.group(1))
    if amount is None:
        return None
    before_number = clause.text[:match.start()]
    if len(subjects) >= 2 and has(PAYS, before_number) and not has(r"^\s*(?:give|hand|pay)", clause.text):
        return _transfer(clause, subjects[0], subjects[1], amount)
    if has(r"\bhas\b|\bhave\b|\bnow has\b|\bis left with\b", before_number):
        return _set_coins(clause, subjects, amount)
    if has(LOSE, before_number) or has(r"fewer|less", clause.text):
        return _change_coins(clause, subjects, -amount)
    ordered = has(r"^\s*(?:give|hand|pay|award|grant)\w*", clause.text)
    if has(GAIN, before_number) or ordered or has("more", clause.text):
        return _change_coins(clause, subjects, amount)
    return Reading(problem="say whether the coins are given, lost or what someone has", matched=True)


def _set_coins(clause: Clause, subjects: list[str], amount: float) -> Reading:
    effects = [Effect(n, "coins", "set", amount) for n in subjects if clause.state.entities[n].get("coins") != amount]
    return Reading(effects, [f"{' and '.join(subjects)} now {'has' if len(subjects) == 1 else 'have'} {amount} coins"],
                   matched=True)


def _change_coins(clause: Clause, subjects: list[str], amount: float) -> Reading:
    effects = []
    for npc in subjects:
        have = clause.state.entities[npc].get("coins", 0)
        if amount < 0 and (not isinstance(have, int | float) or have < -amount):
            return Reading(problem=f"{npc} has only {have} coins", matched=True)
        effects.append(Effect(npc, "coins", "add" if amount > 0 else "remove", abs(amount)))
    word = "gets" if amount > 0 else "loses"
    return Reading(effects, [f"{' and '.join(subjects)} {word} {abs(amount)} coins"], matched=True)


def _transfer(clause: Clause, payer: str, payee: str, amount: float) -> Reading:
    have = clause.state.entities[payer].get("coins", 0)
    if not isinstance(have, int | float) or have < amount:
        return Reading(problem=f"{payer} has only {have} coins", matched=True)
    return Reading([Effect(payer, "coins", "remove", amount), Effect(payee, "coins", "add", amount)],
                   [f"{payer} pays {payee} {amount} coins"], matched=True)


def _hunger(clause: Clause, subjects: list[str]) -> Reading | None:
    for pattern, value in HUNGER:
        match = has(pattern, clause.text)
        if match is None:
            continue
        if value > 0 and has(NEGATION, clause.text[:match.start()]):
            value = 0.0
        clause.consume(match)
        effects = [Effect(n, "hunger", "set", value) for n in subjects
                   if clause.state.entities[n].get("hunger") != value]
        word = {1.0: "starving", 0.7: "hungry", 0.0: "fed"}.get(value, str(value))
        return Reading(effects, [f"{' and '.join(subjects)} {'is' if len(subjects) == 1 else 'are'} {word}"],
                       matched=True)
    return None


def _mood(clause: Clause, subjects: list[str]) -> Reading | None:
    for word in re.findall(r"[a-z]+", clause.text):
        mood = MOODS.get(word)
        if mood is None:
            continue
        if has(NEGATION, clause.text):
            mood = "content"
        effects = [Effect(n, "mood", "set", mood) for n in subjects if clause.state.entities[n].get("mood") != mood]
        return Reading(effects, [f"{' and '.join(subjects)} {'is' if len(subjects) == 1 else 'are'} {mood}"],
                       matched=True)
    return None
