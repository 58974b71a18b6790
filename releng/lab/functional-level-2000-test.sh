#!/bin/bash
# Lab variant test: the source domain provisioned at the Windows 2000 functional level (an SBS 2003
# domain nobody raised). domain.functional-level fails as an error, over Kerberos and over LDAPS,
# naming both levels; it is the only blocking check besides the backup attestation; and it gates
# install.check-prerequisites. Run as root after a full build; waits while someone else's lab is
# live; always brings its own lab down.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAB="$HERE/sbs-lab.sh"
MC="$ROOT/releng/org.migrationconsole.repository/target/products/org.migrationconsole.product/linux/gtk/x86_64/migration-console/migration-console"
LAB_DIR="${LAB_DIR:-/run/migration-console-lab}"
WS="$(mktemp -d /tmp/mc-fl2000.XXXXXX)"
[ -x "$MC" ] || { echo "no product at $MC: run the full build first" >&2; exit 2; }

while "$LAB" status >/dev/null 2>&1; do
  echo "a lab is live (not ours): waiting 30 s"; sleep 30
done
trap '"$LAB" down >/dev/null 2>&1 || true; rm -rf "$WS" "$WS".*' EXIT
t0=$(date +%s)
LAB_FUNCTION_LEVEL=2000 "$LAB" up >/dev/null
echo "   lab at FL 2000 up in $(( $(date +%s) - t0 )) s"
mc() { "$LAB" run "$MC" --headless --workspace "$WS" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

grep -v '^lab.ca=\|^source.ldap.security=' "$LAB_DIR/lab.profile" > "$WS.kerberos.profile"
mc task prepare.backup complete --note "lab test" >/dev/null
for profile in "$WS.kerberos.profile" "$LAB_DIR/lab.profile"; do
  rc=0
  mc check --step prepare --json --profile "$profile" --password-file "$LAB_DIR/admin.password" > "$WS.json" || rc=$?
  [ "$rc" = 1 ] || fail "check over $(basename "$profile"): exit $rc, expected 1 (an error-severity check fails)"
  python3 - "$WS.json" "$(basename "$profile")" <<'PY' || fail "domain.functional-level at FL 2000"
import json, sys
d = json.load(open(sys.argv[1]))
r = {x["id"]: x for x in d["results"]}
fl = r["domain.functional-level"]
ev = "\n".join(fl["evidence"])
print("   %s: domain.functional-level %s - %s" % (sys.argv[2], fl["status"], fl["message"]))
assert fl["status"] == "fail" and fl["severity"] == "error", fl
assert fl["message"] == "The domain and forest functional level is below Windows Server 2003.", fl["message"]
assert "domainFunctionality: 0" in ev and "forestFunctionality: 0" in ev, ev
assert "cannot join" in fl["remedy"], fl["remedy"]
blocking = sorted(i for i, x in r.items() if x["severity"] == "error" and x["status"] in ("fail", "error"))
assert blocking == ["domain.functional-level"], [(i, r[i]["message"], r[i]["evidence"]) for i in blocking]
PY
done
# the gate: with step 1 done, install.check-prerequisites is refused naming the failing check
for round in 1 2; do
  mc status --json | python3 -c "
import json,sys
for s in json.load(sys.stdin)['steps']:
    if s['id']=='prepare':
        for t in s['tasks']:
            if t['recordedState'] not in ('completed','skipped'):
                print(t['id'], 'skip' if t['optional'] else 'complete')" | while read -r id action; do
    mc task "$id" "$action" --note "lab test: step 1 done by hand" >/dev/null 2>&1 || true
  done
done
rc=0
out=$(mc task install.check-prerequisites complete 2>&1) || rc=$?
[ "$rc" = 1 ] || fail "install.check-prerequisites: exit $rc, expected a refusal: $out"
case $out in *domain.functional-level*) ;; *) fail "the refusal does not name domain.functional-level: $out" ;; esac
echo "   install.check-prerequisites refused: $(printf '%s' "$out" | head -1)"
echo "PASS"
