"""The live world of the dashboard: a ``World`` and the person's conversations with its NPCs.

A dashboard run is a CLI run: the same ``World`` stepping the same pipeline, every step
committed to the run database (``runs/WORLD.db`` unless another is chosen) before the
pages read it back. :mod:`simverse.dashboard.hub` holds the one :class:`LiveRun` of the
server and steps it in the background. This module holds no Streamlit calls, so the same
operations are tested and used without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simverse.agents.player import PlayerChat, talk_to
from simverse.core.loader import load_world
from simverse.llm.human import parse_human_spec
from simverse.store.fork import fork_run as store_fork_run
from simverse.store.pending import check_injection
from simverse.store.run_store import RunStore, db_url, default_db_path, open_read_only
from simverse.world.model import World

BRAIN_FORMS = "scripted | transformers:PATH | openai:URL#MODEL"
# How ``simverse dashboard`` hands its options to the app (read by ``context``).
ENV_TARGET = "SIMVERSE_DASHBOARD_TARGET"
ENV_SEED = "SIMVERSE_DASHBOARD_SEED"
ENV_LLM = "SIMVERSE_DASHBOARD_LLM"
ENV_DB = "SIMVERSE_DASHBOARD_DB"
ENV_EMBEDDER = "SIMVERSE_DASHBOARD_EMBEDDER"
# How long a step waits for the person playing an NPC before the NPC waits instead.
PLAYER_WAIT_S = 600.0


def check_brain_spec(spec: str) -> str:
    """The spec, stripped, if it names a brain; a ValueError naming the accepted forms if not."""
    text = spec.strip()
    if text == "scripted":
        return text
    from simverse.llm.spec import parse_spec

    parse_spec(text)
    return text


@dataclass
class LiveRun:
    """A world being stepped from the dashboard, with the person's conversations in it."""

    world: World
    db: str
    chats: dict[str, PlayerChat] = field(default_factory=dict)

    @classmethod
    def start(cls, world: str, seed: int = 0, llm: str = "scripted", db: str | None = None,
              embedder: str | None = None, player: str | None = None) -> LiveRun:
        """Start a new run of a shipped world (or world file) in ``db``; ``player`` names an
        NPC a person plays from the dashboard (its brain is ``human``)."""
        spec = load_world(world)
        path = db or str(default_db_path(spec.name))
        if player and player not in {n.name for n in spec.npcs}:
            raise ValueError(f"play as: {spec.name} has no NPC named {player!r}")
        brains = {player: player_brain(path)} if player else None
        sim = World(spec, seed=seed, db=path, llm=check_brain_spec(llm), embedder=embedder, brains=brains)
        return cls(sim, path)

    @classmethod
    def resume(cls, db: str, run_id: int | None = None, llm: str | None = None,
               embedder: str | None = None) -> LiveRun:
        """Continue a stored run from its last committed step; a brain given here is an
        explicit switch (recorded with its step)."""
        sim = World.resume(db, run_id=run_id, llm=check_brain_spec(llm) if llm else None, embedder=embedder,
                           switch_llm=bool(llm))
        return cls(sim, db)

    @property
    def url(self) -> str:
        return db_url(self.db)

    @property
    def run_id(self) -> int:
        return self.world.run_id

    @property
    def step_index(self) -> int:
        return self.world.step_index

    @property
    def players(self) -> dict[str, Path]:
        """The NPCs people play in this run, and the folder where each one's questions appear."""
        return {who: parse_human_spec(value.partition(":")[2]).folder / who
                for who, value in self.world.mix.pairs
                if isinstance(value, str) and value.split(":")[0] == "human" and who in self.world.npcs}

    def step(self, n: int = 1) -> int:
        """Run ``n`` steps (each committed); returns the last committed step."""
        self.world.run(n)
        return self.world.step_index

    def talk(self, npc: str, text: str) -> str:
        """Say ``text`` to ``npc`` in the ongoing conversation with it; returns the answer."""
        chat = self.chats.setdefault(npc, PlayerChat(npc))
        return talk_to(self.world, npc, text, chat)

    def end_chat(self, npc: str) -> None:
        """The next line to ``npc`` starts a new conversation."""
        self.chats.pop(npc, None)

    def inject(self, text: str, place: str | None = None) -> None:
        """Queue an event, fired and committed at the start of the next step."""
        if not text.strip():
            raise ValueError("inject: describe the event (the text is empty)")
        self.world.inject(text.strip(), place=place or None)

    def scene(self, text: str, place: str | None = None) -> None:
        """Queue a scene command (``World.scene``), read at the start of the next step."""
        if not text.strip():
            raise ValueError("scene: describe the change (the text is empty)")
        self.world.scene(text.strip(), place=place or None)

    def close(self) -> None:
        self.world.close()


def player_brain(db: str) -> str:
    """The human brain spec of a dashboard player: questions in ``players/DB-NAME`` beside the database."""
    path = Path(db)
    return f"human:{path.parent / 'players' / path.stem}#{PLAYER_WAIT_S:g}"


def fork_run(db: str, run_id: int, at_step: int) -> int:
    """Fork run ``run_id`` of ``db`` at ``at_step`` (``simverse.store.fork``); the new run id."""
    store = RunStore(db_url(db))
    try:
        return store_fork_run(store, run_id, at_step)
    finally:
        store.close()


def check_event(db: str, run_id: int, event: str, place: str | None) -> None:
    """Raise ``ValueError`` for an event run ``run_id`` cannot take (too long, a place its
    world lacks), read-only, so a fork refused for its event changes nothing."""
    store = open_read_only(db)
    try:
        check_injection(store.run(run_id), event, place)
    finally:
        store.close()


def is_run_db(target: str) -> bool:
    """A dashboard target names a run database (a URL, or an existing non-world file)."""
    if "://" in target:
        return True
    path = Path(target)
    return path.is_file() and path.suffix not in (".toml",)
