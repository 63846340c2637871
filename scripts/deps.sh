#!/usr/bin/env bash
# Installs the Debian packages c8 needs, only when something is missing.
# Usage: scripts/deps.sh PKGCONFIG_MODULE... -- APT_PACKAGE...
set -euo pipefail

modules=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do modules+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
packages=("$@")

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=("pkg-config")
for m in "${modules[@]}"; do
  pkg-config --exists "$m" 2>/dev/null || missing+=("$m")
done
command -v tmux >/dev/null 2>&1 || missing+=("tmux")

[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: missing ${missing[*]}; installing ${packages[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install ${packages[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${packages[@]}" >/dev/null
for m in "${modules[@]}"; do
  pkg-config --exists "$m" || { echo "deps: pkg-config still cannot find $m after install" >&2; exit 1; }
done
echo "deps: installed" >&2
