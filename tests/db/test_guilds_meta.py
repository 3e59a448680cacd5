from __future__ import annotations

import pytest
from pydantic import ValidationError

from db import GuildSettings, Store


async def test_absent_guild_gets_defaults(store: Store) -> None:
    settings = await store.guilds.get(10)
    assert settings == GuildSettings(guild_id=10)
    assert settings.public_answers is False
    assert settings.community_features is True
    assert settings.career_channel_id is None
    assert settings.updated_at is None


async def test_update_changes_only_named_settings(store: Store) -> None:
    first = await store.guilds.update(10, career_channel_id=555)
    assert (first.public_answers, first.community_features) == (False, True)
    assert first.updated_at is not None
    second = await store.guilds.update(10, public_answers=True)
    assert second.career_channel_id == 555
    assert second.public_answers is True
    cleared = await store.guilds.update(10, career_channel_id=None)
    assert cleared.career_channel_id is None and cleared.public_answers is True
    assert await store.guilds.get(10) == cleared
    assert (await store.guilds.get(11)).public_answers is False


async def test_update_rejects_unknown_or_invalid(store: Store) -> None:
    with pytest.raises(ValidationError):
        await store.guilds.update(10, nonsense=True)
    with pytest.raises(ValueError):
        await store.guilds.update(10, public_answers=None)
    assert (await store.guilds.get(10)).updated_at is None


async def test_meta_get_set_overwrite(store: Store) -> None:
    assert await store.meta.get("tree_hash") is None
    await store.meta.set("tree_hash", "abc")
    await store.meta.set("tree_hash", "def")
    assert await store.meta.get("tree_hash") == "def"
    assert await store.meta.delete("tree_hash") is True
    assert await store.meta.get("tree_hash") is None
