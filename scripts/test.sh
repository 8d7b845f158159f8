#!/usr/bin/env bash
# Builds RedisNet and runs its whole test suite. Works on a fresh Debian machine with the .NET 10
# SDK: installs Debian's redis-server 7.0 (the differential tests' oracle) when it is missing.
# Exits non-zero on any failure; the last line is "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- dependencies --------------------------------------------------------------------------------
# PIDs of running redis-server processes, from /proc (a minimal image may lack procps' pgrep).
redis_pids() {
    local d
    for d in /proc/[0-9]*; do
        [ "$(cat "$d/comm" 2>/dev/null)" = "redis-server" ] && echo "${d#/proc/}"
    done
    return 0
}
if ! redis-server --version 2>/dev/null | grep -q 'v=7\.0\.'; then
    echo "== installing redis-server and redis-tools (the tests compare against Redis 7.0)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    # redis-server processes already running (other users' servers) are left alone; only the one the
    # package's service starts is stopped, so it does not hold port 6379 during the tests.
    before=" $(redis_pids | tr '\n' ' ') "
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server redis-tools
    $SUDO systemctl stop redis-server >/dev/null 2>&1 || $SUDO service redis-server stop >/dev/null 2>&1 || true
    # Without systemd the init script may still have started it: kill a new redis-server on 6379.
    for pid in $(redis_pids); do
        case "$before" in *" $pid "*) continue ;; esac
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ':6379'; then $SUDO kill "$pid" 2>/dev/null || true; fi
    done
    redis-server --version
fi
# Scripting (EVAL, FUNCTION) runs on Debian's Lua 5.1, the version Redis embeds.
if ! ldconfig -p 2>/dev/null | grep -q 'liblua5\.1\.so\.0'; then
    echo "== installing liblua5.1-0 (Lua 5.1 for EVAL and FUNCTION)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y liblua5.1-0 \
        || { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y liblua5.1-0; }
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

# --- benchmark helpers (seconds; compare.sh's report arithmetic) ----------------------------------
if command -v python3 >/dev/null; then
    echo "== python3 benchmarks/test_compare_report.py"
    python3 benchmarks/test_compare_report.py
fi

# --- build ---------------------------------------------------------------------------------------
echo "== dotnet build -c Release"
dotnet build RedisNet.sln -c Release --nologo -v quiet

# --- test ----------------------------------------------------------------------------------------
results="$(mktemp -d)"
log="$results/test.log"
trap 'rm -rf "$results"' EXIT
echo "== dotnet test tests/RedisNet.Tests (Release)"
set +e
# A hung test must not eat CI's time: the blame collector aborts the run after 10 minutes of silence.
dotnet test tests/RedisNet.Tests/RedisNet.Tests.csproj -c Release --no-build --nologo \
    --logger "trx;LogFileName=results.trx" \
    --results-directory "$results" --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# --- summary -------------------------------------------------------------------------------------
# The TRX file's counters are exact; the console summary line is the fallback (e.g. the host crashed
# before writing TRX).
passed="" failed="" skipped=""
trx="$(find "$results" -name '*.trx' | head -n 1)"
if [ -n "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    attr() { local v; v="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"; echo "${v:-0}"; }
    total="$(attr total)"; executed="$(attr executed)"; passed="$(attr passed)"; failed="$(attr failed)"
    # TRX counts skipped tests as not executed.
    skipped=$((total - executed))
    failed=$((failed + $(attr error) + $(attr timeout) + $(attr aborted)))
    [ "$total" -eq 0 ] && passed=""   # an empty TRX: trust the console line instead
fi
if [ -z "$passed" ]; then
    line="$(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | tail -n 1 || true)"
    num() { sed -n "s/.*$1: *\([0-9]*\).*/\1/p" <<<"$line"; }
    passed="$(num Passed)"; failed="$(num Failed)"; skipped="$(num Skipped)"
fi
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status (build, host crash or hang)" >&2
    failed=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "no test ran" >&2
    status=1
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
