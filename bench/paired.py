#!/usr/bin/env python3
# Paired before/after: python3 bench/paired.py OLD_NSTRACE NEW_NSTRACE [PAIRS]. Alternates the two
# binaries on W1 and W2 (full trace, and --record), pinned to CPU 0; prints medians and the ratio.
import subprocess, time, statistics, sys
base, new = sys.argv[1], sys.argv[2]
loads = {"W1 dd bs=1 count=50000": ["dd","if=/dev/zero","of=/dev/null","bs=1","count=50000"],
         "W2 find /usr/share": ["find","/usr/share"]}
modes = {"full": [], "record": ["--record", "/tmp/bench-rec.jsonl"]}
n = int(sys.argv[3]) if len(sys.argv) > 3 else 7
for lname, cmd in loads.items():
    for mname, extra in modes.items():
        tb, tn = [], []
        for i in range(n):
            for which, t in ((base, tb), (new, tn)) if i % 2 == 0 else ((new, tn), (base, tb)):
                s = time.monotonic()
                subprocess.run(["taskset","-c","0",which,"trace","-f","-o","/dev/null"]+extra+["--"]+cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t.append(time.monotonic()-s)
        mb, mn = statistics.median(tb), statistics.median(tn)
        ratios = sorted(b2/b1 for b1, b2 in zip(tb, tn))
        print(f"{lname:24} {mname:7} before {mb:7.3f}s  after {mn:7.3f}s  after/before {mn/mb:5.3f}  (paired ratios {ratios[0]:.3f}..{ratios[-1]:.3f})", flush=True)
