#!/usr/bin/env python3
"""Checks an evaluation set (the proxy set by default, or the folder given): every line
one JSON object with text/label/source, a known label, the source matching the folder and
file name (llmsecops-<folder>:<file>), and no text repeated across files.
Prints row counts per file and label; exits 1 on the first problem.

    python3 bench/detection/proxy/check.py
    python3 bench/detection/proxy/check.py bench/detection/lookalike
"""
import collections
import glob
import json
import os
import sys

LABELS = {"benign", "injection", "jailbreak"}


def main() -> int:
    here = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    prefix = "llmsecops-" + os.path.basename(here.rstrip(os.sep)) + ":"
    seen = {}
    totals = collections.Counter()
    for path in sorted(glob.glob(os.path.join(here, "*.jsonl"))):
        name = os.path.basename(path)
        stem = name[: -len(".jsonl")]
        counts = collections.Counter()
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                where = f"{name}:{n}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as ex:
                    print(f"{where}: not JSON ({ex})")
                    return 1
                if not isinstance(row, dict) or set(row) != {"text", "label", "source"}:
                    print(f"{where}: expected exactly text, label, source")
                    return 1
                if row["label"] not in LABELS:
                    print(f"{where}: unknown label {row['label']!r}")
                    return 1
                if row["source"] != prefix + stem:
                    print(f"{where}: source should be {prefix}{stem}")
                    return 1
                text = row["text"]
                if not isinstance(text, str) or not text.strip():
                    print(f"{where}: empty text")
                    return 1
                if text in seen:
                    print(f"{where}: same text as {seen[text]}")
                    return 1
                seen[text] = where
                counts[row["label"]] += 1
        totals.update(counts)
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{name:26} {sum(counts.values()):4}  ({detail})")
    detail = ", ".join(f"{k} {v}" for k, v in sorted(totals.items()))
    print(f"{'total':26} {sum(totals.values()):4}  ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
