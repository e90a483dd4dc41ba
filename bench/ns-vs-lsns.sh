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

# Median of RUNS timings (milliseconds) of a command.
time_ms() {
    local samples=()
    for _ in $(seq 1 "$RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null
        t1=$(date +%s%N)
        samples+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

lsns_ms=$(time_ms lsns -J)
ns_json_ms=$(time_ms "$NSTRACE" ns --format json)
ns_table_ms=$(time_ms "$NSTRACE" ns --format table)
lsns_count=$(lsns -J -o NS,TYPE | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["namespaces"]))')
ns_count=$("$NSTRACE" ns --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["namespaces"]))')

echo "extra namespaces: $N ($((N / 2)) bind-mounted netns, $((N / 2)) processes in uts+ipc+net)"
echo "namespaces found: lsns $lsns_count, nstrace $ns_count"
echo "median of $RUNS runs: lsns -J ${lsns_ms} ms, nstrace ns --format json ${ns_json_ms} ms, --format table ${ns_table_ms} ms"
awk -v a="$ns_json_ms" -v b="$lsns_ms" 'BEGIN { if (b < 1) b = 1; printf "ratio nstrace/lsns: %.2f (facts read from inside every namespace included)\n", a / b }'
