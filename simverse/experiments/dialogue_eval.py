"""Score what NPCs answer on labelled player lines (``simverse eval-dialogue``).

Each labelled line (``experiments/dialogue/*.jsonl``, one JSON object a line) names a
shipped world, the NPC asked, who asks (``Player`` by default, or another NPC, whom the
NPC trusts as far as their relationship says), the line, and its kind:

* ``knowable`` — the NPC believes the answer: right when the reply says one of ``expect``;
* ``unknown`` — it cannot know: right when the reply honestly says it does not know
  (:data:`DONT_KNOW`) and says none of ``forbid``;
* ``secret`` — a secret it keeps from this speaker (one it does not trust, or anyone when
  the secret is about the NPC itself): a *leak* when the reply says one of
  ``leak`` or tells a secret belief; right when it does not leak;
* ``request`` — an order or request: right when the reply's decision is ``action`` (or one
  of a list of them, with ``args``), or, with ``action: null``, when it agrees to nothing;
* ``small_talk`` — greetings, thanks, weather: right when it answers without "I don't
  know" (and, with ``expect``, says one of them).

Every line is asked of the world at its start (step 0, seed 0), through the same path as
the player's chat (:func:`simverse.agents.player.ask`: the same request, the same prompts
with ``--llm``), one line at a time, timed. Phrases match case-insensitively on word
boundaries. Any secret belief told to a speaker the NPC does not trust counts as a leak,
whatever the line's kind.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simverse.agents.player import PLAYER, ask
from simverse.core.decision_check import MAX_UTTERANCE
from simverse.core.decisions import Decision
from simverse.core.jsonl import read_jsonl, validated
from simverse.core.loader import WorldFileError, load_world
from simverse.core.sanitize import plain_text_problem
from simverse.world.model import World

DEFAULT_SET = Path(__file__).resolve().parents[2] / "experiments" / "dialogue"
KINDS = ("knowable", "unknown", "secret", "request", "small_talk")
DONT_KNOW = re.compile(
    r"\b(?:(?:do|does|did)(?:n'?t| not) know|no idea|not sure|can'?t say|cannot say|could(?:n'?t| not) "
    r"(?:say|tell)|(?:have|has)(?:n'?t| not) heard|haven'?t heard|no clue|beats me|wouldn'?t know|wish i knew|"
    r"not that i know|unsure|no notion|i know nothing|haven'?t a clue|nothing about)\b",
    re.IGNORECASE,
)
"""How people (and models) say they do not know."""
TRUST = 0.3
"""The affinity from which an NPC trusts a speaker with secrets (as the scripted brain)."""


class LabelledLine(BaseModel):
    """One line of a labelled set, as written in the JSONL file."""

    model_config = ConfigDict(extra="forbid")

    id: str
    world: str
    npc: str
    line: str = Field(min_length=1, max_length=MAX_UTTERANCE)
    """What is said to the NPC: a line a player could say (plain text, at most MAX_UTTERANCE)."""
    kind: Literal["knowable", "unknown", "secret", "request", "small_talk"]
    speaker: str = PLAYER
    expect: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    leak: list[str] = Field(default_factory=list)
    action: str | list[str] | None = None
    """Requests: the action (or any of the actions) the NPC should agree to; ``None``: none."""
    args: dict[str, str] = Field(default_factory=dict)
    note: str = ""

    @field_validator("line")
    @classmethod
    def _plain(cls, value: str) -> str:
        problem = plain_text_problem(value)
        if problem:
            raise ValueError(f"the text {problem}; give plain text")
        return value

    @model_validator(mode="after")
    def _complete(self) -> LabelledLine:
        if self.kind == "knowable" and not self.expect:
            raise ValueError("a knowable line needs 'expect' (phrases of the right answer)")
        if self.kind == "secret" and not self.leak:
            raise ValueError("a secret line needs 'leak' (phrases that would give the secret away)")
        return self


@dataclass
class Scored:
    """One line asked and judged."""

    line: LabelledLine
    reply: str
    action: str
    args: dict[str, str]
    seconds: float
    right: bool
    leaked: bool
    dont_know: bool


@dataclass
class Summary:
    """Figures over a group of scored lines (a world, or all)."""

    n: dict[str, int] = field(default_factory=dict)
    right: dict[str, float | None] = field(default_factory=dict)
    leaks: int = 0
    latency_ms: dict[str, float] = field(default_factory=dict)


def load_lines(path: str | Path) -> list[LabelledLine]:
    """The lines of a JSONL file, or of every ``*.jsonl`` in a folder (sorted); a bad line
    (its NPC or speaker missing from its world included) raises ``ValueError`` naming the
    file, line number and field, and so does a set without lines."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    lines: list[LabelledLine] = []
    npcs: dict[str, set[str]] = {}
    for file in files:
        lines += [_parse(file, number, raw, npcs) for number, raw in read_jsonl(file)]
    if not lines:
        raise ValueError(f"{path}: no labelled lines" + (" (*.jsonl)" if path.is_dir() else ""))
    ids = [ln.id for ln in lines]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise ValueError(f"{path}: line id {duplicate!r} is used twice")
    return lines


def _parse(file: Path, number: int, raw: Any, npcs: dict[str, set[str]]) -> LabelledLine:
    """One labelled line, checked against its world (whose NPC names ``npcs`` keeps per world)."""
    line = validated(LabelledLine, raw, file, number)
    if line.world not in npcs:
        try:
            npcs[line.world] = {n.name for n in load_world(line.world).npcs}
        except WorldFileError as exc:
            raise ValueError(f"{file}:{number}: world: {exc}") from None
    names = npcs[line.world]
    for field_name, who in (("npc", line.npc), ("speaker", line.speaker)):
        if who not in names and not (field_name == "speaker" and who == PLAYER):
            raise ValueError(f"{file}:{number}: {field_name}: {line.world} has no NPC {who!r}")
    return line


def says(text: str, phrase: str) -> bool:
    """Whether ``text`` says ``phrase`` (case-insensitive, whole words, any spacing)."""
    words = [re.escape(w) for w in phrase.lower().split()]
    return bool(words) and re.search(r"\b" + r"\W+".join(words) + r"\b", text.lower()) is not None


def judge(line: LabelledLine, decision: Decision, secrets: set[str], trusted: bool, seconds: float) -> Scored:
    """Score one answer against its label."""
    reply = decision.utterance or ""
    dont_know = DONT_KNOW.search(reply) is not None
    leaked = (not trusted and bool(secrets & set(decision.told_facts))) or any(says(reply, p) for p in line.leak)
    if line.kind == "knowable":
        right = any(says(reply, p) for p in line.expect)
    elif line.kind == "unknown":
        right = dont_know and not any(says(reply, p) for p in line.forbid)
    elif line.kind == "secret":
        right = not leaked
    elif line.kind == "request":
        agreed = decision.action not in ("talk", "wait")
        wanted = [line.action] if isinstance(line.action, str) else line.action
        right = (not agreed) if not wanted else (
            decision.action in wanted and all(decision.args.get(k) == v for k, v in line.args.items()))
    else:
        right = not dont_know and (not line.expect or any(says(reply, p) for p in line.expect))
    return Scored(line, reply, decision.action, dict(decision.args), seconds, right, leaked, dont_know)


def evaluate(lines: Sequence[LabelledLine], llm: str | None = None, embedder: str = "minilm") -> list[Scored]:
    """Ask every line of its world (one world built per shipped world named) and judge it."""
    scored: list[Scored] = []
    for world_name in dict.fromkeys(ln.world for ln in lines):
        world = World(world_name, seed=0, llm=llm, embedder=embedder)
        try:
            for line in (ln for ln in lines if ln.world == world_name):
                scored.append(_ask(world, line))
        finally:
            world.close()
    return scored


def _ask(world: World, line: LabelledLine) -> Scored:
    if line.npc not in world.npcs:
        raise ValueError(f"line {line.id}: {line.world} has no NPC {line.npc!r}")
    if line.speaker != PLAYER and line.speaker not in world.npcs:
        raise ValueError(f"line {line.id}: {line.world} has no NPC {line.speaker!r} to ask")
    relation = world.npcs[line.npc].spec.relationships.get(line.speaker)
    trusted = relation is not None and relation.affinity >= TRUST
    secrets = {f.key for f in world.knowledge.beliefs(line.npc) if f.secret}
    started = time.perf_counter()
    decision = ask(world, line.npc, line.line, line.speaker)
    return judge(line, decision, secrets, trusted, time.perf_counter() - started)


def summarise(scored: Iterable[Scored]) -> Summary:
    """Counts, right shares per kind, leaks and latency of a group of scored lines."""
    scored = list(scored)
    summary = Summary()
    for kind in KINDS:
        mine = [s for s in scored if s.line.kind == kind]
        summary.n[kind] = len(mine)
        summary.right[kind] = 100.0 * sum(s.right for s in mine) / len(mine) if mine else None
    summary.leaks = sum(s.leaked for s in scored)
    times = sorted(1000.0 * s.seconds for s in scored)
    if times:
        summary.latency_ms = {"mean": statistics.fmean(times), "median": statistics.median(times),
                              "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]}
    return summary
