#!/usr/bin/env bash
# Installs what Cluster Pass's demo and tests need on a fresh Debian machine with Node 20:
# Debian packages (Chromium for the workbench in a browser, nginx + Jupyter for the simulated gateway,
# ripgrep/kerberos headers for code-server, PostgreSQL + psql + libfaketime + tmux for the real-psql tests), the npm
# dependencies, and the two code-servers the workbench tests run on (the oldest and the newest supported VS Code,
# each with its Node from npm; cached).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium ripgrep libkrb5-dev pkg-config openssl sqlite3 nginx python3-jupyter-server jupyter-server python3-ipykernel
  postgresql postgresql-client libfaketime tmux)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "setup: code-server for the oldest and the newest supported VS Code (cached under ~/.cache/cluster-pass)"
node scripts/install-code-server.mjs oldest
# The newest is needed only by its own test layer: if it cannot be installed, that layer says so (skipped, and the
# run fails) while every other layer still runs.
node scripts/install-code-server.mjs newest || echo "setup: the newest VS Code build could not be installed (see above)"
