"""The curation operations: what each acts on, what value it takes, and what it does.

Plain data, no RDF: the command line builds its commands from this table.

>>> OPERATIONS["set_date"].target, OPERATIONS["set_date"].value, OPERATIONS["set_date"].clears
('fact', 'date', True)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True, slots=True)
class Operation:
    """One kind of curation: what it acts on, what value it takes, and what it does."""

    name: str
    target: str  # "entity", "fact" or "document"
    value: str  # entity, type, qid, label, text, names, date, kind, status or none
    clears: bool  # an empty value clears the field
    help: str


OPERATIONS: Mapping[str, Operation] = {o.name: o for o in (
    Operation("merge", "entity", "entity", False, "merge the entity into another; its IRI redirects there"),
    Operation("split", "entity", "names", False, "move wrongly merged names (and what they say) to an entity of their own"),
    Operation("rename", "entity", "label", False, "set the entity's name in one language"),
    Operation("retype", "entity", "type", False, "set the entity's type"),
    Operation("set_within", "entity", "entity", True, "set the place the entity lies within"),
    Operation("set_qid", "entity", "qid", True, "set the entity's Wikidata QID"),
    Operation("add_alias", "entity", "text", False, "add another name of the entity"),
    Operation("remove_alias", "entity", "text", False, "remove a name that is not the entity's"),
    Operation("reject", "fact", "none", False, "mark the fact wrong: kept, deprecated, hidden from answers"),
    Operation("confirm", "fact", "none", False, "mark the fact checked by a person"),
    Operation("set_date", "fact", "date", True, "correct the fact's date"),
    Operation("set_place", "fact", "entity", True, "correct the fact's place"),
    Operation("set_kind", "fact", "kind", True, "correct the agreement's kind"),
    Operation("set_status", "fact", "status", True, "correct the fact's status"),
    Operation("add_fact", "fact", "none", False, "add a fact by hand, citing a document's quote or a person's note"),
    Operation("set_home", "document", "entity", True, "set whose point of view the document takes"),
    Operation("set_title", "document", "text", False, "set the document's title"),
)}
QUALIFIERS = ("date", "place", "kind", "status", "title")  # what a fact added by hand may carry

__all__ = ["Operation", "OPERATIONS", "QUALIFIERS"]
