#!/usr/bin/env bash
# Starts a local Redis for the test suite (idempotent; fast when already running): installs Debian's
# redis-server when missing and runs our own instance on 127.0.0.1 (not the distribution's service),
# without persistence. The daemon detaches itself and writes only to its log file, so it never keeps
# the caller's stdout/stderr open. Port: $OTKLIK_REDIS_PORT (default 6380).
# Log: /var/log/otklik-test/redis.log
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then exec sudo -n "$0" "$@"; fi
port="${OTKLIK_REDIS_PORT:-6380}"
state=/var/lib/otklik-test/redis
logs=/var/log/otklik-test

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    echo "start-redis: installing redis-server"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools </dev/null >/dev/null
fi

ping() { timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; }

if ! ping; then
    install -d -m 0755 "$state" "$logs"
    echo "start-redis: starting redis-server on 127.0.0.1:$port"
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --daemonize yes \
        --dir "$state" --pidfile "$state/redis-$port.pid" --logfile "$logs/redis.log" \
        --save "" --appendonly no </dev/null >>"$logs/redis.log" 2>&1
    for _ in $(seq 1 40); do ping && break; sleep 0.25; done
fi

ping || { echo "start-redis: Redis did not answer on 127.0.0.1:$port (see $logs/redis.log)" >&2; exit 1; }
echo "start-redis: Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') ready on 127.0.0.1:$port"
