"""``cityties curate``: correct the graph from the command line; corrections outlive re-ingest.

Each correction prints one line (``#N what it did — how many documents changed``);
``--dry-run`` prints what would change instead. While ``cityties serve`` holds the
store, corrections go through the service (``CITYTIES_TOKEN`` set to its token).
"""
from __future__ import annotations

import getpass
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from .graph.model import AGREEMENT_KINDS, ENTITY_TYPES, FACT_TYPES, STATUSES
from .graph.operations import OPERATIONS

if TYPE_CHECKING:
    from .graph.proposal import Proposal


def _cli() -> Any:
    """Return the ``cli`` module (imported late: it registers this group when it loads)."""
    from . import cli
    return cli


class _Local:
    """Curations made on a store this process opened."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def record(self, p: Proposal, dry_run: bool) -> dict:
        from .graph import curator
        return asdict(curator.record(self.store, p, dry_run=dry_run))

    def undo(self, seq: int, who: str, why: str, dry_run: bool) -> dict:
        from .graph import curator
        return asdict(curator.undo(self.store, seq, who, why, dry_run=dry_run))

    def import_(self, data: bytes) -> dict:
        from .graph import curator
        return asdict(curator.import_curations(self.store, data))


class _Service:
    """Curations sent to the running service that holds the store."""

    def __init__(self, url: str, token: str) -> None:
        import httpx
        self.client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=300)

    def _call(self, method: str, path: str, **kw: Any) -> Any:
        r = self.client.request(method, path, **kw)
        if r.status_code >= 400:
            try:
                message = r.json().get("message", r.text)
            except ValueError:
                message = r.text
            raise _cli().CLIError(f"the service refused it ({r.status_code}): {message}")
        return r

    def record(self, p: Proposal, dry_run: bool) -> dict:
        return self._call("POST", "/api/curations", json={**asdict(p), "names": list(p.names), "dry_run": dry_run}).json()

    def undo(self, seq: int, who: str, why: str, dry_run: bool) -> dict:
        return self._call("POST", f"/api/curations/{seq}/undo", json={"who": who, "why": why, "dry_run": dry_run}).json()

    def import_(self, data: bytes) -> dict:
        return self._call("POST", "/api/curations/import", files={"file": ("curations.trig", data)}).json()

    def close(self) -> None:
        self.client.close()


def _with_desk(ctx: click.Context, fn: Callable[[Any], Any]) -> Any:
    """Run a write ``fn`` on the store, or through the service while it holds the store."""
    from .graph.indexes import open_store
    from .graph.store import StoreLocked
    cli = _cli()
    settings = cli._settings(ctx)
    try:
        store = open_store(settings.store)
    except StoreLocked as locked:
        desk = _Service(cli._service_or_fail(settings, locked), settings.token)
        try:
            return fn(desk)
        finally:
            desk.close()
    with store:
        return fn(_Local(store))


def _reading(ctx: click.Context, fn: Callable[[Any], Any]) -> Any:
    """Run a read ``fn`` on the store opened read-only (beside a running service or ingest)."""
    cli = _cli()
    with cli._read(cli._settings(ctx)) as store:
        return fn(store)


def _who(ctx: click.Context, who: str | None) -> str:
    if who:
        return who
    settings = _cli()._settings(ctx)
    try:
        return settings.curator or getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


def _print_outcome(out: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    c, changes = out["curation"], out["changes"]
    what = f"#{c['seq']} {c['label']}" if out["written"] else f"preview: {c['label']} (nothing written)"
    if c.get("undone") and out["written"]:
        what = f"#{c['seq']} undone: {c['label']}"
    click.echo(f"{what} — {len(changes)} document{'s' if len(changes) != 1 else ''} "
               f"{'changed' if out['written'] else 'would change'}")
    if out["written"]:
        return
    for ch in changes:
        click.echo(f"  {ch['document_id']}: {len(ch['removed'])} removed, {len(ch['added'])} added"
                   + (f", {ch['more']} more" if ch["more"] else "") + (" (the note goes)" if ch["dropped"] else ""))
        for sign, rows in (("-", ch["removed"]), ("+", ch["added"])):
            for r in rows:
                click.echo(f"    {sign} {r['subject_label']}  {r['predicate']}  {r['object_label']}")


def _common(fn: Callable) -> Callable:
    for option in reversed((
        click.option("--why", default="", help="Why (kept with the curation)."),
        click.option("--who", default=None, help="Who makes it (default: the curator setting or login name)."),
        click.option("--dry-run", is_flag=True, help="Only print what would change."),
        click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON."),
    )):
        fn = option(fn)
    return click.pass_context(fn)


def _make(ctx: click.Context, op: str, who: str | None, dry_run: bool, as_json: bool, **fields: Any) -> None:
    from .graph.proposal import Proposal
    p = Proposal(op, **fields, who=_who(ctx, who))
    _print_outcome(_with_desk(ctx, lambda desk: desk.record(p, dry_run)), as_json)


@click.group()
def curate() -> None:
    """Correct the graph: merge, split, rename, reject, date... Corrections outlive re-ingest.

    Entities are named by IRI or name, facts by IRI (`cityties curate facts ENTITY` lists
    them), documents by id. `cityties curate log` lists every correction and what became of it.
    """


def _simple(op: str, target: str, value: str | None, optional: bool = False, **value_kw: Any) -> None:
    """Add a command for an operation taking a target and (maybe) one value."""
    def command(ctx: click.Context, target: str, value: str | None = None, why: str = "", who: str | None = None,
                dry_run: bool = False, as_json: bool = False, **kw: Any) -> None:
        _make(ctx, op, who, dry_run, as_json, target=target, value=value or "", why=why, **kw)

    fn = _common(command)
    if value is not None:
        fn = click.argument("value", metavar=value, required=not optional, **value_kw)(fn)
    fn = click.argument("target", metavar=target)(fn)
    curate.command(op.replace("_", "-"), help=OPERATIONS[op].help[0].upper() + OPERATIONS[op].help[1:] + "."
                   + (" Without a value, clears it." if optional else ""))(fn)


_simple("merge", "ENTITY", "SURVIVOR")
_simple("retype", "ENTITY", "TYPE", type=click.Choice(ENTITY_TYPES))
_simple("set_within", "ENTITY", "PLACE", optional=True)
_simple("set_qid", "ENTITY", "QID", optional=True)
_simple("add_alias", "ENTITY", "NAME")
_simple("remove_alias", "ENTITY", "NAME")
_simple("reject", "FACT", None)
_simple("confirm", "FACT", None)
_simple("set_date", "FACT", "DATE", optional=True)
_simple("set_place", "FACT", "PLACE", optional=True)
_simple("set_kind", "FACT", "KIND", optional=True, type=click.Choice(AGREEMENT_KINDS))
_simple("set_status", "FACT", "STATUS", optional=True, type=click.Choice(STATUSES))
_simple("set_home", "DOCUMENT", "ENTITY", optional=True)
_simple("set_title", "DOCUMENT", "TITLE")


@curate.command()
@click.argument("entity")
@click.argument("label")
@click.option("--lang", default="", help="ko, zh or en (default: the label's script).")
@_common
def rename(ctx: click.Context, entity: str, label: str, lang: str, why: str, who: str | None, dry_run: bool,
           as_json: bool) -> None:
    """Set the entity's name in one language."""
    _make(ctx, "rename", who, dry_run, as_json, target=entity, value=label, lang=lang, why=why)


@curate.command()
@click.argument("entity")
@click.argument("names", nargs=-1, required=True)
@click.option("--type", "entity_type", default="", type=click.Choice(("", *ENTITY_TYPES)),
              help="Type of the new entity (default: the old one's).")
@click.option("--into", default="", help="An existing entity to move the names to.")
@_common
def split(ctx: click.Context, entity: str, names: tuple[str, ...], entity_type: str, into: str, why: str,
          who: str | None, dry_run: bool, as_json: bool) -> None:
    """Split wrongly merged names (and the facts that use only them) out of an entity."""
    _make(ctx, "split", who, dry_run, as_json, target=entity, names=names, entity_type=entity_type, into=into,
          why=why)


@curate.command("add-fact")
@click.argument("fact_type", metavar="TYPE", type=click.Choice(FACT_TYPES))
@click.argument("subject")
@click.argument("object_", metavar="OBJECT")
@click.option("--document", default="", help="The document (id) that says so ...")
@click.option("--quote", default="", help="... and the words it says it in.")
@click.option("--note", default="", help="Or: what a person said ...")
@click.option("--by", "note_by", default="", help="... and who said it.")
@click.option("--date", default="")
@click.option("--place", default="")
@click.option("--kind", default="", type=click.Choice(("", *AGREEMENT_KINDS)))
@click.option("--status", default="", type=click.Choice(("", *STATUSES)))
@click.option("--title", default="")
@_common
def add_fact(ctx: click.Context, fact_type: str, subject: str, object_: str, why: str, who: str | None,
             dry_run: bool, as_json: bool, **kw: str) -> None:
    """Add a fact by hand, citing a document's quote or a person's note."""
    _make(ctx, "add_fact", who, dry_run, as_json, fact_type=fact_type, subject=subject, object=object_, why=why, **kw)


@curate.command()
@click.argument("entity")
@click.pass_context
def facts(ctx: click.Context, entity: str) -> None:
    """List an entity's facts with the ids to name them by (rejected ones too)."""
    from .graph.queries import resolve_entity
    from .graph.ranked import facts_of
    def facts_(store: Any) -> list:
        iri = resolve_entity(store, entity)
        if iri is None:
            raise _cli().CLIError(f"no entity matches {entity!r}")
        return facts_of(store, iri)

    for f in _reading(ctx, facts_):
            row, doc = f.row, f.row.evidence.document_id
            mark = {"deprecated": " [rejected]", "confirmed": " [confirmed]"}.get(f.rank or "", "")
            click.echo(f"{doc}#{row.fact.rsplit('#', 1)[-1]}\t{row.type}\t{row.subject_label} → {row.object_label}"
                       f"\t{row.date or '-'}\t“{row.evidence.quote[:60]}”{mark}")


@curate.command()
@click.option("--orphaned", is_flag=True, help="Only the curations that find nothing to apply to.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def log(ctx: click.Context, orphaned: bool, as_json: bool) -> None:
    """List every curation: number, when, who, what, and whether it is applied, orphaned or undone."""
    from .graph.curator import history
    items = [asdict(s) for s in _reading(ctx, history)]
    items = [s for s in items if s["state"] == "orphaned"] if orphaned else items
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
        return
    for s in items:
        c = s["curation"]
        state = {"applied": f"applied ({s['documents']} doc{'s' if s['documents'] != 1 else ''})",
                 "orphaned": f"ORPHANED: {s['reason']}",
                 "undone": f"undone by {(c['undone'] or {}).get('who')} {(c['undone'] or {}).get('when', '')[:16]}"}[s["state"]]
        click.echo(f"#{c['seq']}\t{c['when'][:16].replace('T', ' ')}\t{c['who']}\t{c['label']}"
                   f"{'  — ' + c['why'] if c['why'] else ''}\t{state}")
    if not items:
        click.echo("no curations" + (" orphaned" if orphaned else ""), err=True)


@curate.command()
@click.argument("number", type=int)
@_common
def undo(ctx: click.Context, number: int, why: str, who: str | None, dry_run: bool, as_json: bool) -> None:
    """Take curation NUMBER back (see `cityties curate log`); its record stays, marked undone."""
    who_ = _who(ctx, who)
    _print_outcome(_with_desk(ctx, lambda desk: desk.undo(number, who_, why, dry_run)), as_json)


@curate.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout).")
@click.pass_context
def export_(ctx: click.Context, output: Path | None) -> None:
    """Write every curation as TriG, to share with another team or store."""
    from .graph.curator import export_curations
    data = _reading(ctx, export_curations)
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@curate.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, file: Path) -> None:
    """Add the curations of a TriG file (another team's) and apply them; known ones are skipped."""
    out = _with_desk(ctx, lambda desk: desk.import_(file.read_bytes()))
    click.echo(f"{len(out['added'])} curations added, {out['known']} known already, "
               f"{out['documents']} documents changed")


def register(group: click.Group, store_option: Callable[[Any], Any]) -> None:
    """Add the curate group to ``group``, it and each of its commands taking ``--store`` as every
    cityties command does (``store_option`` adds it to a built command too)."""
    for command in (curate, *curate.commands.values()):
        store_option(command)
    group.add_command(curate)
