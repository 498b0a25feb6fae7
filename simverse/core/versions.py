"""Versions of simverse and the libraries that shape a run, stored with every run."""

from __future__ import annotations

import platform
from importlib import metadata

PACKAGES = ("mesa", "networkx", "sqlalchemy", "pydantic", "torch", "transformers")


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("simverse", *PACKAGES):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
