#!/usr/bin/env bash
# Side-by-side wall time of `llmsecops probe replay` and `promptfoo redteam run` on the same
# attacks (the built-in single-turn probes, each sent plain and as base64, rot13 and leetspeak)
# against the same loopback fake model. Both run offline; promptfoo's grader is pointed at the
# same fake, which answers grading requests with a canned verdict.
#
# Usage: bench/redteam/compare-promptfoo.sh [--copies N] [--concurrency N] [--port N]
#   PROMPTFOO_DIR=/path  reuse an existing install (node_modules with node@22 and promptfoo)
#
# promptfoo and Node 22 are installed into a temporary directory outside the repository.
set -euo pipefail

COPIES=5
CONCURRENCY=16
PORT=18080
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) COPIES="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/llmsecops-vs-promptfoo.XXXXXX")"
BENCH="$ROOT/bench/LlmSecOps.Benchmarks/bin/Release/net10.0/LlmSecOps.Benchmarks.dll"
CLI="$ROOT/src/LlmSecOps.Cli/bin/Release/net10.0/llmsecops.dll"
TARGET="http://127.0.0.1:$PORT/v1"
PROMPTFOO_VERSION=0.123.1

echo "work directory: $WORK"
echo "building (Release)..."
dotnet build "$ROOT/bench/LlmSecOps.Benchmarks" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/src/LlmSecOps.Cli" -c Release -v q -nologo >/dev/null

PF="${PROMPTFOO_DIR:-$WORK/promptfoo}"
if [ ! -x "$PF/node_modules/.bin/node" ] || [ ! -f "$PF/node_modules/promptfoo/package.json" ]; then
  echo "installing node@22 and promptfoo@$PROMPTFOO_VERSION into $PF..."
  mkdir -p "$PF"
  (cd "$PF" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error node@22 "promptfoo@$PROMPTFOO_VERSION" >/dev/null)
fi
NODE="$PF/node_modules/.bin/node"
PROMPTFOO="$PF/node_modules/promptfoo/dist/src/entrypoint.js"

echo "starting the fake target on $TARGET..."
dotnet "$BENCH" redteam-fake-target --port "$PORT" >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
trap 'kill -TERM $FAKE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.2
done

dotnet "$BENCH" redteam-export-corpus --out "$WORK" --target "$TARGET" --copies "$COPIES"

now() { date +%s.%N; }

echo "llmsecops probe replay (concurrency $CONCURRENCY)..."
START=$(now)
dotnet "$CLI" probe replay --corpus "$WORK/corpus.jsonl" --target "$TARGET" --model fake \
  --mutators none,base64,rot13,leetspeak --concurrency "$CONCURRENCY" --retries 0 \
  --data-dir "$WORK/llmsecops-data" --format json --output "$WORK/llmsecops.json" --quiet >/dev/null
END=$(now)
LLMSECOPS_S=$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.3f", b - a }')

echo "promptfoo redteam run (concurrency $CONCURRENCY)..."
export PROMPTFOO_DISABLE_REMOTE_GENERATION=true PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1
export PROMPTFOO_CONFIG_DIR="$WORK/promptfoo-home" OPENAI_API_KEY=not-needed
START=$(now)
(cd "$WORK" && "$NODE" "$PROMPTFOO" redteam run -c promptfooconfig.yaml -o "$WORK/promptfoo.json" \
  --no-cache --max-concurrency "$CONCURRENCY" --no-progress-bar >"$WORK/promptfoo.log" 2>&1)
END=$(now)
PROMPTFOO_S=$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.3f", b - a }')

COUNTS=$("$NODE" -e '
  const fs = require("fs");
  const a = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const results = (p.results && (p.results.results || p.results)) || [];
  console.log(a.attempts + " " + a.errors + " " + results.length);
' "$WORK/llmsecops.json" "$WORK/promptfoo.json")
read -r L_ATTEMPTS L_ERRORS P_CASES <<<"$COUNTS"

awk -v la="$L_ATTEMPTS" -v ls="$LLMSECOPS_S" -v pc="$P_CASES" -v ps="$PROMPTFOO_S" -v le="$L_ERRORS" 'BEGIN {
  printf "\n%-28s %10s %12s %14s\n", "tool", "cases", "wall (s)", "cases/s"
  printf "%-28s %10d %12.2f %14.0f\n", "llmsecops probe replay", la, ls, la / ls
  printf "%-28s %10d %12.2f %14.0f\n", "promptfoo redteam run", pc, ps, pc / ps
  printf "ratio (promptfoo wall / llmsecops wall): %.1fx   (llmsecops errors: %d)\n", ps / ls, le
}'
echo "logs and outputs: $WORK"
