"""The grammar of a brain spec (``--llm``, a world's ``settings.llm``, a sweep's ``llm``).

Parsing is pure text work, kept in core so a world file's specs are checked when it loads
(:mod:`simverse.core.schema`), with the file and field in the error, instead of when a run
starts; :mod:`simverse.llm.spec` builds brains and backends from the parsed specs. The
grammar is described there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["scripted", "transformers", "openai", "plugin", "human"]
ROLES = ("npc", "events")


@dataclass(frozen=True)
class LLMSpec:
    """A parsed spec: which backend, where (path, id or URL) and which served model."""

    kind: Kind
    target: str = ""
    model: str = ""

    def __str__(self) -> str:
        if self.kind == "scripted":
            return "scripted"
        if self.kind == "human":
            return f"human:{self.target}" if self.target else "human"
        if self.kind in ("transformers", "plugin"):
            return f"{self.kind}:{self.target}"
        return f"openai:{self.target}#{self.model}"


def parse_spec(text: str) -> LLMSpec:
    """Parse one spec; the error message shows the accepted forms."""
    raw = text.strip()
    kind, _, rest = raw.partition(":")
    kind = kind.strip().lower()
    if kind == "scripted" and not rest:
        return LLMSpec("scripted")
    if kind == "human":
        _, sep, seconds = rest.partition("#")
        if sep and not _positive_seconds(seconds):
            raise ValueError(f"bad LLM spec {text!r}: human:DIR#SECONDS waits a number of seconds above 0, "
                             f"not {seconds!r}")
        return LLMSpec("human", target=rest.strip())
    if kind in ("transformers", "plugin") and rest.strip():
        return LLMSpec(kind, target=rest.strip())
    if kind == "openai":
        url, _, model = rest.partition("#")
        if url.strip() and model.strip():
            return LLMSpec("openai", target=url.strip(), model=model.strip())
    raise ValueError(
        f"bad LLM spec {text!r}: use 'scripted', 'transformers:PATH_OR_ID', "
        "'openai:BASE_URL#MODEL' or 'plugin:MODULE:CLASS' (optionally prefixed by a role, e.g. 'npc=...')"
    )


def _positive_seconds(text: str) -> bool:
    try:
        seconds = float(text)
    except ValueError:
        return False
    return math.isfinite(seconds) and seconds > 0


def parse_role_specs(
    specs: str | Sequence[str] | Mapping[str, str | LLMSpec] | None,
) -> dict[str, LLMSpec]:
    """One :class:`LLMSpec` per role from a spec, a list of (``role=``) specs, or a dict."""
    result = {role: LLMSpec("scripted") for role in ROLES}
    if specs is None:
        return result
    if isinstance(specs, Mapping):
        items = [(role, s) for role, s in specs.items()]
    else:
        items = []
        for text in [specs] if isinstance(specs, str) else list(specs):
            role, sep, rest = text.partition("=")
            if sep and role.strip() in ROLES:
                items.append((role.strip(), rest))
            else:
                items.extend((r, text) for r in ROLES)
    for role, spec in items:
        if role not in ROLES:
            raise ValueError(f"unknown LLM role {role!r}; roles are {list(ROLES)}")
        result[role] = spec if isinstance(spec, LLMSpec) else parse_spec(spec)
    return result


def checked_spec(text: str) -> str:
    """``text`` if it parses as one spec (a world's ``settings.brains[i].llm``); else ValueError."""
    parse_spec(text)
    return text


def checked_role_specs(text: str) -> str:
    """``text`` if it parses as a spec or ``role=spec`` (``settings.llm``); else ValueError."""
    parse_role_specs(text)
    return text
