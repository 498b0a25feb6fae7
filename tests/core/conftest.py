"""Fixtures of the core tests."""

from __future__ import annotations

from typing import Any

import pytest
from core_helpers import tiny_world


@pytest.fixture
def tiny() -> dict[str, Any]:
    """A fresh copy of the tiny world as a dict, to edit in a test."""
    return tiny_world()
