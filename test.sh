#!/usr/bin/env bash
# The test command: installs what the tests need (only when missing), starts PostgreSQL, the
# test mail servers (Postfix, Dovecot) and Redis, builds the solution once, runs every test project under
# tests/, and ends with "N passed, N failed" counted from the trx results. Exits non-zero if
# anything failed.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu)
if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null || { echo "test.sh: apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# Server start-ups write to a file, never into $(...): a daemon that keeps an inherited descriptor
# open would make a command substitution wait forever. Each also has a time limit.
started="$(mktemp /tmp/otklik-start.XXXXXX)"
timeout 1200 tools/start-postgres.sh >"$started" 2>&1 || { cat "$started"; echo "test.sh: PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
pg_out="$(cat "$started")"
echo "$pg_out"
pg_port="$(echo "$pg_out" | sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' | tail -n 1)"
export OTKLIK_TEST_POSTGRES="${OTKLIK_TEST_POSTGRES:-Host=127.0.0.1;Port=${pg_port:-5432};Username=postgres;Password=${OTKLIK_PG_PASSWORD:-postgres}}"

# Real Postfix + Dovecot on 127.0.0.1 for the email tests (installed when missing). Like PostgreSQL, they
# are required here: OTKLIK_TEST_MAIL=1 makes the email tests fail, never skip, if the servers are gone.
timeout 1200 tools/start-mail.sh >"$started" 2>&1 || { cat "$started"; echo "test.sh: the test mail servers did not start"; echo "0 passed, 1 failed"; exit 1; }
cat "$started"
export OTKLIK_TEST_MAIL=1

# Redis on 127.0.0.1 for the cluster tests (two nodes, one database, one Redis). Like PostgreSQL it is
# required: the cluster tests fail, never skip, without OTKLIK_TEST_REDIS.
timeout 300 tools/start-redis.sh >"$started" 2>&1 || { cat "$started"; echo "test.sh: Redis did not start"; echo "0 passed, 1 failed"; exit 1; }
redis_out="$(cat "$started")"; rm -f "$started"
echo "$redis_out"
redis_port="$(echo "$redis_out" | sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' | tail -n 1)"
export OTKLIK_TEST_REDIS="${OTKLIK_TEST_REDIS:-127.0.0.1:${redis_port:-6380}}"

if ! dotnet build Otklik.slnx -nologo -clp:ErrorsOnly; then
    echo "test.sh: build failed"
    echo "0 passed, 1 failed"
    exit 1
fi

# A test project not (yet) in the solution still gets built, once.
for project in $(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | sort); do
    if ! grep -qF "$project" Otklik.slnx; then
        dotnet build "$project" -nologo -clp:ErrorsOnly || { echo "test.sh: build of $project failed"; echo "0 passed, 1 failed"; exit 1; }
    fi
done

results="$(mktemp -d /tmp/otklik-test-results.XXXXXX)"
status=0
passed=0
failed=0
for project in $(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | sort); do
    name="$(basename "$project" .csproj)"
    echo "test.sh: running $name"
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
    trx="$results/$name.trx"
    if [ -f "$trx" ]; then
        counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
        p="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
        f="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
        e="$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')"
        passed=$((passed + ${p:-0}))
        failed=$((failed + ${f:-0} + ${e:-0}))
        [ "${p:-0}" -eq 0 ] && { echo "test.sh: $name ran no test"; failed=$((failed + 1)); }
    else
        echo "test.sh: $name produced no results"
        failed=$((failed + 1))
    fi
done

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
