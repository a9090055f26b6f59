#!/usr/bin/env bash
# SealDesk quick start on Debian/Ubuntu.
#   ./quickstart.sh run    install everything, then start SealDesk (demo mode on first start)
#   ./quickstart.sh test   install everything, then run the whole test suite
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-run}"
shift || true

run_packages=(
  python3 python3-venv softhsm2 opensc poppler-utils qpdf
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
  libxcb-randr0 libxcb-shape0
)
test_packages=("${run_packages[@]}" xvfb postgresql gcc libc6-dev openssl)

install_system() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_python() {
  local extras="$1"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
}

case "$mode" in
  run)
    install_system "${run_packages[@]}"
    install_python ""
    exec .venv/bin/sealdesk gui "$@"
    ;;
  install-test)
    # Used by .ci/run before the packaging check; the README's commands are 'run' and 'test'.
    install_system "${test_packages[@]}"
    install_python "[test]"
    ;;
  test)
    install_system "${test_packages[@]}"
    install_python "[test]"
    .venv/bin/ruff check app tests bench
    export QT_QPA_PLATFORM=offscreen
    # Two workers (CI has 2 cores); each test file stays on one worker so that module-scoped
    # fixtures (sealed PDFs, PKI) are built once.
    exec .venv/bin/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile "$@"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
