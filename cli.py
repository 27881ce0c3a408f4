"""The ``cityties`` command line: ingest, extract, export, docs, ask, brief, view, serve.

Library code raises; only this module turns errors into one line on stderr
(``--debug`` shows the traceback) and an exit code. Reads (``ask``, ``docs``,
``export``, ``view``) open the store read-only and work beside a running
``cityties serve`` or ingest; writes go through the service while it holds the store.
"""
from __future__ import annotations

import ctypes
import json
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from .errors import CitytiesError
from .settings import Settings, load_settings


class CLIError(click.ClickException):
    """An error reported as one line."""


class _Commands(click.Group):
    """The command group: a CitytiesError anywhere in a command is one line and exit 1; any other
    exception is a bug, said so in one line (the traceback with ``--debug``)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except CitytiesError as e:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            raise CLIError(_one_line(e)) from e
        except Exception as e:  # noqa: BLE001 - not one of ours: a bug, and we say so
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            raise CLIError(f"internal error ({type(e).__name__}: {_one_line(e)}); this is a bug in cityties: "
                           "run again with --debug for the traceback") from e


def _one_line(e: BaseException) -> str:
    return str(e).splitlines()[0] if str(e).strip() else type(e).__name__


def _store_option(command: Any) -> Any:
    """Accept ``--store`` after the subcommand too (``cityties export --store X``)."""
    def remember(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
        if value:
            ctx.ensure_object(dict)
            ctx.find_root().obj.setdefault("overrides", {})["store"] = value
    return click.option("--store", expose_value=False, callback=remember, is_eager=True,
                        help="Store directory or SPARQL endpoint URL.")(command)


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    base = dict(ctx.obj.get("overrides", {})) if ctx.obj else {}
    base.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return load_settings(base)
    except ValueError as e:
        raise CLIError(str(e)) from e


def _read(settings: Settings):
    """Open the store for reading: beside a running service or ingest, their newest snapshot."""
    from .graph.indexes import open_store
    return open_store(settings.store, read_only=True)


@click.group(cls=_Commands)
@click.option("--store", envvar="CITYTIES_STORE", help="Store directory or SPARQL endpoint URL.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="cityties")
@click.pass_context
def main(ctx: click.Context, store: str | None, debug: bool) -> None:
    """cityties: a knowledge graph of city-partnership relations."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["overrides"] = {"store": store} if store else {}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_store_option
@click.option("--force", is_flag=True, help="Re-extract documents whose content has not changed.")
@click.option("--jobs", type=int, default=None, help="Extraction worker processes.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--token", default=None, envvar="CITYTIES_TOKEN",
              help="Token of the running service, when it holds the store.")
@click.option("--home", default=None,
              help="The writing body of these documents (name or IRI), instead of reading it off each one.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], force: bool,
           jobs: int | None, quiet: bool, token: str | None, home: str | None) -> None:
    """Ingest files and folders into the store; print a summary line.

    While `cityties serve` holds the store, documents go through the service.
    """
    from tqdm import tqdm

    from .graph.indexes import open_store
    from .graph.store import StoreLocked
    from .ingest.batch import discover, ingest_parallel, ingest_sources
    from .ingest.load import SUPPORTED_SUFFIXES
    from .ingest.pipeline import extract_file, load_resources
    from .ingest.upload import upload_sources

    settings = _settings(ctx, jobs=jobs, token=token)
    sources = discover(paths, SUPPORTED_SUFFIXES, home=home)
    bar = tqdm(total=len(sources), unit="doc", disable=quiet, file=sys.stderr, dynamic_ncols=True)
    report = None
    try:
        store = open_store(settings.store)
    except StoreLocked as locked:
        url = _service_or_fail(settings, locked)
        click.echo(f"cityties: the service at {url} holds the store; uploading through it", err=True)
        steps = upload_sources(sources, url, settings.token)
        store = None
    else:
        if settings.jobs <= 1:
            resources = load_resources(settings.data_dir or None)
            steps = ingest_sources(sources, store, lambda p, i, h, w: extract_file(p, i, resources, h, w),
                                   force=force)
        else:
            steps = ingest_parallel(sources, store, settings.jobs, settings.data_dir or None, force=force)
    try:
        for src, report in steps:
            bar.set_postfix_str(src.path.name[:30], refresh=False)
            bar.update(1)
        bar.close()
    finally:
        if store is not None:
            store.close()
    if report is None:
        click.echo("0 documents: no supported files found", err=True)
        sys.exit(1)
    for line in report.failures:
        click.echo(f"error: {line}", err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_store_option
@click.option("--format", "fmt", type=click.Choice(["json", "ttl"]), default="json", show_default=True)
@click.option("--home", default=None, help="The writing body (name or IRI), instead of reading it off the file.")
@click.pass_context
def extract(ctx: click.Context, file: Path, fmt: str, home: str | None) -> None:
    """Extract one file and print its Extraction (the JSON contract, or Turtle); no store needed."""
    from .graph.model import to_json
    from .graph.rdf import extraction_to_rdf
    from .ingest.batch import content_hash
    from .ingest.pipeline import extract_file, load_resources

    settings = _settings(ctx)
    resources = load_resources(settings.data_dir or None)
    from .ingest.batch import sidecar_home
    x = extract_file(file, file.name, resources, content_hash(file), home or sidecar_home(file))
    if fmt == "json":
        click.echo(json.dumps(to_json(x), ensure_ascii=False, indent=1))
    else:
        g = extraction_to_rdf(x)
        for prefix, ns in (("ct", "https://w3id.org/cityties/ns#"), ("schema", "https://schema.org/"),
                           ("oa", "http://www.w3.org/ns/oa#")):
            g.bind(prefix, ns)
        click.echo(g.serialize(format="turtle"))


@main.command()
@click.option("--format", "fmt", default="ttl", show_default=True,
              type=click.Choice(["ttl", "trig", "nq", "jsonld", "graphml", "csv", "csv-entities", "csv-trips"]))
@click.option("--entity", help="Export only this entity's neighbourhood (IRI or name).")
@click.option("--depth", type=int, default=1, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout).")
@_store_option
@click.pass_context
def export(ctx: click.Context, fmt: str, entity: str | None, depth: int, output: Path | None) -> None:
    """Export the graph: Turtle, TriG, N-Quads, JSON-LD, GraphML (Gephi) or CSV."""
    from .graph import export as ex
    from .graph.queries import resolve_entity

    with _read(_settings(ctx)) as store:
        if entity:
            iri = resolve_entity(store, entity)
            if iri is None:
                raise CLIError(f"no entity matches {entity!r}")
            data = ex.export_neighbourhood(store, iri, fmt, depth)
        else:
            data = ex.export(store, fmt)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.group(invoke_without_command=True)
@_store_option
@click.pass_context
def docs(ctx: click.Context) -> None:
    """List the documents in the store (or delete one)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(docs_list)


@docs.command("list")
@_store_option
@click.pass_context
def docs_list(ctx: click.Context) -> None:
    """List documents: id, date, title."""
    with _read(_settings(ctx)) as store:
        for d in store.documents():
            click.echo(f"{d.id}\t{d.date or '-'}\t{d.title or ''}")


@docs.command("delete")
@click.argument("document_id")
@_store_option
@click.option("--token", default=None, envvar="CITYTIES_TOKEN",
              help="Token of the running service, when it holds the store.")
@click.pass_context
def docs_delete(ctx: click.Context, document_id: str, token: str | None) -> None:
    """Delete one document's graph by its id (as `docs list` shows it).

    While `cityties serve` holds the store, the service deletes it.
    """
    from .graph.indexes import open_store
    from .graph.store import StoreLocked
    from .graph.vocab import document_iri
    settings = _settings(ctx, token=token)
    try:
        store = open_store(settings.store)
    except StoreLocked as locked:
        url = _service_or_fail(settings, locked)
        from .ingest.upload import delete_document
        if not delete_document(document_id, url, settings.token):
            raise CLIError(f"{document_id}: no such document in the store (see `cityties docs list`)") from None
    else:
        with store:
            if not store.drop_document(document_iri(document_id)):
                raise CLIError(f"{document_id}: no such document in the store (see `cityties docs list`)")
    click.echo(f"deleted {document_id}")


def _service_or_fail(settings: Settings, locked: Exception) -> str:
    """Return the URL of the service holding the store, or say in one line why writes cannot go on."""
    from .ingest.upload import running_service
    url = running_service(settings.store)
    if url is None:
        raise CLIError(str(locked)) from locked
    if not settings.token:
        raise CLIError(f"{settings.store} is held by the service at {url}; set CITYTIES_TOKEN to its "
                       "token to write through it, or stop it first") from locked
    return url


@main.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@_store_option
@click.pass_context
def ask(ctx: click.Context, question: tuple[str, ...], as_json: bool) -> None:
    """Answer a question in Korean or English ("who did we meet in Chongqing")."""
    from .graph.questions import answer, format_answer
    settings = _settings(ctx)
    with _read(settings) as store:
        result = answer(store, " ".join(question), settings)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str) if as_json
               else format_answer(result))


@main.command()
@click.argument("entity")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Default: from the output file's suffix, else md.")
@click.option("--home", default=None, help="Who \"we\" are (IRI or name; default: the home setting).")
@_store_option
@click.pass_context
def brief(ctx: click.Context, entity: str, output: Path | None, fmt: str | None, home: str | None) -> None:
    """Write the briefing on a place or partner: trips, meetings, agreements, people, sources."""
    from .graph.briefdoc import to_docx, to_markdown
    from .graph.briefing import briefing
    from .graph.index import LabelIndex, find_home

    fmt = fmt or (output.suffix.lstrip(".").lower() if output and output.suffix.lower() in (".md", ".html", ".docx")
                  else "md")
    if fmt == "docx" and output is None:
        raise CLIError("--format docx needs -o FILE.docx")
    settings = _settings(ctx, home=home)
    with _read(settings) as store:
        index = LabelIndex(store)
        match = index.resolve(entity)
        if match is None:
            raise CLIError(f"no entity matches {entity!r}; try `cityties ask \"who is {entity}\"`")
        we = find_home(index, settings.home)
        if we is None:
            raise CLIError("no home entity: set --home or CITYTIES_HOME, or ingest documents with a home")
        b = briefing(store, match.iri, we.iri)
    if fmt == "html":
        from .api.briefing import render_briefing
        data = render_briefing(b, standalone=True).encode("utf-8")
    else:
        data = to_docx(b) if fmt == "docx" else to_markdown(b).encode("utf-8")
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {output} ({fmt}, {len(b.notes)} sources)", err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--focus", help="Entity (IRI or name) to centre on.")
@click.option("--depth", type=int, default=2, show_default=True)
@_store_option
@click.pass_context
def view(ctx: click.Context, output: Path, focus: str | None, depth: int) -> None:
    """Write the interactive network view to an HTML file (works offline)."""
    from .api.view import render_view
    settings = _settings(ctx)
    with _read(settings) as store:
        html = render_view(store, settings, focus=focus, depth=depth)
    output.write_text(html, encoding="utf-8")
    click.echo(f"wrote {output}")


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--token", default=None, envvar="CITYTIES_TOKEN", help="Bearer token for write endpoints.")
@_store_option
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, token: str | None) -> None:
    """Serve the web pages, the JSON API, /sparql and the network view."""
    import uvicorn

    from .api.app import create_app
    from .graph.indexes import open_store
    from .ingest.upload import announce
    settings = _settings(ctx, host=host, port=port, token=token)
    _return_freed_memory()
    store = open_store(settings.store)
    url = f"http://{settings.host}:{settings.port}"
    click.echo(f"cityties: serving {settings.store}\n  open {url}/ in a browser (the API: {url}/docs)\n"
               "  press Ctrl+C to stop", err=True)
    note = announce(settings.store, url) if not settings.store.startswith(("http://", "https://")) else None
    try:
        app = create_app(store, settings)
        app.state.start_workers = True
        # a long question in a URL (up to 1 MiB) reaches the app, which answers a page, not h11's bare 400
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                    h11_max_incomplete_event_size=1024 * 1024)
    finally:
        if note is not None:
            note.unlink(missing_ok=True)
        store.close()


def _return_freed_memory() -> None:
    """Let the service give back what big requests used: glibc otherwise keeps freed buffers of a
    megabyte query in one arena per thread (measured: +43 MB after 20 hostile queries; +3 MB so)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-8, 2)  # M_ARENA_MAX
        libc.mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD: fixed, so big buffers are mapped and unmapped
    except (OSError, AttributeError):
        pass  # not glibc: nothing to tune


from .curation_cli import register  # noqa: E402 - the `cityties curate` group lives in its own module
register(main, _store_option)

if __name__ == "__main__":
    main()
