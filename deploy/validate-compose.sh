#!/usr/bin/env bash
# Checks docker-compose.yml against Debian's docker-compose 1.29.2 (no Docker engine needed):
# it rejects newer-spec keys (top-level name:, healthcheck.start_interval, depends_on.<svc>.restart).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sudo_if_needed() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing docker-compose (Debian package) ..."
  sudo_if_needed apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose
fi

cd "$ROOT"
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml is valid ($(docker-compose version --short))."
