#!/usr/bin/env python3
"""Mine a file with Drain3 (PyPI) and write LineId,EventId,EventTemplate like `vigil logs mine`.

    drain3_mine.py INPUT OUTPUT [--masks none|hdfs|example]

--masks none     Drain3's default configuration (no masking) — the GA reference.
--masks hdfs     block ids and IPs (the HDFS masks of the Drain/logparser benchmark).
--masks example  the masking list of Drain3's example drain3.ini (IDs, IPs, hex, numbers, …).
The speed references of bench-data/README.md use the HDFS masks on HDFS and the example
masks on mixed raw lines.
Each line is mined as-is; templates are the final ones. Prints lines, templates and seconds
to standard error.
"""
import csv
import logging
import sys
import time

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig

EXAMPLE_MASKS = [
    (r"((?<=[^A-Za-z0-9])|^)(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))((?=[^A-Za-z0-9])|$)", "ID"),
    (r"((?<=[^A-Za-z0-9])|^)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})((?=[^A-Za-z0-9])|$)", "IP"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9A-F]{4} ?){4,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)", "HEX"),
    (r"((?<=[^A-Za-z0-9])|^)([\-\+]?\d+)((?=[^A-Za-z0-9])|$)", "NUM"),
    (r"(?<=executed cmd )(\".+?\")", "CMD"),
]

HDFS_MASKS = [
    (r"blk_(|-)[0-9]+", "BLK"),
    (r"(\d+\.){3}\d+(:\d+)?", "IP"),
]


def main():
    args = sys.argv[1:]
    masks = "none"
    if "--masks" in args:
        i = args.index("--masks")
        masks = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2 or masks not in ("none", "hdfs", "example"):
        sys.exit(__doc__)
    logging.disable(logging.CRITICAL)
    config = TemplateMinerConfig()
    config.profiling_enabled = False
    if masks != "none":
        chosen = EXAMPLE_MASKS if masks == "example" else HDFS_MASKS
        config.masking_instructions = [MaskingInstruction(p, m) for p, m in chosen]
    miner = TemplateMiner(config=config)
    started = time.perf_counter()
    ids = []
    with open(args[0], encoding="utf-8", errors="replace") as f:
        for line in f:
            ids.append(miner.add_log_message(line.rstrip("\r\n"))["cluster_id"])
    templates = {c.cluster_id: c.get_template() for c in miner.drain.clusters}
    with open(args[1], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["LineId", "EventId", "EventTemplate"])
        for n, cid in enumerate(ids, 1):
            w.writerow([n, f"E{cid}", templates.get(cid, "")])
    seconds = time.perf_counter() - started
    print(f"lines {len(ids)} templates {len(templates)} seconds {seconds:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
