"""Fixtures of the core tests."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from core_helpers import TINY


@pytest.fixture
def tiny() -> dict[str, Any]:
    """A fresh copy of the tiny world as a dict, to edit in a test."""
    return copy.deepcopy(TINY)
