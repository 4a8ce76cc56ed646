#!/usr/bin/env bash
# Local PostgreSQL 15 cluster for development and tests, without systemd or Docker.
#   deploy/postgres.sh start|stop|status [--dir RUN_DIR] [--port P]
# Listens on 127.0.0.1 only (plus a unix socket next to the data), trust authentication: for
# local development only. The cluster lives in RUN_DIR/cluster; if the postgres user cannot reach
# that path (say the clone is under a private home directory) or the path is unfit for a unix
# socket, it lives in a private temporary directory whose path is recorded in RUN_DIR/cluster-path.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  echo "usage: $0 start|stop|status [--dir RUN_DIR] [--port P]" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
CMD="$1"; shift
DIR="$ROOT/.run/dev/postgres"
PORT=5432
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="${2:?--dir needs a value}"; shift 2 ;;
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "not a port number: $PORT" >&2; exit 2; }

# A relative --dir is taken from the current directory, like any other path argument.
[[ "$CMD" == start ]] && mkdir -p "$DIR"
if [[ -d "$DIR" ]]; then DIR="$(cd "$DIR" && pwd)"; elif [[ "$DIR" != /* ]]; then DIR="$PWD/$DIR"; fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PG_BIN/pg_ctl" ]]; then
  echo "PostgreSQL binaries not found in $PG_BIN (install postgresql-15, or set PG_BIN)" >&2
  exit 1
fi

# initdb and pg_ctl refuse to run as root: as root, run them as the postgres user.
if [[ "$(id -u)" -eq 0 ]]; then
  PG_OWNER=postgres
  AS_PG=(runuser -u postgres --)
else
  PG_OWNER="$(id -un)"
  AS_PG=()
fi
# From / so the tools never trip over a working directory the postgres user cannot read.
as_pg() { (cd / && "${AS_PG[@]}" "$@"); }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Where the cluster lives now: the recorded temporary directory, else RUN_DIR/cluster.
cluster_base() {
  local recorded=""
  [[ -f "$DIR/cluster-path" ]] && recorded="$(head -n 1 "$DIR/cluster-path")"
  if [[ -n "$recorded" && -d "$recorded" ]]; then echo "$recorded"; else echo "$DIR/cluster"; fi
}

# A cluster base works if the postgres user can write there, the socket path fits the 107-byte
# limit of unix sockets, and no quote or $ breaks the shell command line pg_ctl builds.
base_usable() {
  local base="$1"
  [[ "$base" != *[\'\"\$\`\\]* ]] || return 1
  (( ${#base} + ${#PORT} + 10 <= 100 )) || return 1
  as_pg test -w "$base" -a -x "$base" 2>/dev/null
}

prepare_base() {
  local base; base="$(cluster_base)"
  # A recorded temporary cluster is reused while it exists.
  if [[ "$base" != "$DIR/cluster" ]]; then echo "$base"; return 0; fi
  mkdir -p "$base"
  chown "$PG_OWNER" "$base"
  chmod 755 "$base"
  # Open up the run dir and its parents inside the repo's .run for the postgres user; nothing above.
  local d="$DIR"
  chmod o+x "$d" 2>/dev/null || true
  while [[ "$d" == "$ROOT/.run/"* ]]; do
    d="$(dirname "$d")"
    chmod o+x "$d" 2>/dev/null || true
  done
  if base_usable "$base"; then rm -f "$DIR/cluster-path"; echo "$base"; return 0; fi
  rmdir "$base" 2>/dev/null || true
  base="$(mktemp -d "${TMPDIR:-/tmp}/workforce-pg.XXXXXX")"
  chown "$PG_OWNER" "$base"
  chmod 700 "$base"
  base_usable "$base" || { echo "cannot find a directory the $PG_OWNER user can use for the cluster" >&2; exit 1; }
  echo "$base" >"$DIR/cluster-path"
  echo "note: $DIR/cluster is not usable by the $PG_OWNER user; the cluster lives in $base" >&2
  echo "$base"
}

conn_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres"; }

running() { [[ -f "$1/data/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

# The port a running cluster listens on is line 4 of postmaster.pid.
running_port() { sed -n 4p "$1/data/postmaster.pid" 2>/dev/null || echo "$PORT"; }

start() {
  local base
  base="$(cluster_base)"
  if running "$base"; then
    echo "PostgreSQL of $DIR is already running."
    echo "Connection: $(conn_string "$(running_port "$base")")"
    return 0
  fi
  if port_in_use "$PORT"; then echo "port $PORT on 127.0.0.1 is already in use; pick another port" >&2; exit 1; fi

  base="$(prepare_base)"
  local data="$base/data"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    if [[ -d "$data" && -n "$(ls -A "$data")" ]]; then
      echo "$data is not empty but holds no cluster; move it away first" >&2
      exit 1
    fi
    echo "Creating a PostgreSQL cluster in $data ..."
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
      || { cat "$base/initdb.log" >&2; exit 1; }
  fi

  echo "Starting PostgreSQL on 127.0.0.1:$PORT (data in $data) ..."
  if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$base/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k '$base'" start >/dev/null; then
    echo "PostgreSQL did not start; last log lines:" >&2
    tail -n 30 "$base/postgres.log" >&2 || true
    exit 1
  fi
  local deadline=$((SECONDS + 30))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; do
    if ((SECONDS >= deadline)); then echo "PostgreSQL did not accept connections within 30 s" >&2; exit 1; fi
    sleep 0.2
  done
  echo "PostgreSQL is up."
  echo "Connection: $(conn_string "$PORT")"
}

stop() {
  local base
  base="$(cluster_base)"
  if ! running "$base"; then
    echo "PostgreSQL of $DIR is not running."
    return 0
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$base/data" -w -t 60 stop -m fast >/dev/null
  echo "PostgreSQL stopped."
}

status() {
  local base
  base="$(cluster_base)"
  if running "$base"; then
    echo "PostgreSQL of $DIR is running."
    echo "Connection: $(conn_string "$(running_port "$base")")"
    return 0
  fi
  echo "PostgreSQL of $DIR is not running."
  return 1
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
