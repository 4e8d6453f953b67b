#!/usr/bin/env bash
# Log ingest benchmark: lines/s committed end to end by `vigil serve` (release build, SQLite with
# synchronous=full, template mining and log anomaly detection on) over
#   (a) Loki push, JSON bodies of BATCH lines spread over 8 services, CONCURRENCY requests in flight
#       (a 204 means committed, so the clock stops at the last answer);
#   (b) syslog TCP, RFC 6587 octet-counted RFC 5424 frames over CONCURRENCY connections
#       (the clock stops when vigil_log_lines_ingested_total, counted after COMMIT, reaches the total).
# Lines are the raw Loghub 2k lines of all eight data sets, cycled.
#
#   bench/log-ingest/run.sh
#
# Knobs (env): TOTAL=1000000 BATCH=1000 CONCURRENCY=4 DATA=../shared/bench-data/loghub2k
#              VIGIL_BIN / BENCH_BIN (skip the build), SCRATCH_PATH=.build-release
# Writes bench/results/log-ingest.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
# shellcheck source=../lib.sh
source bench/lib.sh

TOTAL=${TOTAL:-1000000}
BATCH=${BATCH:-1000}
CONCURRENCY=${CONCURRENCY:-4}
DATA=${DATA:-$root/../shared/bench-data/loghub2k}
SCRATCH_PATH=${SCRATCH_PATH:-.build-release}

log() { printf '==> %s\n' "$*" >&2; }
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
for p in curl procps; do
    dpkg -s "$p" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" </dev/null >/dev/null
done

if [[ -z "${VIGIL_BIN:-}" || -z "${BENCH_BIN:-}" ]]; then
    log "swift build -c release --scratch-path $SCRATCH_PATH (vigil, vigil-bench)"
    swift build -c release --scratch-path "$SCRATCH_PATH" --product vigil >&2
    swift build -c release --scratch-path "$SCRATCH_PATH" --product vigil-bench >&2
    bin=$(swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)
fi
VIGIL=${VIGIL_BIN:-$bin/vigil}
BENCH=${BENCH_BIN:-$bin/vigil-bench}

mkdir -p bench/results/tmp
tmp=$(mktemp -d "$root/bench/results/tmp/log-ingest.XXXXXX")
VIGIL_PID=
cleanup() {
    [[ -n "$VIGIL_PID" ]] && kill -TERM "$VIGIL_PID" 2>/dev/null || true
    [[ -n "${KEEP_TMP:-}" ]] || rm -rf "$tmp"
}
trap cleanup EXIT


cat "$DATA"/*/*_2k.log >"$tmp/lines.txt"
log "$(wc -l <"$tmp/lines.txt") distinct raw lines from $DATA"

run() { # transport
    local port syslog_port
    port=$(free_port); syslog_port=$(free_port)
    printf 'ingest:\n  syslog:\n    tcp: 127.0.0.1:%s\n' "$syslog_port" >"$tmp/vigil.yml"
    rm -rf "$tmp/data"
    VIGIL_ADMIN_KEY=bench-admin-key-0123456789 "$VIGIL" serve --host 127.0.0.1 --port "$port" \
        --data-dir "$tmp/data" --config "$tmp/vigil.yml" >"$tmp/vigil-$1.log" 2>&1 &
    VIGIL_PID=$!
    for _ in $(seq 300); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 0.1; done
    local target="http://127.0.0.1:$port/loki/api/v1/push"
    [[ $1 == syslog ]] && target="127.0.0.1:$syslog_port"
    log "$1: vigil-bench logs --transport $1 --total $TOTAL --batch $BATCH --concurrency $CONCURRENCY"
    local cpu0 cpu1
    cpu0=$(cpu_ticks "$VIGIL_PID")
    "$BENCH" logs --transport "$1" --target "$target" --metrics-url "http://127.0.0.1:$port/metrics" \
        --lines-file "$tmp/lines.txt" --total "$TOTAL" --batch "$BATCH" --concurrency "$CONCURRENCY" --json >"$tmp/$1.json"
    cpu1=$(cpu_ticks "$VIGIL_PID")
    CPU=$(python3 -c "print(round(($cpu1 - $cpu0) / $(getconf CLK_TCK), 2))")
    PER_CPU=$(python3 -c "print(int($TOTAL / max(0.01, $CPU)))")
    RSS=$(awk '/^VmHWM:/ {print int($2/1024)}' "/proc/$VIGIL_PID/status")
    TEMPLATES=$(curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^vigil_log_templates/ {print $2}')
    kill -TERM "$VIGIL_PID"; wait "$VIGIL_PID" 2>/dev/null || true; VIGIL_PID=
    RATE=$(python3 -c "import json;print(int(json.load(open('$tmp/$1.json'))['linesPerSecond']))")
    SECS=$(python3 -c "import json;print(json.load(open('$tmp/$1.json'))['seconds'])")
    log "$1: $RATE lines/s ($SECS s), Vigil CPU $CPU s ($PER_CPU lines per CPU-second), peak RSS $RSS MiB, templates $TEMPLATES"
    rows+=("| $1 | $TOTAL | $SECS | **$RATE** | $CPU | $PER_CPU | $RSS | ${TEMPLATES:-?} |")
}

rows=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run loki
run syslog
{
    echo "# Log ingest: lines/s committed end to end"
    echo
    echo "\`bench/log-ingest/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, load before: $load_before."
    echo "Release build; SQLite WAL with synchronous=full; template mining and log anomaly detection on;"
    echo "$TOTAL raw Loghub lines (8 data sets, cycled) from 8 services; batch $BATCH, concurrency $CONCURRENCY."
    echo "Loki: the clock stops at the last 204 (sent after COMMIT). Syslog TCP: when"
    echo "\`vigil_log_lines_ingested_total\` (counted after COMMIT) reaches the total. Goal: ≥ 200,000 lines/s."
    echo "The load generator runs on the same 2 cores; Vigil's own CPU time (utime+stime) shows what it costs"
    echo "regardless of other work on the machine."
    echo
    echo "| transport | lines | seconds | lines/s | Vigil CPU s | lines per CPU-s | peak RSS MiB | templates |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
} >bench/results/log-ingest.md
cat bench/results/log-ingest.md
