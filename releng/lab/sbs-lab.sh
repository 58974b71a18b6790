#!/usr/bin/env bash
# sbs-lab.sh - a throw-away "Windows SBS 2003" domain for Migration Console tests and demos.
#
# A Samba 4 AD domain controller, provisioned and dressed up as SBS2003.contoso.local, runs in
# Linux network namespaces that this script creates. The subnet 10.99.0.0/24 exists only inside
# them: nothing listens in the host's namespace and no lab traffic leaves the machine.
#
#   sbs-cli  10.99.0.100  bridge; the client side, where tests and the console run
#   sbs-src  10.99.0.10   SBS2003.contoso.local  - the source server
#   sbs-dst  10.99.0.11   NEWDC.contoso.local    - second DC, only after "join"
#
# Usage (as root):
#   sbs-lab.sh deps             install the Debian packages the lab needs (only the missing ones)
#   sbs-lab.sh up               create and populate the lab; writes $LAB_DIR/lab.profile
#   sbs-lab.sh status           is a lab live? exit 0 if yes, 3 if not
#   sbs-lab.sh down             stop everything (by PID), remove namespaces and $LAB_DIR
#   sbs-lab.sh join             NEWDC joins the domain as a second DC; replication both ways
#   sbs-lab.sh fsmo-transfer    move all FSMO roles to NEWDC
#   sbs-lab.sh run CMD...       run CMD in sbs-cli with the lab's resolv.conf/hosts/krb5.conf
#   sbs-lab.sh mutate CASE      break the lab for one check; "mutate restore-CASE" undoes it;
#                               "mutate list" shows the cases and which are applied
#
# Environment: LAB_DIR (default /run/migration-console-lab), LAB_ADMIN_PASSWORD (default: a
# random one per "up"), LAB_CLOCK_OFFSET (e.g. +10m: start the DC with a skewed clock).
set -Eeuo pipefail   # -E: the ERR trap below also reports failures inside functions

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIRECTORY_PY=$HERE/sbs-lab-directory.py
PY=/usr/bin/python3          # Samba's bindings are for the system Python, not a pyenv shim

LAB_DIR=${LAB_DIR:-/run/migration-console-lab}
case $LAB_DIR in /?*) ;; *) echo "sbs-lab: LAB_DIR must be an absolute path" >&2; exit 2 ;; esac
LAB_DIR=${LAB_DIR%/}

REALM=CONTOSO.LOCAL
NETBIOS=CONTOSO
DNS_DOMAIN=contoso.local
BASE_DN=DC=contoso,DC=local

NS_CLI=sbs-cli; IP_CLI=10.99.0.100
NS_SRC=sbs-src; IP_SRC=10.99.0.10; HOST_SRC=SBS2003
NS_DST=sbs-dst; IP_DST=10.99.0.11; HOST_DST=NEWDC
IP_EXTRA=10.99.0.12        # the bogus second A record of "mutate second-a-record"
ALL_NS=("$NS_DST" "$NS_SRC" "$NS_CLI")

PACKAGES=(samba smbclient ldap-utils dnsutils krb5-user winbind iproute2 libfaketime openssl tcpdump)
MARKER=.sbs-lab            # present in every LAB_DIR this script made; "down" checks it

T0=${EPOCHREALTIME//[!0-9]/}
say() {
  local now=${EPOCHREALTIME//[!0-9]/} d
  d=$(( (now - T0) / 100000 ))
  printf 'sbs-lab [%3d.%ds] %s\n' $((d / 10)) $((d % 10)) "$*" >&2
}
die() { say "ERROR: $*"; exit 1; }
trap 'rc=$?; say "ERROR: \"$BASH_COMMAND\" failed (exit $rc) at line $LINENO"' ERR

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (namespaces, mounts, Samba AD)"; }
ns_exists() { [ -e "/run/netns/$1" ]; }   # what "ip netns add" creates
admin_pw() { head -n1 "$LAB_DIR/admin.password"; }
user_pw() { head -n1 "$LAB_DIR/user.password"; }

# ------------------------------------------------------------------ running inside the lab
# Every lab command runs through this wrapper, inside "ip netns exec NS" and a private mount
# namespace, where the lab's resolv.conf, hosts and krb5.conf are bind-mounted over the
# host's (nothing in /etc is changed). A DC also gets its own /run/samba and /var/log/samba:
# Samba's helpers (winbindd sockets, samba-dcerpcd logs) use those compiled-in paths. The
# client side gets the lab's client smb.conf and ldap.conf (CA certificate).
NS_WRAPPER='
etc=$1 role=$2 dcdir=$3 wd=$4; shift 4
[ -e /etc/resolv.conf ] && mount --bind "$etc/resolv-$role.conf" /etc/resolv.conf
for f in hosts krb5.conf; do
  [ -e "/etc/$f" ] && mount --bind "$etc/$f" "/etc/$f"
done
export KRB5_CONFIG=$etc/krb5.conf
if [ "$role" = cli ]; then
  [ -e /etc/ldap/ldap.conf ] && mount --bind "$etc/ldap.conf" /etc/ldap/ldap.conf
  [ -e /etc/samba/smb.conf ] && mount --bind "$etc/client-smb.conf" /etc/samba/smb.conf
  export LDAPCONF=$etc/ldap.conf
else
  mount --bind "$dcdir/run" /run/samba
  mount --bind "$dcdir/log" /var/log/samba
  mount -t tmpfs -o mode=1777,size=16m lab-shm /dev/shm   # libfaketime leaves files there
fi
cd "$wd" 2>/dev/null || cd /
exec "$@"'

# Each role has its own resolv.conf: a DC asks only DCs that exist (a missing nameserver on the
# bridge costs 3 s of ARP timeouts per lookup). resolv-cli.conf is the lab's resolv.conf.
#
# in_ns NS ROLE CMD...   ROLE is cli, src or dst
in_ns() {
  local ns=$1 role=$2; shift 2
  ip netns exec "$ns" unshare --mount --propagation private \
    /bin/bash -c "$NS_WRAPPER" lab-wrapper "$LAB_DIR/etc" "$role" "$LAB_DIR/$role" "$PWD" "$@"
}
cli() { in_ns "$NS_CLI" cli "$@"; }
src() { in_ns "$NS_SRC" src "$@"; }
dst() { in_ns "$NS_DST" dst "$@"; }
directory() {  # ROLE ARGS...  : the Python directory helper against that DC's sam.ldb
  local role=$1; shift
  in_ns "$([ "$role" = src ] && echo "$NS_SRC" || echo "$NS_DST")" "$role" \
    "$PY" "$DIRECTORY_PY" "$LAB_DIR/$role/etc/smb.conf" "$@"
}
admin_cred() { printf 'Administrator%%%s' "$(admin_pw)"; }

# ------------------------------------------------------------------ deps
missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

cmd_deps() {
  need_root
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  if [ -z "${missing// /}" ]; then say "deps: all packages present"; return 0; fi
  say "deps: installing $missing"
  # Debian's postinst would start smbd/nmbd/winbind/samba-ad-dc on the host. A policy-rc.d
  # that says "no" stops that; ours is removed again afterwards.
  local own_policy=no
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from sbs-lab.sh deps\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=yes
  fi
  local rc=0
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q $missing; } >"/tmp/sbs-lab-deps.$$.log" 2>&1 || rc=$?
  [ $own_policy = yes ] && rm -f /usr/sbin/policy-rc.d
  if [ $rc != 0 ]; then
    tail -20 "/tmp/sbs-lab-deps.$$.log" >&2
    die "deps: apt-get failed (log: /tmp/sbs-lab-deps.$$.log)"
  fi
  rm -f "/tmp/sbs-lab-deps.$$.log"
  # Make sure none of the host services runs or starts at boot.
  local svc
  for svc in samba-ad-dc smbd nmbd winbind; do
    if [ -d /run/systemd/system ]; then
      systemctl disable --now "$svc.service" >/dev/null 2>&1 || true
    elif [ -x "/etc/init.d/$svc" ]; then
      if "/etc/init.d/$svc" status >/dev/null 2>&1; then "/etc/init.d/$svc" stop >/dev/null 2>&1 || true; fi
      update-rc.d "$svc" disable >/dev/null 2>&1 || true
    fi
  done
  missing=$(missing_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] || die "deps: still missing after install: $missing"
  say "deps: done"
}

# ------------------------------------------------------------------ network
net_client() {
  ns_exists "$NS_CLI" && return 0
  ip netns add "$NS_CLI"
  ip -n "$NS_CLI" link set lo up
  ip -n "$NS_CLI" link add br0 type bridge
  ip -n "$NS_CLI" addr add "$IP_CLI/24" dev br0
  ip -n "$NS_CLI" link set br0 up
}
net_host() {  # NS IP : a namespace hanging off the client bridge, no default route
  local ns=$1 ip=$2
  ns_exists "$ns" && return 0
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$NS_CLI" link add "v-$ns" type veth peer name eth0 netns "$ns"
  ip -n "$NS_CLI" link set "v-$ns" master br0 up
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
}

write_resolv() {  # NAMESERVER... : the clients' resolv.conf (rewritten in place: it is bind-mounted)
  local e=$LAB_DIR/etc ns
  { printf 'search %s\n' "$DNS_DOMAIN"; for ns in "$@"; do printf 'nameserver %s\n' "$ns"; done
    printf 'options timeout:1 attempts:2\n'; } > "$e/resolv.conf"
  [ -e "$e/resolv-cli.conf" ] || ln -s resolv.conf "$e/resolv-cli.conf"
  printf 'search %s\nnameserver %s\noptions timeout:1 attempts:1\n' "$DNS_DOMAIN" "$IP_SRC" > "$e/resolv-src.conf"
  printf 'search %s\nnameserver %s\nnameserver %s\noptions timeout:1 attempts:1\n' "$DNS_DOMAIN" "$IP_SRC" "$IP_DST" > "$e/resolv-dst.conf"
}

write_etc() {
  local e=$LAB_DIR/etc
  mkdir -p "$e" "$LAB_DIR/cli"
  write_resolv "$IP_SRC"
  cat > "$e/hosts" <<EOF
127.0.0.1	localhost
::1	localhost ip6-localhost ip6-loopback
$IP_SRC	sbs2003.$DNS_DOMAIN sbs2003
$IP_DST	newdc.$DNS_DOMAIN newdc
$IP_CLI	labclient.$DNS_DOMAIN labclient
EOF
  # FL 2003 accounts have RC4 keys only: Java and newer MIT need allow_weak_crypto.
  cat > "$e/krb5.conf" <<EOF
[libdefaults]
	default_realm = $REALM
	dns_lookup_realm = false
	dns_lookup_kdc = false
	rdns = false
	allow_weak_crypto = true
	udp_preference_limit = 1

[realms]
	$REALM = {
		kdc = $IP_SRC
		admin_server = $IP_SRC
	}

[domain_realm]
	.$DNS_DOMAIN = $REALM
	$DNS_DOMAIN = $REALM
EOF
  printf 'TLS_CACERT %s\nTLS_REQCERT demand\n' "$LAB_DIR/ca.pem" > "$e/ldap.conf"
  cat > "$e/client-smb.conf" <<EOF
[global]
	workgroup = $NETBIOS
	realm = $REALM
	client min protocol = NT1
	client max protocol = SMB3
	lock directory = $LAB_DIR/cli
	state directory = $LAB_DIR/cli
	cache directory = $LAB_DIR/cli
	private dir = $LAB_DIR/cli
	ncalrpc dir = $LAB_DIR/cli/ncalrpc
	log file = $LAB_DIR/cli/log.%m
EOF
  : > "$e/empty.conf"
}

# ------------------------------------------------------------------ TLS
# Samba would generate a 4096-bit CA and certificate per DC on first start (slow, and one CA
# per DC). The lab makes one CA instead and issues each DC a 2048-bit certificate with the
# names a Windows DC certificate carries (FQDN, domain, NetBIOS name) and no IP address.
make_lab_ca() {
  local t=$LAB_DIR/tls
  mkdir -p "$t"; chmod 700 "$t"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 730 -keyout "$t/ca.key" -out "$LAB_DIR/ca.pem" \
    -subj "/O=Migration Console lab/CN=Contoso Lab Root CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null \
    || die "openssl could not create the lab CA"
  chmod 644 "$LAB_DIR/ca.pem"
}
issue_dc_cert() {  # ROLE HOST : key and certificate in $LAB_DIR/tls/ROLE
  local t=$LAB_DIR/tls d=$LAB_DIR/tls/$1 host=$2
  mkdir -p "$d"
  printf 'subjectAltName=DNS:%s.%s,DNS:%s,DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
    "$host" "$DNS_DOMAIN" "$DNS_DOMAIN" "$host" > "$d/ext"
  ( umask 077; openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$d/key.pem" -subj "/CN=$host.$DNS_DOMAIN" 2>/dev/null ) \
    | openssl x509 -req -sha256 -days 730 -CA "$LAB_DIR/ca.pem" -CAkey "$t/ca.key" -CAcreateserial \
        -CAserial "$t/ca.srl" -extfile "$d/ext" -out "$d/cert.pem" 2>/dev/null \
    || die "openssl could not issue the certificate of $host"
}
install_dc_cert() {  # ROLE : where Samba looks (tls keyfile/certfile/cafile defaults)
  local d=$LAB_DIR/$1/private/tls
  mkdir -p "$d"
  install -m 600 "$LAB_DIR/tls/$1/key.pem" "$d/key.pem"
  install -m 644 "$LAB_DIR/tls/$1/cert.pem" "$d/cert.pem"
  install -m 644 "$LAB_DIR/ca.pem" "$d/ca.pem"
}

# ------------------------------------------------------------------ DCs
dc_options() {  # ROLE IP -> DC_OPTS
  DC_OPTS=(--option="interfaces = lo $2" --option="bind interfaces only = yes"
           --option="disable netbios = yes" --option="dns forwarder = 127.0.0.53"
           --option="log file = $LAB_DIR/$1/log/log.%m" --option="log level = 1"
           --option="ntp signd socket directory = /run/samba/ntp_signd")
}
# provision/join drop some --option values; these are appended to [global] afterwards.
append_globals() {  # SMB_CONF
  sed -i '/^\[global\]/a\
	ldap server require strong auth = no\
	server min protocol = NT1\
	ntlm auth = yes\
	dns update command = /bin/true' "$1"
}

faketime_lib() {
  local lib
  lib=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -n1)
  [ -n "$lib" ] && [ -e "$lib" ] || die "libfaketime not installed (run: $0 deps)"
  echo "$lib"
}

start_dc() {  # ROLE NS IP [CLOCK_OFFSET]
  local role=$1 ns=$2 ip=$3 offset=${4:-} d=$LAB_DIR/$1 pre=()
  mkdir -p "$d/run" "$d/log"
  if [ -n "$offset" ]; then
    # ldb dlopen()s its modules with RTLD_DEEPBIND, which bypasses LD_PRELOAD; without
    # LDB_MODULES_DISABLE_DEEPBIND the rootDSE currentTime would stay unskewed.
    pre=(env "LD_PRELOAD=$(faketime_lib)" "FAKETIME=$offset" FAKETIME_DONT_FAKE_MONOTONIC=1
         LDB_MODULES_DISABLE_DEEPBIND=1)
    echo "$offset" > "$d/clock-offset"
  else
    rm -f "$d/clock-offset"
  fi
  # "( exec ... ) &": ip, unshare, bash and env all exec, so $! is samba's own PID.
  ( exec ip netns exec "$ns" unshare --mount --propagation private /bin/bash -c "$NS_WRAPPER" \
      lab-wrapper "$LAB_DIR/etc" "$role" "$d" / "${pre[@]}" \
      samba -s "$d/etc/smb.conf" -F --no-process-group </dev/null >>"$d/log/samba.out" 2>&1 ) &
  local pid=$!
  echo "$pid" > "$d/samba.pid"
  echo "$role samba $pid $(date +%s)" >> "$LAB_DIR/pids"
  say "$role: samba started (pid $pid${offset:+, clock $offset})"
  wait_dc "$role" "$ip" "$pid"
}

wait_dc() {  # ROLE IP PID
  local role=$1 ip=$2 pid=$3 i
  local what=LDAP
  for i in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || { tail -5 "$LAB_DIR/$role/log/samba.out" >&2; die "$role: samba exited; logs in $LAB_DIR/$role/log"; }
    case $what in
      LDAP) cli ldapsearch -x -LLL -o nettimeout=1 -H "ldap://$ip" -s base -b '' dnsHostName >/dev/null 2>&1 && what=DNS ;;
      # the zone's SOA, not an SRV record: "mutate remove-srv-records" may have deleted those
      DNS) [ -n "$(cli dig +short +time=1 +tries=1 "@$ip" "$DNS_DOMAIN" SOA 2>/dev/null)" ] && what=SMB ;;
      SMB) cli timeout 1 bash -c "exec 3<>/dev/tcp/$ip/445" 2>/dev/null && what=KDC ;;
      KDC) cli timeout 1 bash -c "exec 3<>/dev/tcp/$ip/88" 2>/dev/null && what=ok ;;
    esac
    [ $what = ok ] && { say "$role: answering LDAP, DNS, SMB and Kerberos"; return 0; }
    sleep 0.1
  done
  die "$role: not answering ($what) after 60 s; logs in $LAB_DIR/$role/log"
}

# in_lab_ns PID : true if PID lives in one of the lab's network namespaces (a recorded PID
# that has since been reused by an unrelated process is never signalled)
in_lab_ns() {
  local ino ns
  ino=$(stat -L -c %i "/proc/$1/ns/net" 2>/dev/null) || return 1
  for ns in "${ALL_NS[@]}"; do
    [ "$(stat -L -c %i "/run/netns/$ns" 2>/dev/null)" = "$ino" ] && return 0
  done
  return 1
}

stop_dc() {  # ROLE NS
  local role=$1 ns=$2 pid
  [ -f "$LAB_DIR/$role/samba.pid" ] || return 0
  pid=$(cat "$LAB_DIR/$role/samba.pid")
  if in_lab_ns "$pid"; then kill -TERM "$pid"; say "$role: SIGTERM to samba pid $pid"; fi
  rm -f "$LAB_DIR/$role/samba.pid"
  reap_ns "$ns"
}

# reap_ns NS : ends whatever still runs in the namespace, by PID (samba-dcerpcd and rpcd_*
# are started on demand in their own session and outlive the samba parent).
reap_ns() {
  local ns=$1 left p i
  ns_exists "$ns" || return 0
  # samba's own children go within ~0.2 s of SIGTERM to the root; give them 0.5 s
  for i in $(seq 1 5); do [ -z "$(ip netns pids "$ns")" ] && return 0; sleep 0.1; done
  left=$(ip netns pids "$ns" | tr '\n' ' ')
  say "$ns: SIGTERM to leftover pids $left"
  for p in $left; do kill -TERM "$p" 2>/dev/null || true; done
  for i in $(seq 1 30); do [ -z "$(ip netns pids "$ns")" ] && return 0; sleep 0.1; done
  left=$(ip netns pids "$ns" | tr '\n' ' ')
  say "$ns: SIGKILL to $left"
  for p in $left; do kill -KILL "$p" 2>/dev/null || true; done
  for i in $(seq 1 30); do [ -z "$(ip netns pids "$ns")" ] && return 0; sleep 0.1; done
  say "WARNING: $ns: pids still present: $(ip netns pids "$ns" | tr '\n' ' ')"
}

# ------------------------------------------------------------------ up
provision_src() {
  local d=$LAB_DIR/src level=${LAB_FUNCTION_LEVEL:-2003}
  # LAB_FUNCTION_LEVEL=2000: the variant an SBS 2003 domain never raised is in (Samba provisions it)
  case $level in 2000|2003) ;; *) die "LAB_FUNCTION_LEVEL: 2000 or 2003 (default)" ;; esac
  mkdir -p "$d/run" "$d/log"
  dc_options src "$IP_SRC"
  src samba-tool domain provision -s "$LAB_DIR/etc/empty.conf" --targetdir="$d" \
      --realm="$REALM" --domain="$NETBIOS" --server-role=dc --dns-backend=SAMBA_INTERNAL \
      --function-level="$level" --host-name="$HOST_SRC" --host-ip="$IP_SRC" \
      --adminpass="$(admin_pw)" "${DC_OPTS[@]}" >"$d/log/provision.log" 2>&1 \
    || { tail -20 "$d/log/provision.log" >&2; die "provision failed (log: $d/log/provision.log)"; }
  append_globals "$d/etc/smb.conf"
  mkdir -p "$d/shares/UserShares" "$d/shares/ClientApps" "$d/shares/Public" "$d/shares/Company" "$d/shares/Users" \
    "$d/shares/Scans" "$d/spool"
  chmod 1777 "$d/spool"
  # a printer share (a print queue no printing system backs): the data inventory leaves it out
  sed -i '/^\[global\]/a\
	printing = bsd\
	printcap name = /dev/null\
	load printers = no' "$d/etc/smb.conf"
  cat >> "$d/etc/smb.conf" <<EOF

[UserShares]
	comment = User Shared Folders
	path = $d/shares/UserShares
	read only = no

[ClientApps]
	comment = Client Applications
	path = $d/shares/ClientApps
	read only = yes

[Public]
	comment = Company Shared Folder
	path = $d/shares/Public
	read only = no

[Company]
	comment = Company data
	path = $d/shares/Company
	read only = no

[Users]
	comment = Redirected folders
	path = $d/shares/Users
	read only = no

[Scans\$]
	comment = Scanner drop folder (hidden share)
	path = $d/shares/Scans
	read only = no

[HPLaserJet]
	comment = HP LaserJet 4250 (front office)
	path = $d/spool
	printable = yes
	printer name = HPLaserJet
EOF
  say "src: provisioned $HOST_SRC.$DNS_DOMAIN (FL $level)"
}

populate_files() {
  local d=$LAB_DIR/src u
  local sysvol=$d/state/sysvol/$DNS_DOMAIN
  printf '@echo off\r\nREM Small Business Server logon script\r\n\\\\%s\\Clients\\Setup\\setup.exe /s %s\r\n' \
    "$HOST_SRC" "$HOST_SRC" > "$sysvol/scripts/SBS_LOGIN_SCRIPT.bat"
  for u in jsmith mjones akhan lchen bwilson pgarcia; do
    mkdir -p "$d/shares/UserShares/$u/My Documents"
    printf 'Home folder of %s\r\n' "$u" > "$d/shares/UserShares/$u/readme.txt"
  done
  mkdir -p "$d/shares/ClientApps/outlook2003" "$d/shares/ClientApps/SetupClient" "$d/shares/Public/Templates"
  printf '[Setup]\r\nProduct=Microsoft Office Outlook 2003\r\n' > "$d/shares/ClientApps/outlook2003/setup.ini"
  head -c 1048576 /dev/urandom > "$d/shares/ClientApps/SetupClient/setup.bin"
  printf 'Company handbook\r\n' > "$d/shares/Public/handbook.txt"
  printf 'Invoice template\r\n' > "$d/shares/Public/Templates/invoice.dot"
  printf 'scan 0001\r\n' > "$d/shares/Scans/scan-0001.txt"
  "$PY" "$HERE/sbs-lab-data.py" "$d/shares" > "$d/log/data.log" 2>&1 \
    || { tail -5 "$d/log/data.log" >&2; die "filling the shares Company and Users failed (log: $d/log/data.log)"; }
  chmod -R a+rwX "$d/shares/UserShares" "$d/shares/Public" "$d/shares/Company" "$d/shares/Users" "$d/shares/Scans"
}

# data_attributes : once the DC answers, the DOS attributes the data generator asked for (read-only,
# hidden), set over SMB as Windows would; the top folders' NTFS ACLs and a share ACL as an SBS 2003
# administrator would have set them
data_attributes() {
  local d=$LAB_DIR/src s mode rel share cmds auth=$LAB_DIR/src/tmp/smb-auth
  mkdir -p "$d/tmp"
  ( umask 077; printf 'username = Administrator\npassword = %s\ndomain = %s\n' "$(admin_pw)" "$NETBIOS" > "$auth" )
  for share in Company Users; do
    cmds=""
    while read -r _ s mode rel; do
      [ "$s" = "$share" ] && cmds+="setmode \"$rel\" $mode; "
    done < <(grep '^attr ' "$d/log/data.log")
    if [ -n "$cmds" ] && ! cli smbclient "//$IP_SRC/$share" -A "$auth" -c "$cmds" >>"$d/log/data.log" 2>&1; then
      rm -f "$auth"; die "setting DOS attributes on $share failed (log: $d/log/data.log)"
    fi
  done
  rm -f "$auth"
  # NTFS ACLs of the top folders (SDDL; DU = Domain Users, BA = Administrators, CO = Creator Owner; full
  # control as Windows writes it, 0x1f01ff: Samba reads "FA" as 0x1ff, without DELETE, READ_CONTROL,
  # WRITE_DAC and WRITE_OWNER)
  src samba-tool ntacl set "O:BAG:DUD:PAI(A;OICI;0x1f01ff;;;BA)(A;OICI;0x1f01ff;;;SY)(A;OICI;0x1301bf;;;DU)(A;OICIIO;0x1f01ff;;;CO)" \
    "$d/shares/Company" -s "$d/etc/smb.conf" >>"$d/log/data.log" 2>&1 || die "NTFS ACL of Company failed (log: $d/log/data.log)"
  src samba-tool ntacl set "O:BAG:DUD:PAI(A;OICI;0x1f01ff;;;BA)(A;OICI;0x1f01ff;;;SY)(A;;0x100021;;;DU)(A;OICIIO;0x1f01ff;;;CO)" \
    "$d/shares/Users" -s "$d/etc/smb.conf" >>"$d/log/data.log" 2>&1 || die "NTFS ACL of Users failed (log: $d/log/data.log)"
  # share ACL of Company: Everyone read, Domain Users change, Administrators full
  local du
  du=$(src samba-tool group show "Domain Users" -s "$d/etc/smb.conf" 2>/dev/null | sed -n 's/^objectSid: //p')
  src sharesec Company -s "$d/etc/smb.conf" --replace="S-1-1-0:ALLOWED/0/READ,$du:ALLOWED/0/CHANGE,S-1-5-32-544:ALLOWED/0/FULL" \
    >>"$d/log/data.log" 2>&1 || say "src: share ACL of Company not set (log: $d/log/data.log)"
  say "src: shares Company and Users filled: $(sed -n 's/^files //p' "$d/log/data.log" | head -n1) (seed $(sed -n 's/^seed //p' "$d/log/data.log"))"
}

create_gpos() {
  # samba-tool gpo create (needs LDAP and SMB to SYSVOL), then gPLink and the WMI filters
  mkdir -p "$LAB_DIR/src/tmp"
  directory src create-gpos "ldap://$IP_SRC" "$LAB_DIR/admin.password" "$LAB_DIR/src/tmp" >"$LAB_DIR/src/log/gpos.txt" 2>&1 \
    || { tail -20 "$LAB_DIR/src/log/gpos.txt" >&2; die "creating the GPOs failed (log: $LAB_DIR/src/log/gpos.txt)"; }
  # settings in the password and lockout GPOs, as SBS 2003 writes them
  local sysvol=$LAB_DIR/src/state/sysvol/$DNS_DOMAIN guid
  guid=$(grep 'Domain Password Policy$' "$LAB_DIR/src/log/gpos.txt" | cut -d' ' -f1)
  write_inf "$sysvol/Policies/$guid" $'[System Access]\r\nMinimumPasswordAge = 0\r\nMaximumPasswordAge = 42\r\nMinimumPasswordLength = 7\r\nPasswordComplexity = 1\r\nPasswordHistorySize = 24\r\n'
  guid=$(grep 'Lockout Policy$' "$LAB_DIR/src/log/gpos.txt" | cut -d' ' -f1)
  write_inf "$sysvol/Policies/$guid" $'[System Access]\r\nLockoutBadCount = 50\r\nResetLockoutCount = 30\r\nLockoutDuration = 30\r\n'
  say "src: 8 'Small Business Server' GPOs created, 7 linked, WMI filters PostSP2/PreSP2 bound"
  # what the server-change actions act on (links next to others, folder-redirection settings, ...)
  directory src action-fixtures "$sysvol" >>"$LAB_DIR/src/log/gpos.txt" 2>&1 \
    || { tail -20 "$LAB_DIR/src/log/gpos.txt" >&2; die "adding the action fixtures failed (log: $LAB_DIR/src/log/gpos.txt)"; }
}

write_inf() {  # GPO_DIR BODY : MACHINE/.../GptTmpl.inf in UTF-16LE with BOM, like secedit
  # in the folder's own letter case (samba-tool makes "Machine"): NTFS would never hold both
  local m=MACHINE; [ -d "$1/Machine" ] && m=Machine
  local f="$1/$m/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
  mkdir -p "$(dirname "$f")"
  { printf '\xff\xfe'; printf '[Unicode]\r\nUnicode=yes\r\n%s[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n' "$2" | iconv -f UTF-8 -t UTF-16LE; } > "$f"
}

write_profile() {
  cat > "$LAB_DIR/lab.profile" <<EOF
profile.name=SBS 2003 lab
source.host=sbs2003.contoso.local
source.address=$IP_SRC
source.domain=$DNS_DOMAIN
source.netbios=$NETBIOS
source.admin=Administrator
source.ldap.security=ldaps
destination.host=newdc.contoso.local
destination.address=$IP_DST
target.version=essentials-2012
lab.ca=$LAB_DIR/ca.pem
EOF
}

make_password() {  # meets the AD complexity rules; no '%' (samba-tool -U user%pass)
  local r
  r=$(head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')
  printf 'Lab-%s-9x\n' "${r:0:12}"
}

cmd_up() {
  need_root
  case ${LAB_CLOCK_OFFSET:-+0} in
    [+-][0-9]*) [[ ${LAB_CLOCK_OFFSET:-+0} =~ ^[+-][0-9]+[smhdy]?$ ]] || die "LAB_CLOCK_OFFSET: use e.g. +10m, -2h, +600" ;;
    *) die "LAB_CLOCK_OFFSET: use e.g. +10m, -2h, +600" ;;
  esac
  if ns_exists "$NS_SRC" || ns_exists "$NS_CLI" || [ -e "$LAB_DIR/$MARKER" ]; then
    echo "sbs-lab: a lab is already live or left over (namespaces or $LAB_DIR exist)." >&2
    echo "sbs-lab: use it as it is, or run '$0 down' first." >&2
    exit 2
  fi
  [ -z "$(missing_packages)" ] || cmd_deps
  [ -d /var/log/samba ] || mkdir -p /var/log/samba
  [ -d /run/samba ] || mkdir -p /run/samba          # mount points for the per-DC dirs
  [ -e "$LAB_DIR" ] && [ -n "$(ls -A "$LAB_DIR")" ] && die "$LAB_DIR exists and is not empty; remove it or set LAB_DIR"
  mkdir -p "$LAB_DIR"
  chmod 755 "$LAB_DIR"
  touch "$LAB_DIR/$MARKER"
  : > "$LAB_DIR/pids"
  say "up: lab dir $LAB_DIR"
  ( umask 077; if [ -n "${LAB_ADMIN_PASSWORD:-}" ]; then printf '%s\n' "$LAB_ADMIN_PASSWORD"; else make_password; fi > "$LAB_DIR/admin.password" )
  ( umask 077; make_password > "$LAB_DIR/user.password" )
  chown root:root "$LAB_DIR/admin.password" "$LAB_DIR/user.password"
  write_etc
  net_client
  net_host "$NS_SRC" "$IP_SRC"
  say "up: namespaces $NS_CLI ($IP_CLI) and $NS_SRC ($IP_SRC)"
  ( make_lab_ca && issue_dc_cert src "$HOST_SRC" ) &    # overlaps with provisioning
  local tls_job=$!
  provision_src
  wait "$tls_job" || die "creating the lab CA or the DC certificate failed"
  install_dc_cert src
  directory src prepare "$LAB_DIR/src/state/sysvol/$DNS_DOMAIN" "$(user_pw)" >"$LAB_DIR/src/log/populate.log" 2>&1 \
    || { tail -20 "$LAB_DIR/src/log/populate.log" >&2; die "extending the schema or populating the directory failed"; }
  populate_files
  # Samba at FL 2000 registers no DC locator records under _msdcs; a real SBS 2003 domain has them
  if [ "${LAB_FUNCTION_LEVEL:-2003}" = 2000 ]; then
    directory src msdcs-records >>"$LAB_DIR/src/log/populate.log" 2>&1 \
      || { tail -5 "$LAB_DIR/src/log/populate.log" >&2; die "adding the _msdcs locator records failed"; }
  fi
  say "src: $(sed -n 's/^schema: //p' "$LAB_DIR/src/log/populate.log")"
  say "src: $(grep '^populated' "$LAB_DIR/src/log/populate.log")"
  start_dc src "$NS_SRC" "$IP_SRC" "${LAB_CLOCK_OFFSET:-}"
  if [ -n "${LAB_CLOCK_OFFSET:-}" ]; then   # so that "mutate restore-clock-skew" can undo it
    mkdir -p "$LAB_DIR/mutations"; date -u +%FT%TZ > "$LAB_DIR/mutations/clock-skew"
  fi
  create_gpos
  data_attributes
  write_profile
  say "up: done"
  echo "--- $LAB_DIR/lab.profile"
  cat "$LAB_DIR/lab.profile"
  # the password itself is never printed: only where it is (mode 0600, root only)
  echo "--- admin password: in $LAB_DIR/admin.password (mode 0600; give it with --password-file)"
  echo "--- run clients with: $0 run CMD...   (user password for jsmith etc.: $LAB_DIR/user.password)"
}

# ------------------------------------------------------------------ status / down
cmd_status() {
  local live=yes ns role pid
  for ns in "${ALL_NS[@]}"; do
    if ns_exists "$ns"; then echo "namespace $ns: present"; else
      echo "namespace $ns: absent"
      [ "$ns" = "$NS_DST" ] || live=no
    fi
  done
  for role in src dst; do
    [ -f "$LAB_DIR/$role/samba.pid" ] || { [ $role = src ] && { echo "samba src: no pid file"; live=no; }; continue; }
    pid=$(cat "$LAB_DIR/$role/samba.pid")
    if kill -0 "$pid" 2>/dev/null; then
      echo "samba $role: pid $pid running$( [ -f "$LAB_DIR/$role/clock-offset" ] && echo ", clock offset $(cat "$LAB_DIR/$role/clock-offset")")"
    else echo "samba $role: pid $pid NOT running"; live=no; fi
  done
  if [ $live = yes ] && cli ldapsearch -x -LLL -o nettimeout=2 -H "ldap://$IP_SRC" -s base -b '' dnsHostName 2>/dev/null | grep -qi "dnsHostName: $HOST_SRC"; then
    echo "ldap://$IP_SRC: answering"
  else
    [ $live = yes ] && echo "ldap://$IP_SRC: NOT answering"
    live=no
  fi
  if [ -d "$LAB_DIR/mutations" ] && [ -n "$(ls -A "$LAB_DIR/mutations")" ]; then
    echo "mutations applied: $(ls "$LAB_DIR/mutations" | tr '\n' ' ')"
  fi
  if [ $live = yes ]; then echo "lab: LIVE (profile $LAB_DIR/lab.profile)"; return 0; fi
  echo "lab: not live"
  return 3
}

cmd_down() {
  need_root
  local role ns pid signalled=" "
  # every samba PID the lab recorded (root processes), if it is still one of ours
  for pid in $(cat "$LAB_DIR"/src/samba.pid "$LAB_DIR"/dst/samba.pid 2>/dev/null) \
             $(awk '{print $3}' "$LAB_DIR/pids" 2>/dev/null); do
    case $signalled in *" $pid "*) continue ;; esac
    if in_lab_ns "$pid"; then kill -TERM "$pid" 2>/dev/null && say "down: SIGTERM to samba pid $pid"; fi
    signalled="$signalled$pid "
  done
  for ns in "${ALL_NS[@]}"; do
    ns_exists "$ns" || continue
    reap_ns "$ns"
    ip netns del "$ns"
    say "down: namespace $ns deleted"
  done
  if [ -e "$LAB_DIR/$MARKER" ] && mountpoint -q "$LAB_DIR/dst/data" 2>/dev/null; then
    umount "$LAB_DIR/dst/data" && say "down: unmounted $LAB_DIR/dst/data"
  fi
  if [ -e "$LAB_DIR" ]; then
    if [ -e "$LAB_DIR/$MARKER" ]; then rm -rf "$LAB_DIR"; say "down: removed $LAB_DIR"
    else say "down: $LAB_DIR has no $MARKER marker, left alone"; fi
  fi
  say "down: done"
}

require_live() {
  ns_exists "$NS_SRC" && [ -f "$LAB_DIR/src/samba.pid" ] && kill -0 "$(cat "$LAB_DIR/src/samba.pid")" 2>/dev/null \
    || die "no live lab (run: $0 up)"
}

# ------------------------------------------------------------------ second DC
cmd_join() {
  need_root
  require_live
  if [ -f "$LAB_DIR/dst/samba.pid" ] && kill -0 "$(cat "$LAB_DIR/dst/samba.pid")" 2>/dev/null; then
    say "join: $HOST_DST is already a running DC"; return 0
  fi
  [ -e "$LAB_DIR/dst/etc/smb.conf" ] && die "join: $LAB_DIR/dst exists but NEWDC is not running; run down + up"
  local d=$LAB_DIR/dst cred
  cred=$(admin_cred)
  net_host "$NS_DST" "$IP_DST"
  mkdir -p "$d/run" "$d/log"
  write_resolv "$IP_SRC" "$IP_DST"
  local krb   # rewritten in place, it is bind-mounted in running "run" sessions
  krb=$(sed "s/^\t\tkdc = $IP_SRC\$/&\n\t\tkdc = $IP_DST/" "$LAB_DIR/etc/krb5.conf")
  grep -q "kdc = $IP_DST" "$LAB_DIR/etc/krb5.conf" || printf '%s\n' "$krb" > "$LAB_DIR/etc/krb5.conf"
  dc_options dst "$IP_DST"
  dst samba-tool domain join "$DNS_DOMAIN" DC -s "$LAB_DIR/etc/empty.conf" --targetdir="$d" \
      --server="$HOST_SRC.$DNS_DOMAIN" -U "$NETBIOS\\$cred" --dns-backend=SAMBA_INTERNAL \
      --option="netbios name = $HOST_DST" "${DC_OPTS[@]}" >"$d/log/join.log" 2>&1 \
    || { tail -20 "$d/log/join.log" >&2; die "join failed (log: $d/log/join.log)"; }
  append_globals "$d/etc/smb.conf"
  # the destination's data shares (Essentials' Server Folders) on a small filesystem of their own, so that
  # "no space" can happen: a tmpfs of LAB_DST_DATA_SIZE (default 7m: the source's Company fits, Company
  # and Users together do not); mounted before samba starts, so its private mount namespace has it
  mkdir -p "$d/data"
  mountpoint -q "$d/data" || mount -t tmpfs -o "size=${LAB_DST_DATA_SIZE:-7m},mode=0755" lab-dst-data "$d/data"
  mkdir -p "$d/data/Company" "$d/data/Users"
  chmod 777 "$d/data/Company" "$d/data/Users"
  cat >> "$d/etc/smb.conf" <<EOF

[Company]
	comment = Company (Server Folders)
	path = $d/data/Company
	read only = no

[Users]
	comment = Users (Server Folders)
	path = $d/data/Users
	read only = no
EOF
  issue_dc_cert dst "$HOST_DST"
  install_dc_cert dst
  say "dst: $HOST_DST joined $DNS_DOMAIN as a DC"
  # Samba has no SYSVOL replication (no FRS/DFS-R): copy it once, with its NT ACL xattrs.
  cp -a "$LAB_DIR/src/state/sysvol/$DNS_DOMAIN/." "$d/state/sysvol/$DNS_DOMAIN/"
  start_dc dst "$NS_DST" "$IP_DST"
  # The new DC's own GSS-TSIG DNS update is refused (BADSIG); register over RPC instead.
  dst samba_dnsupdate -s "$d/etc/smb.conf" --use-samba-tool >"$d/log/dnsupdate.log" 2>&1 \
    || say "dst: samba_dnsupdate reported problems (see $d/log/dnsupdate.log)"
  # Replicate every naming context both ways until showrepl --summary says [ALL GOOD] on
  # both DCs (right after the join a partition's first inbound attempt can still be pending).
  local nc attempt ok=no out1 out2
  for attempt in 1 2 3 4 5; do
    for nc in "$BASE_DN" "CN=Configuration,$BASE_DN" "CN=Schema,CN=Configuration,$BASE_DN" \
              "DC=DomainDnsZones,$BASE_DN" "DC=ForestDnsZones,$BASE_DN"; do
      dst samba-tool drs replicate "$HOST_DST" "$HOST_SRC" "$nc" -U "$cred" >>"$d/log/replicate.log" 2>&1 \
        || say "dst: replication $HOST_SRC -> $HOST_DST of $nc failed (attempt $attempt)"
      src samba-tool drs replicate "$HOST_SRC" "$HOST_DST" "$nc" -U "$cred" >>"$d/log/replicate.log" 2>&1 \
        || say "dst: replication $HOST_DST -> $HOST_SRC of $nc failed (attempt $attempt)"
    done
    out1=$(dst samba-tool drs showrepl --summary "$IP_DST" -U "$cred" 2>&1) || true
    out2=$(src samba-tool drs showrepl --summary "$IP_SRC" -U "$cred" 2>&1) || true
    printf '== attempt %s\n%s\n%s\n' "$attempt" "$out1" "$out2" >> "$d/log/showrepl.log"
    if grep -q 'ALL GOOD' <<<"$out1" && grep -q 'ALL GOOD' <<<"$out2"; then ok=yes; break; fi
    sleep 1
  done
  [ $ok = yes ] || { tail -20 "$d/log/showrepl.log" >&2; die "replication is not healthy (log: $d/log/showrepl.log)"; }
  say "dst: replicated 5 naming contexts both ways; showrepl [ALL GOOD] on both DCs (attempt $attempt)"
  say "join: done; FSMO roles stay on $HOST_SRC (use: $0 fsmo-transfer)"
}

cmd_fsmo_transfer() {
  need_root
  require_live
  [ -f "$LAB_DIR/dst/samba.pid" ] && kill -0 "$(cat "$LAB_DIR/dst/samba.pid")" 2>/dev/null \
    || die "NEWDC is not running (run: $0 join)"
  dst samba-tool fsmo transfer --role=all -H "ldap://$IP_DST" -U "$(admin_cred)" >"$LAB_DIR/dst/log/fsmo.log" 2>&1 \
    || { cat "$LAB_DIR/dst/log/fsmo.log" >&2; die "fsmo transfer failed"; }
  src samba-tool fsmo show -H "ldap://$IP_SRC" -U "$(admin_cred)" 2>&1 | sed 's/^/  /'
  # what Netlogon does on Windows once the PDC emulator moved (the lab's DCs never update DNS
  # themselves): the new PDC registers _ldap._tcp.pdc._msdcs, the old PDC's record goes
  local pdc="_ldap._tcp.pdc" zone="_msdcs.$DNS_DOMAIN"
  dst samba-tool dns add "$IP_DST" "$zone" "$pdc" SRV "${HOST_DST,,}.$DNS_DOMAIN 389 0 100" -U "$(admin_cred)" \
      >>"$LAB_DIR/dst/log/fsmo.log" 2>&1 || say "fsmo-transfer: registering $pdc.$zone for $HOST_DST failed"
  dst samba-tool dns delete "$IP_DST" "$zone" "$pdc" SRV "${HOST_SRC,,}.$DNS_DOMAIN 389 0 100" -U "$(admin_cred)" \
      >>"$LAB_DIR/dst/log/fsmo.log" 2>&1 || true
  src samba-tool drs replicate "$HOST_SRC" "$HOST_DST" "DC=ForestDnsZones,$BASE_DN" -U "$(admin_cred)" \
      >>"$LAB_DIR/dst/log/fsmo.log" 2>&1 || say "fsmo-transfer: replicating the PDC record to $HOST_SRC failed"
  say "fsmo-transfer: all roles now on $HOST_DST"
}

# ------------------------------------------------------------------ run
cmd_run() {
  [ $# -gt 0 ] || die "usage: $0 run CMD [ARGS...]"
  need_root
  ns_exists "$NS_CLI" && [ -d "$LAB_DIR/etc" ] || die "no live lab (run: $0 up)"
  export KRB5CCNAME=${KRB5CCNAME:-FILE:$LAB_DIR/cli/krb5cc_$(id -u)}
  trap - ERR
  exec ip netns exec "$NS_CLI" unshare --mount --propagation private \
    /bin/bash -c "$NS_WRAPPER" lab-wrapper "$LAB_DIR/etc" cli "$LAB_DIR/cli" "$PWD" "$@"
}

# ------------------------------------------------------------------ mutate
# the BPA's planted problems, on NEWDC (after "join"; see bpa_mutation)
BPA_MUTATIONS=(bpa-dangling-gplink bpa-orphan-gpo-folder bpa-gpo-folder-missing bpa-gpo-version bpa-stale-computer
               bpa-ns-old-server bpa-stale-srv bpa-tombstone-60 bpa-orphan-server-object bpa-guest-enabled)
MUTATIONS=(remove-mybusiness-ou second-a-record remove-delegation-right remove-srv-records
           downgrade-service-pack too-many-users clock-skew remove-admin-batch-logon no-tls stall-ldap stall-smb
           "${BPA_MUTATIONS[@]}")

# restart the source DC keeping its clock offset (no-tls changes smb.conf, then restarts)
restart_src() {
  local offset=""
  [ -f "$LAB_DIR/src/clock-offset" ] && offset=$(cat "$LAB_DIR/src/clock-offset")
  stop_dc src "$NS_SRC"
  start_dc src "$NS_SRC" "$IP_SRC" "$offset"
}

# PIDs in the source namespace whose process name matches a pattern (samba names its workers)
src_pids() {  # PATTERN
  local p
  for p in $(ip netns pids "$NS_SRC" 2>/dev/null); do
    grep -qE "$1" "/proc/$p/comm" 2>/dev/null && echo "$p"
  done
  return 0
}

# stall: SIGSTOP the serving processes, SIGCONT them after LAB_STALL_SECONDS (default 6) in the
# background; the TCP port still accepts connections (the kernel does), nothing answers.
stall() {  # NAME PATTERN
  local m=$LAB_DIR/mutations/$1 secs=${LAB_STALL_SECONDS:-6} pids
  [[ $secs =~ ^[0-9]+$ ]] || die "LAB_STALL_SECONDS: whole seconds, e.g. 6"
  pids=$(src_pids "$2" | tr '\n' ' ')
  [ -n "$pids" ] || die "stall: no process matching $2 in $NS_SRC"
  echo "$pids" > "$m"
  kill -STOP $pids
  # resumes by itself; "mutate restore-$1" resumes at once
  ( sleep "$secs"; kill -CONT $pids 2>/dev/null; rm -f "$m" ) </dev/null >/dev/null 2>&1 &
  say "stall: stopped pids $pids ($2) for $secs s"
}

dns_tool() {  # samba-tool dns ... against the source DC, from its own namespace
  src samba-tool dns "$@" -U "$(admin_cred)"
}

# SRV records of the source DC that "remove-srv-records" deletes: ZONE NAME
SRV_RECORDS=("$DNS_DOMAIN _ldap._tcp" "_msdcs.$DNS_DOMAIN _ldap._tcp.dc")

# ---- the destination's planted problems (Best Practices Analyzer), applied on NEWDC
BPA_GUID="{0BADF00D-0000-4000-8000-00000000B9A1}"   # a GPO that does not exist
BPA_OU="OU=SBSComputers,OU=Computers,OU=MyBusiness"
BPA_HIDDEN_GPO_NAME="Small Business Server Auditing Policy"   # its GUID differs per "up"
BPA_DDP="{31B2F340-016D-11D2-945F-00C04FB984F9}"        # Default Domain Policy
dst_policies() {  # the Policies folder of NEWDC's sysvol share (its path in smb.conf), in its own letter case
  local share
  share=$(sed -n '/^\[sysvol\]/,/^\[/s/^[[:space:]]*path[[:space:]]*=[[:space:]]*//p' "$LAB_DIR/dst/etc/smb.conf" | head -n1)
  find "${share:-$LAB_DIR/dst/state/sysvol}" -maxdepth 2 -type d -ipath "*/$DNS_DOMAIN/policies" | head -n1
}
dst_gpo() { find "$(dst_policies)" -maxdepth 1 -type d -iname "$1" | head -n1; }  # GUID -> its folder
dst_ldap() {  # ldapmodify|ldapadd|ldapdelete|ldapsearch ARGS... against NEWDC as Administrator (LDAPS, lab CA)
  local tool=$1; shift
  cli "$tool" -o ldif-wrap=no -H "ldaps://${HOST_DST,,}.$DNS_DOMAIN" -D "Administrator@$DNS_DOMAIN" -w "$(admin_pw)" "$@"
}
dst_dns() { dst samba-tool dns "$@" -U "$(admin_cred)"; }
bpa_mutation() {  # apply|revert CASE
  local how=$1 c=$2 m=$LAB_DIR/mutations/$2
  [ -f "$LAB_DIR/dst/samba.pid" ] && kill -0 "$(cat "$LAB_DIR/dst/samba.pid")" 2>/dev/null \
    || die "$c: NEWDC is not running (run: $0 join)"
  case $how:$c in
    apply:bpa-dangling-gplink)
      dst_ldap ldapsearch -LLL -b "$BPA_OU,$BASE_DN" -s base gPLink | sed -n 's/^gPLink: //p' > "$m.orig"
      directory dst set "$BPA_OU" gPLink "$(cat "$m.orig")[LDAP://CN=$BPA_GUID,CN=Policies,CN=System,$BASE_DN;0]" ;;
    revert:bpa-dangling-gplink)
      directory dst set "$BPA_OU" gPLink "$(cat "$m.orig")"; rm -f "$m.orig" ;;
    apply:bpa-orphan-gpo-folder)
      mkdir -p "$(dst_policies)/$BPA_GUID/Machine" "$(dst_policies)/$BPA_GUID/User"
      printf '[General]\r\nVersion=1\r\n' > "$(dst_policies)/$BPA_GUID/GPT.INI" ;;
    revert:bpa-orphan-gpo-folder)
      rm -rf "$(dst_policies)/$BPA_GUID" ;;
    apply:bpa-gpo-folder-missing)
      local guid g
      guid=$(dst_ldap ldapsearch -LLL -b "CN=Policies,CN=System,$BASE_DN" -s one "(displayName=$BPA_HIDDEN_GPO_NAME)" cn | sed -n 's/^cn: //p')
      g=$(dst_gpo "$guid"); [ -n "$guid" ] && [ -n "$g" ] || die "$c: no folder '$guid' ($BPA_HIDDEN_GPO_NAME) in $(dst_policies): $(ls "$(dst_policies)" | tr '\n' ' ')"
      basename "$g" > "$m.name"; mv "$g" "$(dst_policies)/.bpa-moved-$(basename "$g")" ;;
    revert:bpa-gpo-folder-missing)
      mv "$(dst_policies)/.bpa-moved-$(cat "$m.name")" "$(dst_policies)/$(cat "$m.name")"; rm -f "$m.name" ;;
    apply:bpa-gpo-version)
      local ini; ini=$(find "$(dst_gpo "$BPA_DDP")" -maxdepth 1 -iname gpt.ini | head -n1)
      [ -n "$ini" ] || die "$c: no GPT.INI in $BPA_DDP"
      cp -p "$ini" "$m.orig"; echo "$ini" > "$m.path"
      sed -i 's/^Version=[0-9]*/Version=7/I' "$ini" ;;
    revert:bpa-gpo-version)
      cp -p "$m.orig" "$(cat "$m.path")"; rm -f "$m.orig" "$m.path" ;;
    apply:bpa-stale-computer)   # APPSRV01 enabled, last logon 200 days ago (FILETIME: 100 ns since 1601)
      directory dst set "CN=APPSRV01,OU=SBSServers,OU=Computers,OU=MyBusiness" userAccountControl 4096
      directory dst set "CN=APPSRV01,OU=SBSServers,OU=Computers,OU=MyBusiness" lastLogonTimestamp \
        "$(( ($(date +%s) - 200 * 86400 + 11644473600) * 10000000 ))" ;;
    revert:bpa-stale-computer)
      directory dst del "CN=APPSRV01,OU=SBSServers,OU=Computers,OU=MyBusiness" lastLogonTimestamp
      directory dst set "CN=APPSRV01,OU=SBSServers,OU=Computers,OU=MyBusiness" userAccountControl 4098 ;;
    apply:bpa-ns-old-server)
      dst_dns add "$IP_DST" "$DNS_DOMAIN" @ NS "oldsrv.$DNS_DOMAIN" >/dev/null ;;
    revert:bpa-ns-old-server)
      dst_dns delete "$IP_DST" "$DNS_DOMAIN" @ NS "oldsrv.$DNS_DOMAIN" >/dev/null ;;
    apply:bpa-stale-srv)
      dst_dns add "$IP_DST" "$DNS_DOMAIN" _ldap._tcp SRV "oldsrv.$DNS_DOMAIN 389 0 100" >/dev/null ;;
    revert:bpa-stale-srv)
      dst_dns delete "$IP_DST" "$DNS_DOMAIN" _ldap._tcp SRV "oldsrv.$DNS_DOMAIN 389 0 100" >/dev/null ;;
    apply:bpa-tombstone-60)
      directory dst set "CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration" tombstoneLifetime 60 ;;
    revert:bpa-tombstone-60)
      directory dst set "CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration" tombstoneLifetime 180 ;;
    apply:bpa-orphan-server-object)
      printf 'dn: CN=OLDSRV,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,%s\nobjectClass: server\ndNSHostName: oldsrv.%s\n' \
        "$BASE_DN" "$DNS_DOMAIN" | dst_ldap ldapadd >/dev/null ;;
    revert:bpa-orphan-server-object)
      dst_ldap ldapdelete "CN=OLDSRV,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,$BASE_DN" ;;
    apply:bpa-guest-enabled)
      directory dst set "CN=Guest,CN=Users" userAccountControl 66080 ;;
    revert:bpa-guest-enabled)
      directory dst set "CN=Guest,CN=Users" userAccountControl 66082 ;;
    *) die "bpa_mutation: $how $c" ;;
  esac
}

apply_mutation() {  # CASE
  local m=$LAB_DIR/mutations/$1
  case $1 in
    remove-mybusiness-ou)
      directory src rename "OU=MyBusiness" "OU=MyBusiness-removed-by-lab" ;;
    second-a-record)
      dns_tool add "$IP_SRC" "$DNS_DOMAIN" "$HOST_SRC" A "$IP_EXTRA" >/dev/null
      # the clients' resolver sees it too, listed first (hosts is bind-mounted: rewrite in place)
      { printf '%s\t%s %s\n' "$IP_EXTRA" "${HOST_SRC,,}.$DNS_DOMAIN" "${HOST_SRC,,}"; grep -v "^$IP_EXTRA	" "$LAB_DIR/etc/hosts"; } > "$m.hosts"
      cat "$m.hosts" > "$LAB_DIR/etc/hosts"; rm -f "$m.hosts" ;;
    remove-delegation-right)
      directory src ddcp "$LAB_DIR/src/state/sysvol/$DNS_DOMAIN" no >/dev/null ;;
    remove-admin-batch-logon)
      directory src ddcp-batch-admins "$LAB_DIR/src/state/sysvol/$DNS_DOMAIN" no >/dev/null ;;
    remove-srv-records)
      local r zone name data
      : > "$m.tmp"
      for r in "${SRV_RECORDS[@]}"; do
        read -r zone name <<<"$r"
        # "sbs2003.contoso.local 389 0 100": target port priority weight, as samba-tool wants it
        data=$(cli dig +short "@$IP_SRC" "$name.$zone" SRV | awk -v h="${HOST_SRC,,}.$DNS_DOMAIN." 'tolower($4)==h {sub(/\.$/,"",$4); print $4, $3, $1, $2; exit}')
        [ -n "$data" ] || continue
        dns_tool delete "$IP_SRC" "$zone" "$name" SRV "$data" >/dev/null
        printf '%s\t%s\t%s\n' "$zone" "$name" "$data" >> "$m.tmp"
      done
      mv "$m.tmp" "$m" ; return 0 ;;
    downgrade-service-pack)
      directory src set "CN=$HOST_SRC,OU=Domain Controllers" operatingSystemServicePack "Service Pack 1" ;;
    too-many-users)
      directory src fill-users 30 "$(user_pw)" >/dev/null ;;
    clock-skew)
      local offset=${LAB_CLOCK_OFFSET:-+10m}
      [[ $offset =~ ^[+-][0-9]+[smhdy]?$ ]] || die "LAB_CLOCK_OFFSET: use e.g. +10m, -2h, +600"
      stop_dc src "$NS_SRC"
      start_dc src "$NS_SRC" "$IP_SRC" "$offset" ;;
    no-tls)   # a stock SBS 2003: no certificate, so neither LDAPS nor StartTLS
      sed -i '/^\[global\]/a\
	tls enabled = no' "$LAB_DIR/src/etc/smb.conf"
      restart_src ;;
    stall-ldap)
      stall stall-ldap '^ldap' ; return 0 ;;
    stall-smb)
      stall stall-smb '^smbd' ; return 0 ;;
    bpa-*) bpa_mutation apply "$1" ;;
    *) die "unknown mutate case '$1' (known: ${MUTATIONS[*]})" ;;
  esac
  [ -e "$m" ] || date -u +%FT%TZ > "$m"
}

revert_mutation() {  # CASE
  local m=$LAB_DIR/mutations/$1
  case $1 in
    remove-mybusiness-ou)
      directory src rename "OU=MyBusiness-removed-by-lab" "OU=MyBusiness" ;;
    second-a-record)
      dns_tool delete "$IP_SRC" "$DNS_DOMAIN" "$HOST_SRC" A "$IP_EXTRA" >/dev/null
      grep -v "^$IP_EXTRA	" "$LAB_DIR/etc/hosts" > "$m.hosts" || true
      cat "$m.hosts" > "$LAB_DIR/etc/hosts"; rm -f "$m.hosts" ;;
    remove-delegation-right)
      directory src ddcp "$LAB_DIR/src/state/sysvol/$DNS_DOMAIN" yes >/dev/null ;;
    remove-admin-batch-logon)
      directory src ddcp-batch-admins "$LAB_DIR/src/state/sysvol/$DNS_DOMAIN" yes >/dev/null ;;
    remove-srv-records)
      local zone name data
      while IFS=$'\t' read -r zone name data; do
        dns_tool add "$IP_SRC" "$zone" "$name" SRV "$data" >/dev/null
      done < "$m" ;;
    downgrade-service-pack)
      directory src set "CN=$HOST_SRC,OU=Domain Controllers" operatingSystemServicePack "Service Pack 2" ;;
    too-many-users)
      directory src drop-users labuser >/dev/null ;;
    clock-skew)
      stop_dc src "$NS_SRC"
      start_dc src "$NS_SRC" "$IP_SRC" "" ;;
    no-tls)
      sed -i '/^\ttls enabled = no$/d' "$LAB_DIR/src/etc/smb.conf"
      restart_src ;;
    stall-ldap|stall-smb)
      # shellcheck disable=SC2046
      kill -CONT $(cat "$m" 2>/dev/null) 2>/dev/null || true ;;
    bpa-*) bpa_mutation revert "$1" ;;
    *) die "unknown mutate case '$1' (known: ${MUTATIONS[*]})" ;;
  esac
  rm -f "$m"
}

cmd_mutate() {
  local case=${1:-}
  [ -n "$case" ] || die "usage: $0 mutate CASE|restore-CASE|restore-all|list (cases: ${MUTATIONS[*]})"
  if [ "$case" = list ]; then
    local c
    for c in "${MUTATIONS[@]}"; do
      printf '%-26s %s\n' "$c" "$([ -e "$LAB_DIR/mutations/$c" ] && echo applied || echo -)"
    done
    return 0
  fi
  need_root
  require_live
  mkdir -p "$LAB_DIR/mutations"
  if [ "$case" = restore-all ]; then
    local c
    for c in "${MUTATIONS[@]}"; do [ -e "$LAB_DIR/mutations/$c" ] && cmd_mutate "restore-$c"; done
    return 0
  fi
  local base=${case#restore-}
  case " ${MUTATIONS[*]} " in *" $base "*) ;; *) die "unknown mutate case '$base' (known: ${MUTATIONS[*]})" ;; esac
  if [ "$base" != "$case" ]; then
    [ -e "$LAB_DIR/mutations/$base" ] || { say "mutate: $base is not applied, nothing to restore"; return 0; }
    revert_mutation "$base"
    say "mutate: $base restored"
  else
    [ -e "$LAB_DIR/mutations/$base" ] && { say "mutate: $base is already applied"; return 0; }
    apply_mutation "$base"
    say "mutate: $base applied (undo: $0 mutate restore-$base)"
  fi
}

# ------------------------------------------------------------------ main
usage() { sed -n '2,/^set -Eeuo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

case ${1:-} in
  deps) cmd_deps ;;
  up) cmd_up ;;
  status) rc=0; cmd_status || rc=$?; exit $rc ;;
  down) cmd_down ;;
  join) cmd_join ;;
  fsmo-transfer) cmd_fsmo_transfer ;;
  run) shift; cmd_run "$@" ;;
  mutate) shift; cmd_mutate "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
