#!/usr/bin/env bash
# Set up, ingest the bundled corpus into the embedded store (.store/), serve on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CITYTIES_STORE="${CITYTIES_STORE:-$PWD/.store}"
.venv/bin/cityties ingest data/corpus
exec .venv/bin/cityties serve --host "${CITYTIES_HOST:-127.0.0.1}" --port "${CITYTIES_PORT:-8000}"
