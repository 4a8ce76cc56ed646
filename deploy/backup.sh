#!/usr/bin/env bash
# Backs up and restores the three services' databases.
#   deploy/backup.sh backup  --to DIR   (--sqlite DATA_DIR | --postgres HOST:PORT [--user U] [--database SERVICE=NAME]...)
#   deploy/backup.sh restore --from DIR (--sqlite DATA_DIR | --postgres HOST:PORT [--user U] [--database SERVICE=NAME]...)
# PostgreSQL: one custom-format pg_dump per service database (named after the service unless
# --database says otherwise); a password, if any, comes from PGPASSWORD or ~/.pgpass. SQLite: SQLite's online backup of each
# service's file, consistent while the service runs. Every file's SHA-256 goes into MANIFEST, which
# restore checks first. Back up all three services together; restore with the services stopped.
set -euo pipefail

usage() {
  echo "usage: $0 backup --to DIR | restore --from DIR, with --sqlite DATA_DIR or --postgres HOST:PORT [--user U] [--database SERVICE=NAME]..." >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
CMD="$1"; shift
[[ "$CMD" == backup || "$CMD" == restore ]] || usage
DIR="" SQLITE="" POSTGRES="" PGUSER_NAME=postgres
SERVICES=(workforce caseload supervision)
declare -A DATABASE=([workforce]=workforce [caseload]=caseload [supervision]=supervision)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --to|--from) DIR="${2:?$1 needs a value}"; shift 2 ;;
    --sqlite) SQLITE="${2:?--sqlite needs a value}"; shift 2 ;;
    --postgres) POSTGRES="${2:?--postgres needs a value}"; shift 2 ;;
    --user) PGUSER_NAME="${2:?--user needs a value}"; shift 2 ;;
    --database)
      [[ "${2:-}" =~ ^(workforce|caseload|supervision)=([A-Za-z0-9_]+)$ ]] || { echo "--database wants SERVICE=NAME, not ${2:-nothing}" >&2; exit 2; }
      DATABASE[${BASH_REMATCH[1]}]="${BASH_REMATCH[2]}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n "$DIR" ]] || usage
if [[ -n "$SQLITE" && -n "$POSTGRES" ]] || [[ -z "$SQLITE" && -z "$POSTGRES" ]]; then
  echo "say either --sqlite DATA_DIR or --postgres HOST:PORT" >&2
  exit 2
fi

sudo_if_needed() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ -n "$SQLITE" ]] && ! command -v sqlite3 >/dev/null 2>&1; then
  echo "Installing sqlite3 (Debian package) ..."
  sudo_if_needed apt-get update -q >/dev/null
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sqlite3 >/dev/null
fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ -n "$POSTGRES" ]]; then
  [[ "$POSTGRES" =~ ^([^:]+):([0-9]+)$ ]] || { echo "--postgres wants HOST:PORT, not $POSTGRES" >&2; exit 2; }
  PG_ARGS=(-h "${BASH_REMATCH[1]}" -p "${BASH_REMATCH[2]}" -U "$PGUSER_NAME")
  [[ -x "$PG_BIN/pg_dump" ]] || { echo "pg_dump not found in $PG_BIN (install postgresql-client-15, or set PG_BIN)" >&2; exit 1; }
fi

file_for() { if [[ -n "$SQLITE" ]]; then echo "$1.db"; else echo "$1.dump"; fi; }

backup() {
  mkdir -p "$DIR"
  : > "$DIR/MANIFEST.tmp"
  for service in "${SERVICES[@]}"; do
    local target="$DIR/$(file_for "$service")"
    if [[ -n "$SQLITE" ]]; then
      [[ -f "$SQLITE/$service.db" ]] || { echo "no database $SQLITE/$service.db" >&2; exit 1; }
      rm -f "$target"
      sqlite3 "$SQLITE/$service.db" ".timeout 30000" ".backup '$target'"
      [[ "$(sqlite3 "$target" 'PRAGMA integrity_check;')" == ok ]] || { echo "backup of $service failed its integrity check" >&2; exit 1; }
    else
      "$PG_BIN/pg_dump" "${PG_ARGS[@]}" --format=custom --no-owner --file="$target" "${DATABASE[$service]}"
    fi
    (cd "$DIR" && sha256sum "$(basename "$target")") >> "$DIR/MANIFEST.tmp"
    echo "backed up $service -> $target"
  done
  mv "$DIR/MANIFEST.tmp" "$DIR/MANIFEST"
}

restore() {
  [[ -f "$DIR/MANIFEST" ]] || { echo "$DIR has no MANIFEST: not a complete backup" >&2; exit 1; }
  (cd "$DIR" && sha256sum --quiet --check MANIFEST) || { echo "backup files in $DIR do not match MANIFEST" >&2; exit 1; }
  for service in "${SERVICES[@]}"; do
    local source="$DIR/$(file_for "$service")"
    if [[ -n "$SQLITE" ]]; then
      mkdir -p "$SQLITE"
      # A stale write-ahead log would be replayed over the restored file.
      rm -f "$SQLITE/$service.db-wal" "$SQLITE/$service.db-shm"
      cp "$source" "$SQLITE/$service.db.restoring"
      mv "$SQLITE/$service.db.restoring" "$SQLITE/$service.db"
    else
      "$PG_BIN/dropdb" "${PG_ARGS[@]}" --if-exists --force "${DATABASE[$service]}"
      "$PG_BIN/createdb" "${PG_ARGS[@]}" "${DATABASE[$service]}"
      "$PG_BIN/pg_restore" "${PG_ARGS[@]}" --no-owner --exit-on-error --dbname="${DATABASE[$service]}" "$source"
    fi
    echo "restored $service <- $source"
  done
}

"$CMD"
