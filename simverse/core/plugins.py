"""Plug-ins: objects named in a world file, a sweep or on the command line, loaded by name.

A plug-in is named either by a dotted path, ``package.module:attribute`` (the module must be
importable: installed, on ``PYTHONPATH``, or under the current directory, which is searched
as ``python -m`` and uvicorn do), or by the name of an entry point that an
installed package declares in one of simverse's groups:

* ``simverse.brains``    a :class:`~simverse.core.decisions.Brain` class (or factory)
* ``simverse.metrics``   ``metric(world) -> float`` for the DataCollector and sweeps
* ``simverse.resolvers`` ``resolve(attempt, state) -> Outcome | None`` for a declared action

Loading a plug-in runs its module's code: plug-ins are trusted code chosen by whoever
writes the world file or the command, exactly like the Python they could run themselves.
"""

from __future__ import annotations

import importlib
import os
import sys
from importlib.metadata import entry_points
from typing import Any

GROUPS = ("simverse.brains", "simverse.metrics", "simverse.resolvers")


class PluginError(ValueError):
    """A plug-in name that cannot be loaded; the message names it and why."""


def load_plugin(name: str, group: str) -> Any:
    """The object ``name`` refers to: ``module:attribute`` or an entry point of ``group``."""
    if group not in GROUPS:
        raise PluginError(f"unknown plug-in group {group!r}; groups are {list(GROUPS)}")
    text = name.strip()
    if ":" in text:
        return _from_path(text)
    found = [ep for ep in entry_points(group=group) if ep.name == text]
    if not found:
        raise PluginError(f"plug-in {text!r}: not 'module:attribute' and no entry point of that name "
                          f"in group {group!r}")
    try:
        return found[0].load()
    except Exception as exc:  # an installed plug-in that fails to import: say which
        raise PluginError(f"plug-in {text!r} ({group}): {type(exc).__name__}: {exc}") from exc


def _from_path(path: str) -> Any:
    module_name, _, attribute = path.partition(":")
    here = os.getcwd()
    if here not in sys.path and "" not in sys.path:
        sys.path.append(here)
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise PluginError(f"plug-in {path!r}: cannot import {module_name!r} ({exc})") from None
    value: Any = module
    for part in attribute.split("."):
        if not hasattr(value, part):
            raise PluginError(f"plug-in {path!r}: {module_name!r} has no attribute {attribute!r}")
        value = getattr(value, part)
    return value


def short_name(name: str) -> str:
    """A plug-in's name as a column: the attribute of ``module:attribute`` (or the entry point)."""
    return name.rpartition(":")[2].rpartition(".")[2] or name
