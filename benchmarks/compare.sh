#!/usr/bin/env bash
# Throughput, latency and memory of RedisNet against Debian's redis-server 7.0, side by side.
# See benchmarks/README.md for how to read the output. Every knob is an environment variable:
#   TESTS=set,get,incr,mset  redis-benchmark tests (-t names)      PIPELINES="1 16"  -P depths
#   ROUNDS=3                 rounds; the first server alternates   CLIENTS=50        -c
#   N=200000                 requests per run at -P 1               NP=1000000        requests per run at -P >1
#   KEYSPACE=100000          -r                                     PIN=1             server on cpu 0, benchmark on cpu 1; 0 = unpinned
#   MEMORY=1                 run the memory comparison              MEMKEYS=1000000   keys loaded for it (16-byte values)
#   MEMORY_KINDS="strings hash zset"  which memory rows: MEMKEYS string keys, a MEMKEYS-field hash, a MEMKEYS-member zset
#   TESTS=types              shorthand for the data-type tests: lpush,rpop,sadd,hset,zadd,lrange_100
#   REDISNET_DLL=...         a built redis-server.dll to run with `dotnet` (default: publish src/RedisNet
#                            self-contained ReadyToRun, as scripts/install.sh installs it, and run that)
#   OUT=dir                  keep raw CSVs and the report there (default: a temp dir, removed)
#   SELF=1                   run redis-server in RedisNet's place: Redis against itself shows the noise
#   WARMUP=$N                requests per test and -P depth sent to both servers before the rounds
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TESTS="${TESTS:-set,get,incr,mset}"
[ "$TESTS" = types ] && TESTS="lpush,rpop,sadd,hset,zadd,lrange_100"
PIPELINES="${PIPELINES:-1 16}"
ROUNDS="${ROUNDS:-3}"
CLIENTS="${CLIENTS:-50}"
N="${N:-200000}"
NP="${NP:-1000000}"
KEYSPACE="${KEYSPACE:-100000}"
PIN="${PIN:-1}"
MEMORY="${MEMORY:-1}"
MEMKEYS="${MEMKEYS:-1000000}"
MEMORY_KINDS="${MEMORY_KINDS:-strings hash zset}"

for tool in redis-server redis-benchmark redis-cli python3; do
    command -v "$tool" >/dev/null || { echo "compare.sh needs $tool (apt-get install redis-server redis-tools python3)" >&2; exit 1; }
done
if [ "$PIN" = 1 ] && { ! command -v taskset >/dev/null || [ "$(nproc)" -lt 2 ]; }; then
    echo "pinning needs taskset and 2 cpus; running unpinned" >&2
    PIN=0
fi

SELF="${SELF:-0}"
# Requests per test and depth before measuring: .NET re-jits hot code to its final tier in the
# first few hundred thousand requests; rounds should compare steady states.
WARMUP="${WARMUP:-$N}"
WORK="$(mktemp -d -t redisnet-compare-XXXXXX)"
if [ "$SELF" = 1 ]; then
    REDISNET_DLL="(redis-server, SELF=1)"
elif [ -z "${REDISNET_DLL:-}" ]; then
    # Measure the binary operators install (scripts/install.sh): self-contained, ReadyToRun.
    echo "== publishing RedisNet (Release, self-contained, ReadyToRun)" >&2
    dotnet publish "$ROOT/src/RedisNet/RedisNet.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=true -o "$WORK/publish" --nologo -v quiet >&2
    REDISNET_DLL="$WORK/publish/redis-server.dll"
    REDISNET_EXE="$WORK/publish/redis-server"
fi
[ "$SELF" = 1 ] || [ -f "$REDISNET_DLL" ] || { echo "no RedisNet build at $REDISNET_DLL" >&2; exit 1; }

KEEP_OUT="${OUT:-}"
OUT="${OUT:-$WORK/results}"
mkdir -p "$OUT"
declare -A PID PORT

stop_server() {
    local name="$1" pid="${PID[$1]:-}"
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    PID[$name]=""
}
cleanup() {
    stop_server redis; stop_server redisnet
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server_cpu() { [ "$PIN" = 1 ] && echo "taskset -c 0" || true; }
client_cpu() { [ "$PIN" = 1 ] && echo "taskset -c 1" || true; }

# start_server NAME [extra args]: both get the same persistence-free config.
start_server() {
    local name="$1"; shift
    local port; port="$(free_port)"
    local dir="$WORK/$name"; mkdir -p "$dir"
    local args=(--port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" "$@")
    if [ "$name" = redis ] || [ "$SELF" = 1 ]; then
        $(server_cpu) redis-server "${args[@]}" >"$dir/log" 2>&1 &
    else
        if [ -n "${REDISNET_EXE:-}" ]; then $(server_cpu) "$REDISNET_EXE" "${args[@]}" >"$dir/log" 2>&1 &
        else $(server_cpu) dotnet "$REDISNET_DLL" "${args[@]}" >"$dir/log" 2>&1 &
        fi
    fi
    PID[$name]=$!
    PORT[$name]=$port
    for _ in $(seq 300); do
        [ "$(redis-cli -p "$port" PING 2>/dev/null)" = PONG ] && return 0
        kill -0 "${PID[$name]}" 2>/dev/null || break
        sleep 0.1
    done
    echo "$name did not start on port $port:" >&2; cat "$dir/log" >&2
    exit 1
}

# supports NAME TEST: the server knows the test's command. Sent without arguments, a known command
# answers an arity error (or PONG), an unknown one "unknown command".
supports() {
    local cmd="${2%%_*}" reply
    reply="$(redis-cli -p "${PORT[$1]}" "${cmd^^}" 2>&1 || true)"
    [[ "$reply" != *"unknown command"* ]]
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# --- throughput and latency ----------------------------------------------------------------------
start_server redis
start_server redisnet
echo "== redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on ${PORT[redis]}, RedisNet ($REDISNET_DLL) on ${PORT[redisnet]}; pinned=$PIN" >&2

IFS=',' read -r -a TEST_LIST <<<"$TESTS"
INDEX="$OUT/index.tsv"
: >"$INDEX"
declare -A SUPPORTED
for t in "${TEST_LIST[@]}"; do
    for s in redis redisnet; do
        if supports "$s" "$t"; then SUPPORTED[$s,$t]=1; else SUPPORTED[$s,$t]=0; echo "   $s lacks ${t%%_*}: $t is skipped on it" >&2; fi
    done
done

# bench SERVER TEST P ROUND: one redis-benchmark run; its CSV goes to OUT, its row to the index.
bench() {
    local s="$1" t="$2" p="$3" r="$4" n="$N"
    [ "$p" -gt 1 ] && n="$NP"
    local csv="$OUT/$s-$t-P$p-r$r.csv"
    if [ "${SUPPORTED[$s,$t]}" != 1 ]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$s" "$t" "$p" "$r" "unsupported" >>"$INDEX"; return
    fi
    if $(client_cpu) redis-benchmark -p "${PORT[$s]}" -t "$t" -c "$CLIENTS" -P "$p" -r "$KEYSPACE" -n "$n" --csv >"$csv" 2>"$csv.err"; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$s" "$t" "$p" "$r" "$csv" >>"$INDEX"
    else
        echo "   redis-benchmark failed on $s $t -P $p: $(tail -n 1 "$csv.err")" >&2
        printf '%s\t%s\t%s\t%s\t%s\n' "$s" "$t" "$p" "$r" "failed" >>"$INDEX"
    fi
}

# Warm-up: lets RedisNet's JIT reach its optimized tier and both servers size their tables.
echo "== warm-up" >&2
for s in redis redisnet; do
    for t in "${TEST_LIST[@]}"; do
        [ "${SUPPORTED[$s,$t]}" = 1 ] || continue
        for p in $PIPELINES; do
            $(client_cpu) redis-benchmark -p "${PORT[$s]}" -t "$t" -c "$CLIENTS" -P "$p" -r "$KEYSPACE" -n "$WARMUP" -q >/dev/null 2>&1 || true
        done
    done
done

start=$SECONDS
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="redis redisnet"; else order="redisnet redis"; fi
    echo "== round $r/$ROUNDS (first: ${order%% *})" >&2
    for t in "${TEST_LIST[@]}"; do
        for p in $PIPELINES; do
            for s in $order; do bench "$s" "$t" "$p" "$r"; done
        done
    done
done
echo "== benchmark rounds took $((SECONDS - start)) s" >&2
stop_server redis; stop_server redisnet

python3 "$HERE/compare_report.py" throughput "$INDEX" | tee "$OUT/report.txt"

# --- memory --------------------------------------------------------------------------------------
# memory_strings / memory_collection load one kind into both (fresh) servers and print its row.
memory_strings() {
    echo "== memory: $MEMKEYS keys with 16-byte values" >&2
    start_server redis --enable-debug-command yes
    start_server redisnet --enable-debug-command yes
    sleep 1
    # DEBUG POPULATE when both servers have it (same keys on both); otherwise SETs through redis-cli --pipe.
    local method=populate s empty keys
    for s in redis redisnet; do
        [ "$(redis-cli -p "${PORT[$s]}" DEBUG POPULATE 0 2>&1)" = OK ] || method=pipe
    done
    local mem_args=("$MEMKEYS" "$method")
    for s in redis redisnet; do
        empty="$(rss_kb "${PID[$s]}")"
        if [ "$method" = populate ]; then
            redis-cli -p "${PORT[$s]}" DEBUG POPULATE "$MEMKEYS" key 16 >/dev/null
        elif supports "$s" set; then
            python3 "$HERE/compare_report.py" resp-load "$MEMKEYS" 16 | redis-cli -p "${PORT[$s]}" --pipe >"$WORK/$s/pipe.log" 2>&1 || true
        else
            echo "   $s has neither DEBUG POPULATE nor SET: no memory figure for it" >&2
            mem_args+=(n/a n/a); continue
        fi
        keys="$(redis-cli -p "${PORT[$s]}" DBSIZE 2>&1 || true)"
        if [[ "$keys" =~ ^[0-9]+$ ]] && [ "$keys" != "$MEMKEYS" ]; then
            echo "   $s holds $keys keys after loading, expected $MEMKEYS: no memory figure for it" >&2
            mem_args+=(n/a n/a); continue
        fi
        sleep 1
        mem_args+=("$empty" "$(rss_kb "${PID[$s]}")")
    done
    stop_server redis; stop_server redisnet
    python3 "$HERE/compare_report.py" memory "${mem_args[@]}" | tee -a "$OUT/report.txt"
}

memory_collection() {
    local kind="$1" cmd key count s empty n
    if [ "$kind" = hash ]; then cmd=hset; key=bighash; count=HLEN; else cmd=zadd; key=bigzset; count=ZCARD; fi
    echo "== memory: one $kind of $MEMKEYS elements" >&2
    start_server redis
    start_server redisnet
    sleep 1
    local mem_args=("$MEMKEYS" "${cmd^^} via redis-cli --pipe")
    for s in redis redisnet; do
        if ! supports "$s" "$cmd"; then
            echo "   $s lacks ${cmd^^}: no $kind memory figure for it" >&2
            mem_args+=(n/a n/a); continue
        fi
        empty="$(rss_kb "${PID[$s]}")"
        python3 "$HERE/compare_report.py" resp-load-collection "$kind" "$MEMKEYS" | redis-cli -p "${PORT[$s]}" --pipe >"$WORK/$s/pipe-$kind.log" 2>&1 || true
        n="$(redis-cli -p "${PORT[$s]}" "$count" "$key" 2>&1 || true)"
        if [ "$n" != "$MEMKEYS" ]; then
            echo "   $s holds $n elements after loading, expected $MEMKEYS: no memory figure for it" >&2
            mem_args+=(n/a n/a); continue
        fi
        sleep 1
        mem_args+=("$empty" "$(rss_kb "${PID[$s]}")")
    done
    stop_server redis; stop_server redisnet
    python3 "$HERE/compare_report.py" memory-of "$kind" "${mem_args[@]}" | tee -a "$OUT/report.txt"
}

if [ "$MEMORY" = 1 ]; then
    for kind in $MEMORY_KINDS; do
        if [ "$kind" = strings ]; then memory_strings; else memory_collection "$kind"; fi
    done
fi

if [ -n "$KEEP_OUT" ]; then echo "raw results and report: $OUT" >&2; fi
