"""The one error type the domain raises for bad user input."""

from __future__ import annotations


class QueryError(ValueError):
    """A query field could not be understood; `message` is ready to show a user."""

    def __init__(self, field: str, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.suggestions = list(suggestions or [])

    def __repr__(self) -> str:
        return f"QueryError(field={self.field!r}, message={self.message!r})"
