#!/usr/bin/env bash
# Local RabbitMQ node for development and tests, without systemd or Docker.
#   deploy/rabbitmq.sh start|stop|status [--dir RUN_DIR] [--port AMQP] [--mgmt-port P] [--dist-port P] [--name NODE]
# Every listener is on 127.0.0.1. All state (data, logs, Erlang cookie) lives under RUN_DIR, so several
# nodes with different names, ports and dirs can run side by side, and a restart on the same dir keeps
# durable queues and persistent messages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RABBIT_BIN=/usr/lib/rabbitmq/bin

usage() {
  echo "usage: $0 start|stop|status [--dir RUN_DIR] [--port AMQP] [--mgmt-port P] [--dist-port P] [--name NODE]" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
CMD="$1"; shift
DIR="$ROOT/.run/dev/rabbitmq"
PORT=5672
MGMT_PORT=15672
DIST_PORT=25672
NAME=workforce
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="${2:?--dir needs a value}"; shift 2 ;;
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --mgmt-port) MGMT_PORT="${2:?--mgmt-port needs a value}"; shift 2 ;;
    --dist-port) DIST_PORT="${2:?--dist-port needs a value}"; shift 2 ;;
    --name) NAME="${2:?--name needs a value}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
for p in "$PORT" "$MGMT_PORT" "$DIST_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] || { echo "not a port number: $p" >&2; exit 2; }
done
[[ "$NAME" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "node name may use letters, digits, - and _ only: $NAME" >&2; exit 2; }

# A relative --dir is taken from the current directory, like any other path argument.
[[ "$CMD" == start ]] && mkdir -p "$DIR"
if [[ -d "$DIR" ]]; then DIR="$(cd "$DIR" && pwd)"; elif [[ "$DIR" != /* ]]; then DIR="$PWD/$DIR"; fi
PIDFILE="$DIR/rabbitmq.pid"
STATEFILE="$DIR/node.env"   # ports of the running node, so `status` and a repeated `start` can report them

sudo_if_needed() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# kill -0 also succeeds for a zombie, and an init that does not reap leaves exited nodes as zombies.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local stat; stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  [[ "${stat##*) }" != Z* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

node_pid() {
  local pid
  [[ -s "$PIDFILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" ]] && alive "$pid" || return 1
  # A recycled pid must not pass for our node: the node inherits RABBITMQ_PID_FILE from `start`.
  if [[ -r "/proc/$pid/environ" ]] && ! tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qxF "RABBITMQ_PID_FILE=$PIDFILE"; then
    return 1
  fi
  echo "$pid"
}

# Reads KEY from the state file written at start; falls back to the given default.
state_get() {
  local v=""
  [[ -f "$STATEFILE" ]] && v="$(sed -n "s/^$1=//p" "$STATEFILE" | head -n 1)"
  echo "${v:-$2}"
}

print_endpoints() {
  local port="$1" mgmt="$2"
  echo "AMQP:       amqp://guest:guest@127.0.0.1:$port/"
  echo "Management: http://127.0.0.1:$mgmt/ (guest/guest)"
}

find_epmd() {
  if command -v epmd >/dev/null 2>&1; then command -v epmd; return 0; fi
  local e; for e in /usr/lib/erlang/erts-*/bin/epmd; do [[ -x "$e" ]] && { echo "$e"; return 0; }; done
  echo "epmd not found (is erlang-base installed?)" >&2; return 1
}

# The node and its CLI must agree on HOME (Erlang cookie) and keep distribution on loopback.
ERL_LOOPBACK='-kernel inet_dist_use_interface {127,0,0,1}'
NODE="$NAME@localhost"
RENV=(
  HOME="$DIR/home"
  LC_ALL=C.UTF-8
  ERL_EPMD_ADDRESS=127.0.0.1
  RABBITMQ_NODENAME="$NODE"
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  RABBITMQ_NODE_PORT="$PORT"
  RABBITMQ_DIST_PORT="$DIST_PORT"
  RABBITMQ_MNESIA_BASE="$DIR/mnesia"
  RABBITMQ_LOG_BASE="$DIR/log"
  RABBITMQ_PID_FILE="$PIDFILE"
  RABBITMQ_CONFIG_FILE="$DIR/rabbitmq.conf"
  RABBITMQ_ADVANCED_CONFIG_FILE="$DIR/advanced.config"
  RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins"
  RABBITMQ_CONF_ENV_FILE=/dev/null
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$ERL_LOOPBACK"
  RABBITMQ_CTL_ERL_ARGS="$ERL_LOOPBACK"
  # The CLI's own distribution port defaults to 35672-35682, which would collide with brokers on
  # those ports (the test node's AMQP port is 35672); let the OS pick an ephemeral port instead.
  RABBITMQ_CTL_DIST_PORT_MIN=0
  RABBITMQ_CTL_DIST_PORT_MAX=0
)
rabbitmqctl() { env "${RENV[@]}" "$RABBIT_BIN/rabbitmqctl" -n "$NODE" "$@"; }

start() {
  local pid
  if pid="$(node_pid)"; then
    echo "RabbitMQ node of $DIR is already running (pid $pid)."
    print_endpoints "$(state_get AMQP_PORT "$PORT")" "$(state_get MANAGEMENT_PORT "$MGMT_PORT")"
    return 0
  fi
  rm -f "$PIDFILE"   # stale: `rabbitmqctl wait` would otherwise watch a dead pid

  if [[ ! -x "$RABBIT_BIN/rabbitmq-server" ]]; then
    echo "Installing rabbitmq-server (Debian package) ..."
    sudo_if_needed apt-get update -q
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rabbitmq-server
  fi

  local p
  for p in "$PORT" "$MGMT_PORT" "$DIST_PORT"; do
    if port_in_use "$p"; then echo "port $p on 127.0.0.1 is already in use; pick other ports" >&2; exit 1; fi
  done

  # Our own epmd, on loopback; otherwise the Erlang VM would start one on every interface.
  local epmd; epmd="$(find_epmd)"
  if ! ERL_EPMD_ADDRESS=127.0.0.1 "$epmd" -names >/dev/null 2>&1; then
    "$epmd" -address 127.0.0.1 -daemon
  fi

  mkdir -p "$DIR/home" "$DIR/mnesia" "$DIR/log"
  cat >"$DIR/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$PORT
loopback_users = none
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
EOF
  echo '[rabbitmq_management].' >"$DIR/enabled_plugins"
  printf 'AMQP_PORT=%s\nMANAGEMENT_PORT=%s\nDIST_PORT=%s\nNODE_NAME=%s\n' "$PORT" "$MGMT_PORT" "$DIST_PORT" "$NODE" >"$STATEFILE"

  echo "Starting RabbitMQ node $NODE (data in $DIR) ..."
  local t0=$SECONDS
  env "${RENV[@]}" "$RABBIT_BIN/rabbitmq-server" -detached >"$DIR/log/start.out" 2>&1 \
    || { cat "$DIR/log/start.out" >&2; exit 1; }

  # The node writes its pid file a moment after `-detached` returns, and `rabbitmqctl wait` fails outright
  # (garbage_in_pid_file) if it reads the file empty or half-written: wait for a whole pid first.
  local pid_deadline=$((SECONDS + 60))
  until grep -qsxE '[0-9]+' "$PIDFILE"; do
    if ((SECONDS >= pid_deadline)); then
      echo "RabbitMQ did not write its pid file within 60 s; last log lines:" >&2
      tail -n 30 "$DIR/log/$NODE.log" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
  if ! rabbitmqctl wait "$PIDFILE" --timeout 60 >"$DIR/log/wait.out" 2>&1; then
    echo "RabbitMQ did not start; last log lines:" >&2
    cat "$DIR/log/wait.out" >&2
    tail -n 30 "$DIR/log/$NODE.log" >&2 2>/dev/null || true
    exit 1
  fi
  # The broker can be up a moment before the management listener is.
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null -u guest:guest "http://127.0.0.1:$MGMT_PORT/api/overview"; do
    if ((SECONDS >= deadline)); then echo "management API on port $MGMT_PORT did not answer within 60 s" >&2; exit 1; fi
    sleep 0.5
  done
  echo "RabbitMQ is up after $((SECONDS - t0)) s (pid $(node_pid))."
  print_endpoints "$PORT" "$MGMT_PORT"
}

stop() {
  local pid
  if ! pid="$(node_pid)"; then
    echo "RabbitMQ node of $DIR is not running."
    rm -f "$PIDFILE"
    return 0
  fi
  echo "Stopping RabbitMQ (pid $pid) ..."
  local t0=$SECONDS
  # SIGTERM makes the node shut down cleanly, flushing message stores so data survives a restart.
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      echo "still running after 30 s; sending KILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$PIDFILE"
  echo "RabbitMQ stopped after $((SECONDS - t0)) s."
}

status() {
  local pid
  if pid="$(node_pid)"; then
    echo "RabbitMQ node of $DIR is running (pid $pid)."
    print_endpoints "$(state_get AMQP_PORT "$PORT")" "$(state_get MANAGEMENT_PORT "$MGMT_PORT")"
    return 0
  fi
  echo "RabbitMQ node of $DIR is not running."
  return 1
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
