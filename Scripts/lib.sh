#!/usr/bin/env bash
# shellcheck disable=SC2034  # globals here are used by the scripts that source this file
# Shared helpers for Scripts/*; source it, do not run it.
# usage: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Provides: ROOT, die, note, ensure_packages, ensure_browser_packages, pg_bin, as_pg_owner, cluster_running,
# start_cluster DIR PORT [EXTRA_SERVER_OPTIONS], stop_cluster DIR [MODE], cluster_log_tail DIR,
# conninfo DIR PORT DBNAME [ROLE].
set -euo pipefail

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "usage: source Scripts/lib.sh (helpers for the other scripts; not a command)" >&2
    case "${1:-}" in -h | --help) exit 0 ;; *) exit 2 ;; esac
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The superuser every cluster we create has (trust auth, Unix socket only).
PG_SUPERUSER=factcheck
# Server settings every cluster gets; the test cluster adds durability-off settings.
PG_BASE_OPTIONS="-c listen_addresses='' -c max_connections=200"
PG_NO_DURABILITY_OPTIONS="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"

die() { echo "error: $*" >&2; exit 1; }
note() { echo "$*" >&2; }

# pg_bin: prints the newest /usr/lib/postgresql/N/bin (empty, status 1, when none).
pg_bin() {
    local best="" best_n=-1 d n
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
        n=${d#/usr/lib/postgresql/}; n=${n%/bin}
        [[ "$n" =~ ^[0-9]+$ ]] || continue
        if (( n > best_n )); then best_n=$n; best=$d; fi
    done
    [[ -n "$best" ]] || return 1
    echo "$best"
}

_packages_present() {
    pg_bin >/dev/null || return 1
    command -v pg_config >/dev/null || return 1
    command -v pkg-config >/dev/null || return 1
    command -v curl >/dev/null || return 1
    python3 -c 'import venv, ensurepip' 2>/dev/null || return 1
    pkg-config --exists libpq || return 1
    compgen -G '/usr/share/postgresql/*/extension/pg_trgm.control' >/dev/null || return 1
}

# apt_install PACKAGE...: Debian's packages, as root or through sudo, after an apt-get update.
apt_install() {
    note "== installing $* =="
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || die "$* must be installed and sudo is not available; install them as root"
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# ensure_test_venv: the tests' Python venv, .venv-test (python3-venv installed first when missing).
ensure_test_venv() {
    [[ -x "$ROOT/.venv-test/bin/python" ]] && return 0
    python3 -m venv "$ROOT/.venv-test" >/dev/null 2>&1 || { apt_install python3-venv >/dev/null; python3 -m venv "$ROOT/.venv-test"; }
}

# ensure_checkworthiness_venv: the test venv with the pinned scikit-learn the check-worthiness
# scripts fit with (a pinned version, so a retraining reproduces the committed weights).
ensure_checkworthiness_venv() {
    ensure_test_venv
    "$ROOT/.venv-test/bin/python" -c 'import sklearn, scipy, numpy; assert sklearn.__version__ == "1.9.1"' 2>/dev/null && return 0
    note "== installing scikit-learn 1.9.1 into $ROOT/.venv-test =="
    "$ROOT/.venv-test/bin/pip" install --quiet --disable-pip-version-check "scikit-learn==1.9.1" "numpy==2.4.6" "scipy==1.17.1"
}

# ensure_packages: installs postgresql, postgresql-contrib, libpq-dev and pkg-config when any
# piece is missing; does nothing when all are present. (Debian may then create and start a
# system cluster "main" on port 5432; we never use it.)
ensure_packages() {
    _packages_present && return 0
    apt_install postgresql postgresql-contrib libpq-dev pkg-config curl python3 python3-venv
    _packages_present || die "packages installed but PostgreSQL server binaries, libpq or pg_trgm are still missing"
}

# ensure_browser_packages: installs Debian's chromium and chromium-driver (for Scripts/browser-check)
# when either is missing; does nothing when both are present.
ensure_browser_packages() {
    command -v chromium >/dev/null && command -v chromedriver >/dev/null && return 0
    apt_install chromium chromium-driver fonts-dejavu-core
    command -v chromium >/dev/null && command -v chromedriver >/dev/null || die "chromium installed but chromium or chromedriver is still missing"
}

# as_pg_owner CMD...: runs CMD as the postgres OS user when we are root (PostgreSQL refuses to
# run as root), else as ourselves. Runs from / so no unreadable working directory gets in the way;
# pass absolute paths.
as_pg_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

_pg() { local bin; bin=$(pg_bin) || die "PostgreSQL server binaries not found under /usr/lib/postgresql"; echo "$bin/$1"; }

# cluster_running DIR: status 0 when the cluster whose data is DIR/data is running.
cluster_running() {
    local dir=$1
    [[ -f "$dir/data/PG_VERSION" ]] || return 1
    as_pg_owner "$(_pg pg_ctl)" -D "$dir/data" status >/dev/null 2>&1
}

cluster_log_tail() {
    local dir=$1
    if [[ -f "$dir/log" ]]; then
        note "---- last lines of $dir/log ----"
        tail -n 30 "$dir/log" >&2 || true
        note "----"
    fi
}

# start_cluster DIR PORT [EXTRA_SERVER_OPTIONS]: initialises DIR/data when needed and starts
# it with its socket in DIR/run, log in DIR/log, no TCP. A no-op when already running.
# Status 1 when the server does not start (see cluster_log_tail).
start_cluster() {
    local dir=$1 port=$2 extra=${3:-}
    [[ "$dir" == /* ]] || die "start_cluster: DIR must be absolute: $dir"
    [[ "$dir" != *"'"* ]] || die "start_cluster: DIR must not contain a single quote: $dir"
    local sock="$dir/run/.s.PGSQL.$port"
    (( ${#sock} <= 107 )) || die "socket path too long for Unix sockets (${#sock} > 107): $sock"

    mkdir -p "$dir/run"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres:postgres "$dir"
        runuser -u postgres -- test -x "$dir" -a -w "$dir" ||
            die "the postgres user cannot enter $dir; make its parent folders traversable (chmod o+x)"
    fi

    if cluster_running "$dir"; then
        return 0
    fi

    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        # A data folder without PG_VERSION is the leftover of a failed initdb.
        rm -rf "$dir/data"
        local locale=C
        if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
        as_pg_owner "$(_pg initdb)" -D "$dir/data" --username="$PG_SUPERUSER" --auth=trust \
            --encoding=UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            die "initdb failed for $dir/data"
        }
    fi

    if ! as_pg_owner "$(_pg pg_ctl)" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-k '$dir/run' -p $port $PG_BASE_OPTIONS $extra" start >/dev/null; then
        note "PostgreSQL in $dir/data did not start on port $port (log: $dir/log)"
        return 1
    fi
}

# stop_cluster DIR [MODE]: stops the cluster in DIR/data if it runs (MODE: fast, immediate).
stop_cluster() {
    local dir=$1 mode=${2:-fast}
    cluster_running "$dir" || return 0
    as_pg_owner "$(_pg pg_ctl)" -D "$dir/data" -m "$mode" -w -t 60 stop >/dev/null
}

# conninfo DIR PORT DBNAME [ROLE]: the libpq connection string for a cluster started by
# start_cluster, as ROLE (default: the superuser).
conninfo() {
    local dir=$1 port=$2 db=$3 role=${4:-$PG_SUPERUSER}
    printf 'host=%s port=%s user=%s dbname=%s\n' "$(_conninfo_quote "$dir/run")" "$port" "$(_conninfo_quote "$role")" "$(_conninfo_quote "$db")"
}

_conninfo_quote() {
    local v=$1
    if [[ -z "$v" || "$v" =~ [[:space:]\'\\] ]]; then
        v=${v//\\/\\\\}; v=${v//\'/\\\'}
        printf "'%s'" "$v"
    else
        printf '%s' "$v"
    fi
}

# psql_at DIR PORT DB ARGS...: psql against a cluster started by start_cluster, no psqlrc.
psql_at() {
    local dir=$1 port=$2 db=$3; shift 3
    "$(_pg psql)" -X -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U "$PG_SUPERUSER" -d "$db" "$@"
}
