#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for tests.
#   source .ci/pg-cluster.sh; pg_cluster_start   -> exports CUTOVER_TEST_PG_URL
#   pg_cluster_stop                               (call from an EXIT trap)
# initdb refuses to run as root, so as root the cluster belongs to `postgres`.
# Locale C: ORDER BY on text compares bytes, as SQLite does.

pg_cluster_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$d" && -x "$d/initdb" ]] || { echo "[pg] no PostgreSQL server binaries under /usr/lib/postgresql" >&2; return 1; }
  echo "$d"
}

pg_cluster_as() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_cluster_start() {
  local bin port user
  bin=$(pg_cluster_bin) || return 1
  PG_CLUSTER_DIR=$(mktemp -d /tmp/cutover-pg.XXXXXX)
  export PG_CLUSTER_DIR PG_CLUSTER_BIN="$bin"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_CLUSTER_DIR"
  user=$(if [[ $(id -u) -eq 0 ]]; then echo postgres; else id -un; fi)
  port=$(pg_cluster_free_port)
  pg_cluster_as "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U "$user" -A trust -E UTF8 --locale=C >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
  # fsync off: a test cluster trades durability for speed (the crash tests kill clients, not the server).
  pg_cluster_as "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
    || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
  export CUTOVER_TEST_PG_URL="postgresql://$user@127.0.0.1:$port/postgres"
  echo "[pg] throwaway cluster on 127.0.0.1:$port (socket in $PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
  [[ -n "${PG_CLUSTER_DIR:-}" && -d "$PG_CLUSTER_DIR/data" ]] || return 0
  pg_cluster_as "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_CLUSTER_DIR"
  unset PG_CLUSTER_DIR
}
