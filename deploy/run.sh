#!/usr/bin/env bash
# The project's run command: bash deploy/run.sh [--postgres] [--demo]
# Starts a local RabbitMQ node, builds the suite and runs the three services on 127.0.0.1 until
# Ctrl-C, which stops the services and whatever this script started. Data goes to .run/dev/data
# (SQLite) unless ConnectionStrings__Postgres is set in the environment (passed through), or
# --postgres starts a local PostgreSQL on 5432 and points the services at it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="$ROOT/deploy"
DEV="$ROOT/.run/dev"
LOGS="$DEV/logs"

usage() { echo "usage: $0 [--postgres] [--demo]" >&2; exit 2; }
USE_PG=0
DEMO=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --postgres) USE_PG=1; shift ;;
    --demo) DEMO=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

# name, project folder, assembly, gRPC (h2c) port, HTTP/1.1 port
SERVICES=(
  "workforce services/Workforce Workforce.Api.dll 5101 5111"
  "caseload services/Caseload Caseload.Api.dll 5102 5112"
  "supervision services/Supervision Supervision.Api.dll 5103 5113"
)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# kill -0 also succeeds for a zombie; an exited child stays one until it is reaped.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local stat; stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  [[ "${stat##*) }" != Z* ]]
}

# Explicit return codes throughout: a bare `return` in a trap handler reports the pre-trap status.
epmd_bin() {
  command -v epmd 2>/dev/null && return 0
  local e; for e in /usr/lib/erlang/erts-*/bin/epmd; do [[ -x "$e" ]] && { echo "$e"; return 0; }; done
  return 1
}
epmd_running() { local e; e="$(epmd_bin)" && ERL_EPMD_ADDRESS=127.0.0.1 "$e" -names >/dev/null 2>&1; }

declare -A PIDS=()
started_rabbit=0
started_pg=0
epmd_was_running=0
cleaned=0
# shellcheck disable=SC2317  # called from the traps
cleanup() {
  ((cleaned)) && return 0
  cleaned=1
  set +e
  local name pid deadline
  if ((${#PIDS[@]} > 0)); then
    echo "Stopping services ..."
    for name in "${!PIDS[@]}"; do kill -TERM "${PIDS[$name]}" 2>/dev/null; done
    deadline=$((SECONDS + 15))
    for name in "${!PIDS[@]}"; do
      pid="${PIDS[$name]}"
      while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
      alive "$pid" && { echo "$name did not stop within 15 s; killing it"; kill -KILL "$pid" 2>/dev/null; }
      wait "$pid" 2>/dev/null
    done
  fi
  ((started_pg)) && bash "$DEPLOY/postgres.sh" stop
  ((started_rabbit)) && bash "$DEPLOY/rabbitmq.sh" stop
  # epmd is shared by every Erlang node on the machine: stop it only if we started it and no node uses it.
  if ((started_rabbit)) && ((!epmd_was_running)) && epmd_running; then
    local e; e="$(epmd_bin)"
    if ! ERL_EPMD_ADDRESS=127.0.0.1 "$e" -names 2>/dev/null | grep -q '^name '; then
      ERL_EPMD_ADDRESS=127.0.0.1 "$e" -kill >/dev/null 2>&1
    fi
  fi
  set -e
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT"
mkdir -p "$LOGS" "$DEV/data"

# A broker (or database) that was already running is left running at the end.
epmd_running && epmd_was_running=1
if bash "$DEPLOY/rabbitmq.sh" status >/dev/null 2>&1; then
  echo "RabbitMQ is already running; it will be left running."
else
  started_rabbit=1   # set before starting: a start that fails half-way still needs stopping
fi
bash "$DEPLOY/rabbitmq.sh" start
export ConnectionStrings__RabbitMq="${ConnectionStrings__RabbitMq:-amqp://guest:guest@127.0.0.1:5672/}"

PG_BASE=""
if ((USE_PG)); then
  if bash "$DEPLOY/postgres.sh" status >/dev/null 2>&1; then
    echo "PostgreSQL is already running; it will be left running."
  else
    started_pg=1
  fi
  bash "$DEPLOY/postgres.sh" start
  PG_BASE="Host=127.0.0.1;Port=5432;Username=postgres"
  # No Database= here: each service then uses a database named after itself.
  export ConnectionStrings__Postgres="$PG_BASE"
fi

dotnet build Workforce.sln -c Release

for svc in "${SERVICES[@]}"; do
  read -r name dir dll grpc http <<<"$svc"
  for p in "$grpc" "$http"; do
    if port_in_use "$p"; then echo "port $p is already in use (is another run.sh still running?)" >&2; exit 1; fi
  done
  (
    cd "$ROOT/$dir"   # content root: the service finds its appsettings*.json here
    export ASPNETCORE_ENVIRONMENT=Development
    export Storage__DataDirectory="$DEV/data"
    export OTEL_SERVICE_NAME="$name"
    # Pin the endpoints to loopback and to the ports in the table below, whatever appsettings say.
    export Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc" Kestrel__Endpoints__Grpc__Protocols=Http2
    export Kestrel__Endpoints__Http__Url="http://127.0.0.1:$http" Kestrel__Endpoints__Http__Protocols=Http1
    exec dotnet "bin/Release/net10.0/$dll"
  ) >"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
  echo "Started $name (pid ${PIDS[$name]}), log: .run/dev/logs/$name.log"
done

# The scorecard page (services/Scorecard): HTTP/1.1 only; it calls the three services over gRPC with the user's token.
if port_in_use 5120; then echo "port 5120 is already in use (is another run.sh still running?)" >&2; exit 1; fi
(
  cd "$ROOT/services/Scorecard"
  export ASPNETCORE_ENVIRONMENT=Development OTEL_SERVICE_NAME=scorecard
  export Kestrel__Endpoints__Http__Url="http://127.0.0.1:5120" Kestrel__Endpoints__Http__Protocols=Http1
  export Scorecard__WorkforceUrl=http://127.0.0.1:5101 Scorecard__CaseloadUrl=http://127.0.0.1:5102 Scorecard__SupervisionUrl=http://127.0.0.1:5103
  exec dotnet bin/Release/net10.0/Scorecard.Api.dll
) >"$LOGS/scorecard.log" 2>&1 &
PIDS[scorecard]=$!
echo "Started scorecard (pid ${PIDS[scorecard]}), log: .run/dev/logs/scorecard.log"

deadline=$((SECONDS + 60))
for svc in "${SERVICES[@]}" "scorecard services/Scorecard Scorecard.Api.dll - 5120"; do
  read -r name dir dll grpc http <<<"$svc"
  until curl -sf -o /dev/null "http://127.0.0.1:$http/health/ready"; do
    if ! alive "${PIDS[$name]}" || ((SECONDS >= deadline)); then
      if alive "${PIDS[$name]}"; then echo "$name is not ready after 60 s; last log lines:" >&2
      else echo "$name exited during start-up; last log lines:" >&2; fi
      tail -n 40 "$LOGS/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
done

db="SQLite files in .run/dev/data"
[[ -n "${ConnectionStrings__Postgres:-}" ]] && db="PostgreSQL (ConnectionStrings__Postgres from the environment)"
[[ -n "$PG_BASE" ]] && db="PostgreSQL $PG_BASE (a database per service)"
echo
printf '%-14s %-24s %s\n' "service" "gRPC (h2c)" "HTTP/1.1 (health, metrics)"
for svc in "${SERVICES[@]}"; do
  read -r name dir dll grpc http <<<"$svc"
  printf '%-14s %-24s %s\n' "$name" "http://127.0.0.1:$grpc" "http://127.0.0.1:$http"
done
printf '%-14s %s\n' "Scorecard" "http://127.0.0.1:5120/ (paste an analyst token: bash deploy/dev-token.sh --role analyst --authority 841)"
printf '%-14s %s\n' "RabbitMQ" "amqp://guest:guest@127.0.0.1:5672/"
printf '%-14s %s\n' "Management UI" "http://127.0.0.1:15672/ (guest/guest)"
printf '%-14s %s\n' "Data" "$db"
printf '%-14s %s\n' "Logs" ".run/dev/logs/<service>.log"
echo
# --demo: load the demo council (four years of synthetic HR history, case allocations and supervision; deploy/DemoCouncil).
if ((DEMO)); then
  echo "Loading the demo council (841) ..."
  demo_token="$(bash "$DEPLOY/dev-token.sh" --role hr-writer --role case-writer --role supervision-writer --authority 841)"
  dotnet "$ROOT/deploy/DemoCouncil/bin/Release/net10.0/DemoCouncil.dll" --workforce http://127.0.0.1:5101 --caseload http://127.0.0.1:5102 \
    --supervision http://127.0.0.1:5103 --token "$demo_token"
fi

echo "A token for calls: bash deploy/dev-token.sh (see --help). Ctrl-C stops everything."

# Run until Ctrl-C, or until a service dies: then report it and stop the rest.
set +e
wait -n -p exited "${PIDS[@]}"
code=$?
set -e
for name in "${!PIDS[@]}"; do
  if [[ "${PIDS[$name]}" == "${exited:-}" ]]; then
    echo "$name exited with code $code; last log lines:" >&2
    tail -n 40 "$LOGS/$name.log" >&2
    unset "PIDS[$name]"
  fi
done
exit 1
