"""Results kept for speed give what a fresh computation gives: a heard line's rewrites kept
per text and world (kept_lines), the beliefs a line brings to mind (topical_facts, its first
``limit`` only), a holder's kept rows as its current beliefs, and a reply's words as unions
of each text's kept words."""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace

from simverse.agents.hearing import fact_view, topical_facts
from simverse.agents.names import world_names
from simverse.core.decisions import NameView
from simverse.core.loader import load_world
from simverse.core.names import FUNCTION_WORDS, NameIndex, word_form_set, word_forms
from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.held_rows import held_rows
from simverse.llm.dialogue import kept_lines
from simverse.llm.dialogue.parts import asked_part
from simverse.llm.dialogue.replying import own_words
from simverse.llm.dialogue.stated import as_asked
from simverse.llm.dialogue.wrapped_orders import bare_order

ROOT = Path(__file__).resolve().parents[2]
WORLDS = ["harbor_town", "clinic", "classroom"]


def _lines() -> list[str]:
    """A quarter of the labelled lines of the dialogue sets (shipped worlds and held-out sets),
    and the same lines lower-cased."""
    files = sorted((ROOT / "experiments" / "dialogue").rglob("*.jsonl"))
    lines = [json.loads(row)["line"] for f in files for row in f.read_text().splitlines() if '"line"' in row]
    lines = lines[::4]  # a quarter of them: enough kinds of line, a few seconds
    return lines + [line.lower() for line in lines]


def _verbs(world: str) -> frozenset[str]:
    spec = load_world(str(ROOT / "worlds" / world))
    return frozenset(w for a in spec.actions for w in (*word_forms(a.name), *word_forms(a.description)[:1]))


def test_kept_rewrites_are_the_fresh_ones_in_every_world() -> None:
    lines = _lines()
    assert len(lines) > 1000
    worlds = [(_verbs(w), world_names(load_world(str(ROOT / "worlds" / w))).words) for w in WORLDS]
    for _ in range(2):  # the second pass reads kept results
        for line in lines:
            said = bare_order(as_asked(line))
            assert kept_lines.bare_order(kept_lines.as_asked(line)) == said
            for verbs, names in worlds:  # interleaved: a result kept for one world is not another's
                assert kept_lines.asked_part(said, verbs, names) == asked_part(said, verbs, names)
    assert kept_lines.as_asked.cache_info().hits >= len(set(lines))


def _old_topical(beliefs, mentioned, ranked, limit, names):  # the code before, as it was
    if not mentioned:
        return list(ranked[:limit])
    wanted = set(mentioned)
    words = {w for m in mentioned if names and m in names for w in word_forms(names[m].name)} - FUNCTION_WORDS
    scored = []
    for fact in beliefs:
        subject, object_ = fact.subject, fact.object
        hits = (subject in wanted) + (object_ != subject and object_ in wanted)
        if words and not words.isdisjoint(word_form_set(fact.text)):
            hits += 0.5
        if hits:
            scored.append((-hits, -fact.id, fact))
    out = [fact_view(f) for _, _, f in sorted(scored, key=lambda t: t[:2])]
    keys = {f.key for f in out}
    out += [f for f in ranked if f.key not in keys]
    return out[:limit]


def test_topical_facts_and_kept_rows_as_before_on_random_villages() -> None:
    people = ["Ann", "Bob", "Cara", "Dev", "Old Tom"]
    places = ["bakery", "square", "mill"]
    names = NameIndex([NameView(p, "npc", p) for p in people] + [NameView(p, "place", p) for p in places])
    for seed in range(40):
        rng = random.Random(seed)
        kg = KnowledgeGraph()
        for i in range(rng.choice([0, 3, 12, 40, 90])):
            subject, obj = rng.choice(people + places), rng.choice(people + places + ["bread"])
            text = " ".join(rng.choice([*people, "tom", "bread", "the", "likes"]) for _ in range(rng.randint(0, 6)))
            kg.assert_fact("Ann", subject, f"p{i % 17}", obj, source="heard", step=i, text=text)
        assert held_rows(kg, "Ann").facts == kg.beliefs("Ann")
        if kg.beliefs("Ann") and seed % 3 == 0:
            kg.close("Ann", kg.beliefs("Ann")[0].key, 99)
            assert held_rows(kg, "Ann").facts == kg.beliefs("Ann")  # followed after a change
        ranked = [fact_view(f) for f in rng.sample(kg.beliefs("Ann"), min(5, len(kg.beliefs("Ann"))))]
        for limit in (1, 3, 8, 30):
            mentioned = rng.sample(people + places, rng.randint(0, 3))
            assert topical_facts(kg.beliefs("Ann"), mentioned, ranked, limit, names) == \
                _old_topical(kg.beliefs("Ann"), mentioned, ranked, limit, names)


def test_own_words_are_the_words_of_each_text_listed() -> None:
    """``own_words`` (and ``hear``'s sets of words) from each text's kept set of words equal
    the words of the texts listed one by one, as the code before built them."""
    lines = _lines()
    rng = random.Random(5)
    for line in lines:
        assert word_form_set(line) == frozenset(word_forms(line))
    for _ in range(400):
        texts = rng.sample(lines, rng.randint(0, 12))
        kinds = {f"p{i}": rng.choice(["friend", "rival", "old teacher", ""]) for i in range(rng.randint(0, 3))}
        req = SimpleNamespace(facts=[SimpleNamespace(text=t) for t in texts], relation_kinds=kinds,
                              persona=rng.choice(lines))
        listed = [*texts, *kinds.values(), req.persona]
        assert own_words(req) == frozenset(w for t in listed for w in word_forms(t))  # type: ignore[arg-type]
