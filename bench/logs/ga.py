#!/usr/bin/env python3
"""Grouping accuracy (GA) of a parser's output against Loghub ground truth.

    ga.py TRUTH.csv PRED.csv [--errors N]

TRUTH.csv is a Loghub `*_structured_corrected.csv` (LineId, ..., EventId, EventTemplate);
PRED.csv is `vigil logs mine` output (LineId, EventId, EventTemplate). A line counts as
parsed correctly when the set of lines in its predicted group equals the set of lines in
its true group; GA is the fraction of such lines. Prints GA with four decimals.
With --errors N, also lists the N largest wrongly grouped true groups (to stderr).
"""
import csv
import sys
from collections import defaultdict


def read_groups(path, id_col="EventId"):
    by_line = {}
    templates = {}
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            line_id = int(row["LineId"])
            by_line[line_id] = row[id_col]
            templates.setdefault(row[id_col], row.get("EventTemplate", ""))
    return by_line, templates


def grouping_accuracy(truth, pred):
    true_groups = defaultdict(set)
    pred_groups = defaultdict(set)
    for line, ev in truth.items():
        true_groups[ev].add(line)
        pred_groups[pred.get(line, f"<missing {line}>")].add(line)
    correct = 0
    wrong = []
    for ev, lines in true_groups.items():
        sample = next(iter(lines))
        if pred_groups[pred.get(sample, f"<missing {sample}>")] == lines:
            correct += len(lines)
        else:
            wrong.append((len(lines), ev))
    return correct / max(1, len(truth)), wrong, true_groups, pred_groups


def main():
    args = sys.argv[1:]
    errors = 0
    if "--errors" in args:
        i = args.index("--errors")
        errors = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    truth, true_templates = read_groups(args[0])
    pred, pred_templates = read_groups(args[1])
    ga, wrong, true_groups, pred_groups = grouping_accuracy(truth, pred)
    print(f"{ga:.4f}")
    if errors:
        wrong.sort(reverse=True)
        for size, ev in wrong[:errors]:
            lines = sorted(true_groups[ev])
            preds = defaultdict(int)
            for l in lines:
                preds[pred.get(l)] += 1
            print(f"- true {ev} ({size} lines): {true_templates[ev]}", file=sys.stderr)
            for p, n in sorted(preds.items(), key=lambda kv: -kv[1])[:4]:
                extra = len(pred_groups[p]) - n
                print(f"    {n:4d} -> {p} (+{extra} other) {pred_templates.get(p, '')}", file=sys.stderr)


if __name__ == "__main__":
    main()
