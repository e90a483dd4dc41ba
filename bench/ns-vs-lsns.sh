#!/usr/bin/env bash
# nstrace ns against lsns, with N extra namespaces on the machine (default 200):
# half network namespaces held only by bind mounts (ip netns add; lsns does not
# see them), half processes each in fresh uts+ipc+net namespaces (both see them).
# Prints the median wall time of each over R runs and the ratio. Root only.
# Usage: bench/ns-vs-lsns.sh [N] [RUNS]
set -euo pipefail
N=${1:-200}
RUNS=${2:-5}
cd "$(dirname "$0")/.."
NSTRACE=${NSTRACE:-.build/debug/nstrace}
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
[ -x "$NSTRACE" ] || { echo "bench: build first (make build): $NSTRACE missing" >&2; exit 1; }

tag="nstbench$$"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    for i in $(seq 1 $((N / 2))); do ip netns delete "$tag-$i" 2>/dev/null || true; done
}
trap cleanup EXIT

for i in $(seq 1 $((N / 2))); do ip netns add "$tag-$i"; done
for i in $(seq 1 $((N / 2))); do
    unshare --uts --ipc --net sleep 600 &
    pids+=($!)
done
sleep 0.5

# One timing (milliseconds) of a command.
once_ms() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Round-robin: run i of each command before run i+1 of any, so the machine's drift over
# the minutes of the run hits the three alike (they used to run one after the other).
l=(); j=(); t=()
for _ in $(seq 1 "$RUNS"); do
    l+=($(once_ms lsns -J))
    j+=($(once_ms "$NSTRACE" ns --format json))
    t+=($(once_ms "$NSTRACE" ns --format table))
done
lsns_ms=$(median "${l[@]}")
ns_json_ms=$(median "${j[@]}")
ns_table_ms=$(median "${t[@]}")
lsns_count=$(lsns -J -o NS,TYPE | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["namespaces"]))')
ns_count=$("$NSTRACE" ns --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["namespaces"]))')

echo "extra namespaces: $N ($((N / 2)) bind-mounted netns, $((N / 2)) processes in uts+ipc+net)"
echo "namespaces found: lsns $lsns_count, nstrace $ns_count"
echo "median of $RUNS runs: lsns -J ${lsns_ms} ms, nstrace ns --format json ${ns_json_ms} ms, --format table ${ns_table_ms} ms"
awk -v a="$ns_json_ms" -v b="$lsns_ms" 'BEGIN { if (b < 1) b = 1; printf "ratio nstrace/lsns: %.2f (facts read from inside every namespace included)\n", a / b }'
