#!/bin/bash
# Lab test of step 8's Best Practices Analyzer: NEWDC joins and takes the roles (the destination of
# path B); 'bpa run' reads it over LDAP, DNS and SMB. The healthy destination gives only the findings
# listed in HEALTHY below (each explained); then every planted problem (sbs-lab.sh mutate bpa-*) is
# found by its rule with the planted object in the evidence; 'bpa diff' shows them new, and after
# restoring, resolved; 'bpa list' keeps every run. Run as root after a full build. Waits while
# someone else's lab is live; always brings its own lab down.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAB="$HERE/sbs-lab.sh"
MC="${MC:-$ROOT/releng/org.migrationconsole.repository/target/products/org.migrationconsole.product/linux/gtk/x86_64/migration-console/migration-console}"
LAB_DIR="${LAB_DIR:-/run/migration-console-lab}"
WS="$(mktemp -d /tmp/mc-bpa.XXXXXX)"
[ -x "$MC" ] || { echo "no product at $MC: run the full build first" >&2; exit 2; }
T0=$(date +%s)

while "$LAB" status >/dev/null 2>&1; do
  echo "a lab is live (not ours): waiting 30 s"; sleep 30
done
trap '"$LAB" down >/dev/null 2>&1 || true' EXIT
"$LAB" up >/dev/null
"$LAB" join >/dev/null
"$LAB" fsmo-transfer >/dev/null
echo "   lab up, NEWDC joined, roles on NEWDC: $(( $(date +%s) - T0 )) s"
mc() { "$LAB" run "$MC" --headless --workspace "$WS" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

mc profile import "$LAB_DIR/lab.profile" >/dev/null
mc bpa rules --json > "$WS/rules.json"
python3 - "$WS/rules.json" <<'PY' || fail "bpa rules"
import json,sys
rules=json.load(open(sys.argv[1]))
print("   %d rules" % len(rules))
assert len(rules) >= 25, len(rules)
assert all(r['severity'] in ('error','warning','info') and r['id'].startswith('bpa.') for r in rules)
PY
# the analyzer is no pre-flight check: 'check --list' does not show it
mc check --list | grep -q 'bpa.analyzer' && fail "bpa.analyzer is listed among the pre-flight checks"

bpa_run() {  # N : run N, its JSON in $WS/runN.json; prints the time
  local t=$(date +%s%N) rc=0
  mc bpa run --password-file "$LAB_DIR/admin.password" --json > "$WS/run$1.json" 2> "$WS/run$1.err" || rc=$?
  echo "   bpa run $1: exit $rc in $(( ($(date +%s%N) - t) / 1000000 )) ms (incl. JVM start)"
  [ $rc -le 1 ] || { cat "$WS/run$1.err" >&2; fail "bpa run $1 ended with exit $rc"; }
  ! grep -qF "$(head -1 "$LAB_DIR/admin.password")" "$WS/run$1.json" "$WS/run$1.err" || fail "the password in the output"
}

echo "== healthy destination"
bpa_run 1
python3 - "$WS/run1.json" <<'PY' || fail "healthy destination"
import json,sys
run=json.load(open(sys.argv[1]))
# the only findings on a healthy lab destination, each explained:
HEALTHY={
  # the lab defines no subnet object (a real SBS 2003 rarely has one either): info
  'bpa.sites.subnets': 'fail',
  # aging/scavenging is off on the zone, as Windows leaves it by default: info
  'bpa.dns.scavenging': 'fail',
  # Samba keeps SYSVOL out of FRS/DFSR (no member objects): nothing to judge
  'bpa.old.sysvol-members': 'skipped',
  # SBS2003 is still a DC until step 6 demotes it: its references are current
  'bpa.old.source-gone': 'skipped',
  # step 3's fixture: LAPTOP-WIN7 has not logged on for 200 days (checked below by name)
  'bpa.accounts.stale-computers': 'fail',
}
bad=[]
for f in run['findings']:
    want=HEALTHY.get(f['id'],'pass')
    print('   %-36s %-7s %-7s %s' % (f['id'], f['status'], f['severity'], f['message']))
    if f['status']!=want: bad.append('%s: %s (expected %s): %s %s' % (f['id'], f['status'], want, f['message'], f['evidence'][:6]))
    assert f['evidence'] or f['status']=='skipped', f['id']+' shows no evidence'
    assert (f['status'] in ('fail','error')) == bool(f['remedy']), f['id']+': a remedy exactly when open'
assert not bad, '\n'.join(bad)
stale=[f for f in run['findings'] if f['id']=='bpa.accounts.stale-computers'][0]
assert any(e.startswith('LAPTOP-WIN7') for e in stale['evidence']) and stale['message'].startswith('1 '), stale
assert run['destination']=='newdc.contoso.local', run['destination']
PY

echo "== planted problems on NEWDC"
for m in $("$LAB" mutate list | awk '/^bpa-/{print $1}'); do "$LAB" mutate "$m" >/dev/null; done
bpa_run 2
python3 - "$WS/run2.json" <<'PY' || fail "planted problems"
import json,sys
run={f['id']:f for f in json.load(open(sys.argv[1]))['findings']}
PLANTED={  # mutation -> rule that must fail, and what its evidence must name
  'bpa-dangling-gplink':      ('bpa.gpo.links', '0BADF00D-0000-4000-8000-00000000B9A1'),
  'bpa-orphan-gpo-folder':    ('bpa.gpo.folders-without-gpc', '0BADF00D-0000-4000-8000-00000000B9A1'),
  'bpa-gpo-folder-missing':   ('bpa.gpo.gpc-without-folder', 'Small Business Server Auditing Policy'),
  'bpa-gpo-version':          ('bpa.gpo.versions', 'Default Domain Policy: GPT.INI version 7'),
  'bpa-stale-computer':       ('bpa.accounts.stale-computers', 'APPSRV01'),
  'bpa-ns-old-server':        ('bpa.dns.ns-records', 'oldsrv.contoso.local'),
  'bpa-stale-srv':            ('bpa.dns.srv-targets', 'oldsrv.contoso.local'),
  'bpa-tombstone-60':         ('bpa.directory.tombstone-lifetime', 'tombstoneLifetime: 60'),
  'bpa-orphan-server-object': ('bpa.old.site-servers', 'CN=OLDSRV'),
  'bpa-guest-enabled':        ('bpa.accounts.guest', '66080'),
}
bad=[]
for m,(rule,needle) in PLANTED.items():
    f=run[rule]
    ev='\n'.join(f['evidence'])
    ok=f['status']=='fail' and needle.lower() in ev.lower()
    print('   %-26s -> %-34s %s  %s' % (m, rule, f['status'], f['message']))
    if not ok: bad.append('%s: %s %s, evidence %s' % (m, rule, f['status'], f['evidence'][:8]))
assert not bad, '\n'.join(bad)
# bpa.accounts.stale-computers is open already on the healthy lab (LAPTOP-WIN7): not new in the diff
open(sys.argv[1]+'.expected','w').write('\n'.join(sorted(r for r,_ in PLANTED.values() if r!='bpa.accounts.stale-computers')))
PY

mc bpa diff 1 2 --json > "$WS/diff12.json"
python3 - "$WS/diff12.json" "$WS/run2.json.expected" <<'PY' || fail "bpa diff 1 2"
import json,sys
d=json.load(open(sys.argv[1])); want=open(sys.argv[2]).read().split()
new=sorted(x['id'] for x in d['new'])
print('   diff 1 2: %d new, %d resolved, %d still open' % (len(d['new']), len(d['resolved']), len(d['open'])))
assert new==want, (new, want)
assert d['resolved']==[], d['resolved']
assert sorted(x['id'] for x in d['open'])==['bpa.accounts.stale-computers','bpa.dns.scavenging','bpa.sites.subnets'], d['open']
PY

echo "== restored"
"$LAB" mutate restore-all >/dev/null
bpa_run 3
mc bpa diff 2 3 --json > "$WS/diff23.json"
python3 - "$WS/diff23.json" "$WS/run2.json.expected" <<'PY' || fail "bpa diff 2 3"
import json,sys
d=json.load(open(sys.argv[1])); want=open(sys.argv[2]).read().split()
print('   diff 2 3: %d new, %d resolved, %d still open' % (len(d['new']), len(d['resolved']), len(d['open'])))
assert sorted(x['id'] for x in d['resolved'])==want, d['resolved']
assert all(x['now'].startswith('pass') for x in d['resolved']), d['resolved']
assert d['new']==[], d['new']
PY
mc bpa diff previous latest | head -3
mc bpa list --json > "$WS/list.json"
python3 -c "
import json,sys
runs=json.load(open(sys.argv[1]))['runs']
assert [r['number'] for r in runs]==[1,2,3], runs
assert runs[1]['open']==12 and runs[0]['open']==3 and runs[2]['open']==3, [(r['id'],r['open']) for r in runs]
" "$WS/list.json" || fail "bpa list"
[ "$(find "$WS/bpa/runs" -name '*.json' -perm 600 | wc -l)" = 3 ] || fail "three run files, owner-only"
mc journal | grep -q 'analyzer run .* on newdc.contoso.local' || fail "the runs are not journalled"
# the customer's report shows the latest run and what changed since the one before
mc report --out "$WS/report" --format html >/dev/null || fail "report"
python3 - "$WS/report/migration-report.html" "$WS/run2.json.expected" <<'PY' || fail "the report's BPA section"
import sys, html
t = html.unescape(open(sys.argv[1], encoding="utf-8").read())
want = open(sys.argv[2]).read().split()
assert "Best Practices Analyzer" in t and "Open findings" in t and "Findings per run" in t, "section"
assert t.count(">resolved<") >= len(want), "every resolved rule listed"
for rule in want:
    assert rule in t, rule
print("   report: Best Practices Analyzer section with %d resolved findings" % len(want))
PY
echo "PASS in $(( $(date +%s) - T0 )) s (workspace $WS)"
