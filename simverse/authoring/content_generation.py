"""Generate a world directory from a prompt: world file, README, and the content filter's log.

``generate_world_files(prompt, out, seed, backend=None)`` uses the offline template
generator, or, given an LLM :class:`~simverse.core.llm_protocol.Backend`, asks the model for the
world against the world schema and repairs it from the template
(:func:`simverse.authoring.generator.generate_world_with_llm`). Every free-text field (and the
prompt) passes the :class:`~simverse.core.content_filter.ContentFilter`; what it
blocked comes back in ``blocked`` for the caller to show, never silently dropped.
The written directory holds ``world.toml`` (validated again on the way out) and a
``README.md`` with the NPCs' backstories and the places' descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simverse.authoring.generator import generate_world, generate_world_with_llm, write_world
from simverse.core.content_filter import BlockedText, ContentFilter
from simverse.core.llm_protocol import Backend
from simverse.core.loader import load_world
from simverse.core.sanitize import check_person_text

MAX_PROMPT_CHARS = 4000
"""The longest world prompt: a few paragraphs. It goes whole into the model's request, so a
pasted book would fill the context, and the template reader scans it word by word."""


def check_prompt(prompt: str) -> None:
    """Raise ``ValueError`` for a prompt that is empty, longer than :data:`MAX_PROMPT_CHARS`
    or not plain text, before anything is generated or written."""
    check_person_text(prompt, "generate PROMPT", "prompt", MAX_PROMPT_CHARS, "; say what world to make")


@dataclass
class GeneratedFiles:
    """Where the world was written, how it was made, and what the filter blocked."""

    world_file: Path
    name: str
    npcs: int
    places: int
    source: str
    notes: list[str] = field(default_factory=list)
    blocked: list[BlockedText] = field(default_factory=list)


def generate_world_files(
    prompt: str, out: str | Path, seed: int = 0, backend: Backend | None = None,
    content_filter: ContentFilter | None = None,
) -> GeneratedFiles:
    """Generate a world for ``prompt`` (checked by :func:`check_prompt`) and write it to the
    directory ``out``."""
    check_prompt(prompt)
    screen = content_filter or ContentFilter()
    if backend is None:
        world, notes, source = generate_world(prompt, seed, screen), [], "template"
    else:
        generated = generate_world_with_llm(prompt, backend, seed, screen)
        world, notes, source = generated.world, generated.notes, generated.source
    path = write_world(world, out)
    spec = load_world(path)
    return GeneratedFiles(path, spec.name, len(spec.npcs), len(spec.places), source, notes, list(screen.blocked))


def default_directory(prompt: str, seed: int = 0) -> Path:
    """``worlds/<name>``: where ``simverse generate`` writes when no ``--out`` is given."""
    from simverse.core.loader import WORLDS_DIR

    return WORLDS_DIR / generate_world(prompt, seed)["name"]
