#!/usr/bin/env bash
# Root-cause diagnosis benchmark: every scenario in ../shared/scenarios (synthetic, 12 cause kinds) and
# ../shared/scenarios-real (Nezha Online Boutique fault injections), compared with their truth files.
# Release build, no LLM, one configuration for every file.
#
#   bench/diagnose/run.sh
#
# Env: VIGIL_BIN=path        use this binary instead of building one
#      SCENARIOS=dir         synthetic set (default ../shared/scenarios beside the repo)
#      SCENARIOS_REAL=dir    real set (default ../shared/scenarios-real beside the repo)
# Writes bench/results/diagnose.md (and diagnose.json with every scenario's result).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
log() { printf '==> %s\n' "$*" >&2; }

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
SCENARIOS=${SCENARIOS:-$root/../shared/scenarios}
SCENARIOS_REAL=${SCENARIOS_REAL:-$root/../shared/scenarios-real}
[[ -d $SCENARIOS ]] || { echo "scenarios not found at $SCENARIOS" >&2; exit 1; }

if [[ -z ${VIGIL_BIN:-} ]]; then
    log "building release (scratch path .build-release)"
    swift build -c release --scratch-path .build-release --product vigil 2>&1 | grep -E "error|Compiling vigil|Build complete" >&2 || true
    VIGIL_BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)/vigil
fi
[[ -x $VIGIL_BIN ]] || { echo "no vigil binary at $VIGIL_BIN" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p bench/results

run_set() { # set-name dir
    local name=$1 dir=$2
    [[ -d $dir ]] || { log "skipping $name: $dir not found"; return; }
    log "diagnosing $name scenarios in $dir"
    for f in "$dir"/*.json; do
        [[ $f == *.truth.json ]] && continue
        local base; base=$(basename "$f" .json)
        local t0 t1
        t0=$(date +%s.%N)
        if ! timeout 60 "$VIGIL_BIN" diagnose --scenario "$f" >"$work/$name.$base.out" 2>"$work/$name.$base.err"; then
            log "$base: failed ($(head -c 200 "$work/$name.$base.err"))"
        fi
        t1=$(date +%s.%N)
        printf '%s\t%s\t%s\t%s\n' "$name" "$base" "$dir/$base.truth.json" "$(echo "$t1 - $t0" | bc)" >>"$work/index.tsv"
    done
}
run_set synthetic "$SCENARIOS"
run_set real "$SCENARIOS_REAL"

python3 bench/diagnose/score.py "$work" "$VIGIL_BIN" bench/results/diagnose.md bench/results/diagnose.json
log "wrote bench/results/diagnose.md"
