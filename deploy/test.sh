#!/usr/bin/env bash
# The project's test command: bash deploy/test.sh [extra dotnet test arguments, e.g. --filter X]
# Installs Debian's chromium if missing (the scorecard's browser test; its screenshot is kept in
# .run/test/results/scorecard). Starts a private RabbitMQ node and PostgreSQL cluster on test ports under .run/test, builds and
# tests Workforce.sln against them, stops what it started, validates the deployment files offline
# (deploy/validate-deploy.sh: its steps count as tests), and ends with the line
# "N passed, N failed, N skipped". Fails if the build or any test fails, any test is skipped, or
# no test ran.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="$ROOT/deploy"
RUN_DIR="$ROOT/.run/test"
RESULTS="$RUN_DIR/results"
RABBIT_ARGS=(--dir "$RUN_DIR/rabbitmq" --name workforce-test --port 35672 --mgmt-port 35673 --dist-port 35674)
PG_ARGS=(--dir "$RUN_DIR/postgres" --port 35432)

cd "$ROOT"

sudo_if_needed() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Explicit return codes throughout: a bare `return` in a trap handler reports the pre-trap status.
epmd_bin() {
  command -v epmd 2>/dev/null && return 0
  local e; for e in /usr/lib/erlang/erts-*/bin/epmd; do [[ -x "$e" ]] && { echo "$e"; return 0; }; done
  return 1
}
epmd_running() { local e; e="$(epmd_bin)" && ERL_EPMD_ADDRESS=127.0.0.1 "$e" -names >/dev/null 2>&1; }

# A cluster that postgres.sh had to place outside the run dir (see there) goes with the run dir.
remove_pg_cluster() {
  local f="$RUN_DIR/postgres/cluster-path" c
  [[ -f "$f" ]] || return 0
  c="$(head -n 1 "$f")"
  [[ -n "$c" && -d "$c" ]] && rm -rf "$c"
  rm -f "$f"
}

started_rabbit=0
started_pg=0
epmd_was_running=0
cleaned=0
cleanup() {
  ((cleaned)) && return 0
  cleaned=1
  set +e
  ((started_pg)) && { bash "$DEPLOY/postgres.sh" stop "${PG_ARGS[@]}"; remove_pg_cluster; }
  ((started_rabbit)) && bash "$DEPLOY/rabbitmq.sh" stop "${RABBIT_ARGS[@]}"
  # epmd is shared by every Erlang node on the machine: stop it only if we started it and no node uses it.
  if ((started_rabbit)) && ((!epmd_was_running)) && epmd_running; then
    local e; e="$(epmd_bin)"
    if ! ERL_EPMD_ADDRESS=127.0.0.1 "$e" -names 2>/dev/null | grep -q '^name '; then
      ERL_EPMD_ADDRESS=127.0.0.1 "$e" -kill >/dev/null 2>&1
    fi
  fi
  set -e
}
summary_printed=0
# shellcheck disable=SC2317  # called from the traps
on_exit() {
  cleanup
  # CI reads the last line even when the run died before the tests (e.g. a broker that would not start).
  ((summary_printed)) || echo "0 passed, 0 failed, 0 skipped"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Leftovers of an interrupted earlier run would hold the ports and files we are about to wipe.
bash "$DEPLOY/rabbitmq.sh" stop "${RABBIT_ARGS[@]}" >/dev/null
bash "$DEPLOY/postgres.sh" stop "${PG_ARGS[@]}" >/dev/null
remove_pg_cluster
rm -rf "$RUN_DIR"
mkdir -p "$RESULTS"

# The scorecard's browser test drives Debian's Chromium (tests/Workforce.IntegrationTests/ScorecardPageTests.cs).
if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing chromium (Debian package) ..."
  sudo_if_needed apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi

epmd_running && epmd_was_running=1
started_rabbit=1   # set before starting: a start that fails half-way still needs stopping
bash "$DEPLOY/rabbitmq.sh" start "${RABBIT_ARGS[@]}"
started_pg=1
bash "$DEPLOY/postgres.sh" start "${PG_ARGS[@]}"

export WORKFORCE_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:35672/"
export WORKFORCE_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:35673"
export WORKFORCE_TEST_POSTGRES="Host=127.0.0.1;Port=35432;Username=postgres"
export WORKFORCE_TEST_RUN_DIR="$RUN_DIR"

build_rc=0
test_rc=0
# No MSBuild node reuse: lingering build nodes would outlive the run (and hold CI's output pipe).
dotnet build Workforce.sln -c Release -nodeReuse:false || build_rc=$?
if ((build_rc == 0)); then
  # A test still running after 10 minutes (the longest take about 2) is taken as hung: its test host is stopped
  # and the test named, so one hang fails the run in minutes rather than holding it until CI gives up.
  dotnet test Workforce.sln -c Release --no-build --logger "trx" --results-directory "$RESULTS" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "$@" || test_rc=$?
fi

# Sum the <Counters> of every TRX file. The TRX logger leaves notExecuted at 0 for skipped xunit
# tests (they only lower `executed`), so whatever neither passed nor failed counts as skipped.
read -r total passed failed trx_files < <(
  find "$RESULTS" -name '*.trx' -type f -print0 |
    while IFS= read -r -d '' f; do tr '\r\n' '  ' <"$f" | grep -o '<Counters [^>]*>' || true; echo; done |
    awk '
      function attr(name,   m) {
        if (match($0, " " name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 }
        return 0
      }
      /<Counters / {
        files++
        total += attr("total"); passed += attr("passed")
        failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted")
      }
      END { printf "%d %d %d %d\n", total, passed, failed, files }'
)
skipped=$((total - passed - failed))
((skipped < 0)) && skipped=0

cleanup

# Offline checks of the compose, Prometheus and Kubernetes files and a publish of each service from
# this build (without a build, the publish steps are left out); each step counts as a test.
validate_rc=0
validate_args=(--no-build)
((build_rc != 0)) && validate_args=(--skip-publish)
bash "$DEPLOY/validate-deploy.sh" "${validate_args[@]}" | tee "$RUN_DIR/validate-deploy.log" || validate_rc=$?
read -r v_passed v_failed v_skipped < <(
  sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$RUN_DIR/validate-deploy.log" | tail -n 1
) || true
passed=$((passed + ${v_passed:-0}))
failed=$((failed + ${v_failed:-0}))
skipped=$((skipped + ${v_skipped:-0}))

rc=0
((build_rc != 0)) && { echo "dotnet build failed (exit $build_rc)."; rc=1; }
((test_rc != 0)) && { echo "dotnet test failed (exit $test_rc)."; rc=1; }
((validate_rc != 0)) && { echo "deploy/validate-deploy.sh failed (exit $validate_rc)."; rc=1; }
((failed > 0)) && { echo "$failed test(s) failed."; rc=1; }
((skipped > 0)) && { echo "$skipped test(s) were skipped; skipping is not allowed."; rc=1; }
((build_rc == 0 && total == 0)) && { echo "No tests ran ($trx_files result files)."; rc=1; }
summary_printed=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
