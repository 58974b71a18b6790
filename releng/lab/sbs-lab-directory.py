#!/usr/bin/python3
# Directory work for sbs-lab.sh: dresses a freshly provisioned Samba AD database up as a
# Windows SBS 2003 domain, and applies or reverts the "mutate" cases. Always run by
# sbs-lab.sh with /usr/bin/python3 (Samba's Python bindings live there, not in a pyenv).
#
# It opens the DC's own sam.ldb with system rights (no network, no password), which is how
# samba-tool works with -H .../sam.ldb; the running samba process sees the changes at once.
#
#   sbs-lab-directory.py SMB_CONF extend-schema
#   sbs-lab-directory.py SMB_CONF populate SYSVOL_DOMAIN_DIR USER_PASSWORD
#   sbs-lab-directory.py SMB_CONF prepare SYSVOL_DOMAIN_DIR USER_PASSWORD   (both, one process)
#   sbs-lab-directory.py SMB_CONF create-gpos LDAP_URL ADMIN_PASSWORD_FILE TMPDIR
#   sbs-lab-directory.py SMB_CONF rename RDN_PATH NEW_RDN      (relative to the domain DN)
#   sbs-lab-directory.py SMB_CONF set DN_PATH ATTRIBUTE VALUE
#   sbs-lab-directory.py SMB_CONF fill-users TOTAL PASSWORD    (OU=SBSUsers up to TOTAL users)
#   sbs-lab-directory.py SMB_CONF drop-users PREFIX
#   sbs-lab-directory.py SMB_CONF count-users
#   sbs-lab-directory.py SMB_CONF ddcp SYSVOL_DOMAIN_DIR yes|no  (DC policy with/without delegation right)
import glob
import os
import sys
import time
import uuid

import ldb
from samba import dsdb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

SBS = "SBS2003"
DNS_DOMAIN = "contoso.local"
MAIL_DOMAIN = "contoso.local"
EXCHANGE_ORG = "Contoso"
EXCHANGE_ADMIN_GROUP = "first administrative group"

MYBUSINESS = "OU=MyBusiness"
SBS_USERS = "OU=SBSUsers,OU=Users,OU=MyBusiness"
SBS_COMPUTERS = "OU=SBSComputers,OU=Computers,OU=MyBusiness"
SBS_SERVERS = "OU=SBSServers,OU=Computers,OU=MyBusiness"
SECURITY_GROUPS = "OU=Security Groups,OU=MyBusiness"
DISTRIBUTION_GROUPS = "OU=Distribution Groups,OU=MyBusiness"

# Well-known GUID of the "Default Domain Controllers Policy".
DDCP_GUID = "{6AC1786C-016F-11D2-945F-00C04FB984F9}"

GPOS_AND_LINKS = [
    # SBS 2003 GPO name, where it is linked (None = created but not linked)
    ("Small Business Server Auditing Policy", "OU=Domain Controllers"),
    ("Small Business Server Client Computer", SBS_COMPUTERS),
    ("Small Business Server Domain Password Policy", ""),
    ("Small Business Server Internet Connection Firewall", SBS_COMPUTERS),
    ("Small Business Server Lockout Policy", ""),
    ("Small Business Server Remote Assistance Policy", SBS_COMPUTERS),
    ("Small Business Server Windows Firewall", SBS_COMPUTERS),
    ("Small Business Server Folder Redirection", None),
]

# WMI filters of SBS 2003 SP1: the Windows Firewall GPO applies to XP SP2 and later
# ("PostSP2"), the older Internet Connection Firewall GPO to XP before SP2 ("PreSP2").
# The exact WQL text of the real filters is not documented; these queries select the same
# machines.
WMI_FILTERS = [
    ("PostSP2", "Windows XP SP2 and later client computers",
     'Select * from Win32_OperatingSystem where ProductType = "1" and '
     '((Version = "5.1.2600" and ServicePackMajorVersion >= 2) or Version >= "6")',
     "Small Business Server Windows Firewall"),
    ("PreSP2", "Windows XP client computers before SP2",
     'Select * from Win32_OperatingSystem where ProductType = "1" and '
     'Version <= "5.1.2600" and ServicePackMajorVersion < 2',
     "Small Business Server Internet Connection Firewall"),
]


def open_db(conf, schema_updates=False):
    lp = LoadParm()
    lp.load(conf)
    if schema_updates:
        lp.set("dsdb:schema update allowed", "true")
    return SamDB(url=lp.private_path("sam.ldb"), session_info=system_session(), lp=lp, am_rodc=False)


def dn(db, rel):
    base = str(db.domain_dn())
    return "%s,%s" % (rel, base) if rel else base


def replace(db, target, **attrs):
    msg = ldb.Message(ldb.Dn(db, target))
    for name, value in attrs.items():
        name = name.replace("_", "-")
        msg[name] = ldb.MessageElement(value, ldb.FLAG_MOD_REPLACE, name)
    db.modify(msg)


def exists(db, target):
    try:
        return len(db.search(base=target, scope=ldb.SCOPE_BASE, attrs=["dn"])) == 1
    except ldb.LdbError:
        return False


def sid_of(db, sam):
    res = db.search(base=str(db.domain_dn()), scope=ldb.SCOPE_SUBTREE,
                    expression="(sAMAccountName=%s)" % ldb.binary_encode(sam), attrs=["objectSid"])
    return str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))


# ---------------------------------------------------------------- Exchange 2003 schema bits
# Real Exchange 2003 definitions (attributeID, syntax, schemaIDGUID, linkID), trimmed to what
# the lab uses. legacyExchangeDN and proxyAddresses are already in the Windows base schema.
EXCHANGE_ATTRIBUTES = [
    dict(cn="ms-Exch-Mail-Nickname", lDAPDisplayName="mailNickname",
         attributeID="1.2.840.113556.1.2.447", attributeSyntax="2.5.5.12", oMSyntax="64",
         isSingleValued="TRUE", rangeLower="1", rangeUpper="64", searchFlags="5",
         schemaIDGUID="bf9679b3-0de6-11d0-a285-00aa003049e2"),
    dict(cn="ms-Exch-Home-Server-Name", lDAPDisplayName="msExchHomeServerName",
         attributeID="1.2.840.113556.1.4.7000.102.47", attributeSyntax="2.5.5.12", oMSyntax="64",
         isSingleValued="TRUE", searchFlags="25",
         schemaIDGUID="a284f30e-b093-11d2-aa06-00c04f8eedd8"),
    dict(cn="ms-Exch-Home-MDB", lDAPDisplayName="homeMDB",
         attributeID="1.2.840.113556.1.2.244", attributeSyntax="2.5.5.1", oMSyntax="127",
         isSingleValued="TRUE", searchFlags="0",
         schemaIDGUID="bf967987-0de6-11d0-a285-00aa003049e2"),
]


def extend_schema(conf):
    db = open_db(conf, schema_updates=True)
    schema = str(db.get_schema_basedn())
    added = 0
    for a in EXCHANGE_ATTRIBUTES:
        target = "CN=%s,%s" % (a["cn"], schema)
        if exists(db, target):
            continue
        rec = {"dn": target, "objectClass": ["top", "attributeSchema"],
               "showInAdvancedViewOnly": "TRUE", "adminDisplayName": a["cn"],
               "adminDescription": a["cn"]}
        for k, v in a.items():
            if k == "schemaIDGUID":
                rec[k] = uuid.UUID(v).bytes_le
            elif k != "cn":
                rec[k] = v
        db.add(rec)
        added += 1
    db.set_schema_update_now()
    # Exchange makes these mail-recipient attributes; mailRecipient is an auxiliary class of
    # user, group and contact, so that is where they go.
    msg = ldb.Message(ldb.Dn(db, "CN=Mail-Recipient,%s" % schema))
    res = db.search(base=str(msg.dn), scope=ldb.SCOPE_BASE, attrs=["mayContain"])
    have = set(str(v) for v in res[0].get("mayContain", []))
    want = [a["lDAPDisplayName"] for a in EXCHANGE_ATTRIBUTES if a["lDAPDisplayName"] not in have]
    if want:
        msg["mayContain"] = ldb.MessageElement(want, ldb.FLAG_MOD_ADD, "mayContain")
        db.modify(msg)
    db.set_schema_update_now()
    print("schema: %d Exchange 2003 attributes added, mailRecipient may contain %s"
          % (added, ", ".join(a["lDAPDisplayName"] for a in EXCHANGE_ATTRIBUTES)))


# ---------------------------------------------------------------- populate
USERS = [
    # sAMAccountName, given name, surname, department, title, mailbox?, in groups
    ("jsmith", "John", "Smith", "Accounting", "Accountant", True,
     ["Remote Web Workplace Users", "Mobile Users"]),
    ("mjones", "Mary", "Jones", "Sales", "Sales Manager", True,
     ["Remote Web Workplace Users", "Mobile Users", "Remote Operators"]),
    ("akhan", "Amir", "Khan", "IT", "Office IT", True,
     ["Remote Web Workplace Users", "Domain Power Users", "SBS Folder Operators"]),
    ("lchen", "Li", "Chen", "Sales", "Sales", True, ["Remote Web Workplace Users"]),
    ("bwilson", "Bob", "Wilson", "Accounting", "Bookkeeper", False, []),
    ("pgarcia", "Paula", "Garcia", "Reception", "Receptionist", False, ["Fax Operators"]),
]
# Created "by hand in ADUC": no logon script, no home folder, no mailbox.
ADUC_USERS = [
    ("tempworker", "Temp", "Worker", SBS_USERS, "Created in ADUC by the office manager"),
    ("scanner", "Scan", "Station", "CN=Users", "Scan-to-folder account, created in ADUC"),
]
# Accounts a real SBS 2003 server carries in CN=Users.
SERVICE_ACCOUNTS = [
    ("IUSR_%s" % SBS, "Built-in account for anonymous access to Internet Information Services"),
    ("IWAM_%s" % SBS, "Built-in account for Internet Information Services to start out of process applications"),
    ("SBSMonAcct", "Small Business Server monitoring account"),
]
# The SBS user templates, kept as disabled accounts (where SBS keeps them is not documented).
TEMPLATES = [("TmplUser", "User Template"), ("TmplMobileUser", "Mobile User Template"),
             ("TmplPowerUser", "Power User Template"), ("TmplAdmin", "Small Business Administrator Template")]

UNIVERSAL_SECURITY = dsdb.GTYPE_SECURITY_UNIVERSAL_GROUP
GLOBAL_SECURITY = dsdb.GTYPE_SECURITY_GLOBAL_GROUP
DOMAIN_LOCAL_SECURITY = dsdb.GTYPE_SECURITY_DOMAIN_LOCAL_GROUP
UNIVERSAL_DISTRIBUTION = dsdb.GTYPE_DISTRIBUTION_UNIVERSAL_GROUP

SECURITY_GROUP_LIST = [
    ("Administrator Templates", "Members have administrative privileges (SBS template group)"),
    ("Domain Power Users", "Members have power user privileges on the domain"),
    ("Fax Operators", "Members can manage faxes"),
    ("Folder Operators", "Members can manage shared folders"),
    ("Mail Operators", "Members can manage e-mail"),
    ("Remote Operators", "Members can remotely manage the server"),
    ("SharePoint Administrators", "Members can administer Windows SharePoint Services"),
    ("Mobile Users", "Members can connect remotely (VPN, RPC over HTTP)"),
    ("Remote Web Workplace Users", "Members can use Remote Web Workplace"),
    ("SBS Folder Operators", "SBS folder operators"),
]
DISTRIBUTION_GROUP_LIST = [
    ("All Users", "allusers", "All company users"),
    ("Sales", "sales", "Sales department"),
    ("Accounting", "accounting", "Accounting department"),
]

CLIENTS = [
    # name, operatingSystem, version, service pack
    ("WS-XP01", "Windows XP Professional", "5.1 (2600)", "Service Pack 3"),
    ("WS-XP02", "Windows XP Professional", "5.1 (2600)", "Service Pack 2"),
    ("WS-VISTA01", "Windows Vista\u2122 Business", "6.0 (6002)", "Service Pack 2"),
    ("WS-WIN7-01", "Windows 7 Professional", "6.1 (7601)", "Service Pack 1"),
    ("LAPTOP-WIN7", "Windows 7 Professional", "6.1 (7601)", "Service Pack 1"),
    ("WS-WIN10-01", "Windows 10 Pro", "10.0 (19045)", None),
    ("WS-W2K01", "Windows 2000 Professional", "5.0 (2195)", "Service Pack 4"),
    ("WS-WIN10-02", "Windows 10 Pro", "10.0 (19045)", None),   # disabled: a spare, see DISABLED_CLIENTS
]
DISABLED_CLIENTS = ["WS-WIN10-02"]
# (step 3's inventory) days since the last logon (lastLogonTimestamp); LAPTOP-WIN7 has not logged
# on for 200 days (stale), the others recently; APPSRV01 is the member server
LAST_LOGON_DAYS = {"WS-XP01": 2, "WS-XP02": 5, "WS-VISTA01": 9, "WS-WIN7-01": 1, "LAPTOP-WIN7": 200,
                   "WS-WIN10-01": 3, "WS-W2K01": 12, "WS-WIN10-02": 30, "APPSRV01": 1}
# A records in the domain's zone (the others have none)
CLIENT_ADDRESSES = {"WS-WIN10-01": "10.99.0.31", "WS-WIN7-01": "10.99.0.32", "WS-XP01": "10.99.0.33",
                    "WS-W2K01": "10.99.0.34", "APPSRV01": "10.99.0.40"}


def filetime_days_ago(days):
    """A Windows FILETIME (100 ns since 1601) for now minus DAYS days."""
    return str(int((time.time() - days * 86400) * 10000000) + 116444736000000000)


def client_logons_and_dns(db):
    """Sets lastLogonTimestamp of the computers (LAST_LOGON_DAYS) and adds their A records
    (CLIENT_ADDRESSES) as dnsNode objects in the domain's zone, as the clients' DNS registration does."""
    from samba.dcerpc import dnsp
    from samba.ndr import ndr_pack
    from samba.provision.sambadns import ARecord
    for name, days in LAST_LOGON_DAYS.items():
        ou = SBS_SERVERS if name == "APPSRV01" else SBS_COMPUTERS
        msg = ldb.Message(ldb.Dn(db, "CN=%s,%s" % (name, dn(db, ou))))
        msg["lastLogonTimestamp"] = ldb.MessageElement(filetime_days_ago(days), ldb.FLAG_MOD_REPLACE,
                                                       "lastLogonTimestamp")
        db.modify(msg, controls=["relax:0"])
    # samba's newcomputer leaves an account without a password, disabled; a joined computer has a
    # machine password (pwdLastSet: now) and is enabled
    for name in LAST_LOGON_DAYS:
        db.setpassword("(sAMAccountName=%s$)" % name, uuid.uuid4().hex + "Aa1!")
        ou = SBS_SERVERS if name == "APPSRV01" else SBS_COMPUTERS
        replace(db, "CN=%s,%s" % (name, dn(db, ou)), userAccountControl=str(dsdb.UF_WORKSTATION_TRUST_ACCOUNT))
    for name in DISABLED_CLIENTS:
        replace(db, "CN=%s,%s" % (name, dn(db, SBS_COMPUTERS)),
                userAccountControl=str(dsdb.UF_WORKSTATION_TRUST_ACCOUNT | dsdb.UF_ACCOUNTDISABLE))
    zones = db.search(base=str(db.get_root_basedn()), scope=ldb.SCOPE_SUBTREE,
                      expression="(&(objectClass=dnsZone)(name=%s))" % DNS_DOMAIN, attrs=["dn"],
                      controls=["search_options:1:2"])
    if not zones:
        # not seen so far; the inventory then finds no A record for any client, which its tests notice
        print("warning: no dnsZone %s in the directory: the clients get no A records" % DNS_DOMAIN)
        return
    zone = zones[0].dn
    for name, ip in CLIENT_ADDRESSES.items():
        node = ldb.Dn(db, "DC=%s,%s" % (name.lower(), zone))
        if exists(db, str(node)):
            continue
        msg = ldb.Message(node)
        msg["objectClass"] = ldb.MessageElement(["top", "dnsNode"], ldb.FLAG_MOD_ADD, "objectClass")
        msg["dnsRecord"] = ldb.MessageElement([ndr_pack(ARecord(ip))], ldb.FLAG_MOD_ADD, "dnsRecord")
        db.add(msg)


def exchange_paths(db):
    config = str(db.get_config_basedn())
    org = "CN=%s,CN=Microsoft Exchange,CN=Services,%s" % (EXCHANGE_ORG, config)
    server = "CN=%s,CN=Servers,CN=%s,CN=Administrative Groups,%s" % (SBS, EXCHANGE_ADMIN_GROUP, org)
    store = "CN=Mailbox Store (%s),CN=First Storage Group,CN=InformationStore,%s" % (SBS, server)
    return org, server, store


def populate(conf, sysvol_domain_dir, user_password):
    db = open_db(conf)
    base = str(db.domain_dn())
    config = str(db.get_config_basedn())
    db.transaction_start()
    try:
        # OU tree of the SBS 2003 setup
        for ou in [MYBUSINESS, "OU=Computers,OU=MyBusiness", SBS_COMPUTERS, SBS_SERVERS,
                   "OU=Users,OU=MyBusiness", SBS_USERS, SECURITY_GROUPS, DISTRIBUTION_GROUPS]:
            db.create_ou(dn(db, ou))

        # Exchange 2003 organisation skeleton in the configuration partition. Plain containers:
        # the Exchange object classes are not in Samba's schema; the DNs are the real ones.
        org, server, store = exchange_paths(db)
        chain = ["CN=Microsoft Exchange,CN=Services,%s" % config, org,
                 "CN=Administrative Groups,%s" % org,
                 "CN=%s,CN=Administrative Groups,%s" % (EXCHANGE_ADMIN_GROUP, org),
                 "CN=Servers,CN=%s,CN=Administrative Groups,%s" % (EXCHANGE_ADMIN_GROUP, org),
                 server, "CN=InformationStore,%s" % server,
                 "CN=First Storage Group,CN=InformationStore,%s" % server, store]
        for c in chain:
            db.add({"dn": c, "objectClass": "container", "showInAdvancedViewOnly": "TRUE"})

        # groups
        for name, desc in SECURITY_GROUP_LIST:
            db.newgroup(name, groupou=SECURITY_GROUPS, grouptype=UNIVERSAL_SECURITY, description=desc)
        for name, nick, desc in DISTRIBUTION_GROUP_LIST:
            db.newgroup(name, groupou=DISTRIBUTION_GROUPS, grouptype=UNIVERSAL_DISTRIBUTION,
                        description=desc, mailaddress="%s@%s" % (nick, MAIL_DOMAIN))
            replace(db, "CN=%s,%s" % (name, dn(db, DISTRIBUTION_GROUPS)), mailNickname=nick,
                    proxyAddresses="SMTP:%s@%s" % (nick, MAIL_DOMAIN))
        # created by the DHCP server and by Exchange setup, in the default Users container
        for name, desc, gtype in [
                ("DHCP Administrators", "Members who have administrative access to DHCP service", DOMAIN_LOCAL_SECURITY),
                ("DHCP Users", "Members who have view-only access to the DHCP service", DOMAIN_LOCAL_SECURITY),
                ("Exchange Domain Servers", "Microsoft Exchange Domain Servers", GLOBAL_SECURITY),
                ("Exchange Enterprise Servers", "Microsoft Exchange Enterprise Servers", DOMAIN_LOCAL_SECURITY)]:
            db.newgroup(name, groupou="CN=Users", grouptype=gtype, description=desc)
        # Domain Power Users is a member of the operator groups and of two builtin groups
        for g in ["Fax Operators", "Folder Operators", "Mail Operators", "Remote Operators",
                  "SharePoint Administrators", "Account Operators", "Print Operators"]:
            db.add_remove_group_members(g, ["Domain Power Users"], add_members_operation=True)

        # users made by the SBS "Add User" wizard
        for sam, given, sur, dept, title, mailbox, groups in USERS:
            # useusernameascn=None: CN is "Given Surname", as the SBS wizard names users
            db.newuser(sam, user_password, useusernameascn=None, userou=SBS_USERS, givenname=given, surname=sur,
                       department=dept, jobtitle=title, company="Contoso Ltd",
                       mailaddress="%s@%s" % (sam, MAIL_DOMAIN), scriptpath="SBS_LOGIN_SCRIPT.bat",
                       homedrive="Z:", homedirectory="\\\\%s\\UserShares\\%s" % (SBS, sam))
            target = "CN=%s %s,%s" % (given, sur, dn(db, SBS_USERS))
            if mailbox:
                replace(db, target, mailNickname=sam,
                        legacyExchangeDN="/o=%s/ou=%s/cn=Recipients/cn=%s" % (EXCHANGE_ORG, EXCHANGE_ADMIN_GROUP, sam),
                        msExchHomeServerName="/o=%s/ou=%s/cn=Configuration/cn=Servers/cn=%s"
                        % (EXCHANGE_ORG, EXCHANGE_ADMIN_GROUP, SBS),
                        homeMDB=store,
                        proxyAddresses="SMTP:%s@%s" % (sam, MAIL_DOMAIN))
            for g in ["All Users"] + groups:
                db.add_remove_group_members(g, [sam], add_members_operation=True)
        for sam, given, sur, ou, desc in ADUC_USERS:
            db.newuser(sam, user_password, useusernameascn=None, userou=ou, givenname=given, surname=sur,
                       description=desc)
        for sam, desc in SERVICE_ACCOUNTS:
            db.newuser(sam, user_password, useusernameascn=True, userou="CN=Users", description=desc)
        # The Administrator has the server's first mailbox.
        replace(db, "CN=Administrator,CN=Users,%s" % base, mail="Administrator@%s" % MAIL_DOMAIN,
                mailNickname="Administrator",
                legacyExchangeDN="/o=%s/ou=%s/cn=Recipients/cn=Administrator" % (EXCHANGE_ORG, EXCHANGE_ADMIN_GROUP),
                msExchHomeServerName="/o=%s/ou=%s/cn=Configuration/cn=Servers/cn=%s"
                % (EXCHANGE_ORG, EXCHANGE_ADMIN_GROUP, SBS), homeMDB=store)
        # the four SBS user templates: disabled accounts
        for sam, display in TEMPLATES:
            db.newuser(sam, user_password, useusernameascn=True, userou="OU=Users,OU=MyBusiness",
                       description="Small Business Server user template: %s" % display)
            replace(db, "CN=%s,%s" % (sam, dn(db, "OU=Users,OU=MyBusiness")), displayName=display,
                    userAccountControl=str(dsdb.UF_NORMAL_ACCOUNT | dsdb.UF_ACCOUNTDISABLE))

        # the SBS server itself
        dc = "CN=%s,OU=Domain Controllers,%s" % (SBS, base)
        replace(db, dc, operatingSystem="Windows Server 2003 for Small Business Server",
                operatingSystemVersion="5.2 (3790)", operatingSystemServicePack="Service Pack 2",
                description="Windows Small Business Server 2003")
        # client computers, and a member server
        for name, os_name, version, sp in CLIENTS:
            db.newcomputer(name, computerou=SBS_COMPUTERS, description="Client computer")
            attrs = dict(operatingSystem=os_name, operatingSystemVersion=version,
                         dNSHostName="%s.%s" % (name.lower(), DNS_DOMAIN))
            if sp:
                attrs["operatingSystemServicePack"] = sp
            replace(db, "CN=%s,%s" % (name, dn(db, SBS_COMPUTERS)), **attrs)
        db.newcomputer("APPSRV01", computerou=SBS_SERVERS, description="Line-of-business application server")
        replace(db, "CN=APPSRV01,%s" % dn(db, SBS_SERVERS), operatingSystem="Windows Server 2003",
                operatingSystemVersion="5.2 (3790)", operatingSystemServicePack="Service Pack 2",
                dNSHostName="appsrv01.%s" % DNS_DOMAIN)

        # a printer shared on the SBS server and published in the directory
        db.add({"dn": "CN=%s-HPLaserJet4250,%s" % (SBS, dc), "objectClass": "printQueue",
                "printerName": "HP LaserJet 4250 PCL 6", "serverName": "%s.%s" % (SBS, DNS_DOMAIN),
                "shortServerName": SBS, "uNCName": "\\\\%s.%s\\HPLaserJ" % (SBS, DNS_DOMAIN),
                "printShareName": "HPLaserJ", "versionNumber": "4", "driverName": "HP LaserJet 4250 PCL 6",
                "portName": "IP_10.99.0.20", "location": "Office, first floor",
                "printColor": "FALSE", "printDuplexSupported": "TRUE", "url": "http://%s/printers/HPLaserJ/.printer" % SBS})

        # DHCP server authorised in the directory (as the DHCP console does)
        net = "CN=NetServices,CN=Services,%s" % config
        fqdn = "%s.%s" % (SBS.lower(), DNS_DOMAIN)
        entry = "i10.99.0.10$rcn=%s$f0x00000000$" % fqdn
        if not exists(db, "CN=DhcpRoot,%s" % net):
            db.add({"dn": "CN=DhcpRoot,%s" % net, "objectClass": "dHCPClass", "dhcpUniqueKey": "0",
                    "dhcpType": "6", "dhcpFlags": "0", "dhcpIdentification": "DhcpRoot",
                    "dhcpServers": entry})
        db.add({"dn": "CN=%s,%s" % (fqdn, net), "objectClass": "dHCPClass", "dhcpUniqueKey": "0",
                "dhcpType": "1", "dhcpFlags": "0", "dhcpIdentification": "This is a server object",
                "dhcpServers": entry})
        db.transaction_commit()
    except Exception:
        db.transaction_cancel()
        raise
    client_logons_and_dns(db)

    # The Default Domain Controllers Policy as SBS 2003 leaves it (UTF-16LE, like secedit).
    sids = {sam: sid_of(db, sam) for sam in ("IUSR_%s" % SBS, "IWAM_%s" % SBS, "SBSMonAcct")}
    write_ddcp_template(sysvol_domain_dir, sids, with_delegation=True)
    print("populated: 8 OUs, %d groups, %d users (+%d ADUC, %d service, %d templates), %d computers,"
          " printer, DHCP authorisation, Exchange org skeleton"
          % (len(SECURITY_GROUP_LIST) + len(DISTRIBUTION_GROUP_LIST) + 4, len(USERS), len(ADUC_USERS),
             len(SERVICE_ACCOUNTS), len(TEMPLATES), len(CLIENTS) + 1))


def ddcp_template(sids, with_delegation):
    iusr, iwam, mon = sids["IUSR_%s" % SBS], sids["IWAM_%s" % SBS], sids["SBSMonAcct"]
    rights = [
        ("SeAssignPrimaryTokenPrivilege", "*S-1-5-20,*S-1-5-19,*%s" % iwam),
        ("SeAuditPrivilege", "*S-1-5-20,*S-1-5-19"),
        ("SeBackupPrivilege", "*S-1-5-32-549,*S-1-5-32-551,*S-1-5-32-544"),
        ("SeBatchLogonRight", "*S-1-5-32-568,*S-1-5-32-551,*S-1-5-32-544,*%s,*%s" % (iusr, iwam)),
        ("SeChangeNotifyPrivilege", "*S-1-5-32-554,*S-1-5-11,*S-1-5-32-544,*S-1-5-20,*S-1-5-19,*S-1-1-0"),
        ("SeEnableDelegationPrivilege", "*S-1-5-32-544"),
        ("SeInteractiveLogonRight", "*S-1-5-32-550,*S-1-5-9,*S-1-5-32-551,*S-1-5-32-544,*S-1-5-32-548,*S-1-5-32-549,*%s" % iusr),
        ("SeMachineAccountPrivilege", "*S-1-5-11"),
        ("SeNetworkLogonRight", "*S-1-5-32-554,*S-1-5-9,*S-1-5-11,*S-1-5-32-544,*S-1-1-0,*%s,*%s" % (iusr, iwam)),
        ("SeRemoteInteractiveLogonRight", "*S-1-5-32-544"),
        ("SeRestorePrivilege", "*S-1-5-32-549,*S-1-5-32-551,*S-1-5-32-544"),
        ("SeServiceLogonRight", "*S-1-5-20,*%s,*%s" % (iwam, mon)),
        ("SeShutdownPrivilege", "*S-1-5-32-550,*S-1-5-32-551,*S-1-5-32-549,*S-1-5-32-548,*S-1-5-32-544"),
        ("SeTcbPrivilege", ""),
    ]
    if not with_delegation:
        rights = [(k, v) for k, v in rights if k != "SeEnableDelegationPrivilege"]
    lines = ["[Unicode]", "Unicode=yes", "[Event Audit]",
             "AuditSystemEvents = 1", "AuditLogonEvents = 1", "AuditObjectAccess = 0",
             "AuditPrivilegeUse = 0", "AuditPolicyChange = 1", "AuditAccountManage = 1",
             "AuditProcessTracking = 0", "AuditDSAccess = 1", "AuditAccountLogon = 1",
             "[Registry Values]",
             "MACHINE\\System\\CurrentControlSet\\Services\\NTDS\\Parameters\\LDAPServerIntegrity=4,1",
             "MACHINE\\System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RequireSignOrSeal=4,1",
             "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature=4,1",
             "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\EnableSecuritySignature=4,1",
             "[Privilege Rights]"]
    lines += ["%s = %s" % (k, v) for k, v in rights]
    lines += ["[Version]", 'signature="$CHICAGO$"', "Revision=1", ""]
    return "\r\n".join(lines)


def write_ddcp_template(sysvol_domain_dir, sids, with_delegation):
    # the folder name's case is whatever provision used
    matches = [p for p in glob.glob("%s/Policies/*" % sysvol_domain_dir) if p.upper().endswith(DDCP_GUID)]
    folder = matches[0] if matches else "%s/Policies/%s" % (sysvol_domain_dir, DDCP_GUID)
    path = "%s/MACHINE/Microsoft/Windows NT/SecEdit/GptTmpl.inf" % folder
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + ddcp_template(sids, with_delegation).encode("utf-16-le"))
    os.chmod(path, 0o644)
    return path


# ---------------------------------------------------------------- GPOs
def create_gpos(conf, ldap_url, password_file, tmpdir):
    """Runs samba-tool's own "gpo create" for each SBS GPO, in this one process (saves a
    Python start-up per GPO), then links them and binds the WMI filters."""
    from samba.netcmd.main import cmd_sambatool
    with open(password_file) as f:
        cred = "Administrator%" + f.readline().strip()
    db = open_db(conf)
    policies = "CN=Policies,CN=System,%s" % db.domain_dn()
    have = set(str(r["displayName"][0]) for r in db.search(
        base=policies, scope=ldb.SCOPE_ONELEVEL, expression="(objectClass=groupPolicyContainer)",
        attrs=["displayName"]))
    for name, _ in GPOS_AND_LINKS:
        if name in have:
            continue
        rc = cmd_sambatool()._run("samba-tool", "gpo", "create", name, "-H", ldap_url, "-U", cred,
                                  "--tmpdir", tmpdir)
        if rc:
            raise SystemExit("samba-tool gpo create '%s' failed (%s)" % (name, rc))
    wire_gpos(conf)


def wire_gpos(conf):
    db = open_db(conf)
    base = str(db.domain_dn())
    policies = "CN=Policies,CN=System,%s" % base
    guid = {}
    for r in db.search(base=policies, scope=ldb.SCOPE_ONELEVEL,
                       expression="(objectClass=groupPolicyContainer)", attrs=["displayName", "cn"]):
        guid[str(r["displayName"][0])] = str(r["cn"][0])
    missing = [n for n, _ in GPOS_AND_LINKS if n not in guid]
    if missing:
        raise SystemExit("GPOs not found: %s" % ", ".join(missing))
    # gPLink: a list of [LDAP://<gpo dn>;<options>], first entry = lowest precedence
    links = {}
    for name, where in GPOS_AND_LINKS:
        if where is not None:
            links.setdefault(where, []).append("CN=%s,%s" % (guid[name], policies))
    for where, gpos in links.items():
        target = dn(db, where)
        res = db.search(base=target, scope=ldb.SCOPE_BASE, attrs=["gPLink"])
        existing = str(res[0]["gPLink"][0]) if "gPLink" in res[0] else ""
        value = existing + "".join("[LDAP://%s;0]" % g for g in gpos if g.lower() not in existing.lower())
        replace(db, target, gPLink=value)
    # WMI filters, bound to their GPOs through gPCWQLFilter
    som = "CN=SOM,CN=WMIPolicy,CN=System,%s" % base
    now = time.strftime("%Y%m%d%H%M%S.000000-000", time.gmtime())
    for name, desc, query, gpo in WMI_FILTERS:
        fid = "{%s}" % str(uuid.uuid4()).upper()
        parm2 = "1;3;10;%d;WQL;root\\CIMv2;%s;" % (len(query), query)
        db.add({"dn": "CN=%s,%s" % (fid, som), "objectClass": "msWMI-Som", "msWMI-Name": name,
                "msWMI-ID": fid, "msWMI-Parm1": desc, "msWMI-Parm2": parm2,
                "msWMI-Author": "Administrator@%s" % DNS_DOMAIN.upper(),
                "msWMI-ChangeDate": now, "msWMI-CreationDate": now,
                "showInAdvancedViewOnly": "TRUE"})
        replace(db, "CN=%s,%s" % (guid[gpo], policies), gPCWQLFilter="[%s;%s;0]" % (DNS_DOMAIN, fid))
    for name, _ in GPOS_AND_LINKS:
        print("%s %s" % (guid[name], name))


# ---------------------------------------------------------------- mutate helpers
def rename(conf, rel, new_rdn):
    db = open_db(conf)
    old = ldb.Dn(db, dn(db, rel))
    new = ldb.Dn(db, dn(db, rel))
    new.set_component(0, new_rdn.split("=", 1)[0], new_rdn.split("=", 1)[1])
    if not exists(db, str(old)):
        if exists(db, str(new)):
            print("already renamed: %s" % new)
            return
        raise SystemExit("no such object: %s" % old)
    db.rename(old, new)
    print("renamed %s -> %s" % (old, new))


def set_attr(conf, rel, attr, value):
    db = open_db(conf)
    replace(db, dn(db, rel), **{attr: value})


def del_attr(conf, rel, attr):
    db = open_db(conf)
    msg = ldb.Message(ldb.Dn(db, dn(db, rel)))
    msg[attr] = ldb.MessageElement([], ldb.FLAG_MOD_DELETE, attr)
    db.modify(msg)


def user_objects(db):
    # every user object except the computer accounts
    return db.search(base=str(db.domain_dn()), scope=ldb.SCOPE_SUBTREE,
                     expression="(&(objectCategory=person)(objectClass=user))",
                     attrs=["sAMAccountName", "userAccountControl"])


def count_users(conf):
    db = open_db(conf)
    everyone = user_objects(db)
    enabled = [u for u in everyone if not int(str(u["userAccountControl"][0])) & dsdb.UF_ACCOUNTDISABLE]
    sbs = db.search(base=dn(db, SBS_USERS), scope=ldb.SCOPE_ONELEVEL,
                    expression="(objectCategory=person)", attrs=["dn"])
    print("users=%d enabled=%d sbsusers=%d" % (len(everyone), len(enabled), len(sbs)))


def fill_users(conf, total, password):
    db = open_db(conf)
    total = int(total)
    sbs = db.search(base=dn(db, SBS_USERS), scope=ldb.SCOPE_ONELEVEL,
                    expression="(objectCategory=person)", attrs=["dn"])
    n, made = len(sbs), 0
    i = 1
    while n < total:
        sam = "labuser%02d" % i
        i += 1
        if db.search(base=str(db.domain_dn()), scope=ldb.SCOPE_SUBTREE,
                     expression="(sAMAccountName=%s)" % sam, attrs=["dn"]):
            continue
        db.newuser(sam, password, userou=SBS_USERS, givenname="Lab", surname="User %s" % sam[-2:],
                   scriptpath="SBS_LOGIN_SCRIPT.bat", homedrive="Z:",
                   homedirectory="\\\\%s\\UserShares\\%s" % (SBS, sam),
                   mailaddress="%s@%s" % (sam, MAIL_DOMAIN), description="added by mutate too-many-users")
        n += 1
        made += 1
    print("added %d users; OU=SBSUsers now holds %d" % (made, n))


def drop_users(conf, prefix):
    db = open_db(conf)
    res = db.search(base=str(db.domain_dn()), scope=ldb.SCOPE_SUBTREE,
                    expression="(&(objectCategory=person)(sAMAccountName=%s*))" % ldb.binary_encode(prefix),
                    attrs=["dn"])
    for r in res:
        db.delete(r.dn)
    print("deleted %d users named %s*" % (len(res), prefix))


def rewrite_ddcp(conf, sysvol_domain_dir, with_delegation):
    db = open_db(conf)
    sids = {sam: sid_of(db, sam) for sam in ("IUSR_%s" % SBS, "IWAM_%s" % SBS, "SBSMonAcct")}
    print(write_ddcp_template(sysvol_domain_dir, sids, with_delegation=with_delegation == "yes"))


# ---------------------------------------------------------------- what the actions act on
# (issue 11) The legacy Client Computer GPO linked in two more places next to other links (the
# domain root between the Default Domain Policy and the password policy; the site, enforced),
# the Folder Redirection GPO with its SYSVOL settings, one scriptPath in another letter case.
FDEPLOY = "\r\n".join([
    "[FolderStatus]", "My Documents=11", "Desktop=11", "Application Data=11", "",
    "[My Documents]", "s-1-1-0=\\\\%s\\UserShares\\%%USERNAME%%\\My Documents" % SBS, "",
    "[Desktop]", "s-1-1-0=\\\\%s\\UserShares\\%%USERNAME%%\\Desktop" % SBS, "",
    "[Application Data]", "s-1-1-0=\\\\%s\\UserShares\\%%USERNAME%%\\Application Data" % SBS, ""])
FR_USER_CSE = "[{25537BA6-77A8-11D2-9B6C-0000F8080861}{88E729D6-BDC1-11D1-BD2A-00C04FB9603F}]"


def action_fixtures(conf, sysvol_domain_dir):
    db = open_db(conf)
    base = str(db.domain_dn())
    policies = "CN=Policies,CN=System,%s" % base
    guid = {}
    for r in db.search(base=policies, scope=ldb.SCOPE_ONELEVEL,
                       expression="(objectClass=groupPolicyContainer)", attrs=["displayName", "cn"]):
        guid[str(r["displayName"][0])] = str(r["cn"][0])
    client = "CN=%s,%s" % (guid["Small Business Server Client Computer"], policies)
    # domain root: Default Domain Policy, Client Computer, Password Policy, Lockout Policy
    res = db.search(base=base, scope=ldb.SCOPE_BASE, attrs=["gPLink"])
    links = str(res[0]["gPLink"][0]) if "gPLink" in res[0] else ""
    if client.lower() not in links.lower():
        parts = links.split("][")
        first = parts[0] + ("]" if len(parts) > 1 else "")
        rest = links[len(first):]
        replace(db, base, gPLink=first + "[LDAP://%s;0]" % client + rest)
    site = "CN=Default-First-Site-Name,CN=Sites,%s" % db.get_config_basedn()
    res = db.search(base=site, scope=ldb.SCOPE_BASE, attrs=["gPLink"])
    links = str(res[0]["gPLink"][0]) if "gPLink" in res[0] else ""
    if client.lower() not in links.lower():
        replace(db, site, gPLink=links + "[LDAP://%s;2]" % client)
    # Folder Redirection: user settings in SYSVOL, version and extension names in the container
    fr = guid["Small Business Server Folder Redirection"]
    matches = [p for p in glob.glob("%s/Policies/*" % sysvol_domain_dir) if p.upper().endswith(fr.upper())]
    folder = matches[0]
    # the folder's own letter case (samba-tool writes "User"; Windows sees one folder either way)
    user = ([d for d in os.listdir(folder) if d.upper() == "USER"] or ["User"])[0]
    ds = "%s/%s/Documents & Settings" % (folder, user)
    os.makedirs(ds, exist_ok=True)
    with open("%s/fdeploy.ini" % ds, "wb") as f:
        f.write(b"\xff\xfe" + FDEPLOY.encode("utf-16-le"))
    with open("%s/GPT.INI" % folder, "wb") as f:
        f.write(b"[General]\r\nVersion=65536\r\ndisplayName=New Group Policy Object\r\n")
    for root, dirs, files in os.walk(folder):
        for n in dirs:
            os.chmod(os.path.join(root, n), 0o755)
        for n in files:
            os.chmod(os.path.join(root, n), 0o644)
    replace(db, "CN=%s,%s" % (fr, policies), versionNumber="65536", gPCUserExtensionNames=FR_USER_CSE)
    # a logon script path typed in another letter case (the wizard wrote SBS_LOGIN_SCRIPT.bat)
    res = db.search(base=base, scope=ldb.SCOPE_SUBTREE, expression="(sAMAccountName=pgarcia)", attrs=["dn"])
    replace(db, str(res[0].dn), scriptPath="sbs_login_script.BAT")
    print("action fixtures: Client Computer GPO linked at the domain root and the site, Folder Redirection"
          " settings in SYSVOL, pgarcia's scriptPath in another case")


def ddcp_batch_admins(conf, sysvol_domain_dir, present):
    """Removes (present=no) or puts back (yes) *S-1-5-32-544 in SeBatchLogonRight of the Default
    Domain Controllers Policy, editing the UTF-16LE file in place."""
    matches = [p for p in glob.glob("%s/Policies/*" % sysvol_domain_dir) if p.upper().endswith(DDCP_GUID)]
    path = "%s/MACHINE/Microsoft/Windows NT/SecEdit/GptTmpl.inf" % matches[0]
    with open(path, "rb") as f:
        raw = f.read()
    text = raw[2:].decode("utf-16-le")
    out = []
    for line in text.split("\r\n"):
        if line.startswith("SeBatchLogonRight = "):
            values = [v for v in line[len("SeBatchLogonRight = "):].split(",") if v and v != "*S-1-5-32-544"]
            if present == "yes":
                values.insert(min(2, len(values)), "*S-1-5-32-544")
            line = "SeBatchLogonRight = " + ",".join(values)
        out.append(line)
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + "\r\n".join(out).encode("utf-16-le"))
    print(path)


def msdcs_records(conf):
    """A domain Samba provisions at the Windows 2000 functional level gets no _msdcs records (its
    DNS application partitions are not there), while a real SBS 2003 domain at that level has the
    DC locator records that netlogon registers. Adds _ldap._tcp.dc._msdcs and
    _kerberos._tcp.dc._msdcs next to the domain's own _ldap._tcp and _kerberos._tcp nodes, with
    the same SRV values (target, port)."""
    db = open_db(conf)
    added = []
    for proto in ("_ldap._tcp", "_kerberos._tcp"):
        nodes = db.search(base=str(db.get_root_basedn()), scope=ldb.SCOPE_SUBTREE,
                          expression="(&(objectClass=dnsNode)(name=%s))" % proto,
                          attrs=["dnsRecord"], controls=["search_options:1:2"])
        if not nodes:
            raise SystemExit("no %s dnsNode to copy" % proto)
        node = nodes[0]
        zone = node.dn.parent()
        target = ldb.Dn(db, "DC=%s.dc._msdcs,%s" % (proto, zone))
        if exists(db, str(target)):
            continue
        msg = ldb.Message(target)
        msg["objectClass"] = ldb.MessageElement(["top", "dnsNode"], ldb.FLAG_MOD_ADD, "objectClass")
        msg["dnsRecord"] = ldb.MessageElement(list(node["dnsRecord"]), ldb.FLAG_MOD_ADD, "dnsRecord")
        db.add(msg)
        added.append(str(target))
    print("msdcs records added: %s" % ", ".join(added))


def main(argv):
    if len(argv) < 3:
        raise SystemExit("usage: see the header of %s" % argv[0])
    conf, cmd, args = argv[1], argv[2], argv[3:]
    handlers = {
        "extend-schema": lambda: extend_schema(conf),
        "populate": lambda: populate(conf, *args),
        "prepare": lambda: (extend_schema(conf), populate(conf, *args)),
        "create-gpos": lambda: create_gpos(conf, *args),
        "rename": lambda: rename(conf, *args),
        "set": lambda: set_attr(conf, *args),
        "del": lambda: del_attr(conf, *args),
        "fill-users": lambda: fill_users(conf, *args),
        "drop-users": lambda: drop_users(conf, *args),
        "count-users": lambda: count_users(conf),
        "ddcp": lambda: rewrite_ddcp(conf, *args),
        "action-fixtures": lambda: action_fixtures(conf, *args),
        "ddcp-batch-admins": lambda: ddcp_batch_admins(conf, *args),
        "msdcs-records": lambda: msdcs_records(conf),
    }
    if cmd not in handlers:
        raise SystemExit("unknown command %s" % cmd)
    handlers[cmd]()


if __name__ == "__main__":
    main(sys.argv)
