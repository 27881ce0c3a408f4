"""The command line's errors: ours are one line and exit 1; anything else is a bug and says so."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from cityties.cli import _Commands, main
from cityties.errors import CitytiesError
from cityties.graph.store import StoreError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))


def _group(exc: BaseException) -> click.Group:
    @click.group(cls=_Commands)
    @click.option("--debug", is_flag=True)
    @click.pass_context
    def cli(ctx: click.Context, debug: bool) -> None:
        ctx.ensure_object(dict)["debug"] = debug

    @cli.command()
    def boom() -> None:
        raise exc

    return cli


def test_our_errors_are_one_line_and_exit_1():
    r = CliRunner().invoke(_group(StoreError("/x: cannot open the store (no space left)")), ["boom"])
    assert r.exit_code == 1 and r.output.strip() == "Error: /x: cannot open the store (no space left)"
    assert issubclass(StoreError, CitytiesError)


def test_anything_else_is_a_bug_with_the_traceback_under_debug():
    r = CliRunner().invoke(_group(KeyError("oops")), ["boom"])
    assert r.exit_code == 1 and "internal error (KeyError" in r.output and "bug" in r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(_group(KeyError("oops")), ["--debug", "boom"])
    assert r.exit_code == 1 and "Traceback" in r.output


def test_every_subcommand_takes_store():
    def walk(group: click.Group, path: tuple[str, ...] = ()):
        for name, cmd in group.commands.items():
            yield (*path, name), cmd
            if isinstance(cmd, click.Group):
                yield from walk(cmd, (*path, name))

    for path, cmd in walk(main):
        assert any("--store" in p.opts for p in cmd.params), f"cityties {' '.join(path)} lacks --store"


def test_store_after_the_subcommand_is_the_store_used_and_reads_create_nothing(tmp_path):
    from apigraph import build_store  # tests/api: the small graph
    from cityties.graph.store import open_store
    with open_store(tmp_path / "store") as store:
        for doc in build_store().documents():
            store.replace_document(doc.iri, build_store().graph(doc.iri))
    r = CliRunner().invoke(main, ["docs", "--store", str(tmp_path / "store")])
    assert r.exit_code == 0 and "small.txt" in r.output and "signed.txt" in r.output, r.output
    r = CliRunner().invoke(main, ["docs", "list", "--store", str(tmp_path / "none")])
    assert r.exit_code == 0 and r.output == "" and not (tmp_path / "none").exists()
