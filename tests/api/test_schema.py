"""Schemathesis over the OpenAPI schema: generated requests to every operation, no server errors."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings as hsettings

from cityties.api.app import create_app
from cityties.settings import Settings

from apigraph import AUTH, TOKEN, build_store

SETTINGS = hsettings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))

read_app = create_app(build_store(), Settings(store="/nonexistent", token="", sparql_timeout_s=2.0))
read_schema = schemathesis.openapi.from_asgi("/openapi.json", read_app)
write_app = create_app(build_store(), Settings(store="/nonexistent", token=TOKEN, max_upload_bytes=4096))
write_schema = schemathesis.openapi.from_asgi("/openapi.json", write_app).include(
    method=["POST", "DELETE"], path_regex="^/api/(documents|curations)")


def _no_server_error(case, response) -> None:
    # a SPARQL query past its time limit is a 503 by design; anything else 5xx is a bug
    assert response.status_code < 500 or response.json().get("error") in ("query_timeout", "query_stopped", "busy"), \
        (case.method, case.path, response.status_code, response.text[:500])


@read_schema.parametrize()
@SETTINGS
def test_no_server_errors(case):
    """Every operation answers generated input without a 5xx."""
    _no_server_error(case, case.call())


@write_schema.parametrize()
@SETTINGS
def test_write_endpoints_with_the_token_no_server_errors(case):
    """Uploads, deletes and curations with a valid token answer generated input without a 5xx."""
    _no_server_error(case, case.call(headers=AUTH))
