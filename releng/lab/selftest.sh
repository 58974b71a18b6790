#!/usr/bin/env bash
# selftest.sh - proves that sbs-lab.sh builds what it promises: up, client-side checks from
# the sbs-cli namespace, every mutate case and its undo, join + FSMO transfer, down.
# Prints one PASS/FAIL line per check and ends with "N passed, M failed"; exit 1 on failures.
#
#   releng/lab/selftest.sh            (as root; refuses if a lab is already live)
#   SELFTEST_JOIN=0 selftest.sh       skip the second DC (join, replication, FSMO)
#   SELFTEST_KEEP=1 selftest.sh       leave the lab up at the end
set -u   # no pipefail: "cmd | grep -q" must not fail when grep stops reading early

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB=$HERE/sbs-lab.sh
export LAB_DIR=${LAB_DIR:-/run/migration-console-lab}
BASE=DC=contoso,DC=local
DC_FQDN=sbs2003.contoso.local
DDCP='contoso.local/Policies/{6AC1786C-016F-11D2-945F-00C04FB984F9}/MACHINE/Microsoft/Windows NT/SecEdit/GptTmpl.inf'

PASSED=0 FAILED=0
ms() { echo $(( ${EPOCHREALTIME//[!0-9]/} / 1000 )); }

# check DESCRIPTION SHELL-CODE : the code runs in this shell (functions and variables visible)
check() {
  local desc=$1 out rc
  out=$(eval "$2" 2>&1); rc=$?
  if [ $rc = 0 ]; then
    echo "PASS  $desc"; PASSED=$((PASSED + 1))
  else
    echo "FAIL  $desc"; FAILED=$((FAILED + 1))
    [ -n "$out" ] && printf '%s\n' "$out" | tail -n 6 | sed 's/^/        /'
  fi
}

# in the client namespace; ADMIN_PW, USER_PW, CA reach the command through the environment
lab() { "$LAB" run "$@"; }
labsh() { "$LAB" run bash -c "$1"; }
ldap() {  # ldapsearch as Administrator over LDAPS, LDIF without wrapping
  lab ldapsearch -LLL -o ldif-wrap=no -x -H "ldaps://$DC_FQDN" -D "Administrator@contoso.local" -w "$ADMIN_PW" "$@"
}
count() { ldap "$@" dn | grep -c '^dn:'; }
dc_attr() { ldap -b "CN=SBS2003,OU=Domain Controllers,$BASE" -s base "$1" | sed -n "s/^$1: //p"; }
ddcp_text() {  # the DC policy's GptTmpl.inf, fetched over SMB1 from SYSVOL, as UTF-8
  rm -f "$WORK/g.inf"
  ( cd "$WORK" && lab smbclient -m NT1 //sbs2003/sysvol -U "Administrator%$ADMIN_PW" -c "get \"$DDCP\" g.inf" >/dev/null ) &&
    iconv -f UTF-16 -t UTF-8 "$WORK/g.inf" | tr -d '\r'
}
a_records() { lab dig +short @10.99.0.10 "$DC_FQDN" A | sort | tr '\n' ' '; }
srv_ldap() { lab dig +short @10.99.0.10 "_ldap._tcp.contoso.local" SRV; }
skew_seconds() {  # DC clock (rootDSE currentTime) minus ours, in seconds
  local t
  t=$(lab ldapsearch -LLL -x -H ldap://10.99.0.10 -s base -b '' currentTime | sed -n 's/^currentTime: //p')
  [ -n "$t" ] || return 1
  echo $(( $(date -u -d "${t:0:4}-${t:4:2}-${t:6:2} ${t:8:2}:${t:10:2}:${t:12:2}" +%s) - $(date -u +%s) ))
}
person_count() { count -b "$1" "(&(objectCategory=person)(objectClass=user))"; }

if "$LAB" status >/dev/null 2>&1; then
  echo "selftest: a lab is already live; run '$LAB down' first" >&2
  exit 2
fi
host_state() { ls -A /dev/shm /var/log/samba /run/samba /var/lib/samba /var/cache/samba 2>&1; }
HOST_STATE_BEFORE=$(host_state)
cleanup() { [ "${SELFTEST_KEEP:-0}" = 1 ] || "$LAB" down >/dev/null 2>&1 || true; }
trap cleanup EXIT

# ------------------------------------------------------------------ up
t=$(ms)
UP_LOG=$(mktemp)   # mode 0600, unpredictable name; "up" prints the password file's path, never the password
"$LAB" up >"$UP_LOG" 2>&1; rc=$?
UP_MS=$(( $(ms) - t ))
check "up succeeds (took ${UP_MS} ms)" "[ \$rc = 0 ] || { cat \"$UP_LOG\"; false; }"
check "up does not print the admin password" "! grep -qF -- \"\$(cat $LAB_DIR/admin.password)\" \"$UP_LOG\""
rm -f "$UP_LOG"
[ $rc = 0 ] || { echo "$PASSED passed, $((FAILED)) failed"; exit 1; }
export ADMIN_PW USER_PW CA
WORK=$LAB_DIR/cli/selftest
mkdir -p "$WORK"
ADMIN_PW=$(cat "$LAB_DIR/admin.password")
USER_PW=$(cat "$LAB_DIR/user.password")
CA=$(sed -n 's/^lab\.ca=//p' "$LAB_DIR/lab.profile")

check "status says live (exit 0)" '"$LAB" status >/dev/null'
check "a second up is refused with a non-zero exit" '! "$LAB" up >/dev/null 2>&1'
check "profile has exactly the 11 expected keys and values" '
  diff <(sort "$LAB_DIR/lab.profile") <(sort <<EOF
profile.name=SBS 2003 lab
source.host=sbs2003.contoso.local
source.address=10.99.0.10
source.domain=contoso.local
source.netbios=CONTOSO
source.admin=Administrator
source.ldap.security=ldaps
destination.host=newdc.contoso.local
destination.address=10.99.0.11
target.version=essentials-2012
lab.ca=$LAB_DIR/ca.pem
EOF
)'
check "admin.password: one line, mode 0600, owner root" '
  [ "$(stat -c %a:%U:%G "$LAB_DIR/admin.password")" = 600:root:root ] && [ "$(wc -l < "$LAB_DIR/admin.password")" = 1 ] && [ -n "$ADMIN_PW" ]'
check "lab etc files exist; krb5.conf allows weak crypto" '
  for f in resolv.conf hosts krb5.conf ldap.conf; do [ -s "$LAB_DIR/etc/$f" ] || exit 1; done
  grep -q "allow_weak_crypto = true" "$LAB_DIR/etc/krb5.conf"'

# ------------------------------------------------------------------ network rule
check "network: DC namespaces have no default route, 10.99.0.0/24 absent from the host" '
  ! ip -n sbs-src route | grep -q default && ! ip -n sbs-cli route | grep -q default && ! ip -4 addr | grep -q "10\.99\.0\."'
check "network: no Samba socket in the host namespace" '
  ! ss -Hlntup | grep -Ei "samba|smbd|winbind|ldap"'

# ------------------------------------------------------------------ LDAP
check "LDAPS 636 by host name, certificate verified against lab.ca" '
  lab env LDAPTLS_CACERT="$CA" ldapsearch -LLL -x -H ldaps://$DC_FQDN -D Administrator@contoso.local -w "$ADMIN_PW" -b "$BASE" -s base dn | grep -q "^dn: $BASE"'
check "LDAPS fails against a CA that did not sign the certificate" '
  ! lab env LDAPTLS_CACERT=/etc/ssl/certs/ca-certificates.crt LDAPTLS_REQCERT=demand ldapsearch -LLL -x -H ldaps://$DC_FQDN -D Administrator@contoso.local -w "$ADMIN_PW" -b "$BASE" -s base dn'
check "LDAP StartTLS (-ZZ) on 389" '
  lab ldapsearch -LLL -ZZ -x -H ldap://$DC_FQDN -D Administrator@contoso.local -w "$ADMIN_PW" -b "$BASE" -s base dn | grep -q "^dn: $BASE"'
check "LDAP simple bind on 389 without TLS" '
  lab ldapsearch -LLL -x -H ldap://10.99.0.10 -D "CONTOSO\\Administrator" -w "$ADMIN_PW" -b "$BASE" -s base dn | grep -q "^dn: $BASE"'
check "rootDSE: domain and forest functionality 2 (Windows Server 2003)" '
  out=$(lab ldapsearch -LLL -x -H ldap://10.99.0.10 -s base -b "" domainFunctionality forestFunctionality dnsHostName)
  grep -q "^domainFunctionality: 2" <<<"$out" && grep -q "^forestFunctionality: 2" <<<"$out" && grep -qi "^dnsHostName: sbs2003.contoso.local" <<<"$out"'

# ------------------------------------------------------------------ DNS
check "DNS: _ldap._tcp SRV points at sbs2003" 'srv_ldap | grep -qi "389 sbs2003.contoso.local."'
check "DNS: _ldap._tcp.dc._msdcs and _kerberos._tcp SRV" '
  lab dig +short @10.99.0.10 _ldap._tcp.dc._msdcs.contoso.local SRV | grep -qi sbs2003 && lab dig +short @10.99.0.10 _kerberos._tcp.contoso.local SRV | grep -q " 88 "'
check "DNS: exactly one A record for sbs2003 (10.99.0.10)" '[ "$(a_records)" = "10.99.0.10 " ]'
check "name resolution in sbs-cli uses the lab (getent hosts sbs2003.contoso.local)" '
  lab getent hosts sbs2003.contoso.local | grep -q "^10.99.0.10 "'

# ------------------------------------------------------------------ SMB
check "SMB1: smbclient -m NT1 -L lists UserShares, ClientApps, Public, NETLOGON, SYSVOL" '
  out=$(lab smbclient -m NT1 -L //sbs2003 -U "Administrator%$ADMIN_PW")
  for s in UserShares ClientApps Public NETLOGON SYSVOL; do grep -qiw "$s" <<<"$out" || exit 1; done'
check "SMB1 only (client max protocol NT1): put and get on Public" '
  echo "from selftest" > "$WORK/put.txt"
  ( cd "$WORK" && lab smbclient --option="client max protocol=NT1" //sbs2003/Public -U "Administrator%$ADMIN_PW" -c "put put.txt; get handbook.txt" >/dev/null ) &&
  grep -q handbook "$WORK/handbook.txt" && [ -f "$LAB_DIR/src/shares/Public/put.txt" ]'
check "SMB3 only (client min protocol SMB3): 1 MiB file from ClientApps, byte-identical" '
  ( cd "$WORK" && lab smbclient --option="client min protocol=SMB3" //sbs2003/ClientApps -U "Administrator%$ADMIN_PW" -c "get SetupClient/setup.bin x.bin" >/dev/null ) &&
  cmp "$WORK/x.bin" "$LAB_DIR/src/shares/ClientApps/SetupClient/setup.bin"'
check "SMB: user jsmith reaches his home folder in UserShares" '
  lab smbclient //sbs2003/UserShares -U "CONTOSO\\jsmith%$USER_PW" -c "cd jsmith; ls" | grep -q readme.txt'
check "NETLOGON contains SBS_LOGIN_SCRIPT.bat" '
  lab smbclient //sbs2003/netlogon -U "Administrator%$ADMIN_PW" -c ls | grep -q SBS_LOGIN_SCRIPT.bat'
check "SYSVOL GptTmpl.inf of the DC policy: delegation, service and batch logon rights" '
  t=$(ddcp_text); grep -q "^SeEnableDelegationPrivilege = \*S-1-5-32-544$" <<<"$t" && grep -q "^SeServiceLogonRight = " <<<"$t" && grep -q "^SeBatchLogonRight = .*\*S-1-5-32-544" <<<"$t"'

# ------------------------------------------------------------------ Kerberos
check "Kerberos: kinit Administrator gets an RC4 ticket (FL 2003)" '
  labsh "export KRB5CCNAME=FILE:$LAB_DIR/cli/cc.selftest; echo \"\$ADMIN_PW\" | kinit Administrator@CONTOSO.LOCAL >/dev/null && klist -e | grep -qi arcfour"'

# ------------------------------------------------------------------ directory content
check "OU=MyBusiness tree (8 OUs)" '[ "$(count -b "OU=MyBusiness,$BASE" "(objectClass=organizationalUnit)")" = 8 ]'
check "6 wizard users in SBSUsers with SBS_LOGIN_SCRIPT.bat, home folder and mail" '
  [ "$(count -b "OU=SBSUsers,OU=Users,OU=MyBusiness,$BASE" "(&(objectClass=user)(scriptPath=SBS_LOGIN_SCRIPT.bat)(homeDirectory=\\5c\\5cSBS2003\\5cUserShares\\5c*)(homeDrive=*)(mail=*))")" = 6 ]'
check "2 users made in ADUC without logon script (one in SBSUsers, one in CN=Users)" '
  [ "$(count -b "$BASE" "(&(|(sAMAccountName=tempworker)(sAMAccountName=scanner))(!(scriptPath=*)))")" = 2 ]'
check "user total stays under the 25-user limit" '[ "$(person_count "$BASE")" -le 25 ]'
check "SBS security groups (catalog 5.1) in OU=Security Groups" '
  for g in "Mobile Users" "Remote Operators" "Remote Web Workplace Users" "SBS Folder Operators" "Domain Power Users" "Fax Operators" "Folder Operators" "Mail Operators" "SharePoint Administrators" "Administrator Templates"; do
    [ "$(count -b "OU=Security Groups,OU=MyBusiness,$BASE" "(&(objectClass=group)(cn=$g))")" = 1 ] || { echo "missing $g"; exit 1; }; done
  [ "$(count -b "CN=Users,$BASE" "(|(cn=DHCP Administrators)(cn=DHCP Users))")" = 2 ]'
check "distribution groups with mail" '[ "$(count -b "OU=Distribution Groups,OU=MyBusiness,$BASE" "(&(objectClass=group)(mail=*)(groupType=8))")" -ge 2 ]'
check "Exchange mailbox attributes on jsmith (mailNickname, homeMDB, msExchHomeServerName, legacyExchangeDN)" '
  out=$(ldap -b "$BASE" "(sAMAccountName=jsmith)" mailNickname homeMDB msExchHomeServerName legacyExchangeDN)
  for a in mailNickname homeMDB msExchHomeServerName legacyExchangeDN; do grep -q "^$a: " <<<"$out" || { echo "no $a"; exit 1; }; done'
check "SBSComputers: XP Professional SP3, Vista Business, Windows 7 Professional, Windows 10 Pro" '
  C="OU=SBSComputers,OU=Computers,OU=MyBusiness,$BASE"
  [ "$(count -b "$C" "(&(operatingSystem=Windows XP Professional)(operatingSystemServicePack=Service Pack 3))")" = 1 ] &&
  [ "$(count -b "$C" "(operatingSystem=Windows Vista* Business)")" = 1 ] &&
  [ "$(count -b "$C" "(operatingSystem=Windows 7 Professional)")" -ge 1 ] &&
  [ "$(count -b "$C" "(operatingSystem=Windows 10 Pro)")" = 1 ]'
check "DC object: Windows Server 2003 for Small Business Server, 5.2 (3790), Service Pack 2" '
  [ "$(dc_attr operatingSystem)" = "Windows Server 2003 for Small Business Server" ] && [ "$(dc_attr operatingSystemVersion)" = "5.2 (3790)" ] && [ "$(dc_attr operatingSystemServicePack)" = "Service Pack 2" ]'
check "8 \"Small Business Server\" GPOs; Domain Password Policy linked at the domain root" '
  [ "$(count -b "CN=Policies,CN=System,$BASE" "(&(objectClass=groupPolicyContainer)(displayName=Small Business Server *))")" = 8 ] &&
  g=$(ldap -b "CN=Policies,CN=System,$BASE" "(displayName=Small Business Server Domain Password Policy)" cn | sed -n "s/^cn: //p") &&
  ldap -b "$BASE" -s base gPLink | grep -qi "$g"'
check "WMI filters PostSP2 and PreSP2 (msWMI-Som) bound to the firewall GPOs" '
  out=$(ldap -b "CN=SOM,CN=WMIPolicy,CN=System,$BASE" "(objectClass=msWMI-Som)" msWMI-Name msWMI-Parm2 msWMI-ID)
  grep -q "^msWMI-Name: PostSP2" <<<"$out" && grep -q "^msWMI-Name: PreSP2" <<<"$out" && grep -q "^msWMI-Parm2: 1;3;10;.*WQL;root.CIMv2;Select" <<<"$out" &&
  [ "$(count -b "CN=Policies,CN=System,$BASE" "(gPCWQLFilter=*)")" = 2 ]'
check "published printer (printQueue under the DC object)" '
  ldap -b "CN=SBS2003,OU=Domain Controllers,$BASE" "(objectClass=printQueue)" uNCName serverName | grep -q "^uNCName: \\\\\\\\SBS2003"'
check "DHCP server authorised in AD (dhcpClass in CN=NetServices)" '
  ldap -b "CN=NetServices,CN=Services,CN=Configuration,$BASE" "(objectClass=dHCPClass)" dhcpServers | grep -q "^dhcpServers: i10.99.0.10\$rcn=sbs2003.contoso.local"'

# ------------------------------------------------------------------ run
check "run: exit code passes through" '"$LAB" run sh -c "exit 7"; [ $? = 7 ]'
check "run: stdin and stdout pass through" '[ "$(echo hello | "$LAB" run cat)" = hello ]'
check "run: working directory is kept" '[ "$(cd /usr/share && "$LAB" run pwd)" = /usr/share ]'
check "run: stderr passes through" '[ "$("$LAB" run sh -c "echo oops >&2" 2>&1 >/dev/null)" = oops ]'

# ------------------------------------------------------------------ mutate
mutate() { "$LAB" mutate "$1" >/dev/null 2>&1; }
check "mutate remove-mybusiness-ou: OU=MyBusiness is gone" '
  mutate remove-mybusiness-ou && ! ldap -b "OU=MyBusiness,$BASE" -s base dn'
check "  restore: OU=MyBusiness is back with its users" '
  mutate restore-remove-mybusiness-ou && [ "$(person_count "OU=SBSUsers,OU=Users,OU=MyBusiness,$BASE")" = 7 ]'
check "mutate second-a-record: sbs2003 has two A records" '
  mutate second-a-record && [ "$(a_records)" = "10.99.0.10 10.99.0.12 " ]'
check "  restore: one A record again" 'mutate restore-second-a-record && [ "$(a_records)" = "10.99.0.10 " ]'
check "mutate remove-delegation-right: GptTmpl.inf lacks SeEnableDelegationPrivilege" '
  mutate remove-delegation-right && t=$(ddcp_text) && grep -q "^SeServiceLogonRight" <<<"$t" && ! grep -q "^SeEnableDelegationPrivilege" <<<"$t"'
check "  restore: SeEnableDelegationPrivilege = *S-1-5-32-544 again" '
  mutate restore-remove-delegation-right && ddcp_text | grep -q "^SeEnableDelegationPrivilege = \*S-1-5-32-544$"'
check "mutate remove-srv-records: no _ldap._tcp SRV for the DC" '
  mutate remove-srv-records && [ -z "$(srv_ldap)" ] && [ -z "$(lab dig +short @10.99.0.10 _ldap._tcp.dc._msdcs.contoso.local SRV)" ]'
check "  restore: _ldap._tcp SRV back" 'mutate restore-remove-srv-records && srv_ldap | grep -qi "389 sbs2003.contoso.local."'
check "mutate downgrade-service-pack: DC says Service Pack 1" '
  mutate downgrade-service-pack && [ "$(dc_attr operatingSystemServicePack)" = "Service Pack 1" ]'
check "  restore: Service Pack 2" '
  mutate restore-downgrade-service-pack && [ "$(dc_attr operatingSystemServicePack)" = "Service Pack 2" ]'
check "mutate too-many-users: 30 users in SBSUsers (over the 25-user limit)" '
  mutate too-many-users && [ "$(person_count "OU=SBSUsers,OU=Users,OU=MyBusiness,$BASE")" = 30 ] && [ "$(person_count "$BASE")" -gt 25 ]'
check "  restore: back to 7 users in SBSUsers" '
  mutate restore-too-many-users && [ "$(person_count "OU=SBSUsers,OU=Users,OU=MyBusiness,$BASE")" = 7 ]'
check "mutate clock-skew: rootDSE currentTime is more than 5 minutes ahead" '
  mutate clock-skew && s=$(skew_seconds) && echo "skew ${s}s" && [ "$s" -gt 300 ]'
check "  restore: clock within 60 s again" '
  mutate restore-clock-skew && s=$(skew_seconds) && echo "skew ${s}s" && [ "${s#-}" -lt 60 ]'
check "mutate: nothing left applied; unknown case is rejected" '
  ! "$LAB" mutate list | grep -q applied && ! "$LAB" mutate no-such-case >/dev/null 2>&1'
check "lab still healthy after the mutations (status, LDAPS)" '
  "$LAB" status >/dev/null && ldap -b "$BASE" -s base dn | grep -q "^dn:"'

# ------------------------------------------------------------------ second DC
JOIN_MS=- FSMO_MS=-
if [ "${SELFTEST_JOIN:-1}" = 1 ]; then
  t=$(ms)
  check "join: NEWDC joins, replication ALL GOOD both ways" '"$LAB" join'
  JOIN_MS=$(( $(ms) - t ))
  check "join: both DCs in _ldap._tcp SRV; NEWDC answers LDAPS with the lab CA" '
    out=$(srv_ldap); grep -qi sbs2003 <<<"$out" && grep -qi newdc <<<"$out" &&
    lab ldapsearch -LLL -x -H ldaps://newdc.contoso.local -D Administrator@contoso.local -w "$ADMIN_PW" -b "OU=MyBusiness,$BASE" -s base dn | grep -q MyBusiness'
  check "join: SYSVOL copied to NEWDC (GptTmpl.inf readable there)" '
    lab smbclient //newdc/sysvol -U "Administrator%$ADMIN_PW" -c "ls \"${DDCP%/*}/*\"" | grep -q GptTmpl.inf'
  check "join: FSMO roles stay on SBS2003" '
    lab ldapsearch -LLL -x -H ldap://10.99.0.10 -D Administrator@contoso.local -w "$ADMIN_PW" -b "$BASE" -s base fSMORoleOwner | grep -qi "CN=SBS2003,"'
  t=$(ms)
  check "fsmo-transfer: PDC role now on NEWDC" '
    "$LAB" fsmo-transfer >/dev/null && lab ldapsearch -LLL -x -H ldap://10.99.0.11 -D Administrator@contoso.local -w "$ADMIN_PW" -b "$BASE" -s base fSMORoleOwner | grep -qi "CN=NEWDC,"'
  FSMO_MS=$(( $(ms) - t ))
fi

# ------------------------------------------------------------------ down
t=$(ms)
check "down succeeds" '"$LAB" down'
DOWN_MS=$(( $(ms) - t ))
check "after down: no sbs-* namespace, no lab dir" '! ip netns list | grep -q "^sbs-" && [ ! -e "$LAB_DIR" ]'
check "after down: no samba/smbd/winbindd process left (exited zombies not counted)" '
  ! ps -eo pid=,stat=,args= | awk "\$2 !~ /^Z/" | grep -E "samba|smbd|winbindd|rpcd_" | grep -v -e grep -e selftest'
check "after down: /dev/shm, /var/log/samba, /run/samba, /var/lib/samba as before up" '
  [ "$(host_state)" = "$HOST_STATE_BEFORE" ] || { diff <(echo "$HOST_STATE_BEFORE") <(host_state); false; }'
check "down again (nothing up) still exits 0" '"$LAB" down >/dev/null 2>&1'
check "status when down exits 3" '"$LAB" status >/dev/null; [ $? = 3 ]'

echo "timings: up ${UP_MS} ms, join ${JOIN_MS} ms, fsmo-transfer ${FSMO_MS} ms, down ${DOWN_MS} ms"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
