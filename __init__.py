"""cityties: a knowledge graph of city-partnership relations.

The notebook API lives here: :func:`open` a store and :func:`ingest` documents.

>>> import cityties
>>> g = cityties.open(":memory:")
>>> int(g.stats()["documents"])
0

Importing cityties stays cheap: pandas, rdflib and the extractor load on first use.
"""
from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .analysis import CityGraph


def open(path_or_endpoint: Any = None, *, home: str | None = None, read_only: bool = False) -> "CityGraph":  # noqa: A001
    """Open a store for analysis; return a :class:`~cityties.analysis.CityGraph`.

    ``path_or_endpoint``: a store directory, an ``http(s)://`` SPARQL endpoint,
    ``":memory:"``, or None for the configured store (``CITYTIES_STORE``).
    ``home`` names the entity that is "we" (default: the author of most documents).

    >>> g = open(":memory:")
    >>> g.meetings("충칭")  # doctest: +SKIP
    """
    from .analysis import open_graph
    return open_graph(path_or_endpoint, home=home, read_only=read_only)


class _CallableIngest(types.ModuleType):
    """The ``cityties.ingest`` subpackage, callable as :func:`cityties.analysis.ingest`.

    A plain function named ``ingest`` here would be overwritten by the subpackage
    the first time anyone imports ``cityties.ingest.<module>``, so the subpackage
    itself answers the call.
    """

    def __call__(self, paths: Any, store: Any = None, *, force: bool = False, progress: bool = True) -> Any:
        """Ingest files and folders into a store, with a progress bar; return the batch Report.

        ``store``: a CityGraph, a store directory or endpoint, or None for the configured store.
        Example: ``cityties.ingest("data/corpus", store="my-store")``.
        """
        from .analysis import ingest as _ingest
        return _ingest(paths, store, force=force, progress=progress)


if __package__:  # pytest may import the checkout's __init__.py on its own, outside any package
    from . import ingest  # noqa: E402 - an empty package: cheap, and it must exist before it is made callable

    ingest.__class__ = _CallableIngest
    if not ingest.__doc__:
        ingest.__doc__ = ("Loaders, mentions, resolution and facts; call ``cityties.ingest(paths, store=...)`` "
                          "to ingest files with a progress bar.")

# `open` stays out of __all__: `from cityties import *` must not shadow the builtin
__all__ = ["ingest", "__version__"]
