#!/usr/bin/env bash
# Starts a local PostgreSQL for the test suite (idempotent): installs Debian's package when
# missing, starts the newest installed cluster, and gives the postgres role the test password.
# Prints no secrets. Password: $OTKLIK_PG_PASSWORD (default "postgres", local loopback only).
set -euo pipefail

password="${OTKLIK_PG_PASSWORD:-postgres}"
port="${OTKLIK_PG_PORT:-5432}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

run_as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "start-postgres: installing postgresql"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq postgresql >/dev/null
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    echo "start-postgres: creating cluster $version/main"
    "${sudo_cmd[@]}" pg_createcluster "$version" main --port "$port" >/dev/null
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"

if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }' | grep -q online; then
    echo "start-postgres: starting cluster $version/main on port $port"
    "${sudo_cmd[@]}" pg_ctlcluster "$version" main start
fi

# Wait until it accepts connections (a fresh start can take a moment).
for _ in $(seq 1 60); do
    run_as_postgres pg_isready -q -p "$port" && break
    sleep 0.5
done

run_as_postgres pg_isready -q -p "$port" || { echo "start-postgres: PostgreSQL did not become ready" >&2; exit 1; }
# The password goes through stdin, so it shows in no process list or log.
printf "ALTER ROLE postgres WITH PASSWORD '%s';\n" "${password//\'/\'\'}" \
    | run_as_postgres psql -q -p "$port" -d postgres -v ON_ERROR_STOP=1 >/dev/null
echo "start-postgres: PostgreSQL $version ready on 127.0.0.1:$port"
