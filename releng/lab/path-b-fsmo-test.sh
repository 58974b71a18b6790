#!/bin/bash
# Lab test of install path B: the replica DC appears (task install.replica-promote completes
# itself; a path-A workspace starts its 21-day clock from the DC's NTDS Settings whenCreated), the roles are still on the source (install.replica-transfer-fsmo
# stays open), samba-tool moves them, the next check run completes the FSMO task.
# Run as root on the lab machine after a full build. Waits while someone else's lab is live;
# always brings its own lab down.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAB="$HERE/sbs-lab.sh"
MC="$ROOT/releng/org.migrationconsole.repository/target/products/org.migrationconsole.product/linux/gtk/x86_64/migration-console/migration-console"
LAB_DIR="${LAB_DIR:-/run/migration-console-lab}"
WS="$(mktemp -d /tmp/mc-path-b.XXXXXX)"
[ -x "$MC" ] || { echo "no product at $MC: run the full build first" >&2; exit 2; }

while "$LAB" status >/dev/null 2>&1; do
  echo "a lab is live (not ours): waiting 30 s"; sleep 30
done
trap '"$LAB" down >/dev/null 2>&1 || true' EXIT
"$LAB" up >/dev/null
"$LAB" join >/dev/null
mc() { "$LAB" run "$MC" --headless --workspace "$WS" "$@"; }
task_state() { mc status --json | python3 -c "import json,sys; d=json.load(sys.stdin); print([t['state'] for s in d['steps'] for t in s['tasks'] if t['id']=='$1'][0])"; }
fail() {
  echo "FAIL: $*" >&2
  # what the workspace says, so a failure explains itself: open tasks of steps 1 and 2 and why
  mc status --json 2>/dev/null | python3 -c "
import json,sys
d=json.load(sys.stdin)
for s in d['steps']:
    if s['id'] in ('prepare','install'):
        for t in s['tasks']:
            if t['recordedState'] not in ('completed','skipped'):
                print('  open:', t['id'], t['state'], '|'.join(t.get('blockedReasons') or []))" >&2 || true
  mc journal 2>/dev/null | tail -15 >&2 || true
  exit 1
}

sed 's/^target.version=.*/target.version=essentials-2016/' "$LAB_DIR/lab.profile" > "$WS.profile"
mc profile import "$WS.profile"   # no --password-file: keep the lab password out of secure storage
[ "$(mc path --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])')" = b ] || fail "path is not b"

# step 1's check-gated tasks need their checks to have passed: one full pre-flight run first
mc check --password-file "$LAB_DIR/admin.password" >/dev/null 2>&1 || true
complete_step1() {  # the prerequisites of the replica promotion: step 1, in order (optional tasks skipped)
  mc status --json | python3 -c "
import json,sys
d=json.load(sys.stdin)
for s in d['steps']:
    if s['id']=='prepare':
        for t in s['tasks']:
            if t['recordedState'] not in ('completed','skipped'):
                print(t['id'], 'skip' if t['optional'] else 'complete')" | while read -r id action; do
    mc task "$id" "$action" --note "lab test: step 1 done by hand" >/dev/null 2>&1 || true
  done
}
complete_step1
complete_step1
# path B needs "Log on as a service" cleared in the Default Domain Controllers Policy: the console's
# own action of task prepare.clear-logon-as-service (gated by domain.logon-as-service) does it
echo "== action prepare.clear-logon-as-service"
mc action apply prepare.clear-logon-as-service --yes --password-file "$LAB_DIR/admin.password" \
  || fail "the action prepare.clear-logon-as-service did not apply"
mc check --step prepare --password-file "$LAB_DIR/admin.password" >/dev/null 2>&1 || true
complete_step1

echo "== check run 1 (NEWDC joined, roles on SBS2003)"
mc check --step install --password-file "$LAB_DIR/admin.password" || true
[ "$(task_state install.replica-promote)" = completed ] || fail "install.replica-promote did not complete itself"
[ "$(task_state install.replica-transfer-fsmo)" != completed ] || fail "FSMO task completed while the roles are on the source"
echo "   install.replica-promote: completed; install.replica-transfer-fsmo: $(task_state install.replica-transfer-fsmo)"

echo "== path A: the 21-day clock runs from the destination DC's NTDS Settings whenCreated"
# a second workspace on path A (migration mode: Setup promotes the server itself); nobody ticks
# install.run-setup, and the check run still starts the clock from when NEWDC was created
WSA="$(mktemp -d /tmp/mc-path-a.XXXXXX)"
mca() { "$LAB" run "$MC" --headless --workspace "$WSA" "$@"; }
mca profile import "$LAB_DIR/lab.profile" >/dev/null
[ "$(mca path --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])')" = a ] || fail "path is not a"
mca check --step install --json --password-file "$LAB_DIR/admin.password" > "$WSA.json" || true
created=$(python3 -c "
import json,sys,re
d=json.load(open(sys.argv[1]))
ev=[e for r in d['results'] if r['id']=='destination.is-dc' for e in r['evidence']]
m=[re.search(r'promoted at (\S+);', e) for e in ev]
print([x.group(1) for x in m if x][0])" "$WSA.json") || fail "destination.is-dc shows no promotion time"
started=$(mca status --json | python3 -c "
import json,sys
print([c['startedAt'] for c in json.load(sys.stdin)['clocks'] if c['id']=='coexistence'][0])")
echo "   NEWDC promoted at $created; path-A coexistence clock started at $started"
[ "$started" = "$created" ] || fail "path A: the clock runs from $started, not from whenCreated $created"
mca journal > "$WSA.journal"
grep -q "coexistence clock started at $created, read from the server: destination.is-dc: whenCreated" "$WSA.journal" \
  || fail "path A: no clock evidence in the journal"
# the clock-skew check compares the source with the destination (NEWDC answers on SMB now)
mca check --step prepare --json --password-file "$LAB_DIR/admin.password" > "$WSA.json" || true
python3 -c "
import json,sys
r=[r for r in json.load(open(sys.argv[1]))['results'] if r['id']=='source.clock-skew'][0]
ev='\n'.join(r['evidence'])
print('   source.clock-skew:', r['status'], '-', r['message'])
assert r['status']=='pass', r
assert 'the destination' in r['message'], r['message']
assert 'negotiate from 10.99.0.11:445' in ev and 'skew source vs destination' in ev, ev
" "$WSA.json" || fail "source.clock-skew did not compare the source with the destination"
rm -rf "$WSA" "$WSA.json" "$WSA.journal"

echo "== samba-tool fsmo transfer --role=all"
"$LAB" fsmo-transfer >/dev/null
# the source sees the new holders once the change has replicated back: a few runs at most
for attempt in 1 2 3 4 5; do
  echo "== check run $((attempt + 1)) (roles on NEWDC)"
  mc check --step install --password-file "$LAB_DIR/admin.password" || true
  [ "$(task_state install.replica-transfer-fsmo)" = completed ] && break
  sleep 10
done
[ "$(task_state install.replica-transfer-fsmo)" = completed ] || fail "the FSMO task did not complete itself"
echo "   install.replica-transfer-fsmo: completed"
# path B's 21-day clock runs from the transfer itself (fSMORoleOwner's replication metadata), not
# from the check run that first saw the roles moved
mc check --step install --json --password-file "$LAB_DIR/admin.password" > "$WS.json" || true
moved=$(python3 -c "
import json,sys,re
d=json.load(open(sys.argv[1]))
ev=[e for r in d['results'] if r['id']=='destination.fsmo' for e in r['evidence']]
m=[re.search(r'roles moved at (\S+) ', e) for e in ev]
print([x.group(1) for x in m if x][0])" "$WS.json") || fail "destination.fsmo shows no transfer time: $(cat "$WS.json")"
started=$(mc status --json | python3 -c "
import json,sys
print([c['startedAt'] for c in json.load(sys.stdin)['clocks'] if c['id']=='coexistence'][0])")
echo "   roles moved at $moved; coexistence clock started at $started"
[ "$started" = "$moved" ] || fail "path B: the clock runs from $started, not from the transfer at $moved"

echo "== the 21-day clock"
mc status --json | python3 -c "
import json,sys
d=json.load(sys.stdin)
print('path', d['path'])
for c in d['clocks']:
    print(c['id'], c['level'], 'started', c['startedAt'], 'ends', c['endsAt'])"
mc journal | tail -8
echo "PASS (workspace $WS)"
