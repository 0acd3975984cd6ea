#!/usr/bin/env bash
# Gateway overhead with wrk: the same loopback fake upstream called directly and through
# `llmsecops serve`, each in its own process. Usage: bench/gateway/run-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-16}"
UPSTREAM_PORT=9101
GATEWAY_PORT=9102
command -v wrk >/dev/null || { echo "wrk is not installed (Debian package 'wrk')" >&2; exit 2; }

dotnet build -c Release bench/LlmSecOps.Benchmarks -v q -nologo >/dev/null
dotnet build -c Release src/LlmSecOps.Cli -v q -nologo >/dev/null
BENCH=bench/LlmSecOps.Benchmarks/bin/Release/net10.0/LlmSecOps.Benchmarks.dll
CLI=src/LlmSecOps.Cli/bin/Release/net10.0/llmsecops.dll
DATA="$(mktemp -d)"
BODY_FILE="$DATA/body.json"
export BODY_FILE

dotnet "$BENCH" gateway upstream --urls "http://127.0.0.1:$UPSTREAM_PORT" >"$DATA/upstream.log" 2>&1 &
UPSTREAM_PID=$!
dotnet "$CLI" serve --upstream "http://127.0.0.1:$UPSTREAM_PORT/v1" --urls "http://127.0.0.1:$GATEWAY_PORT" --data-dir "$DATA/events" >"$DATA/gateway.log" 2>&1 &
GATEWAY_PID=$!
cleanup() { kill "$GATEWAY_PID" "$UPSTREAM_PID" 2>/dev/null || true; wait "$GATEWAY_PID" "$UPSTREAM_PID" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$GATEWAY_PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done

dotnet "$BENCH" gateway body >"$BODY_FILE"
echo "body: $(wc -c <"$BODY_FILE") bytes; $CONNECTIONS connections, 2 threads, ${SECONDS_PER_RUN}s per run (after a 3 s warm-up each)"
for target in "direct http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" "gateway http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions"; do
  set -- $target
  wrk -t2 -c"$CONNECTIONS" -d3s -s bench/gateway/chat.lua "$2" >/dev/null
  echo "== $1"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s bench/gateway/chat.lua "$2" | grep -E "Latency|Req/Sec|requests in|Requests/sec|50%|90%|99%|Non-2xx"
done
echo "gateway process: $(ps -o rss= -p "$GATEWAY_PID" | awk '{printf "%.1f MiB RSS", $1/1024}')"
