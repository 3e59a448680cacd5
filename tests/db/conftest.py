from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from db import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.db"


@pytest.fixture
async def store(store_target: str | Path) -> AsyncIterator[Store]:
    """The store on the engine of --backend (SQLite at db_path by default)."""
    opened = await Store.open(store_target)
    try:
        yield opened
    finally:
        await opened.close()
