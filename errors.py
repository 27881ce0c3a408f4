"""The one exception root: every error cityties raises on purpose is a :class:`CitytiesError`.

The CLI turns these into one line and exit code 1, the API into
``{"error": code, "message": ...}``, a batch into one failure line per document;
any other exception is a bug and keeps its traceback (``--debug``).

>>> issubclass(QueryError, CitytiesError)
True
"""
from __future__ import annotations


class CitytiesError(Exception):
    """An error whose message names the input, what failed and what to do."""


class QueryError(CitytiesError):
    """A query was refused, stopped at its time limit, or failed in the engine."""


__all__ = ["CitytiesError", "QueryError"]
