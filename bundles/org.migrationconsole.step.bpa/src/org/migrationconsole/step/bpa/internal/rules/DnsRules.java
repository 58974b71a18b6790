package org.migrationconsole.step.bpa.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** DNS: the destination advertised as a DC (SRV, _msdcs), name servers, its own records. */
final class DnsRules {

    private DnsRules() {
    }

    static List<BpaRule> all() {
        return List.of(
                new BpaRule("bpa.dns.srv-locator", "DNS", "error",
                        "The destination is advertised in the DC locator SRV records", DnsRules::srvLocator),
                new BpaRule("bpa.dns.srv-targets", "DNS", "warning",
                        "Every DC locator SRV record names a current domain controller", DnsRules::srvTargets),
                new BpaRule("bpa.dns.pdc-record", "DNS", "error",
                        "_ldap._tcp.pdc._msdcs names the PDC emulator", DnsRules::pdcRecord),
                new BpaRule("bpa.dns.dsa-alias", "DNS", "error",
                        "The destination's DSA alias <GUID>._msdcs resolves to it", DnsRules::dsaAlias),
                new BpaRule("bpa.dns.host-record", "DNS", "error",
                        "The destination's host record and the domain's own A records", DnsRules::hostRecord),
                new BpaRule("bpa.dns.ns-records", "DNS", "warning",
                        "The name servers of the domain and _msdcs zones are current domain controllers",
                        DnsRules::nsRecords),
                new BpaRule("bpa.dns.scavenging", "DNS", "info",
                        "Aging and scavenging of stale records is enabled on the domain zone", DnsRules::scavenging));
    }

    /** The locator names every DC registers (site-specific ones for the destination's site). */
    static Map<String, Boolean> locatorNames(Target t, boolean gc, String site) throws Exception {
        String d = t.domain();
        String f = t.forest();
        Map<String, Boolean> names = new LinkedHashMap<>(); // name -> whether the destination must be in it
        names.put("_ldap._tcp." + d, true);
        names.put("_kerberos._tcp." + d, true);
        names.put("_kpasswd._tcp." + d, true);
        names.put("_ldap._tcp.dc._msdcs." + d, true);
        names.put("_kerberos._tcp.dc._msdcs." + d, true);
        if (site != null) {
            names.put("_ldap._tcp." + site + "._sites.dc._msdcs." + d, true);
            names.put("_kerberos._tcp." + site + "._sites.dc._msdcs." + d, true);
        }
        names.put("_gc._tcp." + f, gc);
        names.put("_ldap._tcp.gc._msdcs." + f, gc);
        return names;
    }

    static String siteOf(Target.Dc dc) {
        // CN=NEWDC,CN=Servers,CN=<site>,CN=Sites,CN=Configuration,...
        String[] rdns = dc.serverDn().split(",");
        return rdns.length > 2 && rdns[2].regionMatches(true, 0, "CN=", 0, 3) ? rdns[2].substring(3) : null;
    }

    static boolean isGc(Target.Dc dc) {
        return (Target.number(dc.ntdsOptions(), 0) & 1) != 0;
    }

    private static Verdict notDc(Target t) {
        return Verdict.skipped(t.destination() + " is not a domain controller (no NTDS Settings under CN=Sites)",
                List.of("server asked: " + t.dnsServer()));
    }

    static Verdict srvLocator(Target t) throws Exception {
        Target.Dc dest = t.destinationDc();
        if (dest == null) {
            return notDc(t);
        }
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : locatorNames(t, isGc(dest), siteOf(dest)).entrySet()) {
            if (!e.getValue()) {
                continue;
            }
            List<String> srv = t.services(e.getKey());
            boolean has = srv.stream().anyMatch(s -> Target.sameHost(s.substring(s.lastIndexOf(' ') + 1),
                    t.destination()));
            evidence.add(e.getKey() + " SRV at " + t.dnsServer() + ": " + (srv.isEmpty() ? "(none)"
                    : String.join("; ", srv)));
            if (!has) {
                problems.add(e.getKey() + " does not name " + t.destination());
            }
        }
        return Verdict.judge(problems, evidence, t.destination() + " is advertised in every DC locator record",
                "{n} DC locator record(s) do not advertise " + t.destination(),
                "On the destination run 'nltest /dsregdns' (or restart the Netlogon service) so that it registers"
                        + " its SRV records, then check with 'dcdiag /test:dns /dnsrecordregistration'.");
    }

    static Verdict srvTargets(Target t) throws Exception {
        Target.Dc dest = t.destinationDc();
        if (dest == null) {
            return notDc(t);
        }
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (String name : locatorNames(t, true, siteOf(dest)).keySet()) {
            for (String s : t.services(name)) {
                String target = s.substring(s.lastIndexOf(' ') + 1);
                evidence.add(name + ": " + s);
                if (!t.isDc(target)) {
                    problems.add(name + " names " + target + ", which is not a domain controller");
                }
            }
        }
        return Verdict.judge(problems, evidence, "Every DC locator SRV record names a current domain controller",
                "{n} DC locator record(s) name a server that is no longer a domain controller",
                "Delete the records that name a removed server (DNS Manager, or 'dnscmd /recorddelete'; the"
                        + " console's post.remove-source-dns action removes the source's), so that clients stop"
                        + " trying it.");
    }

    static Verdict pdcRecord(Target t) throws Exception {
        Entry head = t.entry(t.domainNc(), "fSMORoleOwner");
        String owner = head == null ? null : head.first("fSMORoleOwner");
        if (owner == null) {
            return Verdict.fail("The domain head has no fSMORoleOwner", List.of(), "Seize the PDC emulator role.");
        }
        Target.Dc pdc = null;
        for (Target.Dc d : t.dcs()) {
            if (d.ntdsDn().equalsIgnoreCase(owner)) {
                pdc = d;
            }
        }
        String name = "_ldap._tcp.pdc._msdcs." + t.domain();
        List<String> srv = t.services(name);
        List<String> evidence = List.of("PDC emulator: " + owner, name + " SRV at " + t.dnsServer() + ": "
                + (srv.isEmpty() ? "(none)" : String.join("; ", srv)));
        if (pdc == null) {
            return Verdict.fail("The PDC emulator role names an NTDS Settings object that no longer exists", evidence,
                    "Seize the PDC emulator on the destination (ntdsutil, roles, seize pdc).");
        }
        String host = pdc.host();
        boolean ok = srv.size() == 1 && Target.sameHost(srv.get(0).substring(srv.get(0).lastIndexOf(' ') + 1), host);
        return ok ? Verdict.pass(name + " names the PDC emulator " + host, evidence)
                : Verdict.fail(name + " does not name the PDC emulator " + host + " (alone)", evidence,
                        "On " + host + " run 'nltest /dsregdns'; delete a record that names another server.");
    }

    static Verdict dsaAlias(Target t) throws Exception {
        Target.Dc dest = t.destinationDc();
        if (dest == null) {
            return notDc(t);
        }
        // the _msdcs zone's GUID-named nodes: <DSA GUID>._msdcs.<forest> CNAME <DC's host>
        String forest = t.forest();
        List<String> evidence = new ArrayList<>();
        String mine = null;
        List<String> stale = new ArrayList<>();
        for (Entry node : msdcsNodes(t)) {
            String name = node.first("dc");
            if (name == null || !name.matches("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}")) {
                continue;
            }
            String fqdn = name + "._msdcs." + forest;
            String target = t.alias(fqdn);
            evidence.add(fqdn + " CNAME " + (target == null ? "(none)" : target));
            if (target != null && Target.sameHost(target, t.destination())) {
                mine = fqdn;
            } else if (target != null && !t.isDc(target)) {
                stale.add(fqdn + " points to " + target + ", which is not a domain controller");
            }
        }
        if (mine == null) {
            return Verdict.fail("No <GUID>._msdcs." + forest + " alias points to " + t.destination()
                    + ": other DCs cannot find it to replicate", evidence,
                    "On the destination run 'nltest /dsregdns' or restart Netlogon; check with 'dcdiag /test:dns'.");
        }
        List<String> addresses = t.addresses(mine);
        evidence.add(mine + " A (through the alias): " + (addresses.isEmpty() ? "(none)" : String.join(", ",
                addresses)));
        List<String> problems = new ArrayList<>(stale);
        if (addresses.isEmpty()) {
            problems.add(mine + " does not resolve to an address");
        } else if (t.destinationAddress() != null && !addresses.contains(t.destinationAddress())) {
            problems.add(mine + " resolves to " + addresses + ", not to the destination's " + t.destinationAddress());
        }
        return Verdict.judge(problems, evidence, mine + " resolves to " + t.destination(),
                "{n} problem(s) with the DSA aliases in _msdcs." + forest,
                "Delete aliases of removed servers in the _msdcs zone; on the destination run 'nltest /dsregdns'.");
    }

    /** The dnsNode objects of the _msdcs zone (forest-wide partition, or domain-wide on old domains). */
    static List<Entry> msdcsNodes(Target t) throws Exception {
        String forest = t.forest();
        List<Entry> out = new ArrayList<>();
        for (String part : List.of("DC=ForestDnsZones," + t.rootDomainNc(), "DC=DomainDnsZones," + t.domainNc(),
                "CN=MicrosoftDNS,CN=System," + t.domainNc())) {
            String base = part.startsWith("CN=MicrosoftDNS") ? "DC=_msdcs." + forest + "," + part
                    : "DC=_msdcs." + forest + ",CN=MicrosoftDNS," + part;
            out.addAll(t.dir().search(base, Scope.ONE, "(objectClass=dnsNode)", "dc"));
        }
        return out;
    }

    static Verdict hostRecord(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> own = t.addresses(t.destination());
        evidence.add(t.destination() + " A at " + t.dnsServer() + ": " + (own.isEmpty() ? "(none)"
                : String.join(", ", own)));
        if (own.isEmpty()) {
            problems.add(t.destination() + " has no A record");
        } else if (t.destinationAddress() != null && !own.contains(t.destinationAddress())) {
            problems.add(t.destination() + " resolves to " + own + ", not to " + t.destinationAddress()
                    + " (the profile's destination.address)");
        }
        if (own.size() > 1) {
            problems.add(t.destination() + " has " + own.size() + " addresses: clients may pick one that does not"
                    + " answer");
        }
        List<String> domainA = t.addresses(t.domain());
        evidence.add(t.domain() + " A: " + (domainA.isEmpty() ? "(none)" : String.join(", ", domainA)));
        if (!own.isEmpty() && domainA.stream().noneMatch(own::contains)) {
            problems.add(t.domain() + " (same as parent folder, used for \\\\" + t.domain()
                    + "\\SYSVOL) has no A record of the destination");
        }
        if (t.destinationDc() != null) {
            for (String a : domainA) {
                if (!own.contains(a) && !anyDcHas(t, a)) {
                    problems.add(t.domain() + " A " + a + " is no domain controller's address");
                }
            }
        }
        return Verdict.judge(problems, evidence, t.destination() + " and " + t.domain() + " resolve to the"
                + " destination", "{n} problem(s) with the host records",
                "Correct the A records in the domain zone (DNS Manager): the destination's own and the domain's"
                        + " '(same as parent folder)' ones; delete the addresses of removed servers.");
    }

    private static boolean anyDcHas(Target t, String address) throws Exception {
        for (Target.Dc d : t.dcs()) {
            if (d.host() != null && t.addresses(d.host()).contains(address)) {
                return true;
            }
        }
        return false;
    }

    static Verdict nsRecords(Target t) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean destListed = false;
        for (String zone : List.of(t.domain(), "_msdcs." + t.forest())) {
            List<String> ns = t.nameServers(zone);
            evidence.add(zone + " NS at " + t.dnsServer() + ": " + (ns.isEmpty() ? "(none)" : String.join(", ", ns)));
            for (String n : ns) {
                if (!t.isDc(n)) {
                    problems.add(zone + " NS " + n + " is not a domain controller"
                            + (Target.sameHost(n, t.oldServer()) ? " (the old server)" : ""));
                }
                destListed |= Target.sameHost(n, t.destination());
            }
        }
        if (t.destinationDc() != null && !destListed) {
            problems.add("no NS record names the destination " + t.destination());
        }
        return Verdict.judge(problems, evidence, "The name servers are current domain controllers",
                "{n} name server record(s) are wrong",
                "In DNS Manager, zone properties, Name Servers: remove servers that are gone and add the"
                        + " destination; do the same for the _msdcs zone.");
    }

    static Verdict scavenging(Target t) throws Exception {
        String zoneDn = "DC=" + t.domain() + ",CN=MicrosoftDNS,DC=DomainDnsZones," + t.domainNc();
        Entry zone = t.entry(zoneDn, "dnsProperty");
        if (zone == null) {
            zone = t.entry("DC=" + t.domain() + ",CN=MicrosoftDNS,CN=System," + t.domainNc(), "dnsProperty");
        }
        if (zone == null) {
            return Verdict.skipped("The domain zone is not stored in the directory (not AD-integrated)",
                    List.of(zoneDn + ": not found"));
        }
        // DNS_RPC_PROPERTY (MS-DNSP 2.3.2.1): DataLength, NameLength, Flag, Version, Id (4 bytes each,
        // little-endian), then Data; DSPROPERTY_ZONE_AGING_STATE is 0x40, its Data a 4-byte boolean. The values
        // come as text; the bytes read here are all below 0x80 and so come through unchanged.
        Boolean aging = null;
        for (String v : zone.values("dnsProperty")) {
            if (v.length() >= 24 && le32(v, 16) == 0x40) {
                aging = le32(v, 20) != 0;
            }
        }
        List<String> evidence = List.of(zone.dn() + " dnsProperty aging state (0x40): "
                + (aging == null ? "not set (off)" : aging ? "on" : "off"));
        return Boolean.TRUE.equals(aging) ? Verdict.pass("Aging is on for " + t.domain(), evidence)
                : Verdict.fail("Aging and scavenging is off for " + t.domain()
                        + ": records of removed computers stay forever", evidence,
                        "DNS Manager: zone " + t.domain() + ", Properties, General, Aging: tick 'Scavenge stale"
                                + " resource records' (7 + 7 days), and enable scavenging on the destination server.");
    }

    private static long le32(String v, int at) {
        long r = 0;
        for (int i = 3; i >= 0; i--) {
            char ch = v.charAt(at + i);
            if (ch > 0xFF) {
                return -1; // a byte that did not come through: not a value we can read
            }
            r = (r << 8) | ch;
        }
        return r;
    }
}
