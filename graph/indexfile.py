"""Index files: derived data kept beside a store in SQLite, saved with the store's fingerprint.

An index file holds rows derived from the store (labels, access paths) and the
fingerprint of the store it was last in step with. Before a write the fingerprint
is forgotten (``unsettle``), at close it is saved again (``settle``): a file whose
fingerprint is missing or differs from the store's is stale and gets rebuilt.
Subclasses give the schema (``TABLES``, ``INDEXES``, ``SCHEMA_VERSION``) and the rows
(``rebuild``, ``replace``, ``drop``); ``graph.indexes`` keeps them in step.

>>> f = IndexFile(":memory:")
>>> f.fresh_for("abc"), f.settle("abc"), f.fresh_for("abc")
(False, None, True)
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from rdflib import Graph

from .store import StoreError

if TYPE_CHECKING:
    from .store import Store


class IndexFileError(StoreError):
    """An index file cannot be used; the message says why and what to do."""


class IndexFile:
    """Rows derived from one store, in an SQLite file (or in memory).

    ``generation`` is the store generation the rows are in step with (-1: none yet);
    the store's indexes rebuild the rows when the store's generation moved on without them.
    """

    FILE = "index.sqlite"  # the file beside the store: <store>.<FILE>
    SCHEMA_VERSION = "1"
    TABLES = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    INDEXES = ""  # created after a bulk load
    DROP: tuple[str, ...] = ("meta",)  # what a rebuild drops (dropping a table drops its triggers)
    WHAT = "index"  # in messages
    ERROR: type[StoreError] = IndexFileError

    def __init__(self, location: str = ":memory:", read_only: bool = False) -> None:
        self.location = location
        self.generation = -1
        self._lock = threading.RLock()
        try:
            # autocommit: transactions are begun and ended explicitly in _tx()
            if read_only:
                self._db = sqlite3.connect(f"file:{location}?mode=ro", uri=True, check_same_thread=False,
                                           isolation_level=None)
            else:
                self._db = sqlite3.connect(location, check_same_thread=False, isolation_level=None)
                if location != ":memory:":
                    self._db.execute("PRAGMA journal_mode=WAL")  # readers in other processes do not block
                    # no fsync per commit: a crash loses at most the last writes, and the missing
                    # fingerprint then has the index rebuilt from the store anyway
                    self._db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as e:
            raise self.ERROR(f"{location}: cannot open the {self.WHAT} ({e}); delete the file "
                              "and it is rebuilt from the store") from e
        if not read_only and self.meta("version") is None:
            with self._tx():
                self._create(with_indexes=True)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and run the body in one transaction, rolled back on any error."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _create(self, with_indexes: bool) -> None:
        """Create the tables (and the indexes over them); inside a transaction."""
        for statement in statements(self.TABLES) + (statements(self.INDEXES) if with_indexes else []):
            self._db.execute(statement)
        self._set_meta("version", self.SCHEMA_VERSION)

    def _reset(self) -> None:
        """Drop every table and create them again without their indexes; inside a transaction."""
        for table in self.DROP:
            self._db.execute(f"DROP TABLE IF EXISTS {table}")
        self._create(with_indexes=False)

    # -- state

    def meta(self, key: str) -> str | None:
        """Return a stored setting (schema version, store fingerprint), or None."""
        with self._lock:
            try:
                row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            except sqlite3.OperationalError:  # no tables yet
                return None
            return row[0] if row else None

    def _set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self._db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def fresh_for(self, fingerprint: str) -> bool:
        """Say whether the rows were saved in step with a store having this fingerprint."""
        return self.meta("version") == self.SCHEMA_VERSION and self.meta("fingerprint") == fingerprint

    def unsettle(self) -> None:
        """Forget the saved fingerprint before a store write: a crash from here on leaves
        the file visibly stale, and the next open rebuilds it."""
        with self._tx():
            self._set_meta("fingerprint", None)

    def settle(self, fingerprint: str) -> None:
        """Record that the rows are in step with a store having ``fingerprint``."""
        with self._tx():
            self._set_meta("fingerprint", fingerprint)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    # -- rows: what subclasses derive from the store

    def rebuild(self, store: "Store") -> None:
        """Replace every row with those the store holds now."""
        with self._tx():
            self._reset()
            for statement in statements(self.INDEXES):
                self._db.execute(statement)
            self.generation = store.generation

    def replace(self, graph_iri: str, triples: Graph) -> None:
        """Replace the rows of one named graph with those ``triples`` give."""

    def drop(self, graph_iri: str) -> None:
        """Delete the rows of one named graph."""


def statements(script: str) -> list[str]:
    """Split a script of DDL into statements (a trigger body's inner ';' is followed by a space).

    >>> statements("CREATE TABLE a(x);\\nCREATE TABLE b(y);\\n")
    ['CREATE TABLE a(x)', 'CREATE TABLE b(y)']
    """
    return [s.strip() for s in script.split(";\n") if s.strip()]


__all__ = ["IndexFile", "IndexFileError", "statements"]
