#!/usr/bin/env bash
# Compares llmsecops with two npm prompt-injection detectors on the same labelled files.
#
#   bench/detection/compare-peers.sh [dataset-dir]
#
# The dataset folder defaults to the shared development set (../shared/datasets/dev beside the
# repository, or $LLMSECOPS_DATASETS/dev). The peers are installed into a temporary folder
# outside the repository; the data is read in place and never copied.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-}"
if [ -z "$data" ]; then
  candidates=("$repo/../shared/datasets/dev" "$repo/../../shared/datasets/dev")
  # Only when set: an empty variable would make "/dev" a candidate.
  if [ -n "${LLMSECOPS_DATASETS:-}" ]; then candidates=("$LLMSECOPS_DATASETS/dev" "${candidates[@]}"); fi
  for candidate in "${candidates[@]}"; do
    if [ -d "$candidate" ]; then data="$(cd "$candidate" && pwd)"; break; fi
  done
fi
if [ -z "$data" ] || [ ! -d "$data" ]; then
  echo "dataset folder not found: pass it as the first argument or set LLMSECOPS_DATASETS" >&2
  exit 2
fi
# The peers run from a temporary folder: a relative path must not change meaning there.
data="$(cd "$data" && pwd)"

# Pinned peer versions (override with the environment variables to compare others).
VARD_VERSION="${VARD_VERSION:-1.2.0}"
GUARDRAIL_VERSION="${GUARDRAIL_VERSION:-2.1.2}"

work="$(mktemp -d "${TMPDIR:-/tmp}/llmsecops-peers.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "installing peers into $work" >&2
(cd "$work" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund --silent --save-exact "@andersmyrmel/vard@${VARD_VERSION}" "llm_guardrail@${GUARDRAIL_VERSION}" >&2)
(cd "$work" && node -e 'for (const p of ["@andersmyrmel/vard","llm_guardrail"]) { const v = JSON.parse(require("fs").readFileSync("node_modules/"+p+"/package.json")).version; console.error(p+"@"+v); }')

echo "running llmsecops eval on $data" >&2
dotnet build "$repo/src/LlmSecOps.Cli" -c Release -v quiet -nologo >&2
dotnet "$repo/src/LlmSecOps.Cli/bin/Release/net10.0/llmsecops.dll" eval --data "$data" --format json > "$work/ours.json"

cp "$repo/bench/detection/compare-peers.mjs" "$work/"
# Files the shipped classifier was never trained on (evaluation-only by licence).
unseen=()
for f in alpacaeval_nonselfinstruct_NC.jsonl tensortrust_attacks.jsonl; do
  if [ -f "$data/$f" ]; then unseen+=("$f"); fi
done
(cd "$work" && node compare-peers.mjs "$data" "$work/ours.json" "${unseen[@]}")
