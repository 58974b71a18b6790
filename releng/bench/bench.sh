#!/bin/sh
# Prints Migration Console's performance figures (a timed harness, not a test):
#   - start-up to the first visible window under Xvfb, 7 launches, median
#   - journal replay of 100k transitions and durable-append latency (p50/p99)
#   - warm build time; with --cold also a build from an empty local Maven repository
# Needs a built tree (./mvnw -B -DskipTests verify). Usage: releng/bench/bench.sh [--cold]
set -e
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/releng/scripts/common.sh"
mc_find_jdk
mc_ensure_packages xvfb xauth libgtk-3-0 xdotool bc
PRODUCT="$ROOT/$MC_PRODUCT_REL"
[ -x "$PRODUCT/migration-console" ] || { echo "Build first: ./mvnw -B -DskipTests verify" >&2; exit 2; }
now() { date +%s.%N; }

echo "== Journal (JournalBenchmark) =="
CP="$ROOT/bundles/org.migrationconsole.core/target/classes:$ROOT/bundles/org.migrationconsole.api/target/classes:$ROOT/bundles/org.migrationconsole.core.tests/target/classes"
"$JAVA_HOME/bin/java" -cp "$CP" org.migrationconsole.core.tests.JournalBenchmark 100000 2000

echo "== Start-up to first window (Xvfb, 7 launches) =="
n=90
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
export DISPLAY=":$n"
sleep 1
WS=$(mktemp -d)
"$PRODUCT/migration-console" --headless --workspace "$WS" status >/dev/null   # first start fills caches
times=""
for i in 1 2 3 4 5 6 7; do
  t0=$(now)
  "$PRODUCT/migration-console" --workspace "$WS" >/dev/null 2>&1 &
  pid=$!
  while ! xdotool search --onlyvisible --name "Migration Console" >/dev/null 2>&1; do sleep 0.02; done
  t1=$(now)
  kill $pid; wait $pid 2>/dev/null || true
  dt=$(echo "$t1 - $t0" | bc)
  times="$times $dt"
  echo "  launch $i: ${dt} s"
done
echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 4p | sed 's/^/  median: /;s/$/ s/'
t0=$(now); "$PRODUCT/migration-console" --headless --workspace "$WS" status >/dev/null; t1=$(now)
echo "  headless 'status' command: $(echo "$t1 - $t0" | bc) s"
rm -rf "$WS"

echo "== Build =="
cd "$ROOT"
t0=$(now); ./mvnw -B -q -o clean verify -DskipTests >/dev/null 2>&1; t1=$(now)
echo "  warm build (offline, clean verify, no tests): $(echo "$t1 - $t0" | bc) s"
if [ "${1:-}" = "--cold" ]; then
  REPO=$(mktemp -d)
  t0=$(now); ./mvnw -B -q clean verify -DskipTests -Dmaven.repo.local="$REPO" >/dev/null 2>&1; t1=$(now)
  echo "  cold build (empty local repository, downloads included, no tests): $(echo "$t1 - $t0" | bc) s"
  rm -rf "$REPO"
fi
