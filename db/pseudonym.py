"""Keyed hashes that stand for a person in the community pay pool.

The key never enters the database: it is a setting (POOL_KEY) or a file generated on first
run beside the database, readable by its owner only. Without it, a copy of the database and
a server's member list cannot be matched: hashing every member's id gives nothing to compare.
Losing the key only means old submissions can no longer be found by their authors.
"""

from __future__ import annotations

import contextlib
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


class KeyFileProblem(Exception):
    """The key file cannot be read or made; str() is one line for the log."""


def load_or_create_key(path: Path) -> bytes:
    """The key in `path`, made (owner-only) if there is none.

    Raises KeyFileProblem when the file cannot be read or made, or holds no whole key.
    """
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return _create_key(path)
    except (OSError, ValueError) as error:
        raise KeyFileProblem(f"the pool key file {path} cannot be read ({error})") from error
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < KEY_BYTES:
        # An empty or cut-short file is what a full disk or a crash mid-write leaves; using
        # it would make every pseudonym guessable, and replacing it would orphan old ones.
        raise KeyFileProblem(
            f"the pool key file {path} does not hold a key of {KEY_BYTES} bytes in hex "
            f"({len(text)} characters): restore it from a backup, or move it aside to make "
            "a new key (shares made under the old one can then not be found by their authors)"
        )
    return key


def _create_key(path: Path) -> bytes:
    """Write a new key atomically: in full, synced, under its name, or not at all."""
    key = secrets.token_bytes(KEY_BYTES)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(handle, (key.hex() + "\n").encode("ascii"))
            os.fsync(handle)
        finally:
            os.close(handle)
        # A hard link, unlike a rename, never replaces a file: two processes starting
        # together keep one key, the first one written.
        os.link(temporary, path)
        _sync_folder(path.parent)
    except FileExistsError:
        return load_or_create_key(path)
    except OSError as error:
        raise KeyFileProblem(f"the pool key file {path} cannot be created ({error})") from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return key


def _sync_folder(folder: Path) -> None:
    """Make the new name itself survive a power cut."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class Pseudonyms:
    """HMAC-SHA256 of a Discord id under the pool key.

    With a key file, the key is read (or made) on first use and retried until it works, so a
    store that starts while its folder is away gets its key when the folder comes back.
    """

    def __init__(self, key: bytes | None = None, *, key_file: Path | None = None) -> None:
        self._key = key
        self._key_file = key_file
        self._problem: str | None = None

    def _loaded(self) -> bytes | None:
        if self._key is None and self._key_file is not None:
            try:
                self._key = load_or_create_key(self._key_file)
            except KeyFileProblem as problem:
                if str(problem) != self._problem:  # once, not at every share
                    log.error("%s; shared pay waits for it", problem)
                self._problem = str(problem)
        return self._key

    @property
    def ready(self) -> bool:
        return self._loaded() is not None

    def of(self, user_id: int) -> str:
        return self._hash(str(user_id))

    def of_day(self, user_id: int, day: str) -> str:
        """A tag for the person on one day only: tags of two days cannot be matched."""
        return self._hash(f"{user_id}@{day}")

    def _hash(self, text: str) -> str:
        key = self._loaded()
        if key is None:
            raise PoolKeyMissingError()
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()

    def __repr__(self) -> str:  # never show the key
        return f"Pseudonyms(ready={self.ready})"


class PoolKeyMissingError(StoreError):
    """The pool key could not be read or made: submissions cannot be stored or found."""

    default_message = "Shared pay cannot be stored or looked up right now; try again later."
