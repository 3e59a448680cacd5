"""The error for what the Discord client would not let a person send."""

from __future__ import annotations


class UsageError(ValueError):
    """The person asked for something the Discord client would not let them send."""
