# Sourced by scripts/serve and scripts/test: make .venv with Python 3.11+ and install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Qualibot needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1 || echo missing)." >&2
  echo "Point PYTHON at one, e.g. PYTHON=python3.12 $0" >&2
  exit 2
fi
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --quiet --upgrade pip
fi
# Twice quiet: pip's errors still show, its warnings and the build backend's notes do not.
"$VENV/bin/python" -m pip install --quiet --quiet --disable-pip-version-check -e ".[$1]"
