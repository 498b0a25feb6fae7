"""Suite-wide fixtures."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """Streamlit's AppTest runs a page as ``__main__`` and leaves it there; process pools
    started later (sweeps) would then re-run that page in every worker. Put it back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main
