"""What a run records about its brain: how seeds are treated, how answers are decoded.

:func:`brain_facts` is asked once when a run starts (or resumes) with live models: it
probes an HTTP server's treatment of ``seed`` (unless the user declared it) and says
whether decoding is constrained to the schema, so the run summary can tell the truth about
what can be replayed from where. :func:`replay_note` turns those facts into the sentence
the summary prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simverse.core.llm_protocol import Backend
from simverse.llm.recording import RecordingBackend, ReplayBackend

SEED_SUPPORT = ("probe", "honoured", "ignored")
"""What ``--llm-seed`` accepts: find out at start, or take the user's word for it."""


def _inner(backend: Backend | None) -> Backend | None:
    """The backend behind a recorder."""
    return backend.inner if isinstance(backend, RecordingBackend) else backend


def seed_support(backend: Backend | None, declared: str = "probe") -> str:
    """``honoured``, ``ignored`` or ``unknown`` for a live backend; ``recording`` when a
    recording answers; ``n/a`` for the scripted brain (no model at all)."""
    if declared not in SEED_SUPPORT:
        raise ValueError(f"llm seed support must be one of {list(SEED_SUPPORT)}, not {declared!r}")
    inner = _inner(backend)
    if inner is None:
        return "n/a"
    if isinstance(inner, ReplayBackend):
        return "recording"
    if declared != "probe":
        return declared
    probe = getattr(inner, "probe_seed", None)
    return probe() if callable(probe) else "honoured"


def decoding(backend: Backend | None) -> str:
    """``constrained`` (in-process grammar), ``response_format`` (asked of the server, which
    may or may not enforce it), ``free``, or ``n/a``."""
    inner = _inner(backend)
    if inner is None or isinstance(inner, ReplayBackend):
        return "n/a"
    if getattr(inner, "constrain", False):
        return "constrained"
    if getattr(inner, "use_response_format", False):
        return "response_format"
    return "free"


def brain_facts(backends: Mapping[str, Backend | None], declared: str = "probe",
                sampled: bool = True) -> dict[str, Any]:
    """Per role: seed support and decoding; plus whether decisions are sampled."""
    facts: dict[str, Any] = {"sampled": sampled}
    probed: dict[int, str] = {}
    for role, backend in backends.items():
        key = id(_inner(backend))
        if key not in probed:
            probed[key] = seed_support(backend, declared)
        facts[role] = {"seed": probed[key], "decoding": decoding(backend)}
    return facts


def replay_note(facts: Mapping[str, Any]) -> str | None:
    """The summary's warning when a sampled run cannot be promised to replay from its
    server: the server ignores ``seed`` (or the probe could not tell)."""
    if not facts.get("sampled"):
        return None
    roles = {role: f.get("seed") for role, f in facts.items() if isinstance(f, dict)}
    ignored = sorted(role for role, seed in roles.items() if seed == "ignored")
    unknown = sorted(role for role, seed in roles.items() if seed == "unknown")
    if ignored:
        return (f"the server ({', '.join(ignored)}) ignores seed: this sampled run cannot be replayed "
                "bit-identically from the server, only from its recording (simverse replay)")
    if unknown:
        return (f"the server ({', '.join(unknown)}) gave one answer for different seeds, so its use of "
                "seed is unconfirmed: replay this run from its recording (simverse replay)")
    return None
