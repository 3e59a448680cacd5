"""Keyed hashes that stand for a person in the community pay pool.

The key never enters the database: it is a setting (POOL_KEY) or a file generated on first
run beside the database, readable by its owner only. Without it, a copy of the database and
a server's member list cannot be matched: hashing every member's id gives nothing to compare.
Losing the key only means old submissions can no longer be found by their authors.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from db.errors import StoreError

log = logging.getLogger(__name__)

KEY_BYTES = 32


def key_path_for(database_path: str | Path) -> Path:
    """The key file that belongs to a database: beside it, named after it."""
    path = Path(database_path).expanduser()
    return path.with_name(f"{path.name}.pool-key")


def load_or_create_key(path: Path) -> bytes | None:
    """The key in `path`, made (owner-only) if there is none; None when it cannot be made."""
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        log.warning("the pool key file cannot be read (%s); submissions wait for it", error)
        return None
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting together keep one key, the first one written.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_or_create_key(path)
    except OSError as error:
        log.warning("the pool key file cannot be created (%s); submissions wait for it", error)
        return None
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
    return key


class Pseudonyms:
    """HMAC-SHA256 of a Discord id under the pool key.

    With a key file, the key is read (or made) on first use and retried until it works, so a
    store that starts while its folder is away gets its key when the folder comes back.
    """

    def __init__(self, key: bytes | None = None, *, key_file: Path | None = None) -> None:
        self._key = key
        self._key_file = key_file

    def _loaded(self) -> bytes | None:
        if self._key is None and self._key_file is not None:
            self._key = load_or_create_key(self._key_file)
        return self._key

    @property
    def ready(self) -> bool:
        return self._loaded() is not None

    def of(self, user_id: int) -> str:
        key = self._loaded()
        if key is None:
            raise PoolKeyMissingError()
        return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()

    def __repr__(self) -> str:  # never show the key
        return f"Pseudonyms(ready={self.ready})"


class PoolKeyMissingError(StoreError):
    """The pool key could not be read or made: submissions cannot be stored or found."""

    default_message = "Shared pay cannot be stored or looked up right now; try again later."
