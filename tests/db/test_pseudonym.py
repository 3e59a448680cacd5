"""The pool key file: made whole or not at all, and never used empty or cut short."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db import Store
from db.community import CommunityDraft
from db.pseudonym import KEY_BYTES, PoolKeyMissingError, Pseudonyms, key_path_for

ROOT = Path(__file__).resolve().parents[2]
DRAFT = CommunityDraft(
    role="ml_engineer", level="senior", location="seattle", base=190_000.0, bonus=0.0,
    equity=0.0, currency="usd", year=2026,
)  # fmt: skip

# Creates the key file of argv[1] in a process that may not write a single byte to a file.
NO_ROOM = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from db.pseudonym import Pseudonyms

    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    print(Pseudonyms(key_file=Path(sys.argv[1])).ready)
    """
)


def test_a_key_that_cannot_be_written_leaves_no_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / "bot.db.pool-key"
    done = subprocess.run(
        [sys.executable, "-c", NO_ROOM, str(key_file)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False", done.stderr
    assert "cannot be created" in done.stderr and "Traceback" not in done.stderr
    assert not key_file.exists(), "a full disk must not leave a file behind"
    assert [p.name for p in tmp_path.iterdir()] == [], "nor a temporary one"

    # With room again, the next start makes a whole key.
    pseudonyms = Pseudonyms(key_file=key_file)
    assert pseudonyms.ready
    assert len(bytes.fromhex(key_file.read_text())) == KEY_BYTES


@pytest.mark.parametrize("content", ["", "\n", "00ff", "zz" * KEY_BYTES, "ab" * (KEY_BYTES - 1)])
def test_an_empty_or_short_key_is_refused_in_one_line(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    key_file = tmp_path / "bot.db.pool-key"
    key_file.write_text(content)
    pseudonyms = Pseudonyms(key_file=key_file)
    with caplog.at_level(logging.ERROR, logger="db.pseudonym"):
        assert not pseudonyms.ready
        assert not pseudonyms.ready  # retried, but said once
        with pytest.raises(PoolKeyMissingError):
            pseudonyms.of(42)
    (record,) = caplog.records
    line = record.getMessage()
    assert "\n" not in line and str(key_file) in line and "does not hold a key" in line
    assert key_file.read_text() == content, "the file is left for its owner to restore"


async def test_shares_wait_for_a_good_key_file(db_path: Path) -> None:
    key_path_for(db_path).parent.mkdir(parents=True)
    key_path_for(db_path).write_text("")
    async with await Store.open(db_path) as store:
        with pytest.raises(PoolKeyMissingError):
            await store.community.submit(1, 42, DRAFT)
        key_path_for(db_path).unlink()  # moved aside: a new key is made at the next share
        await store.community.submit(1, 42, DRAFT)
        assert len(await store.community.mine(1)) == 1
