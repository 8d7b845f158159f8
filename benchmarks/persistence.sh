#!/usr/bin/env bash
# RDB persistence of RedisNet against Debian's redis-server 7.0, side by side:
#   - SAVE time and startup load time ("DB loaded from disk" from each server's log) for KEYS keys;
#   - redis-benchmark p99 (SET and GET, CLIENTS clients, -P 1) without a BGSAVE and while BGSAVEs
#     run back to back for the whole run;
#   - peak memory during those BGSAVEs against the dataset's memory (PSS, so the pages a forked Redis
#     child shares with its parent count once; RedisNet saves from a thread, there is no child).
# Environment: KEYS=1000000 (DEBUG POPULATE KEYS key 16)  N=200000 (requests per benchmark)
#   BGSAVE_CPULIST=1 (bgsave_cpulist for both servers; default: unset)
#   CLIENTS=50  PIN=1 (server on cpu 0, benchmark on cpu 1)  REDISNET_DLL=... (default: publish
#   Release as compare.sh does)  OUT=dir (keep logs and CSVs).
# Don't run the full size while other heavy jobs share the machine; KEYS=10000 N=20000 is a smoke run.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
KEYS="${KEYS:-1000000}"
N="${N:-200000}"
CLIENTS="${CLIENTS:-50}"
PIN="${PIN:-1}"

for tool in redis-server redis-benchmark redis-cli python3; do
    command -v "$tool" >/dev/null || { echo "persistence.sh needs $tool" >&2; exit 1; }
done
if [ "$PIN" = 1 ] && { ! command -v taskset >/dev/null || [ "$(nproc)" -lt 2 ]; }; then PIN=0; fi

WORK="$(mktemp -d -t redisnet-persist-XXXXXX)"
if [ -z "${REDISNET_DLL:-}" ]; then
    echo "== publishing RedisNet (Release, self-contained, ReadyToRun)" >&2
    dotnet publish "$ROOT/src/RedisNet/RedisNet.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=true -o "$WORK/publish" --nologo -v quiet >&2
    REDISNET_DLL="$WORK/publish/redis-server.dll"
fi
OUT="${OUT:-$WORK/results}"
mkdir -p "$OUT"
declare -A PID PORT

stop_server() {
    local pid="${PID[$1]:-}"
    [ -n "$pid" ] || return 0
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    PID[$1]=""
}
cleanup() { stop_server redis; stop_server redisnet; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
[ "$OUT" != "$WORK/results" ] && KEEP=1
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server_cpu() { [ "$PIN" = 1 ] && echo "taskset -c 0" || true; }
client_cpu() { [ "$PIN" = 1 ] && echo "taskset -c 1" || true; }
cli() { redis-cli -p "${PORT[$1]}" "${@:2}"; }
info_field() { cli "$1" INFO persistence | tr -d '\r' | sed -n "s/^$2://p"; }
now_ms() { date +%s%3N; }

# start_server NAME: on its own dir (which may hold a dump.rdb to load), no save points, DEBUG on.
start_server() {
    local name="$1" dir="$WORK/$1"
    mkdir -p "$dir"
    [ -n "${PORT[$name]:-}" ] || PORT[$name]="$(free_port)"
    local args=(--port "${PORT[$name]}" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --enable-debug-command yes)
    # BGSAVE_CPULIST (Redis's bgsave_cpulist, for both servers): where the save runs (Redis's child,
    # RedisNet's save thread). Empty (the default) leaves it on the server's core.
    [ -n "${BGSAVE_CPULIST:-}" ] && args+=(--bgsave_cpulist "$BGSAVE_CPULIST")
    if [ "$name" = redis ]; then $(server_cpu) redis-server "${args[@]}" >>"$dir/log" 2>&1 &
    else $(server_cpu) dotnet "$REDISNET_DLL" "${args[@]}" >>"$dir/log" 2>&1 &
    fi
    PID[$name]=$!
    for _ in $(seq 1200); do
        [ "$(cli "$name" PING 2>/dev/null)" = PONG ] && return 0
        kill -0 "${PID[$name]}" 2>/dev/null || break
        sleep 0.1
    done
    echo "$name did not start:" >&2; cat "$dir/log" >&2; exit 1
}

# pss_kb PID: proportional set size of the process and its children (a forked BGSAVE child).
pss_kb() {
    local total=0 p v
    for p in "$1" $(pgrep -P "$1" || true); do
        v="$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)"
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

# p99 NAME FILE: SET and GET p99 latencies (ms) from a redis-benchmark CSV run.
p99() {
    $(client_cpu) redis-benchmark -p "${PORT[$1]}" -t set,get -c "$CLIENTS" -P 1 -r "$KEYS" -n "$N" --csv >"$2" 2>/dev/null
    python3 - "$2" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(" ".join(r["p99_latency_ms"] for r in rows))
EOF
}

declare -A RESULT
for s in redis redisnet; do
    echo "== $s: populate $KEYS keys" >&2
    start_server "$s"
    cli "$s" DEBUG POPULATE "$KEYS" key 16 >/dev/null
    sleep 1
    dataset="$(pss_kb "${PID[$s]}")"

    t0="$(now_ms)"; cli "$s" SAVE >/dev/null; t1="$(now_ms)"
    RESULT[$s,save]="$((t1 - t0)) ms"

    stop_server "$s"
    start_server "$s"
    RESULT[$s,load]="$(sed -n 's/.*DB loaded from disk: \([0-9.]*\) seconds.*/\1 s/p' "$WORK/$s/log" | tail -n 1)"
    [ "$(cli "$s" DBSIZE)" = "$KEYS" ] || echo "   $s loaded $(cli "$s" DBSIZE) keys, expected $KEYS" >&2

    echo "== $s: p99 without BGSAVE" >&2
    p99 "$s" "$OUT/$s-idle.csv" >/dev/null   # warm-up (JIT tiers, table sizes)
    cli "$s" BGSAVE >/dev/null                # warm-up of the save path too
    while [ "$(info_field "$s" rdb_bgsave_in_progress)" = 1 ]; do sleep 0.1; done
    # The same INFO polling as the BGSAVE pass, so the only difference between the two is the save.
    # Each pass starts its poller a second before the benchmark: a p99 over a few seconds moves by
    # milliseconds if a process starting up (python, ~50 ms of CPU) overlaps the benchmark's start.
    python3 "$HERE/bgsave_poller.py" "${PORT[$s]}" poll >/dev/null & poll=$!
    sleep 1
    RESULT[$s,p99]="$(p99 "$s" "$OUT/$s-idle.csv")"
    kill "$poll" 2>/dev/null; wait "$poll" 2>/dev/null || true

    # Two passes under the same load: p99 without touching /proc (reading smaps_rollup of a process
    # with a large address space stalls its page faults, which would show up as latency), then peak
    # memory while polling PSS.
    peak="$dataset"
    for pass in p99 mem; do
        echo "== $s: $pass while BGSAVEs run back to back" >&2
        # The dataset as it is now: the earlier passes' SETs added keys.
        [ "$pass" = mem ] && dataset="$(pss_kb "${PID[$s]}")" && peak="$dataset"
        python3 "$HERE/bgsave_poller.py" "${PORT[$s]}" bgsave >"$OUT/$s-saves-$pass" & poll=$!
        sleep 1
        if [ "$pass" = p99 ]; then
            # In the foreground, as the pass without BGSAVE: a polling loop here would fork a process
            # 20 times a second, which alone moves a p99 by milliseconds.
            p99 "$s" "$OUT/$s-bgsave-$pass.csv" >"$OUT/$s-bgsave-$pass.p99"
        else
            ( p99 "$s" "$OUT/$s-bgsave-$pass.csv" >"$OUT/$s-bgsave-$pass.p99" ) &
            bench=$!
            while kill -0 "$bench" 2>/dev/null; do
                m="$(pss_kb "${PID[$s]}")"; [ "$m" -gt "$peak" ] && peak="$m"
                sleep 0.05
            done
            wait "$bench"
        fi
        kill "$poll" 2>/dev/null; wait "$poll" 2>/dev/null || true
        [ "$pass" = p99 ] && RESULT[$s,p99bg]="$(cat "$OUT/$s-bgsave-p99.p99") ($(cat "$OUT/$s-saves-p99") saves)"
    done
    RESULT[$s,mem]="$((dataset / 1024)) MB -> peak $((peak / 1024)) MB ($(python3 -c "print(f'{$peak/$dataset:.2f}x')"))"
    while [ "$(info_field "$s" rdb_bgsave_in_progress)" = 1 ]; do sleep 0.1; done
    stop_server "$s"
done

printf '\n%-34s | %-28s | %-28s\n' "$KEYS keys" "redis-server 7.0" "RedisNet"
printf '%s\n' "-----------------------------------+------------------------------+------------------------------"
printf '%-34s | %-28s | %-28s\n' "SAVE" "${RESULT[redis,save]}" "${RESULT[redisnet,save]}"
printf '%-34s | %-28s | %-28s\n' "load at startup" "${RESULT[redis,load]}" "${RESULT[redisnet,load]}"
printf '%-34s | %-28s | %-28s\n' "p99 ms SET GET" "${RESULT[redis,p99]}" "${RESULT[redisnet,p99]}"
printf '%-34s | %-28s | %-28s\n' "p99 ms SET GET during BGSAVE" "${RESULT[redis,p99bg]}" "${RESULT[redisnet,p99bg]}"
printf '%-34s | %-28s | %-28s\n' "memory (PSS) dataset -> BGSAVE" "${RESULT[redis,mem]}" "${RESULT[redisnet,mem]}"
