#!/usr/bin/env bash
# Set up a fresh machine: Debian packages (tests only), a virtualenv in .venv, the package.
#   scripts/setup.sh          what `cityties` needs to run
#   scripts/setup.sh --test   plus what the test suite needs (chromium, LibreOffice, Virtuoso, fonts)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ "$want_test" = 1 ]; then
  # Debian packages the tests drive: a real browser, a converter for the seed formats,
  # CJK fonts for both, and a remote SPARQL store.
  pkgs="chromium fonts-noto-cjk libreoffice-writer-nogui virtuoso-opensource-7-bin"
  missing=""
  for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      # virtuoso-opensource-7-bin brings virtuoso-t and isql-vt and starts no service: the tests start it
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "setup: missing Debian packages:$missing (run as root or install them with sudo apt-get install)" >&2
      exit 1
    fi
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
  .venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
else
  .venv/bin/python -m pip install -q -e .
fi
