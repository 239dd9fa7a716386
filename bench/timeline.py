#!/usr/bin/env python3
"""Where in a run the slow applies were: reads the samples bench/apply_ab.sh takes with
BENCH_TIMELINE (a "T <unix seconds>" line, then the server's /metrics histogram lines for
POST /api/v1/applications, every 200 ms) and prints, per interval, how many applies finished and
how many of them took over 5, 10 and 25 ms on the server. A stall shows as one interval where
most applies were slow; a periodic cost as a row of them at a steady spacing (session 17 found
the once-a-second last-seen write this way).

    python3 bench/timeline.py FILE [MIN_OVER_10MS]

Only intervals with at least MIN_OVER_10MS (default 20) applies over 10 ms are listed, then the
run's totals.
"""
import collections
import re
import sys

BOUNDS = ["0.005", "0.01", "0.025", "+Inf"]
LINE = re.compile(r'_bucket\{[^}]*le="([^"]+)"\} (\d+)')


def samples(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("T "):
            out.append((float(line.split()[1]), collections.Counter()))
            continue
        m = LINE.search(line)
        if m and out and m.group(1) in BOUNDS:
            out[-1][1][m.group(1)] += int(m.group(2))  # summed over the status codes
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    least = int(sys.argv[2]) if len(sys.argv) == 3 else 20
    rows = samples(sys.argv[1])
    if len(rows) < 2:
        sys.exit("fewer than two samples in " + sys.argv[1])
    start = rows[0][0]
    total = collections.Counter()
    for (_, before), (at, after) in zip(rows, rows[1:]):
        n = after["+Inf"] - before["+Inf"]
        over = {b: n - (after[b] - before[b]) for b in BOUNDS[:-1]}
        total["n"] += n
        for b, v in over.items():
            total[b] += v
        if over["0.01"] >= least:
            print(f"{at - start:6.2f} s  applies {n:5d}  >5 ms {over['0.005']:5d}  "
                  f">10 ms {over['0.01']:5d}  >25 ms {over['0.025']:5d}")
    n = max(total["n"], 1)
    print(f"total {total['n']} applies: >5 ms {100 * total['0.005'] / n:.2f} %, "
          f">10 ms {100 * total['0.01'] / n:.2f} %, >25 ms {100 * total['0.025'] / n:.2f} %")


if __name__ == "__main__":
    main()
