#!/bin/sh
# Build the one-folder app (dist/sealdesk/) with PyInstaller and check that it starts.
#
#   packaging/build.sh            build, then run the offscreen smoke test
#   packaging/build.sh --no-check build only
#
# Uses the project's virtualenv (.venv, made by ./quickstart.sh) and installs the 'packaging'
# extra (PyInstaller) into it if missing. Output: dist/sealdesk/sealdesk; work files in
# build/pyinstaller/. The smoke test starts the built app with a throw-away SEALDESK_HOME and
# QT_QPA_PLATFORM=offscreen and expects "main window shown" and exit status 0.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "Installing PyInstaller (the 'packaging' extra)…"
    "$PYTHON" -m pip install --quiet -e "$ROOT[packaging]"
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/sealdesk.spec"
echo "Built $DIST/sealdesk in $(( $(date +%s) - start )) s ($(du -sh "$DIST/sealdesk" | cut -f1))."

if [ "${1:-}" = "--no-check" ]; then
    exit 0
fi
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
SEALDESK_HOME="$HOME_DIR" QT_QPA_PLATFORM=offscreen "$DIST/sealdesk/sealdesk" --smoke-test
