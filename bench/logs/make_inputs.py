#!/usr/bin/env python3
"""Inputs for bench/logs/run.sh, from the Loghub 2k data sets.

    make_inputs.py content DATA DATASET OUT        the Content column, one message per line
    make_inputs.py repeat FILE N OUT               FILE's lines repeated up to N lines
    make_inputs.py mixed DATA N OUT|-              raw lines of all eight data sets, interleaved
                                                   line by line, repeated up to N lines (- = stdout)
"""
import csv
import sys

DATASETS = ["HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "OpenSSH", "Apache", "HealthApp"]


def write_repeated(block: bytes, lines_in_block: int, n: int, out):
    full, rest = divmod(n, lines_in_block)
    for _ in range(full):
        out.write(block)
    if rest:
        out.write(b"".join(block.splitlines(keepends=True)[:rest]))


def main():
    a = sys.argv[1:]
    if a[:1] == ["content"] and len(a) == 4:
        data, ds, out = a[1], a[2], a[3]
        with open(f"{data}/{ds}/{ds}_2k.log_structured_corrected.csv", newline="", encoding="utf-8") as f:
            rows = [r["Content"] for r in csv.DictReader(f)]
        with open(out, "w", encoding="utf-8") as f:
            f.writelines(r.replace("\n", " ") + "\n" for r in rows)
    elif a[:1] == ["repeat"] and len(a) == 4:
        with open(a[1], "rb") as f:
            block = f.read()
        with open(a[3], "wb") as out:
            write_repeated(block, block.count(b"\n"), int(a[2]), out)
    elif a[:1] == ["mixed"] and len(a) == 4:
        data, n = a[1], int(a[2])
        sets = []
        for ds in DATASETS:
            with open(f"{data}/{ds}/{ds}_2k.log", "rb") as f:
                sets.append(f.read().splitlines())
        length = min(len(s) for s in sets)
        block = b"".join(s[i] + b"\n" for i in range(length) for s in sets)
        if a[3] == "-":
            write_repeated(block, length * len(sets), n, sys.stdout.buffer)
        else:
            with open(a[3], "wb") as out:
                write_repeated(block, length * len(sets), n, out)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
