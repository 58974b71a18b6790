#!/bin/bash
# Prints the figures of step 4's data inventory on a large share (a timed harness, not a test):
# brings the SBS 2003 lab up, puts N empty-to-small files (default 200,000, in folders of 1,000) into
# its Public share, runs "data inventory --share Public" with the heap capped (default 256m) and prints
# the time, the files per second and the largest heap in use after a GC (from -Xlog:gc), then takes
# the lab down. Needs root and a built product. Usage: releng/bench/data-inventory.sh [FILES] [XMX]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/releng/scripts/common.sh"
mc_find_jdk
PRODUCT="$ROOT/$MC_PRODUCT_REL"
[ -x "$PRODUCT/migration-console" ] || { echo "Build first: ./mvnw -B -DskipTests verify" >&2; exit 2; }
FILES=${1:-200000}
XMX=${2:-256m}
LAB="$ROOT/releng/lab/sbs-lab.sh"
LAB_DIR=/run/migration-console-lab
"$LAB" status >/dev/null 2>&1 && { echo "a lab is live: take it down first" >&2; exit 2; }
trap '"$LAB" down >/dev/null 2>&1 || true' EXIT
"$LAB" up >/dev/null 2>&1
t0=$(date +%s.%N)
/usr/bin/python3 - "$LAB_DIR/src/shares/Public/bulk" "$FILES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "folder-%04d" % (i // 1000))
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "file-%06d.txt" % i), "wb") as f:
        f.write(b"x" * (i % 97))
PY
printf 'files: %d made in %.1f s\n' "$FILES" "$(echo "$(date +%s.%N) - $t0" | bc)"
WS=$(mktemp -d)
GC=$(mktemp)
t0=$(date +%s.%N)
JAVA_TOOL_OPTIONS="-Xmx$XMX -Xlog:gc:file=$GC" "$LAB" run "$PRODUCT/migration-console" --headless --workspace "$WS" \
  data inventory --share Public --profile "$LAB_DIR/lab.profile" --password-file "$LAB_DIR/admin.password" --json \
  > "$WS/inventory.out" 2> "$WS/inventory.err" || { tail -5 "$WS/inventory.err"; exit 1; }
dt=$(echo "$(date +%s.%N) - $t0" | bc)
counted=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["shares"][0]["files"])' "$WS/inventory.out")
peak=$(grep -o -- '->[0-9]*M' "$GC" | tr -dc '0-9\n' | sort -n | tail -1)
printf 'inventory: %d files counted (expected %d) in %.1f s (with the JVM start), %.0f files/s, heap cap %s\n' \
  "$counted" "$((FILES + 2))" "$dt" "$(echo "$counted / $dt" | bc -l)" "$XMX"
echo "largest heap after a GC: ${peak:-?} MiB ($(grep -c 'Pause' "$GC") GC pauses)"
rm -rf "$WS" "$GC"
