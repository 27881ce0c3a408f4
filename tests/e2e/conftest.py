"""End-to-end fixtures: the real CLI on the bundled corpus (``corpus_store`` is in tests/conftest.py)."""
