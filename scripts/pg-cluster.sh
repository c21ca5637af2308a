#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the scripts (the tests have their own in
# tests/support/pg.rs): initdb into DIR, a server on 127.0.0.1 at a free port
# with its socket in DIR, trusted local connections, the server's log in
# DIR/server.log. As root (CI), DIR belongs to the postgres user and the
# server binaries run through runuser, since initdb and postgres refuse root.
#
#   scripts/pg-cluster.sh start DIR [postgres -c options...]   # prints the postgres:// URL of database newskg
#   scripts/pg-cluster.sh stop DIR [fast|immediate]
#   scripts/pg-cluster.sh restart DIR [fast|immediate]
#   scripts/pg-cluster.sh start-again DIR      # after stop, same port and options
#   scripts/pg-cluster.sh psql DIR [psql args...]
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh start|stop|restart|psql DIR}
dir=${2:?usage: pg-cluster.sh start|stop|restart|psql DIR}
shift 2

bin=${NEWSKG_PG_BIN:-}
if [ -z "$bin" ] && command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
  bin=$(pg_config --bindir)
fi
if [ -z "$bin" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
[ -x "$bin/initdb" ] || { echo "pg-cluster.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "$port" >"$dir/port"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/port"
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=100"
    for o in "$@"; do opts="$opts $o"; done
    echo "$opts" >"$dir/opts"
    as_pg "$bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/server.log" -o "$opts" >/dev/null
    "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -c "CREATE DATABASE newskg" >/dev/null 2>&1 || true
    echo "postgres://postgres@127.0.0.1:$port/newskg"
    ;;
  stop)
    as_pg "$bin/pg_ctl" stop -w -m "${1:-fast}" -D "$dir/data" >/dev/null
    ;;
  restart)
    as_pg "$bin/pg_ctl" stop -w -m "${1:-fast}" -D "$dir/data" >/dev/null
    as_pg "$bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/server.log" -o "$(cat "$dir/opts")" >/dev/null
    ;;
  start-again)
    as_pg "$bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/server.log" -o "$(cat "$dir/opts")" >/dev/null
    ;;
  psql)
    "$bin/psql" -X -h "$dir" -p "$(cat "$dir/port")" -U postgres -d newskg "$@"
    ;;
  *)
    echo "pg-cluster.sh: unknown command $cmd" >&2; exit 2
    ;;
esac
