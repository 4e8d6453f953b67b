#!/usr/bin/env bash
# Ingest benchmark: Vigil's POST /api/v2/alerts vs a real Alertmanager's POST /api/v2/alerts,
# same load (vigil-bench, seeded labels), same machine, release builds, 127.0.0.1 only.
#
#   bench/ingest/run.sh
#
# Knobs (env): CONCURRENCY=16 BATCH=10 DURATION=15 WARMUP=3 TOTAL=100000 TOTAL_BATCH=100 SEED=42
#               VIGIL_BIN / BENCH_BIN: use these binaries instead of building release ones.
#               SCRATCH_PATH: build directory for the release build (default: SwiftPM's .build);
#                             e.g. SCRATCH_PATH=.build-release keeps it off the shared debug build's lock.
# Writes bench/results/ingest.md (table) and bench/results/ingest.json (raw vigil-bench reports).
# (a) peak throughput at fixed concurrency, (b) latency at half of Vigil's measured peak
# rate, (c) VmRSS of Vigil (and Alertmanager) after TOTAL distinct alerts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
# shellcheck source=../lib.sh
source bench/lib.sh

CONCURRENCY=${CONCURRENCY:-16}
BATCH=${BATCH:-10}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
TOTAL=${TOTAL:-100000}
TOTAL_BATCH=${TOTAL_BATCH:-100}
SEED=${SEED:-42}

log() { printf '==> %s\n' "$*" >&2; }

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

# ── what the benchmark needs ─────────────────────────────────────────────────
missing=()
for p in prometheus-alertmanager curl jq procps; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } </dev/null >/dev/null
fi
AM_BIN=${ALERTMANAGER_BIN:-$(command -v prometheus-alertmanager || command -v alertmanager)}

# ── release builds ───────────────────────────────────────────────────────────
scratch=()
[[ -n "${SCRATCH_PATH:-}" ]] && scratch=(--scratch-path "$SCRATCH_PATH")
if [[ -z "${VIGIL_BIN:-}" || -z "${BENCH_BIN:-}" ]]; then
    bin=$(swift build -c release "${scratch[@]}" --show-bin-path)
fi
if [[ -z "${VIGIL_BIN:-}" ]]; then
    log "swift build -c release --product vigil"
    swift build -c release "${scratch[@]}" --product vigil
fi
if [[ -z "${BENCH_BIN:-}" ]]; then
    log "swift build -c release --product vigil-bench"
    swift build -c release "${scratch[@]}" --product vigil-bench
fi
VIGIL=${VIGIL_BIN:-$bin/vigil}
BENCH=${BENCH_BIN:-$bin/vigil-bench}

# ── scratch + process management ─────────────────────────────────────────────
mkdir -p bench/results/tmp
tmp=$(mktemp -d "$root/bench/results/tmp/ingest.XXXXXX")
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    [[ -n "${KEEP_TMP:-}" ]] || rm -rf "$tmp"
}
trap cleanup EXIT


wait_http() { # url what pid
    for _ in $(seq 300); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || { echo "$2 exited; log:" >&2; tail -30 "$tmp/$2.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "$2 not ready at $1" >&2; tail -30 "$tmp/$2.log" >&2; exit 1
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

VIGIL_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
start_vigil() { # data-dir
    VP=$(free_port)
    mkdir -p "$1"
    VIGIL_ADMIN_KEY=$VIGIL_KEY "$VIGIL" serve --host 127.0.0.1 --port "$VP" --data-dir "$1" >>"$tmp/vigil.log" 2>&1 &
    VIGIL_PID=$!
    pids+=("$VIGIL_PID")
    wait_http "http://127.0.0.1:$VP/health" vigil "$VIGIL_PID"
}

cat >"$tmp/am.yml" <<'YML'
route:
  receiver: "null"
  group_by: [alertname]
receivers:
  - name: "null"
YML
start_am() { # storage-dir
    AP=$(free_port)
    "$AM_BIN" --config.file="$tmp/am.yml" --storage.path="$1" --web.listen-address="127.0.0.1:$AP" \
        --cluster.listen-address= --log.level=warn >>"$tmp/alertmanager.log" 2>&1 &
    AM_PID=$!
    pids+=("$AM_PID")
    wait_http "http://127.0.0.1:$AP/-/ready" alertmanager "$AM_PID"
}

stop_pid() {
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
}

bench() { # name url extra-args...
    local name=$1 url=$2; shift 2
    log "$name: vigil-bench ingest --url $url $*"
    if ! "$BENCH" ingest --url "$url" --seed "$SEED" --json "$@" >"$tmp/$name.json"; then
        echo "vigil-bench failed for $name:" >&2
        cat "$tmp/$name.json" >&2
        tail -n 20 "$tmp/vigil.log" "$tmp/alertmanager.log" >&2 || true
        exit 1
    fi
    jq -c '{alertsPerSecond, requestsPerSecond, p50: .latencyMs.p50, p99: .latencyMs.p99, transportErrors, statusErrors}' "$tmp/$name.json" >&2
}

# ── (a) peak throughput at fixed concurrency ─────────────────────────────────
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_vigil "$tmp/vigil-data"
start_am "$tmp/am-data"
V_URL="http://127.0.0.1:$VP/api/v2/alerts"
A_URL="http://127.0.0.1:$AP/api/v2/alerts"

for t in vigil am; do
    url=$V_URL; [[ $t == am ]] && url=$A_URL
    bench "peak-$t" "$url" --concurrency "$CONCURRENCY" --batch "$BATCH" --duration "$((DURATION + WARMUP))" --warmup "$WARMUP"
done
vigil_peak=$(jq '.alertsPerSecond' "$tmp/peak-vigil.json")
half=$(jq -n --argjson p "$vigil_peak" '($p / 2) | floor')
if [[ "$half" -lt 1 ]]; then echo "Vigil accepted no alerts at peak; see $tmp/vigil.log" >&2; KEEP_TMP=1; exit 1; fi

# ── (b) latency at half of Vigil's peak rate ─────────────────────────────────
for t in vigil am; do
    url=$V_URL; [[ $t == am ]] && url=$A_URL
    bench "half-$t" "$url" --concurrency "$CONCURRENCY" --batch "$BATCH" --duration "$((DURATION + WARMUP))" --warmup "$WARMUP" --rate "$half"
done
stop_pid "$VIGIL_PID"; stop_pid "$AM_PID"

# ── (c) RSS after TOTAL distinct stored alerts (fresh processes) ─────────────
start_vigil "$tmp/vigil-rss-data"
V_URL="http://127.0.0.1:$VP/api/v2/alerts"
vigil_rss_idle=$(rss_kib "$VIGIL_PID")
bench "rss-vigil" "$V_URL" --concurrency 8 --batch "$TOTAL_BATCH" --alerts-total "$TOTAL" --duration 600
sleep 2
vigil_rss=$(rss_kib "$VIGIL_PID")
# count what Vigil stored (paginated; bounded)
stored=0; cursor=""
for _ in $(seq 1000); do
    page=$(curl -fsS -H "Authorization: Bearer $VIGIL_KEY" \
        "http://127.0.0.1:$VP/api/v1/alerts?limit=1000${cursor:+&cursor=$(jq -rn --arg c "$cursor" '$c|@uri')}") || { stored="?"; break; }
    stored=$((stored + $(jq '.items | length' <<<"$page")))
    cursor=$(jq -r '.nextCursor // empty' <<<"$page")
    [[ -n "$cursor" ]] || break
done
vigil_rss_after_read=$(rss_kib "$VIGIL_PID")
stop_pid "$VIGIL_PID"

start_am "$tmp/am-rss-data"
A_URL="http://127.0.0.1:$AP/api/v2/alerts"
am_rss_idle=$(rss_kib "$AM_PID")
bench "rss-am" "$A_URL" --concurrency 8 --batch "$TOTAL_BATCH" --alerts-total "$TOTAL" --duration 600
sleep 2
am_rss=$(rss_kib "$AM_PID")
am_stored=$(curl -fsS "http://127.0.0.1:$AP/api/v2/alerts" | jq length || echo "?")
stop_pid "$AM_PID"

# ── results ──────────────────────────────────────────────────────────────────
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p bench/results
jq -n \
    --slurpfile pv "$tmp/peak-vigil.json" --slurpfile pa "$tmp/peak-am.json" \
    --slurpfile hv "$tmp/half-vigil.json" --slurpfile ha "$tmp/half-am.json" \
    --slurpfile rv "$tmp/rss-vigil.json" --slurpfile ra "$tmp/rss-am.json" \
    --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg cores "$(nproc)" \
    --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo uncommitted)" \
    --arg amversion "$("$AM_BIN" --version 2>&1 | head -1)" \
    --argjson vri "$vigil_rss_idle" --argjson vr "$vigil_rss" --argjson vrr "$vigil_rss_after_read" \
    --argjson ari "$am_rss_idle" --argjson ar "$am_rss" \
    --arg vstored "$stored" --arg astored "$am_stored" \
    --arg loadBefore "$load_before" --arg loadAfter "$load_after" \
    '{date: $date, cores: ($cores|tonumber), commit: $commit, alertmanager: $amversion,
      loadAverage: {before: $loadBefore, after: $loadAfter},
      peak: {vigil: $pv[0], alertmanager: $pa[0]},
      halfPeak: {vigil: $hv[0], alertmanager: $ha[0]},
      rss: {vigil: {idleKiB: $vri, afterKiB: $vr, afterListingKiB: $vrr, storedAlerts: $vstored, run: $rv[0]},
            alertmanager: {idleKiB: $ari, afterKiB: $ar, storedAlerts: $astored, run: $ra[0]}}}' \
    >bench/results/ingest.json

jq -r --arg c "$CONCURRENCY" --arg b "$BATCH" --arg d "$DURATION" --arg w "$WARMUP" --arg total "$TOTAL" '
  def r(x): (x * 10 | round) / 10;
  def ratio(a; b): if b == 0 then "n/a" else ((a / b * 100 | round) / 100 | tostring) + "×" end;
  def mib(k): (k / 1024 * 10 | round) / 10;
  . as $o |
  "# Ingest benchmark: Vigil vs Alertmanager\n",
  "Measured \($o.date) on this \($o.cores)-core machine (commit \($o.commit); \($o.alertmanager)).",
  "Both servers and the load generator (`vigil-bench`, release build) share the same 2 cores; everything on 127.0.0.1.",
  "Load average (1/5/15 min) before: \($o.loadAverage.before), after: \($o.loadAverage.after) — other work on the machine skews absolute figures; the Vigil/Alertmanager ratios hold better.",
  "Load: `POST /api/v2/alerts`, JSON arrays of \($b) postable alerts (seeded labels, 10 000 distinct identities re-sent), \($c) concurrent requests, \($d) s measured after \($w) s warm-up.",
  "Generated by `bench/ingest/run.sh`; raw reports in `bench/results/ingest.json`.\n",
  "| scenario | metric | Vigil | Alertmanager | Vigil/Alertmanager |",
  "|---|---|---:|---:|---:|",
  "| (a) peak, concurrency \($c) | alerts/s accepted | \(r($o.peak.vigil.alertsPerSecond)) | \(r($o.peak.alertmanager.alertsPerSecond)) | \(ratio($o.peak.vigil.alertsPerSecond; $o.peak.alertmanager.alertsPerSecond)) |",
  "| (a) peak | requests/s | \(r($o.peak.vigil.requestsPerSecond)) | \(r($o.peak.alertmanager.requestsPerSecond)) | \(ratio($o.peak.vigil.requestsPerSecond; $o.peak.alertmanager.requestsPerSecond)) |",
  "| (a) peak | p50 latency ms | \($o.peak.vigil.latencyMs.p50) | \($o.peak.alertmanager.latencyMs.p50) | \(ratio($o.peak.vigil.latencyMs.p50; $o.peak.alertmanager.latencyMs.p50)) |",
  "| (a) peak | p99 latency ms | \($o.peak.vigil.latencyMs.p99) | \($o.peak.alertmanager.latencyMs.p99) | \(ratio($o.peak.vigil.latencyMs.p99; $o.peak.alertmanager.latencyMs.p99)) |",
  "| (a) peak | errors (transport / non-2xx) | \($o.peak.vigil.transportErrors) / \($o.peak.vigil.statusErrors | add // 0) | \($o.peak.alertmanager.transportErrors) / \($o.peak.alertmanager.statusErrors | add // 0) | |",
  "| (b) fixed rate \($o.halfPeak.vigil.targetRate) alerts/s (½ Vigil peak) | alerts/s accepted | \(r($o.halfPeak.vigil.alertsPerSecond)) | \(r($o.halfPeak.alertmanager.alertsPerSecond)) | \(ratio($o.halfPeak.vigil.alertsPerSecond; $o.halfPeak.alertmanager.alertsPerSecond)) |",
  "| (b) ½ peak | p50 latency ms | \($o.halfPeak.vigil.latencyMs.p50) | \($o.halfPeak.alertmanager.latencyMs.p50) | \(ratio($o.halfPeak.vigil.latencyMs.p50; $o.halfPeak.alertmanager.latencyMs.p50)) |",
  "| (b) ½ peak | p99 latency ms | \($o.halfPeak.vigil.latencyMs.p99) | \($o.halfPeak.alertmanager.latencyMs.p99) | \(ratio($o.halfPeak.vigil.latencyMs.p99; $o.halfPeak.alertmanager.latencyMs.p99)) |",
  "| (c) \($total) distinct alerts (batch 100) | VmRSS MiB after (idle before) | \(mib($o.rss.vigil.afterKiB)) (\(mib($o.rss.vigil.idleKiB))) | \(mib($o.rss.alertmanager.afterKiB)) (\(mib($o.rss.alertmanager.idleKiB))) | \(ratio($o.rss.vigil.afterKiB; $o.rss.alertmanager.afterKiB)) |",
  "| (c) | alerts stored (API count) | \($o.rss.vigil.storedAlerts) | \($o.rss.alertmanager.storedAlerts) | |",
  "| (c) | ingest alerts/s | \(r($o.rss.vigil.run.alertsPerSecond)) | \(r($o.rss.alertmanager.run.alertsPerSecond)) | \(ratio($o.rss.vigil.run.alertsPerSecond; $o.rss.alertmanager.run.alertsPerSecond)) |",
  "",
  "Latency is per request (a batch of \($b) alerts); at a fixed rate it counts from the scheduled send time (no coordinated omission).",
  "Vigil acknowledges only after its store commits; Alertmanager keeps alerts in memory (snapshots to disk every 15 min).",
  "Vigil VmRSS after listing all stored alerts through the API: \(mib($o.rss.vigil.afterListingKiB)) MiB."
' bench/results/ingest.json >bench/results/ingest.md

log "wrote bench/results/ingest.md and bench/results/ingest.json"
cat bench/results/ingest.md
