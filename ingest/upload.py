"""Ingest through a running service: how the CLI shares an embedded store with `cityties serve`.

The on-disk Oxigraph store admits one writer process. While `cityties serve`
holds it, `cityties ingest` finds the service through the sidecar file the
service writes beside the store (``<store>.serve.json``) and uploads each
document to it; the service extracts and writes, one transaction per document,
while it goes on answering queries.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from .batch import Report, Source


def sidecar(store: str) -> Path:
    """Return the path of the file a running service writes beside its store.

    >>> sidecar("/data/store").name
    'store.serve.json'
    """
    p = Path(store)
    return p.with_name(p.name + ".serve.json")


def announce(store: str, url: str) -> Path:
    """Record that this process serves ``store`` at ``url``; return the sidecar path."""
    path = sidecar(store)
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    return path


def running_service(store: str) -> str | None:
    """Return the URL of the live service holding ``store``, or None."""
    path = sidecar(store)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)  # a stale file from a killed service names a dead pid
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(info["url"])


def upload_sources(sources: Iterable[Source], url: str, token: str,
                   timeout: float = 300.0) -> Iterator[tuple[Source, Report]]:
    """Upload each source to the service at ``url``; yield after each with the running report."""
    import httpx

    report = Report()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=timeout) as client:
        for src in sources:
            try:
                with open(src.path, "rb") as fh:
                    r = client.post("/api/documents", files={"file": (src.path.name, fh)},
                                    data={"id": src.document_id, **({"home": src.home} if src.home else {})})
                if r.status_code >= 400:
                    raise RuntimeError(f"{src.path}: the service refused it ({r.status_code}): {_message(r)}")
                body = r.json()
                report.documents += 1
                report.entities += int(body.get("entities", 0))
                report.facts += int(body.get("facts", 0))
            except (OSError, httpx.HTTPError, RuntimeError) as e:
                line = str(e).splitlines()[0] if str(e) else type(e).__name__
                report.failures.append(line if line.startswith(str(src.path)) else f"{src.path}: {line}")
            yield src, report


def delete_document(document_id: str, url: str, token: str, timeout: float = 60.0) -> bool:
    """Ask the service at ``url`` to delete a document; return whether it was there."""
    import httpx
    from urllib.parse import quote

    from ..graph.store import StoreError

    try:
        r = httpx.delete(f"{url}/api/documents/{quote(document_id, safe='/')}",
                         headers={"Authorization": f"Bearer {token}"}, timeout=timeout)
    except httpx.HTTPError as e:
        raise StoreError(f"{url}: cannot reach the service to delete {document_id} ({e})") from e
    if r.status_code == 404:
        return False
    if r.status_code >= 400:
        raise StoreError(f"{document_id}: the service refused to delete it ({r.status_code}): {_message(r)}")
    return True


def _message(response) -> str:
    """Return the message of the service's error answer (its JSON ``message``, else the text)."""
    try:
        return str(response.json().get("message", response.text))
    except ValueError:
        return response.text
