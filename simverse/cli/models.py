"""Check the model options of a command before anything is opened or created.

``--llm``, ``--llm-events`` and ``--embedder`` (and the world file's ``settings.llm``,
``settings.llm_events`` and ``settings.embedder`` they default to) are read here first, so a
misspelt spec is one line naming the option or field, and no run row, database or
directory is made for a run that could never start.
"""

from __future__ import annotations

from simverse.cli.app import UserError
from simverse.core.schema import WorldSpec


def check_models(spec: WorldSpec | None = None, *, llm: str | None = None, llm_events: str | None = None,
                 embedder: str | None = None) -> None:
    """Raise :class:`UserError` naming the option (or world field) whose value is unusable."""
    from simverse.llm.spec import parse_role_specs
    from simverse.memory.embedder import make_embedder

    settings = spec.settings if spec is not None else None
    where = f"{spec.name}: settings" if spec is not None else ""
    for option, given, field in (("--llm", llm, "llm"), ("--llm-events", llm_events, "llm_events")):
        value, source = _pick(given, option, settings, field, where)
        if value is None:
            continue
        try:
            parse_role_specs(value)
        except ValueError as exc:
            raise UserError(f"{source}: {exc}") from None
    value, source = _pick(embedder, "--embedder", settings, "embedder", where)
    if value is not None and value != "minilm":  # minilm loads a model; any other name is cheap to build
        try:
            make_embedder(value)
        except ValueError as exc:
            raise UserError(f"{source}: {exc}") from None


def _pick(given: str | None, option: str, settings: object, field: str, where: str) -> tuple[str | None, str]:
    if given is not None:
        return given, option
    value = getattr(settings, field, None) if settings is not None else None
    return value, f"{where}.{field}"
