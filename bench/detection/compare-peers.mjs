// Runs two npm prompt-injection detectors over the same labelled JSONL files as `llmsecops eval`
// and prints their detection quality and latency next to ours.
//
//   node compare-peers.mjs <dataset-dir> <ours.json> [unseen-file ...]
//
// <ours.json> is the output of `llmsecops eval --data <dataset-dir> --format json`. Files named
// after it as "unseen" get a second table restricted to them (rows our classifier never trained on).
// Run from a folder where @andersmyrmel/vard and llm_guardrail are installed (compare-peers.sh does).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import vard from "@andersmyrmel/vard";
import { checkInjection, checkJailbreak } from "llm_guardrail";

const [dir, oursPath, ...unseen] = process.argv.slice(2);
if (!dir || !oursPath) {
  console.error("usage: node compare-peers.mjs <dataset-dir> <ours.json> [unseen-file ...]");
  process.exit(2);
}

const rows = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const row = JSON.parse(line);
    rows.push({ file, line: i + 1, text: row.text, attack: row.label !== "benign" });
  });
}

// vard: its default (moderate) preset, with the length cap raised so long prompts are judged
// rather than rejected for length. Detected = the preset does not call the input safe.
const vardGuard = vard.moderate().maxLength(1_000_000);
const vardDetect = async (text) => {
  const result = vardGuard.safeParse(text);
  return !result.safe;
};

// llm_guardrail: its injection and jailbreak models (the third, "malicious content", answers a
// different question). Detected = either model detects.
const guardrailDetect = async (text) => {
  const injection = await checkInjection(text);
  const jailbreak = await checkJailbreak(text);
  return injection.detected || jailbreak.detected;
};

async function run(detect) {
  // Warm-up so model loading and JIT do not count, then one timed pass, one prompt at a time.
  for (const r of rows.slice(0, 200)) await detect(r.text);
  const out = [];
  for (const r of rows) {
    const t0 = process.hrtime.bigint();
    const detected = await detect(r.text);
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    out.push({ ...r, detected, us });
  }
  return out;
}

function metrics(results) {
  let tp = 0, fp = 0, tn = 0, fn = 0, us = 0;
  for (const r of results) {
    if (r.attack) r.detected ? tp++ : fn++;
    else r.detected ? fp++ : tn++;
    us += r.us;
  }
  const ratio = (a, b) => (b === 0 ? null : a / b);
  return {
    rows: results.length, tp, fp, tn, fn,
    tpr: ratio(tp, tp + fn), fpr: ratio(fp, fp + tn), precision: ratio(tp, tp + fp),
    f1: ratio(2 * tp, 2 * tp + fp + fn), us_per_prompt: results.length ? us / results.length : null,
  };
}

const fmt = (x, digits = 3) => (x === null || x === undefined ? "-" : x.toFixed(digits));

// Our numbers for a set of files, re-derived from the per-file counts of the eval report.
function oursFor(report, files) {
  let tp = 0, fp = 0, tn = 0, fn = 0, usSum = 0, n = 0;
  for (const f of files) {
    const s = report.by_source[f];
    if (!s) continue;
    tp += s.tp; fp += s.fp; tn += s.tn; fn += s.fn;
    if (s.us_per_prompt != null) { usSum += s.us_per_prompt * s.rows; n += s.rows; }
  }
  const ratio = (a, b) => (b === 0 ? null : a / b);
  return {
    rows: tp + fp + tn + fn, tp, fp, tn, fn,
    tpr: ratio(tp, tp + fn), fpr: ratio(fp, fp + tn), precision: ratio(tp, tp + fp),
    f1: ratio(2 * tp, 2 * tp + fp + fn), us_per_prompt: n ? usSum / n : null,
  };
}

function table(title, entries) {
  console.log(`\n${title}\n`);
  console.log("| detector | rows | TPR | FPR | precision | F1 | µs/prompt |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const [name, m] of entries) {
    console.log(`| ${name} | ${m.rows} | ${fmt(m.tpr)} | ${fmt(m.fpr)} | ${fmt(m.precision)} | ${fmt(m.f1)} | ${fmt(m.us_per_prompt, 1)} |`);
  }
}

const ours = JSON.parse(readFileSync(oursPath, "utf8"));
const vardResults = await run(vardDetect);
const guardrailResults = await run(guardrailDetect);
const files = [...new Set(rows.map((r) => r.file))];
const oursName = "llmsecops (default policy)";

table(`All files in ${dir} (${rows.length} rows)`, [
  [oursName, oursFor(ours, files)],
  ["@andersmyrmel/vard (moderate)", metrics(vardResults)],
  ["llm_guardrail (injection or jailbreak)", metrics(guardrailResults)],
]);

if (unseen.length > 0) {
  const pick = (rs) => rs.filter((r) => unseen.includes(r.file));
  table(`Only files llmsecops never trained on: ${unseen.join(", ")}`, [
    [oursName, oursFor(ours, unseen)],
    ["@andersmyrmel/vard (moderate)", metrics(pick(vardResults))],
    ["llm_guardrail (injection or jailbreak)", metrics(pick(guardrailResults))],
  ]);
}

console.log("\nPer file (TPR over the attack rows, FPR over the benign rows, both where a file has both):\n");
console.log("| file | llmsecops | vard | llm_guardrail |");
console.log("|---|---:|---:|---:|");
for (const f of files) {
  const o = oursFor(ours, [f]);
  const v = metrics(vardResults.filter((r) => r.file === f));
  const g = metrics(guardrailResults.filter((r) => r.file === f));
  const show = (m) =>
    m.tpr !== null && m.fpr !== null ? `TPR ${fmt(m.tpr)}, FPR ${fmt(m.fpr)}` : m.tpr !== null ? `TPR ${fmt(m.tpr)}` : `FPR ${fmt(m.fpr)}`;
  console.log(`| ${f} | ${show(o)} | ${show(v)} | ${show(g)} |`);
}
