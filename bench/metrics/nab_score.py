#!/usr/bin/env python3
"""NAB standard-profile scoring, written from NAB's published method.

For each file: the first 15% of rows (at most 750) are a probationary period and are not
scored. A row inside a label window that is detected (score >= threshold) is worth
A_TP * sigma(position), where position = -(rightIndex - i + 1) / windowWidth runs from -1
at the window start towards 0 at its end and sigma(x) = 2 / (1 + exp(5x)) - 1 is scaled so
that a detection on the first row is worth exactly 1; only the best (earliest) detection in
a window counts. A window without a detection costs A_FN = 1. A detection outside every
window costs A_FP = 0.11, weighted by sigma of its distance past the previous window's end
in window widths (full cost when no window precedes it). One threshold, the same for every
file, is chosen to maximise the total; the total is normalised so that the null detector
(never fires) scores 0 and the perfect one (fires on the first row of every window) 100.

Usage:
  nab_score.py --data DATA_DIR --labels labels.json --scores SCORES_DIR [--json OUT.json]
  nab_score.py --selftest --data DATA_DIR --labels labels.json
SCORES_DIR holds one CSV per series (same base name), with an `anomaly_score` column.
"""
import argparse, csv, json, math, os, sys
from datetime import datetime

A_TP, A_FP, A_FN = 1.0, 0.11, 1.0
PROBATION_PERCENT = 0.15


def scaled_sigmoid(x):
    if x > 3.0:
        return -1.0
    return 2.0 / (1.0 + math.exp(5.0 * x)) - 1.0


MAX_TP = scaled_sigmoid(-1.0)


def parse_time(text):
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise ValueError("bad timestamp %r" % text)


def read_series(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def sweep_points(name, times, scores, windows):
    """Per-row (score, weight, window id or None), probationary rows dropped."""
    n = len(times)
    probation = min(math.floor(PROBATION_PERCENT * n), PROBATION_PERCENT * 5000)
    first_index = {}
    for i, t in enumerate(times):
        first_index.setdefault(t, i)
    limits = []
    for start, end in sorted(windows):
        if start not in first_index or end not in first_index:
            raise ValueError("%s: window %s..%s does not match row timestamps" % (name, start, end))
        limits.append((first_index[start], first_index[end]))
    points = []
    pending = list(limits)
    cur = None  # (left, right, id)
    prev_right = prev_width = None
    for i in range(n):
        if cur is None and pending and i == pending[0][0]:
            left, right = pending.pop(0)
            cur = (left, right, "%s|%d" % (name, left))
        if cur is not None:
            left, right, wid = cur
            width = right - left + 1
            weight = scaled_sigmoid(-(right - i + 1) / width) / MAX_TP
            window = wid
        else:
            window = None
            if prev_right is None:
                weight = -1.0
            else:
                weight = scaled_sigmoid(abs(prev_right - i) / (prev_width - 1))
        if i >= probation:
            points.append((scores[i], weight, window))
        elif window is not None:
            raise ValueError("%s: window starting at row %d lies in the probationary period" % (name, cur[0]))
        if cur is not None and i == cur[1]:
            prev_right, prev_width = cur[1], cur[1] - cur[0] + 1
            cur = None
    return points, ["%s|%d" % (name, l) for l, _ in limits]


def score_at(points, window_ids, threshold):
    """Raw score (and counts) of one file's points at a fixed threshold."""
    best = {w: -A_FN for w in window_ids}
    fp_cost = 0.0
    tp = fp = 0
    for s, weight, window in points:
        if s < threshold:
            continue
        if window is None:
            fp += 1
            fp_cost += A_FP * weight
        else:
            tp += 1
            best[window] = max(best[window], A_TP * weight)
    detected = sum(1 for w in window_ids if best[w] > -A_FN)
    return sum(best.values()) + fp_cost, detected, fp


def optimise(all_points, all_windows):
    """Sweep every distinct score as threshold; return (best raw total, threshold)."""
    order = sorted(all_points, key=lambda p: -p[0])
    best_window = {w: -A_FN for w in all_windows}
    total = -A_FN * len(all_windows)
    best_total, best_threshold = total, float("inf")
    i = 0
    while i < len(order):
        s = order[i][0]
        while i < len(order) and order[i][0] == s:
            _, weight, window = order[i]
            if window is None:
                total += A_FP * weight
            else:
                v = A_TP * weight
                if v > best_window[window]:
                    total += v - best_window[window]
                    best_window[window] = v
            i += 1
        if total > best_total:
            best_total, best_threshold = total, s
    return best_total, best_threshold


def normalise(raw, windows):
    null, perfect = -A_FN * windows, A_TP * windows
    return 100.0 * (raw - null) / (perfect - null)


def load(data_dir, labels_path):
    with open(labels_path) as f:
        labels = json.load(f)
    files = []
    for key in sorted(labels):
        rows = read_series(os.path.join(data_dir, key))
        times = [parse_time(r["timestamp"]) for r in rows]
        windows = [(parse_time(a), parse_time(b)) for a, b in labels[key]]
        files.append((key, times, windows))
    return files


def evaluate(files, scores_by_key):
    per_file = []
    all_points, all_windows = [], []
    for key, times, windows in files:
        points, ids = sweep_points(key, times, scores_by_key[key], windows)
        per_file.append((key, points, ids))
        all_points += points
        all_windows += ids
    raw, threshold = optimise(all_points, all_windows)
    rows = []
    for key, points, ids in per_file:
        r, detected, fp = score_at(points, ids, threshold)
        rows.append({"file": key, "windows": len(ids), "detected": detected, "false_positives": fp,
                     "raw": r, "normalised": normalise(r, len(ids))})
    return {"threshold": threshold, "raw": raw, "windows": len(all_windows),
            "score": normalise(raw, len(all_windows)), "files": rows}


def selftest(files):
    null = {k: [0.0] * len(t) for k, t, _ in files}
    perfect = {}
    for k, t, w in files:
        s = [0.0] * len(t)
        first = {}
        for i, x in enumerate(t):
            first.setdefault(x, i)
        for a, _ in w:
            s[first[a]] = 1.0
        perfect[k] = s
    late = {}
    for k, t, w in files:  # fires on the last row of every window: positive but below 100
        s = [0.0] * len(t)
        first = {}
        for i, x in enumerate(t):
            first.setdefault(x, i)
        for _, b in w:
            s[first[b]] = 1.0
        late[k] = s
    n, p, l = evaluate(files, null)["score"], evaluate(files, perfect)["score"], evaluate(files, late)["score"]
    print("null detector: %.3f   perfect detector: %.3f   last-row detector: %.3f" % (n, p, l))
    ok = abs(n) < 1e-9 and abs(p - 100) < 1e-9 and 0 < l < 100
    print("selftest", "passed" if ok else "FAILED")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--scores")
    ap.add_argument("--json")
    ap.add_argument("--selftest", action="store_true")
    args = ap.parse_args()
    files = load(args.data, args.labels)
    if args.selftest:
        sys.exit(0 if selftest(files) else 1)
    scores = {}
    for key, times, _ in files:
        rows = read_series(os.path.join(args.scores, os.path.basename(key)))
        if len(rows) != len(times):
            sys.exit("%s: %d score rows for %d input rows" % (key, len(rows), len(times)))
        scores[key] = [float(r["anomaly_score"]) for r in rows]
    result = evaluate(files, scores)
    print("| file | windows | detected | false positives | raw | normalised |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in result["files"]:
        print("| %s | %d | %d | %d | %.3f | %.1f |" % (os.path.basename(r["file"]), r["windows"], r["detected"],
                                                   r["false_positives"], r["raw"], r["normalised"]))
    print("| **total** | %d | %d | %d | %.3f | **%.1f** |" % (
        result["windows"], sum(r["detected"] for r in result["files"]),
        sum(r["false_positives"] for r in result["files"]), result["raw"], result["score"]))
    print("\nthreshold: %.9f" % result["threshold"])
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
