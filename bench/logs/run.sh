#!/usr/bin/env bash
# Log template mining benchmark: `vigil logs mine` (release build) against Drain3 0.9.11 from PyPI.
#
#   bench/logs/run.sh
#
# (a) grouping accuracy (GA) on the eight Loghub 2k data sets: mining the Content column
#     (--content-only), mining the raw lines (automatic header detection), and Drain3 with its
#     default configuration on the Content column for reference;
# (b) speed on the same inputs, side by side: SPEED_LINES HDFS messages (the HDFS Content repeated)
#     and SPEED_LINES raw lines interleaved from all eight data sets; Drain3 with the masks of its
#     example drain3.ini; wall time of the whole run (read, mine, write the CSV), one core each;
# (c) peak RSS (/usr/bin/time -v) while mining RSS_LINES mixed raw lines streamed on stdin, and the
#     final template count.
# Writes bench/results/logs.md.
#
# Knobs (env): SPEED_LINES=1000000 RSS_LINES=10000000 DATA=../shared/bench-data/loghub2k
#              VIGIL_BIN=path (skip the build)  VENV=/tmp/vigil-bench-drain3 (Drain3's venv)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD

SPEED_LINES=${SPEED_LINES:-1000000}
RSS_LINES=${RSS_LINES:-10000000}
DATA=${DATA:-$root/../shared/bench-data/loghub2k}
VENV=${VENV:-/tmp/vigil-bench-drain3}
datasets=(HDFS Hadoop Spark Zookeeper BGL OpenSSH Apache HealthApp)

log() { printf '==> %s\n' "$*" >&2; }
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
[[ -d $DATA/HDFS ]] || { echo "Loghub data not found in $DATA" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time </dev/null >/dev/null; }

# ── release build ────────────────────────────────────────────────────────────
if [[ -z "${VIGIL_BIN:-}" ]]; then
    log "swift build -c release --scratch-path .build-release --product vigil"
    swift build -c release --scratch-path .build-release --product vigil >&2
    VIGIL_BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/vigil"
fi
VIGIL=$VIGIL_BIN

# ── Drain3 from PyPI in a venv ───────────────────────────────────────────────
if ! "$VENV/bin/python" -c 'import drain3' 2>/dev/null; then
    log "python3 -m venv $VENV && pip install drain3==0.9.11"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q drain3==0.9.11 >&2
fi
PY="$VENV/bin/python"

tmp=$root/bench/results/tmp/logs
mkdir -p "$tmp" "$root/bench/results"

# ── (a) grouping accuracy ────────────────────────────────────────────────────
log "(a) grouping accuracy"
ga_rows=()
sum_c=0; sum_r=0; sum_d=0
for d in "${datasets[@]}"; do
    truth=$DATA/$d/${d}_2k.log_structured_corrected.csv
    python3 bench/logs/make_inputs.py content "$DATA" "$d" "$tmp/$d.content"
    "$VIGIL" logs mine --input "$tmp/$d.content" --output "$tmp/$d.content.csv" --content-only
    "$VIGIL" logs mine --input "$DATA/$d/${d}_2k.log" --output "$tmp/$d.raw.csv"
    "$PY" bench/logs/drain3_mine.py "$tmp/$d.content" "$tmp/$d.drain3.csv" --masks none 2>/dev/null
    c=$(python3 bench/logs/ga.py "$truth" "$tmp/$d.content.csv")
    r=$(python3 bench/logs/ga.py "$truth" "$tmp/$d.raw.csv")
    g=$(python3 bench/logs/ga.py "$truth" "$tmp/$d.drain3.csv")
    log "$d: content $c raw $r drain3 $g"
    ga_rows+=("| $d | $c | $r | $g |")
    sum_c=$(python3 -c "print($sum_c + $c)"); sum_r=$(python3 -c "print($sum_r + $r)"); sum_d=$(python3 -c "print($sum_d + $g)")
done
mean() { python3 -c "print(f'{$1 / ${#datasets[@]}:.4f}')"; }
mean_c=$(mean "$sum_c"); mean_r=$(mean "$sum_r"); mean_d=$(mean "$sum_d")

# ── (b) speed, side by side ──────────────────────────────────────────────────
log "(b) speed: $SPEED_LINES lines each"
python3 bench/logs/make_inputs.py repeat "$tmp/HDFS.content" "$SPEED_LINES" "$tmp/hdfs-speed.txt"
python3 bench/logs/make_inputs.py mixed "$DATA" "$SPEED_LINES" "$tmp/mixed-speed.log"
run_timed() {  # NAME CMD…: wall and CPU (user+sys) seconds into $tmp/NAME.time
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$tmp/$name.time" "$@" >/dev/null 2>&1
}
per_sec() {  # NAME wall|cpu → lines/s
    python3 - "$tmp/$1.time" "$2" "$SPEED_LINES" <<'PY'
import sys
wall, user, system = map(float, open(sys.argv[1]).read().split()[-3:])
seconds = wall if sys.argv[2] == "wall" else user + system
print(int(int(sys.argv[3]) / max(seconds, 1e-9)))
PY
}
run_timed vigil-hdfs "$VIGIL" logs mine --input "$tmp/hdfs-speed.txt" --output "$tmp/hdfs-speed.vigil.csv" --content-only
run_timed vigil-mixed "$VIGIL" logs mine --input "$tmp/mixed-speed.log" --output "$tmp/mixed-speed.vigil.csv"
run_timed drain3-hdfs "$PY" bench/logs/drain3_mine.py "$tmp/hdfs-speed.txt" "$tmp/hdfs-speed.drain3.csv" --masks hdfs
run_timed drain3-mixed "$PY" bench/logs/drain3_mine.py "$tmp/mixed-speed.log" "$tmp/mixed-speed.drain3.csv" --masks example
for n in vigil-hdfs vigil-mixed drain3-hdfs drain3-mixed; do
    declare "wall_${n//-/_}=$(per_sec "$n" wall)" "cpu_${n//-/_}=$(per_sec "$n" cpu)"
done
log "vigil HDFS $wall_vigil_hdfs/s wall, $cpu_vigil_hdfs/s cpu; mixed $wall_vigil_mixed/s wall, $cpu_vigil_mixed/s cpu"
log "drain3 HDFS $wall_drain3_hdfs/s wall, $cpu_drain3_hdfs/s cpu; mixed $wall_drain3_mixed/s wall, $cpu_drain3_mixed/s cpu"
load=$(cut -d' ' -f1-3 /proc/loadavg)
ratio() { python3 -c "print(f'{$1 / $2:.0f}')"; }

# ── (c) memory on a long mixed stream ────────────────────────────────────────
log "(c) peak RSS while mining $RSS_LINES mixed raw lines from stdin"
python3 bench/logs/make_inputs.py mixed "$DATA" "$RSS_LINES" - |
    /usr/bin/time -v "$VIGIL" logs mine --input - --output /dev/null --stats 2>"$tmp/rss.txt"
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/rss.txt")
templates=$(awk '/^lines / {print $4}' "$tmp/rss.txt")
rss_rate=$(awk '/^lines / {print $8}' "$tmp/rss.txt")
log "peak RSS ${rss_kb} kB, $templates templates, $rss_rate lines/s"

# ── report ───────────────────────────────────────────────────────────────────
{
    echo "# Log template mining: vigil logs mine vs Drain3"
    echo
    echo "Generated by \`bench/logs/run.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; release build; Drain3 0.9.11 from PyPI)."
    echo
    echo "## (a) Grouping accuracy, Loghub 2k (corrected ground truth), one default configuration"
    echo
    echo "| data set | vigil, Content | vigil, raw lines (header detection) | Drain3 defaults, Content |"
    echo "|---|---|---|---|"
    printf '%s\n' "${ga_rows[@]}"
    echo "| **mean** | **$mean_c** | **$mean_r** | **$mean_d** |"
    echo
    echo "Commands: \`vigil logs mine --input D.content --output D.csv --content-only\`, \`vigil logs mine --input D_2k.log --output D.csv\`,"
    echo "\`drain3_mine.py D.content D.csv --masks none\`; scored with \`bench/logs/ga.py\`."
    echo
    echo "## (b) Speed, $SPEED_LINES lines, whole run (read, mine, write the CSV), one process each"
    echo
    echo "Lines/s by wall time and by CPU time (user+sys) of the process; the machine is shared"
    echo "(load average $load after the runs), so wall time includes waiting for a core."
    echo
    echo "| input | vigil wall | vigil CPU | Drain3 wall | Drain3 CPU | ratio wall | ratio CPU |"
    echo "|---|---|---|---|---|---|---|"
    echo "| HDFS messages (Content repeated); Drain3 with the HDFS masks | $wall_vigil_hdfs | $cpu_vigil_hdfs | $wall_drain3_hdfs | $cpu_drain3_hdfs | $(ratio "$wall_vigil_hdfs" "$wall_drain3_hdfs")× | $(ratio "$cpu_vigil_hdfs" "$cpu_drain3_hdfs")× |"
    echo "| raw lines mixed from all eight data sets; Drain3 with its example masks | $wall_vigil_mixed | $cpu_vigil_mixed | $wall_drain3_mixed | $cpu_drain3_mixed | $(ratio "$wall_vigil_mixed" "$wall_drain3_mixed")× | $(ratio "$cpu_vigil_mixed" "$cpu_drain3_mixed")× |"
    echo
    echo "Commands: \`vigil logs mine --input hdfs.txt --output out.csv --content-only\`, \`vigil logs mine --input mixed.log --output out.csv\`,"
    echo "\`drain3_mine.py hdfs.txt out.csv --masks hdfs\`, \`drain3_mine.py mixed.log out.csv --masks example\`."
    echo
    echo "## (c) Memory"
    echo
    echo "| input | peak RSS | templates at the end | lines/s (wall) |"
    echo "|---|---|---|---|"
    echo "| $RSS_LINES mixed raw lines on stdin | $((rss_kb / 1024)) MiB | $templates | $rss_rate |"
    echo
    echo "Command: \`make_inputs.py mixed DATA $RSS_LINES - | /usr/bin/time -v vigil logs mine --input - --output /dev/null --stats\`."
} >"$root/bench/results/logs.md"
log "wrote bench/results/logs.md"
cat "$root/bench/results/logs.md"
