"""Scores `vigil diagnose` outputs against truth files; writes the markdown report and a JSON dump.

usage: score.py WORKDIR VIGIL_BIN OUT.md OUT.json   (WORKDIR holds index.tsv and <set>.<name>.out)
"""
import collections, datetime, json, os, platform, sys

work, binary, out_md, out_json = sys.argv[1:5]
rows = []
for line in open(os.path.join(work, "index.tsv")):
    name, base, truth_path, seconds = line.rstrip("\n").split("\t")
    truth = json.load(open(truth_path))
    hyps = []
    try:
        hyps = json.load(open(os.path.join(work, f"{name}.{base}.out")))["hypotheses"]
    except Exception:
        pass
    comps = [h["component"] for h in hyps]
    rank = comps.index(truth["component"]) + 1 if truth["component"] in comps else None
    top = hyps[0] if hyps else {}
    rows.append(dict(set=name, scenario=base, truth=truth, seconds=float(seconds), rank=rank,
                     top_component=top.get("component"), top_cause=top.get("cause"),
                     confidence=top.get("confidence", 0.0),
                     cause_ok=bool(hyps) and top.get("component") == truth["component"] and top.get("cause") == truth["cause"],
                     hypotheses=hyps))

def rate(xs):
    return sum(xs) / len(xs) if xs else float("nan")

md = ["# Root-cause diagnosis benchmark", "",
      f"`bench/diagnose/run.sh`, {datetime.date.today()}, release build (`{os.path.basename(binary)}`), "
      f"{os.cpu_count()} cores ({platform.machine()}), no LLM. One configuration for every scenario; "
      "nothing is chosen per file, service or metric name.", "",
      "## Summary", "",
      "| set | scenarios | top-1 component | top-3 component | top-1 component+cause | mean s | max s | goal |",
      "|---|---:|---:|---:|---:|---:|---:|---|"]
goals = {"synthetic": "top-1 ≥ 0.9, top-3 = 1.0, top-1 cause ≥ 0.8, < 2 s", "real": "top-1 ≥ 0.8, top-3 ≥ 0.95"}
for name in ["synthetic", "real"]:
    rs = [r for r in rows if r["set"] == name]
    if not rs:
        continue
    secs = [r["seconds"] for r in rs]
    md.append(f"| {name} | {len(rs)} | {rate([r['rank'] == 1 for r in rs]):.3f} | "
              f"{rate([r['rank'] is not None and r['rank'] <= 3 for r in rs]):.3f} | {rate([r['cause_ok'] for r in rs]):.3f} | "
              f"{sum(secs) / len(secs):.2f} | {max(secs):.2f} | {goals[name]} |")

for name in ["synthetic", "real"]:
    rs = [r for r in rows if r["set"] == name]
    if not rs:
        continue
    md += ["", f"## Per cause kind ({name})", "",
           "| cause | n | top-1 component | top-3 component | top-1 component+cause |", "|---|---:|---:|---:|---:|"]
    by = collections.defaultdict(list)
    for r in rs:
        by[r["truth"]["cause"]].append(r)
    for cause in sorted(by):
        g = by[cause]
        md.append(f"| {cause} | {len(g)} | {rate([r['rank'] == 1 for r in g]):.2f} | "
                  f"{rate([r['rank'] is not None and r['rank'] <= 3 for r in g]):.2f} | {rate([r['cause_ok'] for r in g]):.2f} |")

md += ["", "## Calibration (all scenarios, every listed hypothesis)", "",
       "Confidence of each hypothesis against whether it was fully right (component and cause).", "",
       "| confidence | hypotheses | mean confidence | fraction right |", "|---|---:|---:|---:|"]
bins = [(0, 0.1), (0.1, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]
pairs = []
for r in rows:
    for h in r["hypotheses"]:
        pairs.append((h["confidence"], h["component"] == r["truth"]["component"] and h["cause"] == r["truth"]["cause"]))
ece = 0.0
for lo, hi in bins:
    b = [p for p in pairs if lo <= p[0] < hi]
    if not b:
        md.append(f"| {lo:.1f}–{min(hi, 1):.1f} | 0 | – | – |")
        continue
    mc, fr = rate([p[0] for p in b]), rate([p[1] for p in b])
    ece += len(b) / len(pairs) * abs(mc - fr)
    md.append(f"| {lo:.1f}–{min(hi, 1):.1f} | {len(b)} | {mc:.2f} | {fr:.2f} |")
md += ["", f"Expected calibration error: {ece:.3f} over {len(pairs)} hypotheses."]

md += ["", "## Per scenario", "", "| set | scenario | truth | top-1 | confidence | rank of truth | s |", "|---|---|---|---|---:|---:|---:|"]
for r in rows:
    t = r["truth"]
    md.append(f"| {r['set']} | {r['scenario']} | {t['component']} / {t['cause']} | {r['top_component']} / {r['top_cause']} | "
              f"{r['confidence']:.2f} | {r['rank'] or '–'} | {r['seconds']:.2f} |")
open(out_md, "w").write("\n".join(md) + "\n")
json.dump([{k: v for k, v in r.items() if k != "hypotheses"} for r in rows], open(out_json, "w"), indent=1)
print("\n".join(md[:12]))
