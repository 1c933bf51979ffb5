#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: temp directory, loopback only, free port,
# trust auth. As root it runs as the postgres user (initdb refuses root).
#   scripts/pg-temp-cluster.sh start   → prints: DIR URL   (postgres://postgres@127.0.0.1:PORT/postgres)
#   scripts/pg-temp-cluster.sh stop DIR
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    [ -x "$BIN/initdb" ] || { echo "PostgreSQL 15 not found in $BIN" >&2; exit 2; }
    dir=$(mktemp -d /tmp/mcwg-pg-XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1
    for _ in 1 2 3 4 5; do
      port=$(free_port)
      if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c unix_socket_permissions=0700" start >/dev/null; then
        echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
        exit 0
      fi
    done
    echo "could not start PostgreSQL; see $dir/server.log" >&2
    exit 1
    ;;
  stop)
    dir=${2:?usage: pg-temp-cluster.sh stop DIR}
    case "$dir" in /tmp/mcwg-pg-*) ;; *) echo "refusing to stop $dir" >&2; exit 2 ;; esac
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
