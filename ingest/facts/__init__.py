"""Facts: what a document states about its entities (see ``assemble.extract_facts``)."""
from .assemble import dedupe_facts, extract_facts, load_lexicon

__all__ = ["dedupe_facts", "extract_facts", "load_lexicon"]
