"""cityties: a knowledge graph of city-partnership relations.

The notebook API lives here: :func:`open` a store and :func:`ingest` documents.
"""
__version__ = "0.1.0"
