#!/usr/bin/env python3
"""nstrace against strace and an untraced run, on fixed workloads, in one run.

Prints a table of median wall times and ratios (to untraced and to strace) for each
workload x mode, with a column for `nstrace trace --bpf` (the eBPF backend, docs/bpf.md)
where the mode applies to it, with tracer and tracee free to run anywhere ("free") and all pinned
to CPU 0 ("pinned"), and the floor of the mode: for full traces a bare ptrace loop
(bench/bare-ptrace-loop.c), for the seccomp fast path the command under a seccomp filter
and no tracer at all (bench/seccomp-floor.c). Then the -k cost per stack, the tracer's
peak RSS on W1 at two lengths, and each goal of issue 8 with the measured value and its
floor. Nothing here is asserted: the numbers go to docs/performance.md.

Usage: bench/trace-vs-strace.py [--nstrace PATH] [--runs N] [--quick] [--modes M,...]
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

WORKLOADS = {
    "W1 dd bs=1": ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=200000"],
    "W2 find /usr": ["find", "/usr", "-xdev"],
    "W3 300x fork+exec": ["sh", "-c", "i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done"],
    "W4 200x unshare -u": ["sh", "-c", "i=0; while [ $i -lt 200 ]; do unshare -u true; i=$((i+1)); done"],
}

# strace 6.1 has no %namespace class: the same syscalls by name.
NS_CALLS = "clone,clone3,fork,vfork,unshare,setns,mount,umount2,pivot_root,chroot,sethostname,setdomainname,execve,execveat"

# The modes --bpf runs too (its -k does not exist).
BPF_MODES = ("full", "-c", "%namespace (seccomp)")

MODES = {
    "full": (["-f", "-o", "/dev/null"], ["-f", "-qq", "-o", "/dev/null"]),
    "-c": (["-f", "-c", "-o", "/dev/null"], ["-f", "-c", "-o", "/dev/null"]),
    "%namespace (seccomp)": (["-f", "-e", "trace=%namespace", "-o", "/dev/null"],
                             ["-f", "-qq", "--seccomp-bpf", "-e", "trace=" + NS_CALLS, "-o", "/dev/null"]),
    "-k -e trace=openat": (["-f", "-k", "-e", "trace=openat", "-o", "/dev/null"],
                           ["-f", "-qq", "-k", "-e", "trace=openat", "-o", "/dev/null"]),
}


def timed(cmd, pin):
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def median(cmd, runs, pin):
    return statistics.median(timed(cmd, pin) for _ in range(runs))


def medians(cmds, runs, pin):
    """Median time of each command, run round-robin: run i of every command before run
    i+1 of any. This machine's speed drifts over minutes (a shared virtual CPU); run one
    after the other, an untraced median could land on a fast minute and the traced one on
    a slow one. Round-robin spreads the drift over all of them alike."""
    times = {k: [] for k, c in cmds.items() if c}
    for _ in range(runs):
        for k in times:
            times[k].append(timed(cmds[k], pin))
    return {k: statistics.median(times[k]) if k in times else float("nan") for k in cmds}


def spawn_ms(cmd, pin):
    """Wall time of one run of cmd in milliseconds, started with posix_spawn and reaped
    with waitpid: for a command of a few milliseconds, subprocess.run's own cost would
    be a large part of what is measured."""
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    exe = shutil.which(cmd[0]) or cmd[0]
    null = os.open(os.devnull, os.O_RDWR)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
        t0 = time.perf_counter()
        pid = os.posix_spawn(exe, cmd, os.environ, file_actions=actions)
        os.waitpid(pid, 0)
        return (time.perf_counter() - t0) * 1000
    finally:
        os.close(null)


STARTUP = {
    "/bin/true": ["/bin/true"],
    "strace /bin/true": ["strace", "-o", "/dev/null", "--", "/bin/true"],
    "nstrace /bin/true": ["NSTRACE", "trace", "-o", "/dev/null", "--", "/bin/true"],
    "strace -V": ["strace", "-V"],
    "nstrace --version": ["NSTRACE", "--version"],
}


def startup(nstrace, runs):
    """Start-up: /bin/true untraced, under strace and under nstrace, and each tool's
    version, paired (round-robin) runs, free and pinned. Medians in milliseconds."""
    cmds = {k: [nstrace if w == "NSTRACE" else w for w in v] for k, v in STARTUP.items()}
    print(f"\n# start-up: median of {runs} paired runs, milliseconds (posix_spawn to waitpid)")
    print(f"{'command':22} {'free':>8} {'pinned':>8}")
    table = {}
    for pin in (False, True):
        times = {k: [] for k in cmds}
        for _ in range(runs):
            for k, c in cmds.items():
                times[k].append(spawn_ms(c, pin))
        for k in cmds:
            table[(k, pin)] = statistics.median(times[k])
    for k in cmds:
        print(f"{k:22} {table[(k, False)]:8.2f} {table[(k, True)]:8.2f}")
    for pin in (False, True):
        cpu = "pinned" if pin else "free"
        print(f"nstrace/strace on /bin/true, {cpu}: {table[('nstrace /bin/true', pin)] / table[('strace /bin/true', pin)]:.2f}")
    return table


def busy_threads(nstrace, strace, runs, smoke):
    """32 threads spinning on getppid until one of them has made 1,000 calls
    (samples/bin/spinners), full trace, nstrace against strace: the loop's fairness. A
    tracer that serves whichever task waitpid(-1) reports first starved most threads and
    took over a minute here, against strace's half a second."""
    spinners = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "bin", "spinners")
    if not os.access(spinners, os.X_OK):
        print("\nbusy threads: samples/bin/spinners missing (make samples)")
        return None
    cmd = [spinners, "32", "100" if smoke else "1000"]
    m = medians({"strace": [strace, "-f", "-qq", "-o", "/dev/null", "--"] + cmd,
                 "nstrace": [nstrace, "trace", "-f", "-o", "/dev/null", "--"] + cmd}, runs, False)
    print(f"\nbusy threads (spinners 32 x {cmd[-1]}, full trace, free): strace {m['strace']:.3f} s, "
          f"nstrace {m['nstrace']:.3f} s, nstrace/strace {m['nstrace'] / m['strace']:.2f}")
    return m["nstrace"] / m["strace"]


def peak_rss_kib(cmd):
    """Peak RSS of one run of cmd (the tracer, for a traced run), from wait4's rusage."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_maxrss


def build_floor(tmp, name, libs=()):
    """Compiles bench/NAME.c; None when there is no compiler or it fails."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".c")
    out = os.path.join(tmp, name)
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc or subprocess.run([cc, "-O2", "-o", out, src] + list(libs)).returncode != 0:
        return None
    return out


def stack_count(nstrace, cmd):
    """How many syscalls `-k -e trace=openat` prints a stack for in one run of cmd."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as f:
        subprocess.run([nstrace, "trace", "-f", "-e", "trace=openat", "-o", f.name, "--"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return sum(1 for line in f if re.match(r"^\d+ +openat\(.*= ", line))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nstrace", default=".build/release/nstrace")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="W1 and W2 only, 3 runs")
    ap.add_argument("--modes", help="comma-separated subset of: " + ", ".join(MODES))
    ap.add_argument("--startup-runs", type=int, default=200, help="paired runs of the start-up table")
    ap.add_argument("--bpf-only", action="store_true",
                    help="the --bpf column and its goals only (no strace, no ptrace runs)")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny workloads, 1 run: checks that the script works, not the speed")
    a = ap.parse_args()
    if a.smoke:
        WORKLOADS["W1 dd bs=1"][-1] = "count=2000"
        WORKLOADS["W2 find /usr"][1] = "/usr/share/doc"
        for w in ("W3 300x fork+exec", "W4 200x unshare -u"):
            WORKLOADS[w][-1] = WORKLOADS[w][-1].replace("-lt 300", "-lt 5").replace("-lt 200", "-lt 5")
    if os.geteuid() != 0:
        sys.exit("bench: needs root")
    if not os.access(a.nstrace, os.X_OK):
        sys.exit(f"bench: {a.nstrace} missing: build it (make bench builds a release binary)")
    strace = None if a.bpf_only else shutil.which("strace")
    runs = 1 if a.smoke else 3 if a.quick else a.runs
    loads = dict(list(WORKLOADS.items())[:2]) if a.quick else WORKLOADS
    modes = {k: v for k, v in MODES.items() if (not a.modes or k in a.modes.split(","))
             and (not a.bpf_only or k in BPF_MODES)}
    tmp = tempfile.mkdtemp(prefix="nstrace-bench-")
    start = startup(a.nstrace, 3 if a.smoke else a.startup_runs) if strace else {}
    print()
    # The floor of each mode: what no tracer of that kind can go below on this machine.
    floors = {}
    if "full" in modes and not a.bpf_only:
        floors["full"] = build_floor(tmp, "bare-ptrace-loop")
    if "%namespace (seccomp)" in modes and not a.bpf_only:
        floors["%namespace (seccomp)"] = build_floor(tmp, "seccomp-floor", ["-lseccomp"])
    out = subprocess.run([strace, "-V"], capture_output=True, text=True).stdout.splitlines()[0] if strace else "no strace"
    # --bpf needs BTF, root (or CAP_BPF+CAP_PERFMON) and a build with the programs.
    bpf_ok = subprocess.run([a.nstrace, "trace", "--bpf", "-o", "/dev/null", "--", "true"],
                            capture_output=True).returncode == 0
    if not bpf_ok:
        print("# --bpf does not run here: its column stays empty")
    print(f"# nstrace vs {out}; {os.cpu_count()} CPUs; median of {runs} runs; seconds; floor = "
          f"bench/bare-ptrace-loop.c (full), bench/seccomp-floor.c (%namespace: a filter, no tracer)")
    print(f"{'workload':22} {'mode':22} {'cpu':6} {'untraced':>9} {'floor':>7} {'strace':>9} {'nstrace':>9} "
          f"{'ns/untr':>8} {'ns/strace':>9} {'ns/floor':>8} {'--bpf':>8} {'bpf/untr':>8} {'bpf/ns':>7}")
    results = {}
    bpf_results = {}
    for name, cmd in loads.items():
        for pin in (False, True):
            cpu = "pinned" if pin else "free"
            cmds = {"untraced": cmd}
            for mode, (nargs, sargs) in modes.items():
                cmds[(mode, "floor")] = [floors[mode]] + cmd if floors.get(mode) else None
                cmds[(mode, "strace")] = [strace] + sargs + ["--"] + cmd if strace else None
                cmds[(mode, "nstrace")] = None if a.bpf_only else [a.nstrace, "trace"] + nargs + ["--"] + cmd
                cmds[(mode, "bpf")] = [a.nstrace, "trace", "--bpf"] + nargs + ["--"] + cmd \
                    if bpf_ok and mode in BPF_MODES else None
            m = medians(cmds, runs, pin)
            base = m["untraced"]
            for mode in modes:
                b, s, n = m[(mode, "floor")], m[(mode, "strace")], m[(mode, "nstrace")]
                e = m[(mode, "bpf")]
                results[(name, mode, cpu)] = (base, b, s, n)
                bpf_results[(name, mode, cpu)] = (base, e, n)
                bare_text = f"{b:7.3f}" if b == b else f"{'-':>7}"
                ratio_text = f"{n / b:8.2f}" if b == b else f"{'-':>8}"
                bpf_text = f"{e:8.3f} {e / base:8.2f} {e / n:7.2f}" if e == e else f"{'-':>8} {'-':>8} {'-':>7}"
                print(f"{name:22} {mode:22} {cpu:6} {base:9.3f} {bare_text} {s:9.3f} {n:9.3f} "
                      f"{n / base:8.2f} {n / s:9.2f} {ratio_text} {bpf_text}".replace("nan", "  -"))
                sys.stdout.flush()
    if a.bpf_only:
        loss = bpf_loss(a.nstrace, tmp) if bpf_ok else None
        if bpf_ok:
            bpf_goals(bpf_results, loss, a.nstrace, a.smoke)
        shutil.rmtree(tmp, ignore_errors=True)
        return
    stacks = {}
    if "-k -e trace=openat" in modes:
        # The stack's own cost: the -k run less the same filtered run without -k.
        for name in loads:
            if name not in ("W1 dd bs=1", "W2 find /usr"):
                continue
            cmd = WORKLOADS[name]
            count = stack_count(a.nstrace, cmd)
            if count == 0:
                continue
            plain_n = median([a.nstrace, "trace", "-f", "-e", "trace=openat", "-o", "/dev/null", "--"] + cmd, runs, False)
            plain_s = median([strace, "-f", "-qq", "-e", "trace=openat", "-o", "/dev/null", "--"] + cmd, runs, False)
            _, _, s_k, n_k = results[(name, "-k -e trace=openat", "free")]
            stacks[name] = ((n_k - plain_n) / count * 1000, (s_k - plain_s) / count * 1000, count)
            print(f"-k on {name}: {count} stacks; per stack nstrace {stacks[name][0]:.3f} ms, "
                  f"strace {stacks[name][1]:.3f} ms")
    # Memory must not grow with the number of syscalls: W1, and W1 ten times shorter.
    w1 = WORKLOADS["W1 dd bs=1"]
    count = int(w1[-1].split("=")[1])
    short = w1[:-1] + [f"count={count // 10}"]
    rss = peak_rss_kib([a.nstrace, "trace", "-f", "-o", "/dev/null", "--"] + w1)
    rss_short = peak_rss_kib([a.nstrace, "trace", "-f", "-o", "/dev/null", "--"] + short)
    print(f"peak RSS of the tracer, full trace of W1: {2 * count:,} syscalls {rss / 1024:.1f} MiB; "
          f"{2 * (count // 10):,} syscalls {rss_short / 1024:.1f} MiB")
    busy = busy_threads(a.nstrace, strace, runs, a.smoke) if strace else None
    loss = bpf_loss(a.nstrace, tmp) if bpf_ok else None
    goals(results, stacks, rss, start)
    if bpf_ok:
        bpf_goals(bpf_results, loss, a.nstrace, a.smoke)
    if busy is not None:
        print(f"{'busy threads: nstrace/strace (issue 17, no goal)':52} {busy:8.3f}")
    shutil.rmtree(tmp, ignore_errors=True)


def bpf_loss(nstrace, tmp):
    """W1 with a 1 MiB ring buffer: every read and write of dd is in the record, or the
    record's lost lines count it (issue 22: zero silent loss)."""
    w1 = WORKLOADS["W1 dd bs=1"]
    count = int(w1[-1].split("=")[1])
    rec = os.path.join(tmp, "w1-bpf.jsonl")
    subprocess.run([nstrace, "trace", "--bpf", "--bpf-buffer", "1M", "-o", "/dev/null", "--record", rec, "--"] + w1,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    calls = lost = 0
    with open(rec) as f:
        for line in f:
            if '"type":"syscall"' in line and ('"name":"read"' in line or '"name":"write"' in line):
                calls += 1
            elif '"type":"lost"' in line:
                lost += int(re.search(r'"count":([0-9]+)', line).group(1))
    expected = 2 * count
    print(f"\n--bpf --bpf-buffer 1M on W1: {calls:,} of dd's {expected:,} reads and writes recorded, "
          f"{lost:,} events counted lost; unaccounted: {max(0, 2 * expected - (2 * calls + lost)):,}")
    return (calls, lost, expected)


def bpf_goals(results, loss, nstrace, smoke):
    """Issue 22's goals for --bpf, best of free/pinned: as measured (the programs' loading
    included), and with --bpf's start-up on /bin/true taken off (what tracing costs once the
    programs are in: loading and verifying them is a fixed cost of about a tenth of a second,
    as long as W1 itself runs untraced)."""
    runs = 3 if smoke else 15
    startup = statistics.median(spawn_ms([nstrace, "trace", "--bpf", "-o", "/dev/null", "--", "/bin/true"], False)
                                for _ in range(runs)) / 1000
    untraced_true = statistics.median(spawn_ms(["/bin/true"], False) for _ in range(runs)) / 1000
    fixed = max(0.0, startup - untraced_true)

    def best(name, mode, steady=False):
        vals = [(e - (fixed if steady else 0)) / u for k, (u, e, n) in results.items()
                if k[0] == name and k[1] == mode and e == e]
        return min(vals) if vals else None
    print(f"\n# goals of issue 22 (--bpf, best of free/pinned); --bpf's start-up on /bin/true: {fixed * 1000:.0f} ms")
    rows = []
    # (The smoke run's workloads are shorter than the start-up: no steady rows.)
    for steady in (False,) if smoke else (False, True):
        tail = " (start-up off)" if steady else ""
        rows += [(f"full W1 dd bs=1: bpf/untraced <= 3.00{tail}", best("W1 dd bs=1", "full", steady), 3.0),
                 (f"full W2 find /usr: bpf/untraced <= 1.50{tail}", best("W2 find /usr", "full", steady), 1.5),
                 (f"%namespace W1 dd bs=1: bpf/untraced <= 1.03{tail}", best("W1 dd bs=1", "%namespace (seccomp)", steady), 1.03),
                 (f"%namespace W2 find /usr: bpf/untraced <= 1.03{tail}", best("W2 find /usr", "%namespace (seccomp)", steady), 1.03),
                 (f"%namespace W3 fork+exec: bpf/untraced <= 1.03{tail}", best("W3 300x fork+exec", "%namespace (seccomp)", steady), 1.03)]
    if loss:
        calls, lost, expected = loss
        rows.append(("W1 at 1 MiB: events unaccounted (silent loss) = 0", max(0, 2 * expected - (2 * calls + lost)), 0))
    for text, value, limit in rows:
        if value is None:
            continue
        print(f"{text:66} {value:8.3f}  {'met' if value <= limit else 'NOT met'}")


def goals(results, stacks, rss, start):
    """Issues 8's and 16's goals, each with the best of the free and pinned runs."""
    def best(name, mode, f):
        vals = [f(*results[k]) for k in results if k[0] == name and k[1] == mode]
        vals = [v for v in vals if v is not None]
        return min(vals) if vals else None

    print("\n# goals of issues 8 and 16 (best of free/pinned)")
    rows = []
    if start:
        rows.append(("start-up: nstrace/strace on /bin/true <= 2.00",
                     min(start[("nstrace /bin/true", p)] / start[("strace /bin/true", p)] for p in (False, True)), 2.0))
        rows.append(("start-up: nstrace --version (ms) < 5", min(start[("nstrace --version", p)] for p in (False, True)), 5.0))
    for w in ("W1 dd bs=1", "W2 find /usr"):
        rows.append((f"full {w}: nstrace/strace <= 0.80", best(w, "full", lambda u, b, s, n: n / s), 0.80))
        rows.append((f"full {w}: nstrace/bare <= 1.15", best(w, "full", lambda u, b, s, n: n / b if b == b else None), 1.15))
    for w, limit in (("W2 find /usr", 1.05), ("W1 dd bs=1", 1.15), ("W3 300x fork+exec", 1.30)):
        rows.append((f"%namespace {w}: nstrace/untraced <= {limit:.2f}",
                     best(w, "%namespace (seccomp)", lambda u, b, s, n: n / u), limit))
        # What a seccomp filter alone costs, no tracer: below it no seccomp tracer can go.
        floor = best(w, "%namespace (seccomp)", lambda u, b, s, n: b / u if b == b else None)
        if floor is not None:
            rows.append((f"  {w.split()[0]} floor (seccomp filter, no tracer)/untraced", floor, None))
        if w != "W3 300x fork+exec":
            rows.append((f"%namespace {w}: nstrace/floor <= 1.10",
                         best(w, "%namespace (seccomp)", lambda u, b, s, n: n / b if b == b else None), 1.10))
    # Per stack on the workload with the most stacks: with a few dozen (W1), the one-time
    # reading of each library's symbols is most of the difference.
    if stacks:
        w = max(stacks, key=lambda k: stacks[k][2])
        rows.append((f"-k {w}: ms per stack <= 0.10", stacks[w][0], 0.10))
    rows.append(("peak RSS on W1 (MiB) <= 40", rss / 1024, 40))
    for text, value, limit in rows:
        if value is None:
            continue
        verdict = "" if limit is None else "met" if value <= limit else "NOT met"
        print(f"{text:52} {value:8.3f}  {verdict}")


if __name__ == "__main__":
    main()
