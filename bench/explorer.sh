#!/bin/bash
# The explorer page (graph --format html, docs/explorer.md) of real records of 100,000
# calls: the page's size against the record's, the time to write it, and in headless
# chromium its load time, memory and a scroll through the whole call list.
# Usage: NSTRACE=.build/release/nstrace bench/explorer.sh [CALLS] [MILLION]
#   CALLS   calls per record (default 100000)
#   MILLION 1 to add a record of 1,000,000 calls (its find calls repeated)
# Needs root (it traces), chromium and Playwright (make deps). Nothing is asserted.
set -eu
NSTRACE=${NSTRACE:-.build/debug/nstrace}
CALLS=${1:-100000}
MILLION=${2:-0}
CHECK="$(dirname "$0")/../Tests/browser/explorer_check.py"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The first CALLS syscall lines of a record (and the lines before them), then an end line.
cut_record() {
  python3 - "$1" "$2" "$CALLS" <<'PY'
import json, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
k, last = 0, 0.0
with open(src) as f, open(dst, "w") as out:
    for line in f:
        l = json.loads(line)
        if l["type"] == "end":
            continue
        if l["type"] == "syscall":
            if k == n:
                continue
            k += 1
        last = max(last, l.get("t", 0))
        out.write(line)
    out.write(json.dumps({"type": "end", "t": last, "status": 0, "reason": "exited"}) + "\n")
print(f"{k} calls", file=sys.stderr)
PY
}

page() {  # name record
  local name=$1 record=$2 html=$dir/$1.html
  local start end
  start=$EPOCHREALTIME
  "$NSTRACE" graph "$record" --format html -o "$html"
  end=$EPOCHREALTIME
  echo "== $name: $(grep -cE '"type": ?"syscall"' "$record") calls"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "graph --format html: %.2f s\n", b - a }'
  python3 "$CHECK" load "$html" "$record" | grep -v '^ok:\|^all passed'
}

# Varied calls: paths, stats, directory reads.
"$NSTRACE" trace -o /dev/null --record "$dir/find-all.jsonl" -- find /usr -xdev >/dev/null
cut_record "$dir/find-all.jsonl" "$dir/find.jsonl"
page find "$dir/find.jsonl"

# The same two calls over and over.
half=$((CALLS / 2))
"$NSTRACE" trace -o /dev/null --record "$dir/dd-all.jsonl" -- dd if=/dev/zero of=/dev/null bs=1 count=$half 2>/dev/null
cut_record "$dir/dd-all.jsonl" "$dir/dd.jsonl"
page dd "$dir/dd.jsonl"

if [ "$MILLION" = 1 ]; then
  python3 "$CHECK" make-big "$dir/find.jsonl" "$dir/million.jsonl" 1000000
  page million "$dir/million.jsonl"
fi
