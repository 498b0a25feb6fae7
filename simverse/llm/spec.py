"""From ``--llm`` text to a brain: parse backend specs and build brains and backends.

Spec grammar (one per role, or one for all roles)::

    scripted                          the seeded rule brain, no model
    transformers:PATH_OR_ID           in-process Hugging Face model
    openai:BASE_URL#MODEL             OpenAI-compatible server, e.g.
                                      openai:http://127.0.0.1:8000/v1#Qwen/Qwen2.5-1.5B-Instruct
    human[:DIR][#SECONDS]             a person plays the NPC (``simverse play NPC``), see
                                      :mod:`simverse.llm.human`
    plugin:MODULE:CLASS               a custom Brain class (or an entry point name in the
                                      ``simverse.brains`` group), see docs/plugins.md

Per-role specs prefix the role: ``npc=openai:...#m`` and ``events=scripted``. Roles are
``npc`` (decisions) and ``events`` (consequence prediction); a role not named uses the
plain spec, or ``scripted``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from simverse.core.brain_spec import ROLES, LLMSpec, parse_role_specs, parse_spec
from simverse.core.decisions import Brain
from simverse.core.llm_protocol import Backend, SamplingParams
from simverse.core.plugins import PluginError, load_plugin
from simverse.llm.recording import CallIds, RecordingBackend

__all__ = ["ROLES", "LLMSpec", "make_backend", "make_backends", "make_brain", "make_brains", "parse_role_specs",
           "parse_spec", "plugin_brain", "record_backends", "same_spec"]


def make_backend(spec: str | LLMSpec, **options: Any) -> Backend | None:
    """The text backend of a spec (None for ``scripted``); ``options`` go to its
    constructor (e.g. ``max_batch_size``, ``device``, ``concurrency``, ``timeout_s``)."""
    parsed = parse_spec(spec) if isinstance(spec, str) else spec
    if parsed.kind in ("scripted", "plugin"):
        return None
    if parsed.kind == "human":
        from simverse.llm.human import parse_human_spec

        return parse_human_spec(parsed.target)
    if parsed.kind == "transformers":
        from simverse.llm.transformers_backend import TransformersBackend

        return TransformersBackend(parsed.target, **options)
    from simverse.llm.openai_backend import OpenAIBackend

    return OpenAIBackend(parsed.target, parsed.model, **options)


def make_brain(
    spec: str | LLMSpec,
    *,
    backend: Backend | None = None,
    run_id: int | None = None,
    call_ids: CallIds | int = 1,
    replay: Backend | None = None,
    sampling: SamplingParams | None = None,
    skip_idle: bool = True,
    backend_options: Mapping[str, Any] | None = None,
) -> Brain:
    """Build the brain for a spec.

    ``scripted`` gives a ``ScriptedBrain``. Otherwise an ``LLMBrain`` over ``backend``
    (already built, e.g. shared between roles), else over ``replay`` (a
    :class:`~simverse.llm.recording.ReplayBackend`: no model is loaded), else over a new
    backend for the spec. With ``run_id`` every call is recorded with ids from
    ``call_ids``; the world drains them with ``brain.drain_calls()`` at each step.
    """
    parsed = parse_spec(spec) if isinstance(spec, str) else spec
    if parsed.kind == "scripted":
        from simverse.llm.scripted import ScriptedBrain

        return ScriptedBrain()
    if parsed.kind == "plugin":
        return plugin_brain(parsed.target)
    from simverse.llm.brain import LLMBrain

    inner = backend or replay or make_backend(parsed, **(backend_options or {}))
    if inner is None:
        raise ValueError(f"no backend for {parsed}")
    if run_id is not None and not isinstance(inner, RecordingBackend):
        inner = RecordingBackend(inner, run_id, call_ids)
    if parsed.kind == "human":  # a person is asked once; no answer in time is a wait, not a retry
        return LLMBrain(inner, sampling=sampling, skip_idle=skip_idle, retry_invalid=False)
    return LLMBrain(inner, sampling=sampling, skip_idle=skip_idle)


def make_backends(
    specs: str | Sequence[str] | Mapping[str, str | LLMSpec] | None,
    *,
    run_id: int | None = None,
    call_ids: CallIds | int = 1,
    replay: Backend | None = None,
    backend_options: Mapping[str, Any] | None = None,
) -> dict[str, Backend | None]:
    """One backend per role (None for ``scripted``). Roles with the same spec share one
    instance (one model in memory); with ``run_id`` they record with one shared id
    sequence, so ``(run_id, id)`` stays unique; ``replay`` stands in for every model."""
    ids = call_ids if isinstance(call_ids, CallIds) else CallIds(call_ids)
    built: dict[str, Backend | None] = {}
    result: dict[str, Backend | None] = {}
    for role, spec in parse_role_specs(specs).items():
        if str(spec) not in built:
            inner = None if spec.kind in ("scripted", "plugin") else (
                replay or make_backend(spec, **(backend_options or {})))
            if inner is not None and run_id is not None:
                inner = RecordingBackend(inner, run_id, ids)
            built[str(spec)] = inner
        result[role] = built[str(spec)]
    return result


def make_brains(
    specs: str | Sequence[str] | Mapping[str, str | LLMSpec] | None,
    *,
    run_id: int | None = None,
    call_ids: CallIds | int = 1,
    replay: Backend | None = None,
    sampling: SamplingParams | None = None,
    skip_idle: bool = True,
    backend_options: Mapping[str, Any] | None = None,
) -> dict[str, Brain]:
    """One brain per role over :func:`make_backends` (shared models and call ids)."""
    backends = make_backends(specs, run_id=run_id, call_ids=call_ids, replay=replay,
                             backend_options=backend_options)
    specs_by_role = parse_role_specs(specs)
    return {
        role: make_brain(specs_by_role[role], backend=backends[role], sampling=sampling,
                         skip_idle=skip_idle)
        for role in ROLES
    }


def record_backends(backends: Mapping[str, Backend | None], run_id: int,
                    ids: CallIds) -> dict[str, Backend | None]:
    """Wrap each distinct backend of :func:`make_backends` (built with no ``run_id``) once
    in a :class:`RecordingBackend`, all sharing ``ids``; roles that shared a backend share
    its recorder."""
    wrapped: dict[int, Backend] = {}
    result: dict[str, Backend | None] = {}
    for role, backend in backends.items():
        if backend is None or isinstance(backend, RecordingBackend):
            result[role] = backend
            continue
        if id(backend) not in wrapped:
            wrapped[id(backend)] = RecordingBackend(backend, run_id, ids)
        result[role] = wrapped[id(backend)]
    return result


def same_spec(a: str | LLMSpec | None, b: str | LLMSpec | None) -> bool:
    """True when two specs name the same brain (``None`` is ``scripted``)."""
    def norm(x: str | LLMSpec | None) -> str:
        return str(x if isinstance(x, LLMSpec) else parse_spec(x or "scripted"))

    return norm(a) == norm(b)


def plugin_brain(name: str) -> Brain:
    """A custom brain: the class (or factory) ``name`` refers to, called with no arguments."""
    factory = load_plugin(name, "simverse.brains")
    try:
        brain = factory() if callable(factory) else factory
    except TypeError as exc:
        raise PluginError(f"plug-in {name!r} is not a brain class that takes no arguments: {exc}") from None
    if not callable(getattr(brain, "decide_batch", None)):
        raise PluginError(f"plug-in {name!r} is not a brain: it has no decide_batch(requests) method")
    if not getattr(brain, "name", None):
        brain.name = name
    return brain
