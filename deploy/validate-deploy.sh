#!/usr/bin/env bash
# Offline validation of what deploys the suite: no Docker engine, cluster or network beyond the
# package registries. deploy/test.sh runs it after the build; alone:
#   bash deploy/validate-deploy.sh [--no-build | --skip-publish]
# Steps, one result each:
#   compose     docker-compose.yml against docker-compose 1.29 (deploy/validate-compose.sh)
#   prometheus  `promtool check config deploy/prometheus/prometheus.yml`
#   manifests   every deploy/k8s overlay rendered (kubectl kustomize when present, and a built-in
#               renderer that must agree), validated against the Kubernetes API schemas and checked
#               for replicas, probes, resources, PDBs, secrets and queue type; compose and the
#               Prometheus targets checked against each other (deploy/k8s/validate)
#   publish-*   `dotnet publish -c Release` of each service (--no-build: reuse a Release build)
# Installs what is missing from Debian's packages (docker-compose, prometheus for promtool, nodejs
# and npm) and the pinned npm packages. Ends with "N passed, N failed, N skipped"; exits 1 if any
# step failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VALIDATE_DIR="$ROOT/deploy/k8s/validate"

publish=1
build_args=()
case "${1:-}" in
  "") ;;
  --no-build) build_args=(--no-build) ;;
  --skip-publish) publish=0 ;;
  *) echo "usage: bash deploy/validate-deploy.sh [--no-build | --skip-publish]" >&2; exit 2 ;;
esac

sudo_if_needed() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  echo "Installing $* (Debian packages) ..."
  if ((!apt_updated)); then sudo_if_needed apt-get update -q >/dev/null && apt_updated=1; fi
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
# step NAME COMMAND...: runs COMMAND, shows its output indented (the last 40 lines if it failed).
step() {
  local name="$1" started=$SECONDS rc=0
  shift
  "$@" >"$WORK/step.log" 2>&1 || rc=$?
  if ((rc == 0)); then
    passed=$((passed + 1))
    echo "PASS $name ($((SECONDS - started)) s)"
    [[ "$name" == publish-* ]] || sed 's/^/     /' "$WORK/step.log"
  else
    failed=$((failed + 1))
    echo "FAIL $name (exit $rc)"
    tail -n 40 "$WORK/step.log" | sed 's/^/     /'
  fi
}

check_prometheus() {
  command -v promtool >/dev/null 2>&1 || apt_install prometheus
  (cd "$ROOT" && promtool check config deploy/prometheus/prometheus.yml)
}

check_manifests() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
  # npm ci only when the installed tree is not the one package-lock.json pins.
  if ! cmp -s "$VALIDATE_DIR/package-lock.json" "$VALIDATE_DIR/node_modules/.package-lock.json.installed" 2>/dev/null; then
    (cd "$VALIDATE_DIR" && npm ci --no-audit --no-fund --loglevel=error) || return 1
    cp "$VALIDATE_DIR/package-lock.json" "$VALIDATE_DIR/node_modules/.package-lock.json.installed"
  fi
  node "$VALIDATE_DIR/validate.mjs"
}

# publish_service Name: a Release publish like the Dockerfile's, then the files the image runs.
publish_service() {
  local project="$ROOT/services/$1/$1.Api.csproj" out="$WORK/publish/$1"
  dotnet publish "$project" -c Release -o "$out" -p:UseAppHost=false -nodeReuse:false "${build_args[@]}" || return 1
  for f in "$1.Api.dll" "$1.Api.runtimeconfig.json" appsettings.json; do
    [[ -f "$out/$f" ]] || { echo "publish output lacks $f"; return 1; }
  done
}

step compose bash "$ROOT/deploy/validate-compose.sh"
step prometheus check_prometheus
step manifests check_manifests
if ((publish)); then
  for service in Workforce Caseload Supervision Scorecard; do
    step "publish-${service,,}" publish_service "$service"
  done
fi

echo "$passed passed, $failed failed, 0 skipped"
((failed == 0))
