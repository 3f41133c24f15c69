#!/usr/bin/env bash
# shellcheck disable=SC2034  # globals here are used by the scripts that source this file
# Beyond one machine, on one machine: a PgBouncer in transaction pooling and a streaming
# replica beside a cluster that lib.sh's start_cluster started. Source it after lib.sh.
# usage: source "$(dirname "${BASH_SOURCE[0]}")/lib-scale.sh"
#
# Provides: ensure_scale_packages, start_pgbouncer DIR PORT SERVER_DIR SERVER_PORT [POOL_SIZE],
# stop_pgbouncer DIR, pgbouncer_conninfo PORT, start_replica PRIMARY_DIR PRIMARY_PORT DIR PORT,
# wait_for_replay PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT.
set -euo pipefail

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "usage: source Scripts/lib-scale.sh (after Scripts/lib.sh; helpers, not a command)" >&2
    case "${1:-}" in -h | --help) exit 0 ;; *) exit 2 ;; esac
fi

# ensure_scale_packages: Debian's pgbouncer (1.18 on bookworm) and nginx, when missing. Neither
# is started as a system service (the policy of a fresh install may start them; we never use
# those: every rig here has its own configuration, ports and files).
ensure_scale_packages() {
    [[ -x /usr/sbin/pgbouncer && -x /usr/sbin/nginx ]] && return 0
    note "== installing pgbouncer nginx =="
    apt_install pgbouncer nginx
    [[ -x /usr/sbin/pgbouncer && -x /usr/sbin/nginx ]] || die "pgbouncer or nginx still missing after apt-get install"
}

# start_pgbouncer DIR PORT SERVER_DIR SERVER_PORT [POOL_SIZE]: a PgBouncer on 127.0.0.1:PORT in
# pool_mode=transaction in front of the cluster of SERVER_DIR (its socket), every database
# name passed through, POOL_SIZE (default 3) server connections per database and user, trust
# for the cluster's superuser. Its files (ini, log, pid, socket) live in DIR.
start_pgbouncer() {
    local dir=$1 port=$2 server_dir=$3 server_port=$4 pool=${5:-3}
    mkdir -p "$dir"
    cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$server_dir/run port=$server_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = $PG_SUPERUSER
pool_mode = transaction
default_pool_size = $pool
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 1000
max_user_connections = 120
server_idle_timeout = 5
server_lifetime = 600
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
log_connections = 0
log_disconnections = 0
EOF
    printf '"%s" ""\n' "$PG_SUPERUSER" >"$dir/userlist.txt"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$dir"; fi
    # -d: it forks into the background once it listens; the pidfile names it.
    as_pg_owner /usr/sbin/pgbouncer -d -q "$dir/pgbouncer.ini" || {
        tail -n 20 "$dir/pgbouncer.log" >&2 2>/dev/null || true
        return 1
    }
    local i
    for i in $(seq 1 100); do
        "$(_pg psql)" -X -tA "$(pgbouncer_conninfo "$port") dbname=postgres" -c 'select 1' >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    note "PgBouncer on port $port did not answer (log: $dir/pgbouncer.log)"
    return 1
}

# stop_pgbouncer DIR: ends the PgBouncer whose pidfile is in DIR (ours), if it runs.
stop_pgbouncer() {
    local dir=$1 pid
    pid=$(cat "$dir/pgbouncer.pid" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        kill -INT "$pid" 2>/dev/null || true
        local i
        for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

# pgbouncer_conninfo PORT: the conninfo of a PgBouncer that start_pgbouncer started (no dbname).
pgbouncer_conninfo() {
    printf 'host=127.0.0.1 port=%s user=%s\n' "$1" "$PG_SUPERUSER"
}

# start_replica PRIMARY_DIR PRIMARY_PORT DIR PORT: a hot standby of the running cluster of
# PRIMARY_DIR, made with pg_basebackup -R (streaming from its socket), started in DIR like
# start_cluster's clusters. Replay never waits for a query (max_standby_streaming_delay=0):
# a standby query whose rows replay must remove is cancelled at once, as a busy replica does.
start_replica() {
    local primary_dir=$1 primary_port=$2 dir=$3 port=$4
    mkdir -p "$dir/run"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$dir"; fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        rm -rf "$dir/data"
        as_pg_owner "$(_pg pg_basebackup)" -D "$dir/data" -R -X stream -c fast \
            -h "$primary_dir/run" -p "$primary_port" -U "$PG_SUPERUSER" >"$dir/basebackup.log" 2>&1 || {
            cat "$dir/basebackup.log" >&2
            return 1
        }
    fi
    as_pg_owner "$(_pg pg_ctl)" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-k '$dir/run' -p $port $PG_BASE_OPTIONS $PG_NO_DURABILITY_OPTIONS -c hot_standby=on -c max_standby_streaming_delay=0" \
        start >/dev/null || {
        note "the replica in $dir/data did not start on port $port (log: $dir/log)"
        return 1
    }
}

# wait_for_replay PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT: returns once the replica
# has replayed everything the primary had written when called.
wait_for_replay() {
    local primary_dir=$1 primary_port=$2 replica_dir=$3 replica_port=$4 lsn i
    lsn=$(psql_at "$primary_dir" "$primary_port" postgres -tA -c 'select pg_current_wal_insert_lsn()')
    for i in $(seq 1 300); do
        [[ $(psql_at "$replica_dir" "$replica_port" postgres -tA \
            -c "select pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn") == t ]] && return 0
        sleep 0.1
    done
    die "the replica did not replay up to $lsn"
}
