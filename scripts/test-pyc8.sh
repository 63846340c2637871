#!/usr/bin/env bash
# The pyC8 acceptance suite: the stock Python client pyC8 1.1.2 (from PyPI,
# unmodified) driven against `c8 serve` (Tests/pyc8, see its conftest.py).
#
# Usage: scripts/test-pyc8.sh [pytest arguments...]
#   C8_BIN=path   use that c8 binary instead of building .build/debug/c8
#   PYTHON=path   the Python that makes the venv (default: python3)
#
# Makes .build/pyc8-venv with `python3 -m venv` and pip (rebuilt whenever
# Tests/pyc8/requirements.txt changes), builds c8, and runs pytest, whose
# last line is its summary ("N passed, N failed, N skipped in T s").
# Needs root (or sudo) only on a machine without python3-venv or openssl,
# which it then installs from Debian's packages.
set -uo pipefail
cd "$(dirname "$0")/.."

venv=.build/pyc8-venv
requirements=Tests/pyc8/requirements.txt
python=${PYTHON:-python3}

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "test-pyc8: need root or sudo to install $*" >&2; return 1; }
    sudo="sudo"
  fi
  echo "test-pyc8: installing $* (Debian)" >&2
  # No stdin in CI: nothing may prompt (sudo -n fails instead of asking).
  [ -n "$sudo" ] && sudo="sudo -n"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq </dev/null &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" </dev/null >/dev/null
}

command -v "$python" >/dev/null 2>&1 || apt_install python3 python3-venv || exit 1
command -v openssl >/dev/null 2>&1 || apt_install openssl || exit 1

make_venv() {
  rm -rf "$venv"
  "$python" -m venv "$venv" >/dev/null 2>&1
}

hash=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$hash" ]; then
  mkdir -p .build
  if ! make_venv; then
    # Debian's python3 keeps ensurepip (which venv needs) in python3-venv.
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    apt_install python3-venv "python$version-venv" || apt_install python3-venv || exit 1
    make_venv || { echo "test-pyc8: '$python -m venv' still fails" >&2; exit 1; }
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" </dev/null || {
    echo "test-pyc8: pip could not install $requirements" >&2
    rm -rf "$venv"
    exit 1
  }
  echo "$hash" >"$venv/.requirements.sha256"
fi

if [ -z "${C8_BIN:-}" ]; then
  # An empty XDG_CONFIG_HOME means unset, but SwiftPM refuses it.
  [ -z "${XDG_CONFIG_HOME:-}" ] && unset XDG_CONFIG_HOME
  swift build --product c8 || exit 1
  C8_BIN="$(swift build --show-bin-path)/c8"
fi
export C8_BIN

exec "$venv/bin/python" -m pytest Tests/pyc8 "$@" </dev/null
